"""Publishing: byte-identical rebuilds, one atomic switch, locks, readers keep their snapshot."""

import os
import stat

import duckdb
import pyarrow as pa
import pytest

from pipeline.publish.outputs import DUCKDB_NAME, PublishLockedError, cleanup_stale, publish, publish_lock
from pipeline.publish.parquet import arrow_parquet_bytes
from pipeline.run import run_build
from schemas import TABLES
from tests.conftest import RAW_DIR
from tests.robustness.helpers import lock_held_elsewhere


@pytest.fixture(scope="module")
def valid_tables(arrow_tables):
    return arrow_tables


def test_two_builds_give_byte_identical_parquet(tmp_path):
    first = run_build(raw_dir=RAW_DIR, outputs_dir=tmp_path / "a", cut_releases=False)
    second = run_build(raw_dir=RAW_DIR, outputs_dir=tmp_path / "b", cut_releases=False)
    assert first.build_id == second.build_id
    for spec in TABLES:
        assert (tmp_path / "a/parquet" / f"{spec.name}.parquet").read_bytes() == (
            tmp_path / "b/parquet" / f"{spec.name}.parquet"
        ).read_bytes()


def test_publish_switches_one_link_and_files_are_world_readable(tmp_path, valid_tables):
    published = publish(valid_tables, tmp_path)
    assert os.readlink(tmp_path / "current") == f"builds/{published.build_id}"
    assert os.readlink(tmp_path / DUCKDB_NAME) == f"current/{DUCKDB_NAME}"
    for path in [tmp_path / DUCKDB_NAME, *(tmp_path / "parquet").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_republishing_the_same_tables_reuses_the_build(tmp_path, valid_tables):
    first = publish(valid_tables, tmp_path)
    second = publish(valid_tables, tmp_path)
    assert second.reused and second.build_id == first.build_id
    assert [p.name for p in (tmp_path / "builds").iterdir()] == [first.build_id]


def test_a_changed_build_replaces_the_old_one(tmp_path, valid_tables):
    first = publish(valid_tables, tmp_path)
    changed = dict(valid_tables, memberships=valid_tables["memberships"].slice(1))
    second = publish(changed, tmp_path)
    assert second.build_id != first.build_id
    assert [p.name for p in (tmp_path / "builds").iterdir()] == [second.build_id]
    assert second.rows["memberships"] == first.rows["memberships"] - 1


def test_reader_holding_the_database_keeps_its_snapshot(tmp_path, valid_tables):
    publish(valid_tables, tmp_path)
    reader = duckdb.connect(str(tmp_path / DUCKDB_NAME), read_only=True)
    try:
        before = reader.execute("SELECT count(*) FROM memberships").fetchone()[0]
        publish(dict(valid_tables, memberships=valid_tables["memberships"].slice(0, 10)), tmp_path)
        assert reader.execute("SELECT count(*) FROM memberships").fetchone()[0] == before
    finally:
        reader.close()
    fresh = duckdb.connect(str(tmp_path / DUCKDB_NAME), read_only=True)
    assert fresh.execute("SELECT count(*) FROM memberships").fetchone()[0] == 10
    fresh.close()


def test_a_second_publisher_is_refused_with_a_clear_message(tmp_path, valid_tables):
    with lock_held_elsewhere(tmp_path) as pid:
        with pytest.raises(PublishLockedError, match=rf"being published by pid {pid}"):
            publish(valid_tables, tmp_path)


def test_the_lock_is_reentrant_within_a_process_and_refuses_a_wait_of_nan(tmp_path, valid_tables):
    with publish_lock(tmp_path):
        assert publish(valid_tables, tmp_path).build_id  # the CLI holds the lock for its whole run
    with pytest.raises(ValueError, match="finite number of seconds"):
        with publish_lock(tmp_path, float("nan")):
            pass


def test_leftovers_of_a_killed_build_are_cleaned_up(tmp_path, valid_tables):
    (tmp_path / "builds" / ".tmp-abc-123" / "parquet").mkdir(parents=True)
    (tmp_path / ".tmp-current-99").symlink_to("builds/nothing")
    publish(valid_tables, tmp_path)
    assert not list(tmp_path.glob(".tmp-*")) and not list((tmp_path / "builds").glob(".tmp-*"))
    assert cleanup_stale(tmp_path) == []


def test_a_foreign_file_at_a_managed_path_is_not_overwritten(tmp_path, valid_tables):
    (tmp_path / DUCKDB_NAME).write_bytes(b"analyst's own file")
    with pytest.raises(FileExistsError, match="not the link this pipeline manages"):
        publish(valid_tables, tmp_path)
    assert (tmp_path / DUCKDB_NAME).read_bytes() == b"analyst's own file"
    assert not (tmp_path / "current").exists() and not (tmp_path / "builds").exists()


def test_parquet_bytes_do_not_depend_on_how_rows_are_chunked():
    """A spliced build state holds tables in many chunks. Where a column's dictionary outgrows its page
    (40,000 distinct texts here, as bilateral_relations' notes at N = 1,000), the writer's fallback to
    plain encoding happens at a chunk boundary, so it joins the chunks first."""
    table = pa.table({"detail": [f"row {i:06d} of a table whose dictionary outgrows a page" for i in range(40_000)]})
    chunked = pa.concat_tables([table.slice(start, 999) for start in range(0, table.num_rows, 999)])
    assert arrow_parquet_bytes(chunked) == arrow_parquet_bytes(table)
