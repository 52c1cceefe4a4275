"""Text from documents reaches DuckDB only as data, and paths only come from the configured folders."""

import duckdb

from pipeline.documents.reading import list_raw_files
from pipeline.run import run_build

HOSTILE = "Widget Union'); DROP TABLE memberships; -- (WU)"


def test_sql_looking_text_is_stored_verbatim(raw_copy, tmp_path):
    (raw_copy / "hostile.txt").write_text(
        f"= Foreign relations of Canada =\n\n===International organizations===\n- {HOSTILE}\n", encoding="utf-8"
    )
    outputs = tmp_path / "outputs"
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs).success
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        evidence = connection.execute("SELECT evidence FROM memberships WHERE source_id = ?", ["hostile"]).fetchall()
        assert evidence == [(HOSTILE,)]
        assert connection.execute("SELECT count(*) FROM memberships").fetchone()[0] > 100
    finally:
        connection.close()


def test_only_files_directly_in_the_raw_folder_are_listed(raw_copy):
    (raw_copy / "nested").mkdir()
    (raw_copy / "nested" / "inner.txt").write_text("= Foreign relations of Canada =\n")
    (raw_copy / ".hidden.txt").write_text("= Foreign relations of Canada =\n")
    names = [p.name for p in list_raw_files(raw_copy)]
    assert "inner.txt" not in names and ".hidden.txt" not in names
    assert all(p.parent == raw_copy for p in list_raw_files(raw_copy))
