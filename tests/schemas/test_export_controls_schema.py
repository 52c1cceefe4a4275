import pytest

from tests.schemas.helpers import assert_valid, failed_checks

LISTED = {
    "list_name": "Automatic Firearms Country Control List",
    "list_country_code": "CAN",
    "country_code": "ALB",
    "country_name": "Albania",
    "as_of_year": 2014,
    "source_id": "foreign-relations-of-canada",
    "line": 36,
    "evidence": "Automatic Firearms Country Control List, comprises ... (Albania, Australia).",
}
UNRESOLVED = {**LISTED, "country_code": None, "country_name": "Narnia", "as_of_year": None}


def test_good_frame():
    frame = assert_valid("export_controls", [LISTED, UNRESOLVED])
    assert frame["as_of_year"].tolist()[0] == 2014 and frame["as_of_year"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    "change, check",
    [
        ({"country_code": "Albania"}, "str_matches('^[A-Z]{3}$')"),
        ({"list_country_code": "CA"}, "str_matches('^[A-Z]{3}$')"),
        ({"as_of_year": 14}, "greater_than_or_equal_to(1000)"),
        ({"country_name": ""}, "str_length(1, None)"),
        ({"list_name": None}, "not_nullable"),
        ({"source_id": None}, "not_nullable"),
    ],
)
def test_bad_frame_fails_the_named_check(change, check):
    assert check in failed_checks("export_controls", [{**LISTED, **change}])


def test_key_is_source_line_list_and_country():
    assert "multiple_fields_uniqueness" in failed_checks("export_controls", [LISTED, {**LISTED, "country_code": "AUS"}])
    assert_valid("export_controls", [LISTED, {**LISTED, "list_name": "Export Control List"}])
