"""The document model: formats detected from content, and real-file quirks that must not move line numbers."""

import pytest

from pipeline.documents.model import FACT_SHEET, PLAIN_TEXT, WEB_PAGE, WIKI_ARTICLE, split_sentences
from pipeline.documents.parse import detect_format, parse_document
from pipeline.documents.reading import RawInputError
from tests.conftest import FACT_SHEET as FACT_SHEET_ID
from tests.conftest import WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text

WIKI_SAMPLE = """= Foreign relations of Testland =

Intro paragraph. Second sentence.

==Section A==
Text in A.

=== Sub B ===
| Country | Formal relations began | Notes |
| | 1992 | See Testland–Canada relations |
| Japan | 1928-12 |
| | 1950 | note | surplus |

====Deep C====
- first item
- second item
"""


def test_formats_are_detected_from_content_not_file_names(documents):
    assert {sid: d.format for sid, d in documents.items()} == {
        WIKI_CANADA: WIKI_ARTICLE,
        WIKI_RUSSIA: WIKI_ARTICLE,
        WEB_AMERICAS: WEB_PAGE,
        WEB_UNITED_STATES: WEB_PAGE,
        FACT_SHEET_ID: FACT_SHEET,
    }
    assert parse_document(raw_from_text(WIKI_SAMPLE, "page.html")).format == WIKI_ARTICLE
    assert detect_format(["just one line of prose."]) == PLAIN_TEXT
    assert detect_format([]) == PLAIN_TEXT


def test_wiki_article_structure(documents):
    document = documents[WIKI_CANADA]
    assert (document.title, document.title_line) == ("Foreign relations of Canada", 1)
    headings = {s.heading: s for s in document.sections}
    organizations = headings["International organizations"]
    assert (organizations.level, organizations.line, organizations.end_line) == (3, 64, 149)
    assert document.sections[organizations.parent].heading == "Multilateralism"
    assert headings["Canada–Caribbean relations"].level == 4  # '==== Canada–Caribbean relations ====' with inner spaces
    assert headings["Oceania"].level == 3  # '=== Oceania ==='
    assert [len(t.rows) for t in document.tables] == [3, 196, 0, 3, 32, 38, 4]
    assert [len(b.items) for b in document.lists] == [82, 5, 3, 3]
    assert document.lists[0].items[0].text == "Asian Development Bank (ADB) (nonregional member)"
    assert document.lists[0].items[0].line == 68


def test_wiki_infobox(documents):
    document = documents[WIKI_RUSSIA]
    assert [(e.key, e.value, e.line) for e in document.infobox][1:3] == [
        ("Mission1", "Canadian Embassy, Moscow", 5),
        ("Mission2", "Russian Embassy, Ottawa", 6),
    ]
    assert document.infobox_value("envoy1").value == "Sarah Taylor"
    assert not any(item.text.startswith("Mission1") for b in document.lists for item in b.items)


def test_table_cells_carry_column_and_line(documents):
    asia = next(t for t in documents[WIKI_CANADA].tables if t.line == 396)
    japan = next(r for r in asia.rows if "Japan" in r.text)
    assert japan.line == 409
    assert japan.get("Formal relations began") == "1928-12"
    assert japan.get("notes") == "See Canada–Japan relations"
    assert japan.get("Country") == ""
    assert all(cell.line == 409 for cell in japan.cells)


def test_table_rows_with_missing_or_extra_cells_keep_what_they_have():
    document = parse_document(raw_from_text(WIKI_SAMPLE))
    table = document.tables[0]
    assert table.header == ("Country", "Formal relations began", "Notes")
    short, extra = table.rows[1], table.rows[2]
    assert (short.get("Country"), short.get("Notes"), short.missing) == ("Japan", "", 1)
    assert [c.text for c in extra.extra] == ["surplus"] and extra.get("Notes") == "note"


