"""Row checks (DataFrameModel checks that judge each row) are declared with schemas._base.row_check.

That they still fail the rows they should is tested table by table (test_<table>_schema.py).
"""

import pandas as pd
import pandera.pandas as pa

from pipeline.validate import validate_frame
from schemas import TABLES
from schemas._base import row_check
from tests.schemas.test_funding_schema import GOOD as FUNDING_ROW


def _ignoring_nulls(schema: pa.DataFrameSchema) -> list[str]:
    """The checks Pandera runs with its default ignore_na: each computes isna over the whole table first."""
    return [check.name for check in schema.checks if check.ignore_na]


def test_every_row_check_judges_all_null_rows_too():
    checks = {spec.name: spec.dataframe_schema.checks for spec in TABLES}
    assert sum(len(c) for c in checks.values()) == 14
    assert len(checks["bilateral_relations"]) == 5
    assert [name for spec in TABLES for name in _ignoring_nulls(spec.dataframe_schema)] == []


def test_a_check_declared_with_pandera_default_is_found():
    class Sample(pa.DataFrameModel):
        value: int

        @pa.dataframe_check(name="positive")
        def positive(cls, df):
            return df["value"] > 0

        @row_check("small")
        def small(cls, df):
            return df["value"] < 10

    assert _ignoring_nulls(Sample.to_schema()) == ["positive"]


def test_a_failing_row_reports_its_null_cell():
    """A currency source without a currency: the report names the null currency cell of that row."""
    _, cases = validate_frame("funding", pd.DataFrame([{**FUNDING_ROW, "currency": None}]))
    row_cases = cases[cases["check"] == "currency_and_its_source_together"]
    assert dict(zip(row_cases["column"], row_cases["failure_case"]))["currency"] == "<NA>"
    assert set(row_cases["line"]) == {"27"}
    assert len(row_cases) == len(FUNDING_ROW)  # one case per cell of the row, nulls included
