"""EnvoysSchema: a good frame validates; a bad one fails on the named checks."""

import pandas as pd
import pandera.errors
import pytest

from schemas.envoys import EnvoysSchema

GOOD = {
    "source_id": "canada-russia-relations",
    "line": 82,
    "evidence": "The Canadian ambassador to Russia is Sarah Taylor, appointed in November 2023.",
    "person": "Sarah Taylor",
    "role": "ambassador",
    "title_raw": "The Canadian ambassador to Russia",
    "sending_country_code": "CAN",
    "receiving_country_code": "RUS",
    "since": "2023-11",
    "since_precision": "month",
    "as_of": None,
    "as_of_precision": None,
}


def test_good_frame_validates():
    assert (
        len(
            EnvoysSchema.validate(
                pd.DataFrame(
                    [
                        GOOD,
                        {
                            **GOOD,
                            "line": 7,
                            "since": None,
                            "since_precision": None,
                            "as_of": "2006-01",
                            "as_of_precision": "month",
                        },
                    ]
                )
            )
        )
        == 2
    )


def test_bad_frame_fails_dates_codes_and_key():
    bad = [
        {**GOOD, "since": "2023-11-01"},
        {**GOOD, "line": 9, "as_of": "2006", "as_of_precision": None},
        {**GOOD, "line": 10, "receiving_country_code": "ru"},
        {**GOOD, "line": 11, "person": None},
    ]
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        EnvoysSchema.validate(pd.DataFrame(bad), lazy=True)
    checks = set(raised.value.failure_cases["check"].astype(str))
    assert {"since_matches_precision", "as_of_matches_precision"} <= checks
    assert any("str_matches" in c for c in checks)
    assert any("not_nullable" in c for c in checks)
