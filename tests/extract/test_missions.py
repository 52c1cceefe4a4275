"""missions: infobox entries, the 'Mission of Canada' table and sentences that list places, one row per place."""

import pytest

from pipeline.extract import extract_document
from pipeline.extract.missions import mission_type
from tests.conftest import FACT_SHEET, WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text

TWELVE_CITIES = [
    "Atlanta",
    "Boston",
    "Chicago",
    "Dallas",
    "Denver",
    "Detroit",
    "Los Angeles",
    "Miami",
    "Minneapolis",
    "New York",
    "San Francisco",
    "Seattle",
]


def missions(results, source_id):
    return results[source_id].extraction.rows.get("missions", [])


def issues(result, kind=None):
    return [i for i in result.extraction.issues if i.table_name == "missions" and (kind is None or i.kind == kind)]


def one(rows, **wanted):
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_one_sentence_listing_twelve_consulates_general_gives_twelve_rows(results):
    consulates = [
        r
        for r in missions(results, WEB_UNITED_STATES)
        if r["mission_type"] == "consulate general" and r["sending_country_code"] == "CAN"
    ]
    assert [r["city"] for r in consulates] == TWELVE_CITIES
    assert {r["host_country_code"] for r in consulates} == {"USA"}
    assert {r["mission_type_raw"] for r in consulates} == {"consulates general"}
    assert len({r["line"] for r in consulates}) == 1
    assert all("consulates general in Atlanta, Boston" in r["evidence"] for r in consulates)


def test_embassies_in_washington_and_ottawa(results):
    rows = missions(results, WEB_UNITED_STATES)
    washington = one(rows, mission_type="embassy", sending_country_code="CAN")
    assert (washington["city"], washington["host_country_code"], washington["accredited_to"]) == (
        "Washington, D.C.",
        "USA",
        None,
    )
    ottawa = one(rows, mission_type="embassy", sending_country_code="USA")
    assert (ottawa["city"], ottawa["host_country_code"]) == ("Ottawa", "CAN")
    assert (
        ottawa["evidence"] == "The United States maintains an embassy in Ottawa and consulates general across Canada."
    )


def test_consulates_general_across_a_country_name_the_host_but_no_city(results):
    row = one(missions(results, WEB_UNITED_STATES), mission_type="consulate general", sending_country_code="USA")
    assert (row["city"], row["host_country_code"]) == (None, "CAN")
    assert [i.line for i in issues(results[WEB_UNITED_STATES], "missing_city")] == [row["line"]]


def test_russia_infobox_missions_take_the_host_from_the_title(results):
    rows = missions(results, WIKI_RUSSIA)
    moscow = one(rows, line=5)
    assert (moscow["sending_country_code"], moscow["host_country_code"], moscow["city"], moscow["mission_type"]) == (
        "CAN",
        "RUS",
        "Moscow",
        "embassy",
    )
    assert moscow["evidence"] == "Mission1: Canadian Embassy, Moscow"
    ottawa = one(rows, line=6)
    assert (ottawa["sending_country_code"], ottawa["host_country_code"], ottawa["city"], ottawa["mission_type"]) == (
        "RUS",
        "CAN",
        "Ottawa",
        "embassy",
    )


def test_russia_prose_missions(results):
    prose = [r for r in missions(results, WIKI_RUSSIA) if r["line"] > 10]
    vladivostok = one(prose, city="Vladivostok")
    assert (vladivostok["sending_country_code"], vladivostok["host_country_code"], vladivostok["mission_type"]) == (
        "CAN",
        "RUS",
        "honorary consulate",
    )
    russian = {(r["city"], r["mission_type"]) for r in prose if r["sending_country_code"] == "RUS"}
    assert russian == {
        ("Ottawa", "embassy"),
        ("Toronto", "consulate general"),
        ("Montreal", "consulate general"),
        ("Vancouver", "honorary consulate"),
    }
    assert {r["host_country_code"] for r in prose if r["sending_country_code"] == "RUS"} == {"CAN"}
    assert one(prose, city="Toronto")["mission_type_raw"] == "consulates-general"


