"""The build state: every document's validated rows, kept in document order so a rebuild splices only what changed.

A build extracts and validates only the documents whose key is not in the
previous state (a *fragment*) and splices the fragment's rows in place of
those of documents that changed or disappeared; pipeline.assemble then derives
the published tables from the whole. A full build is the same thing starting
from an empty state.

Every state table is kept in *document order*: one block of rows per document,
blocks in source_id order, each block in primary-key order. A splice is then a
few zero-copy slices (its cost follows the documents that changed, not the
corpus), and a table whose primary key starts with source_id is already in
primary-key order: it is published without sorting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.documents.reading import ListedDocument, RawDocument
from pipeline.rows import DOCUMENT_TABLES, PRIVATE_TABLES, rows_frame
from pipeline.state.keys import document_key
from pipeline.validate import Failures
from schemas import TABLES_BY_NAME
from schemas.arrow import sorted_by, to_arrow

STATE_TABLES = (*DOCUMENT_TABLES, *PRIVATE_TABLES)
# Each splice adds a few slices; past this many chunks, one copy into a single chunk keeps scans fast.
MAX_CHUNKS = 64
# Private tables as Arrow: every column a string but `line` (an issue may have none).
PRIVATE_SCHEMAS = {
    name: pa.schema([(c, pa.int64() if c == "line" else pa.string()) for c in columns])
    for name, columns in PRIVATE_TABLES.items()
}


@dataclass
class Fragment:
    """Some documents' rows, validated: per document and private table, as Arrow, in document order.

    A table whose rows failed validation has no Arrow table here; its failures (and rows) are in `failures`.
    """

    documents: dict[str, str] = field(default_factory=dict)  # source_id -> document key
    tables: dict[str, pa.Table] = field(default_factory=dict)
    failures: Failures = field(default_factory=Failures)

    @classmethod
    def merged(cls, fragments: list[Fragment]) -> Fragment:
        """Fragments of separate batches as one (batches are extracted in separate steps, maybe in parallel)."""
        result = cls()
        for fragment in fragments:
            result.documents.update(fragment.documents)
            result.failures.merge(fragment.failures)
        for name in STATE_TABLES:
            parts = [f.tables[name] for f in fragments if name in f.tables]
            if parts:
                result.tables[name] = pa.concat_tables(parts)
        return result


@dataclass
class BuildState:
    """Every document's validated rows and the key each was built from.

    Loaded, it is the last build's; patched, it is this build's, and also says which documents were
    extracted and, when some of their rows failed validation, the failures (those rows are left out,
    and such a state is never saved). `origin` is the file its tables are mapped from, if any (with
    `base_origin`, the complete state a delta file is spliced with).
    """

    documents: dict[str, str]  # source_id -> document key
    tables: dict[str, pa.Table]
    extracted: tuple[str, ...] = ()
    failures: Failures = field(default_factory=Failures)
    origin: Path | None = None
    base_origin: Path | None = None  # when `origin` is a delta: the complete state it was read against
    # Patched: the complete state file whose rows it reused (the only file a delta of it may be written against).
    base_file: Path | None = None

    @classmethod
    def empty(cls) -> BuildState:
        return cls({}, {})

    @property
    def passed(self) -> bool:
        return self.failures.passed

    def to_extract(self, raw_documents: list[ListedDocument]) -> list[ListedDocument]:
        """The documents that are new or changed since this state."""
        return [raw for raw in raw_documents if self.documents.get(raw.source_id) != document_key(raw)]

    def patched(self, raw_documents: list[ListedDocument | RawDocument], fragment: Fragment) -> BuildState:
        """This state with the rows of changed and removed documents replaced by the fragment's, in document order."""
        keep = {
            raw.source_id
            for raw in raw_documents
            if raw.source_id not in fragment.documents and self.documents.get(raw.source_id) == document_key(raw)
        }
        missing = sorted({raw.source_id for raw in raw_documents} - keep - set(fragment.documents))
        if missing:  # every document is either reused or extracted: anything else would drop it silently
            raise ValueError(f"{len(missing)} document(s) were neither reused nor extracted: {', '.join(missing[:3])}")
        documents = {source_id: self.documents[source_id] for source_id in sorted(keep)} | fragment.documents
        tables = {
            name: splice_tables(name, self.tables.get(name), keep, fragment.tables.get(name)) for name in STATE_TABLES
        }
        base_file = self.base_origin or self.origin
        return BuildState(documents, tables, tuple(sorted(fragment.documents)), fragment.failures, base_file=base_file)


