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
    assert (ottawa["agreement_id"], ottawa["aliases"], ottawa["evidence"]) == (
        "ottawa-treaty",
        ["Mine Ban Treaty"],
        "Ottawa Treaty or Mine Ban Treaty (1997)",
    )


def test_a_name_without_an_instrument_word_takes_its_kind_from_the_list_heading(results):
    peace = by_name(agreements(results, WIKI_CANADA), "Great Peace of Montreal")
    assert (peace["kind"], peace["kind_raw"]) == ("treaty", "treaties")


def test_instruments_named_in_wiki_prose(results):
    rows = agreements(results, WIKI_CANADA)
    covenant = by_name(rows, "International Covenant on Civil and Political Rights")
    assert (covenant["kind"], covenant["kind_raw"], covenant["date"], covenant["date_event"], covenant["parties"]) == (
        "other",
        "Covenant",
        "1976",
        "acceded",
        ["CAN"],
    )
    assert summary(by_name(rows, "CARIBCAN agreement")) == ("agreement", "1986", "year")
    assert summary(by_name(rows, "agreement on Arctic Cooperation")) == ("agreement", "1988", "year")
    act = by_name(rows, "Arctic Waters Pollution Prevention Act")
    assert (act["kind"], act["date"], act["date_event"]) == ("act", "1970", "enacted")
    listed_lines = {r["line"] for r in rows if r["signed_in_canada"]}
    assert {r["signed_in_canada"] for r in rows if r["line"] not in listed_lines} == {None}  # prose does not say where


def test_an_unseen_instrument_word_is_other_with_a_quality_issue(results):
    kinds = [(i.line, i.kind) for i in results[WIKI_CANADA].extraction.issues if i.table_name == "agreements"]
    # the Covenant (line 9) and the Universal Declaration of Human Rights (lines 5 and 46): words outside the vocabulary
    assert kinds == [(5, "unknown_agreement_kind"), (9, "unknown_agreement_kind"), (46, "unknown_agreement_kind")]


def test_instruments_named_on_the_united_states_page(results):
    rows = agreements(results, WEB_UNITED_STATES)
    roadmap = by_name(rows, "Roadmap for a Renewed U.S.-Canada Partnership")
    assert (*summary(roadmap), roadmap["date_event"], roadmap["parties"]) == (
        "roadmap",
        "2021-02-23",
        "day",
        "committed",
        ["CAN", "USA"],
    )
    assert summary(by_name(rows, "Columbia River Treaty")) == ("treaty", None, None)
    assert summary(by_name(rows, "Paris Agreement")) == ("agreement", None, None)
    assert (
        len([r for r in rows if r["kind"] == "roadmap"]) == 1
    )  # 'The Roadmap establishes ...' refers back, it names nothing


def test_special_economic_measures_act_and_regulations(results):
    rows = agreements(results, WIKI_RUSSIA)
    assert [(r["name"], r["kind"], r["aliases"]) for r in rows] == [
        ("Warsaw Pact", "other", []),  # a pact and the organization it set up: both tables
        ("Special Economic Measures Act", "act", []),
        ("Special Economic Measures (Russia) Regulations", "regulation", ["SEMRR"]),
        ("Special Economic Measures (Ukraine) Regulations", "regulation", ["SEMUR"]),
        ("Freezing Assets of Corrupt Foreign Officials (Ukraine) Regulations", "regulation", ["FACFOUR"]),
    ]


def test_organizations_named_like_instruments_are_not_agreements_but_registry_treaties_are(results):
    names = {r["name"] for source in results for r in agreements(results, source)}
    assert not {n for n in names if "Organization" in n}  # 'North Atlantic Treaty Organization'
    # a trade agreement or a pact the registry also holds is an instrument as well as an organization
    assert {"North American Free Trade Agreement", "Warsaw Pact"} <= names


