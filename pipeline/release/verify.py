"""Checking a release folder, and the chain of releases, before anyone trusts them.

A release's manifest.json says what the release holds: every file with its sha256 and size (the DuckDB file
included), the tables, and the sha256 of the previous release's manifest.json. `verify_release` checks the
folder against the manifest both ways (every listed file present and unchanged, nothing unlisted), SHA256SUMS
against both, and then the files against each other: datapackage.json's hashes, and the DuckDB tables and
CSV copies against the Parquet files. So an edit passes only if it rewrites every file that states the edited
one; `chain_problems` catches even that once the next release exists, since its manifest pins this one's bytes.

Releases 1.0.0 and 1.1.0 predate the file list and the chain: their manifests list only the Parquet files.
They are never rewritten, so the SHA256SUMS each was published with (which hashes every other file in it) is
pinned here by its sha256. The chain starts with the release after 1.1.0, which records 1.1.0's manifest hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.publish.duckdb_file import DUCKDB_NAME
from pipeline.publish.files import sha256_file
from pipeline.release.csv_copy import csv_bytes
from pipeline.release.layout import (
    CHECKSUMS,
    DATAPACKAGE,
    MANIFEST,
    NOTES,
    PAGE,
    incomplete_releases,
    is_version,
    list_releases,
    read_checksums,
)
from pipeline.release.release_duckdb import duckdb_table_problems

# The SHA256SUMS of each release published before manifests listed every file; never rewritten.
PRE_CHAIN = {
    "1.0.0": "79738d076729682a7e53a451cba485bb63b2a25ba5302091d750845a1b7ca22e",
    "1.1.0": "08d81d17c04dc2d8d8a9864ef0f7dee425bfa47df1a0e42851f283171281bb94",
}
PREVIOUS_MANIFEST = "previous_manifest_sha256"


def required_files(tables: Iterable[str]) -> set[str]:
    """What every release with a file list holds besides manifest.json and SHA256SUMS."""
    names = {DATAPACKAGE, DUCKDB_NAME, NOTES, PAGE}
    return names | {f"{table}.parquet" for table in tables} | {f"{table}.csv" for table in tables}


def verify_release(folder: Path) -> list[str]:
    """Every missing, extra, altered or inconsistent file of a release folder; empty when it is intact."""
    manifest = _manifest(folder)
    if isinstance(manifest, str):
        return [manifest]
    checksums, problems = _checksums(folder)
    if "files" not in manifest:
        return problems + _pre_chain_problems(folder, manifest, checksums)
    problems += _file_problems(folder, manifest["files"], checksums)
    problems += _manifest_problems(folder, manifest)
    # The files agree with what lists them; now whether they agree with each other.
    return problems or _cross_problems(folder, manifest)


def chain_problems(releases: Path, versions: Iterable[str] | None = None) -> list[str]:
    """Every broken link between consecutive releases (only the links touching `versions`, when given)."""
    ordered = list_releases(releases)
    wanted = None if versions is None else set(versions)
    problems = []
    for older, newer in zip([None, *ordered], ordered, strict=False):
        if wanted is None or older in wanted or newer in wanted:
            problems += _link_problems(releases, older, newer)
    return problems


def releases_problems(releases: Path) -> list[str]:
    """Every release verified, every link of the chain, and every version folder that is not a complete release."""
    problems = [
        f"{name}: not a complete release (no {MANIFEST} or {CHECKSUMS})" for name in incomplete_releases(releases)
    ]
    for version in list_releases(releases):
        problems += [f"{version}: {problem}" for problem in verify_release(releases / version)]
    return problems + chain_problems(releases)


# One release folder


def _manifest(folder: Path) -> dict | str:
    """The manifest, or why there is none: a folder without one is not a release, whatever else it holds."""
    if not folder.is_dir():
        return f"{folder}: no such folder"
    path = folder / MANIFEST
    if not path.is_file():
        return f"{folder}: {MANIFEST} is missing, so this is not a release (a release states what it holds there)"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return f"{MANIFEST}: cannot be read: {error}"
    if not isinstance(manifest, dict) or "version" not in manifest or not _facts_map(manifest.get("tables")):
        return f"{MANIFEST}: not a release manifest (no version, or no tables with their facts)"
    if "files" in manifest and not _facts_map(manifest["files"]):
        return f"{MANIFEST}: files is not a map of file names to their sha256 and size"
    return manifest


def _facts_map(value) -> bool:
    return isinstance(value, dict) and all(isinstance(facts, dict) for facts in value.values())


def _checksums(folder: Path) -> tuple[dict[str, str], list[str]]:
    if not (folder / CHECKSUMS).is_file():
        return {}, [f"missing: {CHECKSUMS}"]
    try:
        return read_checksums(folder), []
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return {}, [str(error)]


def _folder_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _file_problems(folder: Path, files: dict[str, dict], checksums: dict[str, str]) -> list[str]:
    """The folder against the manifest's file list, both ways, and SHA256SUMS against both."""
    present = _folder_files(folder)
    problems = []
    for name in sorted(files):
        if name not in present:
            problems.append(f"missing: {name} (listed in {MANIFEST})")
        else:
            problems += _listed_file_problems(folder, name, files[name], checksums)
    problems += [f"extra: {name} (not in {MANIFEST})" for name in sorted(present - set(files) - {MANIFEST, CHECKSUMS})]
    problems += [
        f"{CHECKSUMS} lists {name}, which {MANIFEST} does not"
        for name in sorted(set(checksums) - set(files) - {MANIFEST})
    ]
    return problems + _manifest_hash_problems(folder, checksums)


