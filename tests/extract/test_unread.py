"""unread: statements naming a country or an organization with a relation word, from whose line nothing was read."""

import pytest

from pipeline.documents.parse import parse_document
from pipeline.extract import extract_document, unread
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.subject import document_subject
from tests.conftest import raw_from_text


def _unread(text: str, file_name: str = "canada-norway-relations.txt"):
    result = extract_document(raw_from_text(text, file_name))
    return [(i.table_name, i.line, i.detail) for i in result.extraction.issues if i.kind == "unread_statement"], result


def test_a_statement_with_no_row_is_reported_and_one_that_was_read_is_not():
    text = (
        "= Canada–Norway relations =\n\n"
        "Both countries are members of the North Atlantic Treaty Organization.\n\n"
        "Canada and Norway discussed a possible fisheries treaty.\n"
    )
    unread, result = _unread(text)
    assert {r["line"] for r in result.extraction.rows["memberships"]} == {3}
    assert unread == [("sources", 5, "mentions Canada and Norway with 'treaty' but no row was read from this line")]


def test_an_organization_counts_as_a_mention_and_list_items_are_statements():
    text = (
        "= Canada–Norway relations =\n\nCooperation:\n\n- ministers from NATO countries discussed the treaty\n- a "
        "cultural festival\n"
    )
    unread, _ = _unread(text)
    assert unread == [("sources", 5, "mentions NATO with 'treaty' but no row was read from this line")]


def test_no_relation_word_or_no_country_means_nothing_to_report():
    text = (
        "= Canada–Norway relations =\n\nCanada and Norway enjoy close cultural ties.\n\nThe treaty was signed in a "
        "hurry.\n"
    )
    unread, _ = _unread(text)
    assert unread == []


def test_a_line_an_extractor_reported_on_was_read():
    text = "= Canada–Norway relations =\n\nCanada supports Norway's path toward membership in the European Union.\n"
    unread, result = _unread(text)
    assert unread == [] and any(i.kind == "membership_aspiration" for i in result.extraction.issues)


# Busy lines, word families, and what a line's rows hold --------------------------------------------------------------


def _net(text: str, rows: dict[str, list[dict]]):
    """The safety net alone over a document, given the rows the extractors are supposed to have read."""
    raw = raw_from_text(text, "canada-peru-relations.txt")
    document = parse_document(raw)
    context = DocumentContext(raw, document, document_subject(document.title, None), document.title, None)
    extraction = Extraction()
    for table, table_rows in rows.items():
        for row in table_rows:
            extraction.add(table, row)
    return [(i.line, i.detail) for i in unread.extract(context, extraction).issues]


def test_a_membership_word_in_any_inflection_with_an_organization_no_row_holds_is_reported_on_a_busy_line():
    sentence = "Peru was a founding member of the United Nations in 1945 and chose to accede to the OECD in 2024."
    text = f"= Foreign relations of Peru =\n\n{sentence}\n"
    un = {"country_code": "PER", "org_id": "un", "line": 3, "evidence": sentence}
    assert _net(text, {"memberships": [un]}) == [
        (3, "names OECD with 'founding member' but no row or issue of this line holds it")
    ]
    oecd = {**un, "org_id": "oecd"}
    assert _net(text, {"memberships": [un, oecd]}) == []


def test_the_country_that_holds_a_membership_is_reported_when_no_row_holds_it_and_other_countries_are_not():
    first = "Peru is a founding member of the Pacific Alliance, in which Canada has held observer status since 2012."
    second = "Peru keeps close ties to Spain and France through its membership in the United Nations."
    text = f"= Canada–Peru relations =\n\n{first}\n\n{second}\n"
    rows = {
        "memberships": [
            {"country_code": "PER", "org_id": "pacific-alliance", "line": 3, "evidence": first},
            {"country_code": "PER", "org_id": "un", "line": 5, "evidence": second},
        ]
    }
    assert _net(text, rows) == [(3, "names Canada with 'founding member' but no row or issue of this line holds it")]


def test_a_statement_that_gave_nothing_on_a_line_whose_other_sentence_gave_rows_is_reported():
    text = "= Canada–Peru relations =\n\nCanada has an embassy in Lima. Canada and Peru signed a fisheries treaty.\n"
    unread, result = _unread(text)
    assert [r["line"] for r in result.extraction.rows["missions"]] == [3]
    assert unread == [
        ("sources", 3, "mentions Canada and Peru with 'treaty' but no agreements row was read from this line")
    ]


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Mexico hosts Canadian consular agencies in three resort towns.", "consular agencies"),
        ("Japan and Russia have quarrelled over fishing for decades.", "quarrelled"),
        ("Belarus entered Canada's Area Control List in 2022.", "control list"),
    ],
)
def test_new_relation_words_and_their_inflections_make_a_statement_that_gave_nothing_visible(sentence, word):
    unread, _ = _unread(f"= Canada–Peru relations =\n\n{sentence}\n")
    assert len(unread) == 1 and f"with {word!r}" in unread[0][2]


@pytest.mark.parametrize(
    "sentence",
    [
        "About 135 CAF members from Canada served in Romania.",  # a count of members, not a membership
        "Canada's Border Services Agency works with Peru.",  # a word inside a name
        "Several islands considered joining Canadian Confederation.",  # 'join' needs an organization after it
        "Canada and Peru are partners in the fight against drugs.",  # 'partners in' without an organization
        "Canada took part in the G20 summit in Peru.",  # the organization qualifies a summit
    ],
)
def test_words_that_state_no_relation_are_not_reported(sentence):
    unread, _ = _unread(f"= Canada–Peru relations =\n\n{sentence}\n")
    assert unread == []
