"""disputes: disputed places wherever a document states a dispute, resolved when a body ruled or a settlement is
stated.
"""

import pytest

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
    assert (
        row["name"],
        row["status"],
        row["resolved_year"],
        row["resolution_body"],
        row["resolution_body_org_id"],
    ) == ("Gulf of Maine", "resolved", 1984, "International Court of Justice", "icj")
    assert row["counterpart_codes"] == ["USA"]
    assert row["evidence"].endswith("ruled on the maritime boundary in the Gulf of Maine.")


def test_st_pierre_and_miquelon_resolved_by_a_1992_arbitration_ruling(results):
    (row,) = by_id(disputes(results), "st-pierre-and-miquelon")
    assert (
        row["name"],
        row["status"],
        row["resolved_year"],
        row["resolution_body"],
        row["resolution_body_org_id"],
    ) == ("St. Pierre and Miquelon", "resolved", 1992, "International Court of Arbitration", None)
    assert row["counterpart_codes"] == ["FRA"]


def test_remaining_maritime_boundary_disputes_with_the_us(results):
    rows = [r for r in disputes(results) if r["line"] == by_id(disputes(results), "dixon-entrance")[0]["line"]]
    assert [r["name"] for r in rows] == [
        "Dixon Entrance",
        "Beaufort Sea",
        "Strait of Juan de Fuca",
        "Machias Seal Island",
    ]
    assert {(r["status"], tuple(r["counterpart_codes"]), r["resolved_year"]) for r in rows} == {
        ("ongoing", ("USA",), None)
    }


def test_arctic_disputes(results):
    passage = by_id(disputes(results), "northwest-passage")
    assert {r["status"] for r in passage} == {"ongoing"}
    assert passage[0]["counterpart_codes"] == ["USA"]
    (ridge,) = by_id(disputes(results), "lomonosov-ridge")
    assert (ridge["status"], ridge["counterpart_codes"]) == ("ongoing", ["RUS"])


def test_explanations_and_ships_are_not_disputed_places(results):
    names = {r["name"] for r in disputes(results)}
    assert names == {
        "Gulf of Maine",
        "St. Pierre and Miquelon",
        "Dixon Entrance",
        "Beaufort Sea",
        "Strait of Juan de Fuca",
        "Machias Seal Island",
        "Northwest Passage",
        "Lomonosov Ridge",
        "maritime boundaries in the far north",
    }
    assert "Arctic Archipelago" not in names and "Polar Sea" not in names


def test_boundaries_still_to_be_decided_are_an_ongoing_dispute_with_the_countries_named(results):
    (row,) = by_id(disputes(results), "maritime-boundaries-in-the-far-north")
    assert (row["status"], row["counterpart_codes"]) == ("ongoing", ["SWE", "ISL", "NOR", "FIN", "DNK", "RUS"])


def test_asserting_sovereignty_over_a_place_is_not_a_dispute(results):
    passage_lines = {r["line"] for r in by_id(disputes(results), "northwest-passage")}
    assert passage_lines == {177, 181}  # line 183 only plans to assert sovereignty over it


def test_a_dispute_with_countries_but_no_place_is_a_quality_issue(results):
    unnamed = [i for i in results[WIKI_CANADA].extraction.issues if i.kind == "unnamed_dispute"]
    assert [i.detail for i in unnamed] == ["a dispute with USA, DNK is stated without naming a disputed place"]


def test_documents_that_state_no_dispute_have_no_disputes(results):
    for source_id in (WEB_AMERICAS, WEB_UNITED_STATES, WIKI_RUSSIA, FACT_SHEET):
        assert disputes(results, source_id) == []


def test_places_in_a_sentence():
    names = [
        p.name
        for p in places_in(
            "Disputes over the Bay of Fundy, Hans Island and the islands of St. Pierre and Miquelon (the French "
            "islands) remain."
        )
    ]
    assert names == ["Bay of Fundy", "Hans Island", "St. Pierre and Miquelon"]


def test_a_dispute_naming_no_other_country_keeps_an_empty_list_and_a_quality_issue():
    text = (
        "= Foreign relations of Canada =\n\n== Territorial disputes ==\nThe boundary in the Bay of Fundy is disputed.\n"
    )
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["disputes"]
    assert (row["name"], row["counterpart_codes"], row["status"]) == ("Bay of Fundy", [], "ongoing")
    assert [i.kind for i in result.extraction.issues if i.table_name == "disputes"] == ["unresolved_country"]


def extracted(text: str):
    result = extract_document(raw_from_text(text))
    issues = [(i.kind, i.detail) for i in result.extraction.issues if i.table_name == "disputes"]
    return result.extraction.rows.get("disputes", []), issues


def summary(row):
    return (
        row["line"],
        row["name"],
        row["counterpart_codes"],
        row["status"],
        row["resolved_year"],
        row["resolution_body"],
    )


