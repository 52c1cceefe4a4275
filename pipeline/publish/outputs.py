"""Publishing a validated build into the outputs folder, all at once or not at all.

Layout (paths analysts and scripts use are stable symlinks):

    outputs/builds/BUILD_ID/parquet/TABLE.parquet
    outputs/builds/BUILD_ID/canada_relations.duckdb
    outputs/builds/BUILD_ID/build.json   (rows and Parquet sha256 per table, the DuckDB file's sha256, the raw files)
    outputs/.recorded-builds             (the build folders this pipeline wrote: the only ones it ever removes)
    outputs/current                  -> builds/BUILD_ID
    outputs/canada_relations.duckdb  -> current/canada_relations.duckdb
    outputs/parquet                  -> current/parquet

A build is written completely into its own folder first; one `os.replace` of
the `current` link then switches Parquet and DuckDB together. A crash at any
earlier point leaves what was published before untouched, and an analyst
holding the old DuckDB file open keeps reading it. A DuckDB file is reused or
patched only while its bytes are what build.json recorded: one that was
opened read-write and changed is rebuilt from the tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline.publish.duckdb_file import build_duckdb, duckdb_layout, patch_duckdb
from pipeline.publish.files import TEMP_PREFIX, fsync_directory, sha256_file, write_atomic
from pipeline.publish.layout import BUILD_FACTS, DUCKDB_NAME, current_build, read_build_facts
from pipeline.publish.lock import LOCK_NAME, PublishLockedError, outputs_lock
from pipeline.publish.parquet import arrow_parquet_bytes
from pipeline.release.layout import MANIFEST, list_releases
from schemas import TABLES

RECORDED_BUILDS = ".recorded-builds"  # beside builds/, in the outputs folder
__all__ = ["LOCK_NAME", "PublishLockedError", "Published", "current_build", "publish", "publish_lock"]

publish_lock = outputs_lock  # one lock for a whole build and for its publish and release steps


@dataclass(frozen=True)
class Published:
    build_id: str
    folder: Path
    parquet_sha256: dict[str, str]
    rows: dict[str, int]
    reused: bool


def publish(
    tables: dict[str, pa.Table], outputs_dir: Path, lock_wait_seconds: float = 0.0, raw: dict | None = None
) -> Published:
    """Publish the validated tables (as Arrow, see schemas.arrow.to_arrow) and switch them in.

    `raw` is what the build was made from (documents.reading.raw_fingerprint), recorded for the sensor.
    Tables whose Parquet bytes equal the current build's are copied into the new DuckDB file
    rather than created again (see duckdb_file.patch_duckdb), when they hold most of the rows.
    """
    with outputs_lock(outputs_dir, lock_wait_seconds):
        cleanup_stale(outputs_dir)
        _ensure_stable_links(outputs_dir)
        arrow_tables = {spec.name: tables[spec.name] for spec in TABLES}
        contents = parquet_contents(arrow_tables)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
        build_id = hashlib.sha256("".join(f"{n}:{h}\n" for n, h in sorted(hashes.items())).encode()).hexdigest()[:16]
        builds = outputs_dir / "builds"
        folder = builds / build_id
        rows = {name: table.num_rows for name, table in arrow_tables.items()}
        facts = {"parquet_sha256": hashes, "rows": rows, "raw": raw or {}}
        reused = _intact(folder, facts)
        if reused:
            _record_raw(folder, raw)
        else:
            _write_build(builds, folder, arrow_tables, contents, facts, current_build(outputs_dir))
        _switch(outputs_dir, folder)
        _remove_recorded_builds(builds, keep=build_id)
        return Published(build_id, folder, hashes, rows, reused)


def parquet_contents(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    """Every table's Parquet bytes, encoded two at a time (pyarrow releases the GIL while it encodes)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(tables, pool.map(arrow_parquet_bytes, tables.values())))


def _write_build(
    builds: Path,
    folder: Path,
    tables: dict[str, pa.Table],
    contents: dict[str, bytes],
    facts: dict,
    previous: Path | None,
) -> None:
    """Write the build into a staging folder and rename it into place; a failure leaves no staging folder behind."""
    staging = builds / f"{TEMP_PREFIX}{folder.name}-{os.getpid()}"
    try:
        (staging / "parquet").mkdir(parents=True)
        changed = _changed_since(previous, facts["parquet_sha256"], facts["rows"])
        with ThreadPoolExecutor(
            max_workers=1
        ) as pool:  # DuckDB works in its own thread while the Parquet files are written
            if changed is None:
                duckdb_built = pool.submit(build_duckdb, tables, staging / DUCKDB_NAME)
            else:
                duckdb_built = pool.submit(patch_duckdb, previous / DUCKDB_NAME, tables, changed, staging / DUCKDB_NAME)
            for name, data in contents.items():
                write_atomic(staging / "parquet" / f"{name}.parquet", data)
            duckdb_built.result()
        facts = {
            **facts,
            "duckdb_sha256": sha256_file(staging / DUCKDB_NAME),
            "duckdb_layout": duckdb_layout(),
            "duckdb_patched_from": previous.name if changed is not None else None,
        }
        write_atomic(staging / BUILD_FACTS, (json.dumps(facts, indent=2, sort_keys=True) + "\n").encode())
        _record(builds, folder.name)
        _move_build_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _move_build_into_place(staging: Path, folder: Path) -> None:
    """A complete build folder takes its final name with one rename; nothing reads it before `current` points at it."""
    os.chmod(staging, 0o755)
    os.chmod(staging / "parquet", 0o755)
    fsync_directory(staging / "parquet")
    if folder.exists():
        shutil.rmtree(folder)  # an incomplete folder of the same id from an earlier crash
    os.replace(staging, folder)
    fsync_directory(folder.parent)


