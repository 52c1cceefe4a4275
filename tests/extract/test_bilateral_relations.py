"""bilateral_relations: real rows from the region tables and from prose, and the rules that keep partners honest."""

from collections import Counter

import pytest

from pipeline.extract import extract_document
from pipeline.extract.bilateral_relations import see_also_titles
from tests.conftest import WIKI_CANADA, WIKI_RUSSIA, raw_from_text

TABLE = "bilateral_relations"


def rows_of(result) -> list[dict]:
    return result.extraction.rows.get(TABLE, [])


def issues_of(result, kind: str) -> dict[int, str]:
    return {i.line: i.detail for i in result.extraction.issues if i.table_name == TABLE and i.kind == kind}


@pytest.fixture(scope="module")
def canada_table_rows(documents, results) -> list[dict]:
    """The rows read from the tables of the 'Bilateral relations' section of Foreign relations of Canada."""
    section = documents[WIKI_CANADA].sections_matching(r"^Bilateral relations$")[0]
    return [r for r in rows_of(results[WIKI_CANADA]) if section.line <= r["line"] <= section.end_line]


def row_with(rows: list[dict], **wanted) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


# --- the region tables of Foreign relations of Canada -------------------------------


def test_every_table_row_is_published_with_its_region(canada_table_rows):
    assert len(canada_table_rows) == 77
    assert Counter(r["region"] for r in canada_table_rows) == {"Americas": 3, "Asia": 32, "Europe": 38, "Oceania": 4}
    assert all(r["region"] == r["region_raw"] for r in canada_table_rows)
    assert {r["country_code"] for r in canada_table_rows} == {"CAN"}
    assert all(
        r["partner_resolved_from"] in ("notes", None) for r in canada_table_rows
    )  # every Country cell is empty in this copy


def test_africa_table_is_header_only(documents, canada_table_rows):
    africa = documents[WIKI_CANADA].sections_matching(r"^Africa$")[0]
    assert [t.rows for t in documents[WIKI_CANADA].tables_in(africa)] == [()]
    assert not [r for r in canada_table_rows if r["region"] == "Africa"]


def test_japan_from_see_title_at_month_precision(canada_table_rows):
    japan = row_with(canada_table_rows, notes="See Canada–Japan relations")
    assert (japan["partner_code"], japan["partner_name"], japan["partner_resolved_from"]) == ("JPN", "Japan", "notes")
    assert (japan["established"], japan["established_precision"], japan["ended"], japan["status"]) == (
        "1928-12",
        "month",
        None,
        "active",
    )
    assert japan["see_also"] == ["Canada–Japan relations"]
    assert japan["region"] == "Asia"


def test_iran_ended_2012(canada_table_rows):
    iran = row_with(canada_table_rows, partner_code="IRN")
    assert iran["established_raw"] == "1955 ended 2012"
    assert (
        iran["established"],
        iran["established_precision"],
        iran["ended"],
        iran["ended_precision"],
        iran["status"],
    ) == ("1955", "year", "2012", "year", "ended")


def test_north_korea_2001_to_2010(canada_table_rows):
    north_korea = row_with(canada_table_rows, partner_code="PRK")
    assert (north_korea["established"], north_korea["established_precision"]) == ("2001-02-06", "day")
    assert (north_korea["ended"], north_korea["ended_precision"], north_korea["status"]) == (
        "2010-03-26",
        "day",
        "ended",
    )


def test_bahamas_read_from_the_start_of_the_note(canada_table_rows):
    bahamas = row_with(canada_table_rows, partner_code="BHS")
    assert bahamas["partner_resolved_from"] == "notes"
    assert bahamas["partner_name"] == "Commonwealth of The Bahamas"
    assert bahamas["notes"].startswith("The Commonwealth of The Bahamas and Canada are two of fifteen")
    assert bahamas["see_also"] == []


