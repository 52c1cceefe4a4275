"""agreements: the treaties list, and instruments named in prose with their dates and parties."""

import pytest

from pipeline.extract import extract_document
from pipeline.extract.agreements import instruments_in, kind_of, read_list_item
from tests.conftest import WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text


def agreements(results, source_id):
    return results[source_id].extraction.rows.get("agreements", [])


def by_name(rows, name):
    found = [r for r in rows if r["name"] == name]
    assert len(found) == 1, (name, [r["name"] for r in rows])
    return found[0]


def summary(row):
    return (row["kind"], row["date"], row["date_precision"])


def test_three_treaties_signed_in_canada(results):
    listed = [r for r in agreements(results, WIKI_CANADA) if r["signed_in_canada"]]
    assert [(r["name"], *summary(r)) for r in listed] == [
        ("Ottawa Treaty", "treaty", "1997", "year"),
        ("Montreal Protocol on Substances That Deplete the Ozone Layer", "protocol", "1987", "year"),
        ("Great Peace of Montreal", "treaty", "1701", "year"),
    ]
    ottawa = by_name(listed, "Ottawa Treaty")
    assert (ottawa["agreement_id"], ottawa["aliases"], ottawa["evidence"]) == ("ottawa-treaty", ["Mine Ban Treaty"], "Ottawa Treaty or Mine Ban Treaty (1997)")


def test_a_name_without_an_instrument_word_takes_its_kind_from_the_list_heading(results):
    peace = by_name(agreements(results, WIKI_CANADA), "Great Peace of Montreal")
    assert (peace["kind"], peace["kind_raw"]) == ("treaty", "treaties")


def test_instruments_named_in_wiki_prose(results):
    rows = agreements(results, WIKI_CANADA)
    covenant = by_name(rows, "International Covenant on Civil and Political Rights")
    assert (covenant["kind"], covenant["kind_raw"], covenant["date"], covenant["date_event"], covenant["parties"]) == ("other", "Covenant", "1976", "acceded", ["CAN"])
    assert summary(by_name(rows, "CARIBCAN agreement")) == ("agreement", "1986", "year")
    assert summary(by_name(rows, "agreement on Arctic Cooperation")) == ("agreement", "1988", "year")
    act = by_name(rows, "Arctic Waters Pollution Prevention Act")
    assert (act["kind"], act["date"], act["date_event"]) == ("act", "1970", "enacted")
    listed_lines = {r["line"] for r in rows if r["signed_in_canada"]}
    assert {r["signed_in_canada"] for r in rows if r["line"] not in listed_lines} == {None}  # prose does not say where


def test_an_unseen_instrument_word_is_other_with_a_quality_issue(results):
    kinds = [(i.line, i.kind) for i in results[WIKI_CANADA].extraction.issues if i.table_name == "agreements"]
    assert kinds == [(9, "unknown_agreement_kind")]


def test_instruments_named_on_the_united_states_page(results):
    rows = agreements(results, WEB_UNITED_STATES)
    roadmap = by_name(rows, "Roadmap for a Renewed U.S.-Canada Partnership")
    assert (*summary(roadmap), roadmap["date_event"], roadmap["parties"]) == ("roadmap", "2021-02-23", "day", "committed", ["CAN", "USA"])
    assert summary(by_name(rows, "Columbia River Treaty")) == ("treaty", None, None)
    assert summary(by_name(rows, "Paris Agreement")) == ("agreement", None, None)
    assert len([r for r in rows if r["kind"] == "roadmap"]) == 1  # 'The Roadmap establishes ...' refers back, it names nothing


def test_special_economic_measures_act_and_regulations(results):
    rows = agreements(results, WIKI_RUSSIA)
    assert [(r["name"], r["kind"], r["aliases"]) for r in rows] == [
        ("Special Economic Measures Act", "act", []),
        ("Special Economic Measures (Russia) Regulations", "regulation", ["SEMRR"]),
        ("Special Economic Measures (Ukraine) Regulations", "regulation", ["SEMUR"]),
        ("Freezing Assets of Corrupt Foreign Officials (Ukraine) Regulations", "regulation", ["FACFOUR"]),
    ]


def test_organizations_named_like_instruments_are_not_agreements(results):
    names = {r["name"] for source in results for r in agreements(results, source)}
    assert not {n for n in names if "Organization" in n or "Warsaw" in n or "North American Free Trade" in n}


def test_a_sentence_with_a_year_but_no_instrument_is_not_an_agreement(results):
    assert [r for r in agreements(results, WIKI_RUSSIA) if r["line"] == 23] == []  # 'In 1931, Canada imposed an embargo ...'
    text = "= Foreign relations of Canada =\n\nIn 1988, the two countries reached a compromise. A free trade agreement was discussed in 1990.\n"
    assert extract_document(raw_from_text(text)).extraction.rows.get("agreements", []) == []


def test_nearest_date_in_the_sentence_belongs_to_the_instrument():
    (first, second) = instruments_in("Canada signed the Alpha Treaty in 1950 and, in 1960, the Beta Convention.")
    assert (first.name, first.date.value, second.name, second.date.value) == ("Alpha Treaty", "1950", "Beta Convention", "1960")


@pytest.mark.parametrize(
    ("text", "name", "aliases", "date"),
    [
        ("Ottawa Treaty or Mine Ban Treaty (1997)", "Ottawa Treaty", ["Mine Ban Treaty"], "1997"),
        ("Special Economic Measures (Russia) Regulations (SEMRR)", "Special Economic Measures (Russia) Regulations", ["SEMRR"], None),
        ("Great Peace of Montreal (1701)", "Great Peace of Montreal", [], "1701"),
    ],
)
def test_read_list_item(text, name, aliases, date):
    item = read_list_item(text)
    assert (item.name, item.aliases, item.date.value if item.date else None) == (name, aliases, date)


@pytest.mark.parametrize(("word", "kind"), [("Treaty", "treaty"), ("treaties", "treaty"), ("Regulations", "regulation"), ("Protocol", "protocol"), ("Roadmap", "roadmap"), ("Covenant", "other"), (None, "other")])
def test_kind_of(word, kind):
    assert kind_of(word) == kind
