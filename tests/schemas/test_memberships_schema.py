from schemas.vocabularies import MEMBERSHIP_STATUSES
from tests.schemas.helpers import assert_valid, failed_checks, vocabulary_check

GOOD = {
    "country_code": "CAN",
    "org_id": "un",
    "status": "founding member",
    "status_raw": "founding member of",
    "since": "1945",
    "since_precision": "year",
    "source_id": "foreign-relations-of-canada",
    "line": 9,
    "evidence": "Canada was a founding member of the United Nations in 1945.",
}


def test_good_frame_puts_provenance_last():
    frame = assert_valid(
        "memberships", [GOOD, {**GOOD, "org_id": "oas", "since": None, "since_precision": None, "status_raw": None}]
    )
    assert list(frame.columns)[-3:] == ["source_id", "line", "evidence"]


def test_bad_frame():
    assert vocabulary_check(MEMBERSHIP_STATUSES) in failed_checks("memberships", [{**GOOD, "status": "associate"}])
    assert "since_matches_precision" in failed_checks("memberships", [{**GOOD, "since": "1945-02"}])
    assert "since_matches_precision" in failed_checks(
        "memberships", [{**GOOD, "since": "1945-13", "since_precision": "month"}]
    )
    assert "str_matches('^[A-Z]{3}$')" in failed_checks("memberships", [{**GOOD, "country_code": "Canada"}])
    assert "not_nullable" in failed_checks("memberships", [{**GOOD, "source_id": None}])
    assert "greater_than_or_equal_to(1)" in failed_checks("memberships", [{**GOOD, "line": 0}])
    assert "multiple_fields_uniqueness" in failed_checks("memberships", [GOOD, {**GOOD, "status": "member"}])
