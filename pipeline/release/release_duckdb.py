"""The release's DuckDB file: the same tables give the same bytes; and a check of it against the Parquet files.

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

from pipeline.publish.duckdb_file import DUCKDB_NAME, build_duckdb
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


def duckdb_table_problems(path: Path, parquet_files: dict[str, Path]) -> list[str]:
    """Tables of the DuckDB file that do not hold exactly the columns and rows of their Parquet file.

    Both are read by the same DuckDB, every row ordered by all its columns, and compared as Arrow tables:
    the check needs no key and no conversion, and an edited row in either file makes the tables differ.
    """
    connection = duckdb.connect(":memory:", config={"threads": 1})
    try:
        connection.execute(f"ATTACH {_literal(path)} AS release (READ_ONLY)")
        present = {row[0] for row in connection.sql(_TABLES).fetchall()}
        return [
            p for table, parquet in parquet_files.items() for p in _table_problems(connection, table, parquet, present)
        ]
    except duckdb.Error as error:
        return [f"{DUCKDB_NAME}: cannot be read as a DuckDB database: {error}"]
    finally:
        connection.close()


_TABLES = "SELECT table_name FROM duckdb_tables() WHERE database_name = 'release' AND schema_name = 'main'"


def _table_problems(connection: duckdb.DuckDBPyConnection, table: str, parquet: Path, present: set[str]) -> list[str]:
    if table not in present:
        return [f"{DUCKDB_NAME}: has no table {table}, which {parquet.name} holds"]
    in_duckdb = connection.sql(f'SELECT * FROM release.main."{table}" ORDER BY ALL').to_arrow_table()
    in_parquet = connection.sql(f"SELECT * FROM {_parquet(parquet)} ORDER BY ALL").to_arrow_table()
    if in_duckdb.equals(in_parquet):
        return []
    what = "values" if in_duckdb.schema.equals(in_parquet.schema) else "columns"
    counts = (in_duckdb.num_rows, in_parquet.num_rows)
    rows = f"{counts[0]} rows in each" if counts[0] == counts[1] else f"{counts[0]} rows against {counts[1]}"
    return [f"{DUCKDB_NAME}: table {table} differs from {parquet.name} ({rows}, {what} differ)"]


def _parquet(path: Path) -> str:
    return f"read_parquet({_literal(path)})"


def _literal(path: Path) -> str:
    """A path as an SQL string literal: ATTACH and read_parquet take no parameters here."""
    return "'" + str(path).replace("'", "''") + "'"


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