def test_relations_with_international_groups_table_gives_one_row_per_body_and_city(results):
    rows = [r for r in missions(results, WIKI_CANADA) if r["accredited_to"]]
    assert {(r["accredited_to"], r["city"]) for r in rows} == {
        ("nato", "Brussels"),
        ("oas", "Washington, D.C."),
        ("un", "New York"),
        ("un", "Geneva"),
        ("un", "Nairobi"),
        ("unesco", "Paris"),
        ("fao", "Rome"),
        ("icao", "Montreal"),
    }
    assert {r["sending_country_code"] for r in rows} == {"CAN"}
    assert {r["mission_type"] for r in rows} == {"permanent mission"}
    assert {r["mission_type_raw"] for r in rows} == {"Mission"}
    assert all(r["evidence"].startswith("| |") for r in rows)


def test_a_city_alone_does_not_name_the_host(results):
    rows = [r for r in missions(results, WIKI_CANADA) if r["accredited_to"]]
    assert {r["host_country_code"] for r in rows} == {None}
    unresolved = issues(results[WIKI_CANADA], "unresolved_country")
    assert sorted(i.line for i in unresolved) == sorted(r["line"] for r in rows)


def test_permanent_mission_to_the_oas(results):
    row = one(missions(results, WEB_AMERICAS), accredited_to="oas")
    assert (row["sending_country_code"], row["mission_type"], row["city"], row["host_country_code"]) == (
        "CAN",
        "permanent mission",
        None,
        None,
    )


def test_fact_sheet_states_no_missions(results):
    assert missions(results, FACT_SHEET) == []


def test_mission_of_a_country_named_after_the_word():
    text = "= Canada–Ukraine relations =\n\nThe Embassy of Ukraine in Ottawa opened in 1992.\n"
    (row,) = extract_document(raw_from_text(text)).extraction.rows["missions"]
    assert (row["sending_country_code"], row["host_country_code"], row["city"]) == ("UKR", "CAN", "Ottawa")


def test_a_city_alone_in_a_single_country_document_leaves_the_host_null():
    text = "= Foreign relations of Canada =\n\nCanada has an embassy in Paris.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["missions"]
    assert (row["sending_country_code"], row["host_country_code"], row["city"]) == ("CAN", None, "Paris")
    assert [i.kind for i in issues(result)] == ["unresolved_country"]


def test_an_unseen_mission_word_publishes_as_other_with_the_words_kept():
    text = "= Canada–Taiwan relations =\n\nInfobox\n- Mission1: Canadian Representative Office, Taipei\n\nText.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["missions"]
    assert (
        row["mission_type"],
        row["mission_type_raw"],
        row["sending_country_code"],
        row["host_country_code"],
        row["city"],
    ) == ("other", "Canadian Representative Office", "CAN", "TWN", "Taipei")
    assert [i.kind for i in issues(result)] == ["unknown_mission_type"]


def test_a_mission_word_without_a_place_is_a_reference_not_a_statement():
    text = "= Canada–Russia relations =\n\nThe embassy was closed for a week.\n"
    assert extract_document(raw_from_text(text)).extraction.rows.get("missions", []) == []


@pytest.mark.parametrize(
    ("words", "accredited", "expected"),
    [
        ("Embassy", False, "embassy"),
        ("consulates-general", False, "consulate general"),
        ("Consulate General", False, "consulate general"),
        ("Honorary Consulate", False, "honorary consulate"),
        ("High Commission", False, "high commission"),
        ("Permanent Mission", True, "permanent mission"),
        ("Mission", True, "permanent mission"),
        ("Mission", False, "other"),
        ("Trade Office", False, "other"),
    ],
)
def test_mission_type_vocabulary(words, accredited, expected):
    assert mission_type(words, accredited) == expected


# --- phenomena read from short texts written for the tests ----------------------------------------------


def rows_of(text: str) -> list[dict]:
    return extract_document(raw_from_text(text)).extraction.rows.get("missions", [])


def cities(rows, **wanted) -> dict:
    return {r["city"]: r for r in rows if all(r[k] == v for k, v in wanted.items())}


