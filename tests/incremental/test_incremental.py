"""Incremental builds: unchanged documents are not re-parsed, changed ones are, removed ones disappear.

Every build here is the build job itself (pipeline.run.run_build); a build with
`reuse_state=False` starts from an empty state and is the reference an
incremental build must equal, byte for byte.
"""

import json
import os

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from pipeline.batch import extract_batch
from pipeline.documents.reading import read_raw_documents, sha256_hex
from pipeline.publish.layout import current_build, read_build_facts
from pipeline.release.releases import releases_dir
from pipeline.run import run_build
from pipeline.state import BuildState, Fragment, load_state, save_state
from pipeline.state.splice import _spliced
from pipeline.state.store import default_state_folder as state_dir
from pipeline.state.store import state_path
from pipeline.versions import PROJECT_ROOT
from schemas import TABLES
from tests.benchmarks.corpus import change_one_document, generate_corpus
from tests.conftest import edit_raw

RUSSIA = "canada-russia-relations.txt"
AMERICAS = "canada-and-the-americas.txt"
FACT_SHEET = "defending-common-interests-fact-sheet.txt"


def build(raw, outputs, release: bool = True, reuse: bool = True):
    return run_build(raw_dir=raw, outputs_dir=outputs, cut_releases=release, reuse_state=reuse)