def test_a_sentence_with_a_year_but_no_instrument_is_not_an_agreement(results):
    assert [
        r for r in agreements(results, WIKI_RUSSIA) if r["line"] == 23
    ] == []  # 'In 1931, Canada imposed an embargo ...'
    text = (
        "= Foreign relations of Canada =\n\nIn 1988, the two countries reached a compromise. A free trade agreement "
        "was discussed in 1990.\n"
    )
    assert extract_document(raw_from_text(text)).extraction.rows.get("agreements", []) == []


def test_nearest_date_in_the_sentence_belongs_to_the_instrument():
    (first, second) = instruments_in("Canada signed the Alpha Treaty in 1950 and, in 1960, the Beta Convention.")
    assert (first.name, first.date.value, second.name, second.date.value) == (
        "Alpha Treaty",
        "1950",
        "Beta Convention",
        "1960",
    )


@pytest.mark.parametrize(
    ("text", "name", "aliases", "date"),
    [
        ("Ottawa Treaty or Mine Ban Treaty (1997)", "Ottawa Treaty", ["Mine Ban Treaty"], "1997"),
        (
            "Special Economic Measures (Russia) Regulations (SEMRR)",
            "Special Economic Measures (Russia) Regulations",
            ["SEMRR"],
            None,
        ),
        ("Great Peace of Montreal (1701)", "Great Peace of Montreal", [], "1701"),
    ],
)
def test_read_list_item(text, name, aliases, date):
    item = read_list_item(text)
    assert (item.name, item.aliases, item.date.value if item.date else None) == (name, aliases, date)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Treaty", "treaty"),
        ("treaties", "treaty"),
        ("Regulations", "regulation"),
        ("Protocol", "protocol"),
        ("Roadmap", "roadmap"),
        ("Covenant", "other"),
        (None, "other"),
    ],
)
def test_kind_of(word, kind):
    assert kind_of(word) == kind


def read(text):
    return [
        (i.name, kind_of(i.kind_raw), i.date.value if i.date else None, i.date.precision if i.date else None)
        for i in instruments_in(text)
    ]


def test_a_name_before_a_lower_case_instrument_word_is_an_instrument():
    (instrument,) = instruments_in(
        "Trade grew, and Chile and Peru signed the Pacific Harvest Partnership free-trade agreement in 1994."
    )
    assert (instrument.name, kind_of(instrument.kind_raw), instrument.date.value, instrument.parties) == (
        "Pacific Harvest Partnership free-trade agreement",
        "agreement",
        "1994",
        ["CHL", "PER"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Canada–Mexico trade agreement was signed in 1992.",  # countries only: a description
        "Canada's free trade agreement with Chile entered into force in 1997.",
        "The European Union trade agreement was signed in 2016.",  # an organization only
        "In March 2022 trade agreement talks resumed.",  # a date, not a name
        "Both sides signed a security agreement in 2024.",
    ],
)
def test_descriptions_that_name_no_instrument(text):
    assert instruments_in(text) == []


