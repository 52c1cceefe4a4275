"""DisputesSchema: a good frame validates; a bad one fails on the named checks."""

import pandas as pd
import pandera.errors
import pytest

from schemas.disputes import DisputesSchema
from schemas.vocabularies import DISPUTE_STATUSES
from tests.schemas.helpers import vocabulary_check

GOOD = {
    "source_id": "foreign-relations-of-canada",
    "line": 171,
    "evidence": "... when the International Court of Justice ruled on the maritime boundary in the Gulf of Maine.",
    "dispute_id": "gulf-of-maine",
    "name": "Gulf of Maine",
    "counterpart_codes": ["USA"],
    "status": "resolved",
    "resolved_year": 1984,
    "resolution_body": "International Court of Justice",
    "resolution_body_org_id": "icj",
}
ONGOING = {
    **GOOD,
    "line": 173,
    "dispute_id": "beaufort-sea",
    "name": "Beaufort Sea",
    "status": "ongoing",
    "resolved_year": None,
    "resolution_body": None,
    "resolution_body_org_id": None,
}


def test_good_frame_validates():
    frame = DisputesSchema.validate(
        pd.DataFrame([GOOD, ONGOING, {**ONGOING, "dispute_id": "dixon-entrance", "counterpart_codes": []}])
    )
    assert str(frame["resolved_year"].dtype) == "Int64"


def test_bad_frame_fails_status_resolution_and_counterparts():
    bad = [
        {**GOOD, "status": "settled"},
        {**ONGOING, "resolved_year": 1990},
        {**ONGOING, "line": 174, "counterpart_codes": None},
        {**ONGOING, "line": 175, "counterpart_codes": ["US"]},
    ]
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        DisputesSchema.validate(pd.DataFrame(bad), lazy=True)
    checks = set(raised.value.failure_cases["check"].astype(str))
    assert {
        vocabulary_check(DISPUTE_STATUSES),
        "only_resolved_disputes_have_a_resolution",
        "list_of_iso3_codes",
    } <= checks
