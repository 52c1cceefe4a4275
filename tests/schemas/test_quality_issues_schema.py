from tests.schemas.helpers import assert_valid, failed_checks

GOOD = {
    "issue_id": "doc:00009:memberships:conflict",
    "table_name": "memberships",
    "source_id": "doc",
    "line": 9,
    "kind": "conflict",
    "detail": "CAN in norad since 1958 here, but other line 36 says 1957",
}


def test_good_frame_allows_whole_file_issues():
    frame = assert_valid(
        "quality_issues",
        [GOOD, {**GOOD, "issue_id": "doc:00000:sources:rejected_file", "line": None, "kind": "rejected_file"}],
    )
    assert frame["line"].isna().sum() == 1


def test_bad_frame():
    assert "str_matches('^[a-z][a-z_]*$')" in failed_checks("quality_issues", [{**GOOD, "kind": "Bad Kind"}])
    assert "multiple_fields_uniqueness" in failed_checks("quality_issues", [GOOD, GOOD])
    assert "str_length(1, None)" in failed_checks("quality_issues", [{**GOOD, "detail": ""}])
