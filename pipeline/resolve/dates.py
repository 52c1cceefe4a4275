"""Dates as the texts give them, never more precise than written.

The sources state dates at different precisions ('1947-08-15', 'January 1952',
'1992'), so a date is kept as an ISO 8601 string cut to that precision plus a
precision word. Nothing is filled in: a missing day or month stays missing, an
impossible date ('31 February 2001') and a vague one ('1960s') yield nothing.

Three entry points: `parse_date` for a cell holding one date, `find_dates` for
dates in prose, and `parse_relation_dates` for 'Formal relations began' cells,
which may hold several periods ('1961-02 to 1991–12 2005–06').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MIN_YEAR, MAX_YEAR = 1000, 2199


@dataclass(frozen=True)
class PartialDate:
    value: str  # '1947-08-15' | '1928-12' | '1992'
    precision: str  # 'day' | 'month' | 'year'


@dataclass(frozen=True)
class DateMention:
    date: PartialDate
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RelationDates:
    start: PartialDate | None
    end: PartialDate | None
    status: str  # 'active' | 'ended' | 'suspended' | 'unknown'
    parsed: bool


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}

# Whole words only ('Mar' is not in 'Marsh'). Capitalised only: a lower-case
# 'may' or 'march' in prose is a verb far more often than a month.
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DASH = r"[-–—]"
# A number glued to a letter, a currency sign or a thousands separator
# ('FY2023', '$1200', '9,000') is not a year or a day.
_NOT_AFTER = r"(?<![\w$£€])(?<!\d[,.])"
# '1960s', "1960's", '1992.5' and '1234,567' are not years.
_YEAR_END = r"(?!\w)(?!['’]s\b)(?![,.]\d)"
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>\d{{4}})" + _YEAR_END

# One alternation, most precise form first, so that at any position the
# longest reading wins ('June 12, 1942' is a day, not a year).
DATE_RE = re.compile(
    "|".join(
        [
            # 15 April 1992, 12th of June 1942
            _NOT_AFTER + _DAY.format("dmy_d") + r"\s+(?:of\s+)?(?P<dmy_m>" + _MONTH + r")\s+" + _YEAR.format("dmy_y"),
            # May 20, 2002 / Sept. 5, 1990
            r"\b(?P<mdy_m>" + _MONTH + r")\s+" + _DAY.format("mdy_d") + r",?\s+" + _YEAR.format("mdy_y"),
            # January 1952
            r"\b(?P<my_m>" + _MONTH + r")\s+" + _YEAR.format("my_y"),
            # 1947-08-15, 1928-12, 1991–12, 1992. The month needs exactly two digits,
            # so '2023-2024' backtracks to the year 2023 and '1991-quasi' to 1991.
            _NOT_AFTER
            + r"(?P<iso_y>\d{4})(?:"
            + _DASH
            + r"(?P<iso_m>\d{2})(?:"
            + _DASH
            + r"(?P<iso_d>\d{2}))?)?"
            + _YEAR_END,
        ]
    )
)

# Punctuation around a lone date in a table cell: '(1992)', '1992.', '"1992"'.
_CELL_PUNCTUATION = " \t\r\n\xa0.,;:!?()[]{}\"'“”"


def _make(year: str, month: int | None = None, day: str | None = None) -> PartialDate | None:
    """Validate before formatting, so an impossible date is dropped, never clamped."""
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if month is None:
        return PartialDate(f"{y:04d}", "year")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(f"{y:04d}-{month:02d}", "month")
    try:
        return PartialDate(date(y, month, int(day)).isoformat(), "day")
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _from_match(match: re.Match) -> PartialDate | None:
    g = match.groupdict()
    if g["dmy_y"]:
        return _make(g["dmy_y"], _month(g["dmy_m"]), g["dmy_d"])
    if g["mdy_y"]:
        return _make(g["mdy_y"], _month(g["mdy_m"]), g["mdy_d"])
    if g["my_y"]:
        return _make(g["my_y"], _month(g["my_m"]))
    return _make(g["iso_y"], int(g["iso_m"]) if g["iso_m"] else None, g["iso_d"])


def parse_date(text: str) -> PartialDate | None:
    """Read a string that is one date and nothing else; anything more or less is None."""
    match = DATE_RE.fullmatch(text.strip(_CELL_PUNCTUATION))
    return _from_match(match) if match else None


def find_dates(text: str) -> list[DateMention]:
    """Every valid date in prose, in order.

    A matched but impossible date ('1992-13-40') is skipped whole rather than
    re-read as its year, because the writer did not mean that year alone.
    """
    mentions = []
    for match in DATE_RE.finditer(text):
        found = _from_match(match)
        if found:
            mentions.append(DateMention(found, match.start(), match.end(), match.group()))
    return mentions


# Text between two dates that makes the second one close the period the first
# one opened: '1955 ended 2012', '1961-02 to 1991–12', '1949–1970'.
_CLOSES_PERIOD = re.compile(r"(?:\bto|\buntil|\btill|\bended|\bsevered|\bbroken\s+off|" + _DASH + r")\s*$", re.I)
# Words after the last date that say the last period is over without a date.
_ENDED = re.compile(r"\b(?:ended|severed|broken\s+off)\b", re.I)
_SUSPENDED = re.compile(r"\bsuspended\b", re.I)


def _periods(text: str, mentions: list[DateMention]) -> list[list[PartialDate | None]]:
    """Group dates into [start, end] periods; a date not introduced by a closing word opens a new one."""
    periods: list[list[PartialDate | None]] = []
    previous_end = 0
    for mention in mentions:
        closes = _CLOSES_PERIOD.search(text[previous_end : mention.start])
        if closes and periods and periods[-1][1] is None:
            periods[-1][1] = mention.date
        elif closes and not periods:
            periods.append([None, mention.date])
        else:
            periods.append([mention.date, None])
        previous_end = mention.end
    return periods


def parse_relation_dates(raw: str | None) -> RelationDates:
    """Summarise a relations cell as first start, last end and current status.

    A cell may list several periods (broken off, re-established). The start is
    the start of the first period; the end and the status come from the last
    period, so relations that were re-established count as active.
    """
    text = (raw or "").strip()
    if not text:
        return RelationDates(None, None, "unknown", parsed=True)
    mentions = find_dates(text)
    periods = _periods(text, mentions)
    start = periods[0][0] if periods else None
    end = periods[-1][1] if periods else None
    tail = text[mentions[-1].end :] if mentions else text
    if _SUSPENDED.search(text):
        status = "suspended"
    elif end is not None or _ENDED.search(tail):
        status = "ended"
    elif periods:
        status = "active"
    else:
        status = "unknown"
    return RelationDates(start, end, status, parsed=bool(mentions))