def _listed_file_problems(folder: Path, name: str, facts: dict, checksums: dict[str, str]) -> list[str]:
    if not (folder / name).is_file():
        return [f"altered: {name} (not a file)"]
    actual = sha256_file(folder / name)
    stated = facts.get("sha256")
    summed = checksums.get(name)
    if actual != stated:
        also = f"; {CHECKSUMS} was changed to match it" if summed == actual else f" and {CHECKSUMS}"
        return [f"altered: {name} (sha256 differs from {MANIFEST}{also})"]
    if summed is None:
        return [f"{CHECKSUMS} does not list {name}"]
    if summed != stated:
        return [f"{CHECKSUMS}: wrong sha256 for {name} ({MANIFEST} and the file agree)"]
    if facts.get("bytes") != (folder / name).stat().st_size:
        return [f"{MANIFEST}: states {facts.get('bytes')} bytes for {name}, which has {(folder / name).stat().st_size}"]
    return []


def _manifest_hash_problems(folder: Path, checksums: dict[str, str]) -> list[str]:
    if MANIFEST not in checksums:
        return [f"{CHECKSUMS} does not list {MANIFEST}"] if checksums else []
    if sha256_file(folder / MANIFEST) != checksums[MANIFEST]:
        return [f"altered: {MANIFEST} (sha256 differs from {CHECKSUMS})"]
    return []


def _manifest_problems(folder: Path, manifest: dict) -> list[str]:
    """A manifest with a file list is held to the full rule: every file a release holds, and the chain field."""
    files = manifest["files"]
    problems = [
        f"{MANIFEST} does not list {name}, which every release holds"
        for name in sorted(required_files(manifest["tables"]) - set(files))
    ]
    if PREVIOUS_MANIFEST not in manifest:
        problems.append(f"{MANIFEST} has no {PREVIOUS_MANIFEST} (the link to the previous release)")
    if is_version(folder.name) and manifest["version"] != folder.name:
        problems.append(f"{MANIFEST} says version {manifest['version']}, but the folder is {folder.name}")
    for table, facts in manifest["tables"].items():
        listed = files.get(facts.get("file"), {})
        if (facts.get("sha256"), facts.get("bytes")) != (listed.get("sha256"), listed.get("bytes")):
            problems.append(f"{MANIFEST}: tables.{table} and files disagree on {facts.get('file')}")
    return problems


# Files against each other


def _cross_problems(folder: Path, manifest: dict) -> list[str]:
    parquet = {table: folder / facts["file"] for table, facts in manifest["tables"].items()}
    problems = _datapackage_problems(folder, manifest["files"])
    problems += duckdb_table_problems(folder / DUCKDB_NAME, parquet)
    return problems + _csv_problems(folder, parquet)


