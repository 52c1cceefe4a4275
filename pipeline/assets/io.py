"""Where step outputs wait between steps: one folder per run, Arrow values kept as Arrow.

Dagster's filesystem IO manager stores an asset's value under the asset's key
alone, shared by every run: two runs at once (a `make build` while the sensor's
run is going, on other folders) would read each other's tables. Here every
value lives under `<base>/<run_id>/`, so runs never meet; an asset a run did
not materialize itself (a single asset re-run from the UI) is read from the
run that last materialized it.

Pickle copies a table into one bytes object before writing it and into another
when reading it back; a table is written as an Arrow IPC file instead and a
build state in its own layout (pipeline.state), both read back memory-mapped.
A state already saved in the outputs folder is hard-linked, not written again (a
delta with its base beside it, as in the state folder).
Files are replaced atomically, so a reader still mapping a previous one is
never disturbed. Other values (raw documents, batches) are pickled.
"""

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow as pa
from upath import UPath

from pipeline.publish.files import atomic_writer
from pipeline.state import BuildState, read_state_file, write_state_file
from pipeline.state.store import STATE_MAGIC, base_of, file_bytes, is_local, read_state

ARROW_FILE_MAGIC = b"ARROW1"


class ArrowFilesystemIOManager(dg.ConfigurableIOManagerFactory):
    """Values between steps as files under `base_dir/<run_id>/` (default: the instance's storage folder)."""

    base_dir: str | None = None

    def create_io_manager(self, context: dg.InitResourceContext) -> "RunFolderIOManager":
        return RunFolderIOManager(base_dir=self.base_dir or context.instance.storage_directory())


class RunFolderIOManager(dg.UPathIOManager):
    def __init__(self, base_dir: str):
        super().__init__(base_path=UPath(base_dir))

    def get_asset_relative_path(self, context: dg.InputContext | dg.OutputContext) -> UPath:
        return UPath(_run_of(context), *context.asset_key.path)

    def dump_to_path(self, context: dg.OutputContext, obj: Any, path) -> None:
        if not is_local(path):
            return _dump_remote(obj, path)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(obj, pa.Table):
            with atomic_writer(Path(path), durable=False) as stream, pa.ipc.new_file(stream, obj.schema) as writer:
                writer.write_table(obj)
        elif isinstance(obj, BuildState) and obj.origin is not None and is_local(obj.origin):
            if obj.base_origin is not None:  # a delta: its base first, so the delta never names a missing base
                _link_or_copy(obj.base_origin, Path(base_of(path)))
            _link_or_copy(obj.origin, Path(path))
        elif isinstance(obj, BuildState) and obj.passed:
            write_state_file(Path(path), obj)
        else:  # pickled, but replaced atomically too: the file this path held may still be mapped
            with atomic_writer(Path(path), durable=False) as stream:
                pickle.dump(obj, stream, pickle.HIGHEST_PROTOCOL)

    def load_from_path(self, context: dg.InputContext, path) -> Any:
        local = is_local(path)
        data = file_bytes(path)
        magic = data.slice(0, min(len(STATE_MAGIC), data.size)).to_pybytes()  # a pickled empty list is 5 bytes
        if magic.startswith(ARROW_FILE_MAGIC):
            return pa.ipc.open_file(data).read_all()
        if magic == STATE_MAGIC:
            return read_state_file(Path(path), verify=False) if local else read_state(data, str(path), verify=False)
        return pickle.loads(data.to_pybytes())


def _dump_remote(obj: Any, path: UPath) -> None:
    """Object stores write an object whole or not at all: no temp file, no link."""
    if isinstance(obj, pa.Table):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, obj.schema) as writer:
            writer.write_table(obj)
        path.write_bytes(sink.getvalue().to_pybytes())
    elif isinstance(obj, BuildState) and obj.passed:
        write_state_file(path, obj)
    else:
        path.write_bytes(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))


def _run_of(context: dg.InputContext | dg.OutputContext) -> str:
    """The run whose folder holds the value: this run's for an output, the producing run's for an input."""
    if isinstance(context, dg.OutputContext):
        return context.run_id
    try:
        run_id = context.upstream_output.run_id if context.upstream_output is not None else None
    except dg.DagsterInvariantViolationError:  # an artificial context: the value comes from an earlier run
        run_id = None
    if run_id is None:  # an asset this run did not materialize: the run that last did
        event = context.instance.get_latest_materialization_event(context.asset_key)
        if event is None:
            raise dg.DagsterInvariantViolationError(f"{context.asset_key.to_user_string()} has never been materialized")
        run_id = event.run_id
    return run_id


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link (no bytes written; the link outlives a later replacement of `source`), or a copy across devices."""
    temporary = target.with_name(f".tmp-{target.name}-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)
