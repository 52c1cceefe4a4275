"""countries: one row per country code any table uses, every code joins to a name, and a code without
reference data fails the build naming it."""

import pandas as pd
import pytest

from pipeline.assemble import assemble
from pipeline.batch import extract_batch
from pipeline.release.datapackage import resource_schema
from pipeline.state import BuildState
from schemas import TABLES, TABLES_BY_NAME
from schemas._base import COUNTRY_KEY
from tests.conftest import assembled_tables, raw_document, raw_from_text
from tests.schemas.helpers import assert_valid, failed_checks

SOVIET_AND_KOSOVO = """= Foreign relations of Canada =

Canada established diplomatic relations with the Soviet Union in 1942.

Canada and Kosovo established diplomatic relations in 2009.
"""


CANADA = {
    "country_code": "CAN",
    "alpha_2": "CA",
    "name": "Canada",
    "official_name": "Canada",
    "region": "Americas",
    "subregion": "North America",
    "historical": False,
    "is_user_assigned": False,
}


def codes_used(tables: dict) -> set[str]:
    """Every code in every column the schemas declare as referencing countries.country_code, list items included."""
    codes = set()
    for spec in TABLES:
        for column in spec.columns_referencing(COUNTRY_KEY):
            for value in tables[spec.name][column]:
                if isinstance(value, list):
                    codes.update(value)
                elif not pd.isna(value):
                    codes.add(value)
    return codes


def test_one_row_per_code_the_real_tables_use(tables):
    countries = tables["countries"]
    assert len(countries) == 73
    assert set(countries["country_code"]) == codes_used(tables)
    assert list(countries["country_code"]) == sorted(countries["country_code"])


def test_real_rows_carry_names_region_and_subregion(tables):
    rows = tables["countries"].set_index("country_code")
    assert {"country_code": "CAN", **rows.loc["CAN"].to_dict()} == CANADA
    assert (rows.loc["RUS", "name"], rows.loc["RUS", "subregion"]) == ("Russia", "Eastern Europe")
    assert (rows.loc["KOR", "name"], rows.loc["USA", "official_name"]) == ("South Korea", "United States of America")
    assert rows.loc["XKX", "is_user_assigned"] and rows.loc["XKX", "region"] == "Europe"
    assert rows["is_user_assigned"].sum() == 1 and not rows["historical"].any()


def test_codes_in_lists_have_rows_too(tables):
    """agreements.parties and disputes.counterpart_codes are lists: each item joins to a country."""
    listed = {code for codes in tables["disputes"]["counterpart_codes"] for code in codes}
    assert "USA" in listed and listed <= set(tables["countries"]["country_code"])


def test_every_code_column_declares_its_foreign_key():
    assert TABLES_BY_NAME["memberships"].foreign_keys["country_code"] == COUNTRY_KEY
    assert TABLES_BY_NAME["missions"].columns_referencing(COUNTRY_KEY) == ["sending_country_code", "host_country_code"]
    assert TABLES_BY_NAME["agreements"].item_foreign_keys == {"parties": COUNTRY_KEY}
    assert TABLES_BY_NAME["disputes"].item_foreign_keys == {"counterpart_codes": COUNTRY_KEY}
    referencing = {spec.name for spec in TABLES if spec.columns_referencing(COUNTRY_KEY)}
    assert referencing == {
        "memberships",
        "bilateral_relations",
        "diplomatic_relations",
        "missions",
        "envoys",
        "agreements",
        "disputes",
        "export_controls",
    }


def test_the_datapackage_declares_scalar_foreign_keys_but_not_list_items():
    """Table Schema compares a whole cell: a list cell ('["CAN","USA"]') is no countries key, so lists stay out."""
    memberships = resource_schema("memberships")["foreignKeys"]
    assert {
        "fields": ["country_code"],
        "reference": {"resource": "countries", "fields": ["country_code"]},
    } in memberships
    assert all(key["fields"] != ["parties"] for key in resource_schema("agreements").get("foreignKeys", []))


def test_a_dissolved_state_and_a_user_assigned_code_from_a_document():
    tables = assembled_tables([raw_from_text(SOVIET_AND_KOSOVO, "soviet.txt")])
    rows = tables["countries"].set_index("country_code")
    assert list(rows.index) == ["CAN", "SUN", "XKX"]
    assert rows.loc["SUN"].to_dict() == {
        "alpha_2": "SU",
        "name": "Soviet Union",
        "official_name": "USSR, Union of Soviet Socialist Republics",
        "region": None,
        "subregion": None,
        "historical": True,
        "is_user_assigned": False,
    }
    assert rows.loc["XKX", "official_name"] == "Republic of Kosovo" and rows.loc["XKX", "is_user_assigned"]


def test_a_code_without_reference_data_fails_the_build_naming_it(corrupt_extraction):
    """QQQ has an alpha-3 shape (it is in a user-assigned range) but no reference data: nothing is published."""
    corrupt_extraction("memberships", "country_code", "QQQ")
    raw = [raw_document("foreign-relations-of-canada")]
    state = BuildState.empty().patched(raw, extract_batch(raw))
    assembled = assemble(state)
    assert state.passed and not assembled.passed
    cases = assembled.failures.cases["countries"]
    assert cases[["failure_case", "source_id", "line"]].values.tolist() == [
        ["QQQ", "foreign-relations-of-canada", "68"]
    ]
    assert cases["check"].tolist() == ["no row in pipeline/knowledge/countries.csv (used by memberships.country_code)"]


def test_a_row_marked_user_assigned_outside_the_user_ranges_fails():
    assert_valid("countries", [CANADA])
    assert failed_checks("countries", [dict(CANADA, is_user_assigned=True)]) == {"is_user_assigned_matches_the_code"}
    assert failed_checks("countries", [CANADA, CANADA]) == {"multiple_fields_uniqueness"}


@pytest.mark.parametrize(
    "column, value", [("alpha_2", "CAN"), ("name", ""), ("country_code", "ca"), ("historical", None)]
)
def test_a_malformed_value_fails(column, value):
    assert failed_checks("countries", [dict(CANADA, **{column: value})])
