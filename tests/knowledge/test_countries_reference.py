"""countries.csv: the reference data of the `countries` table, generated from world-countries and pycountry."""

import shutil
from importlib import metadata

import pycountry
import pytest

import pipeline.knowledge as knowledge
from pipeline.resolve.countries import aliases, demonyms


@pytest.fixture
def countries_copy(tmp_path, monkeypatch):
    """A writable copy of the knowledge folder that country_references reads instead (cache cleared around it)."""
    folder = tmp_path / "knowledge"
    shutil.copytree(knowledge.KNOWLEDGE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", folder)
    knowledge.country_references.cache_clear()
    yield folder / "countries.csv"
    knowledge.country_references.cache_clear()


def test_canada_kosovo_and_the_soviet_union_as_the_file_gives_them():
    references = knowledge.country_references()
    canada, kosovo, soviet = references["CAN"], references["XKX"], references["SUN"]
    assert (canada.alpha_2, canada.official_name, canada.region, canada.subregion) == (
        "CA",
        "Canada",
        "Americas",
        "North America",
    )
    assert not canada.historical and not canada.is_user_assigned
    assert (kosovo.alpha_2, kosovo.official_name, kosovo.region, kosovo.subregion) == (
        "XK",
        "Republic of Kosovo",
        "Europe",
        "Southeast Europe",
    )
    assert kosovo.is_user_assigned and not kosovo.historical
    assert soviet.historical and soviet.iso_name == "USSR, Union of Soviet Socialist Republics"
    assert (soviet.region, soviet.subregion) == (None, None)
    assert references["USA"].official_name == "United States of America"


def test_every_iso_code_current_and_historic_has_a_row():
    codes = set(knowledge.country_references())
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert {c.alpha_3 for c in pycountry.historic_countries} <= codes
    assert len(codes) == 280
    assert {"SUN", "YUG", "CSK", "DDR", "YMD"} <= {
        code for code, r in knowledge.country_references().items() if r.historical
    }


def test_a_code_iso_gave_again_is_current_not_historical():
    """ATF was a historic code (French Southern and Antarctic Territories) and is a current one again."""
    assert not knowledge.country_references()["ATF"].historical


def test_every_current_state_has_a_region():
    missing = [r.code for r in knowledge.country_references().values() if not r.historical and r.region is None]
    assert missing == []


def test_the_file_agrees_with_the_installed_pycountry():
    """A pycountry upgrade (requirements.lock) must come with a regenerated file: sources/build_countries.py."""
    references = knowledge.country_references()
    assert knowledge.reference_sources() == {
        "countries": f"world-countries 5.1.0 + pycountry {metadata.version('pycountry')}"
    }
    for record in pycountry.countries:
        assert (references[record.alpha_3].alpha_2, references[record.alpha_3].iso_name) == (
            record.alpha_2,
            record.name,
        )


def test_every_code_the_resolvers_can_give_has_reference_data():
    """A code an alias or a demonym resolves to always has a countries row, so a build never lacks one from these."""
    codes = {alias.code for alias in aliases().values() if alias.code} | {code for code in demonyms().values() if code}
    assert codes - set(knowledge.country_references()) == set()


def test_only_codes_in_the_user_assigned_ranges_are_marked_user_assigned():
    marked = {code for code, reference in knowledge.country_references().items() if reference.is_user_assigned}
    assert marked == {"XKX"}


def test_a_flag_that_is_not_true_or_false_names_its_line(countries_copy):
    lines = countries_copy.read_text().splitlines()
    lines[1] = lines[1].replace(",false,false,", ",no,false,", 1)
    countries_copy.write_text("\n".join(lines) + "\n")
    with pytest.raises(
        knowledge.KnowledgeError, match=r"countries.csv:2: historical and is_user_assigned must be true or false"
    ):
        knowledge.country_references()


def test_a_code_twice_names_its_line(countries_copy):
    lines = countries_copy.read_text().splitlines()
    countries_copy.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(knowledge.KnowledgeError, match=r"countries.csv:282: ABW appears twice"):
        knowledge.country_references()
