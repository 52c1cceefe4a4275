"""Immutable, semantically versioned releases under outputs/releases/<version>/.

A release is cut only when the validated tables differ from the latest
release; the version bump comes from the diff. A release folder is written
completely under a temporary name and renamed into place once; an existing
release is never rewritten. manifest.json lists every file with its sha256
and pins the previous release's manifest.json (the chain); SHA256SUMS lets
any sha256sum check the bytes. The latest release is verified before the
next one is diffed against it, so an altered release is refused, never
recorded as a genuine change. The same tables give the same bytes in every
file, the DuckDB file included (release_duckdb.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.extract import RELEASE_BLOCKING_KINDS
from pipeline.knowledge import reference_sources
from pipeline.publish.duckdb_file import DUCKDB_NAME
from pipeline.publish.files import TEMP_PREFIX, fsync_directory, sha256_file, write_atomic
from pipeline.publish.parquet import arrow_parquet_bytes
from pipeline.release.changelog import release_notes
from pipeline.release.csv_copy import csv_bytes
from pipeline.release.datapackage import ResourceFile, datapackage, write_datapackage
from pipeline.release.diff import TableDiff, TableSnapshot, bump_of, diff_tables
from pipeline.release.layout import (
    CHECKSUMS,
    DATAPACKAGE,
    INDEX,
    LATEST,
    MANIFEST,
    NOTES,
    incomplete_releases,
    list_releases,
)
from pipeline.release.pages import write_release_page, write_releases_index
from pipeline.release.release_duckdb import write_release_duckdb
from pipeline.release.verify import PREVIOUS_MANIFEST, chain_problems, verify_release
from pipeline.release.versions import next_version, schema_version
from pipeline.settings import PROJECT_ROOT
from pipeline.state.keys import code_version as extraction_code_version
from pipeline.validate import ValidationFailed, validate_whole
from schemas import TABLES
from schemas.arrow import arrow_schema

DEPENDENCIES = ("dagster", "pandas", "pandera", "pyarrow", "duckdb", "pycountry")


class ReleaseError(RuntimeError):
    pass


@dataclass(frozen=True)
class ReleasePlan:
    previous: str | None
    version: str | None  # None: the tables equal the latest release, nothing to cut
    bump: str | None
    diffs: list[TableDiff]
    previous_manifest: str | None = None  # sha256 of the previous release's manifest.json, as verified


@dataclass(frozen=True)
class CutRelease:
    plan: ReleasePlan
    folder: Path | None
    notes: str | None


def releases_dir(outputs_dir: Path) -> Path:
    return outputs_dir / "releases"


def latest_release(folder: Path) -> str | None:
    """The newest complete release. LATEST is a pointer kept in step with it, not the source of truth,
    so a build killed between moving a release into place and writing LATEST loses nothing."""
    versions = list_releases(folder)
    return versions[-1] if versions else None


def snapshots_from_tables(tables: dict[str, pa.Table]) -> dict[str, TableSnapshot]:
    """Read back the same way as a release's Parquet files, so equal rows compare equal."""
    return {
        spec.name: TableSnapshot(arrow_schema(spec.name), spec.primary_key, tables[spec.name].to_pandas())
        for spec in TABLES
    }


def snapshots_from_release(folder: Path) -> dict[str, TableSnapshot]:
    manifest = json.loads((folder / MANIFEST).read_text())
    snapshots = {}
    for name, facts in manifest["tables"].items():
        table = pq.read_table(folder / facts["file"])
        snapshots[name] = TableSnapshot(table.schema, tuple(facts["primary_key"]), table.to_pandas())
    return snapshots


def plan_release(tables: dict[str, pa.Table], folder: Path) -> ReleasePlan:
    """The diff against the latest release, once that release has verified (ReleaseError otherwise)."""
    previous = latest_release(folder)
    previous_manifest = check_latest(folder, previous)
    old = snapshots_from_release(folder / previous) if previous else {}
    diffs = diff_tables(old, snapshots_from_tables(tables))
    bump = bump_of(diffs)
    if bump is None:
        return ReleasePlan(previous, None, None, diffs, previous_manifest)
    return ReleasePlan(previous, next_version(previous, bump), bump, diffs, previous_manifest)


def check_latest(folder: Path, latest: str | None) -> str | None:
    """The sha256 of the latest release's manifest.json, once the release and its link to the one before verify.

    A release folder edited after it was cut (however consistently) would otherwise become the base of the
    next diff, and the edit would be published as a genuine change.
    """
    problems = [
        f"{name}: not a complete release (no {MANIFEST} or {CHECKSUMS})" for name in incomplete_releases(folder)
    ]
    if latest is not None:
        problems += verify_release(folder / latest) + chain_problems(folder, [latest])
    if problems:
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise ReleaseError(
            f"no release is cut: the releases in {folder} do not verify, and the next release would be diffed "
            f"against them. Restore them as published (from git) and build again.\n{listed}"
        )
    return sha256_file(folder / latest / MANIFEST) if latest else None


