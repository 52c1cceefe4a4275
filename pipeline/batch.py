"""A batch of documents extracted and their rows validated: the unit of work of one parse step.

Each document is parsed and extracted on its own; the batch's rows are then
validated with one Pandera call per table, so a step's cost follows its
documents. Rows that fail stay out of the fragment (and so out of any saved
state); the failures travel with it to the checks.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.documents.reading import RawDocument
from pipeline.extract import DocumentResult, extract_document
from pipeline.rows import DOCUMENT_TABLES, document_rows, rows_frame
from pipeline.state import Fragment, document_key, in_document_order
from pipeline.state.splice import PRIVATE_SCHEMAS
from pipeline.validate import validate_frames
from schemas.arrow import to_arrow


def extract_batch(raw_documents: list[RawDocument]) -> Fragment:
    """Extract these documents and validate their rows, one Pandera call per table for the whole batch."""
    results = [extract_document(raw) for raw in raw_documents]
    return validated_fragment(results, {raw.source_id: document_key(raw) for raw in raw_documents})


def validated_fragment(results: list[DocumentResult], documents: dict[str, str]) -> Fragment:
    rows = document_rows(results)
    valid, failures = validate_frames({name: rows_frame(name, rows[name]) for name in DOCUMENT_TABLES})
    fragment = Fragment(documents, failures=failures)
    for name, frame in valid.items():
        fragment.tables[name] = in_document_order(name, to_arrow(name, frame))
    for name, schema in PRIVATE_SCHEMAS.items():
        fragment.tables[name] = pa.Table.from_pylist(
            [{c: row.get(c) for c in schema.names} for row in rows[name]], schema=schema
        )
    return fragment
