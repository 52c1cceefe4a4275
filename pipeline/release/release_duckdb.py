"""The release's DuckDB file, written so that the same tables give the same bytes.

A DuckDB file as `build_duckdb` writes it differs on every run even from the same tables (duckdb 2.0.0, measured:
ten builds of release 1.1.0's tables, ten hashes). Two things vary: the 16 random bytes of the database identifier
that every file of storage version v1.4.0 or later gets in its header, and the unused tail of compressed string
segments, written from uninitialised memory (so such a file can also carry leftovers of the process's heap). So the
release file is a copy of `build_duckdb`'s file made without compression, in storage version v1.3.0 (the newest
without the identifier; DuckDB 1.3 and later read it); the same ten builds copied so gave one hash, and the size is
unchanged at these row counts. The copy also runs on one thread, so that however large a table grows its row
groups are written in one order. Tables, views and comments stay defined once, in pipeline/publish/duckdb_file.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.publish.duckdb_file import build_duckdb
from pipeline.publish.files import TEMP_PREFIX

STORAGE_VERSION = "v1.3.0"
RELEASE_SETTINGS = {"threads": 1, "force_compression": "uncompressed"}


def write_release_duckdb(tables: dict[str, pa.Table], path: Path, extra_tables: dict[str, pd.DataFrame]) -> None:
    """`build_duckdb`'s file for these tables, copied into a new file at `path` that is the same on every run."""
    scratch = path.with_name(f"{TEMP_PREFIX}{path.name}")
    _remove_database(scratch)
    try:
        build_duckdb(tables, scratch, extra_tables=extra_tables)
        reproducible_copy(scratch, path)
    finally:
        _remove_database(scratch)


def reproducible_copy(source: Path, target: Path) -> None:
    """Every table, view and comment of `source` into a new file `target`, in an order and layout fixed by the data."""
    connection = duckdb.connect(":memory:", config=RELEASE_SETTINGS)
    try:
        connection.execute(f"ATTACH {_literal(source)} AS source (READ_ONLY)")
        connection.execute(f"ATTACH {_literal(target)} AS target (STORAGE_VERSION '{STORAGE_VERSION}')")
        connection.execute("COPY FROM DATABASE source TO target")
        connection.execute("CHECKPOINT target")
        connection.execute("DETACH target")
    finally:
        connection.close()
    os.chmod(target, 0o644)


def _literal(path: Path) -> str:
    """A path as an SQL string literal: ATTACH and read_parquet take no parameters here."""
    return "'" + str(path).replace("'", "''") + "'"


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
