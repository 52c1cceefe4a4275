"""funding: figures with a currency sign or word, in currency units, with the currency the text states."""

import pytest

from pipeline.extract import extract_document
from pipeline.extract.funding import figures_in
from tests.conftest import FACT_SHEET, WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text


def funding(results, source_id):
    return results[source_id].extraction.rows.get("funding", [])


def one(rows, **wanted):
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_fact_sheet_amounts_are_canadian_dollars_by_its_footnote(results):
    rows = funding(results, FACT_SHEET)
    ukraine = one(rows, amount=9_700_000_000.0)
    assert (ukraine["currency"], ukraine["currency_resolved_from"], ukraine["period_raw"], ukraine["purpose"]) == ("CAD", "document", "Since 2022", "multifaceted support to Ukraine")
    assert ukraine["amount_raw"] == "\\$9.7 billion"
    middle_east = one(rows, amount=4_600_000_000.0)
    assert (middle_east["currency"], middle_east["amount_qualifier"], middle_east["period_raw"]) == ("CAD", "more than", "Since 2016")
    assert len(rows) == 2  # 40,000 personnel and 'since 2014' are not money


def test_a_bare_dollar_sign_leaves_the_currency_null_with_a_quality_issue(results):
    aid = one(funding(results, WIKI_CANADA), amount=12_000_000_000.0)
    assert (aid["currency"], aid["currency_resolved_from"], aid["period_raw"], aid["purpose"]) == (None, None, "In the 2023-2024 fiscal year", "foreign aid")
    unresolved = [i for i in results[WIKI_CANADA].extraction.issues if i.kind == "unresolved_currency"]
    assert [i.line for i in unresolved] == [aid["line"]]


def test_a_figure_restated_in_parentheses_gives_two_rows_one_marked_as_conversion(results):
    rows = [r for r in funding(results, WIKI_CANADA) if r["period_raw"] == "In 2024"]
    assert [(r["amount"], r["currency"], r["is_conversion"]) for r in rows] == [(9_600_000_000.0, "CAD", False), (7_400_000_000.0, "USD", True)]
    assert {r["purpose"] for r in rows} == {"ODA"}
    assert rows[0]["amount_qualifier"] == "approximately"


def test_budget_over_twenty_years(results):
    (row,) = funding(results, WIKI_RUSSIA)
    assert (row["amount"], row["currency"], row["amount_qualifier"], row["period_raw"]) == (25_000_000_000.0, None, "up to", "over twenty years")


def test_pages_without_money_have_no_funding(results):
    assert funding(results, WEB_AMERICAS) == []
    assert funding(results, WEB_UNITED_STATES) == []  # '725,000 Americans' and '9,000 km' are counts


def test_percentages_and_counts_of_people_are_not_money():
    assert figures_in("27% of Canadians agree, 0.34% of GNI, over 40,000 personnel and 725,000 Americans.") == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("CAD$9.6 billion", 9_600_000_000.0, "CAD"),
        ("US$7.4 billion", 7_400_000_000.0, "USD"),
        ("\\$9.7 billion", 9_700_000_000.0, None),
        ("$1,250,000", 1_250_000.0, None),
        ("€5 million", 5_000_000.0, "EUR"),
        ("3 million Canadian dollars", 3_000_000.0, "CAD"),
        ("$2.5 million US dollars", 2_500_000.0, "USD"),
    ],
)
def test_figures_in(text, amount, currency):
    (figure,) = figures_in(text)
    assert (figure.amount, figure.currency) == (amount, currency)


def test_a_currency_note_in_the_text_sets_the_document_currency():
    text = "FUNDING FACTS\n\nCANADA\n\nCanada gave $3 million to the fund.\n\n* All figures are in US dollars\n"
    (row,) = extract_document(raw_from_text(text, manifest={"title": "Funding facts", "publisher": "Government of Canada"})).extraction.rows["funding"]
    assert (row["amount"], row["currency"], row["currency_resolved_from"], row["purpose"]) == (3_000_000.0, "USD", "document", "fund")