def test_infobox_entries_pair_by_number_wherever_they_stand_and_either_country_comes_first():
    text = (
        "= Canada–Norway relations =\n\nInfobox\n"
        "- Envoytitle2: Ambassador of Canada to Norway\n- Mission2: Embassy of Canada, Oslo\n"
        "- Mission1: Royal Norwegian Embassy, Ottawa\n- Envoy2: Ann Example\n\nText.\n"
    )
    rows = rows_of(text)
    assert {
        (r["line"], r["sending_country_code"], r["host_country_code"], r["city"], r["mission_type"]) for r in rows
    } == {
        (5, "CAN", "NOR", "Oslo", "embassy"),
        (6, "NOR", "CAN", "Ottawa", "embassy"),
    }


def test_a_lost_template_leaves_the_city_and_the_other_side_gives_the_countries_and_the_title_the_type():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Mission1: , Ottawa ()\n- Mission2: Embassy of Canada, Lima\n"
        "- Envoytitle1: Ambassador\n- Envoy1: Vacant\n\nText.\n"
    )
    result = extract_document(raw_from_text(text))
    ottawa = one(result.extraction.rows["missions"], line=4)
    assert (
        ottawa["sending_country_code"],
        ottawa["host_country_code"],
        ottawa["city"],
        ottawa["mission_type"],
        ottawa["mission_type_raw"],
    ) == ("PER", "CAN", "Ottawa", "embassy", None)
    assert [i.kind for i in issues(result) if i.line == 4] == ["mission_type_from_title"]


def test_a_comma_between_the_mission_word_and_its_places():
    rows = rows_of(
        "= Canada–Chile relations =\n\nChile has four consulates-general, in Calgary, Montreal, "
        "Toronto and Vancouver.\n"
    )
    assert sorted(cities(rows)) == ["Calgary", "Montreal", "Toronto", "Vancouver"]
    assert {(r["sending_country_code"], r["host_country_code"], r["mission_type"]) for r in rows} == {
        ("CHL", "CAN", "consulate general")
    }


def test_a_region_or_country_after_a_city_names_its_country_and_is_not_a_city():
    rows = rows_of(
        "= Canada and the North =\n\nThe plan would open new consulates in Juneau, Alaska, and in "
        "Ilulissat, Greenland.\n"
    )
    found = cities(rows)
    assert sorted(found) == ["Ilulissat", "Juneau"]
    assert (found["Juneau"]["host_country_code"], found["Ilulissat"]["host_country_code"]) == ("USA", "GRL")


def test_cities_and_their_regions_alternating():
    rows = rows_of("= Canada–Brazil relations =\n\nBrazil has consulates in Toronto, Ontario and Montreal, Quebec.\n")
    assert sorted(cities(rows)) == ["Montreal", "Toronto"]
    assert {r["host_country_code"] for r in rows} == {"CAN"}


def test_cities_named_like_regions_of_different_countries_stay_cities():
    rows = rows_of("= Foreign relations of Norway =\n\nNorway has embassies in Rome, Tokyo, Lima and Berlin.\n")
    assert sorted(cities(rows)) == ["Berlin", "Lima", "Rome", "Tokyo"]
    assert {r["host_country_code"] for r in rows} == {None}


def test_a_country_listed_among_cities_is_a_city_state():
    rows = rows_of("= Canada–China relations =\n\nCanada has consulates general in Shenyang, Hong Kong and Wuhan.\n")
    found = cities(rows)
    assert sorted(found) == ["Hong Kong", "Shenyang", "Wuhan"]
    assert (found["Shenyang"]["host_country_code"], found["Wuhan"]["host_country_code"]) == ("CHN", "CHN")
    assert found["Hong Kong"]["host_country_code"] == "HKG"


def test_a_country_alone_names_the_host_without_a_city():
    (row,) = rows_of("= Foreign relations of Iceland =\n\nIceland has an embassy in France.\n")
    assert (row["sending_country_code"], row["host_country_code"], row["city"]) == ("ISL", "FRA", None)


def test_several_countries_without_cities_give_one_row_and_name_the_hosts_in_an_issue():
    result = extract_document(
        raw_from_text("= Foreign relations of Iceland =\n\nIceland has embassies in France and Germany.\n")
    )
    (row,) = result.extraction.rows["missions"]
    assert (row["host_country_code"], row["city"]) == (None, None)
    assert [i.detail for i in issues(result, "several_hosts")] == [
        "embassy stated in FRA, DEU without cities: one row, host left null"
    ]


