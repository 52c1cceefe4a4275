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
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.publish.layout import DUCKDB_NAME  # noqa: F401  (publishers import the file's name from here too)
from schemas import TABLES, TABLES_BY_NAME, TableSpec
from schemas.arrow import arrow_schema

# The oldest storage format every DuckDB an analyst is likely to open the file with reads (1.4 LTS, 1.5, 2.x).
STORAGE_VERSION = "v1.4.0"


@dataclass(frozen=True)
class View:
    """A view for analysts: its SELECT, its COMMENT, and a comment per column (new columns, or all of them)."""

    sql: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)


# --- typed views, generated from the schemas --------------------------------------------------------------

TYPED_SUFFIX = "_typed"
DATE_SUFFIX, YEAR_SUFFIX, PRECISION_SUFFIX = "_date", "_year", "_precision"


def dated_columns(spec: TableSpec) -> list[str]:
    """The table's date columns: those with a `<column>_precision` sibling (the contract's rule for dates)."""
    return [column for column in spec.columns if f"{column}{PRECISION_SUFFIX}" in spec.columns]


def typed_view(spec: TableSpec) -> View:
    """Every column of the table, and after each `<date>_precision` the date as a DATE and its year as an integer.

    A DATE needs a day: a month or a year is read as its first day, so '1958' gives 1958-01-01 and
    the precision beside it says how much of that date the text gave.
    """
    dated = {f"{column}{PRECISION_SUFFIX}": column for column in dated_columns(spec)}
    select, comments = [], {}
    for column in spec.columns:
        select.append(f'"{column}"')
        comments[column] = spec.description_of(column)
        if column in dated:
            select += _typed_columns(dated[column])
            comments |= _typed_comments(dated[column])
    order = ", ".join(f'"{column}"' for column in spec.primary_key)
    sql = f'SELECT {", ".join(select)} FROM "{spec.name}" ORDER BY {order}'
    description = (
        f"{spec.name} with each date column ({', '.join(dated.values())}) also as a DATE (<column>_date, the first day "
        "of the period for month or year precision) and an integer year (<column>_year), beside its precision."
    )
    return View(sql, description, comments)


def _typed_columns(date: str) -> list[str]:
    return [
        f'{_as_date(date)} AS "{date}{DATE_SUFFIX}"',
        f'CAST(left("{date}", 4) AS INTEGER) AS "{date}{YEAR_SUFFIX}"',
    ]


def _typed_comments(date: str) -> dict[str, str]:
    return {
        f"{date}{DATE_SUFFIX}": (
            f"{date} as a DATE: the first day of the period {date}_precision gives ('1958' is 1958-01-01, "
            f"'1928-12' is 1928-12-01); read only as much of it as the precision says. Null when {date} is null."
        ),
        f"{date}{YEAR_SUFFIX}": f"The year of {date}, as an integer; null when {date} is null.",
    }


def _as_date(column: str) -> str:
    """The ISO string as a DATE at its first day: '1958' -> 1958-01-01, '1928-12' -> 1928-12-01."""
    precision = f'"{column}{PRECISION_SUFFIX}"'
    padded = f"CASE {precision} WHEN 'day' THEN \"{column}\" WHEN 'month' THEN \"{column}\" || '-01' "
    return f"CAST({padded}WHEN 'year' THEN \"{column}\" || '-01-01' END AS DATE)"


def typed_views() -> dict[str, View]:
    """One `<table>_typed` view per table with a date column, in TABLES order: a new date column needs no edit here."""
    return {f"{spec.name}{TYPED_SUFFIX}": typed_view(spec) for spec in TABLES if dated_columns(spec)}


# --- views that compare or collapse statements -----------------------------------------------------------

