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
    assert (ukraine["currency"], ukraine["currency_resolved_from"], ukraine["period_raw"], ukraine["purpose"]) == (
        "CAD",
        "document",
        "Since 2022",
        "multifaceted support to Ukraine",
    )
    assert ukraine["amount_raw"] == "\\$9.7 billion"
    middle_east = one(rows, amount=4_600_000_000.0)
    assert (middle_east["currency"], middle_east["amount_qualifier"], middle_east["period_raw"]) == (
        "CAD",
        "more than",
        "Since 2016",
    )
    assert len(rows) == 2  # 40,000 personnel and 'since 2014' are not money


def test_a_bare_dollar_sign_leaves_the_currency_null_with_a_quality_issue(results):
    aid = one(funding(results, WIKI_CANADA), amount=12_000_000_000.0)
    assert (aid["currency"], aid["currency_resolved_from"], aid["period_raw"], aid["purpose"]) == (
        None,
        None,
        "In the 2023-2024 fiscal year",
        "foreign aid",
    )
    unresolved = [i for i in results[WIKI_CANADA].extraction.issues if i.kind == "unresolved_currency"]
    assert [i.line for i in unresolved] == [aid["line"]]


def test_a_figure_restated_in_parentheses_gives_two_rows_one_marked_as_conversion(results):
    rows = [r for r in funding(results, WIKI_CANADA) if r["period_raw"] == "In 2024"]
    assert [(r["amount"], r["currency"], r["is_conversion"]) for r in rows] == [
        (9_600_000_000.0, "CAD", False),
        (7_400_000_000.0, "USD", True),
    ]
    assert {r["purpose"] for r in rows} == {"ODA"}
    assert rows[0]["amount_qualifier"] == "approximately"


def test_budget_over_twenty_years(results):
    (row,) = funding(results, WIKI_RUSSIA)
    assert (row["amount"], row["currency"], row["amount_qualifier"], row["period_raw"]) == (
        25_000_000_000.0,
        None,
        "up to",
        "over twenty years",
    )


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
        ("CA$4 billion", 4_000_000_000.0, "CAD"),
        ("A$120 million", 120_000_000.0, "AUD"),
        ("NZ$46,857 million", 46_857_000_000.0, "NZD"),
        ("£3.5bn", 3_500_000_000.0, "GBP"),
        ("₹500 crore", 5_000_000_000.0, "INR"),
        ("CAD 9.6 billion", 9_600_000_000.0, "CAD"),
        ("9.6 billion CAD", 9_600_000_000.0, "CAD"),
        ("EUR 40 million", 40_000_000.0, "EUR"),
        ("12 million euros", 12_000_000.0, "EUR"),
        ("8 million pounds sterling", 8_000_000.0, "GBP"),
        ("US\\$1.1 billion", 1_100_000_000.0, "USD"),
        ("a $5-million grant", 5_000_000.0, None),
        ("€10\u00a0billion", 10_000_000_000.0, "EUR"),  # a no-break space before the scale
        ("€1\u2009250\u2009000", 1_250_000.0, "EUR"),  # thin spaces between thousands
        ("$2\u00a0400\u00a0000", 2_400_000.0, None),
        ("€1.250.000", 1_250_000.0, "EUR"),  # European thousands
        ("€2,5 million", 2_500_000.0, "EUR"),  # a decimal comma: a comma before one or two digits
        ("€1.250,75", 1_250.75, "EUR"),
    ],
)
def test_figures_in(text, amount, currency):
    (figure,) = figures_in(text)
    assert (figure.amount, figure.currency) == (amount, currency)