def test_place_phrases_chained_past_opening_dates_and_a_date_is_not_a_city():
    text = (
        "= Canada–Poland relations =\n\n"
        "Poland is represented in Canada by its embassy in Ottawa, and by consulates general in "
        "Toronto, opened in 1990, "
        "and in Vancouver, opened in 2001.\n\nThe Embassy of Canada to Poland, in Warsaw, opened in March 1992.\n"
    )
    rows = rows_of(text)
    polish = {(r["city"], r["mission_type"]) for r in rows if r["sending_country_code"] == "POL"}
    assert polish == {("Ottawa", "embassy"), ("Toronto", "consulate general"), ("Vancouver", "consulate general")}
    warsaw = one(rows, sending_country_code="CAN")
    assert (warsaw["city"], warsaw["host_country_code"]) == ("Warsaw", "POL")


def test_a_mission_to_an_organization_at_an_address():
    text = (
        "= Canada and NATO =\n\nThe Mission of Canada to the North Atlantic Treaty Organization, "
        "at Boulevard Leopold III in Brussels, opened in 1952.\n"
    )
    (row,) = rows_of(text)
    assert (
        row["sending_country_code"],
        row["city"],
        row["mission_type"],
        row["mission_type_raw"],
        row["accredited_to"],
    ) == ("CAN", "Brussels", "permanent mission", "Mission", "nato")


def test_a_city_that_is_home_to_missions_to_several_organizations():
    rows = rows_of(
        "= Canada–Austria relations =\n\nVienna is also home to Canada's permanent missions to the "
        "OSCE and to the IAEA.\n"
    )
    assert {(r["city"], r["accredited_to"], r["sending_country_code"]) for r in rows} == {
        ("Vienna", "osce", "CAN"),
        ("Vienna", "iaea", "CAN"),
    }


def test_trade_offices_are_other_with_their_words_and_an_issue():
    result = extract_document(
        raw_from_text("= Canada–Vietnam relations =\n\nCanada also maintains a trade office in Da Nang.\n")
    )
    (row,) = result.extraction.rows["missions"]
    assert (row["mission_type"], row["mission_type_raw"], row["city"], row["host_country_code"]) == (
        "other",
        "trade office",
        "Da Nang",
        "VNM",
    )
    assert [i.kind for i in issues(result)] == ["unknown_mission_type"]


def test_a_list_item_naming_a_mission_then_its_city():
    rows = rows_of("= Canada-Japan relations =\n\n- Consulate of Canada, Nagoya\n- Embassy of Canada to Japan, Tokyo\n")
    assert {(r["city"], r["mission_type"], r["host_country_code"]) for r in rows} == {
        ("Nagoya", "consulate", "JPN"),
        ("Tokyo", "embassy", "JPN"),
    }


def test_a_later_mission_ends_the_list_of_the_one_before():
    rows = rows_of(
        "= Canada–Japan relations =\n\nCanada is represented by the Embassy of Canada in Tokyo, "
        "the Consulate of Canada in Nagoya and honorary consulates in Fukuoka and Sapporo.\n"
    )
    assert {(r["city"], r["mission_type"]) for r in rows} == {
        ("Tokyo", "embassy"),
        ("Nagoya", "consulate"),
        ("Fukuoka", "honorary consulate"),
        ("Sapporo", "honorary consulate"),
    }


def test_provinces_named_as_the_only_places_are_flagged():
    result = extract_document(
        raw_from_text("= Canada–Mexico relations =\n\nMexico maintains consulates in Ontario and Quebec.\n")
    )
    assert sorted(r["city"] for r in result.extraction.rows["missions"]) == ["Ontario", "Quebec"]
    assert [i.kind for i in issues(result, "ambiguous_place")] == ["ambiguous_place", "ambiguous_place"]


def test_regions_and_dates_without_a_mission_word_give_no_mission():
    text = (
        "= Canada–United States relations =\n\nThe two countries deepened cooperation in Alaska and Quebec.\n\n"
        "Canada sent a trade mission to Mexico in May 2019. The embassy reopened in April 1992.\n"
    )
    assert rows_of(text) == []


