"""The README's example queries run against a real build and return rows."""

import re

import duckdb

from pipeline.run import run_build
from tests.conftest import PROJECT_ROOT, RAW_DIR


def test_readme_sql_examples_run(tmp_path):
    assert run_build(raw_dir=RAW_DIR, outputs_dir=tmp_path).success
    queries = re.findall(r"```sql\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(), re.S)
    assert len(queries) >= 3
    connection = duckdb.connect(str(tmp_path / "canada_relations.duckdb"), read_only=True)
    try:
        for query in queries:
            assert connection.execute(query).fetchall(), query
    finally:
        connection.close()
