"""Publishing a validated build into the outputs folder, all at once or not at all.

Layout (paths analysts and scripts use are stable symlinks):

    outputs/builds/<build_id>/parquet/<table>.parquet
    outputs/builds/<build_id>/canada_relations.duckdb
    outputs/builds/<build_id>/build.json      (Parquet sha256 per table, DuckDB layout)
    outputs/current                  -> builds/<build_id>
    outputs/canada_relations.duckdb  -> current/canada_relations.duckdb
    outputs/parquet                  -> current/parquet

A build is written completely into its own folder first; one `os.replace` of
the `current` link then switches Parquet and DuckDB together. A crash at any
earlier point leaves what was published before untouched, and an analyst
holding the old DuckDB file open keeps reading it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline.publish.duckdb_file import DUCKDB_NAME, build_duckdb, duckdb_layout, patch_duckdb
from pipeline.publish.files import TEMP_PREFIX, fsync_directory, sha256_file, write_atomic
from pipeline.publish.parquet import arrow_parquet_bytes
from schemas import TABLES

LOCK_NAME = ".publish.lock"
BUILD_FACTS = "build.json"  # each table's Parquet sha256 and the DuckDB layout, for the next build to compare with


class PublishLockedError(RuntimeError):
    """Another build holds the outputs folder."""


@dataclass(frozen=True)
class Published:
    build_id: str
    folder: Path
    parquet_sha256: dict[str, str]
    rows: dict[str, int]
    reused: bool


@contextmanager
def publish_lock(outputs_dir: Path, wait_seconds: float = 0.0):
    """An exclusive lock on the outputs folder; a second build waits up to `wait_seconds`, then refuses."""
    outputs_dir.mkdir(parents=True, exist_ok=True)
    with open(outputs_dir / LOCK_NAME, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise PublishLockedError(f"{outputs_dir} is being published by {holder}; wait for it to finish or set a longer lock wait") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(tables: dict[str, pa.Table], outputs_dir: Path, lock_wait_seconds: float = 0.0) -> Published:
    """Publish the validated tables (as Arrow, see publish.arrow.to_arrow) and switch them in.

    Tables whose Parquet bytes equal the current build's are copied into the new DuckDB file
    rather than created again (see duckdb_file.patch_duckdb), when they hold most of the rows.
    """
    with publish_lock(outputs_dir, lock_wait_seconds):
        _ensure_stable_links(outputs_dir)
        cleanup_stale(outputs_dir)
        arrow_tables = {spec.name: tables[spec.name] for spec in TABLES}
        contents = parquet_contents(arrow_tables)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
        build_id = hashlib.sha256("".join(f"{n}:{h}\n" for n, h in sorted(hashes.items())).encode()).hexdigest()[:16]
        builds = outputs_dir / "builds"
        folder = builds / build_id
        reused = folder.is_dir() and _complete(folder, hashes)
        if not reused:
            _write_build(builds, folder, arrow_tables, contents, hashes, current_build(outputs_dir))
        _switch(outputs_dir, folder)
        _remove_old_builds(builds, keep={build_id})
        rows = {name: table.num_rows for name, table in arrow_tables.items()}
        return Published(build_id, folder, hashes, rows, reused)


def parquet_contents(tables: dict[str, pa.Table]) -> dict[str, bytes]:
    """Every table's Parquet bytes, encoded two at a time (pyarrow releases the GIL while it encodes)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(tables, pool.map(arrow_parquet_bytes, tables.values())))


def _write_build(builds: Path, folder: Path, tables: dict[str, pa.Table], contents: dict[str, bytes], hashes: dict[str, str], previous: Path | None) -> None:
    staging = builds / f"{TEMP_PREFIX}{folder.name}-{os.getpid()}"
    (staging / "parquet").mkdir(parents=True)
    changed = _changed_since(previous, hashes, {name: table.num_rows for name, table in tables.items()})
    with ThreadPoolExecutor(max_workers=1) as pool:  # DuckDB works in its own thread while the Parquet files are written
        if changed is None:
            duckdb_built = pool.submit(build_duckdb, tables, staging / DUCKDB_NAME)
        else:
            duckdb_built = pool.submit(patch_duckdb, previous / DUCKDB_NAME, tables, changed, staging / DUCKDB_NAME)
        for name, data in contents.items():
            write_atomic(staging / "parquet" / f"{name}.parquet", data)
        duckdb_built.result()
    facts = {"parquet_sha256": hashes, "duckdb_layout": duckdb_layout(), "duckdb_patched_from": previous.name if changed is not None else None}
    write_atomic(staging / BUILD_FACTS, (json.dumps(facts, indent=2, sort_keys=True) + "\n").encode())
    _move_build_into_place(staging, folder)


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
    """The tables that differ from the `previous` build, when patching its DuckDB file is worth it; else None.

    Worth it when the previous build has the same DuckDB layout and the changed tables hold under
    half of the rows (replacing more would leave the file mostly free blocks).
    """
    try:
        facts = json.loads((previous / BUILD_FACTS).read_text()) if previous else None
    except (OSError, ValueError):
        facts = None
    if not facts or facts.get("duckdb_layout") != duckdb_layout() or not (previous / DUCKDB_NAME).is_file():
        return None
    changed = {name for name, digest in hashes.items() if facts["parquet_sha256"].get(name) != digest}
    return changed if sum(rows[name] for name in changed) * 2 < sum(rows.values()) else None


def _complete(folder: Path, hashes: dict[str, str]) -> bool:
    if not (folder / DUCKDB_NAME).is_file():
        return False
    return all((folder / "parquet" / f"{n}.parquet").is_file() and sha256_file(folder / "parquet" / f"{n}.parquet") == h for n, h in hashes.items())


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
    """Remove temporary files and folders left by a build that was killed (called under the lock)."""
    removed = []
    for folder in (outputs_dir, outputs_dir / "builds"):
        if not folder.is_dir():
            continue
        for path in folder.glob(f"{TEMP_PREFIX}*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _remove_old_builds(builds: Path, keep: set[str]) -> None:
    for folder in builds.iterdir():
        if folder.is_dir() and folder.name not in keep and not folder.name.startswith(TEMP_PREFIX):
            shutil.rmtree(folder)


def current_build(outputs_dir: Path) -> Path | None:
    link = outputs_dir / "current"
    return link.resolve() if link.is_symlink() else None
