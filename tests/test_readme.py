"""The README's example queries run against a real build and return rows."""

import re

import duckdb

from pipeline.build import run_build
from tests.conftest import PROJECT_ROOT, RAW_DIR


def test_readme_sql_examples_run(tmp_path):
    run_build(RAW_DIR, tmp_path)
    queries = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(), re.S)
    assert len(queries) >= 3
    connection = duckdb.connect(str(tmp_path / "canada_relations.duckdb"), read_only=True)
    try:
        for query in queries:
            assert connection.execute(query).fetchall(), query
    finally:
        connection.close()
