"""AgreementsSchema: a good frame validates; a bad one fails on the named checks."""

import pandas as pd
import pandera.errors
import pytest

from schemas.agreements import AgreementsSchema
from schemas.vocabularies import AGREEMENT_KINDS
from tests.schemas.helpers import vocabulary_check

GOOD = {
    "source_id": "foreign-relations-of-canada",
    "line": 165,
    "evidence": "Ottawa Treaty or Mine Ban Treaty (1997)",
    "agreement_id": "ottawa-treaty",
    "name": "Ottawa Treaty",
    "aliases": ["Mine Ban Treaty"],
    "kind": "treaty",
    "kind_raw": "Treaty",
    "date": "1997",
    "date_precision": "year",
    "date_event": None,
    "signed_in_canada": True,
    "parties": None,
}


def test_good_frame_validates():
    roadmap = {
        **GOOD,
        "line": 15,
        "agreement_id": "roadmap",
        "name": "Roadmap",
        "aliases": [],
        "kind": "roadmap",
        "date": "2021-02-23",
        "date_precision": "day",
        "signed_in_canada": None,
        "parties": ["CAN", "USA"],
    }
    frame = AgreementsSchema.validate(pd.DataFrame([GOOD, roadmap]))
    assert str(frame["signed_in_canada"].dtype) == "boolean"


def test_bad_frame_fails_kind_date_lists_and_key():
    bad = [
        {**GOOD, "kind": "covenant"},
        {**GOOD, "line": 166, "date": "1997-13", "date_precision": "month"},
        {**GOOD, "line": 167, "parties": ["Canada"]},
        {**GOOD, "line": 168, "aliases": "Mine Ban Treaty"},
        {**GOOD, "line": 169, "agreement_id": "Ottawa Treaty"},
    ]
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        AgreementsSchema.validate(pd.DataFrame(bad), lazy=True)
    checks = set(raised.value.failure_cases["check"].astype(str))
    assert {
        vocabulary_check(AGREEMENT_KINDS),
        "date_matches_precision",
        "list_of_iso3_codes",
        "list_of_strings",
    } <= checks
    assert any("str_matches" in c for c in checks)
