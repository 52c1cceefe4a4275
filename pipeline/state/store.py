"""Where the build state is kept between builds, and in what form: one checksummed Arrow IPC file per code version.

`<state folder>/<code version>.state`: STATE_MAGIC, one Arrow IPC stream per
table, a JSON footer (document keys, documents extracted, each stream's
offset and size, a sha256 of everything before the footer), and the footer's
size in 8 bytes. IPC writes only a slice's rows (pickle would write its whole
buffer) and a local file is read back memory-mapped, without a copy.

A rebuild that changed a few documents writes a *delta* in that file instead:
the rows of the documents changed since a complete state kept beside it as
`<code version>.state.base`, the documents removed since, and that base's
checksum. Reading one splices the two (pipeline.state.splice). A delta holds
every change since its base, never a chain of deltas; once the documents
changed since the base exceed COMPACT_FRACTION of all, the state is written
complete again. So a one-document rebuild of a 5,000-document corpus writes
one document's rows, not the 175 MB of every table.

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
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from upath import UPath

from pipeline.publish.files import TEMP_PREFIX, atomic_writer
from pipeline.state.keys import code_version
from pipeline.state.splice import BuildState, apply_splice_plan, combined_if_fragmented, splice_plan, spliced_rows

STATE_SUFFIX = ".state"
BASE_SUFFIX = ".base"  # the complete state a delta is read against: `<code version>.state.base`
STATE_MAGIC = b"CRSTATE2"
FOOTER_SIZE_BYTES = 8
# A delta while the documents changed or removed since the base are at most this share of all documents.
COMPACT_FRACTION = 0.2
_STATE_NAME = re.compile(r"^[0-9a-f]{16}\.state(?:\.base)?$")


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


def base_of(path: Path | UPath) -> Path | UPath:
    """Where the complete state a delta at `path` is read against lies: beside it, named after it."""
    return path.with_name(path.name + BASE_SUFFIX)


def file_bytes(path: Path | UPath) -> pa.Buffer:
    """A file's bytes: memory-mapped when local (no copy), read whole from any other location."""
    return pa.memory_map(str(path)).read_buffer() if is_local(path) else pa.py_buffer(path.read_bytes())


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
    delta = _delta_against_base(path, state) if is_local(path) else None
    if delta is None:
        write_state_file(path, state)
        base_of(path).unlink(missing_ok=True)
    else:
        if not _is_delta(path):  # the complete state at `path` becomes the base: one rename
            os.replace(path, base_of(path))
        _write_file(path, delta)
    kept = {path.name, base_of(path).name}
    for other in path.parent.iterdir():
        if other.name not in kept and (_STATE_NAME.match(other.name) or other.name.startswith(TEMP_PREFIX)):
            other.unlink(missing_ok=True)
    saved = read_state_file(path, verify=False)  # just written: reading it back is enough
    return BuildState(saved.documents, saved.tables, state.extracted, state.failures, saved.origin, saved.base_origin)


@dataclass(frozen=True)
class _Stored:
    """A state file as stored: its rows, and for a delta what ties them to the base (see the module docstring)."""

    state: BuildState  # a delta's own documents and rows only
    checksum: str
    base_checksum: str | None = None  # None: a complete state
    removed: tuple[str, ...] = ()  # documents of the base that are gone
    plans: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)  # per table (pipeline.state.splice)


def _delta_against_base(path: Path, state: BuildState) -> _Stored | None:
    """`state` as a delta of the complete state file it reused, or None when it should be written complete.

    Only the very file (same inode) whose rows the state reused can be its base: its rows for the unchanged
    documents are then the state's own. A file replaced or edited since (another inode) means a complete write,
    and so do changes to more than COMPACT_FRACTION of the documents.
    """
    if state.base_file is None:
        return None
    try:
        candidate = base_of(path) if _is_delta(path) else path
        if not os.path.samefile(candidate, state.base_file):
            return None
        base = _read_stored(file_bytes(candidate), str(candidate), verify=False)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if base.base_checksum is not None:
        return None
    changed = {s: k for s, k in state.documents.items() if base.state.documents.get(s) != k}
    removed = tuple(sorted(set(base.state.documents) - set(state.documents)))
    if len(changed) + len(removed) > COMPACT_FRACTION * len(state.documents):
        return None
    keep = set(base.state.documents) - set(removed) - set(changed)
    tables = {name: spliced_rows(name, table, set(changed)) for name, table in state.tables.items()}
    plans = {name: splice_plan(name, base.state.tables.get(name), keep, table) for name, table in tables.items()}
    return _Stored(BuildState(changed, tables, state.extracted), "", base.checksum, removed, plans)


def write_state_file(path: Path | UPath, state: BuildState) -> None:
    """The state's bytes at `path`, complete: atomically for a local file, as one object elsewhere."""
    _write_file(path, _Stored(state, ""))


