"""Dates with their precision, as the contract states them: the precision words, the shapes, and how two compare.

A date is an ISO 8601 string cut to the precision the text gives ('1947-08-15',
'1928-12', '1992'). Two such dates compare at the coarser of their precisions:
'1958' and '1958-05' agree, and '1992' may end in '1992-05'.
"""

from __future__ import annotations

import datetime
import re

PRECISIONS = ("day", "month", "year")
SHAPES = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


def at_common_precision(a: str, b: str) -> tuple[str, str]:
    """Both dates cut to the coarser precision of the two, so plain string comparison is date comparison."""
    shorter = min(len(a), len(b))
    return a[:shorter], b[:shorter]


def is_real_date(value: str, precision: str) -> bool:
    """The string has exactly the shape its precision names and is a real calendar date (pandas stops at 1677)."""
    shape = SHAPES.get(precision)
    if shape is None or not shape.match(value):
        return False
    if precision == "month":
        return 1 <= int(value[5:7]) <= 12
    if precision == "day":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
    return True