def test_see_also_titles_are_split_on_commas_and_only_countries_become_partners(canada_table_rows):
    iraq = row_with(canada_table_rows, partner_code="IRQ")
    assert iraq["see_also"] == ["Canada–Iraq relations", "Canada and the Iraq War"]
    ukraine = row_with(canada_table_rows, partner_code="UKR")
    assert ukraine["see_also"] == ["Canada–Ukraine relations", "Embassy of Ukraine in Ottawa"]
    greece = row_with(canada_table_rows, partner_code="GRC")
    assert greece["see_also"] == ["Canada–Greece relations"]  # 'See also ...'
    assert row_with(canada_table_rows, partner_code="VAT")["see_also"] == ["Canada–Holy See relations"]
    assert row_with(canada_table_rows, partner_code="XKX")["partner_name"] == "Kosovo"
    assert row_with(canada_table_rows, partner_code="MKD")["partner_name"] == "North Macedonia"
    assert row_with(canada_table_rows, partner_code="THA")["see_also"] == [
        "Canada-Thailand relations"
    ]  # a hyphen, not an en dash


def test_rows_without_a_partner_are_published_with_a_null_partner_and_an_issue(results, canada_table_rows):
    unresolved = issues_of(results[WIKI_CANADA], "unresolved_country")
    without = [r for r in canada_table_rows if r["partner_code"] is None]
    assert len(without) == 9
    assert all(r["partner_name"] is None and r["partner_resolved_from"] is None for r in without)
    assert {r["line"] for r in without} <= set(unresolved)
    belize_like = row_with(canada_table_rows, established_raw="November 1981")
    assert belize_like["partner_code"] is None and belize_like["established"] == "1981-11"
    assert "nothing names the partner" in unresolved[belize_like["line"]]


def test_the_date_cell_is_not_evidence_of_the_partner(canada_table_rows):
    yemen_cell = "1975-12 (North Yemen) 1976-05 (South Yemen) 1989-09 (united Yemen)"
    row = row_with(canada_table_rows, established_raw=yemen_cell)
    assert (row["partner_code"], row["partner_name"]) == (None, None)


@pytest.mark.parametrize(
    "raw, established, precision, ended, status",
    [
        ("1947-08-15", "1947-08-15", "day", None, "active"),
        ("1928-12", "1928-12", "month", None, "active"),
        ("1992", "1992", "year", None, "active"),
        ("15 April 1992", "1992-04-15", "day", None, "active"),
        ("January 1952", "1952-01", "month", None, "active"),
        ("9 August 1976", "1976-08-09", "day", None, "active"),
        ("November 1981", "1981-11", "month", None, "active"),
        ("1955 ended 2012", "1955", "year", "2012", "ended"),
        ("1961-02 to 1991–12 2005–06", "1961-02", "month", None, "active"),
        ("2001-02-06 to 2010-03-26", "2001-02-06", "day", "2010-03-26", "ended"),
        ("1949–1970 official 1991-quasi-official", "1949", "year", None, "active"),
        ("1960s 1968 (officially)", "1968", "year", None, "active"),
        ("1975-12 (North Yemen) 1976-05 (South Yemen) 1989-09 (united Yemen)", "1975-12", "month", None, "active"),
    ],
)
def test_every_date_form_in_the_tables(canada_table_rows, raw, established, precision, ended, status):
    row = next(r for r in canada_table_rows if r["established_raw"] == raw)
    assert (row["established"], row["established_precision"], row["ended"], row["status"]) == (
        established,
        precision,
        ended,
        status,
    )


def test_empty_date_cells_are_unknown_and_not_an_issue(results, canada_table_rows):
    qatar = row_with(canada_table_rows, partner_code="QAT")
    assert (qatar["established_raw"], qatar["established"], qatar["status"]) == (None, None, "unknown")
    assert qatar["line"] not in issues_of(results[WIKI_CANADA], "unparsed_date")


# --- prose ---------------------------------------------------------------------------


def test_russia_1942_from_prose_with_the_partner_from_the_title(results):
    russia = rows_of(results[WIKI_RUSSIA])
    assert len(russia) == 1
    row = russia[0]
    assert (row["country_code"], row["partner_code"], row["partner_name"], row["partner_resolved_from"]) == (
        "CAN",
        "RUS",
        "Russia",
        "prose",
    )
    assert (row["established"], row["established_precision"], row["established_raw"], row["status"]) == (
        "1942-06-12",
        "day",
        "June 12, 1942",
        "active",
    )
    assert row["evidence"].startswith(
        "Diplomatic relations between the two countries were finally established on June 12, 1942"
    )
    assert row["region"] is None and row["see_also"] == []


