"""Country names to ISO 3166 codes, by exact lookup only.

Fuzzy matching is wrong in ways that look right: pycountry's `search_fuzzy`
maps 'Kosovo' to Serbia and 'Republic of Korea' to North Korea. So a name is
resolved only when it is, after light normalisation, exactly one of pycountry's
names, common names or official names, a historic (ISO 3166-3) country name, or
a row of our own alias table. Anything else is None, and the caller records a
quality issue instead of guessing.

The alias table (country_aliases.csv) is data in one place and holds only what
pycountry's exact lookups do not already get right: everyday names ('Russia',
'U.S.', 'Burma'), dissolved states ('Soviet Union' -> SUN), the user-assigned
Kosovo code XKX, display names where pycountry's is a list form ('Russian
Federation', 'Holy See (Vatican City State)'), and regions whose names contain
a country's ('Latin America'), which resolve to nothing.

Codes are ISO 3166-1 alpha-3; states that no longer exist keep their ISO 3166-3
alpha-3 code (SUN, YMD, CSK, DDR, YUG). The display name is the alias table's
`display_name` for the code if it gives one, else pycountry's `common_name`,
else its `name`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

ALIASES_FILE = Path(__file__).with_name("country_aliases.csv")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    note: str | None = None


def normalise(name: str) -> str:
    """The lookup key of a name: typography folded, spaces collapsed, case folded, no leading 'the'."""
    key = re.sub(r"\s+", " ", fold(name)).strip().casefold()
    return key.removeprefix("the ")


def fold(text: str) -> str:
    """Fold typographic variants without changing the string's length, so offsets into it stay valid."""
    return text.translate(_FOLD)


_FOLD = str.maketrans({"\u00a0": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-"})


# --- the alias table ---------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    """One row of country_aliases.csv; `code` None marks a name that is known not to be a country."""

    alias: str
    code: str | None
    display_name: str | None
    note: str | None


@lru_cache(maxsize=1)
def aliases() -> dict[str, Alias]:
    """The alias table keyed by normalised alias; a duplicate key is an error in the data, not a choice."""
    with ALIASES_FILE.open(newline="", encoding="utf-8") as handle:
        rows = [Alias(r["alias"], r["code"] or None, r["display_name"] or None, r["note"] or None) for r in csv.DictReader(handle)]
    table: dict[str, Alias] = {}
    for row in rows:
        key = normalise(row.alias)
        if key in table:
            raise ValueError(f"{ALIASES_FILE.name}: alias {row.alias!r} appears twice")
        table[key] = row
    return table


@lru_cache(maxsize=1)
def _display_overrides() -> dict[str, str]:
    overrides: dict[str, str] = {}
    for row in aliases().values():
        if row.code and row.display_name:
            if overrides.get(row.code, row.display_name) != row.display_name:
                raise ValueError(f"{ALIASES_FILE.name}: two display names for {row.code}")
            overrides[row.code] = row.display_name
    return overrides


# --- pycountry, exact lookups only ---------------------------------------------


def pycountry_code(key: str) -> str | None:
    """The alpha-3 code pycountry's exact name lookups give a normalised key, without our aliases.

    pycountry keeps a few official names with a leading 'the' ('the State of
    Eritrea') while our keys drop it, so both spellings are tried.
    """
    for candidate in (key, f"the {key}"):
        for field in ("name", "common_name", "official_name"):
            record = pycountry.countries.get(**{field: candidate})
            if record is not None:
                return record.alpha_3
        record = pycountry.historic_countries.get(name=candidate)
        if record is not None:
            return record.alpha_3
    return None


def display_name(code: str) -> str:
    """The common English name shown beside a code: alias table override, else common_name, else name."""
    if code in _display_overrides():
        return _display_overrides()[code]
    record = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    if record is None:
        raise KeyError(f"no display name for {code}: add one in {ALIASES_FILE.name}")
    return getattr(record, "common_name", None) or record.name


def _code_as_written(name: str) -> str | None:
    """An alpha-3 code written as one ('CAN', 'SUN'); lower-case 'can' is a word, not a code."""
    written = name.strip()
    if not re.fullmatch(r"[A-Z]{3}", written):
        return None
    record = pycountry.countries.get(alpha_3=written) or pycountry.historic_countries.get(alpha_3=written)
    return record.alpha_3 if record else None


# --- resolving one name --------------------------------------------------------


def resolve_country(name: str) -> Country | None:
    """Exact resolution of one name as written; None when unknown (callers record a quality issue).

    The alias table is consulted first so that our decisions win over
    pycountry's historic names ('East Timor' is Timor-Leste today, not TMP).
    """
    key = normalise(name)
    if not key:
        return None
    alias = aliases().get(key)
    if alias is not None:
        return Country(alias.code, display_name(alias.code), alias.note) if alias.code else None
    code = pycountry_code(key) or _code_as_written(name)
    return Country(code, display_name(code)) if code else None


# --- titles --------------------------------------------------------------------

_FOREIGN_RELATIONS_OF = re.compile(r"foreign relations of (?P<names>.+)", re.IGNORECASE)
_RELATIONS = re.compile(r"(?P<names>.+?) relations", re.IGNORECASE)
_AND = re.compile(r"(?P<names>.+? and .+)", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"( ?- ?| and )", re.IGNORECASE)


def countries_in_title(title: str) -> list[Country]:
    """Countries a document or article title is about, in title order, each once.

    Only three title forms are about countries: 'Foreign relations of X',
    'X–Y relations' and 'X and Y'. Anything else ('Embassy of Ukraine in
    Ottawa') names a country without being about it, so it gives []. Parts that
    are not countries ('the Americas', 'the Iraq War') are dropped.
    """
    text = re.sub(r"\s+", " ", fold(title)).strip()
    for form in (_FOREIGN_RELATIONS_OF, _RELATIONS, _AND):
        match = form.fullmatch(text)
        if match:
            return _unique(_split_names(match["names"]))
    return []


def _split_names(names: str) -> list[Country]:
    """Split 'A–B' or 'A and B' into countries, taking the longest run of parts that resolves.

    Separators also occur inside names ('Guinea-Bissau', 'Trinidad and
    Tobago'), so from each part we first try joining as many following parts
    as possible and shorten until a name resolves; a part that starts no name
    is skipped.
    """
    pieces = _TITLE_SEPARATOR.split(names)
    parts, separators = pieces[0::2], pieces[1::2]
    found: list[Country] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            candidate = parts[start] + "".join(separators[i] + parts[i + 1] for i in range(start, end - 1))
            country = resolve_country(candidate)
            if country is not None:
                found.append(country)
                start = end
                break
        else:
            start += 1
    return found


def _unique(found: list[Country]) -> list[Country]:
    """Keep each country's first appearance, so 'Canada–Europe and Canada–EU relations' names Canada once."""
    first: dict[str, Country] = {}
    for country in found:
        first.setdefault(country.code, country)
    return list(first.values())