def _write_file(path: Path | UPath, stored: _Stored) -> None:
    if is_local(path):
        with atomic_writer(Path(path), durable=False) as stream:
            _write(stream, stored)
        return
    buffer = io.BytesIO()
    _write(buffer, stored)
    path.write_bytes(buffer.getvalue())


def _write(stream, stored: _Stored) -> None:
    """STATE_MAGIC, an IPC stream per table, the footer, the footer's size (its checksum is computed here)."""
    stream.write(STATE_MAGIC)
    digest = hashlib.sha256(STATE_MAGIC)
    offset, streams = len(STATE_MAGIC), {}
    for name, table in stored.state.tables.items():
        data = _ipc_stream(table)
        streams[name] = (offset, data.size)
        stream.write(data)
        digest.update(data)
        offset += data.size
    footer = {
        "documents": stored.state.documents,
        "extracted": stored.state.extracted,
        "tables": streams,
        "checksum": digest.hexdigest(),
    }
    if stored.base_checksum is not None:
        plans = {name: [list(step) for step in plan] for name, plan in stored.plans.items()}
        footer["base"] = {"checksum": stored.base_checksum, "removed": list(stored.removed), "plans": plans}
    encoded = json.dumps(footer).encode()
    stream.write(encoded + len(encoded).to_bytes(FOOTER_SIZE_BYTES, "little"))


def read_state_file(path: Path | UPath, verify: bool = True) -> BuildState:
    """The state write_state_file wrote, checked against its checksum; a local file's tables memory-mapped.

    A delta is read with its base (base_of(path)), which must be the complete state whose checksum it names.
    """
    stored = _read_stored(file_bytes(path), str(path), verify)
    origin = Path(path) if is_local(path) else None
    if stored.base_checksum is None:
        return BuildState(stored.state.documents, stored.state.tables, stored.state.extracted, origin=origin)
    base_path = base_of(path)
    base = _read_stored(file_bytes(base_path), str(base_path), verify)
    if base.base_checksum is not None or base.checksum != stored.base_checksum:
        raise StateUnreadable(f"{path} is a delta of another state than {base_path}")
    delta = stored.state
    keep = {s for s in base.state.documents if s not in stored.removed and s not in delta.documents}
    documents = {s: base.state.documents[s] for s in sorted(keep)} | delta.documents
    tables = {
        name: combined_if_fragmented(
            apply_splice_plan(plan, base.state.tables.get(name), delta.tables[name]) or delta.tables[name].slice(0, 0)
        )
        for name, plan in stored.plans.items()
    }
    base_origin = Path(base_path) if origin else None
    return BuildState(documents, tables, delta.extracted, origin=origin, base_origin=base_origin)


def read_state(data: pa.Buffer, where: str, verify: bool = True) -> BuildState:
    """A complete state from its bytes (a delta cannot be read without its base file: see read_state_file)."""
    stored = _read_stored(data, where, verify)
    if stored.base_checksum is not None:
        raise StateUnreadable(f"{where} is a delta; it is read from its file, beside its base")
    return stored.state


def _read_stored(data: pa.Buffer, where: str, verify: bool) -> _Stored:
    footer, footer_start = _footer_of(data, where)
    if verify and hashlib.sha256(data.slice(0, footer_start)).hexdigest() != footer.get("checksum"):
        raise StateUnreadable(f"{where} does not match its checksum (edited or damaged)")
    tables = {
        name: pa.ipc.open_stream(data.slice(start, size)).read_all() for name, (start, size) in footer["tables"].items()
    }
    state = BuildState(footer["documents"], tables, tuple(footer["extracted"]))
    if "base" not in footer:
        return _Stored(state, footer["checksum"])
    base = footer["base"]
    plans = {name: [tuple(step) for step in plan] for name, plan in base["plans"].items()}
    return _Stored(state, footer["checksum"], base["checksum"], tuple(base["removed"]), plans)


def _footer_of(data: pa.Buffer, where: str) -> tuple[dict, int]:
    """The footer and where it starts; refuses what is not a state file or is cut short."""
    if data.size < len(STATE_MAGIC) + FOOTER_SIZE_BYTES or data.slice(0, len(STATE_MAGIC)).to_pybytes() != STATE_MAGIC:
        raise StateUnreadable(f"{where} is not a build state file")
    footer_end = data.size - FOOTER_SIZE_BYTES
    footer_start = footer_end - int.from_bytes(data.slice(footer_end).to_pybytes(), "little")
    if not len(STATE_MAGIC) <= footer_start < footer_end:
        raise StateUnreadable(f"{where} is cut short")
    return json.loads(data.slice(footer_start, footer_end - footer_start).to_pybytes()), footer_start


def _footer(path: Path) -> dict:
    """A local state file's footer alone (documents, checksum, base), without reading or checking its tables."""
    return _footer_of(file_bytes(path), str(path))[0]


def _is_delta(path: Path) -> bool:
    return "base" in _footer(path)


def _ipc_stream(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
