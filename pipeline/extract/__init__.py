"""Per-document extraction: one raw document in, rows for every table out.

EXTRACTORS lists every table's extractor; adding a table means adding its
module here and its schema in `schemas`. FINAL_PASSES run after them on the
merged result (the unread-statement check sees every table's rows). Each runs
on one document at a time, so a document's result depends only on its own
bytes and the code version.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.documents.parse import parse_document
from pipeline.documents.reading import PROVENANCE_COLUMNS, RawDocument, RawInputError, line_count
from pipeline.extract import (
    agreements,
    bilateral_relations,
    diplomatic_relations,
    disputes,
    document_checks,
    envoys,
    export_controls,
    funding,
    memberships,
    missions,
    organizations,
    unread,
)
from pipeline.extract.base import DocumentContext, Extraction, Row
from pipeline.extract.subject import document_subject
from pipeline.text import forget_document

EXTRACTORS = (
    document_checks.extract,
    organizations.extract,
    memberships.extract,
    bilateral_relations.extract,
    diplomatic_relations.extract,
    missions.extract,
    envoys.extract,
    agreements.extract,
    disputes.extract,
    export_controls.extract,
    funding.extract,
)
# Passes that read the merged result of every extractor above, in this order, after all of them.
FINAL_PASSES = (unread.extract,)


# Issues that mean a document's facts are missing from the build: it still publishes
# what is sound, but no release is cut until they are fixed.
RELEASE_BLOCKING_KINDS = ("rejected_file", "extraction_failed")


@dataclass
class DocumentResult:
    source: Row | None  # None when the file was refused before its bytes were read
    extraction: Extraction
    source_id: str = ""

    def __post_init__(self):
        self.source_id = self.source_id or (self.source or {}).get("source_id", "")


def extract_document(raw: RawDocument) -> DocumentResult:
    """Parse and extract one document; an unreadable one yields a quality issue (and its sources row if it was read)."""
    forget_document()  # what was remembered while reading the last document (pipeline.text.per_document)
    try:
        return _extract_document(raw)
    finally:
        forget_document()


def _extract_document(raw: RawDocument) -> DocumentResult:
    if raw.rejection:
        extraction = Extraction()
        extraction.issue("sources", raw.source_id, None, "rejected_file", raw.rejection)
        return DocumentResult(None, extraction, raw.source_id)
    try:
        document = parse_document(raw)
    except RawInputError as error:
        return _rejected(raw, error)
    manifest = raw.manifest or {}
    title = manifest.get("title") or document.title
    publisher = manifest.get("publisher") or None
    context = DocumentContext(raw, document, document_subject(title, publisher), title, publisher)
    extraction = Extraction()
    declared = manifest.get("document_format")
    if declared and declared != document.format:
        extraction.issue(
            "sources",
            raw.source_id,
            None,
            "conflict",
            f"manifest says {declared!r} but the content reads as {document.format!r}",
        )
    for extractor in EXTRACTORS:
        try:
            extraction.merge(extractor(context))
        except Exception as error:  # one extractor's bug must not hide the other tables' rows
            name = extractor.__module__.rsplit(".", 1)[-1]
            extraction.issue(
                name,
                raw.source_id,
                None,
                "extraction_failed",
                f"{raw.file_name}: {name} failed: {type(error).__name__}: {error}",
            )
    for final_pass in FINAL_PASSES:
        try:
            extraction.merge(final_pass(context, extraction))
        except Exception as error:  # a check must not cost the document its rows
            name = final_pass.__module__.rsplit(".", 1)[-1]
            extraction.issue(
                "sources",
                raw.source_id,
                None,
                "extraction_failed",
                f"{raw.file_name}: {name} failed: {type(error).__name__}: {error}",
            )
    source = _source_row(raw, title, publisher, document.format, document.line_count)
    return DocumentResult(source, extraction)


def _source_row(raw: RawDocument, title, publisher, document_format: str, lines: int) -> Row:
    """A document's facts; where it came from (url, retrieved, revision) only as the manifest states them."""
    manifest = raw.manifest or {}
    return {
        "source_id": raw.source_id,
        "file_name": raw.file_name,
        "title": title,
        "publisher": publisher,
        "document_format": document_format,
        "sha256": raw.sha256,
        "bytes": raw.bytes,
        "lines": lines,
        **{column: manifest.get(column) or None for column in PROVENANCE_COLUMNS},
    }


def _rejected(raw: RawDocument, error: RawInputError) -> DocumentResult:
    extraction = Extraction()
    line = _line_from_message(str(error))
    extraction.issue("sources", raw.source_id, line, "rejected_file", str(error))
    manifest = raw.manifest or {}
    title, publisher = manifest.get("title") or None, manifest.get("publisher") or None
    source = _source_row(raw, title, publisher, "unreadable", line_count(raw.data))
    return DocumentResult(source, extraction)


def _line_from_message(message: str) -> int | None:
    location = message.split(": ", 1)[0]
    number = location.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else None