def compare_releases(folder: Path, old: str, new: str) -> str:
    """What changed from release `old` to `new`, as release notes; the code is the one `new` was built from.

    The same function writes a release's CHANGELOG.md, so for two consecutive releases this is their notes.
    """
    manifest = json.loads((folder / new / MANIFEST).read_text())
    diffs = diff_tables(snapshots_from_release(folder / old), snapshots_from_release(folder / new))
    return release_notes(new, old, diffs, manifest.get("code_version"))


def release_blockers(tables: dict[str, pa.Table | pd.DataFrame]) -> pd.DataFrame:
    """Quality issues that mean a document's facts are missing: the sound data is published, no release is cut."""
    issues = tables["quality_issues"]
    issues = issues if isinstance(issues, pd.DataFrame) else issues.to_pandas()
    blocking = issues[issues["kind"].isin(RELEASE_BLOCKING_KINDS)]
    return blocking[["source_id", "line", "kind", "detail"]].reset_index(drop=True)


def cut_release(tables: dict[str, pa.Table], outputs_dir: Path) -> CutRelease:
    """Cut the next release if the tables changed; call it under the publish lock.

    When a release is due, every table is validated in full first, whatever the build reused;
    a failure raises ValidationFailed before anything is written.
    """
    folder = releases_dir(outputs_dir)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_staging(folder)
    plan = plan_release(tables, folder)
    if plan.version is None:
        _point_latest_at(folder, plan.previous)
        return CutRelease(plan, None, None)
    final = folder / plan.version
    failures = validate_whole(tables)
    if not failures.passed:
        raise ValidationFailed(failures)
    if final.exists():
        raise ReleaseError(
            f"release {plan.version} already exists at {final}; releases are immutable and are never rewritten"
        )
    code = code_version()
    notes = release_notes(plan.version, plan.previous, plan.diffs, code)
    staging = folder / f"{TEMP_PREFIX}{plan.version}-{os.getpid()}"
    staging.mkdir()
    try:
        _write_release(staging, plan, tables, code, notes)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk must not leave a half release behind
        raise
    _move_release_into_place(staging, final)
    _point_latest_at(folder, plan.version)
    return CutRelease(plan, final, notes)


def _move_release_into_place(staging: Path, final: Path) -> None:
    """One rename makes a complete release visible; it fails rather than replace an existing, non-empty release."""
    try:
        os.rename(staging, final)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseError(f"release {final.name} could not be moved into place: {error}") from error
    fsync_directory(final.parent)


def _point_latest_at(folder: Path, version: str | None) -> None:
    """Write LATEST and the release indexes (CHANGELOG.md, index.html) when they do not already name `version`."""
    if version is None:
        return
    pointer = folder / LATEST
    if not pointer.exists() or pointer.read_text().strip() != version:
        write_atomic(pointer, f"{version}\n".encode())
    index = release_index(folder)
    if not (folder / INDEX).exists() or (folder / INDEX).read_text() != index:
        write_atomic(folder / INDEX, index.encode())
    write_releases_index(folder)


def _write_release(staging: Path, plan: ReleasePlan, tables: dict[str, pa.Table], code: str | None, notes: str) -> None:
    parquet_files = [_write_table_file(staging, spec.name, ".parquet", arrow_parquet_bytes, tables) for spec in TABLES]
    csv_files = [_write_table_file(staging, spec.name, ".csv", csv_bytes, tables) for spec in TABLES]
    sources = tables["sources"].to_pylist()
    manifest = release_manifest(plan, parquet_files, sources, code)
    raw = [_raw_resource(r) for r in sources]
    write_datapackage(datapackage(plan.version or "", parquet_files, csv_files, raw, code), staging / DATAPACKAGE)
    write_atomic(staging / NOTES, notes.encode())
    extra = {"_release": release_facts(manifest), "_columns": data_dictionary()}
    write_release_duckdb(tables, staging / DUCKDB_NAME, extra_tables=extra)
    _seal(staging, manifest)
    os.chmod(staging, 0o755)


def _raw_resource(source: dict) -> dict:
    title = source["title"] or source["file_name"]
    return {
        "title": title,
        "path": f"raw/{source['file_name']}",
        "publisher": source["publisher"],
        "sha256": source["sha256"],
    }


def _seal(staging: Path, manifest: dict) -> None:
    """manifest.json and SHA256SUMS list every file; then index.html, which shows them, is written and listed too.

    The page shows every file's sha256 but manifest.json's: the manifest lists the page's hash, and two files
    cannot each hold the other's. What the page shows of the manifest is the same in both listings.
    """
    _list_files(staging, manifest)
    write_release_page(staging)
    _list_files(staging, manifest)


