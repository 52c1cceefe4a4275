"""FundingSchema: a good frame validates; a bad one fails on the named checks."""

import pandas as pd
import pandera.errors
import pytest

from schemas.funding import FundingSchema

GOOD = {
    "source_id": "defending-common-interests-fact-sheet",
    "line": 27,
    "evidence": "Since 2022, Canada has committed \\$9.7 billion in multifaceted support to Ukraine.",
    "amount": 9_700_000_000.0,
    "amount_raw": "\\$9.7 billion",
    "amount_qualifier": None,
    "currency": "CAD",
    "currency_resolved_from": "document",
    "is_conversion": False,
    "period_raw": "Since 2022",
    "purpose": "multifaceted support to Ukraine",
}


def test_good_frame_validates():
    unknown_currency = {**GOOD, "line": 33, "currency": None, "currency_resolved_from": None}
    frame = FundingSchema.validate(pd.DataFrame([GOOD, unknown_currency]))
    assert str(frame["amount"].dtype) == "float64"


def test_bad_frame_fails_currency_amount_and_key():
    bad = [
        {**GOOD, "currency": "XYZ"},
        {**GOOD, "line": 28, "currency": None},
        {**GOOD, "line": 29, "amount": -1.0},
        {**GOOD, "line": 30},
        {**GOOD, "line": 30},
    ]
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        FundingSchema.validate(pd.DataFrame(bad), lazy=True)
    checks = set(raised.value.failure_cases["check"].astype(str))
    assert {"iso4217_currency", "currency_and_its_source_together"} <= checks
    assert any("greater_than_or_equal_to" in c for c in checks)
    assert any("unique" in c for c in checks)
