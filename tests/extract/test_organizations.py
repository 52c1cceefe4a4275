"""organizations: the registry as data, mentions and aliases seen in the texts, headquarters in Canada."""

import pytest

from pipeline.extract.organization_lists import read_listed_organization
from pipeline.knowledge import organization_rows
from pipeline.resolve.organizations import find_organizations, lookup, org_id_for, registry


def test_registry_ids_follow_the_rule_and_spellings_are_unambiguous():
    rows = organization_rows()
    assert len({r["org_id"] for r in rows}) == len(rows)
    for organization in registry().values():
        assert organization.org_id == org_id_for(organization.name, organization.acronym)
    assert lookup("G7").org_id == lookup("Group of Seven").org_id == "g7"


@pytest.mark.parametrize(
    "text, org_id, qualifier, aliases",
    [
        ("Group of Seven (G7) –", "g7", None, ()),
        (
            "International Bank for Reconstruction and Development (IBRD) (also known as the World Bank)",
            "ibrd",
            None,
            ("World Bank",),
        ),
        (
            "Organisation internationale de la Francophonie, International Organisation of La Francophonie (OIF)",
            "oif",
            None,
            (),
        ),
        ("Interpol (organization) (Interpol)", "interpol", None, ()),
        ("Association of Caribbean States (ACS) (observer and partner)", "acs", "observer and partner", ()),
        ("MINUSTAH (United Nations Stabilization Mission in Haiti)", "minustah", None, ()),
    ],
)
def test_list_items_resolve_to_registry_ids(text, org_id, qualifier, aliases):
    listed = read_listed_organization(text)
    assert (listed.org_id, listed.qualifier, listed.aliases) == (org_id, qualifier, aliases)


def test_mentions_are_case_sensitive_and_longest_first():
    found = find_organizations("commonwealth realms of the World Bank Group, not the Commonwealth")
    assert [(m.org_id, m.text) for m in found] == [
        ("world-bank-group", "World Bank Group"),
        ("commonwealth-of-nations", "the Commonwealth"),
    ]


def test_headquartered_in_canada_from_the_article_list(tables):
    organizations = tables["organizations"].set_index("org_id")
    headquartered = set(organizations.index[organizations.headquartered_in_canada.astype(bool)])
    assert headquartered == {"iata", "icao", "nafo", "npafc", "united-nations-association-in-canada"}


def test_aliases_are_the_other_spellings_seen(tables):
    organizations = tables["organizations"].set_index("org_id")
    assert "International Organisation of La Francophonie" in organizations.loc["oif", "aliases"]
    assert "World Bank" in organizations.loc["ibrd", "aliases"]
    assert "North American Aerospace Defence Command" in organizations.loc["norad", "aliases"]
    assert organizations.loc["g7", "aliases"] == []
    assert organizations.loc["g7", "name"] == "Group of Seven" and organizations.loc["g7", "acronym"] == "G7"
    # the one organization the registry lacks is the bilateral commission both countries take part in (seed
    # 'canada-russia-relations', 'the Canada-Russia Intergovernmental Economic Commission (IEC)'): a row, not dropped
    assert set(organizations.index[~organizations.in_registry.astype(bool)]) == {"iec"}


def test_a_long_acronym_said_as_a_word_matches_in_title_case():
    found = find_organizations("Norway has associate status in Mercosur and works with Unesco; the Nato summit")
    assert [(m.org_id, m.text) for m in found] == [("mercosur", "Mercosur"), ("unesco", "Unesco")]  # 'Nato': too short


def test_no_title_case_acronym_is_an_english_word():
    """An acronym matched in title case ('Unesco') must not be a word ('Care'): lemminflect's lexicon, which ships in
    its wheel, is the word list, so the check runs on every machine."""
    from pipeline.extract.inflection import lemmas

    def english(word: str) -> bool:
        return bool(lemmas(word.lower()))

    assert english("Care") and english("Aid") and not english("Unesco")  # the list tells words from acronyms
    assert not [o.acronym_as_word for o in registry().values() if o.acronym_as_word and english(o.acronym_as_word)]


@pytest.mark.parametrize(
    "text, org_id, qualifiers",
    [
        ("Pacific Alliance (founder)", "pacific-alliance", ("founder",)),
        ("Widget Forum (WF) (founding member, 2019)", "wf", ("founding member, 2019",)),
        ("Southern Common Market – since 1994", "mercosur", ("since 1994",)),
        ("Andean Community (CAN) (withdrew in 1976)", "andean-community", ("withdrew in 1976",)),
    ],
)
def test_every_parenthesis_that_names_nothing_is_a_qualifier(text, org_id, qualifiers):
    listed = read_listed_organization(text)
    assert (listed.org_id, listed.qualifiers) == (org_id, qualifiers)