# Two membership rows disagree when their `since` differ at the coarser of their precisions ('1958' and
# '1958-05' agree), as pipeline.rows.membership_conflicts decides for the quality_issues 'conflict' rows.
CONFLICTS = View(
    sql="""
        SELECT 'memberships' AS table_name, a.country_code, a.org_id, 'since' AS column_name,
               a.since AS value_a, a.since_precision AS precision_a, a.source_id AS source_id_a, a.line AS line_a,
               b.since AS value_b, b.since_precision AS precision_b, b.source_id AS source_id_b, b.line AS line_b,
               a.evidence AS evidence_a, b.evidence AS evidence_b
        FROM memberships a
        JOIN memberships b
          ON a.country_code = b.country_code AND a.org_id = b.org_id AND a.source_id < b.source_id
        WHERE left(a.since, least(length(a.since), length(b.since)))
           <> left(b.since, least(length(a.since), length(b.since)))
        ORDER BY table_name, country_code, org_id, source_id_a, line_a, source_id_b, line_b""",
    description="One row per disagreement between two sources about one fact: the table, the fact's key "
    "(country_code, org_id), the column, and each side's value, source_id and line (side a is the source first "
    "in source_id order). Today only membership start dates (since) conflict; quality_issues has a 'conflict' "
    "row for each side.",
    columns={
        "table_name": "The table the two rows are in.",
        "country_code": "The fact's key: the member country.",
        "org_id": "The fact's key: the organization.",
        "column_name": "The column the sources disagree on.",
        "value_a": "What the first source says (an ISO date at its precision).",
        "precision_a": "day, month or year.",
        "source_id_a": "The first source (sources.source_id).",
        "line_a": "Its 1-based line.",
        "value_b": "What the second source says.",
        "precision_b": "day, month or year.",
        "source_id_b": "The second source.",
        "line_b": "Its 1-based line.",
        "evidence_a": "The first source's text.",
        "evidence_b": "The second source's text.",
    },
)
MEMBERSHIPS_BY_ORGANIZATION = View(
    sql="""
        SELECT m.country_code, m.org_id, o.name AS org_name,
               list_sort(list_distinct(list(m.status))) AS statuses,
               min(m.since) AS earliest_since,
               list_sort(list_distinct(list(m.source_id))) AS sources,
               count(*) AS statements,
               list_sort(list_distinct(list(m.since))) AS since_values,
               EXISTS (SELECT 1 FROM conflicts c
                       WHERE c.table_name = 'memberships' AND c.country_code = m.country_code AND c.org_id = m.org_id)
                   AS since_disagrees,
               k.name AS country_name
        FROM memberships m
        JOIN organizations o USING (org_id)
        JOIN countries k USING (country_code)
        GROUP BY m.country_code, m.org_id, o.name, k.name
        ORDER BY m.country_code, m.org_id""",
    description="One row per country and organization, with every status and source that states the membership, "
    "and every start date the sources state (since_values; since_disagrees when two of them conflict).",
    columns={
        "country_code": "The member country (countries.country_code).",
        "org_id": "organizations.org_id",
        "org_name": "The organization's canonical name.",
        "statuses": "Every status the sources give, sorted.",
        "earliest_since": "The earliest start date any source states (ISO string; null when none states one).",
        "sources": "Every source that states the membership, sorted.",
        "statements": "How many statements (rows of memberships) there are.",
        "since_values": "Every distinct start date the sources state, sorted; two or more when they differ "
        "(in precision, or in fact: see since_disagrees and the conflicts view).",
        "since_disagrees": "True when two sources state start dates that conflict (a row of the conflicts view).",
        "country_name": "The member country's name (countries.name).",
    },
)
MISSIONS_DISTINCT = View(
    sql="""
        SELECT sending_country_code, host_country_code, city, mission_type, accredited_to,
               list_sort(list_distinct(list(source_id))) AS sources,
               count(*) AS statements
        FROM missions
        GROUP BY sending_country_code, host_country_code, city, mission_type, accredited_to
        ORDER BY sending_country_code, host_country_code, city, mission_type, accredited_to""",
    description="One row per distinct mission (sender, host, city, type, organization), "
    "with every source that states it.",
)

# In creation order: a view may read the views before it (memberships_by_organization reads conflicts).
VIEWS: dict[str, View] = {
    **typed_views(),
    "conflicts": CONFLICTS,
    "memberships_by_organization": MEMBERSHIPS_BY_ORGANIZATION,
    "missions_distinct": MISSIONS_DISTINCT,
}


def build_duckdb(tables: dict[str, pa.Table], path: Path, extra_tables: dict[str, pd.DataFrame] | None = None) -> None:
    """A new DuckDB file at `path` (which must not exist) from the tables as Arrow (see schemas.arrow.to_arrow)."""
    connection = _connect(path)
    try:
        connection.begin()  # one transaction: ~150 statements (tables, comments) committed, and written, once
        for spec in TABLES:
            _create_table(connection, spec.name, tables[spec.name])
        for name, frame in (extra_tables or {}).items():
            connection.register("incoming", frame)
            connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            connection.unregister("incoming")
        for name, view in VIEWS.items():
            _create_view(connection, name, view)
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


def _create_view(connection: duckdb.DuckDBPyConnection, name: str, view: View) -> None:
    connection.execute(f'CREATE VIEW "{name}" AS {view.sql}')
    _comment(connection, "VIEW", f'"{name}"', view.description)
    for column, text in view.columns.items():
        _comment(connection, "COLUMN", f'"{name}"."{column}"', text)


def _comment(connection: duckdb.DuckDBPyConnection, kind: str, target: str, text: str) -> None:
    # COMMENT ON takes no parameters; the text is a schema description from this repository.
    literal = text.replace("'", "''")
    connection.execute(f"COMMENT ON {kind} {target} IS '{literal}'")
