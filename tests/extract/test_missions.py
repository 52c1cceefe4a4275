"""missions: infobox entries, the 'Mission of Canada' table and sentences that list places, one row per place."""

import pytest

from pipeline.extract import extract_document
from pipeline.extract.missions import mission_type
from tests.conftest import FACT_SHEET, WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text

TWELVE_CITIES = ["Atlanta", "Boston", "Chicago", "Dallas", "Denver", "Detroit", "Los Angeles", "Miami", "Minneapolis", "New York", "San Francisco", "Seattle"]


def missions(results, source_id):
    return results[source_id].extraction.rows.get("missions", [])


def issues(result, kind=None):
    return [i for i in result.extraction.issues if i.table_name == "missions" and (kind is None or i.kind == kind)]


def one(rows, **wanted):
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_one_sentence_listing_twelve_consulates_general_gives_twelve_rows(results):
    consulates = [r for r in missions(results, WEB_UNITED_STATES) if r["mission_type"] == "consulate general" and r["sending_country_code"] == "CAN"]
    assert [r["city"] for r in consulates] == TWELVE_CITIES
    assert {r["host_country_code"] for r in consulates} == {"USA"}
    assert {r["mission_type_raw"] for r in consulates} == {"consulates general"}
    assert len({r["line"] for r in consulates}) == 1
    assert all("consulates general in Atlanta, Boston" in r["evidence"] for r in consulates)


def test_embassies_in_washington_and_ottawa(results):
    rows = missions(results, WEB_UNITED_STATES)
    washington = one(rows, mission_type="embassy", sending_country_code="CAN")
    assert (washington["city"], washington["host_country_code"], washington["accredited_to"]) == ("Washington, D.C.", "USA", None)
    ottawa = one(rows, mission_type="embassy", sending_country_code="USA")
    assert (ottawa["city"], ottawa["host_country_code"]) == ("Ottawa", "CAN")
    assert ottawa["evidence"] == "The United States maintains an embassy in Ottawa and consulates general across Canada."


def test_consulates_general_across_a_country_name_the_host_but_no_city(results):
    row = one(missions(results, WEB_UNITED_STATES), mission_type="consulate general", sending_country_code="USA")
    assert (row["city"], row["host_country_code"]) == (None, "CAN")
    assert [i.line for i in issues(results[WEB_UNITED_STATES], "missing_city")] == [row["line"]]


def test_russia_infobox_missions_take_the_host_from_the_title(results):
    rows = missions(results, WIKI_RUSSIA)
    moscow = one(rows, line=5)
    assert (moscow["sending_country_code"], moscow["host_country_code"], moscow["city"], moscow["mission_type"]) == ("CAN", "RUS", "Moscow", "embassy")
    assert moscow["evidence"] == "Mission1: Canadian Embassy, Moscow"
    ottawa = one(rows, line=6)
    assert (ottawa["sending_country_code"], ottawa["host_country_code"], ottawa["city"], ottawa["mission_type"]) == ("RUS", "CAN", "Ottawa", "embassy")


def test_russia_prose_missions(results):
    prose = [r for r in missions(results, WIKI_RUSSIA) if r["line"] > 10]
    vladivostok = one(prose, city="Vladivostok")
    assert (vladivostok["sending_country_code"], vladivostok["host_country_code"], vladivostok["mission_type"]) == ("CAN", "RUS", "honorary consulate")
    russian = {(r["city"], r["mission_type"]) for r in prose if r["sending_country_code"] == "RUS"}
    assert russian == {("Ottawa", "embassy"), ("Toronto", "consulate general"), ("Montreal", "consulate general"), ("Vancouver", "honorary consulate")}
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
    assert (row["sending_country_code"], row["mission_type"], row["city"], row["host_country_code"]) == ("CAN", "permanent mission", None, None)


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
    assert (row["mission_type"], row["mission_type_raw"], row["sending_country_code"], row["host_country_code"], row["city"]) == ("other", "Canadian Representative Office", "CAN", "TWN", "Taipei")
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