def test_an_acronym_given_to_an_instrument_and_renewed_is_a_new_instrument():
    text = (
        "= Canada–Norway relations =\n\nThe Northern Fisheries Agreement (NFA) was signed in May 2001. "
        "An updated NFA, signed on 4 June 2019, entered into force in 2020. A revised NFA is under discussion. A new "
        "XKQ was signed in 2021.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["agreements"]
    assert [(r["name"], r["kind"], r["date"], r["date_precision"]) for r in rows] == [
        ("Northern Fisheries Agreement", "agreement", "2001-05", "month"),
        ("updated NFA", "agreement", "2019-06-04", "day"),
    ]


def test_a_name_stops_before_the_date_written_after_it():
    assert read("It is bound by the Convention on Coastal Fisheries of June 5, 1990, and by later rules.") == [
        ("Convention on Coastal Fisheries", "convention", "1990-06-05", "day")
    ]
    assert read("Parliament approved the Northern Partnership Agreement on July 2, 2019, in a single vote.") == [
        ("Northern Partnership Agreement", "agreement", "2019-07-02", "day")
    ]


def test_two_names_joined_by_and_the_are_two_instruments():
    assert [
        name for name, *_ in read("Sanctions rest on the Arctic Shipping Act and the Coastal Waters Protection Act.")
    ] == ["Arctic Shipping Act", "Coastal Waters Protection Act"]
    assert [name for name, *_ in read("It ratified TPX and the Northern Partnership Agreement.")] == [
        "Northern Partnership Agreement"
    ]


def test_an_instrument_under_negotiation_has_no_date():
    assert read("Talks on a Comprehensive Maritime Agreement (CMA), relaunched in March 2021, stalled.") == [
        ("Comprehensive Maritime Agreement", "agreement", None, None)
    ]


def test_a_date_that_bounds_a_period_is_not_the_instruments():
    text = "On 3 March 2021, in Oslo, the ministers signed the Agreement on Energy Cooperation, with funding for 2022."
    assert read(text) == [("Agreement on Energy Cooperation", "agreement", "2021-03-03", "day")]


def test_the_last_instrument_word_of_a_name_gives_its_kind():
    assert read("In 1982 it passed the Charter of Rights Implementation Act.") == [
        ("Charter of Rights Implementation Act", "act", "1982", "year")
    ]


def test_an_instrument_word_with_a_lower_case_subject():
    assert read("Canada led the 2001 Convention in Geneva on the protection of migratory whales and seals.") == [
        ("Convention in Geneva on the protection of migratory whales and seals", "convention", "2001", "year")
    ]
    assert (
        read("The Agreement between the two countries was signed in 2001. Agreement on the matter was reached.") == []
    )


@pytest.mark.parametrize(("place", "signed_in_canada"), [("Canada", True), ("Norway", False), ("Tromsø", None)])
def test_where_an_instrument_was_signed_when_the_place_is_a_country(place, signed_in_canada):
    (instrument,) = instruments_in(
        f"The Agreement on Polar Research, signed in {place} on 1 May 2020, took effect in 2021."
    )
    assert (instrument.signed_in_canada, instrument.date.value) == (signed_in_canada, "2020-05-01")


def test_a_renewed_acronym_inside_a_named_instrument_is_not_read_twice():
    known = {"TPX": "Agreement"}
    names = [i.name for i in instruments_in("An upgraded TPX protocol was signed in 2024.", None, known)]
    assert names == ["TPX protocol"]


def test_an_instrument_said_to_be_under_negotiation_after_its_name_has_no_date():
    assert read("A Northern Economic Partnership Agreement was under negotiation from 2012 to 2017.") == [
        ("Northern Economic Partnership Agreement", "agreement", None, None)
    ]


def test_an_acronym_the_document_gave_an_instrument_restates_it_when_a_verb_acts_on_it():
    text = (
        "= Canada–Norway relations =\n\nThe Northern Fisheries Agreement (NFA) was signed in May 2001.\n\n"
        "Norway ratified NFA in 2003.\n\nIn the first years of NFA, catches rose. Canada ratified XKQ in 2004.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["agreements"]
    assert [(r["line"], r["name"], r["kind"], r["date"]) for r in rows] == [
        (3, "Northern Fisheries Agreement", "agreement", "2001-05"),
        (5, "NFA", "agreement", "2003"),
    ]


def test_a_name_that_lists_its_subjects_with_commas_is_read_whole():
    text = (
        "In 1990 Norway passed the Coastal Zone, Fisheries, and Ocean Dumping Act; Sweden answered with the Baltic Act."
    )
    assert [(i.name, i.date.value, i.date_event) for i in instruments_in(text)] == [
        ("Coastal Zone, Fisheries, and Ocean Dumping Act", "1990", "passed"),
        ("Baltic Act", "1990", None),
    ]


def test_and_the_inside_a_formal_name_joins_no_names():
    text = (
        "In 2019 they signed the Agreement between the Government of Canada and the Government of Norway on Polar "
        "Research."
    )
    assert read(text) == [
        (
            "Agreement between the Government of Canada and the Government of Norway on Polar Research",
            "agreement",
            "2019",
            "year",
        )
    ]


# --- generalization: registry-held instruments, more instrument words, dates and events by clause ----------------


def _instruments(text):
    return [(i.name, kind_of(i.kind_raw), i.date.value if i.date else None, i.date_event) for i in instruments_in(text)]


def test_a_trade_agreement_the_registry_holds_is_an_agreement_and_its_parties_members():
    text = (
        "= Canada–Norway relations =\n\nBoth countries are parties to the Comprehensive and Progressive Agreement "
        "for Trans-Pacific Partnership (CPTPP).\n"
    )
    result = extract_document(raw_from_text(text, "canada-norway-relations.txt")).extraction
    (agreement,) = result.rows["agreements"]
    assert (agreement["name"], agreement["kind"], agreement["aliases"]) == (
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        "agreement",
        ["CPTPP"],
    )
    members = {(r["country_code"], r["org_id"]) for r in result.rows["memberships"]}
    assert members == {("CAN", "cptpp"), ("NOR", "cptpp")}


def test_a_plan_declaration_or_framework_is_an_instrument_and_an_apposition_gives_its_kind():
    assert _instruments("They adopted the Canada-Norway Action Plan 2024-2027, a roadmap for trade.") == [
        ("Canada-Norway Action Plan 2024-2027", "roadmap", None, None)
    ]
    assert _instruments("The ministers signed a Joint Declaration of Intent on hydrogen.")[0][:2] == (
        "Joint Declaration of Intent",
        "other",
    )
    assert _instruments("The Framework for Economic Cooperation guides trade.")[0][:2] == (
        "Framework for Economic Cooperation",
        "other",
    )


@pytest.mark.parametrize(
    "text", ["Aid flows through the Colombo Plan.", "Canada has a plan to build roads.", "The Plan was discussed."]
)
def test_an_organization_or_a_bare_plan_is_no_instrument(text):
    assert instruments_in(text) == []


def test_a_later_precise_date_in_the_clause_refines_the_year_attached_to_a_name():
    text = "The Treaty of Friendship of 1984, signed in Oslo on 29 November 1984, ended the quarrel."
    assert _instruments(text) == [("Treaty of Friendship", "treaty", "1984-11-29", "signed")]


def test_an_event_verb_in_another_clause_is_not_the_instruments():
    text = "Canada is committed to peace, and is known for its role in the 1997 Convention on cluster munitions."
    assert _instruments(text) == [("Convention on cluster munitions", "convention", "1997", None)]


def test_postmodifiers_may_stand_between_the_instrument_word_and_its_subject():
    text = "They signed the 1999 Convention between Canada and Norway on the conservation of salmon stocks."
    (name, kind, date, _) = _instruments(text)[0]
    subject = "Convention between Canada and Norway on the conservation of salmon stocks"
    assert (name, kind, date) == (subject, "convention", "1999")


def test_a_framework_is_an_instrument_only_with_what_it_frames():
    assert instruments_in("Canada released its Northern Policy Framework in 2019.") == []


def test_another_name_in_parentheses_ends_the_name_and_becomes_an_alias():
    text = "They signed the Declaration on Widget Fishing (Oslo Declaration) on Parliament Hill."
    (instrument,) = instruments_in(text)
    assert (instrument.name, instrument.aliases) == ("Declaration on Widget Fishing", ["Oslo Declaration"])


def test_plural_instrument_names_and_names_joined_by_relating_to():
    text = (
        "= Foreign relations of Norway =\n\nNorway's diplomats helped bring about the Oslo Accords, the first of which "
        "was signed on 13 September 1993. It completes the Agreement relating to the Delimitation of the Continental "
        "Shelf between Greenland and Canada, signed on December 17, 1973.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["agreements"]
    assert sorted((r["name"], r["kind"], r["date"]) for r in rows) == [
        (
            "Agreement relating to the Delimitation of the Continental Shelf between Greenland and Canada",
            "agreement",
            "1973-12-17",
        ),
        ("Oslo Accords", "other", "1993-09-13"),
    ]
