"""Incremental builds: unchanged documents are not re-parsed, changed ones are, removed ones disappear."""

import json
import os
import pickle

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from pipeline import incremental
from pipeline.build import ValidationFailed, run_build, validated_tables
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import extract_document
from pipeline.release.releases import releases_dir
from schemas import TABLES
from tests.benchmarks.corpus import change_one_document, generate_corpus
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
    (outputs / ".cache" / "state" / "0123456789abcdef.state.pickle").write_bytes(b"old")  # the state's earlier format
    monkeypatch.setattr(incremental, "extraction_code_version", lambda: "another-parser")
    rebuilt = run_build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (5, 0)
    assert [p.name for p in (outputs / ".cache").iterdir()] == ["state"]
    assert [p.name for p in (outputs / ".cache" / "state").iterdir()] == ["another-parser.state"]


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


def test_repeated_rebuilds_of_a_corpus_splice_the_state_and_equal_builds_from_scratch(tmp_path):
    """Edits that shift lines, a removal, and an addition that sorts first: after each, the same bytes as from scratch."""
    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    generated = generate_corpus(raw, 12, seed=1)
    run_build(raw, outputs, release=False)
    edits = [
        lambda: change_one_document(raw, "middle"),
        lambda: _insert_line_halfway(generated[0].path),
        lambda: generated[-1].path.unlink(),
        lambda: (raw / "0000-a-copy.txt").write_bytes(generated[3].path.read_bytes()),
        lambda: change_one_document(raw, "end"),
    ]
    for number, edit in enumerate(edits):
        edit()
        rebuilt = run_build(raw, outputs, release=False)
        scratch = run_build(raw, tmp_path / f"scratch-{number}", release=False, use_cache=False)
        assert rebuilt.parsed == (0 if number == 2 else 1), number
        assert rebuilt.published.parquet_sha256 == scratch.published.parquet_sha256, number
    state = incremental.load_state(outputs)
    assert state.documents.keys() == {raw.source_id for raw in read_raw_documents(raw)}


def _insert_line_halfway(path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2] + ["A sentence that moves every later line.\n", "\n"] + lines[len(lines) // 2 :]), encoding="utf-8")


def test_replacing_one_document_splices_three_slices_in_document_order():
    def table(rows):
        return pa.table({"source_id": [s for s, _ in rows], "line": [n for _, n in rows]})

    previous = table([("a", 1), ("a", 2), ("b", 1), ("c", 1), ("c", 5), ("d", 3)])
    fragment = table([("b", 7), ("b", 8), ("bb", 1)])
    spliced = incremental._spliced("bilateral_relations", previous, {"a", "c", "d"}, fragment)
    assert spliced.to_pylist() == table([("a", 1), ("a", 2), ("b", 7), ("b", 8), ("bb", 1), ("c", 1), ("c", 5), ("d", 3)]).to_pylist()
    assert spliced.column(0).num_chunks == 3  # a; b and bb; c and d: slices, not copies
    removed = incremental._spliced("bilateral_relations", previous, {"a", "d"}, None)
    assert removed.to_pylist() == table([("a", 1), ("a", 2), ("d", 3)]).to_pylist()


def test_a_state_table_whose_documents_are_interleaved_is_refused():
    interleaved = pa.table({"source_id": ["a", "b", "a"], "line": [1, 1, 2]})
    with pytest.raises(ValueError, match="missions: build state rows are not grouped by document"):
        incremental._spliced("missions", interleaved, {"a", "b"}, None)


def test_the_saved_state_holds_only_the_rows_of_a_spliced_state(tmp_path):
    """Pickle would write a slice's whole buffer: the state file and Dagster's pickled state would double on every rebuild.

    (A few percent more is the per-slice framing of Arrow IPC on this small state.)"""
    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    generate_corpus(raw, 10, seed=2)
    run_build(raw, outputs, release=False)
    first = incremental.load_state(outputs)
    first_size = incremental.state_path(outputs).stat().st_size
    change_one_document(raw, "middle")
    documents = read_raw_documents(raw)
    patched = first.patched(documents, incremental.extract_fragment(first.to_extract(documents)))
    assert max(table.column(0).num_chunks for table in patched.tables.values()) > 1
    incremental.save_state(outputs, patched)
    assert incremental.state_path(outputs).stat().st_size < first_size * 1.25
    assert len(pickle.dumps(patched)) < first_size * 1.25
    unpickled = pickle.loads(pickle.dumps(patched))
    assert all(unpickled.tables[name].equals(table) for name, table in patched.tables.items())
    loaded = incremental.load_state(outputs)
    assert loaded.documents == patched.documents
    assert all(loaded.tables[name].equals(table) for name, table in patched.tables.items())


def test_an_unreadable_state_file_means_every_document_is_extracted_again(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs, release=False)
    path = incremental.state_path(outputs)
    path.write_bytes(path.read_bytes()[:-100])  # cut short, as by a full disk
    assert incremental.load_state(outputs).documents == {}
    assert run_build(raw_copy, outputs, release=False).parsed == 5
    assert incremental.load_state(outputs).documents.keys() == {raw.source_id for raw in read_raw_documents(raw_copy)}