def test_anniversaries_and_plain_relations_are_not_relations(documents, results):
    texts = [p.text for p in documents[WIKI_RUSSIA].paragraphs]
    assert any("marked the 65th anniversary of the establishment of diplomatic relations" in t for t in texts)
    assert any("Canada and post-Soviet Russia established relations in 1992" in t for t in texts)
    starts = {r["established"] for r in rows_of(results[WIKI_RUSSIA])}
    assert not {s for s in starts if s and s[:4] in ("2007", "1992")}


def test_china_1970_from_prose_and_not_the_americans_1979(results):
    prose = [r for r in rows_of(results[WIKI_CANADA]) if r["partner_resolved_from"] == "prose"]
    assert len(prose) == 1
    china = prose[0]
    assert (china["partner_code"], china["partner_name"]) == ("CHN", "People's Republic of China")
    assert (china["established"], china["established_precision"], china["established_raw"]) == (
        "1970-10-13",
        "day",
        "13 October 1970",
    )
    assert "1979" not in str(china["established"])


def prose_rows(sentence: str, title: str = "Foreign relations of Australia") -> tuple[list[dict], list]:
    result = extract_document(raw_from_text(f"= {title} =\n\n{sentence}\n"))
    return rows_of(result), [i for i in result.extraction.issues if i.table_name == TABLE]


@pytest.mark.parametrize(
    "sentence, partner, established, ended, status",
    [
        ("Australia established diplomatic relations with Japan in 1947.", "JPN", "1947", None, "active"),
        ("Diplomatic relations with Cuba were established in 1989.", "CUB", "1989", None, "active"),
        ("In 1942, Australia established diplomatic relations with the Soviet Union.", "SUN", "1942", None, "active"),
        (
            "On June 12, 1942, Australia established diplomatic relations with Japan.",
            "JPN",
            "1942-06-12",
            None,
            "active",
        ),
        ("Australia severed diplomatic relations with Iran on 3 March 2012.", "IRN", None, "2012-03-03", "ended"),
        ("Australia's diplomatic relations with Myanmar were suspended in 1988.", "MMR", None, "1988", "suspended"),
        ("Diplomatic relations were established between Australia and Chile in 1945.", "CHL", "1945", None, "active"),
        ("Australia and Peru established diplomatic relations on May 20, 2002.", "PER", "2002-05-20", None, "active"),
        ("Chile established diplomatic relations with Australia in 1945.", "CHL", "1945", None, "active"),
        (
            "After the Soviet Union fell, Australia and Ukraine established diplomatic relations in 1992.",
            "UKR",
            "1992",
            None,
            "active",
        ),
    ],
)
def test_prose_statements(sentence, partner, established, ended, status):
    rows, _ = prose_rows(sentence)
    assert [
        (r["country_code"], r["partner_code"], r["established"], r["ended"], r["status"], r["partner_resolved_from"])
        for r in rows
    ] == [("AUS", partner, established, ended, status, "prose")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Americans established diplomatic relations with China in 1979.",  # not the subject's relations
        "Diplomatic relations between Chile and Peru were restored in 1990.",
        "On 12 June 2007, Australia and Japan marked the 60th anniversary of the establishment of diplomatic "
        "relations.",
        "Australia and Japan established relations in 1992.",  # not called diplomatic
        "Japan had previously cut trade relations with Australia.",
        "Australia maintains trade and diplomatic relations with Cuba.",
    ],
)
def test_not_relation_statements(sentence):
    assert prose_rows(sentence) == ([], [])


def test_a_date_in_a_later_clause_is_not_the_statements_date():
    rows, _ = prose_rows(
        "Australia established diplomatic relations with Ukraine, which joined the Council of Europe in 1995."
    )
    assert [(r["partner_code"], r["established"]) for r in rows] == [("UKR", None)]


def test_an_unknown_prose_partner_is_kept_as_written_with_an_issue():
    rows, issues = prose_rows("Australia established diplomatic relations with the Taliban regime in 1999.")
    assert [(r["partner_name"], r["partner_code"], r["partner_resolved_from"], r["established"]) for r in rows] == [
        ("the Taliban regime", None, "prose", "1999")
    ]
    assert [i.kind for i in issues] == ["unresolved_country"]


