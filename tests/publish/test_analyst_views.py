"""The analysts' views in the DuckDB file: typed views generated from the schemas, conflicts between sources,
memberships with every stated start date, and a COMMENT on every view."""

import datetime
from pathlib import Path

import duckdb
import pandera.pandas as pa
import pyarrow as pa_arrow
import pytest

from pipeline.publish.duckdb_file import CONFLICTS, DUCKDB_NAME, VIEWS, dated_columns, typed_view
from pipeline.rows import membership_conflicts
from schemas import TABLES, TableSpec
from schemas._base import Evidence, String, date_matches_precision, precision_field


@pytest.fixture(scope="module")
def connection(seed_build):
    path = Path(seed_build.asset_metadata("published_outputs")["outputs_dir"]) / DUCKDB_NAME
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def rows(connection, sql: str, parameters=()) -> list[dict]:
    cursor = connection.execute(sql, list(parameters))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_a_typed_view_for_every_table_with_a_dated_column():
    typed = {name for name in VIEWS if name.endswith("_typed")}
    assert typed == {
        "memberships_typed",
        "bilateral_relations_typed",
        "diplomatic_relations_typed",
        "envoys_typed",
        "agreements_typed",
    }
    assert dated_columns(next(spec for spec in TABLES if spec.name == "envoys")) == ["since", "as_of"]


def test_typed_columns_sit_beside_their_precision(connection):
    columns = [row["column_name"] for row in rows(connection, "DESCRIBE bilateral_relations_typed")]
    at = columns.index("established_precision")
    assert columns[at - 1 : at + 3] == ["established", "established_precision", "established_date", "established_year"]
    assert columns[columns.index("ended_precision") + 1 :][:2] == ["ended_date", "ended_year"]
    types = {row["column_name"]: row["column_type"] for row in rows(connection, "DESCRIBE memberships_typed")}
    assert (types["since_date"], types["since_year"], types["since"]) == ("DATE", "INTEGER", "VARCHAR")


def test_a_year_or_month_reads_as_its_first_day_and_a_day_as_itself(connection):
    nato = rows(
        connection,
        "SELECT since, since_date, since_year FROM memberships_typed WHERE country_code = 'CAN' AND org_id = 'nato' "
        "AND source_id = 'defending-common-interests-fact-sheet'",
    )
    assert nato == [{"since": "1949", "since_date": datetime.date(1949, 1, 1), "since_year": 1949}]
    month = rows(
        connection, "SELECT established, established_date FROM bilateral_relations_typed WHERE established = '1981-11'"
    )
    assert month and all(row["established_date"] == datetime.date(1981, 11, 1) for row in month)
    day = rows(
        connection,
        "SELECT established_date, established_year FROM bilateral_relations_typed WHERE established = '1942-06-12'",
    )
    assert day and all(row == {"established_date": datetime.date(1942, 6, 12), "established_year": 1942} for row in day)


def test_typed_views_keep_every_row_and_null_dates(connection):
    for name in [view for view in VIEWS if view.endswith("_typed")]:
        table = name.removesuffix("_typed")
        assert (
            connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            == connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        )
    nulls = connection.execute(
        "SELECT count(*) FROM memberships_typed WHERE since IS NULL AND since_date IS NULL AND since_year IS NULL"
    )
    assert (
        nulls.fetchone()[0]
        == connection.execute("SELECT count(*) FROM memberships WHERE since IS NULL").fetchone()[0]
        > 0
    )


class SignedSchema(Evidence):
    """A table this test invents: a date column the view code has never seen."""

    signed: String = pa.Field(nullable=True, description="When it was signed.")
    signed_precision: String = precision_field()

    @pa.dataframe_check(name="signed_matches_precision")
    def signed_matches_precision(cls, df):
        return date_matches_precision(df, "signed")

    class Config:
        name = "signings"
        description = "Signings."
        unique = ["source_id", "line"]


def test_a_new_date_column_gets_its_typed_columns_without_editing_the_view_code():
    view = typed_view(TableSpec(SignedSchema))
    signings = pa_arrow.table({
        "signed": ["2001-05", "1999", None],
        "signed_precision": ["month", "year", None],
        "source_id": ["a", "a", "b"],
        "line": [2, 1, 1],
        "evidence": ["x", "y", "z"],
    })  # fmt: skip
    connection = duckdb.connect()
    connection.register("signings", signings)
    result = connection.execute(f"SELECT signed_date, signed_year FROM ({view.sql})").fetchall()
    assert result == [(datetime.date(1999, 1, 1), 1999), (datetime.date(2001, 5, 1), 2001), (None, None)]
    assert "first day of the period signed_precision gives" in view.columns["signed_date"]


