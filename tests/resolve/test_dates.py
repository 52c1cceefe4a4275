"""Dates keep the precision the text gives and are never invented."""

import pytest

from pipeline.resolve.dates import (
    DateMention,
    PartialDate,
    RelationDates,
    find_dates,
    parse_date,
    parse_relation_dates,
)
from schemas.dates import PRECISIONS


def day(value):
    return PartialDate(value, "day")


def month(value):
    return PartialDate(value, "month")


def year(value):
    return PartialDate(value, "year")


def test_precisions_are_the_contract_words():
    assert PRECISIONS == ("day", "month", "year")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1947-08-15", day("1947-08-15")),
        ("1928-12", month("1928-12")),
        ("1991–12", month("1991-12")),  # en dash
        ("1991—12", month("1991-12")),  # em dash
        ("1992", year("1992")),
        ("15 April 1992", day("1992-04-15")),
        ("9 August 1976", day("1976-08-09")),
        ("7 July 1978", day("1978-07-07")),
        ("January 1952", month("1952-01")),
        ("November 1981", month("1981-11")),
        ("May 20, 2002", day("2002-05-20")),
        ("June 12, 1942", day("1942-06-12")),
        ("13 October 1970", day("1970-10-13")),
        ("Sept. 5, 1990", day("1990-09-05")),
        ("Sep 5, 1990", day("1990-09-05")),
        ("Feb. 2001", month("2001-02")),
        ("Dec 1975", month("1975-12")),
        ("24th of February 2022", day("2022-02-24")),
        ("  (1992). ", year("1992")),
        ("29 February 2000", day("2000-02-29")),
    ],
)
def test_parse_date_keeps_the_written_precision(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1992-13",  # no month 13
        "1992-13-40",
        "2001-02-30",
        "31 February 2001",
        "29 February 2001",  # not a leap year
        "1960s",  # a decade is vaguer than a year
        "1990's",
        "the 20th century",
        "0999",  # outside 1000-2199
        "2200",
        "2023-2024",  # a range, not one date
        "1992 and 1993",
        "may 2002",  # lower case: a verb, not a month
        "",
        "n/a",
    ],
)
def test_parse_date_refuses_what_it_cannot_read_exactly(text):
    assert parse_date(text) is None


def test_find_dates_reads_a_day_sentence_as_one_mention():
    text = (
        "Diplomatic relations between the two countries were finally established on June 12, 1942, during World War II"
    )
    [mention] = find_dates(text)
    assert mention.date == day("1942-06-12")
    assert mention.text == "June 12, 1942"
    assert text[mention.start : mention.end] == "June 12, 1942"


def test_find_dates_returns_mentions_in_order_with_offsets():
    text = (
        "Canada established diplomatic relations with the People's Republic of China "
        "(13 October 1970) long before the Americans did (1 January 1979)."
    )
    mentions = find_dates(text)
    assert [m.date for m in mentions] == [day("1970-10-13"), day("1979-01-01")]
    assert [m.text for m in mentions] == ["13 October 1970", "1 January 1979"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(isinstance(m, DateMention) for m in mentions)


def test_find_dates_reads_a_fiscal_year_range_as_two_years_and_ignores_money():
    text = "In the 2023-2024 fiscal year, Canada spent $12 billion on foreign aid."
    assert [(m.date, m.text) for m in find_dates(text)] == [
        (year("2023"), "2023"),
        (year("2024"), "2024"),
    ]


def test_find_dates_reads_month_and_year():
    text = "The Canadian ambassador to Russia is Sarah Taylor, appointed in November 2023."
    assert [m.date for m in find_dates(text)] == [month("2023-11")]


@pytest.mark.parametrize(
    "text",
    [
        "a land border close to 9,000 km",
        "Canada spent $1500 on it",
        "the FY2020 budget",
        "during the 1960s and 1990s",
        "a figure of 1,2000 or 1992.5",
        "an error 1992-13-40 in the cell",  # impossible, and not re-read as the year 1992
        "on 31 February 2001",
    ],
)
def test_find_dates_finds_nothing_in_non_dates(text):
    assert find_dates(text) == []


def test_lower_case_may_is_not_a_month_so_only_the_year_is_read():
    assert [m.date for m in find_dates("they may 2020 be")] == [year("2020")]


def test_find_dates_year_range_with_en_dash_is_two_years():
    assert [m.date for m in find_dates("(Mackenzie King; 1922–1970)")] == [year("1922"), year("1970")]


@pytest.mark.parametrize(
    "raw, start, end, status",
    [
        ("1947-08-15", day("1947-08-15"), None, "active"),
        ("1928-12", month("1928-12"), None, "active"),
        ("1992", year("1992"), None, "active"),
        ("15 April 1992", day("1992-04-15"), None, "active"),
        ("January 1952", month("1952-01"), None, "active"),
        ("9 August 1976", day("1976-08-09"), None, "active"),
        ("November 1981", month("1981-11"), None, "active"),
        ("7 July 1978", day("1978-07-07"), None, "active"),
        ("May 20, 2002", day("2002-05-20"), None, "active"),
        ("1955 ended 2012", year("1955"), year("2012"), "ended"),
        ("1961-02 to 1991–12 2005–06", month("1961-02"), None, "active"),
        ("2001-02-06 to 2010-03-26", day("2001-02-06"), day("2010-03-26"), "ended"),
        ("1949–1970 official 1991-quasi-official", year("1949"), None, "active"),
        ("1960s 1968 (officially)", year("1968"), None, "active"),
        (
            "1975-12 (North Yemen) 1976-05 (South Yemen) 1989-09 (united Yemen)",
            month("1975-12"),
            None,
            "active",
        ),
        ("1970 severed", year("1970"), None, "ended"),
        ("1970 (relations broken off)", year("1970"), None, "ended"),
        ("1950 severed 1980", year("1950"), year("1980"), "ended"),
        ("1950 to 1980 1990 to 2000", year("1950"), year("2000"), "ended"),
        ("1950 to 1980 1990", year("1950"), None, "active"),
        ("1992 (suspended)", year("1992"), None, "suspended"),
        ("1961-02 to 1991–12 suspended", month("1961-02"), month("1991-12"), "suspended"),
    ],
)
def test_parse_relation_dates_reads_real_cells(raw, start, end, status):
    assert parse_relation_dates(raw) == RelationDates(start, end, status, parsed=True)


@pytest.mark.parametrize("raw", ["", None, "   "])
def test_empty_cell_has_nothing_to_parse(raw):
    assert parse_relation_dates(raw) == RelationDates(None, None, "unknown", parsed=True)


@pytest.mark.parametrize("raw", ["unknown", "n/a", "1960s", "the 20th century", "31 February 2001"])
def test_cell_with_text_but_no_date_is_reported_unparsed(raw):
    assert parse_relation_dates(raw) == RelationDates(None, None, "unknown", parsed=False)


def test_suspended_without_a_date_keeps_the_status_but_is_unparsed():
    assert parse_relation_dates("(suspended)") == RelationDates(None, None, "suspended", parsed=False)
