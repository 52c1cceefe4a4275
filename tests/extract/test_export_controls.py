"""export_controls: the countries of a named control list, from the sentence that gives them."""

import pytest

from pipeline.extract import export_controls, extract_document
from pipeline.resolve.countries import Country
from tests.conftest import WIKI_CANADA, raw_from_text

TABLE = "export_controls"

FIREARMS_LIST = [
    "Albania", "Australia", "Belgium", "Botswana", "Bulgaria", "Colombia", "Croatia", "Czech Republic", "Denmark",
    "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Latvia", "Lithuania",
    "Luxembourg", "Netherlands", "New Zealand", "Norway", "Poland", "Portugal", "Romania", "Saudi Arabia",
    "Slovakia", "Slovenia", "Spain", "Sweden", "Turkey", "United Kingdom", "United States",
]  # fmt: skip


def rows_of(result) -> list[dict]:
    return result.extraction.rows.get(TABLE, [])


def test_the_automatic_firearms_country_control_list(results, documents):
    rows = rows_of(results[WIKI_CANADA])
    assert [r["country_name"] for r in rows] == FIREARMS_LIST
    assert {(r["list_name"], r["as_of_year"], r["list_country_code"]) for r in rows} == {("Automatic Firearms Country Control List", 2014, "CAN")}
    arms_control = documents[WIKI_CANADA].sections_matching(r"^Arms Control$")[0]
    assert {r["line"] for r in rows} == {p.line for p in documents[WIKI_CANADA].paragraphs if p.section == arms_control.index and "Control List" in p.text}
    codes = {r["country_name"]: r["country_code"] for r in rows}
    assert (codes["Albania"], codes["Czech Republic"], codes["Turkey"], codes["United Kingdom"], codes["United States"]) == ("ALB", "CZE", "TUR", "GBR", "USA")
    assert all(codes.values()) and len(set(codes.values())) == 34
    assert not [i for i in results[WIKI_CANADA].extraction.issues if i.table_name == TABLE]


def sample(text: str):
    result = extract_document(raw_from_text(f"= Foreign relations of Australia =\n\n{text}\n"))
    return rows_of(result), [i for i in result.extraction.issues if i.table_name == TABLE]


def test_whose_list_and_an_unknown_name():
    rows, issues = sample("The Export Control List as of March 2015 covers (Canada, Bosnia and Herzegovina, Narnia, Turkey and the United States).")
    assert [(r["list_name"], r["list_country_code"], r["as_of_year"]) for r in rows][:1] == [("Export Control List", "AUS", 2015)]
    assert [(r["country_name"], r["country_code"]) for r in rows] == [("Canada", "CAN"), ("Bosnia and Herzegovina", "BIH"), ("Narnia", None), ("Turkey", "TUR"), ("United States", "USA")]
    assert [(i.kind, "Narnia" in i.detail) for i in issues] == [("unresolved_country", True)]


@pytest.mark.parametrize(
    "text",
    [
        "The Area Control List (ACL) names places, not a list of countries.",
        "Canada exports to many countries (France, Germany and Italy) without a named list.",
    ],
)
def test_not_a_country_control_list(text):
    assert sample(text) == ([], [])


def test_no_year_stays_null():
    rows, _ = sample("The Automatic Firearms Country Control List includes (France, Italy).")
    assert [(r["country_code"], r["as_of_year"]) for r in rows] == [("FRA", None), ("ITA", None)]


def test_an_as_of_year_before_the_list_name_counts_too():
    rows, _ = sample("As of 2014, the Automatic Firearms Country Control List includes (France, Italy).")
    assert [(r["list_name"], r["as_of_year"]) for r in rows] == [("Automatic Firearms Country Control List", 2014)] * 2


def test_a_name_that_resolves_whole_is_never_split(monkeypatch):
    real = export_controls.resolve_country
    parts = {"Bosnia": Country("XBO", "Bosnia"), "Herzegovina": Country("XHE", "Herzegovina")}
    monkeypatch.setattr(export_controls, "resolve_country", lambda name: parts.get(name) or real(name))
    rows, _ = sample("The Export Control List includes (Bosnia and Herzegovina, Turkey and Greece).")
    assert [(r["country_name"], r["country_code"]) for r in rows] == [("Bosnia and Herzegovina", "BIH"), ("Turkey", "TUR"), ("Greece", "GRC")]
