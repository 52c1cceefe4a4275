"""The Dagster instance's storage: Dagster's SQLite storage, with the event log's connections kept open.

Dagster's SQLite event log opens a new database engine and connection for every event it writes and closes it
after, and closing the last connection to a database in WAL mode checkpoints it. Here each database is in WAL
mode with synchronous=NORMAL (see `_wal_without_fsync_per_commit`). A build writes about 270
events (steps, outputs, materializations, check results, log lines), so a build recorded in DAGSTER_HOME spent
about 2 s of a 4 s run on this, against an ephemeral instance. Here each database keeps one engine whose pool
keeps its connections open: the same tables, rows and files, written without the reopening.

`make build` and `make dev` write pipeline/dagster_instance.yaml as DAGSTER_HOME/dagster.yaml, which names
`ProjectSqliteStorage`; any other instance configuration works unchanged, at Dagster's own speed.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

# How long opening a connection waits to switch a database to WAL while another process reads it, before keeping
# the mode it has (the connection then waits SQLITE_BUSY_TIMEOUT_SECONDS for locks, as Dagster's do).
MODE_CHANGE_WAIT_MS = 1000
# Databases whose engine stays open at once: the index, the run being written and a few the UI is showing. A
# long-running webserver reads many runs; the least recently used engine beyond these is closed.
OPEN_DATABASES = 8


@contextmanager
def _opening(base_dir: str) -> Iterator[None]:
    """Hold an exclusive lock on `base_dir`/.opening.lock while the storage is opened (and its databases made)."""
    os.makedirs(base_dir, exist_ok=True)
    with open(os.path.join(base_dir, ".opening.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _wal_without_fsync_per_commit(connection, _record) -> None:
    """Each database in WAL mode with synchronous=NORMAL: a commit is appended to the WAL without an fsync of its
    own, and the WAL is synced when it is checkpointed into the database.

    Opened through the kept engines, a run's database had stayed in rollback-journal mode with synchronous=FULL
    (Dagster's own storage makes it WAL, still with FULL): each of a build's ~500 commits wrote a journal and waited
    for two fsyncs (500 commits: 0.5 s here, against 0.01 s in WAL with NORMAL). A crash
    of the process loses nothing; a power cut may lose the last events, not the database. The database keeps its
    mode and synchronous=FULL when the mode cannot be changed: inside a transaction, or while another process holds
    a rollback-mode database for longer than MODE_CHANGE_WAIT_MS (the pragma then fails as 'database is locked').
    """
    cursor = connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={MODE_CHANGE_WAIT_MS}")
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() == "wal":
            cursor.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:  # another process reads it in rollback mode: keep the mode it has
        pass
    finally:
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.close()


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage whose databases each keep one engine (and its pooled connections) between events."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._engines_pid = os.getpid()
        super().__init__(base_dir, inst_data=inst_data)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as connection:
                with connection.begin():
                    yield connection

    def _engine(self, shard: str) -> Engine:
        """The shard's kept engine (made on first use); called under `_db_lock`, like every use of `_engines`."""
        if self._engines_pid != os.getpid():  # a forked child must not use its parent's connections
            self._engines, self._engines_pid = OrderedDict(), os.getpid()
        engine = self._engines.get(shard)
        if engine is None:
            engine = create_engine(
                self.conn_string_for_shard(shard), connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
            )
            event.listen(engine, "connect", _wal_without_fsync_per_commit)
            self._engines[shard] = engine
            while len(self._engines) > OPEN_DATABASES:
                self._engines.popitem(last=False)[1].dispose()
        self._engines.move_to_end(shard)
        return engine

    def close_databases(self) -> None:
        """Close every kept engine (before files are deleted, and when the instance is disposed)."""
        with self._db_lock:
            if self._engines_pid == os.getpid():
                for engine in self._engines.values():
                    engine.dispose()
            self._engines = OrderedDict()

    def wipe(self) -> None:
        self.close_databases()
        super().wipe()

    def dispose(self) -> None:
        self.close_databases()
        super().dispose()


class ProjectSqliteStorage(DagsterSqliteStorage):
    """Dagster's SQLite storage (runs, event logs, schedules under `base_dir`) with the kept-open event log.

    Opening it is serialised across processes: Dagster creates a new DAGSTER_HOME's databases without guarding
    against a second process doing the same ('table runs already exists' when `make build` and a sensor's run,
    or two builds, start together on a new DAGSTER_HOME).
    """

    def __init__(self, base_dir: str, inst_data=None):
        with _opening(base_dir):
            super().__init__(base_dir, inst_data=inst_data)
            self._event_log_storage = KeptOpenSqliteEventLogStorage(_event_logs_directory(base_dir))

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> ProjectSqliteStorage:
        return cls.from_local(inst_data=inst_data, **config_value)  # the parent's names its own class
