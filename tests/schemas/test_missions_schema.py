"""MissionsSchema: a good frame validates; a bad one fails on the named checks."""

import pandas as pd
import pandera.errors
import pytest

from schemas.missions import MissionsSchema
from schemas.vocabularies import MISSION_TYPES
from tests.schemas.helpers import vocabulary_check

GOOD = {
    "source_id": "canada-russia-relations",
    "line": 5,
    "evidence": "Mission1: Canadian Embassy, Moscow",
    "sending_country_code": "CAN",
    "host_country_code": "RUS",
    "city": "Moscow",
    "mission_type": "embassy",
    "mission_type_raw": "Embassy",
    "accredited_to": None,
}


def failed_checks(rows):
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        MissionsSchema.validate(pd.DataFrame(rows), lazy=True)
    return set(raised.value.failure_cases["check"].astype(str))


def test_good_frame_validates():
    frame = MissionsSchema.validate(
        pd.DataFrame(
            [
                GOOD,
                {
                    **GOOD,
                    "line": 82,
                    "host_country_code": None,
                    "city": None,
                    "accredited_to": "oas",
                    "mission_type": "permanent mission",
                },
            ]
        )
    )
    assert len(frame) == 2


def test_bad_frame_fails_vocabulary_codes_provenance_and_key():
    bad = [
        {**GOOD, "mission_type": "trade office"},
        {**GOOD, "line": 6, "sending_country_code": "Canada"},
        {**GOOD, "line": 7, "evidence": None},
        {**GOOD, "line": 8},
        {**GOOD, "line": 8},
    ]
    checks = failed_checks(bad)
    assert vocabulary_check(MISSION_TYPES) in checks
    assert any("str_matches" in c for c in checks)
    assert any("not_nullable" in c for c in checks)
    assert any("unique" in c for c in checks)