def test_one_prose_row_per_line_and_the_rest_reported():
    rows, issues = prose_rows(
        "Australia established diplomatic relations with Japan in 1947. Australia severed diplomatic relations with "
        "Iran in 2012."
    )
    assert [r["partner_code"] for r in rows] == ["JPN"]
    assert [i.kind for i in issues] == ["not_published"]


@pytest.mark.parametrize(
    "sentence, partner, established, ended, status",
    [
        (
            "Australia and Japan have maintained diplomatic relations since the 3rd of March 1947.",
            "JPN",
            "1947-03-03",
            None,
            "active",
        ),
        ("Australia has had formal ties with Japan since 1947.", "JPN", "1947", None, "active"),
        ("Australia and Japan have had bilateral ties since the 19th century.", "JPN", None, None, "active"),
        ("Full diplomatic relations with Cuba were formally re-established in 1989.", "CUB", "1989", None, "active"),
        ("Relations with Cuba followed on the 1st of August 1975.", "CUB", "1975-08-01", None, "active"),
        ("Diplomatic relations with Cuba began in 1975.", "CUB", "1975", None, "active"),
        ("Formal relations between Australia and Cuba date from 1975.", "CUB", "1975", None, "active"),
        (
            "Australia has broken off diplomatic relations with Iran on 3 March 2012.",
            "IRN",
            None,
            "2012-03-03",
            "ended",
        ),
        ("Diplomatic ties with Myanmar had been frozen in 1988.", "MMR", None, "1988", "suspended"),
    ],
)
def test_prose_statements_in_any_tense_and_with_held_relations(sentence, partner, established, ended, status):
    rows, _ = prose_rows(sentence)
    assert [(r["partner_code"], r["established"], r["ended"], r["status"]) for r in rows] == [
        (partner, established, ended, status)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Australia and Japan plan to establish diplomatic relations in 2030.",  # an aspiration
        "Australia has never established diplomatic relations with Taiwan.",  # negated
        "Australia will restore diplomatic relations with Iran in 2030.",
        "Establishing diplomatic relations with Japan in 1947 was a priority.",  # a gerund states no event
        # held, but with no 'since': no date, no statement of relations
        "Australia maintains diplomatic relations with Japan.",
        "Relations remained frosty until 2022.",  # bare 'relations' with no partner and no relations verb
        "Trade relations with Japan were restored in 1995.",  # not relations between states
        "Japan and Korea have maintained diplomatic relations since 1965.",  # not the subject's relations
    ],
)
def test_unrealized_and_other_relations_are_not_statements(sentence):
    assert prose_rows(sentence) == ([], [])


def test_a_statement_naming_no_partner_takes_the_other_country_of_a_two_country_article():
    for sentence in (
        "Diplomatic relations were restored on 28 April 1952.",
        "The countries have had formal ties since 1952.",
    ):
        rows, issues = prose_rows(sentence, title="Canada–Norway relations")
        assert [
            (r["country_code"], r["partner_code"], r["partner_resolved_from"], r["established"][:4]) for r in rows
        ] == [("CAN", "NOR", "prose", "1952")]
        assert issues == []


def test_a_statement_naming_no_partner_in_a_one_country_article_takes_its_sections_country_or_nobody():
    text = (
        "= Foreign relations of Chile =\n\n==Bolivia==\nDiplomatic relations were broken off in 1978.\n\n"
        "==Asia==\nDiplomatic relations were restored in 1990.\n"
    )
    result = extract_document(raw_from_text(text))
    assert [(r["partner_code"], r["ended"], r["established"], r["status"]) for r in rows_of(result)] == [
        ("BOL", "1978", None, "ended"),
        (None, None, "1990", "active"),
    ]
    assert [i.kind for i in result.extraction.issues if i.table_name == TABLE] == ["unresolved_country"]