def test_a_mission_said_not_to_exist_gives_no_row():
    text = (
        "= Canada–North Korea relations =\n\nCanada has no embassy in Pyongyang, and North Korea "
        "does not have an embassy in Ottawa.\n"
    )
    assert rows_of(text) == []


def test_the_holder_of_each_clause_sends_its_missions():
    text = (
        "= Canada–Chile relations =\n\nCanada has an embassy in Santiago, while Chile has an "
        "embassy in Ottawa and a consulate general in Toronto.\n"
    )
    assert {(r["sending_country_code"], r["host_country_code"], r["city"]) for r in rows_of(text)} == {
        ("CAN", "CHL", "Santiago"),
        ("CHL", "CAN", "Ottawa"),
        ("CHL", "CAN", "Toronto"),
    }


def test_in_a_document_about_one_country_a_section_headed_by_a_country_is_the_other_side():
    text = (
        "= Foreign relations of Chile =\n\n==Bilateral relations==\n===Canada===\nCanada has an "
        "embassy in Santiago.\n\n"
        "===South America===\nChile has an embassy in Lima.\n"
    )
    rows = rows_of(text)
    assert (one(rows, city="Santiago")["sending_country_code"], one(rows, city="Santiago")["host_country_code"]) == (
        "CAN",
        "CHL",
    )
    assert (one(rows, city="Lima")["sending_country_code"], one(rows, city="Lima")["host_country_code"]) == (
        "CHL",
        None,
    )


def test_a_place_after_a_comma_at_the_end_of_a_sentence_is_a_city_only_after_a_mission_name():
    text = "= Canada–Japan relations =\n\nThe consulate shares a building with the Canadian embassy, Chancery Place.\n"
    assert rows_of(text) == []


def test_an_infobox_value_with_several_missions_and_a_listed_type():
    text = (
        "= Canada–China relations =\n\nInfobox\n"
        "- Mission1: Embassy of Canada, Beijing; Consulates-General: Shenyang, Wuhan and Chengdu\n\nText.\n"
    )
    rows = rows_of(text)
    assert {(r["city"], r["mission_type"], r["sending_country_code"], r["host_country_code"]) for r in rows} == {
        ("Beijing", "embassy", "CAN", "CHN"),
        ("Shenyang", "consulate general", "CAN", "CHN"),
        ("Wuhan", "consulate general", "CAN", "CHN"),
        ("Chengdu", "consulate general", "CAN", "CHN"),
    }


def test_honorary_consuls_in_cities_state_honorary_consulates():
    text = "= Canada–Germany relations =\n\nCanada also has honorary consuls in Hamburg and Munich.\n"
    assert {(r["city"], r["mission_type"], r["mission_type_raw"]) for r in rows_of(text)} == {
        ("Hamburg", "honorary consulate", "honorary consuls"),
        ("Munich", "honorary consulate", "honorary consuls"),
    }


# --- a verb between the mission word and its places ---------------------------------------------------------


def test_a_verb_or_participle_between_the_mission_word_and_its_places():
    text = (
        "= Canada–Norway relations =\n\nHonorary consulates of Canada operate in Bergen, Tromso and Stavanger. "
        "Norway also has honorary consuls based in Halifax and Victoria.\n"
    )
    rows = rows_of(text)
    assert {(r["sending_country_code"], r["host_country_code"], r["city"], r["mission_type"]) for r in rows} == {
        ("CAN", "NOR", "Bergen", "honorary consulate"),
        ("CAN", "NOR", "Tromso", "honorary consulate"),
        ("CAN", "NOR", "Stavanger", "honorary consulate"),
        ("NOR", "CAN", "Halifax", "honorary consulate"),
        ("NOR", "CAN", "Victoria", "honorary consulate"),
    }


def test_an_address_before_the_city_and_a_move_from_one_city_to_another():
    text = (
        "= Canada–Norway relations =\n\nThe Embassy of Canada to Norway is on Example Square in Oslo.\n\n"
        "In 1999 the Consulate of Canada moved from Narvik to Tromso.\n"
    )
    rows = rows_of(text)
    assert {
        (r["line"], r["sending_country_code"], r["host_country_code"], r["city"], r["mission_type"]) for r in rows
    } == {
        (3, "CAN", "NOR", "Oslo", "embassy"),
        (5, "CAN", "NOR", "Tromso", "consulate"),
    }