def _changed_since(previous: Path | None, hashes: dict[str, str], rows: dict[str, int]) -> set[str] | None:
    """The tables that differ from the `previous` build, when patching its DuckDB file is worth it and safe; else None.

    Worth it when the previous build has the same DuckDB layout and the changed tables hold under
    half of the rows (replacing more would leave the file mostly free blocks). Safe when the
    previous DuckDB file still has the bytes its build recorded.
    """
    facts = read_build_facts(previous) if previous else None
    if not facts or facts.get("duckdb_layout") != duckdb_layout() or not _duckdb_intact(previous, facts):
        return None
    changed = {name for name, digest in hashes.items() if facts["parquet_sha256"].get(name) != digest}
    return changed if sum(rows[name] for name in changed) * 2 < sum(rows.values()) else None


def _intact(folder: Path, facts: dict) -> bool:
    """An existing build folder of the same id that holds exactly these Parquet files and an untouched DuckDB file."""
    recorded = read_build_facts(folder) if folder.is_dir() else None
    if (
        not recorded
        or recorded.get("parquet_sha256") != facts["parquet_sha256"]
        or not _duckdb_intact(folder, recorded)
    ):
        return False
    return all(
        _holds(folder / "parquet" / f"{name}.parquet", digest) for name, digest in facts["parquet_sha256"].items()
    )


def _duckdb_intact(folder: Path, facts: dict) -> bool:
    return _holds(folder / DUCKDB_NAME, facts.get("duckdb_sha256"))


def _holds(path: Path, digest: str | None) -> bool:
    return digest is not None and path.is_file() and sha256_file(path) == digest


def _record_raw(folder: Path, raw: dict | None) -> None:
    """A reused build records what this build was made from (the same tables from other raw files, say)."""
    facts = read_build_facts(folder) or {}
    if raw is not None and facts.get("raw") != raw:
        write_atomic(
            folder / BUILD_FACTS, (json.dumps({**facts, "raw": raw}, indent=2, sort_keys=True) + "\n").encode()
        )


def _ensure_stable_links(outputs_dir: Path) -> None:
    """Create the stable links once (they resolve through `current`); refuse to touch a file someone else put there."""
    for name, target in ((DUCKDB_NAME, Path("current") / DUCKDB_NAME), ("parquet", Path("current") / "parquet")):
        link = outputs_dir / name
        if link.is_symlink():
            continue
        if link.exists():
            raise FileExistsError(f"{link} exists and is not the link this pipeline manages; move it away")
        link.symlink_to(target)


def _switch(outputs_dir: Path, folder: Path) -> None:
    """Point `current` at the new build with one atomic rename."""
    temp_link = outputs_dir / f"{TEMP_PREFIX}current-{os.getpid()}"
    temp_link.unlink(missing_ok=True)
    temp_link.symlink_to(Path("builds") / folder.name)
    os.replace(temp_link, outputs_dir / "current")
    fsync_directory(outputs_dir)


def cleanup_stale(outputs_dir: Path) -> list[Path]:
    """Remove the temporary files and folders a killed or failed build left (named with TEMP_PREFIX by this module).

    Called under the lock, before anything is written, so a build after a full disk starts with the space back.
    """
    removed = []
    for folder in (outputs_dir, outputs_dir / "builds", outputs_dir / "releases", outputs_dir / ".cache" / "state"):
        if not folder.is_dir():
            continue
        for path in folder.glob(f"{TEMP_PREFIX}*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _recorded(builds: Path) -> set[str]:
    try:
        return set((builds.parent / RECORDED_BUILDS).read_text().split())
    except OSError:
        return set()


def _record(builds: Path, build_id: str) -> None:
    write_atomic(
        builds.parent / RECORDED_BUILDS, "".join(f"{b}\n" for b in sorted(_recorded(builds) | {build_id})).encode()
    )


def _remove_recorded_builds(builds: Path, keep: str) -> None:
    """Remove the build folders this pipeline wrote, but the current one; anything else in builds/ is not ours."""
    recorded = _recorded(builds)
    for build_id in sorted(recorded - {keep}):
        shutil.rmtree(builds / build_id, ignore_errors=True)
    if recorded - {keep}:
        write_atomic(builds.parent / RECORDED_BUILDS, f"{keep}\n".encode())


def published_rows(outputs_dir: Path) -> dict[str, int] | None:
    """Row counts per table of what users have now: the current build, else the latest release; None when neither
    exists."""
    facts = read_build_facts(current_build(outputs_dir)) if current_build(outputs_dir) else None
    if facts and "rows" in facts:
        return facts["rows"]
    releases = list_releases(outputs_dir / "releases")
    if not releases:
        return None
    manifest = json.loads((outputs_dir / "releases" / releases[-1] / MANIFEST).read_text())
    return {name: table["rows"] for name, table in manifest["tables"].items()}
