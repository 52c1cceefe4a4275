import pytest

from schemas.dates import PRECISIONS
from tests.schemas.helpers import assert_valid, failed_checks, vocabulary_check

NUMBERED = {
    "country_code": "CAN",
    "list_number": 1,
    "partner_name": None,
    "partner_code": None,
    "established_raw": None,
    "established": None,
    "established_precision": None,
    "suspended": False,
    "source_id": "foreign-relations-of-canada",
    "line": 188,
    "evidence": "| 1 | | |",
}
SUSPENDED = {**NUMBERED, "list_number": None, "suspended": True, "line": 235, "evidence": "| — | (suspended) | |"}
FILLED = {
    **NUMBERED,
    "list_number": 2,
    "partner_name": "Japan",
    "partner_code": "JPN",
    "established_raw": "December 1928",
    "established": "1928-12",
    "established_precision": "month",
    "line": 189,
}


def test_good_frame():
    frame = assert_valid("diplomatic_relations", [NUMBERED, SUSPENDED, FILLED])
    assert frame["list_number"].isna().tolist() == [False, True, False]
    assert frame["suspended"].tolist() == [False, True, False]


@pytest.mark.parametrize(
    "change, check",
    [
        ({"country_code": "can"}, "str_matches('^[A-Z]{3}$')"),
        ({"partner_code": "Japan"}, "str_matches('^[A-Z]{3}$')"),
        ({"established_precision": "season"}, vocabulary_check(PRECISIONS)),
        ({"established": "1928-12-01"}, "established_matches_precision"),
        ({"partner_name": None}, "partner_code_has_name"),
        ({"list_number": 0}, "greater_than_or_equal_to(1)"),
        ({"suspended": None}, "not_nullable"),
        ({"line": None}, "not_nullable"),
    ],
)
def test_bad_frame_fails_the_named_check(change, check):
    assert check in failed_checks("diplomatic_relations", [{**FILLED, **change}])


def test_key_is_source_and_line():
    assert "multiple_fields_uniqueness" in failed_checks(
        "diplomatic_relations", [NUMBERED, {**FILLED, "line": NUMBERED["line"]}]
    )
