"""Fingerprints of an outputs folder, to prove a build left what was published before untouched."""

import hashlib
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from pipeline.publish.files import TEMP_PREFIX

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every published file (symlinks resolved), leaving out the lock and temporary files."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (
            any(part.startswith(TEMP_PREFIX) for part in relative.parts)
            or path.name == ".publish.lock"
            or not path.is_file()
        ):
            continue
        hashes[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def release_hashes(outputs: Path) -> dict[str, str]:
    releases = outputs / "releases"
    return file_hashes(releases) if releases.exists() else {}


def table_hashes(outputs: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((outputs / "parquet").glob("*.parquet"))}


def published_view(outputs: Path) -> dict[str, str]:
    """What consumers can reach: the stable DuckDB and Parquet paths and every release."""
    view = {"canada_relations.duckdb": hashlib.sha256((outputs / "canada_relations.duckdb").read_bytes()).hexdigest()}
    view.update({f"parquet/{k}": v for k, v in table_hashes(outputs).items()})
    view.update({f"releases/{k}": v for k, v in release_hashes(outputs).items()})
    return view


@contextmanager
def lock_held_elsewhere(outputs: Path):
    """The outputs lock held by another process (the lock is re-entrant within one); yields that process's pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(outputs)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipeline.publish.lock import outputs_lock
with outputs_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""
