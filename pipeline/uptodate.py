"""Is the current build still what `build` would make? Answered in a moment, before the heavy imports.

A data engineer runs `make build` again and again; when nothing changed since
the last complete build (the raw folder's bytes and manifest, the code and its
libraries, the published files, the releases), the CLI says which build is
still current and stops, instead of importing Dagster, pandas and Pandera to
run a job that would decide the same. Anything else, or any doubt, runs the
build. Standard library only, and the light modules below.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.documents.reading import raw_folder_fingerprint
from pipeline.publish.files import write_atomic
from pipeline.publish.layout import DUCKDB_NAME, LAST_BUILD, current_build, read_build_facts
from pipeline.release.layout import list_releases
from pipeline.versions import build_code_version


def last_build_record(raw_dir: Path, outputs_dir: Path, build_id: str, raw: dict) -> dict:
    """What a complete build was made from (`raw`: the raw folder as it read it), and the releases after it."""
    releases = list_releases(outputs_dir / "releases")
    return {
        "build_id": build_id,
        "code": build_code_version(),
        "raw_dir": str(raw_dir),
        "raw": raw,
        "latest_release": releases[-1] if releases else None,
    }


def record_last_build(raw_dir: Path, outputs_dir: Path) -> None:
    """Called by the release step when it is done: the current build is complete (published, released if due)."""
    build = current_build(outputs_dir)
    facts = read_build_facts(build) if build else None
    if facts is not None:
        record = last_build_record(raw_dir, outputs_dir, build.name, facts.get("raw", {}))
        write_atomic(outputs_dir / LAST_BUILD, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())


def still_current(raw_dir: Path, outputs_dir: Path) -> str | None:
    """Why the current build is still current, or None when a build must run."""
    try:
        last = json.loads((outputs_dir / LAST_BUILD).read_text())
    except (OSError, ValueError):
        return None
    build = current_build(outputs_dir)
    if build is None or build.name != last.get("build_id") or not _intact(build):
        return None
    raw, _ = raw_folder_fingerprint(raw_dir)
    if last != last_build_record(raw_dir, outputs_dir, build.name, raw):
        return None
    release = last["latest_release"] or "none yet"
    made_from = "the raw folder, the code and the outputs are what it was made from"
    return f"build {build.name} is current: {made_from} (release {release})"


def _intact(build: Path) -> bool:
    """The published files still have the bytes build.json recorded (an analyst's write would show here)."""
    facts = read_build_facts(build)
    if not facts or "duckdb_sha256" not in facts:
        return False
    expected = {f"parquet/{name}.parquet": digest for name, digest in facts["parquet_sha256"].items()}
    expected[DUCKDB_NAME] = facts["duckdb_sha256"]
    return all(_sha256(build / name) == digest for name, digest in expected.items())


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