def test_a_second_relation_on_the_line_is_reported_not_published():
    rows, issues = prose_rows(
        "Canada established diplomatic relations with West Germany in 1951. "
        "Relations with the German Democratic Republic followed on the 1st of August 1975.",
        title="Canada–Germany relations",
    )
    assert [(r["partner_code"], r["established"]) for r in rows] == [("DEU", "1951")]
    assert [i.kind for i in issues] == ["not_published"]
    assert "German Democratic Republic" in issues[0].detail


# --- other documents of the same kind --------------------------------------------------

AUSTRALIA = """= Foreign relations of Australia =

==Bilateral relations==
===Asia===
| Country | Formal relations began | Notes |
| | 1947 | See Australia–Japan relations |
| New Zealand | 1943 | See Australia–Fiji relations |
| | 1955 | See Japan–South Korea relations |
| Atlantis | 1950 | |
| | sometime | Fiji and Australia are partners. |
| | 2001 to 1999 | |

===Middle East===
| Notes | Relations established | Country |
| (see Australia–Israel relations) | May 20, 2002 | |
"""


@pytest.fixture(scope="module")
def australia():
    return extract_document(raw_from_text(AUSTRALIA, "foreign-relations-of-australia.txt"))


def test_whose_relations_comes_from_the_title(australia):
    rows = rows_of(australia)
    assert len(rows) == 7
    assert {r["country_code"] for r in rows} == {"AUS"}
    japan = row_with(rows, partner_code="JPN")
    assert (japan["partner_resolved_from"], japan["established"]) == ("notes", "1947")


def test_a_filled_country_cell_wins_over_the_notes(australia):
    row = row_with(rows_of(australia), established="1943")
    assert (row["partner_name"], row["partner_code"], row["partner_resolved_from"]) == ("New Zealand", "NZL", "cell")
    assert row["see_also"] == ["Australia–Fiji relations"]


def test_a_see_title_not_about_the_subject_names_no_partner(australia):
    row = row_with(rows_of(australia), established="1955")
    assert row["partner_code"] is None and row["see_also"] == ["Japan–South Korea relations"]
    assert "name no partner" in issues_of(australia, "unresolved_country")[row["line"]]


def test_an_unknown_country_cell_is_kept_as_written_with_an_issue(australia):
    row = row_with(rows_of(australia), partner_name="Atlantis")
    assert (row["partner_code"], row["partner_resolved_from"]) == (None, "cell")
    assert "Atlantis" in issues_of(australia, "unresolved_country")[row["line"]]


def test_a_note_subject_names_the_partner(australia):
    row = row_with(rows_of(australia), partner_code="FJI")
    assert row["partner_resolved_from"] == "notes"


def test_an_unparsable_date_cell_is_kept_raw_with_an_issue(australia):
    row = row_with(rows_of(australia), established_raw="sometime")
    assert (row["established"], row["status"]) == (None, "unknown")
    assert "sometime" in issues_of(australia, "unparsed_date")[row["line"]]


def test_an_end_before_the_start_is_dropped_and_reported(australia):
    row = row_with(rows_of(australia), established_raw="2001 to 1999")
    assert (row["established"], row["ended"]) == ("2001", None)
    assert "before start" in issues_of(australia, "unparsed_date")[row["line"]]


def test_columns_are_found_by_header_text_and_unknown_regions_become_other(australia):
    row = row_with(rows_of(australia), partner_code="ISR")
    assert (row["region"], row["region_raw"]) == ("other", "Middle East")
    assert (row["established"], row["established_precision"]) == ("2002-05-20", "day")
    assert row["see_also"] == ["Australia–Israel relations"]
    assert "Middle East" in next(iter(issues_of(australia, "unknown_region").values()))


@pytest.mark.parametrize(
    "notes, titles",
    [
        ("See Canada–Japan relations", ["Canada–Japan relations"]),
        ("See also Canada–Greece relations.", ["Canada–Greece relations"]),
        ("Close allies (see Canada–U.S. relations).", ["Canada–U.S. relations"]),
        ("See Canada–Iraq relations, Canada and the Iraq War", ["Canada–Iraq relations", "Canada and the Iraq War"]),
        ("The Holy See and Canada exchanged envoys.", []),
        ("", []),
    ],
)
def test_see_also_titles(notes, titles):
    assert see_also_titles(notes) == titles
