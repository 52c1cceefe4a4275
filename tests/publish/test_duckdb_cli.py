"""The DuckDB command-line tool `make install` puts in .venv/bin opens what the pipeline writes, read-only.

The Python library (2.x) writes a storage format the 1.5.x CLI refuses unless the
file is written in an older one (pipeline.publish.duckdb_file.STORAGE_VERSION).
"""

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.publish.duckdb_file import DUCKDB_NAME, STORAGE_VERSION, VIEWS

CLI = Path(sys.executable).parent / "duckdb"


def cli_json(database: Path, sql: str) -> list[dict]:
    """Rows the CLI prints for `sql`, opened read-only as analysts open it (-json output)."""
    done = subprocess.run(
        [str(CLI), "-readonly", "-json", str(database), "-c", sql], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout or "[]")


@pytest.fixture(scope="module")
def published(seed_build) -> Path:
    return Path(seed_build.asset_metadata("published_outputs")["outputs_dir"]) / DUCKDB_NAME


def test_the_cli_is_installed_at_the_pinned_version():
    done = subprocess.run([str(CLI), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("v1.5.6"), done.stdout + done.stderr


def test_the_cli_opens_the_published_database_read_only(published):
    sql = "SELECT since, source_id, line FROM memberships WHERE country_code = 'CAN' AND org_id = 'norad' ORDER BY ALL"
    assert cli_json(published, sql) == [
        {"since": "1957", "source_id": "canada-united-states-relations", "line": 36},
        {"since": "1958", "source_id": "foreign-relations-of-canada", "line": 9},
        {"since": None, "source_id": "defending-common-interests-fact-sheet", "line": 11},
    ]


def test_the_file_is_written_in_the_storage_format_the_cli_reads(published):
    connection = duckdb.connect(str(published), read_only=True)
    try:
        tags = connection.execute("SELECT tags FROM duckdb_databases() WHERE NOT internal").fetchone()[0]
    finally:
        connection.close()
    assert tags["storage_version"] == f"{STORAGE_VERSION}+"


def test_every_view_opens_in_the_cli(published):
    for view in VIEWS:
        assert cli_json(published, f'SELECT count(*) AS n FROM "{view}"')[0]["n"] > 0, view


def test_the_cli_opens_the_release_database(seed_build):
    release = Path(seed_build.release["folder"]) / DUCKDB_NAME
    assert cli_json(release, "SELECT count(*) AS n FROM sources") == [{"n": 5}]


def test_the_library_default_format_is_one_the_cli_refuses(tmp_path):
    """Why STORAGE_VERSION is set: without it the CLI cannot open the file at all."""
    path = tmp_path / "default.duckdb"
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE t AS SELECT 1 AS a")
    connection.close()
    done = subprocess.run(
        [str(CLI), "-readonly", str(path), "-c", "SELECT a FROM t"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "version number" in done.stderr
