"""The instance storage `make build` configures: Dagster's SQLite storage with the event log kept open.

It must record exactly what Dagster's own storage records (the UI reads it), be readable by another instance
while the writer's connections are open (the UI is another process), and keep a bounded number of databases open.
"""

from __future__ import annotations

import collections
import shutil
import threading

import dagster as dg
import pytest
from dagster._core.storage.event_log import SqliteEventLogStorage

from pipeline import instance_storage
from pipeline.assets.resources import PipelineSettings
from pipeline.instance_storage import KeptOpenSqliteEventLogStorage, ProjectSqliteStorage
from pipeline.run import run_build
from tests.conftest import PROJECT_ROOT, RAW_DIR

INSTANCE_YAML = PROJECT_ROOT / "pipeline" / "dagster_instance.yaml"


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(INSTANCE_YAML, home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def _event_types(instance: dg.DagsterInstance, run_id: str) -> collections.Counter:
    return collections.Counter(
        record.dagster_event.event_type_value if record.dagster_event else "log" for record in instance.all_logs(run_id)
    )


def test_make_writes_the_project_storage_into_dagster_home():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "$(DAGSTER_HOME)/dagster.yaml: pipeline/dagster_instance.yaml" in makefile
    assert "@cp $< $@" in makefile


def test_a_build_records_every_event_dagster_own_storage_records(home, tmp_path):
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, KeptOpenSqliteEventLogStorage)  # the yaml names it, it loads
        run = run_build(PipelineSettings(raw_dir=str(RAW_DIR), outputs_dir=str(tmp_path / "kept")), instance=instance)
        assert run.success
        kept = _event_types(instance, run.result.run_id)

    plain_home = tmp_path / "plain_home"
    plain_home.mkdir()
    with dg.DagsterInstance.local_temp(str(plain_home)) as plain:
        assert type(plain.event_log_storage) is SqliteEventLogStorage
        run = run_build(PipelineSettings(raw_dir=str(RAW_DIR), outputs_dir=str(tmp_path / "plain")), instance=plain)
        assert run.success
        expected = _event_types(plain, run.result.run_id)

    assert kept == expected
    assert kept["ASSET_MATERIALIZATION"] >= 14 and kept["ASSET_CHECK_EVALUATION"] >= 14


def test_another_instance_reads_the_run_while_the_writer_keeps_its_databases_open(home, tmp_path):
    with dg.DagsterInstance.get() as writer:
        run = run_build(PipelineSettings(raw_dir=str(RAW_DIR), outputs_dir=str(tmp_path / "out")), instance=writer)
        assert writer.event_log_storage._engines  # still open
        with dg.DagsterInstance.get() as reader:  # as the UI, in its own process, opens the same DAGSTER_HOME
            assert _event_types(reader, run.result.run_id) == _event_types(writer, run.result.run_id)
            event = reader.get_latest_materialization_event(dg.AssetKey("memberships"))
            assert event is not None and event.run_id == run.result.run_id
            assert reader.get_run_by_id(run.result.run_id).status == dg.DagsterRunStatus.SUCCESS


def test_at_most_open_databases_engines_stay_open_and_a_fork_never_reuses_them(home, monkeypatch):
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        for number in range(instance_storage.OPEN_DATABASES + 3):
            with storage.run_connection(f"run-{number}"):
                pass
        assert len(storage._engines) == instance_storage.OPEN_DATABASES
        assert next(reversed(storage._engines)) == f"run-{instance_storage.OPEN_DATABASES + 2}"
        parent = dict(storage._engines)
        monkeypatch.setattr(instance_storage.os, "getpid", lambda: -1)  # as in a forked child
        with storage.run_connection("run-0"):
            pass
        assert list(storage._engines) == ["run-0"] and storage._engines["run-0"] is not parent.get("run-0")


def test_event_log_commits_wait_for_the_wal_checkpoint_not_for_each_fsync(home):
    """WAL with synchronous=NORMAL (1) on every kept connection. Dagster's own storage makes its databases WAL with
    synchronous=FULL (2); without the connect hook a run's database opened here stayed in rollback-journal mode."""
    import sqlalchemy as db

    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        with storage.run_connection("a-run") as connection:
            assert connection.execute(db.text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(db.text("PRAGMA synchronous")).scalar() == 1
        with storage.index_connection() as connection:
            assert connection.execute(db.text("PRAGMA synchronous")).scalar() == 1


def test_a_database_another_process_reads_in_rollback_mode_keeps_its_mode_and_opens(tmp_path):
    """The switch to WAL waits MODE_CHANGE_WAIT_MS for a reader's lock, then gives up quietly: the event is written."""
    import sqlite3
    import time

    path = tmp_path / "run.db"
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("CREATE TABLE t (x)")
    reader.execute("INSERT INTO t VALUES (1)")
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()  # a shared lock, held: no mode change can happen now
    writer = sqlite3.connect(path, timeout=30)
    started = time.perf_counter()
    instance_storage._wal_without_fsync_per_commit(writer, None)
    assert time.perf_counter() - started < 5
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert writer.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000  # locks are waited for as before
    reader.execute("COMMIT")
    instance_storage._wal_without_fsync_per_commit(writer, None)  # free again: switched
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert writer.execute("PRAGMA synchronous").fetchone()[0] == 1


def test_storages_opened_at_once_on_a_new_dagster_home_all_open(tmp_path):
    """Dagster makes a new DAGSTER_HOME's databases unguarded: opened at the same moment, one of two failed with
    'table runs already exists'. Threads stand in for processes (each opens its own lock file description)."""
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_storage(number: int) -> None:
        barrier.wait()
        try:
            ProjectSqliteStorage.from_local(str(tmp_path / "home"))
        except BaseException as error:  # noqa: BLE001 - every failure is the finding
            errors.append(error)

    threads = [threading.Thread(target=open_storage, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (tmp_path / "home" / "history" / "runs.db").exists()
