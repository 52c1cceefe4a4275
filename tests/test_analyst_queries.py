"""The README's 'Query the data' section: every SQL block runs against a real build and returns the rows the text
says it does.

Blocks are checked in the order they appear; a block added to the section without a check here fails the
count test. Each block also runs in the DuckDB command-line tool the section tells analysts to use.
"""

import datetime
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.publish.duckdb_file import DUCKDB_NAME, VIEWS
from tests.conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
SECTION = "## Query the data"
CLI = Path(sys.executable).parent / "duckdb"


def section() -> str:
    """The section alone: SQL elsewhere in the README is not part of the analysts' walk-through."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", section(), flags=re.M | re.S)


def check_catalog(rows):
    assert {row["view_name"] for row in rows} == set(VIEWS)
    assert all(row["comment"] for row in rows)


def check_memberships(rows):
    first = [(row["organization"], row["since_years"]) for row in rows[:5]]
    assert first == [
        ("United Nations", [1945]),
        ("North Atlantic Treaty Organization", [1949]),
        ("North American Aerospace Defense Command", [1957, 1958]),
        ("Organization of American States", [1990]),
        ("Pacific Alliance", [2012]),
    ]
    norad = rows[2]
    assert norad["statuses"] == ["founding member", "member"]
    assert (
        "canada-united-states-relations:36" in norad["stated_at"]
        and "foreign-relations-of-canada:9" in norad["stated_at"]
    )
    assert len(rows) == 87 and all(row["since_years"] == [] for row in rows[5:])


def check_decades(rows):
    by_decade = {row["decade"]: row for row in rows}
    assert by_decade[1940]["countries"] == 13
    assert by_decade[1940]["names"][0] == "Denmark" and by_decade[1940]["names"][-1] == "Türkiye"
    assert by_decade[2000]["names"] == ["Kosovo", "North Korea"]
    assert [row["decade"] for row in rows] == [1880, 1920, 1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000]


def check_conflicts(rows):
    sides = {"value_a": "1957", "source_a": "Canada-United States relations", "line_a": 36}
    sides |= {"value_b": "1958", "source_b": "Foreign relations of Canada", "line_b": 9}
    key = {"table_name": "memberships", "org_id": "norad", "column_name": "since"}
    assert rows == [{**key, "country_code": code, **sides} for code in ("CAN", "USA")]


def check_missions(rows):
    assert [(row["host_country"], row["region"], row["missions"]) for row in rows] == [
        ("United States", "Americas", 13),
        ("Russia", "Europe", 2),
    ]
    assert rows[0]["types"] == ["consulate general", "embassy"] and "Washington, D.C." in rows[0]["cities"]
    assert rows[1]["cities"] == ["Moscow", "Vladivostok"]


def check_funding(rows):
    assert [(row["amount"], row["amount_qualifier"], row["purpose"]) for row in rows] == [
        (9.7e9, None, "multifaceted support to Ukraine"),
        (9.6e9, "approximately", "ODA"),
        (4.6e9, "more than", "response to the crises in Iraq and Syria"),
    ]
    assert (rows[1]["source_id"], rows[1]["line"]) == ("foreign-relations-of-canada", 27)


CHECKS = [check_catalog, check_memberships, check_decades, check_conflicts, check_missions, check_funding]


@pytest.fixture(scope="module")
def database(seed_build) -> Path:
    return Path(seed_build.asset_metadata("published_outputs")["outputs_dir"]) / DUCKDB_NAME


def run(database: Path, sql: str) -> list[dict]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        cursor = connection.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.close()


def test_every_sql_block_has_a_check():
    assert len(blocks("sql")) == len(CHECKS)


@pytest.mark.parametrize("number", range(len(CHECKS)), ids=[check.__name__ for check in CHECKS])
def test_the_block_returns_the_real_rows(database, number):
    CHECKS[number](run(database, blocks("sql")[number]))


@pytest.mark.parametrize("number", range(len(CHECKS)), ids=[check.__name__ for check in CHECKS])
def test_the_block_runs_in_the_cli(database, number):
    """The same rows through the pinned CLI, opened read-only as the section says (values compared as JSON)."""
    sql = blocks("sql")[number]
    done = subprocess.run(
        [str(CLI), "-readonly", "-json", str(database), "-c", sql], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    expected = json.loads(json.dumps(run(database, sql), default=_as_json))
    assert json.loads(done.stdout) == expected


def _as_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value))


def test_the_parquet_command_for_older_releases_runs():
    """The section's command for releases whose DuckDB file the 1.5 CLI cannot open: their Parquet files."""
    lines = [line for block in blocks("bash") for line in block.splitlines()]
    command = next(line for line in lines if line.startswith(".venv/bin/duckdb -c"))
    arguments = shlex.split(command)
    arguments[0] = str(CLI)
    done = subprocess.run(
        [*arguments[:1], "-json", *arguments[1:]], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"count_star()": 104}]