def test_a_street_alone_is_not_a_city_and_a_planned_mission_is_reported_not_published():
    text = (
        "= Canada–Norway relations =\n\nThe embassy is on Example Street.\n\n"
        "A new consulate of Canada is to open in Bergen in 2027.\n"
    )
    result = extract_document(raw_from_text(text))
    assert result.extraction.rows.get("missions", []) == []
    assert [(i.line, i.kind) for i in issues(result)] == [(5, "planned_mission")]


# --- list items under a lead-in -------------------------------------------------------------------------


def test_list_items_under_a_lead_in_take_its_sender_and_host_and_unseen_types_are_other():
    text = (
        "= Canada–Norway relations =\n\n==Missions==\nCanada is represented in Norway by:\n\n"
        "- the Embassy of Canada in Oslo\n- consulates in Bergen and Tromso\n"
        "- eight consular agencies, in Alta, Bodo and Molde\n"
    )
    result = extract_document(raw_from_text(text))
    rows = result.extraction.rows["missions"]
    assert {
        (r["sending_country_code"], r["host_country_code"], r["city"], r["mission_type"], r["mission_type_raw"])
        for r in rows
    } == {
        ("CAN", "NOR", "Oslo", "embassy", "Embassy"),
        ("CAN", "NOR", "Bergen", "consulate", "consulates"),
        ("CAN", "NOR", "Tromso", "consulate", "consulates"),
        ("CAN", "NOR", "Alta", "other", "consular agencies"),
        ("CAN", "NOR", "Bodo", "other", "consular agencies"),
        ("CAN", "NOR", "Molde", "other", "consular agencies"),
    }
    assert [i.kind for i in issues(result)] == ["unknown_mission_type"] * 3


def test_a_list_under_a_lead_in_in_a_one_country_document_names_the_host():
    text = (
        "= Foreign relations of Chile =\n\nChile has the following missions in Peru:\n\n"
        "- an embassy in Lima\n- a consular agency in Tacna\n"
    )
    rows = rows_of(text)
    assert {(r["sending_country_code"], r["host_country_code"], r["city"], r["mission_type"]) for r in rows} == {
        ("CHL", "PER", "Lima", "embassy"),
        ("CHL", "PER", "Tacna", "other"),
    }


def test_a_list_under_a_lead_in_that_is_not_about_missions_gives_no_mission():
    text = (
        "= Canada–Norway relations =\n\nThe two countries cooperate in:\n\n- fisheries research in Bergen\n"
        "- polar science offices in Tromso\n"
    )
    assert rows_of(text) == []


# --- mission types outside the vocabulary, in prose --------------------------------------------------------


def test_unseen_type_words_in_the_slot_of_a_mission_word_are_other_with_their_words():
    text = (
        "= Canada–Norway relations =\n\nCanada also operates consular agencies in Alta and Molde. "
        "Norway has an embassy in Ottawa and a liaison office in Iqaluit. "
        "Canada's Joint Delegation to NATO, in Brussels, opened in 1952.\n"
    )
    result = extract_document(raw_from_text(text))
    rows = result.extraction.rows["missions"]
    assert {
        (r["sending_country_code"], r["city"], r["mission_type"], r["mission_type_raw"], r["accredited_to"])
        for r in rows
    } == {
        ("CAN", "Alta", "other", "consular agencies", None),
        ("CAN", "Molde", "other", "consular agencies", None),
        ("NOR", "Ottawa", "embassy", "embassy", None),
        ("NOR", "Iqaluit", "other", "liaison office", None),
        ("CAN", "Brussels", "other", "Joint Delegation", "nato"),
    }
    assert len(issues(result, "unknown_mission_type")) == 4


def test_an_office_that_is_not_in_a_mission_slot_or_is_kept_by_no_country_gives_no_row():
    text = (
        "= Canada–Norway relations =\n\nThe Canadian Space Agency in Longueuil works with the Norwegian agency. "
        "The Passport Office in Gatineau issued the papers. "
        "In 1976 the two sides met, and the EU opened its Delegation in Ottawa the same year.\n"
    )
    result = extract_document(raw_from_text(text))
    assert result.extraction.rows.get("missions", []) == []
    assert [i.kind for i in issues(result)] == ["unpublished_mission"]