def test_a_dispute_stated_outside_any_disputes_section():
    text = (
        "Canada and Chile relations\n\nFisheries\n\n"
        "Canada and Chile have long disagreed over their fishing zones in the Drake Passage, south of Tierra del "
        "Fuego.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(5, "Drake Passage", ["CHL"], "ongoing", None, None)]


def test_a_dispute_settled_by_an_agreement_has_its_year_and_no_body():
    text = (
        "= Canada–Norway relations =\n\n== Islands ==\n"
        "On 3 May 2019 the two foreign ministers signed an agreement that settled the old dispute over Skarvøya "
        "(Gull Island), "
        "a rock in the Vestfjord Basin of Barents Sea.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(4, "Skarvøya (Gull Island)", ["NOR"], "resolved", 2019, None)]


def test_a_sentence_that_refers_back_settles_the_dispute_of_its_section():
    text = (
        "= Canada–Spain relations =\n\n== Fisheries ==\n"
        "The dispute over fishing on the Grand Banks was left open in 1990.\n\n"
        "The two countries referred the dispute to a court of arbitration in 1993. In its judgment of 4 April 1995, "
        "the Court of Arbitration fixed a line. Both sides accepted the award.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [
        (4, "Grand Banks", ["ESP"], "ongoing", None, None),
        (6, "Grand Banks", ["ESP"], "resolved", 1995, "Court of Arbitration"),
    ]
    assert rows[1]["evidence"].startswith("In its judgment of 4 April 1995")


def test_a_heading_names_the_place_a_settlement_refers_to():
    text = "= Canada–Denmark relations =\n\n== Hans Island ==\nIn 2022 the two countries agreed to divide the island.\n"
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(4, "Hans Island", ["DNK"], "resolved", 2022, None)]


def test_a_reference_back_does_not_reach_other_sections_or_other_matters():
    text = (
        "= Canada–Denmark relations =\n\n== Hans Island ==\nBoth countries claim Hans Island.\n\n== Trade ==\n"
        "In 2020 the two countries settled the dispute.\n\nThe dispute over cheese quotas was settled in 2021.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(4, "Hans Island", ["DNK"], "ongoing", None, None)]


def test_a_claim_that_waters_are_internal_is_a_dispute_with_those_who_reject_it():
    text = (
        "= Foreign relations of Canada =\n\n"
        "Canada regards the waters of the Parry Channel as internal waters. Russia and the United States call it an "
        "international strait.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(3, "Parry Channel", ["RUS", "USA"], "ongoing", None, None)]


def test_a_zone_around_a_named_place_is_named_as_written_and_the_territory_is_not_a_side():
    text = (
        "= Canada–France relations =\n\n"
        "France seeks an extended continental shelf around Saint Pierre and Miquelon beyond the 1992 award, "
        "and the disagreement remains unresolved.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [
        (3, "extended continental shelf around Saint Pierre and Miquelon", ["FRA"], "ongoing", None, None)
    ]


def test_a_named_boundary_dispute_settled_by_a_tribunal():
    text = "= Canada–United States relations =\n\nThe Yukon boundary dispute was settled by a tribunal in 1911.\n"
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(3, "Yukon boundary", ["USA"], "resolved", 1911, "tribunal")]


def test_a_boundary_that_is_being_negotiated_is_an_ongoing_dispute():
    text = (
        "= Canada–United States relations =\n\nIn 2021 a working group began to negotiate the Chukchi Sea boundary.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [(3, "Chukchi Sea", ["USA"], "ongoing", None, None)]


def test_a_country_that_only_locates_the_place_is_no_side():
    rows, issues = extracted("= Foreign relations of Norway =\n\nNorway claims Peter I Island in Antarctica.\n")
    assert [summary(r) for r in rows] == [(3, "Peter I Island", [], "ongoing", None, None)]
    assert issues == [("unresolved_country", "the dispute over Peter I Island names no other country")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Canadian ships patrol the Davis Strait and the Labrador Sea every summer.",  # a place with no dispute word
        "The new treaty sets the maritime boundary in the Irminger Sea.",  # a boundary drawn, not contested
        "In 1611 Henry Hudson claimed the shores of Hudson Bay for England.",  # a colonial claim
        "The group claimed responsibility for an attack in the Gulf of Aden.",
        # a longer name
        "Canada joined the Commission for the Conservation of the Barents Sea, where claims are heard.",
        "The dispute over Li Wei's arrest in Vancouver was settled in 2021.",  # a dispute, but over no place
        "The two countries are negotiating a free trade agreement; talks in the Bay of Islands resumed.",
    ],
)
def test_sentences_that_state_no_territorial_dispute(sentence):
    rows, _ = extracted(f"= Canada–Norway relations =\n\n{sentence}\n")
    assert rows == []


def test_a_malformed_settlement_without_a_place_is_a_quality_issue_not_a_row():
    rows, issues = extracted("= Foreign relations of Canada =\n\nThe boundary was settled by arbitration in 1903.\n")
    assert rows == []
    assert issues == [("unnamed_dispute", "a settled boundary is stated without naming a place")]


def test_a_description_after_the_place_names_neither_places_nor_sides():
    text = (
        "= Canada–Denmark relations =\n\n== Islands ==\n"
        "For decades both countries claimed Tern Island, a small rock in the Kane Basin between Ellesmere Island and "
        "Greenland.\n\n"
        "In 2021 the two countries agreed to divide the island, ending the dispute.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [
        (4, "Tern Island", ["DNK"], "ongoing", None, None),
        (6, "Tern Island", ["DNK"], "resolved", 2021, None),
    ]


def test_in_a_document_about_two_countries_the_other_one_is_the_side_a_sentence_leaves_unsaid():
    text = (
        "= Canada–Denmark relations =\n\nRussia and Denmark both claim the Alpha Ridge. The boundary in the Lincoln "
        "Sea was settled in 2022.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [
        (3, "Alpha Ridge", ["RUS", "DNK"], "ongoing", None, None),
        (3, "Lincoln Sea", ["DNK"], "resolved", 2022, None),
    ]


def test_a_boundary_fixed_by_a_tribunal_and_a_dispute_a_court_decided():
    text = (
        "= Canada–United States relations =\n\n== Boundaries ==\n"
        "The boundary in the Portland Channel was fixed by an arbitral tribunal in 1903.\n\n"
        "Both countries disputed the Georges Bank. The dispute went to the International Court of Justice, which "
        "gave its judgment in 1984.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r) for r in rows] == [
        (4, "Portland Channel", ["USA"], "resolved", 1903, "arbitral tribunal"),
        (6, "Georges Bank", ["USA"], "resolved", 1984, "International Court of Justice"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Loyalists settled along the border near the Bay of Quinte after 1783.",
        "The two countries negotiated new rules for the border crossing on the Detroit River.",
        "The ministers agreed to share data on shipping in the Davis Strait.",
    ],
)
def test_a_border_that_is_crossed_or_settled_along_is_no_dispute(sentence):
    rows, _ = extracted(f"= Canada–United States relations =\n\n{sentence}\n")
    assert rows == []


# Word families, places in a dispute's slot, boundaries named by their parties, bodies by reference -------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Norway has a long-running quarrel with Russia over the Svalbard Bank.", ("Svalbard Bank", ["RUS"])),
        ("Norway and Russia quarrelled for decades over the Svalbard Bank.", ("Svalbard Bank", ["RUS"])),
        ("The Svalbard Bank conflict with Russia flared again in 2019.", ("Svalbard Bank", ["RUS"])),
        ("A diplomatic row with Russia over the Svalbard Bank broke out in 2019.", ("Svalbard Bank", ["RUS"])),
        ("Norway and Russia have feuded over the Svalbard Bank since 1977.", ("Svalbard Bank", ["RUS"])),
    ],
)
def test_contest_words_count_in_every_inflection_in_their_frame(sentence, expected):
    rows, _ = extracted(f"= Foreign relations of Norway =\n\n{sentence}\n")
    assert [(r["name"], r["counterpart_codes"], r["status"]) for r in rows] == [(*expected, "ongoing")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Norwegian ships sailed to the Persian Gulf during the 1991 conflict.",  # a war, no object frame
        "Ministers met three years in a row at the Bay of Islands.",  # 'row' in another sense
        "The conflict in Syria displaced people to the Mediterranean Sea.",
        "The ministers agreed new rules for fishing in the Barents Sea.",  # 'rules' is no ruling
    ],
)
def test_a_contest_word_outside_its_frame_states_no_dispute(sentence):
    rows, _ = extracted(f"= Canada–Norway relations =\n\n{sentence}\n")
    assert rows == []


