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
    assert {(r["list_name"], r["as_of_year"], r["list_country_code"]) for r in rows} == {
        ("Automatic Firearms Country Control List", 2014, "CAN")
    }
    arms_control = documents[WIKI_CANADA].sections_matching(r"^Arms Control$")[0]
    assert {r["line"] for r in rows} == {
        p.line
        for p in documents[WIKI_CANADA].paragraphs
        if p.section == arms_control.index and "Control List" in p.text
    }
    codes = {r["country_name"]: r["country_code"] for r in rows}
    assert (
        codes["Albania"],
        codes["Czech Republic"],
        codes["Turkey"],
        codes["United Kingdom"],
        codes["United States"],
    ) == ("ALB", "CZE", "TUR", "GBR", "USA")
    assert all(codes.values()) and len(set(codes.values())) == 34
    assert not [i for i in results[WIKI_CANADA].extraction.issues if i.table_name == TABLE]


def sample(text: str):
    result = extract_document(raw_from_text(f"= Foreign relations of Australia =\n\n{text}\n"))
    return rows_of(result), [i for i in result.extraction.issues if i.table_name == TABLE]


def test_whose_list_and_an_unknown_name():
    rows, issues = sample(
        "The Export Control List as of March 2015 covers (Canada, Bosnia and Herzegovina, Narnia, Turkey and the "
        "United States)."
    )
    assert [(r["list_name"], r["list_country_code"], r["as_of_year"]) for r in rows][:1] == [
        ("Export Control List", "AUS", 2015)
    ]
    assert [(r["country_name"], r["country_code"]) for r in rows] == [
        ("Canada", "CAN"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Narnia", None),
        ("Turkey", "TUR"),
        ("United States", "USA"),
    ]
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
    assert [(r["country_name"], r["country_code"]) for r in rows] == [
        ("Bosnia and Herzegovina", "BIH"),
        ("Turkey", "TUR"),
        ("Greece", "GRC"),
    ]


# Any wording that puts countries on a named list --------------------------------------------------------------------


def listed(rows):
    return [(r["list_name"], r["country_code"], r["country_name"], r["as_of_year"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In March 2019, Australia added Fiji and Samoa to its Automatic Firearms Country Control List.",
            [
                ("Automatic Firearms Country Control List", "FJI", "Fiji", 2019),
                ("Automatic Firearms Country Control List", "WSM", "Samoa", 2019),
            ],
        ),
        (
            "Myanmar, which is the only country named on Australia's Area Control List, is under sanctions.",
            [("Area Control List", "MMR", "Myanmar", None)],
        ),
        (
            "The Area Control List includes Belarus and Myanmar.",
            [("Area Control List", "BLR", "Belarus", None), ("Area Control List", "MMR", "Myanmar", None)],
        ),
        (
            "Iran and Syria are also on the Brokering Control List.",
            [("Brokering Control List", "IRN", "Iran", None), ("Brokering Control List", "SYR", "Syria", None)],
        ),
        (
            "Since 2020 Belarus has been listed on the Area Control List.",
            [("Area Control List", "BLR", "Belarus", 2020)],
        ),
    ],
)
def test_a_list_word_puts_the_countries_in_its_slot_on_the_list(text, expected):
    rows, issues = sample(text)
    assert listed(rows) == expected and issues == []


def test_countries_in_bullets_under_a_lead_in_that_names_the_list():
    rows, issues = sample("The Area Control List names these countries:\n- Myanmar\n- Belarus.\n- Narnia")
    assert [(r["line"], r["country_code"], r["country_name"]) for r in rows] == [
        (4, "MMR", "Myanmar"),
        (5, "BLR", "Belarus"),
        (6, None, "Narnia"),
    ]
    assert [i.kind for i in issues] == ["unresolved_country"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 Australia removed Belarus from its Area Control List.",
        "Belarus is not on the Area Control List.",
        "Belarus was never added to the Area Control List.",
    ],
)
def test_a_country_taken_off_or_not_on_the_list_is_an_issue_not_a_row(text):
    rows, issues = sample(text)
    assert rows == [] and [i.kind for i in issues] == ["not_on_list"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Australia, like the United States, maintains an Export Control List.", []),  # no word puts one on it
        ("The Area Control List includes Belarus, and Australia imposes sanctions on Iran.", ["BLR"]),  # a new clause
        ("Australia's Area Control List is reviewed every year.", []),  # the owner is not on its list
    ],
)
def test_countries_outside_a_list_words_slot_are_not_listed(text, expected):
    rows, _ = sample(text)
    assert [r["country_code"] for r in rows] == expected


def test_the_only_country_on_a_list_is_on_it():
    text = (
        "= Canada and the Indo-Pacific =\n\nAs of 2025, North Korea is the only country on Canada's Area Control "
        "List under the Export and Import Permits Act.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["export_controls"]
    assert [(r["list_name"], r["country_code"], r["as_of_year"]) for r in rows] == [("Area Control List", "PRK", 2025)]
