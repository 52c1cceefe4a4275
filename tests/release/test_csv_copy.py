"""The CSV copy of a release table: the documented rule, byte for byte, and a faithful round trip."""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pytest

from pipeline.release.csv_copy import DIALECT, csv_bytes

TRICKY = pa.table(
    {
        "text": pa.array(["plain", "a, b", 'say "hi"', "two\r\nlines", "Côte d'Ivoire", " lead", None], pa.string()),
        "count": pa.array([1, None, -3, 0, 12345678901234, None, 7], pa.int64()),
        "flag": pa.array([True, False, None, True, False, None, True], pa.bool_()),
        "amount": pa.array([9700000000.0, 0.1, None, 1e16, 2.5, 0.0, 7.4], pa.float64()),
        "codes": pa.array([["CAN", "USA"], [], None, ["Côte", 'a,"b"'], [""], ["x"], []], pa.list_(pa.string())),
    }
)


def test_the_encoding_rule_value_by_value():
    assert csv_bytes(TRICKY).decode("utf-8").split("\r\n") == [
        "text,count,flag,amount,codes",
        'plain,1,true,9700000000.0,"[""CAN"",""USA""]"',
        '"a, b",,false,0.1,[]',
        '"say ""hi""",-3,,,',
        '"two',  # the line break inside a quoted cell is the cell's own CRLF
        'lines",0,true,1e+16,"[""Côte"",""a,\\""b\\""""]"',
        'Côte d\'Ivoire,12345678901234,false,2.5,"[""""]"',
        ' lead,,,0.0,"[""x""]"',
        ",7,true,7.4,[]",
        "",
    ]


def test_no_byte_order_mark_and_the_declared_dialect():
    data = csv_bytes(TRICKY)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert DIALECT == {
        "header": True,
        "delimiter": ",",
        "lineTerminator": "\r\n",
        "quoteChar": '"',
        "doubleQuote": True,
        "skipInitialSpace": False,
    }


def test_the_same_rows_give_the_same_bytes_however_they_are_chunked():
    chunked = pa.concat_tables([TRICKY.slice(0, 3), TRICKY.slice(3)])
    assert chunked.column(0).num_chunks == 2
    assert csv_bytes(chunked) == csv_bytes(TRICKY) == csv_bytes(TRICKY)


def test_the_copy_reads_back_as_the_table():
    """Read by the rule (empty cell: null; lists: JSON), every value comes back equal, type included."""
    rows = list(csv.reader(io.StringIO(csv_bytes(TRICKY).decode("utf-8"), newline="")))
    assert rows[0] == TRICKY.schema.names
    parse = {"text": str, "count": int, "flag": lambda v: v == "true", "amount": float, "codes": json.loads}
    back = [{name: None if cell == "" else parse[name](cell) for name, cell in zip(rows[0], row)} for row in rows[1:]]
    assert back == TRICKY.to_pylist()


def test_an_empty_string_is_refused_rather_than_read_back_as_null():
    table = pa.table({"name": pa.array(["a", "", None], pa.string())})
    with pytest.raises(ValueError, match="column name: 1 empty string"):
        csv_bytes(table)
    assert csv_bytes(pa.table({"codes": pa.array([[""]], pa.list_(pa.string()))})) == b'codes\r\n"[""""]"\r\n'


def test_a_type_without_a_rule_is_refused():
    with pytest.raises(ValueError, match="no CSV form"):
        csv_bytes(pa.table({"when": pa.array([1], pa.timestamp("s"))}))