def test_web_page_chrome_and_footer_are_boilerplate(documents):
    document = documents[WEB_UNITED_STATES]
    assert document.title == "Canada-United States relations" and document.title_line == 5
    assert document.boilerplate_lines == [1, 3, 89, 90, 92, 94, 96]
    texts = [p.text for p in document.paragraphs]
    assert not any(t in ("Search", "Language selection", "Thank you for your help!") for t in texts)
    headings = [s.heading for s in document.sections]
    assert "Security and defence cooperation" in headings and "Report a problem on this page" not in headings


def test_web_page_bullets(documents):
    document = documents[WEB_UNITED_STATES]
    norad = next(i for b in document.lists for i in b.items if "Aerospace" in i.text)
    assert norad.line == 36 and norad.text.startswith("Canada and the United States have worked side by side")


def test_fact_sheet_headings_and_currency_footnote(documents):
    document = documents[FACT_SHEET_ID]
    assert document.title == "DEFENDING COMMON INTERESTS IN OUR NORTH AMERICAN HOMELAND & ABROAD"
    assert [s.heading for s in document.sections][:3] == ["NATO", "NORAD", "SOUTH AMERICA"]
    assert [(f.marker, f.text, f.line) for f in document.footnotes] == [("*", "Figures are in Canadian dollars", 51)]
    ukraine = next(p for p in document.paragraphs if p.line == 27)
    assert ukraine.text.startswith("Since 2022, Canada has committed \\$9.7 billion")


def test_crlf_bom_trailing_spaces_and_no_final_newline_keep_line_numbers():
    text = "\ufeff= Title =\r\n\r\n==Heading==   \r\nCanada\u00a0joined the OAS in 1990.\r\n- item one \r\n- item two"
    document = parse_document(raw_from_text(text.encode("utf-8")))
    assert document.title == "Title" and document.title_line == 1
    assert [(s.heading, s.line) for s in document.sections] == [("Heading", 3)]
    assert [(p.text, p.line) for p in document.paragraphs] == [("Canada\u00a0joined the OAS in 1990.", 4)]
    assert [(i.text, i.line) for i in document.lists[0].items] == [("item one", 5), ("item two", 6)]
    assert document.line_count == 6


def test_non_utf8_is_rejected_with_file_and_line():
    with pytest.raises(RawInputError, match=r"latin\.txt:2: not UTF-8"):
        parse_document(raw_from_text("= T =\nQu\u00e9bec".encode("latin-1"), "latin.txt"))
    with pytest.raises(RawInputError, match=r"wide\.txt:1: UTF-16"):
        parse_document(raw_from_text("= T =".encode("utf-16"), "wide.txt"))
    with pytest.raises(RawInputError, match=r"binary\.txt:2: contains NUL"):
        parse_document(raw_from_text(b"text\nmore\x00bytes", "binary.txt"))


def test_sentences_do_not_split_on_abbreviations():
    text = "Canada and the U.S. agree. Lester B. Pearson won in 1957. The embassy in Washington, D.C. opened. Done"
    assert split_sentences(text) == [
        "Canada and the U.S. agree.",
        "Lester B. Pearson won in 1957.",
        "The embassy in Washington, D.C. opened.",
        "Done",
    ]


def test_wikitext_star_bullets_are_a_list_and_a_lone_star_under_a_fact_sheet_a_footnote():
    article = parse_document(raw_from_text("= Testland–Canada relations =\n\nBoth take part in:\n* the G20\n* APEC\n"))
    assert [(i.text, i.line) for i in article.lists[0].items] == [("the G20", 4), ("APEC", 5)]
    sheet = "CANADA IN THE WORLD\n\nCANADA SPENT $3 BILLION*\n\nIt rose.\n\n* Figures are in Canadian dollars\n"
    document = parse_document(raw_from_text(sheet))
    assert document.format == FACT_SHEET and document.lists == []
    assert [(f.marker, f.text) for f in document.footnotes] == [("*", "Figures are in Canadian dollars")]
    page = parse_document(raw_from_text(sheet.replace("* Figures", "* Operation A\n* Operation B\n\n* Figures")))
    assert [i.text for i in page.lists[0].items] == ["Operation A", "Operation B"]