def in_document_order(name: str, table: pa.Table) -> pa.Table:
    """Rows in blocks by source_id, each block in primary-key order."""
    return sorted_by(table, ["source_id", *(key for key in TABLES_BY_NAME[name].primary_key if key != "source_id")])


def empty_table(name: str) -> pa.Table:
    if name in PRIVATE_SCHEMAS:
        return PRIVATE_SCHEMAS[name].empty_table()
    return to_arrow(name, rows_frame(name, []))


def splice_tables(name: str, previous: pa.Table | None, keep: set[str], fragment: pa.Table | None) -> pa.Table:
    """The kept documents' rows of `previous` and every row of `fragment`, in document order (see _spliced)."""
    return combined_if_fragmented(_spliced(name, previous, keep, fragment) or empty_table(name))


def spliced_rows(name: str, table: pa.Table, documents: set[str]) -> pa.Table:
    """The rows of these documents only, as slices of a table in document order."""
    return _spliced(name, table, documents, None) or table.slice(0, 0)


def _spliced(name: str, previous: pa.Table | None, keep: set[str], fragment: pa.Table | None) -> pa.Table | None:
    """The kept documents' blocks of `previous` and every block of `fragment`, by source_id, as slices (no copy)."""
    return apply_splice_plan(splice_plan(name, previous, keep, fragment), previous, fragment)


def splice_plan(
    name: str, previous: pa.Table | None, keep: set[str], fragment: pa.Table | None
) -> list[tuple[int, int, int]]:
    """How to splice: (0 for `previous` or 1 for `fragment`, first row, rows) per slice, in document order.

    Neighbouring kept blocks become one slice, so replacing one document costs three slices. A plan is also
    stored with a delta (pipeline.state.store), so reading one does not find every document's block again.
    """
    blocks: dict[str, tuple[int, int, int]] = {}
    if previous is not None:
        blocks.update(
            (source_id, (0, *at)) for source_id, at in _document_blocks(name, previous).items() if source_id in keep
        )
    if fragment is not None:
        blocks.update((source_id, (1, *at)) for source_id, at in _document_blocks(name, fragment).items())
    plan: list[list[int]] = []
    for source_id in sorted(blocks):  # str order is code point order: Arrow's order for UTF-8
        which, start, length = blocks[source_id]
        if plan and plan[-1][0] == which and plan[-1][1] + plan[-1][2] == start:
            plan[-1][2] += length
        else:
            plan.append([which, start, length])
    return [(which, start, length) for which, start, length in plan]


def apply_splice_plan(plan, previous: pa.Table | None, fragment: pa.Table | None) -> pa.Table | None:
    sources = (previous, fragment)
    return pa.concat_tables([sources[which].slice(start, length) for which, start, length in plan]) if plan else None


def combined_if_fragmented(table: pa.Table) -> pa.Table:
    """Each splice adds a few slices; past MAX_CHUNKS, one copy into a single chunk keeps scans fast."""
    return table.combine_chunks() if table.column(0).num_chunks > MAX_CHUNKS else table


def _document_blocks(name: str, table: pa.Table) -> dict[str, tuple[int, int]]:
    """Each document's (first row, row count); refuses a table whose rows are not grouped by document."""
    runs = pc.run_end_encode(table["source_id"].combine_chunks())
    source_ids, ends = runs.values.to_pylist(), runs.run_ends.to_pylist()
    if len(set(source_ids)) != len(source_ids):
        raise ValueError(f"{name}: build state rows are not grouped by document")
    return {source_id: (start, end - start) for source_id, start, end in zip(source_ids, [0, *ends[:-1]], ends)}