def _list_files(staging: Path, manifest: dict) -> None:
    listed = {**manifest, "files": file_facts(staging)}
    write_atomic(staging / MANIFEST, (json.dumps(listed, indent=2, ensure_ascii=False) + "\n").encode())
    write_atomic(staging / CHECKSUMS, checksums(staging).encode())


def file_facts(folder: Path) -> dict[str, dict]:
    """{name: {sha256, bytes}} of every file but manifest.json and SHA256SUMS, which cannot list themselves."""
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in (MANIFEST, CHECKSUMS))
    return {name: {"sha256": sha256_file(folder / name), "bytes": (folder / name).stat().st_size} for name in names}


def _write_table_file(
    staging: Path, name: str, suffix: str, encode: Callable[[pa.Table], bytes], tables: dict[str, pa.Table]
) -> ResourceFile:
    """One table written as `<name><suffix>` (Parquet, or its CSV copy), with the facts the descriptor states."""
    try:
        data = encode(tables[name])
    except ValueError as error:  # the CSV copy refuses what it cannot write faithfully
        raise ReleaseError(f"{name}{suffix}: {error}") from error
    write_atomic(staging / f"{name}{suffix}", data)
    return ResourceFile(name, f"{name}{suffix}", hashlib.sha256(data).hexdigest(), len(data), len(tables[name]))


def release_manifest(plan: ReleasePlan, files: list[ResourceFile], sources: list[dict], code: str | None) -> dict:
    return {
        "name": "canada-relations",
        "version": plan.version,
        "schema_version": schema_version(plan.version or "0.0.0"),
        "previous_version": plan.previous,
        PREVIOUS_MANIFEST: plan.previous_manifest,
        "bump": plan.bump if plan.previous else "initial",
        "code_version": code,
        "extraction_code_version": extraction_code_version(),
        "dependencies": {name: _installed(name) for name in DEPENDENCIES},
        "reference_data": reference_sources(),  # where the countries table's names and regions come from
        "raw_files": [
            {"source_id": r["source_id"], "file_name": r["file_name"], "sha256": r["sha256"], "bytes": int(r["bytes"])}
            for r in sources
        ],
        "tables": {
            f.table: {
                "file": f.path,
                "sha256": f.sha256,
                "bytes": f.bytes,
                "rows": f.rows,
                "primary_key": list(_spec(f.table).primary_key),
            }
            for f in files
        },
    }


def release_facts(manifest: dict) -> pd.DataFrame:
    """The manifest as (key, value) rows for the release's `_release` table."""
    rows = [(k, str(v) if v is not None else None) for k, v in manifest.items() if not isinstance(v, (dict, list))]
    rows += [(f"dependency.{k}", v) for k, v in manifest["dependencies"].items()]
    rows += [(f"reference_data.{k}", v) for k, v in manifest.get("reference_data", {}).items()]
    rows += [(f"raw_file.{r['file_name']}.sha256", r["sha256"]) for r in manifest["raw_files"]]
    rows += [
        (f"table.{t}.{k}", str(v))
        for t, facts in manifest["tables"].items()
        for k, v in facts.items()
        if k != "primary_key"
    ]
    return pd.DataFrame(rows, columns=["key", "value"])


def data_dictionary() -> pd.DataFrame:
    rows = []
    for spec in TABLES:
        schema = arrow_schema(spec.name)
        for position, field in enumerate(schema, start=1):
            rows.append(
                {
                    "table_name": spec.name,
                    "column_name": field.name,
                    "position": position,
                    "type": str(field.type),
                    "nullable": field.nullable,
                    "primary_key": field.name in spec.primary_key,
                    "description": field.metadata[b"description"].decode(),
                }
            )
    return pd.DataFrame(rows)


def checksums(folder: Path) -> str:
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != CHECKSUMS)
    return "".join(f"{sha256_file(folder / name)}  {name}\n" for name in names)


def release_index(folder: Path) -> str:
    lines = [
        "# Releases",
        "",
        "Every release of the dataset, newest first. Each folder holds its own CHANGELOG.md.",
        "",
    ]
    for version in reversed(list_releases(folder)):
        manifest = json.loads((folder / version / MANIFEST).read_text())
        rows = ", ".join(f"{t} {f['rows']}" for t, f in manifest["tables"].items())
        code = manifest["code_version"] or "unknown"
        lines.append(f"- **{version}** ({manifest['bump']}, schema {manifest['schema_version']}, code {code}): {rows}")
    return "\n".join(lines) + "\n"


def code_version() -> str | None:
    """The git commit of the code, with '+dirty' when pipeline/ or schemas/ have uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "pipeline", "schemas"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{commit}+dirty" if dirty else commit


def _remove_staging(folder: Path) -> None:
    for path in folder.glob(f"{TEMP_PREFIX}*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _spec(name: str):
    return next(spec for spec in TABLES if spec.name == name)