# --- whose mission: pronouns, clauses, locatives ----------------------------------------------------------


def test_its_at_the_start_of_a_sentence_is_the_paragraphs_holder_and_in_is_read_in_any_case():
    text = (
        "= Foreign relations of Chile =\n\nIn Canada, Chile has an embassy in Ottawa and a consulate general in "
        "Toronto. Its embassy in Canberra is also accredited to Fiji.\n\n"
        "==Asia==\nIts embassy in Tokyo opened in 1897.\n"
    )
    rows = rows_of(text)
    assert {(r["line"], r["sending_country_code"], r["host_country_code"], r["city"]) for r in rows} == {
        (3, "CHL", "CAN", "Ottawa"),
        (3, "CHL", "CAN", "Toronto"),
        (3, "CHL", None, "Canberra"),
        (6, "CHL", None, "Tokyo"),
    }


def test_its_stands_for_the_subject_of_its_own_clause():
    text = (
        "= Foreign relations of Chile =\n\n==Canada==\nChile has an embassy in Ottawa, while Canada's only office "
        "in the country is its embassy in Santiago. In 2023 Canada pulled its diplomats out of Peru and closed "
        "its consulate in Arica.\n"
    )
    rows = rows_of(text)
    assert {(r["sending_country_code"], r["host_country_code"], r["city"]) for r in rows} == {
        ("CHL", "CAN", "Ottawa"),
        ("CAN", "CHL", "Santiago"),
        ("CAN", "CHL", "Arica"),
    }


def test_the_mission_a_paragraph_named_last_is_the_one_a_definite_reference_means():
    text = (
        "= Canada–China relations =\n\nAnn Example became Canada's first ambassador and opened an embassy in "
        "Chongqing. The embassy moved to Nanjing in 1946.\n"
    )
    rows = rows_of(text)
    assert {(r["sending_country_code"], r["host_country_code"], r["city"]) for r in rows} == {
        ("CAN", "CHN", "Chongqing"),
        ("CAN", "CHN", "Nanjing"),
    }


def test_a_definite_reference_with_no_mission_before_it_names_no_sender():
    result = extract_document(raw_from_text("= Canada–China relations =\n\nThe embassy moved to Nanjing in 1946.\n"))
    (row,) = result.extraction.rows["missions"]
    assert (row["sending_country_code"], row["city"]) == (None, "Nanjing")
    assert "no sending country" in " ".join(i.detail for i in issues(result, "unresolved_country"))


def test_asides_between_place_phrases_are_any_verb_of_the_mission_families():
    text = (
        "= Canada–Poland relations =\n\nPoland has consulates general in Toronto, which was set up in 1990, and in "
        "Vancouver. The embassy of Canada, located in Warsaw, opened in 1992.\n"
    )
    assert {(r["sending_country_code"], r["city"]) for r in rows_of(text)} == {
        ("POL", "Toronto"),
        ("POL", "Vancouver"),
        ("CAN", "Warsaw"),
    }


def test_honorary_consuls_who_serve_in_cities_state_honorary_consulates():
    rows = rows_of("= Canada–Denmark relations =\n\nHonorary consuls of Denmark serve in Calgary and Halifax.\n")
    assert sorted((r["sending_country_code"], r["city"], r["mission_type"]) for r in rows) == [
        ("DNK", "Calgary", "honorary consulate"),
        ("DNK", "Halifax", "honorary consulate"),
    ]


def test_it_opening_a_sentence_holds_the_missions_of_the_sentence_before():
    text = (
        "= Canada–Türkiye relations =\n\nTürkiye has an embassy in Ottawa. It also has honorary consuls in Calgary "
        "and Halifax.\n"
    )
    rows = rows_of(text)
    assert sorted((r["sending_country_code"], r["city"], r["mission_type"]) for r in rows) == [
        ("TUR", "Calgary", "honorary consulate"),
        ("TUR", "Halifax", "honorary consulate"),
        ("TUR", "Ottawa", "embassy"),
    ]