@pytest.mark.parametrize(
    "text",
    [
        "5 million tonnes of wheat and 7.1 million pounds of uranium",  # weights ('pounds' alone is a weight)
        "a 25% surtax, 2% of GDP and 3.5 per cent growth",
        "40,000 personnel, 2,200 CAF members and 1.4 million people",
        "in 2023 USD terms, since 2014",  # a year is no amount
        "ALL 32 ALLIES AGREED. TOP 10 CONTRIBUTORS",  # capitals that spell a currency code before a count
        "25 000 $",  # thousands grouped by a plain space, as a list of numbers also is: not read
    ],
)
def test_what_is_not_money(text):
    assert figures_in(text) == []


@pytest.mark.parametrize(
    ("text", "raw", "amount", "qualifier"),
    [
        ("Canada pledged $2 to $3 billion.", "$2 to $3 billion", 2_000_000_000.0, "between"),
        ("It will cost $2–3 billion.", "$2–3 billion", 2_000_000_000.0, "between"),
        ("between $2 billion and $3 billion", "$2 billion and $3 billion", 2_000_000_000.0, "between"),
        ("about 4 to 6 million euros", "4 to 6 million euros", 4_000_000.0, "about; between"),
    ],
)
def test_a_range_is_one_figure_at_its_low_bound(text, raw, amount, qualifier):
    (figure,) = figures_in(text)
    assert (figure.raw, figure.amount, figure.qualifier) == (raw, amount, qualifier)


def test_a_change_from_one_figure_to_another_is_two_figures_and_the_first_borrows_the_scale():
    figures = figures_in("Trade grew from $2 to $3 billion, and from 4 to 5 million euros.")
    assert [(f.raw, f.amount, f.currency) for f in figures] == [
        ("$2", 2_000_000_000.0, None),
        ("$3 billion", 3_000_000_000.0, None),
        ("4", 4_000_000.0, "EUR"),
        ("5 million euros", 5_000_000.0, "EUR"),
    ]
    assert [(f.amount, f.raw) for f in figures_in("$764 million and $400 million")] == [
        (764_000_000.0, "$764 million"),
        (400_000_000.0, "$400 million"),
    ]


def test_a_sign_shared_by_two_currencies_is_read_by_the_documents_country():
    assert figures_in("¥40 billion", ("CAN", "CHN"))[0].currency == "CNY"
    assert figures_in("¥40 billion", ("CAN", "JPN"))[0].currency == "JPY"
    text = "= Canada–India relations =\n\nA bank lent ¥40 billion to the project.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["funding"]
    assert (row["amount"], row["currency"]) == (40_000_000_000.0, None)
    assert [(i.kind, i.detail) for i in result.extraction.issues if i.table_name == "funding"] == [
        ("unresolved_currency", "'¥40 billion' may be JPY or CNY; the document's countries do not say which")
    ]


def test_a_currency_note_may_name_the_currency_by_word_or_code():
    for note in ("* All amounts are in euros", "* Figures are in EUR"):
        text = f"FUNDING FACTS\n\nCANADA\n\nCanada gave $3 million to the fund.\n\n{note}\n"
        (row,) = extract_document(
            raw_from_text(text, manifest={"title": "Funding facts", "publisher": "Government of Canada"})
        ).extraction.rows["funding"]
        assert (row["currency"], row["currency_resolved_from"]) == ("EUR", "document")


def test_a_currency_note_in_the_text_sets_the_document_currency():
    text = "FUNDING FACTS\n\nCANADA\n\nCanada gave $3 million to the fund.\n\n* All figures are in US dollars\n"
    (row,) = extract_document(
        raw_from_text(text, manifest={"title": "Funding facts", "publisher": "Government of Canada"})
    ).extraction.rows["funding"]
    assert (row["amount"], row["currency"], row["currency_resolved_from"], row["purpose"]) == (
        3_000_000.0,
        "USD",
        "document",
        "fund",
    )


def test_a_shared_sign_falls_back_on_the_countries_the_sentence_names():
    (figure,) = figures_in("Japan's investment in Australia reached ¥2.4 trillion.", ("AUS",))
    assert (figure.amount, figure.currency) == (2_400_000_000_000.0, "JPY")