def test_unchanged_documents_are_reused_and_give_identical_tables(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first = build(raw_copy, outputs)
    second = build(raw_copy, outputs)
    assert (first.parsed, first.reused) == (5, 0)
    assert (second.parsed, second.reused) == (0, 5)
    assert second.build_id == first.build_id
    fresh = build(raw_copy, tmp_path / "uncached", reuse=False)
    for spec in TABLES:
        pd.testing.assert_frame_equal(second.tables[spec.name], fresh.tables[spec.name])


def test_a_touched_file_is_not_reparsed(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs)
    os.utime(raw_copy / RUSSIA, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert build(raw_copy, outputs).parsed == 0


def test_a_changed_document_is_reparsed_alone(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs)
    edit_raw(raw_copy, RUSSIA, append="\nBoth countries are also members of the World Trade Organization.\n")
    rebuilt = build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (1, 4)
    wto = rebuilt.tables["memberships"].query("org_id == 'wto' and source_id == 'canada-russia-relations'")
    assert set(wto.country_code) == {"CAN", "RUS"}
    assert rebuilt.release["bump"] == "patch"


def test_a_code_change_invalidates_every_cached_document(raw_copy, tmp_path, monkeypatch):
    from pipeline.state import store

    outputs = tmp_path / "outputs"
    build(raw_copy, outputs)
    (outputs / ".cache" / "state" / "0123456789abcdef.state").write_bytes(b"an older code version's state")
    (outputs / ".cache" / "state" / "notes.txt").write_text("not the pipeline's")
    monkeypatch.setattr(store, "code_version", lambda: "fedcba9876543210")
    rebuilt = build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (5, 0)
    assert sorted(p.name for p in (outputs / ".cache" / "state").iterdir()) == ["fedcba9876543210.state", "notes.txt"]


def test_code_version_follows_the_extraction_source_and_the_libraries_that_decide_rows(monkeypatch):
    from pipeline.state import keys

    version = keys.code_version()
    assert len(version) == 16
    files = [
        p.relative_to(PROJECT_ROOT).as_posix()
        for folder in keys.CODE_FOLDERS
        for p in (PROJECT_ROOT / folder).rglob("*.py")
    ]
    assert {"pipeline/extract/memberships.py", "pipeline/documents/parse.py", "schemas/memberships.py"} <= set(files)
    assert all((PROJECT_ROOT / name).is_file() for name in keys.CODE_FILES)
    assert set(keys.library_versions()) >= {"pycountry", "pandas", "pandera"}
    monkeypatch.setattr(
        keys, "library_versions", lambda: {"pycountry": "0.0.1"}
    )  # a pycountry release renames a country
    keys.code_version.cache_clear()
    try:
        assert keys.code_version() != version
    finally:
        monkeypatch.undo()
        keys.code_version.cache_clear()


def test_a_removed_document_loses_its_rows_and_the_release_says_so(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs)
    (raw_copy / RUSSIA).unlink()
    rebuilt = build(raw_copy, outputs)
    for spec in TABLES:
        if "source_id" in rebuilt.tables[spec.name].columns:
            assert "canada-russia-relations" not in set(rebuilt.tables[spec.name].source_id), spec.name
    notes = (releases_dir(outputs) / rebuilt.released_version / "CHANGELOG.md").read_text()
    assert "- removed: (canada-russia-relations)" in notes  # the sources row
    assert "(CAN, osce, canada-russia-relations, 87)" in notes  # a membership read from it
    state = load_state(state_dir(outputs)).state
    assert len(state.documents) == 4 and "canada-russia-relations" not in state.documents
    assert all("canada-russia-relations" not in set(table["source_id"].to_pylist()) for table in state.tables.values())


def test_an_incremental_build_equals_a_build_from_scratch(raw_copy, tmp_path):
    """Edits that shift every later line, a removal and an addition: the patched state gives the same bytes."""
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs, release=False)
    lines = (raw_copy / AMERICAS).read_text(encoding="utf-8").splitlines(keepends=True)
    middle = len(lines) // 2
    inserted = ["Canada is a member of the World Trade Organization.\n", "\n"]
    edit_raw(raw_copy, AMERICAS, "".join(lines[:middle] + inserted + lines[middle:]))
    (raw_copy / "extra-copy.txt").write_bytes((raw_copy / RUSSIA).read_bytes())
    (raw_copy / FACT_SHEET).unlink()
    rebuilt = build(raw_copy, outputs, release=False)
    scratch = build(raw_copy, tmp_path / "scratch", release=False, reuse=False)
    assert (rebuilt.parsed, rebuilt.reused) == (2, 3)
    assert rebuilt.build_id == scratch.build_id  # the id is the hash of every table's Parquet sha256
    for spec in TABLES:
        assert rebuilt.arrow_tables[spec.name].equals(scratch.arrow_tables[spec.name]), spec.name


def test_a_build_that_changes_few_tables_patches_the_previous_duckdb_file(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first = build(raw_copy, outputs, release=False)
    before = json.loads((outputs / "builds" / first.build_id / "build.json").read_text())["parquet_sha256"]
    edit_raw(raw_copy, RUSSIA, append="\nThis sentence states no fact.\n")
    rebuilt = build(raw_copy, outputs, release=False)
    facts = json.loads((outputs / "builds" / rebuilt.build_id / "build.json").read_text())
    assert facts["duckdb_patched_from"] == first.build_id
    assert {name for name, digest in facts["parquet_sha256"].items() if before[name] != digest} == {
        "sources"
    }  # sha256, bytes, lines
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        for spec in TABLES:
            in_duckdb = connection.sql(f'SELECT * FROM "{spec.name}"').to_arrow_table()
            assert in_duckdb.to_pylist() == rebuilt.arrow_tables[spec.name].to_pylist(), spec.name
        assert connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'sources'").fetchone()[0]
        assert connection.execute("SELECT count(*) FROM memberships_by_organization").fetchone()[0] > 0
    finally:
        connection.close()


def test_rows_that_fail_validation_never_enter_the_saved_state(raw_copy, tmp_path, corrupt_extraction):
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs, release=False)
    saved = state_path(state_dir(outputs)).read_bytes()
    edit_raw(raw_copy, RUSSIA, append="\nBoth countries are also members of the World Trade Organization.\n")
    corrupt_extraction("memberships", "line", "not a line")
    failed = build(raw_copy, outputs, release=False)
    assert not failed.success and failed.failed_checks() == [("memberships", "pandera_schema")]
    cases = failed.check_results()[("memberships", "pandera_schema")].metadata["failure_cases"].value
    assert "canada-russia-relations" in cases  # a row's failure names the document it came from
    assert state_path(state_dir(outputs)).read_bytes() == saved
    corrupt_extraction.undo()
    assert build(raw_copy, outputs, release=False).parsed == 1  # the changed document is extracted again


def test_a_state_that_lacks_a_document_it_should_keep_is_refused(raw_copy):
    documents = read_raw_documents(raw_copy)
    state = BuildState.empty().patched(documents, extract_batch(documents))
    others = BuildState({}, state.tables)  # a state that knows none of these documents, given no fragment for them
    with pytest.raises(ValueError, match="neither reused nor extracted"):
        others.patched(documents, Fragment())


def test_repeated_rebuilds_of_a_corpus_splice_the_state_and_equal_builds_from_scratch(tmp_path):
    """Edits that shift lines, a removal, an addition that sorts first: after each, the same bytes as from scratch."""
    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    generated = generate_corpus(raw, 12, seed=1)
    build(raw, outputs, release=False)
    edits = [
        lambda: change_one_document(raw, "middle"),
        lambda: _insert_line_halfway(generated[0].path),
        lambda: generated[-1].path.unlink(),
        lambda: (raw / "0000-a-copy.txt").write_bytes(generated[3].path.read_bytes()),
        lambda: change_one_document(raw, "end"),
    ]
    for number, edit in enumerate(edits):
        edit()
        rebuilt = build(raw, outputs, release=False)
        scratch = build(raw, tmp_path / f"scratch-{number}", release=False, reuse=False)
        assert rebuilt.parsed == (0 if number == 2 else 1), number
        assert rebuilt.build_id == scratch.build_id, number
    assert load_state(state_dir(outputs)).state.documents.keys() == {raw.source_id for raw in read_raw_documents(raw)}


def _insert_line_halfway(path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    moved = ["A sentence that moves every later line.\n", "\n"]
    path.write_text("".join(lines[: len(lines) // 2] + moved + lines[len(lines) // 2 :]), encoding="utf-8")


def test_replacing_one_document_splices_three_slices_in_document_order():
    def table(rows):
        return pa.table({"source_id": [s for s, _ in rows], "line": [n for _, n in rows]})

    previous = table([("a", 1), ("a", 2), ("b", 1), ("c", 1), ("c", 5), ("d", 3)])
    fragment = table([("b", 7), ("b", 8), ("bb", 1)])
    spliced = _spliced("bilateral_relations", previous, {"a", "c", "d"}, fragment)
    expected = table([("a", 1), ("a", 2), ("b", 7), ("b", 8), ("bb", 1), ("c", 1), ("c", 5), ("d", 3)])
    assert spliced.to_pylist() == expected.to_pylist()
    assert spliced.column(0).num_chunks == 3  # a; b and bb; c and d: slices, not copies
    removed = _spliced("bilateral_relations", previous, {"a", "d"}, None)
    assert removed.to_pylist() == table([("a", 1), ("a", 2), ("d", 3)]).to_pylist()


def test_a_state_table_whose_documents_are_interleaved_is_refused():
    interleaved = pa.table({"source_id": ["a", "b", "a"], "line": [1, 1, 2]})
    with pytest.raises(ValueError, match="missions: build state rows are not grouped by document"):
        _spliced("missions", interleaved, {"a", "b"}, None)


def test_the_saved_state_holds_only_the_rows_of_a_spliced_state(tmp_path):
    """A state file written from slices holds their rows, not their whole buffers (a few percent is IPC framing)."""
    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    generate_corpus(raw, 10, seed=2)
    build(raw, outputs, release=False)
    first = load_state(state_dir(outputs)).state
    first_size = state_path(state_dir(outputs)).stat().st_size
    change_one_document(raw, "middle")
    documents = read_raw_documents(raw)
    patched = first.patched(documents, extract_batch(first.to_extract(documents)))
    assert max(table.column(0).num_chunks for table in patched.tables.values()) > 1
    save_state(state_dir(outputs), patched)
    assert state_path(state_dir(outputs)).stat().st_size < first_size * 1.25
    loaded = load_state(state_dir(outputs)).state
    assert loaded.documents == patched.documents
    assert all(loaded.tables[name].equals(table) for name, table in patched.tables.items())


def test_an_unreadable_state_file_means_every_document_is_extracted_again(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    build(raw_copy, outputs, release=False)
    path = state_path(state_dir(outputs))
    path.write_bytes(path.read_bytes()[:-100])  # cut short, as by a full disk
    loaded = load_state(state_dir(outputs))
    assert loaded.state.documents == {} and "discarded" in loaded.warning
    assert build(raw_copy, outputs, release=False).parsed == 5
    assert load_state(state_dir(outputs)).state.documents.keys() == {
        raw.source_id for raw in read_raw_documents(raw_copy)
    }


def test_an_edited_state_file_is_discarded_not_published(raw_copy, tmp_path):
    """Editing a saved year (1949 to 1994) in the state must not reach the published tables: the checksum fails."""
    outputs = tmp_path / "outputs"
    first = build(raw_copy, outputs, release=False)
    path = state_path(state_dir(outputs))
    data = path.read_bytes()
    assert b"1949" in data
    path.write_bytes(data.replace(b"1949", b"1994", 1))
    loaded = load_state(state_dir(outputs))
    assert loaded.state.documents == {} and "checksum" in loaded.warning
    rebuilt = build(raw_copy, outputs, release=False)
    assert rebuilt.parsed == 5 and rebuilt.build_id == first.build_id


def test_steps_share_the_listing_of_the_raw_folder_not_its_bytes(raw_copy, tmp_path):
    from pipeline.documents.reading import ListedDocument

    run = build(raw_copy, tmp_path / "outputs", release=False)
    listing = run.result.output_for_node("raw_documents")
    assert all(isinstance(listed, ListedDocument) and not hasattr(listed, "data") for listed in listing)
    assert {listed.file_name: listed.bytes for listed in listing} == {
        path.name: path.stat().st_size for path in raw_copy.glob("*.txt")
    }
    assert {listed.file_name: listed.bytes for listed in listing}[RUSSIA] == 15889  # its size on disk


def test_a_file_edited_after_it_was_listed_is_refused_for_that_build_and_read_again_by_the_next(
    raw_copy, tmp_path, monkeypatch
):
    """The bytes extracted are the bytes listed, or the document is refused: an edit that lands between the two
    reads neither mixes an old sha256 with new rows nor leaves a refusal that a later build would reuse."""
    import pipeline.assets.ingest as ingest

    read_again = ingest.read_listed_document

    def edited_meanwhile(raw_dir, listed):
        if listed.file_name == RUSSIA:
            edit_raw(raw_dir, RUSSIA, append="Canada and Russia signed a fisheries agreement in 1988.\n")
        return read_again(raw_dir, listed)

    outputs = tmp_path / "outputs"
    monkeypatch.setattr(ingest, "read_listed_document", edited_meanwhile)
    first = build(raw_copy, outputs)
    issues = first.tables["quality_issues"]
    refused = issues[(issues["kind"] == "rejected_file") & (issues["source_id"] == "canada-russia-relations")]
    assert len(refused) == 1 and "changed during the build" in refused["detail"].iloc[0]
    assert first.released_version is None and not first.success  # the release waits for the document
    recorded = read_build_facts(current_build(outputs))["raw"]
    assert recorded[RUSSIA][0] is None  # not the listed sha256: the sensor must ask for another build
    assert recorded[AMERICAS][0] == sha256_hex((raw_copy / AMERICAS).read_bytes())
    monkeypatch.setattr(ingest, "read_listed_document", read_again)
    second = build(raw_copy, outputs)
    assert second.success and (second.parsed, second.reused) == (1, 4)
    assert not (second.tables["quality_issues"]["kind"] == "rejected_file").any()


def test_a_one_document_rebuild_saves_a_delta_beside_the_complete_state_and_reads_back_the_whole(tmp_path):
    """The state folder holds the complete state as `.base` and a delta of the changed document only; read together
    they are the state a build from scratch saves, and later rebuilds rewrite the delta against the same base."""
    from pipeline.state.store import StateUnreadable, _footer, _read_stored, base_of, read_state

    raw, outputs, scratch = tmp_path / "raw", tmp_path / "outputs", tmp_path / "scratch"
    generate_corpus(raw, 10, seed=3)
    build(raw, outputs, release=False)
    path = state_path(state_dir(outputs))
    complete_size = path.stat().st_size
    changed = change_one_document(raw, "middle")
    assert build(raw, outputs, release=False).parsed == 1
    delta, base = _footer(path), _footer(base_of(path))
    changed_id = next(d.source_id for d in read_raw_documents(raw) if d.file_name == changed.name)
    assert list(delta["documents"]) == [changed_id]
    assert delta["base"]["checksum"] == base["checksum"] and delta["base"]["removed"] == []
    plan = delta["base"]["plans"]["quality_issues"]  # the base's rows before and after the document's, its own between
    assert [which for which, _, _ in plan] == [0, 1, 0] and sum(rows for _, _, rows in plan) > 0
    assert "base" not in base and len(base["documents"]) == 10
    rows = _read_stored(pa.memory_map(str(path)).read_buffer(), str(path), verify=True).state.tables  # not spliced
    assert {s for table in rows.values() for s in table["source_id"].to_pylist()} == {changed_id}
    assert path.stat().st_size < complete_size / 2  # one document's rows and the tables' schemas
    with pytest.raises(StateUnreadable, match="is a delta"):  # never mistaken for a whole state without its base
        read_state(pa.memory_map(str(path)).read_buffer(), str(path))
    build(raw, scratch, release=False)  # a new outputs folder: every document extracted, the state complete
    whole, reference = load_state(state_dir(outputs)).state, load_state(state_dir(scratch)).state
    assert whole.documents == reference.documents
    assert all(whole.tables[name].equals(reference.tables[name]) for name in reference.tables)

    base_inode = base_of(path).stat().st_ino
    change_one_document(raw, "end")  # the same document again, or another: still one delta against that base
    build(raw, outputs, release=False)
    assert base_of(path).stat().st_ino == base_inode and len(_footer(path)["documents"]) <= 2
    for document in sorted(raw.glob("*.txt"))[:3]:  # past a fifth of the documents: written complete again
        edit_raw(raw, document.name, append="Canada and Chile signed a trade agreement in 1996.\n")
    build(raw, outputs, release=False)
    assert "base" not in _footer(path) and not base_of(path).exists()


def test_a_delta_is_written_only_against_the_file_whose_rows_the_build_reused(tmp_path):
    """A base replaced since it was read (another inode, same bytes) or edited is never the base of a delta."""
    from pipeline.state.store import _footer, base_of

    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    generate_corpus(raw, 10, seed=4)
    build(raw, outputs, release=False)
    path = state_path(state_dir(outputs))
    change_one_document(raw, "end")
    build(raw, outputs, release=False)
    assert "base" in _footer(path)
    base = base_of(path)
    data = base.read_bytes()
    base.write_bytes(data.replace(b"1949", b"1994", 1) if b"1949" in data else data[:-9] + b"x" + data[-8:])
    loaded = load_state(state_dir(outputs))
    assert loaded.state.documents == {} and "discarded" in loaded.warning  # an edited base spoils its delta
    change_one_document(raw, "end")
    assert build(raw, outputs, release=False).parsed == 10
    assert "base" not in _footer(path)  # nothing trusted to write a delta against: complete


def test_a_delta_names_the_documents_removed_and_holds_the_ones_added(tmp_path):
    """A file deleted and a file added since the complete state: the delta removes the one and adds the other, and
    reads back equal to the state of a build from scratch of the folder as it is."""
    from pipeline.state.store import _footer

    raw, outputs, scratch = tmp_path / "raw", tmp_path / "outputs", tmp_path / "scratch"
    generate_corpus(raw, 10, seed=5)
    build(raw, outputs, release=False)
    files = sorted(raw.glob("*.txt"))
    removed = next(d.source_id for d in read_raw_documents(raw) if d.file_name == files[3].name)
    files[3].unlink()
    (raw / "zz-canada-chile-relations.txt").write_text("Canada and Chile signed a free trade agreement in 1996.\n")
    run = build(raw, outputs, release=False, reuse=True)
    assert (run.parsed, run.reused) == (1, 9)
    footer = _footer(state_path(state_dir(outputs)))
    assert footer["base"]["removed"] == [removed] and list(footer["documents"]) == ["zz-canada-chile-relations"]
    build(raw, scratch, release=False)
    whole, reference = load_state(state_dir(outputs)).state, load_state(state_dir(scratch)).state
    assert whole.documents == reference.documents and removed not in whole.documents
    assert all(whole.tables[name].equals(reference.tables[name]) for name in reference.tables)
