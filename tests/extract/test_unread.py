"""unread: statements naming a country or an organization with a relation word, from whose line nothing was read."""

from pipeline.extract import extract_document
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
    text = "= Canada–Norway relations =\n\nCooperation:\n\n- ministers from NATO countries discussed the treaty\n- a cultural festival\n"
    unread, _ = _unread(text)
    assert unread == [("sources", 5, "mentions NATO with 'treaty' but no row was read from this line")]


def test_no_relation_word_or_no_country_means_nothing_to_report():
    text = "= Canada–Norway relations =\n\nCanada and Norway enjoy close cultural ties.\n\nThe treaty was signed in a hurry.\n"
    unread, _ = _unread(text)
    assert unread == []


def test_a_line_an_extractor_reported_on_was_read():
    text = "= Canada–Norway relations =\n\nCanada supports Norway's path toward membership in the European Union.\n"
    unread, result = _unread(text)
    assert unread == [] and any(i.kind == "membership_aspiration" for i in result.extraction.issues)
