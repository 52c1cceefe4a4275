"""disputes: disputed places in a document's disputes sections, resolved when a body ruled."""

from pipeline.extract import extract_document
from pipeline.extract.disputes import places_in
from tests.conftest import FACT_SHEET, WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text


def disputes(results, source_id=WIKI_CANADA):
    return results[source_id].extraction.rows.get("disputes", [])


def by_id(rows, dispute_id):
    found = [r for r in rows if r["dispute_id"] == dispute_id]
    assert found, (dispute_id, [r["dispute_id"] for r in rows])
    return found


def test_gulf_of_maine_resolved_in_1984_by_the_international_court_of_justice(results):
    (row,) = by_id(disputes(results), "gulf-of-maine")
    assert (row["name"], row["status"], row["resolved_year"], row["resolution_body"], row["resolution_body_org_id"]) == ("Gulf of Maine", "resolved", 1984, "International Court of Justice", "icj")
    assert row["counterpart_codes"] == ["USA"]
    assert row["evidence"].endswith("ruled on the maritime boundary in the Gulf of Maine.")


def test_st_pierre_and_miquelon_resolved_by_a_1992_arbitration_ruling(results):
    (row,) = by_id(disputes(results), "st-pierre-and-miquelon")
    assert (row["name"], row["status"], row["resolved_year"], row["resolution_body"], row["resolution_body_org_id"]) == ("St. Pierre and Miquelon", "resolved", 1992, "International Court of Arbitration", None)
    assert row["counterpart_codes"] == ["FRA"]


def test_remaining_maritime_boundary_disputes_with_the_us(results):
    rows = [r for r in disputes(results) if r["line"] == by_id(disputes(results), "dixon-entrance")[0]["line"]]
    assert [r["name"] for r in rows] == ["Dixon Entrance", "Beaufort Sea", "Strait of Juan de Fuca", "Machias Seal Island"]
    assert {(r["status"], tuple(r["counterpart_codes"]), r["resolved_year"]) for r in rows} == {("ongoing", ("USA",), None)}


def test_arctic_disputes(results):
    passage = by_id(disputes(results), "northwest-passage")
    assert {r["status"] for r in passage} == {"ongoing"}
    assert passage[0]["counterpart_codes"] == ["USA"]
    (ridge,) = by_id(disputes(results), "lomonosov-ridge")
    assert (ridge["status"], ridge["counterpart_codes"]) == ("ongoing", ["RUS"])


def test_explanations_and_ships_are_not_disputed_places(results):
    names = {r["name"] for r in disputes(results)}
    assert names == {"Gulf of Maine", "St. Pierre and Miquelon", "Dixon Entrance", "Beaufort Sea", "Strait of Juan de Fuca", "Machias Seal Island", "Northwest Passage", "Lomonosov Ridge"}
    assert "Arctic Archipelago" not in names and "Polar Sea" not in names


def test_a_dispute_with_countries_but_no_place_is_a_quality_issue(results):
    unnamed = [i for i in results[WIKI_CANADA].extraction.issues if i.kind == "unnamed_dispute"]
    assert [i.detail for i in unnamed] == ["a dispute with USA, DNK is stated without naming a disputed place"]


def test_documents_without_a_disputes_section_have_no_disputes(results):
    for source_id in (WEB_AMERICAS, WEB_UNITED_STATES, WIKI_RUSSIA, FACT_SHEET):
        assert disputes(results, source_id) == []


def test_places_in_a_sentence():
    names = [p.name for p in places_in("Disputes over the Bay of Fundy, Hans Island and the islands of St. Pierre and Miquelon (the French islands) remain.")]
    assert names == ["Bay of Fundy", "Hans Island", "St. Pierre and Miquelon"]


def test_a_dispute_naming_no_other_country_keeps_an_empty_list_and_a_quality_issue():
    text = "= Foreign relations of Canada =\n\n== Territorial disputes ==\nThe boundary in the Bay of Fundy is disputed.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["disputes"]
    assert (row["name"], row["counterpart_codes"], row["status"]) == ("Bay of Fundy", [], "ongoing")
    assert [i.kind for i in result.extraction.issues if i.table_name == "disputes"] == ["unresolved_country"]
