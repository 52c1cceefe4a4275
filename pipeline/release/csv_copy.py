"""A CSV copy of each release table, beside its Parquet file, for the standard Frictionless check.

Why a copy: frictionless 5 reads a Parquet file with pyarrow and hands the rows over as a pandas frame,
so a list<string> cell arrives as a NumPy array (which neither its `array` nor its `list` type accepts)
and a null in an integer column arrives as a float NaN; it never reads a Parquet file's bytes either,
so `bytes` always fails and `hash` is never compared. A CSV file goes through its byte loader and its
typed cell readers, so `frictionless validate datapackage.json` checks every row, key, hash and size.
Parquet stays the primary format; the copy holds the same rows, in the same (key) order.

The encoding rule, one value at a time (the same Arrow table always gives the same bytes):

- UTF-8 without a byte order mark; a header row of the column names; comma-separated; CRLF line ends
  (RFC 4180); a cell is quoted only when it holds a comma, a double quote, CR or LF, and a double quote
  inside it is doubled;
- null: an empty cell. An empty string would read back as null, so a table with one is refused
  rather than copied wrong (the contract's strings are null, not empty, where the text gives nothing);
- string: as it is; integer: decimal digits; boolean: `true` or `false`;
  float: Python's shortest round-trip form (`repr`);
- list<string>: a compact JSON array of strings in one cell, non-ASCII as it is (`["CAN","USA"]`);
  an empty list is `[]`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

MEDIATYPE = "text/csv"
ENCODING = "utf-8"
LINE_TERMINATOR = "\r\n"
# The Table Dialect of every copy, declared so a reader does not have to guess it (frictionless sniffs otherwise).
DIALECT = {
    "header": True,
    "delimiter": ",",
    "lineTerminator": LINE_TERMINATOR,
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}


def csv_bytes(table: pa.Table) -> bytes:
    """The table as CSV text by the rule above, UTF-8 encoded."""
    _refuse_empty_strings(table)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.schema.names)
    columns = [_cells(field.type, table.column(field.name)) for field in table.schema]
    writer.writerows(zip(*columns))
    return buffer.getvalue().encode(ENCODING)


def _refuse_empty_strings(table: pa.Table) -> None:
    """An empty string and a null are both an empty cell in CSV; refuse rather than turn one into the other."""
    for field in table.schema:
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            empty = pc.sum(pc.equal(table.column(field.name), "")).as_py() or 0
        elif pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            empty = 0  # list items are inside JSON, where "" stays ""
        else:
            continue
        if empty:
            raise ValueError(f"column {field.name}: {empty} empty string(s), which a CSV copy cannot tell from null")


def _cells(arrow_type: pa.DataType, column: pa.ChunkedArray) -> list[str]:
    text = _formatter(arrow_type)
    return ["" if value is None else text(value) for value in column.to_pylist()]


def _formatter(arrow_type: pa.DataType) -> Callable[[object], str]:
    """How one non-null value of this Arrow type is written."""
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return str
    if pa.types.is_boolean(arrow_type):
        return lambda value: "true" if value else "false"
    if pa.types.is_integer(arrow_type):
        return lambda value: str(int(value))
    if pa.types.is_floating(arrow_type):
        return lambda value: repr(float(value))
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    raise ValueError(f"no CSV form for Arrow type {arrow_type}")