@pytest.mark.parametrize(
    ("text", "currency"),
    [("15 billion Danish kroner", "DKK"), ("3 million Mexican pesos", "MXN"), ("4 million British pounds", "GBP")],
)
def test_currency_words_with_their_country(text, currency):
    (figure,) = figures_in(text)
    assert figure.currency == currency


def test_a_hedged_figure_in_parentheses_is_a_conversion():
    text = "= Canada–Japan relations =\n\nJapanese investment in Canada totalled ¥4.1 trillion (about $50 billion).\n"
    rows = extract_document(raw_from_text(text)).extraction.rows["funding"]
    assert [(r["amount"], r["currency"], r["amount_qualifier"], r["is_conversion"]) for r in rows] == [
        (4_100_000_000_000.0, "JPY", None, False),
        (50_000_000_000.0, None, "about", True),
    ]


# Currency notes in any wording, and notes linked to figures by their footnote marker -------------------------------

MANIFEST = {"title": "Funding facts", "publisher": "Government of Canada"}


def fact_sheet_funding(body: str):
    result = extract_document(raw_from_text(f"FUNDING FACTS\n\nCANADA\n\n{body}\n", manifest=MANIFEST))
    issues = [i.kind for i in result.extraction.issues if i.table_name == "funding"]
    return [
        (r["amount"], r["currency"], r["currency_resolved_from"]) for r in result.extraction.rows["funding"]
    ], issues


@pytest.mark.parametrize(
    "note",
    [
        "Unless noted otherwise, all figures are in Canadian dollars.",
        "All amounts in this fact sheet are expressed in Canadian dollars unless stated.",
        "Dollar values are in millions of Canadian dollars.",
        "Note: figures are in CAD.",
    ],
)
def test_a_currency_note_in_any_wording_sets_the_document_currency(note):
    rows, issues = fact_sheet_funding(f"Canada gave $3 million to the fund.\n\n{note}")
    assert rows == [(3_000_000.0, "CAD", "document")] and issues == []


@pytest.mark.parametrize(
    "note",
    [
        "Canada's aid figures are in decline.",  # no currency after 'in'
        "Figures in the 2020 report were revised.",
        "All figures are in Canadian dollars and euros.",  # two currencies: none chosen
    ],
)
def test_a_sentence_about_figures_that_names_no_single_currency_is_no_note(note):
    rows, issues = fact_sheet_funding(f"Canada gave $3 million to the fund.\n\n{note}")
    assert rows == [(3_000_000.0, None, None)] and issues == ["unresolved_currency"]


def test_a_footnote_marker_on_a_figure_takes_its_notes_currency_and_other_figures_the_documents():
    rows, _ = fact_sheet_funding(
        "Canada will spend $8 billion over ten years,* and its ally $5 billion† a year. It gave $2 billion.\n\n"
        "Unless noted otherwise, all figures are in Canadian dollars.\n\n* Over ten years from 2024\n\n† In US dollars"
    )
    assert rows == [
        (8_000_000_000.0, "CAD", "document"),  # its note names no currency
        (5_000_000_000.0, "USD", "note"),
        (2_000_000_000.0, "CAD", "document"),
    ]


def test_a_marked_currency_note_that_no_figure_carries_sets_the_document_currency():
    rows, _ = fact_sheet_funding("Canada gave $3 million to the fund.\n\n* Figures are in Canadian dollars")
    assert rows == [(3_000_000.0, "CAD", "document")]


def test_a_currency_sign_of_one_currency_names_it():
    text = "= Canada–Philippines relations =\n\nExports were worth about ₱55 billion, and ₺3 million went to Türkiye.\n"
    rows = extract_document(raw_from_text(text)).extraction.rows["funding"]
    assert sorted((r["amount"], r["currency"]) for r in rows) == [(3e6, "TRY"), (55e9, "PHP")]
