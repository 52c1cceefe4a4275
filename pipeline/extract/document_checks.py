"""Document-level quality: what the parser saw but no table can hold, reported instead of dropped.

An empty file, a file in no known format, a document whose subject country
cannot be read, and table rows with missing or
extra cells (a file truncated mid-row, say) are published as quality issues
against `sources`, each with its line.
"""

from __future__ import annotations

from pipeline.documents.model import PLAIN_TEXT
from pipeline.extract.base import DocumentContext, Extraction

TABLE = "sources"


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    document, source_id = context.document, context.source_id
    if not (document.paragraphs or document.tables or document.lists or document.sections or document.infobox):
        result.issue(
            TABLE,
            source_id,
            None,
            "empty_document",
            f"{context.raw.file_name} has no content ({document.line_count} lines)",
        )
        return result
    if context.subject.primary is None:
        result.issue(
            TABLE,
            source_id,
            document.title_line,
            "unknown_subject",
            f"no country could be read from the title {context.title!r} or the publisher",
        )
    if document.format == PLAIN_TEXT:
        result.issue(
            TABLE,
            source_id,
            1,
            "unknown_format",
            f"{context.raw.file_name} matches no known format; read as plain paragraphs",
        )
    for table in document.tables:
        for row in table.rows:
            if row.missing:
                result.issue(
                    TABLE,
                    source_id,
                    row.line,
                    "malformed_row",
                    f"table at line {table.line}: row has {len(table.header) - row.missing} of {len(table.header)} "
                    f"cells; missing cells read as empty",
                )
            if row.extra:
                result.issue(
                    TABLE,
                    source_id,
                    row.line,
                    "malformed_row",
                    f"table at line {table.line}: row has {len(table.header) + len(row.extra)} cells for "
                    f"{len(table.header)} columns; extra cells ignored: {[c.text for c in row.extra]}",
                )
    return result
