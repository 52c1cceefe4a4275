import pytest

from schemas.dates import PRECISIONS
from schemas.vocabularies import PARTNER_SOURCES, REGIONS, RELATION_STATUSES
from tests.schemas.helpers import assert_valid, failed_checks, vocabulary_check

TABLE_ROW = {
    "country_code": "CAN",
    "region": "Asia",
    "region_raw": "Asia",
    "partner_name": "Iran",
    "partner_code": "IRN",
    "partner_resolved_from": "notes",
    "established_raw": "1955 ended 2012",
    "established": "1955",
    "established_precision": "year",
    "ended": "2012",
    "ended_precision": "year",
    "status": "ended",
    "notes": "See Canada–Iran relations",
    "see_also": ["Canada–Iran relations"],
    "source_id": "foreign-relations-of-canada",
    "line": 406,
    "evidence": "| | 1955 ended 2012 | See Canada–Iran relations |",
}
NO_PARTNER = {
    **TABLE_ROW,
    "line": 411,
    "partner_name": None,
    "partner_code": None,
    "partner_resolved_from": None,
    "established_raw": "1992",
    "ended": None,
    "ended_precision": None,
    "status": "active",
    "notes": None,
    "see_also": [],
}
PROSE_ROW = {
    **TABLE_ROW,
    "source_id": "canada-russia-relations",
    "line": 25,
    "region": None,
    "region_raw": None,
    "partner_name": "Russia",
    "partner_code": "RUS",
    "partner_resolved_from": "prose",
    "established_raw": "June 12, 1942",
    "established": "1942-06-12",
    "established_precision": "day",
    "ended": None,
    "ended_precision": None,
    "status": "active",
    "notes": None,
    "see_also": [],
    "evidence": "Diplomatic relations between the two countries were finally established on June 12, 1942.",
}


def test_good_frame():
    frame = assert_valid("bilateral_relations", [TABLE_ROW, NO_PARTNER, PROSE_ROW])
    assert list(frame[["source_id", "line"]].itertuples(index=False, name=None)) == [
        ("foreign-relations-of-canada", 406),
        ("foreign-relations-of-canada", 411),
        ("canada-russia-relations", 25),
    ]


@pytest.mark.parametrize(
    "change, check",
    [
        ({"country_code": "Canada"}, "str_matches('^[A-Z]{3}$')"),
        ({"partner_code": "IR"}, "str_matches('^[A-Z]{3}$')"),
        ({"region": "Middle East"}, vocabulary_check(REGIONS)),
        ({"status": "frosty"}, vocabulary_check(RELATION_STATUSES)),
        ({"partner_resolved_from": "guess"}, vocabulary_check(PARTNER_SOURCES)),
        ({"established_precision": "decade"}, vocabulary_check(PRECISIONS)),
        ({"established": "1955-03"}, "established_matches_precision"),
        ({"ended": "2012-13", "ended_precision": "month"}, "ended_matches_precision"),
        ({"ended": "1950"}, "ended_not_before_established"),
        ({"partner_resolved_from": None}, "partner_resolved_from_given"),
        ({"partner_name": None, "partner_resolved_from": None}, "partner_code_has_name"),
        ({"see_also": "Canada–Iran relations"}, "list_of_strings"),
        ({"source_id": None}, "not_nullable"),
        ({"line": 0}, "greater_than_or_equal_to(1)"),
    ],
)
def test_bad_frame_fails_the_named_check(change, check):
    assert check in failed_checks("bilateral_relations", [{**TABLE_ROW, **change}])


def test_key_is_source_and_line():
    assert "multiple_fields_uniqueness" in failed_checks(
        "bilateral_relations", [TABLE_ROW, {**NO_PARTNER, "line": TABLE_ROW["line"]}]
    )
