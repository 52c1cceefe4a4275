"""The whole build through Dagster, into a temporary outputs folder."""

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.run import run_build
from schemas import TABLES
from tests.conftest import RAW_DIR, edit_raw


def run_build_job(outputs: Path, raw: Path = RAW_DIR):
    return run_build(raw_dir=raw, outputs_dir=outputs).result


def published_hashes(outputs: Path) -> dict[str, str]:
    files = sorted(p for p in outputs.rglob("*") if p.is_file() and not p.name.startswith(".publish"))
    return {str(p.relative_to(outputs)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    outputs = tmp_path_factory.mktemp("outputs")
    result = run_build_job(outputs)
    assert result.success
    return outputs, result


def test_build_publishes_every_table(built):
    outputs, result = built
    counts = {spec.name: pq.read_metadata(outputs / "parquet" / f"{spec.name}.parquet").num_rows for spec in TABLES}
    assert counts["sources"] == 5
    assert counts["memberships"] >= 82 + 20
    assert counts["organizations"] >= 82
    assert counts["quality_issues"] >= 4
    checks = {
        (c.asset_key.to_user_string(), c.check_name): c.passed
        for c in (e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION")
    }
    assert checks == {
        **{(spec.name, "pandera_schema"): True for spec in TABLES},
        ("quality_issues", "every_document_extracted"): True,
    }


def test_duckdb_tables_equal_the_parquet_files(built):
    outputs, _ = built
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        for spec in TABLES:
            from_duckdb = connection.sql(f'SELECT * FROM "{spec.name}"').to_arrow_table()
            from_parquet = pq.read_table(outputs / "parquet" / f"{spec.name}.parquet")
            assert from_duckdb.to_pylist() == from_parquet.to_pylist(), spec.name
            assert from_duckdb.column_names == spec.columns
        comment = connection.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'memberships' AND column_name = 'evidence'"
        ).fetchone()[0]
        assert comment.startswith("The exact source text")
        view = connection.execute(
            "SELECT statements, sources FROM memberships_by_organization WHERE country_code = 'CAN' AND org_id = "
            "'norad'"
        ).fetchone()
        assert view[0] == 3 and len(view[1]) == 3
    finally:
        connection.close()


def test_parquet_rows_are_sorted_by_primary_key(built):
    outputs, _ = built
    for spec in TABLES:
        frame = pd.read_parquet(outputs / "parquet" / f"{spec.name}.parquet")
        ordered = frame.sort_values(list(spec.primary_key), kind="mergesort", na_position="last").reset_index(drop=True)
        pd.testing.assert_frame_equal(frame, ordered)


def test_failed_check_publishes_nothing_and_keeps_previous_outputs(corrupt_extraction, raw_copy, tmp_path):
    """A changed document whose rows break the schema: a failed check, nothing published, the state not saved."""
    outputs = tmp_path / "outputs"
    assert run_build_job(outputs, raw_copy).success
    before = published_hashes(outputs)  # the Parquet, DuckDB and release files, and the saved build state
    edit_raw(raw_copy, "canada-russia-relations.txt", append="\nAn added sentence.\n")
    corrupt_extraction("memberships", "country_code", "Canada")
    result = run_build_job(outputs, raw_copy)
    assert not result.success
    failed = [
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
    ]
    assert [(c.asset_key.to_user_string(), c.check_name) for c in failed] == [("memberships", "pandera_schema")]
    assert "Canada" in str(failed[0].metadata["failure_cases"].value)
    assert not [
        e
        for e in result.all_events
        if e.event_type_value == "ASSET_MATERIALIZATION" and e.asset_key.to_user_string() == "published_outputs"
    ]
    assert published_hashes(outputs) == before


def test_the_ui_shows_each_documents_state_and_rows(built):
    _, result = built
    outputs = [
        e
        for e in result.all_events
        if e.event_type_value == "STEP_OUTPUT" and e.step_key == "document_tables.patch_state"
    ]
    metadata = {key: value.value for key, value in outputs[0].event_specific_data.metadata.items()}
    assert (metadata["documents"], metadata["parsed"], metadata["reused"]) == (5, 5, 0)
    lines = metadata["per_document"].splitlines()
    assert lines[0].startswith("| source_id | state | sources | memberships | bilateral_relations |")
    assert "| canada-russia-relations | parsed | 1 |" in metadata["per_document"]
    assert len(lines) == 2 + 5
