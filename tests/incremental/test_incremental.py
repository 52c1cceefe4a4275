"""Incremental builds: unchanged documents are not re-parsed, changed ones are, removed ones disappear."""

import os

import json

import duckdb
import pandas as pd
import pytest

from pipeline import incremental
from pipeline.build import ValidationFailed, run_build, validated_tables
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import extract_document
from pipeline.release.releases import releases_dir
from schemas import TABLES
from tests.conftest import as_arrow

RUSSIA = "canada-russia-relations.txt"
AMERICAS = "canada-and-the-americas.txt"
FACT_SHEET = "defending-common-interests-fact-sheet.txt"


def test_unchanged_documents_are_reused_and_give_identical_tables(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first = run_build(raw_copy, outputs)
    second = run_build(raw_copy, outputs)
    assert (first.parsed, first.reused) == (5, 0)
    assert (second.parsed, second.reused) == (0, 5)
    assert second.published.build_id == first.published.build_id
    fresh = run_build(raw_copy, tmp_path / "uncached", use_cache=False)
    for spec in TABLES:
        pd.testing.assert_frame_equal(second.tables[spec.name], fresh.tables[spec.name])


def test_a_touched_file_is_not_reparsed(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    os.utime(raw_copy / RUSSIA, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert run_build(raw_copy, outputs).parsed == 0


def test_a_changed_document_is_reparsed_alone(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    with open(raw_copy / RUSSIA, "a", encoding="utf-8") as handle:
        handle.write("\nBoth countries are also members of the World Trade Organization.\n")
    rebuilt = run_build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (1, 4)
    wto = rebuilt.tables["memberships"].query("org_id == 'wto' and source_id == 'canada-russia-relations'")
    assert set(wto.country_code) == {"CAN", "RUS"}
    assert rebuilt.release.plan.bump == "patch"


def test_a_code_change_invalidates_every_cached_document(raw_copy, tmp_path, monkeypatch):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    legacy = outputs / ".cache" / "extractions" / "0123456789abcdef"  # the per-document cache of builds before the state
    legacy.mkdir(parents=True)
    (legacy / "document.pickle").write_bytes(b"old")
    monkeypatch.setattr(incremental, "extraction_code_version", lambda: "another-parser")
    rebuilt = run_build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (5, 0)
    assert [p.name for p in (outputs / ".cache").iterdir()] == ["state"]
    assert [p.name for p in (outputs / ".cache" / "state").iterdir()] == ["another-parser.state.pickle"]


def test_code_version_follows_the_extraction_source():
    version = incremental.extraction_code_version()
    assert len(version) == 16
    files = [p.relative_to(incremental.PROJECT_ROOT).as_posix() for folder in incremental.CODE_FOLDERS for p in (incremental.PROJECT_ROOT / folder).rglob("*.py")]
    assert {"pipeline/extract/memberships.py", "pipeline/documents/parse.py", "schemas/memberships.py"} <= set(files)
    assert all((incremental.PROJECT_ROOT / name).is_file() for name in incremental.CODE_FILES)


def test_a_removed_document_loses_its_rows_and_the_release_says_so(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    (raw_copy / RUSSIA).unlink()
    rebuilt = run_build(raw_copy, outputs)
    for spec in TABLES:
        if "source_id" in rebuilt.tables[spec.name].columns:
            assert "canada-russia-relations" not in set(rebuilt.tables[spec.name].source_id), spec.name
    notes = (releases_dir(outputs) / rebuilt.release.plan.version / "CHANGELOG.md").read_text()
    assert "- removed: (canada-russia-relations)" in notes  # the sources row
    assert "(CAN, osce, canada-russia-relations, 87)" in notes  # a membership read from it
    state = incremental.load_state(outputs)
    assert len(state.documents) == 4 and "canada-russia-relations" not in state.documents
    assert all("canada-russia-relations" not in set(table["source_id"].to_pylist()) for table in state.tables.values())


def test_an_incremental_build_equals_a_build_from_scratch(raw_copy, tmp_path):
    """Edits that shift every later line, a removal and an addition: the patched state gives the same bytes."""
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs, release=False)
    lines = (raw_copy / AMERICAS).read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    (raw_copy / AMERICAS).write_text("".join(lines[:middle] + ["Canada is a member of the World Trade Organization.\n", "\n"] + lines[middle:]), encoding="utf-8")
    (raw_copy / "extra-copy.txt").write_bytes((raw_copy / RUSSIA).read_bytes())
    (raw_copy / FACT_SHEET).unlink()
    rebuilt = run_build(raw_copy, outputs, release=False)
    scratch = run_build(raw_copy, tmp_path / "scratch", release=False, use_cache=False)
    assert (rebuilt.parsed, rebuilt.reused) == (2, 3)
    assert rebuilt.published.parquet_sha256 == scratch.published.parquet_sha256
    reference = as_arrow(validated_tables([extract_document(raw) for raw in read_raw_documents(raw_copy)]))
    for spec in TABLES:
        assert rebuilt.arrow[spec.name].equals(reference[spec.name]), spec.name


def test_a_build_that_changes_few_tables_patches_the_previous_duckdb_file(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first = run_build(raw_copy, outputs, release=False)
    with open(raw_copy / RUSSIA, "a", encoding="utf-8") as handle:
        handle.write("\nThis sentence states no fact.\n")
    rebuilt = run_build(raw_copy, outputs, release=False)
    facts = json.loads((rebuilt.published.folder / "build.json").read_text())
    assert facts["duckdb_patched_from"] == first.published.build_id
    changed = {name for name, digest in rebuilt.published.parquet_sha256.items() if first.published.parquet_sha256[name] != digest}
    assert changed == {"sources"}  # its sha256, bytes and lines
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        for spec in TABLES:
            in_duckdb = connection.sql(f'SELECT * FROM "{spec.name}"').to_arrow_table()
            assert in_duckdb.to_pylist() == rebuilt.arrow[spec.name].to_pylist(), spec.name
        assert connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'sources'").fetchone()[0]
        assert connection.execute("SELECT count(*) FROM memberships_by_organization").fetchone()[0] > 0
    finally:
        connection.close()


def test_rows_that_fail_validation_never_enter_the_saved_state(raw_copy, tmp_path, corrupt_extraction):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs, release=False)
    saved = incremental.state_path(outputs).read_bytes()
    with open(raw_copy / RUSSIA, "a", encoding="utf-8") as handle:
        handle.write("\nBoth countries are also members of the World Trade Organization.\n")
    corrupt_extraction("memberships", "line", "not a line")
    with pytest.raises(ValidationFailed, match="memberships") as failed:
        run_build(raw_copy, outputs, release=False)
    cases = failed.value.failures["memberships"]
    assert set(cases["source_id"]) - {""} == {"canada-russia-relations"}  # a row's failure names the document it came from
    assert incremental.state_path(outputs).read_bytes() == saved
    corrupt_extraction.undo()
    assert run_build(raw_copy, outputs, release=False).parsed == 1  # the changed document is extracted again


def test_a_state_replaced_during_the_build_is_refused(raw_copy):
    documents = read_raw_documents(raw_copy)
    state = incremental.BuildState.empty().patched(documents, incremental.extract_fragment(documents))
    others = incremental.BuildState({}, state.tables)  # another build's state: it knows none of these documents
    with pytest.raises(RuntimeError, match="neither reused nor extracted"):
        others.patched(documents, incremental.Fragment())