def test_conflicts_gives_one_row_per_disagreement_with_both_sides(connection):
    conflicts = rows(connection, "SELECT * EXCLUDE (evidence_a, evidence_b) FROM conflicts")
    side_a = {"value_a": "1957", "precision_a": "year", "source_id_a": "canada-united-states-relations", "line_a": 36}
    side_b = {"value_b": "1958", "precision_b": "year", "source_id_b": "foreign-relations-of-canada", "line_b": 9}
    key = {"table_name": "memberships", "org_id": "norad", "column_name": "since"}
    assert conflicts == [{**key, "country_code": code, **side_a, **side_b} for code in ("CAN", "USA")]


def test_conflicts_names_every_row_quality_issues_reports_as_a_conflict(connection):
    issues = rows(connection, "SELECT source_id, line FROM quality_issues WHERE kind = 'conflict'")
    sides = rows(
        connection,
        "SELECT source_id_a AS source_id, line_a AS line FROM conflicts "
        "UNION SELECT source_id_b, line_b FROM conflicts",
    )
    assert {(r["source_id"], r["line"]) for r in issues} == {(r["source_id"], r["line"]) for r in sides}


def test_conflicts_follows_the_rule_quality_issues_follows():
    """'1958' and '1958-05' agree (compared at the coarser precision); two lines of one source are not a conflict."""
    memberships = [
        ("CAN", "un", "1945", "a", 1),
        ("CAN", "un", "1945-10", "b", 4),  # agrees with 'a'
        ("CAN", "oas", "1990", "a", 2),
        ("CAN", "oas", "1989-11", "b", 7),  # disagrees with 'a'
        ("CAN", "oas", "1991", "b", 8),  # disagrees with 'a', and with b's own line 7 (same source: not a conflict)
        ("CAN", "nato", None, "c", 3),
    ]
    columns = ["country_code", "org_id", "since", "source_id", "line"]
    frame = [dict(zip(columns, row, strict=True)) for row in memberships]
    issues = {(issue.source_id, issue.line) for issue in membership_conflicts(frame)}
    connection = duckdb.connect()
    table = pa_arrow.Table.from_pylist([dict(row, since_precision=None, evidence="x") for row in frame])
    connection.register("memberships", table)
    pairs = connection.execute(
        f"SELECT source_id_a, line_a, value_a, source_id_b, line_b, value_b FROM ({CONFLICTS.sql})"
    ).fetchall()
    assert pairs == [("a", 2, "1990", "b", 7, "1989-11"), ("a", 2, "1990", "b", 8, "1991")]
    assert issues == {(a, line_a) for a, line_a, *_ in pairs} | {(b, line_b) for *_, b, line_b, _ in pairs}


def test_memberships_by_organization_shows_every_stated_since(connection):
    norad = rows(connection, "SELECT * FROM memberships_by_organization WHERE org_id = 'norad' ORDER BY country_code")
    assert [row["country_code"] for row in norad] == ["CAN", "USA"]
    assert norad[0] == {
        "country_code": "CAN",
        "org_id": "norad",
        "org_name": "North American Aerospace Defense Command",
        "statuses": ["founding member", "member"],
        "earliest_since": "1957",
        "sources": [
            "canada-united-states-relations",
            "defending-common-interests-fact-sheet",
            "foreign-relations-of-canada",
        ],
        "statements": 3,
        "since_values": ["1957", "1958"],
        "since_disagrees": True,
        "country_name": "Canada",
    }
    nato = rows(
        connection,
        "SELECT since_values, since_disagrees FROM memberships_by_organization "
        "WHERE country_code = 'CAN' AND org_id = 'nato'",
    )
    assert nato == [{"since_values": ["1949"], "since_disagrees": False}]


def test_every_view_and_every_typed_column_has_a_comment(connection):
    comments = dict(connection.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert set(comments) == set(VIEWS) and all(comments.values())
    missing = connection.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE ends_with(table_name, '_typed') AND comment IS NULL"
    ).fetchall()
    assert missing == []
    date_comment = (
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'envoys_typed' AND column_name = 'as_of_date'"
    )
    assert connection.execute(date_comment).fetchone()[0].startswith("as_of as a DATE: the first day of the period")
