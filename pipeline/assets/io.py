"""Where step outputs wait between steps: Dagster's filesystem IO manager, with Arrow values kept as Arrow.

Pickle copies a table into one bytes object before writing it and into another
when reading it back; at N = 1,000 documents a build passes about 60 MB of
tables and build state between steps that way. Here a table is written as an
Arrow IPC file and a build state in its own IPC layout (pipeline.incremental),
both read back memory-mapped, without a copy. Files are replaced atomically,
so a reader still mapping the previous one is never disturbed. Other values
(the raw documents, parse batches, a state whose rows failed validation) are
pickled as before.
"""

import pickle
from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow as pa
from upath import UPath

from pipeline.incremental import STATE_MAGIC, BuildState, read_state_file, write_state_file
from pipeline.publish.files import atomic_writer

ARROW_FILE_MAGIC = b"ARROW1"


class ArrowFilesystemIOManager(dg.FilesystemIOManager):
    """dg.FilesystemIOManager (same folder, same paths), writing Arrow tables and build states as Arrow."""

    def create_io_manager(self, context: dg.InitResourceContext) -> "ArrowOrPickleFiles":
        return ArrowOrPickleFiles(base_dir=self.base_dir or context.instance.storage_directory())


class ArrowOrPickleFiles(dg.UPathIOManager):
    """One file per asset or op output under `base_dir`, at the paths dg.FilesystemIOManager uses."""

    def __init__(self, base_dir: str):
        super().__init__(base_path=UPath(base_dir))

    def dump_to_path(self, context: dg.OutputContext, obj: Any, path) -> None:
        if isinstance(obj, pa.Table):
            with atomic_writer(Path(path), durable=False) as stream, pa.ipc.new_file(stream, obj.schema) as writer:
                writer.write_table(obj)
        elif isinstance(obj, BuildState) and obj.passed:
            write_state_file(Path(path), obj)
        else:  # pickled, but replaced atomically too: the file this path held may still be mapped
            with atomic_writer(Path(path), durable=False) as stream:
                pickle.dump(obj, stream, pickle.HIGHEST_PROTOCOL)

    def load_from_path(self, context: dg.InputContext, path) -> Any:
        with open(path, "rb") as stream:
            magic = stream.read(len(STATE_MAGIC))
        if magic.startswith(ARROW_FILE_MAGIC):
            return pa.ipc.open_file(pa.memory_map(str(path))).read_all()
        if magic == STATE_MAGIC:
            return read_state_file(Path(path))
        with open(path, "rb") as stream:
            return pickle.load(stream)
