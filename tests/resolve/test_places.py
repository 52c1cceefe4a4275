"""Regions below the country, from ISO 3166-2 as pycountry ships it."""

import pytest

from pipeline.resolve.places import place_key, resolve_region


@pytest.mark.parametrize(
    ("name", "code", "country"),
    [
        ("Alaska", "US-AK", "USA"),
        ("Quebec", "CA-QC", "CAN"),
        ("Québec", "CA-QC", "CAN"),
        ("British Columbia", "CA-BC", "CAN"),
        ("Newfoundland and Labrador", "CA-NL", "CAN"),
    ],
)
def test_a_state_or_province_resolves_to_its_code_and_country(name, code, country):
    region = resolve_region(name)
    assert (region.codes, region.country.code, region.city_like, region.state_or_province) == (
        (code,),
        country,
        False,
        True,
    )


def test_a_bracketed_alternative_name_counts_and_a_constituent_country_is_a_region_not_a_state():
    wales = resolve_region("Cymru")
    assert (wales.name, wales.codes, wales.country.code, wales.city_like, wales.state_or_province) == (
        "Wales",
        ("GB-WLS",),
        "GBR",
        False,
        False,
    )


def test_a_subdivision_that_is_a_city_is_marked_city_like():
    kyiv = resolve_region("Kyiv")
    assert (kyiv.codes, kyiv.country.code, kyiv.city_like, kyiv.state_or_province) == (("UA-30",), "UKR", True, False)


def test_a_name_several_countries_share_resolves_only_with_a_preference():
    punjab = resolve_region("Punjab")
    assert [c.code for c in punjab.countries] == ["IND", "PAK"]
    assert punjab.country is None
    assert punjab.country_among([]) is None
    assert punjab.country_among([c for c in punjab.countries if c.code == "PAK"]).code == "PAK"


@pytest.mark.parametrize("name", ["Toronto", "Greenland", "", "Atlantis", "the"])
def test_cities_countries_and_unknown_names_are_not_regions(name):
    assert resolve_region(name) is None


def test_place_key_folds_case_accents_typography_and_a_leading_the():
    assert place_key("The  Québec") == place_key("quebec") == "quebec"
    assert place_key("Côte d’Ivoire") == "cote d'ivoire"