def test_a_place_without_an_english_feature_word_in_the_slot_of_a_dispute_word():
    text = (
        "= Foreign relations of Chile =\n\n"
        "Chile and Argentina long disputed the Valle del Río Frío area. "
        "Argentina also claims sovereignty over the Campo de Hielo Norte and the Cerro Torre Massif.\n"
    )
    rows, _ = extracted(text)
    assert [(r["name"], r["counterpart_codes"]) for r in rows] == [
        ("Valle del Río Frío area", ["ARG"]),
        ("Campo de Hielo Norte", ["ARG"]),
        ("Cerro Torre Massif", ["ARG"]),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The dispute over Li Wei was settled in 2021.",  # a person: no land or sea in the sentence
        "The dispute over Canadian softwood lumber went on for years.",  # a name that modifies a noun
        "The quarrel over Huawei's executive ended in 2021.",  # an owner, not a place
        "Both countries disputed the Fisheries Agreement in 2020.",  # an instrument
    ],
)
def test_a_name_in_the_slot_of_a_dispute_word_that_is_no_place_gives_no_row(sentence):
    rows, _ = extracted(f"= Canada–Norway relations =\n\n{sentence}\n")
    assert rows == []


def test_their_boundary_is_named_by_the_parties_the_sentence_names():
    text = (
        "= Foreign relations of Ecuador =\n\n"
        "Ecuador and Peru disagreed over their land boundary until a tribunal ruled on 26 October 1998. "
        "Colombia settled its maritime border with Ecuador in 1975.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r)[1:] for r in rows] == [
        ("land boundary between Ecuador and Peru", ["PER"], "resolved", 1998, "tribunal"),
        ("maritime border between Colombia and Ecuador", ["COL"], "resolved", 1975, None),
    ]


