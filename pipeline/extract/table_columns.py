"""Columns of a text table found by what their header says, never by position.

Copies of the same article order and word their columns differently
('Formal relations began', 'Relations established', 'Date'), so extractors
name a column by a pattern and read cells through `TableRow.get`.
"""

from __future__ import annotations

import re

from pipeline.documents.model import Table
from pipeline.text import normalize_space


def find_column(table: Table, pattern: re.Pattern[str]) -> str | None:
    """The first header that matches `pattern`, as written in the table; None when no header does."""
    for header in table.header:
        if pattern.search(normalize_space(header)):
            return header
    return None


def cell(row, column: str | None) -> str:
    """The stripped, space-normalised text under `column`; '' when the table has no such column."""
    return normalize_space(row.get(column)) if column else ""
