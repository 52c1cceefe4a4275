"""diplomatic_relations: every row of the numbered list of countries the subject has diplomatic relations with.

The list is a table under a 'Diplomatic relations' heading whose header has
a number column ('#') and a country column, found by header text. Every data
row is published with what it has: `list_number` from the '#' cell (null for
'—'), the partner from the Country cell without its parenthesised remarks,
the Date cell as written and, when it holds a date, read at its precision.

A parenthesised remark in the Country or Date cell ('(suspended)',
'(suspended since 1978)', '(relations broken off in 1962)') is read for its
verb: one of the families that say relations were suspended or ended
(knowledge/verb_families.csv: suspended, frozen, severed, broken off, ...)
sets `suspended`. A remark that says something else ('(de facto)', '(see
note)') is kept out of the partner's name and reported as `unread_remark`,
never dropped.

Missing countries are reported as one summary `unresolved_country` issue per
table, at the first such row's line, with the count and the line span,
rather than one issue per row: in a copy whose flag templates were lost,
every row lacks its country for the same reason, and 196 identical issues
would bury the ones that need reading. A filled Country cell that does not
resolve is specific to its row, so it gets its own issue.
"""

from __future__ import annotations

import re

from pipeline.documents.model import Document, Table, TableRow
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.phrases import verb_family
from pipeline.extract.table_columns import cell, find_column
from pipeline.resolve.countries import resolve_country
from pipeline.resolve.dates import parse_relation_dates

TABLE = "diplomatic_relations"

_SECTION = r"^diplomatic relations\b"
_NUMBER_COLUMN = re.compile(r"^(?:#|no\.?|number)$", re.IGNORECASE)
_COUNTRY_COLUMN = re.compile(r"^(?:country|state|partner)$", re.IGNORECASE)
_DATE_COLUMN = re.compile(r"\b(?:date|established|since)\b", re.IGNORECASE)
# A parenthesised remark in a cell: '(suspended)', '(suspended since 1978)'.
_REMARK = re.compile(r"\(\s*(?P<remark>[^()]*?)\s*\)")
# A remark that says the relations are suspended or ended, in any form of a verb of those families.
_SUSPENSION = re.compile(
    rf"\b(?:{verb_family('relations_suspend')}|{verb_family('relations_end')}|suspension|rupture)", re.IGNORECASE
)
_NUMBER = re.compile(r"^(?P<number>[1-9]\d*)\.?$")
_UNNUMBERED = re.compile(r"^[—–-]*$")


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    for table in _relation_lists(context.document):
        number_column, country_column, date_column = (
            find_column(table, p) for p in (_NUMBER_COLUMN, _COUNTRY_COLUMN, _DATE_COLUMN)
        )
        missing = [row.line for row in table.rows if not _partner_name(cell(row, country_column))]
        for row in table.rows:
            _list_row(context, result, row, number_column, country_column, date_column)
        if missing:
            detail = (
                f"Country cell empty in {len(missing)} of {len(table.rows)} rows (lines "
                f"{missing[0]}–{missing[-1]}); published with a null partner"
            )
            result.issue(TABLE, context.source_id, missing[0], "unresolved_country", detail)
    return result


def _relation_lists(document: Document) -> list[Table]:
    """Tables under a 'Diplomatic relations' heading with a number column and a country column."""
    return [
        table
        for section in document.sections_matching(_SECTION)
        for table in document.tables_in(section, direct_only=False)
        if find_column(table, _NUMBER_COLUMN) and find_column(table, _COUNTRY_COLUMN)
    ]


def _partner_name(country_cell: str) -> str | None:
    """The Country cell without its parenthesised remarks; None when nothing is left."""
    return _REMARK.sub("", country_cell).strip() or None


def _remarks(*cells: str) -> list[str]:
    return [m["remark"] for text in cells for m in _REMARK.finditer(text) if m["remark"]]


def _list_row(
    context: DocumentContext,
    result: Extraction,
    row: TableRow,
    number_column: str,
    country_column: str,
    date_column: str | None,
) -> None:
    source_id = context.source_id
    country_cell, date_cell = cell(row, country_column), cell(row, date_column)
    partner_name = _partner_name(country_cell)
    partner = resolve_country(partner_name) if partner_name else None
    if partner_name and partner is None:
        result.issue(
            TABLE, source_id, row.line, "unresolved_country", f"Country cell {partner_name!r} is not a known country"
        )
    date_text = _REMARK.sub("", date_cell).strip()
    dates = parse_relation_dates(date_text)
    if date_text and not dates.parsed:
        result.issue(TABLE, source_id, row.line, "unparsed_date", f"Date cell {date_cell!r} holds no date")
    remarks = _remarks(country_cell, date_cell)
    suspended = any(_SUSPENSION.search(remark) for remark in remarks)
    for remark in remarks:
        if not _SUSPENSION.search(remark):
            detail = f"remark {remark!r} is not read (only a suspension or an end of relations is)"
            result.issue(TABLE, source_id, row.line, "unread_remark", detail)
    subject = context.subject.primary
    result.add(
        TABLE,
        {
            "country_code": subject.code if subject else None,
            "list_number": _list_number(result, source_id, row.line, cell(row, number_column)),
            "partner_name": partner_name,
            "partner_code": partner.code if partner else None,
            "established_raw": date_cell or None,
            "established": dates.start.value if dates.start else None,
            "established_precision": dates.start.precision if dates.start else None,
            "suspended": suspended,
            "source_id": source_id,
            "line": row.line,
            "evidence": row.text,
        },
    )


def _list_number(result: Extraction, source_id: str, line: int, text: str) -> int | None:
    """The '#' cell as a number; '—' (or nothing) marks an unnumbered row, anything else is reported."""
    number = _NUMBER.match(text)
    if number:
        return int(number["number"])
    if not _UNNUMBERED.match(text):
        result.issue(TABLE, source_id, line, "unparsed_number", f"'#' cell {text!r} is not a number")
    return None