def _datapackage_problems(folder: Path, files: dict[str, dict]) -> list[str]:
    """datapackage.json states each table file's sha256 and size: they must be those the manifest lists."""
    try:
        resources = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))["resources"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{DATAPACKAGE}: cannot be read: {error}"]
    described = {}
    problems = []
    for resource in resources:
        path = resource.get("path")
        described[path] = resource.get("name")
        facts = files.get(path)
        if facts is None:
            problems.append(
                f"{DATAPACKAGE}: resource {resource.get('name')} is {path}, which the release does not hold"
            )
        elif (resource.get("hash"), resource.get("bytes")) != (f"sha256:{facts['sha256']}", facts["bytes"]):
            problems.append(f"{DATAPACKAGE}: resource {resource.get('name')} states another sha256 or size for {path}")
    tables = [name for name in files if name.endswith((".parquet", ".csv"))]
    return problems + [f"{DATAPACKAGE} does not describe {name}" for name in sorted(tables) if name not in described]


def _csv_problems(folder: Path, parquet: dict[str, Path]) -> list[str]:
    """Each CSV copy is the CSV rule applied to its Parquet file's rows (the rule gives one text per table)."""
    problems = []
    for table, path in parquet.items():
        copy = folder / f"{table}.csv"
        try:
            same = csv_bytes(pq.read_table(path)) == copy.read_bytes()
        except (OSError, ValueError, pa.ArrowException) as error:
            problems.append(f"{path.name}: cannot be read as Parquet: {error}")
            continue
        if not same:
            problems.append(f"{copy.name}: does not hold the rows of {path.name}")
    return problems


# Releases 1.0.0 and 1.1.0


def _pre_chain_problems(folder: Path, manifest: dict, checksums: dict[str, str]) -> list[str]:
    """A release without a file list: only the pinned ones, checked against the SHA256SUMS they were published with."""
    version = str(manifest["version"])
    if version not in PRE_CHAIN:
        known = ", ".join(PRE_CHAIN)
        return [f"{MANIFEST} lists no files: only releases {known} predate the file list, and this is {version}"]
    problems = []
    if (folder / CHECKSUMS).is_file() and sha256_file(folder / CHECKSUMS) != PRE_CHAIN[version]:
        problems.append(f"altered: {CHECKSUMS} (not the one {version} was published with, sha256 {PRE_CHAIN[version]})")
    present = _folder_files(folder) - {CHECKSUMS}
    for name in sorted(checksums):
        if name not in present:
            problems.append(f"missing: {name} (listed in {CHECKSUMS})")
        elif sha256_file(folder / name) != checksums[name]:
            problems.append(f"altered: {name} (sha256 differs from {CHECKSUMS})")
    problems += [f"extra: {name} (not in {CHECKSUMS})" for name in sorted(present - set(checksums))]
    for facts in manifest["tables"].values():
        if checksums.get(facts.get("file")) not in (None, facts.get("sha256")):
            problems.append(f"altered: {facts.get('file')} ({MANIFEST} and {CHECKSUMS} disagree)")
    return problems


# The chain


def _link_problems(releases: Path, older: str | None, newer: str) -> list[str]:
    """`newer` names `older` as its previous release and, from the chain on, pins its manifest's sha256."""
    manifest = _manifest(releases / newer)
    if isinstance(manifest, str):
        return []  # verify_release reports it
    previous = manifest.get("previous_version")
    if previous != older:
        return [f"chain: {newer} follows {previous or 'no release'}, but the release before it is {older or 'none'}"]
    recorded = manifest.get(PREVIOUS_MANIFEST)
    if "files" not in manifest or older is None:
        return [f"chain: {newer} records a previous manifest, but is the first release"] if recorded else []
    actual = sha256_file(releases / older / MANIFEST)
    if recorded != actual:
        return [
            f"chain: {newer} records sha256 {recorded} for {older}/{MANIFEST}, which now has {actual}: "
            f"{older} was rewritten after {newer} was cut"
        ]
    return []
