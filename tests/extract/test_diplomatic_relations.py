"""diplomatic_relations: every row of the numbered list, published with what it has."""

from collections import Counter

import pytest

from pipeline.extract import extract_document
from tests.conftest import WIKI_CANADA, raw_from_text

TABLE = "diplomatic_relations"


def rows_of(result) -> list[dict]:
    return result.extraction.rows.get(TABLE, [])


def issues_of(result) -> list:
    return [i for i in result.extraction.issues if i.table_name == TABLE]


@pytest.fixture(scope="module")
def canada(results) -> list[dict]:
    return rows_of(results[WIKI_CANADA])


def test_every_row_of_the_list(canada):
    assert len(canada) == 196
    numbered = [r["list_number"] for r in canada if r["list_number"] is not None]
    assert numbered == list(range(1, 191))
    assert sum(r["list_number"] is None for r in canada) == 6
    assert {r["country_code"] for r in canada} == {"CAN"}


def test_unnumbered_and_suspended_rows(canada):
    unnumbered = [r for r in canada if r["list_number"] is None]
    assert {r["evidence"].split("|")[1].strip() for r in unnumbered} == {"—"}
    suspended = [r for r in canada if r["suspended"]]
    assert len(suspended) == 2
    assert all(r["list_number"] is None and r["partner_name"] is None for r in suspended)
    assert all("(suspended)" in r["evidence"] for r in suspended)


def test_rows_keep_their_raw_line(documents, canada):
    table = next(t for t in documents[WIKI_CANADA].tables if t.header == ("#", "Country", "Date"))
    assert [r["line"] for r in canada] == [row.line for row in table.rows]
    assert [r["evidence"] for r in canada] == [row.text for row in table.rows]


def test_missing_countries_are_one_summary_issue(results, canada):
    issues = issues_of(results[WIKI_CANADA])
    assert [(i.kind, i.line) for i in issues] == [("unresolved_country", canada[0]["line"])]
    assert f"196 of 196 rows (lines {canada[0]['line']}–{canada[-1]['line']})" in issues[0].detail
    assert all(r["partner_name"] is None and r["partner_code"] is None and r["established_raw"] is None for r in canada)


SAMPLE = """= Foreign relations of Australia =

== Diplomatic relations ==
| # | Country | Date |
| 1 | United Kingdom | 1 January 1901 |
| 2 | Japan (suspended) | |
| — | | |
| 3 | Atlantis | sometime |
| 3a | Fiji | 1970 |
"""


@pytest.fixture(scope="module")
def sample():
    return extract_document(raw_from_text(SAMPLE))


def test_filled_cells_are_resolved_and_dates_read(sample):
    first = rows_of(sample)[0]
    assert (first["country_code"], first["list_number"], first["partner_name"], first["partner_code"]) == (
        "AUS",
        1,
        "United Kingdom",
        "GBR",
    )
    assert (first["established_raw"], first["established"], first["established_precision"], first["suspended"]) == (
        "1 January 1901",
        "1901-01-01",
        "day",
        False,
    )


def test_the_suspended_marker_is_stripped_from_the_partner(sample):
    second = rows_of(sample)[1]
    assert (second["partner_name"], second["partner_code"], second["suspended"]) == ("Japan", "JPN", True)


def test_what_cannot_be_read_is_reported(sample):
    kinds = Counter((i.line, i.kind) for i in issues_of(sample))
    lines = [r["line"] for r in rows_of(sample)]
    assert kinds == {
        (lines[2], "unresolved_country"): 1,
        (lines[3], "unresolved_country"): 1,
        (lines[3], "unparsed_date"): 1,
        (lines[4], "unparsed_number"): 1,
    }
    assert [r["list_number"] for r in rows_of(sample)] == [1, 2, None, 3, None]
    assert rows_of(sample)[3]["partner_name"] == "Atlantis" and rows_of(sample)[3]["partner_code"] is None
    summary = next(i for i in issues_of(sample) if i.line == lines[2])
    assert "1 of 5 rows" in summary.detail


REMARKS = """= Foreign relations of Peru =

==Diplomatic relations==
| # | Country | Date |
| 1 | Chile (suspended since 1978) | 1838 |
| 2 | Ecuador (relations broken off in 1962) | 1840 |
| — | Bolivia (de facto) | 12 May 1890 |
| 3 | Spain | 1879 (renewed) |
| 4 | Cuba | 1902 (frozen 1960–1972) |
"""


@pytest.fixture(scope="module")
def remarks():
    return extract_document(raw_from_text(REMARKS))


def test_a_parenthesised_remark_is_not_part_of_the_partner_and_a_suspension_in_any_words_sets_the_flag(remarks):
    rows = [
        (r["list_number"], r["partner_name"], r["partner_code"], r["established"], r["suspended"])
        for r in rows_of(remarks)
    ]
    assert rows == [
        (1, "Chile", "CHL", "1838", True),
        (2, "Ecuador", "ECU", "1840", True),
        (None, "Bolivia", "BOL", "1890-05-12", False),
        (3, "Spain", "ESP", "1879", False),
        (4, "Cuba", "CUB", "1902", True),
    ]


def test_a_remark_that_is_not_read_is_reported_not_dropped(remarks):
    unread = [(i.line, i.detail) for i in issues_of(remarks) if i.kind == "unread_remark"]
    assert [(line, "'de facto'" in detail or "'renewed'" in detail) for line, detail in unread] == [
        (7, True),
        (8, True),
    ]
    assert {i.kind for i in issues_of(remarks)} == {"unread_remark"}
