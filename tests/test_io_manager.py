"""The IO manager between steps: a folder per run, Arrow tables and build states stored as Arrow, the rest pickled."""

import os

import pyarrow as pa
import pytest

from pipeline.assets.io import RunFolderIOManager
from pipeline.batch import extract_batch
from pipeline.definitions import defs
from pipeline.documents.reading import read_raw_documents, sha256_hex
from pipeline.run import run_build
from pipeline.state import BuildState, save_state
from pipeline.state.store import STATE_MAGIC
from tests.conftest import RAW_DIR

FILES = RunFolderIOManager(base_dir="unused")  # dump_to_path and load_from_path take the path they are given


@pytest.fixture(scope="module")
def state():
    documents = read_raw_documents(RAW_DIR)
    return BuildState.empty().patched(documents, extract_batch(documents))


def test_the_code_location_uses_it():
    assert type(defs.resources["io_manager"]).__name__ == "ArrowFilesystemIOManager"


def test_a_table_is_stored_as_an_arrow_file_and_read_back_unchanged(tmp_path, state):
    table = state.tables["memberships"]
    FILES.dump_to_path(None, table, tmp_path / "memberships")
    assert (tmp_path / "memberships").read_bytes()[:6] == b"ARROW1"
    loaded = FILES.load_from_path(None, tmp_path / "memberships")
    assert loaded.equals(table) and loaded.schema.metadata == table.schema.metadata
    assert loaded.num_rows == 120


def test_a_build_state_keeps_its_documents_tables_and_extracted_list(tmp_path, state):
    FILES.dump_to_path(None, state, tmp_path / "document_tables")
    assert (tmp_path / "document_tables").read_bytes()[: len(STATE_MAGIC)] == STATE_MAGIC
    loaded = FILES.load_from_path(None, tmp_path / "document_tables")
    assert loaded.documents == state.documents and loaded.extracted == state.extracted and len(loaded.extracted) == 5
    assert all(loaded.tables[name].equals(table) for name, table in state.tables.items())


def test_a_saved_state_is_linked_not_written_again(tmp_path, state):
    saved = save_state(tmp_path / "outputs", state)
    FILES.dump_to_path(None, saved, tmp_path / "run" / "document_tables")
    assert os.path.samefile(saved.origin, tmp_path / "run" / "document_tables")
    save_state(tmp_path / "outputs", state)  # replaced by a later build: the run keeps its own snapshot
    assert not os.path.samefile(saved.origin, tmp_path / "run" / "document_tables")
    assert FILES.load_from_path(None, tmp_path / "run" / "document_tables").documents == state.documents


def test_a_state_whose_rows_failed_and_other_values_are_pickled(tmp_path, state):
    failing = BuildState(state.documents, state.tables, state.extracted)
    failing.failures.add("memberships", pa.table({"x": [1]}).to_pandas())
    FILES.dump_to_path(None, failing, tmp_path / "failing")
    assert list(FILES.load_from_path(None, tmp_path / "failing").failures.cases) == ["memberships"]
    FILES.dump_to_path(None, ["any", "value"], tmp_path / "other")
    assert FILES.load_from_path(None, tmp_path / "other") == ["any", "value"]


def test_replacing_a_stored_table_leaves_one_already_loaded_intact(tmp_path):
    """Loaded tables are memory-mapped: the new file must replace the old one, not overwrite it in place."""
    FILES.dump_to_path(None, pa.table({"n": list(range(1000))}), tmp_path / "t")
    loaded = FILES.load_from_path(None, tmp_path / "t")
    FILES.dump_to_path(None, pa.table({"n": [7] * 10}), tmp_path / "t")
    assert loaded["n"].to_pylist() == list(range(1000))
    assert FILES.load_from_path(None, tmp_path / "t")["n"].to_pylist() == [7] * 10


def test_a_truncated_table_file_fails_to_load(tmp_path):
    FILES.dump_to_path(None, pa.table({"n": list(range(1000))}), tmp_path / "t")
    (tmp_path / "t").write_bytes((tmp_path / "t").read_bytes()[:200])
    with pytest.raises(pa.ArrowInvalid):
        FILES.load_from_path(None, tmp_path / "t")


def test_every_run_keeps_its_values_in_a_folder_of_its_own(tmp_path):
    import dagster as dg

    instance = dg.DagsterInstance.ephemeral()
    runs = [
        run_build(raw_dir=RAW_DIR, outputs_dir=tmp_path / name, instance=instance, cut_releases=False) for name in "ab"
    ]
    storage = instance.storage_directory()
    folders = {run.result.run_id for run in runs}
    assert folders <= set(os.listdir(storage))
    for run in runs:
        assert os.path.isfile(os.path.join(storage, run.result.run_id, "memberships"))


def test_values_shorter_than_the_magic_bytes_load(tmp_path):
    """An empty batch (nothing changed since the last build) pickles to 5 bytes."""
    FILES.dump_to_path(None, [], tmp_path / "empty")
    assert (tmp_path / "empty").stat().st_size < 8
    assert FILES.load_from_path(None, tmp_path / "empty") == []


def test_a_saved_delta_is_linked_with_its_base_and_read_back_whole(tmp_path, state):
    from dataclasses import replace

    from pipeline.state.store import base_of

    saved = save_state(tmp_path / "outputs", state)
    russia = next(raw for raw in read_raw_documents(RAW_DIR) if raw.source_id == "canada-russia-relations")
    edited = replace(russia, data=russia.data + b"\nCanada and Russia signed a fisheries agreement in 1988.\n")
    edited = replace(edited, sha256=sha256_hex(edited.data))
    others = [raw for raw in read_raw_documents(RAW_DIR) if raw.source_id != russia.source_id]
    fragment = extract_batch([edited])
    delta = save_state(tmp_path / "outputs", saved.patched([*others, edited], fragment))
    assert delta.base_origin is not None and delta.base_origin == base_of(delta.origin)
    FILES.dump_to_path(None, delta, tmp_path / "run" / "document_tables")
    assert os.path.samefile(delta.origin, tmp_path / "run" / "document_tables")
    assert os.path.samefile(delta.base_origin, tmp_path / "run" / "document_tables.base")
    loaded = FILES.load_from_path(None, tmp_path / "run" / "document_tables")
    assert loaded.documents == delta.documents and loaded.documents != state.documents
    assert all(loaded.tables[name].equals(table) for name, table in delta.tables.items())
    assert "1988" in " ".join(loaded.tables["agreements"]["evidence"].to_pylist())
