"""Extract and validate only what changed: the build state.

The state holds, for every document of the last build that validated, its key
(a hash of its bytes, name and manifest entry) and its validated rows in the
document tables and private tables of pipeline.combine, as Arrow. A build
extracts and validates only the documents whose key is not in the state (a
*fragment*) and splices its rows in place of those of documents that changed
or disappeared; pipeline.assemble then derives the published tables from the
whole. A full build is the same thing starting from an empty state.

Every state table is kept in *document order*: one block of rows per document,
blocks in source_id order, each block in primary-key order. A splice is then a
few zero-copy slices (its cost follows the documents that changed, not the
corpus), and a table whose primary key starts with source_id is already in
primary-key order: it is published without sorting.

The state is stored per code version: a hash of every module and data file
that decides what a document's rows are (parsers, extractors, resolvers,
combine, the schemas, the Arrow conversion). Editing any of them invalidates
the state without anyone remembering to bump a version.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.combine import DOCUMENT_TABLES, PRIVATE_TABLES, document_rows, unsorted_frame
from pipeline.documents.reading import RawDocument
from pipeline.extract import DocumentResult, extract_document
from pipeline.publish.arrow import to_arrow
from pipeline.publish.files import TEMP_PREFIX, atomic_writer
from pipeline.validate import validate_tables
from schemas import TABLES_BY_NAME

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent
CODE_FOLDERS = ("pipeline/documents", "pipeline/extract", "pipeline/knowledge", "pipeline/resolve", "schemas")
CODE_FILES = ("pipeline/text.py", "pipeline/combine.py", "pipeline/incremental.py", "pipeline/validate.py", "pipeline/publish/arrow.py")
STATE_TABLES = (*DOCUMENT_TABLES, *PRIVATE_TABLES)
STATE_SUFFIX = ".state"
STATE_MAGIC = b"CRSTATE1"  # what a state file starts with (the IO manager tells it from Arrow and pickle files by it)
FOOTER_SIZE_BYTES = 8
MAX_CHUNKS = 64

# Private tables as Arrow: every column a string but `line` (an issue may have none).
PRIVATE_SCHEMAS = {name: pa.schema([(c, pa.int64() if c == "line" else pa.string()) for c in columns]) for name, columns in PRIVATE_TABLES.items()}


@lru_cache(maxsize=1)
def extraction_code_version() -> str:
    """sha256 over the code and data files that decide a document's rows, in a fixed order."""
    digest = hashlib.sha256()
    files = sorted(p for folder in CODE_FOLDERS for p in (PROJECT_ROOT / folder).rglob("*") if p.suffix in (".py", ".csv", ".toml"))
    for path in [*files, *(PROJECT_ROOT / name for name in CODE_FILES)]:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_key(raw: RawDocument) -> str:
    identity = json.dumps([raw.source_id, raw.file_name, raw.sha256, raw.rejection, raw.manifest], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(identity.encode()).hexdigest()


@dataclass
class Fragment:
    """Some documents' rows, validated: per document and private table, Arrow when valid.

    `failures` holds Pandera's failure cases per table; a table that failed keeps its
    unvalidated rows in `invalid` (for inspection) and has no Arrow table.
    """

    documents: dict[str, str] = field(default_factory=dict)  # source_id -> cache key
    tables: dict[str, pa.Table] = field(default_factory=dict)
    failures: dict[str, pd.DataFrame] = field(default_factory=dict)
    invalid: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.failures

    @classmethod
    def merged(cls, fragments: list["Fragment"]) -> "Fragment":
        """Fragments of separate batches as one (Dagster extracts batches in parallel steps)."""
        result = cls()
        for fragment in fragments:
            result.documents.update(fragment.documents)
            result.failures.update({n: pd.concat([result.failures[n], f]) if n in result.failures else f for n, f in fragment.failures.items()})
            result.invalid.update({n: pd.concat([result.invalid[n], f]) if n in result.invalid else f for n, f in fragment.invalid.items()})
        for name in STATE_TABLES:
            parts = [f.tables[name] for f in fragments if name in f.tables]
            if parts:
                result.tables[name] = pa.concat_tables(parts)
        return result


def extract_fragment(raw_documents: list[RawDocument]) -> Fragment:
    """Extract these documents and validate their rows, one Pandera call per table for the whole batch."""
    results = [extract_document(raw) for raw in raw_documents]
    return validated_fragment(results, {raw.source_id: cache_key(raw) for raw in raw_documents})


def validated_fragment(results: list[DocumentResult], documents: dict[str, str]) -> Fragment:
    rows = document_rows(results)
    checked = validate_tables({name: unsorted_frame(name, rows[name]) for name in DOCUMENT_TABLES})
    fragment = Fragment(documents)
    for name, validation in checked.items():
        if validation.passed:
            fragment.tables[name] = in_document_order(name, to_arrow(name, validation.frame))
        else:
            fragment.failures[name] = validation.failures
            fragment.invalid[name] = validation.frame if validation.frame is not None else unsorted_frame(name, rows[name])
    for name, schema in PRIVATE_SCHEMAS.items():
        fragment.tables[name] = pa.Table.from_pylist([{c: row.get(c) for c in schema.names} for row in rows[name]], schema=schema)
    return fragment


@dataclass
class BuildState:
    """Every document's validated rows and the key each was built from.

    Loaded, it is the last build that validated; patched, it is this build's. A patched state also
    says which documents were extracted and, when some of their rows failed validation, the
    failures: those rows are left out, and such a state is never saved.
    """

    documents: dict[str, str]  # source_id -> cache key
    tables: dict[str, pa.Table]
    extracted: tuple[str, ...] = ()
    failures: dict[str, pd.DataFrame] = field(default_factory=dict)
    invalid: dict[str, pd.DataFrame] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "BuildState":
        return cls({}, {})

    @property
    def passed(self) -> bool:
        return not self.failures

    def __getstate__(self) -> dict:
        """For Dagster's IO manager: pickling a slice writes its whole buffer; Arrow IPC writes only its rows."""
        return {**self.__dict__, "tables": {name: _ipc_stream(table) for name, table in self.tables.items()}}

    def __setstate__(self, pickled: dict) -> None:
        self.__dict__.update(pickled, tables={name: pa.ipc.open_stream(data).read_all() for name, data in pickled["tables"].items()})

    def to_extract(self, raw_documents: list[RawDocument]) -> list[RawDocument]:
        """The documents that are new or changed since this state (or whose code changed: see load_state)."""
        return [raw for raw in raw_documents if self.documents.get(raw.source_id) != cache_key(raw)]

    def patched(self, raw_documents: list[RawDocument], fragment: Fragment) -> "BuildState":
        """This state with the rows of changed and removed documents replaced by the fragment's, in document order.

        A table of the fragment that failed validation contributes no rows; the failures travel
        with the new state, which then cannot be saved.
        """
        keep = {raw.source_id for raw in raw_documents if raw.source_id not in fragment.documents and self.documents.get(raw.source_id) == cache_key(raw)}
        missing = sorted({raw.source_id for raw in raw_documents} - keep - set(fragment.documents))
        if missing:  # possible only if another build replaced the saved state while this one ran
            raise RuntimeError(f"{len(missing)} document(s) were neither reused nor extracted ({', '.join(missing[:3])}): the build state changed during the build; build again")
        documents = {source_id: self.documents[source_id] for source_id in sorted(keep)} | fragment.documents
        tables = {}
        for name in STATE_TABLES:
            table = _spliced(name, self.tables.get(name), keep, fragment.tables.get(name)) or _empty_table(name)
            # Each splice adds a few slices; past MAX_CHUNKS, one copy into a single chunk keeps scans fast.
            tables[name] = table.combine_chunks() if table.column(0).num_chunks > MAX_CHUNKS else table
        return BuildState(documents, tables, tuple(sorted(fragment.documents)), fragment.failures, fragment.invalid)


def in_document_order(name: str, table: pa.Table) -> pa.Table:
    """Rows in blocks by source_id, each block in primary-key order."""
    return sorted_by(table, ["source_id", *(key for key in TABLES_BY_NAME[name].primary_key if key != "source_id")])


def sorted_by(table: pa.Table, columns: list[str]) -> pa.Table:
    """The order pandas gives with sort_values(kind="mergesort", na_position="last"): nulls last in every column."""
    return table.take(pc.sort_indices(table, sort_keys=[(column, "ascending", "at_end") for column in columns]))


def _spliced(name: str, previous: pa.Table | None, keep: set[str], fragment: pa.Table | None) -> pa.Table | None:
    """The kept documents' blocks of `previous` and every block of `fragment`, by source_id, as slices (no copy).

    Neighbouring kept blocks become one slice, so replacing one document costs three slices.
    """
    blocks: dict[str, tuple[pa.Table, int, int]] = {}
    if previous is not None:
        blocks.update((source_id, (previous, *at)) for source_id, at in _document_blocks(name, previous).items() if source_id in keep)
    if fragment is not None:
        blocks.update((source_id, (fragment, *at)) for source_id, at in _document_blocks(name, fragment).items())
    slices: list[list] = []
    for source_id in sorted(blocks):  # str order is code point order: Arrow's order for UTF-8
        table, start, length = blocks[source_id]
        if slices and slices[-1][0] is table and slices[-1][1] + slices[-1][2] == start:
            slices[-1][2] += length
        else:
            slices.append([table, start, length])
    return pa.concat_tables([table.slice(start, length) for table, start, length in slices]) if slices else None


def _document_blocks(name: str, table: pa.Table) -> dict[str, tuple[int, int]]:
    """Each document's (first row, row count); refuses a table whose rows are not grouped by document."""
    runs = pc.run_end_encode(table["source_id"].combine_chunks())
    source_ids, ends = runs.values.to_pylist(), runs.run_ends.to_pylist()
    if len(set(source_ids)) != len(source_ids):
        raise ValueError(f"{name}: build state rows are not grouped by document")
    return {source_id: (start, end - start) for source_id, start, end in zip(source_ids, [0, *ends[:-1]], ends)}


def _ipc_stream(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _empty_table(name: str) -> pa.Table:
    if name in PRIVATE_SCHEMAS:
        return PRIVATE_SCHEMAS[name].empty_table()
    return to_arrow(name, unsorted_frame(name, []))


def state_path(outputs_dir: Path) -> Path:
    return outputs_dir / ".cache" / "state" / f"{extraction_code_version()}{STATE_SUFFIX}"


def load_state(outputs_dir: Path) -> BuildState:
    """The last saved state for this code version; an empty one when there is none or it cannot be read."""
    try:
        saved = read_state_file(state_path(outputs_dir))
    except (OSError, ValueError, KeyError, TypeError, IndexError):  # missing, cut short or not ours (ArrowInvalid is a ValueError)
        return BuildState.empty()
    return BuildState(saved.documents, saved.tables)


def save_state(outputs_dir: Path, state: BuildState) -> None:
    """Write the state atomically (a reader sees the old one or the new one) and drop other code versions'.

    No fsync: a state lost in a crash is rebuilt from the raw files.
    """
    if not state.passed:
        raise ValueError(f"a build state whose rows failed validation is never saved: {sorted(state.failures)}")
    path = state_path(outputs_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_state_file(path, state)
    for other in path.parent.iterdir():
        if other != path and not other.name.startswith(TEMP_PREFIX):
            other.unlink(missing_ok=True)
    shutil.rmtree(outputs_dir / ".cache" / "extractions", ignore_errors=True)  # per-document pickles of builds before the state


def write_state_file(path: Path, state: BuildState) -> None:
    """A state that passed validation, atomically: STATE_MAGIC, one Arrow IPC stream per table, a JSON
    footer (document keys, documents extracted, each stream's offset and size), the footer's size in 8 bytes.

    IPC writes only a slice's rows (pickle would write its whole buffer) and is read back memory-mapped.
    """
    with atomic_writer(path, durable=False) as stream:
        stream.write(STATE_MAGIC)
        streams = {}
        for name, table in state.tables.items():
            start = stream.tell()
            with pa.ipc.new_stream(stream, table.schema) as writer:
                writer.write_table(table)
            streams[name] = (start, stream.tell() - start)
        footer = json.dumps({"documents": state.documents, "extracted": state.extracted, "tables": streams}).encode()
        stream.write(footer + len(footer).to_bytes(FOOTER_SIZE_BYTES, "little"))


def read_state_file(path: Path) -> BuildState:
    """The state write_state_file wrote, its tables memory-mapped (read in place, not copied)."""
    data = pa.memory_map(str(path)).read_buffer()
    if data.slice(0, len(STATE_MAGIC)).to_pybytes() != STATE_MAGIC:
        raise ValueError(f"{path} is not a build state file")
    footer_end = data.size - FOOTER_SIZE_BYTES
    footer_start = footer_end - int.from_bytes(data.slice(footer_end).to_pybytes(), "little")
    footer = json.loads(data.slice(footer_start, footer_end - footer_start).to_pybytes())
    tables = {name: pa.ipc.open_stream(data.slice(start, size)).read_all() for name, (start, size) in footer["tables"].items()}
    return BuildState(footer["documents"], tables, tuple(footer["extracted"]))