def test_their_boundary_in_a_named_place_is_that_place_and_one_party_is_no_boundary_name():
    text = (
        "= Canada–Denmark relations =\n\n"
        "Canada and Denmark disagreed over their maritime boundary in the Lincoln Sea. "
        "Denmark is negotiating their boundary.\n"
    )
    rows, _ = extracted(text)
    assert [r["name"] for r in rows] == ["Lincoln Sea"]


def test_a_dispute_ended_through_mediation_names_the_mediator_and_the_same_court_refers_back():
    text = (
        "= Foreign relations of Honduras =\n\n"
        "The Gulf of Fonseca conflict was ended through the mediation of King Juan Carlos I by a treaty signed in "
        "Spain on 3 June 1980. El Salvador and Honduras then took the Isla Meanguera dispute to the International "
        "Court of Justice in 1986. The same court rejected El Salvador's claim to the Isla Meanguera on 11 September "
        "1992.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r)[1:] for r in rows] == [
        ("Gulf of Fonseca", ["SLV"], "resolved", 1980, "King Juan Carlos I"),  # the paragraph's side, not Spain
        ("Isla Meanguera", ["SLV"], "resolved", 1992, "International Court of Justice"),
    ]


def test_the_same_court_without_an_earlier_court_is_no_body():
    rows, _ = extracted(
        "= Foreign relations of Honduras =\n\nThe same court rejected El Salvador's claim to the Isla Meanguera.\n"
    )
    assert [summary(r)[1:] for r in rows] == [("Isla Meanguera", ["SLV"], "ongoing", None, None)]


def test_a_dispute_between_two_other_countries_has_the_countries_the_text_names():
    text = "= Canada–Japan relations =\n\nJapan has a long quarrel with Russia over the southern Kuril Islands.\n"
    rows, _ = extracted(text)
    assert [(r["name"], r["counterpart_codes"]) for r in rows] == [("Kuril Islands", ["JPN", "RUS"])]


def test_feature_words_are_data_with_every_inflection_and_a_compass_phrase_only_locates():
    text = (
        "= Foreign relations of Chile =\n\n"
        "Chile and Argentina disputed the Northern Patagonian Ice Field, south of Aysén, the Baker Islands and "
        "Santa Cruz.\n\nThe two countries settled their dispute in 1998.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r)[:4] for r in rows] == [
        (3, "Northern Patagonian Ice Field", ["ARG"], "ongoing"),
        (5, "Northern Patagonian Ice Field", ["ARG"], "resolved"),  # 'their dispute' refers back
    ]


def test_a_place_named_after_a_settling_word_and_a_country_as_its_bare_object_is_none():
    text = (
        "= Foreign relations of Chile =\n\n"
        "Chile and Argentina have long disagreed over the south. A tribunal settled the Valle del Río Frío area in "
        "1994 and awarded Argentina most of it.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r)[1:5] for r in rows] == [("Valle del Río Frío area", ["ARG"], "resolved", 1994)]


def test_a_settlement_in_an_aside_after_a_place_is_that_places_alone():
    text = (
        "= Foreign relations of Chile =\n\n"
        "Chile and Argentina have had disputes over the Valle del Río Frío area (settled by arbitration in 1994) and "
        "the Northern Patagonian Ice Field.\n"
    )
    rows, _ = extracted(text)
    assert [summary(r)[1:] for r in rows] == [
        ("Valle del Río Frío area", ["ARG"], "resolved", 1994, "arbitration"),
        ("Northern Patagonian Ice Field", ["ARG"], "ongoing", None, None),
    ]


def test_a_date_after_a_settling_word_is_no_place():
    rows, _ = extracted(
        "= Canada–Denmark relations =\n\nThe dispute over Hans Island was settled on June 14, 2022, by an agreement.\n"
    )
    assert [row["name"] for row in rows] == ["Hans Island"]
