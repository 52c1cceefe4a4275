"""Where the build state is kept between builds, and in what form: one checksummed Arrow IPC file per code version.

`<state folder>/<code version>.state`: STATE_MAGIC, one Arrow IPC stream per
table, a JSON footer (document keys, documents extracted, each stream's
offset and size, a sha256 of everything before the footer), and the footer's
size in 8 bytes. IPC writes only a slice's rows (pickle would write its whole
buffer) and a local file is read back memory-mapped, without a copy.

The folder is the outputs folder's .cache/state by default, or any fsspec
location (s3://..., gs://...) that the machines running a build reach: a
local folder is written atomically (temp file, rename), a remote one object
by object.

The file is a cache: a missing, truncated, edited or foreign file is discarded
with a warning and every document is extracted again, so what is published
never depends on it. The folder holds only files this module named; others
are left alone.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from upath import UPath

from pipeline.publish.files import TEMP_PREFIX, atomic_writer
from pipeline.state.keys import code_version
from pipeline.state.splice import BuildState

STATE_SUFFIX = ".state"
STATE_MAGIC = b"CRSTATE2"
FOOTER_SIZE_BYTES = 8
_STATE_NAME = re.compile(r"^[0-9a-f]{16}\.state$")


class StateUnreadable(ValueError):
    """The state file is not one this module wrote intact."""


@dataclass(frozen=True)
class LoadedState:
    state: BuildState
    warning: str | None  # why a state file was discarded, if one was


def default_state_folder(outputs_dir: Path) -> Path:
    return outputs_dir / ".cache" / "state"


def state_path(folder: Path | UPath) -> Path | UPath:
    return folder / f"{code_version()}{STATE_SUFFIX}"


def is_local(location: Path | UPath) -> bool:
    return isinstance(location, Path) or getattr(location, "protocol", "") in ("", "file", "local")


def load_state(folder: Path | UPath) -> LoadedState:
    """The last saved state for this code version; an empty one when there is none or it cannot be trusted."""
    path = state_path(folder)
    try:
        if not path.exists():
            return LoadedState(BuildState.empty(), None)
        return LoadedState(read_state_file(path), None)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:  # ArrowInvalid is a ValueError
        return LoadedState(
            BuildState.empty(), f"build state {path} discarded, every document is extracted again: {error}"
        )


def save_state(folder: Path | UPath, state: BuildState) -> BuildState:
    """Write the state and remove the states of other code versions; returns it read back from its file.

    No fsync: a state lost in a crash is rebuilt from the raw files.
    """
    if not state.passed:
        raise ValueError(f"a build state whose rows failed validation is never saved: {state.failures.summary()}")
    path = state_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_state_file(path, state)
    for other in path.parent.iterdir():
        if other.name != path.name and (_STATE_NAME.match(other.name) or other.name.startswith(TEMP_PREFIX)):
            other.unlink(missing_ok=True)
    saved = read_state_file(path, verify=False)  # just written: reading it back is enough
    return BuildState(saved.documents, saved.tables, state.extracted, state.failures, saved.origin)


def write_state_file(path: Path | UPath, state: BuildState) -> None:
    """The state's bytes at `path`: atomically for a local file, as one object elsewhere."""
    if is_local(path):
        with atomic_writer(Path(path), durable=False) as stream:
            write_state(stream, state)
        return
    buffer = io.BytesIO()
    write_state(buffer, state)
    path.write_bytes(buffer.getvalue())


def write_state(stream, state: BuildState) -> None:
    stream.write(STATE_MAGIC)
    digest = hashlib.sha256(STATE_MAGIC)
    offset, streams = len(STATE_MAGIC), {}
    for name, table in state.tables.items():
        data = _ipc_stream(table)
        streams[name] = (offset, data.size)
        stream.write(data)
        digest.update(data)
        offset += data.size
    footer = {
        "documents": state.documents,
        "extracted": state.extracted,
        "tables": streams,
        "checksum": digest.hexdigest(),
    }
    encoded = json.dumps(footer).encode()
    stream.write(encoded + len(encoded).to_bytes(FOOTER_SIZE_BYTES, "little"))


def read_state_file(path: Path | UPath, verify: bool = True) -> BuildState:
    """The state write_state_file wrote, checked against its checksum; a local file's tables memory-mapped."""
    data = pa.memory_map(str(path)).read_buffer() if is_local(path) else pa.py_buffer(path.read_bytes())
    state = read_state(data, str(path), verify)
    return BuildState(state.documents, state.tables, state.extracted, origin=Path(path) if is_local(path) else None)


def read_state(data: pa.Buffer, where: str, verify: bool = True) -> BuildState:
    if data.size < len(STATE_MAGIC) + FOOTER_SIZE_BYTES or data.slice(0, len(STATE_MAGIC)).to_pybytes() != STATE_MAGIC:
        raise StateUnreadable(f"{where} is not a build state file")
    footer_end = data.size - FOOTER_SIZE_BYTES
    footer_start = footer_end - int.from_bytes(data.slice(footer_end).to_pybytes(), "little")
    if not len(STATE_MAGIC) <= footer_start < footer_end:
        raise StateUnreadable(f"{where} is cut short")
    footer = json.loads(data.slice(footer_start, footer_end - footer_start).to_pybytes())
    if verify and hashlib.sha256(data.slice(0, footer_start)).hexdigest() != footer.get("checksum"):
        raise StateUnreadable(f"{where} does not match its checksum (edited or damaged)")
    tables = {
        name: pa.ipc.open_stream(data.slice(start, size)).read_all() for name, (start, size) in footer["tables"].items()
    }
    return BuildState(footer["documents"], tables, tuple(footer["extracted"]))


def _ipc_stream(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
