from tests.schemas.helpers import assert_valid, failed_checks

GOOD = {
    "org_id": "g7",
    "name": "Group of Seven",
    "acronym": "G7",
    "aliases": ["G-7"],
    "headquartered_in_canada": False,
    "in_registry": True,
}


def test_good_frame():
    assert assert_valid("organizations", [GOOD, {**GOOD, "org_id": "icao", "acronym": None, "aliases": []}]).shape == (
        2,
        6,
    )


def test_bad_frame():
    assert "list_of_strings" in failed_checks("organizations", [{**GOOD, "aliases": "G-7"}])
    assert "multiple_fields_uniqueness" in failed_checks("organizations", [GOOD, GOOD])
    assert "column_in_dataframe" in failed_checks(
        "organizations", [{k: v for k, v in GOOD.items() if k != "in_registry"}]
    )
    assert "column_in_schema" in failed_checks("organizations", [{**GOOD, "surplus": 1}])
