"""Row checks (DataFrameModel checks that judge each row) are declared with schemas._base.row_check.

That they still fail the rows they should is tested table by table (test_<table>_schema.py).
"""

import pandera.pandas as pa

from schemas import TABLES
from schemas._base import row_check


def test_every_row_check_judges_all_null_rows_too():
    """Pandera's default (ignore_na) computes isna over the whole table for each row check: none may use it."""
    checks = {spec.name: spec.dataframe_schema.checks for spec in TABLES}
    assert sum(len(c) for c in checks.values()) == 14
    assert len(checks["bilateral_relations"]) == 5
    assert [check.name for table in checks.values() for check in table if check.ignore_na] == []


def test_a_model_declared_with_the_default_would_be_caught():
    class Sample(pa.DataFrameModel):
        value: int

        @pa.dataframe_check(name="positive")
        def positive(cls, df):
            return df["value"] > 0

        @row_check("small")
        def small(cls, df):
            return df["value"] < 10

    assert {c.name: c.ignore_na for c in Sample.to_schema().checks} == {"positive": True, "small": False}
