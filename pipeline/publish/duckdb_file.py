"""The analysts' DuckDB database, built fresh from the validated tables into a new file.

Values reach DuckDB only as Arrow tables, never pasted into SQL. Identifiers
and comments come from the schemas in this repository, not from documents.

The file is written in DuckDB 1.4's storage format (STORAGE_VERSION): the Python
library (2.x) writes its own newer format by default, which the DuckDB command-line
tool analysts use (`duckdb-cli` 1.5.x, the newest on PyPI) refuses ("version number
69, but we can only read versions between 64 and 68"). A 1.4 file opens in the
1.4 LTS and 1.5 CLIs alike, and in the Python library; it is the same size here.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from schemas.arrow import arrow_schema
from schemas import TABLES, TABLES_BY_NAME

DUCKDB_NAME = "canada_relations.duckdb"
# The oldest storage format every DuckDB an analyst is likely to open the file with reads (1.4 LTS, 1.5, 2.x).
STORAGE_VERSION = "v1.4.0"

VIEWS = {
    "memberships_by_organization": """
        SELECT m.country_code, m.org_id, o.name AS org_name,
               list_sort(list_distinct(list(m.status))) AS statuses,
               min(m.since) AS earliest_since,
               list_sort(list_distinct(list(m.source_id))) AS sources,
               count(*) AS statements
        FROM memberships m JOIN organizations o USING (org_id)
        GROUP BY m.country_code, m.org_id, o.name
        ORDER BY m.country_code, m.org_id""",
    "missions_distinct": """
        SELECT sending_country_code, host_country_code, city, mission_type, accredited_to,
               list_sort(list_distinct(list(source_id))) AS sources,
               count(*) AS statements
        FROM missions
        GROUP BY sending_country_code, host_country_code, city, mission_type, accredited_to
        ORDER BY sending_country_code, host_country_code, city, mission_type, accredited_to""",
}
VIEW_DESCRIPTIONS = {
    "memberships_by_organization": "One row per country and organization, with every status and source that states the membership.",
    "missions_distinct": "One row per distinct mission (sender, host, city, type, organization), with every source that states it.",
}


def build_duckdb(tables: dict[str, pa.Table], path: Path, extra_tables: dict[str, pd.DataFrame] | None = None) -> None:
    """Create a new DuckDB file at `path` (which must not exist) from the tables as Arrow (see schemas.arrow.to_arrow)."""
    connection = _connect(path)
    try:
        connection.begin()  # one transaction: ~150 statements (tables, comments) committed, and written, once
        for spec in TABLES:
            _create_table(connection, spec.name, tables[spec.name])
        for name, frame in (extra_tables or {}).items():
            connection.register("incoming", frame)
            connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            connection.unregister("incoming")
        for name, sql in VIEWS.items():
            connection.execute(f'CREATE VIEW "{name}" AS {sql}')
            _comment(connection, "VIEW", f'"{name}"', VIEW_DESCRIPTIONS[name])
        connection.commit()
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    os.chmod(path, 0o644)


def patch_duckdb(base: Path, tables: dict[str, pa.Table], changed: set[str], path: Path) -> None:
    """A copy of the DuckDB file `base` at `path` with the `changed` tables replaced from Arrow.

    For a build that changed a few tables: creating a DuckDB table costs about as much as
    encoding its Parquet file several times over, so unchanged tables are copied, not rebuilt.
    `base` must have been built with the same duckdb_layout(); the views read tables by name.
    """
    shutil.copyfile(base, path)
    connection = _connect(path)
    try:
        connection.begin()
        for name in sorted(changed):
            connection.execute(f'DROP TABLE "{name}"')
            _create_table(connection, name, tables[name])
        connection.commit()
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    os.chmod(path, 0o644)


def duckdb_layout() -> str:
    """What a DuckDB file's shape depends on besides its rows: this module, the tables' schemas, DuckDB's version."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + duckdb.__version__.encode())
    for spec in TABLES:
        digest.update(arrow_schema(spec.name).to_string(show_field_metadata=True, show_schema_metadata=True).encode())
    return digest.hexdigest()[:16]


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection that writes STORAGE_VERSION's format (a copied file keeps its own; the same one here)."""
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})


def _create_table(connection: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    spec = TABLES_BY_NAME[name]
    connection.register("incoming", table)
    connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
    connection.unregister("incoming")
    _comment(connection, "TABLE", f'"{name}"', spec.description)
    columns = spec.dataframe_schema.columns
    for column in spec.columns:
        _comment(connection, "COLUMN", f'"{name}"."{column}"', columns[column].description or "")


def _comment(connection: duckdb.DuckDBPyConnection, kind: str, target: str, text: str) -> None:
    # COMMENT ON takes no parameters; the text is a schema description from this repository.
    literal = text.replace("'", "''")
    connection.execute(f"COMMENT ON {kind} {target} IS '{literal}'")

