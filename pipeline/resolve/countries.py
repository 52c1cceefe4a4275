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

Titles and free text go through the same exact resolution: `countries_in_title`
splits a relations title into names and resolves each, and `find_countries`
matches every spelling `resolve_country` accepts and resolves what it matched,
so a country is never found in text under a name it would not resolve by.

Codes are ISO 3166-1 alpha-3; states that no longer exist keep their ISO 3166-3
alpha-3 code (SUN, YMD, CSK, DDR, YUG). The display name is the alias table's
`display_name` for the code if it gives one, else pycountry's `common_name`,
else its `name`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.knowledge import country_alias_rows, demonym_rows, home_country_code, territory_rows
from pipeline.text import fold, matches_after, per_document, trie_alternation, words_alternation

ALIASES_FILE = "pipeline/knowledge/country_aliases.csv"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    note: str | None = None


def normalise(name: str) -> str:
    """The lookup key of a name: typography folded, spaces collapsed, case folded, no leading 'the'."""
    key = re.sub(r"\s+", " ", fold(name)).strip().casefold()
    return key.removeprefix("the ")


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
    rows = [
        Alias(r["alias"], r["code"] or None, r["display_name"] or None, r["note"] or None) for r in country_alias_rows()
    ]
    table: dict[str, Alias] = {}
    for row in rows:
        key = normalise(row.alias)
        if key in table:
            raise ValueError(f"{ALIASES_FILE}: alias {row.alias!r} appears twice")
        table[key] = row
    return table


@lru_cache(maxsize=1)
def _display_overrides() -> dict[str, str]:
    overrides: dict[str, str] = {}
    for row in aliases().values():
        if row.code and row.display_name:
            if overrides.get(row.code, row.display_name) != row.display_name:
                raise ValueError(f"{ALIASES_FILE}: two display names for {row.code}")
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
        raise KeyError(f"no display name for {code}: add one in {ALIASES_FILE}")
    return getattr(record, "common_name", None) or record.name


def _code_as_written(name: str) -> str | None:
    """An alpha-3 code written as one ('CAN', 'SUN'); lower-case 'can' is a word, not a code."""
    written = name.strip()
    if not re.fullmatch(r"[A-Z]{3}", written):
        return None
    record = pycountry.countries.get(alpha_3=written) or pycountry.historic_countries.get(alpha_3=written)
    return record.alpha_3 if record else None


# --- resolving one name --------------------------------------------------------


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=1)
def home_country() -> Country:
    """The country whose relations the dataset describes (pipeline/knowledge/dataset.toml)."""
    code = home_country_code()
    return Country(code, display_name(code))


# --- titles --------------------------------------------------------------------

_FOREIGN_RELATIONS_OF = re.compile(r"foreign relations of (?P<names>.+)", re.IGNORECASE)
_RELATIONS = re.compile(r"(?P<names>.+?) relations", re.IGNORECASE)
_AND = re.compile(r"(?P<names>.+? and .+)", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"( ?- ?| and )", re.IGNORECASE)


def countries_in_title(title: str) -> list[Country]:
    return list(_countries_in_title(title))


@lru_cache(maxsize=65536)
def _countries_in_title(title: str) -> tuple[Country, ...]:
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
            return tuple(unique_countries(_split_names(match["names"])))
    return ()


def _split_names(names: str) -> list[Country]:
    """Split 'A–B' or 'A and B' into countries, taking the longest run of parts that resolves.

    Separators also occur inside names ('Guinea-Bissau', 'Trinidad and
    Tobago'), so from each part we first try joining as many following parts
    as possible and shorten until a name resolves; a part that starts no name
    is skipped.
    """
    pieces = _TITLE_SEPARATOR.split(names)  # part, separator, part, separator, ..., part
    part_count = len(pieces) // 2 + 1
    found: list[Country] = []
    start = 0
    while start < part_count:
        for end in range(part_count, start, -1):
            country = resolve_country("".join(pieces[2 * start : 2 * end - 1]))
            if country is not None:
                found.append(country)
                start = end
                break
        else:
            start += 1
    return found


def unique_countries(countries) -> list[Country]:
    """Each country once (by code), in first-seen order."""
    seen, unique = set(), []
    for country in countries:
        if country.code not in seen:
            seen.add(country.code)
            unique.append(country)
    return unique


# --- free text -----------------------------------------------------------------


@dataclass(frozen=True)
class CountryMention:
    country: Country
    start: int
    end: int
    text: str


def find_countries(text: str) -> list[CountryMention]:
    """Every country named in free text, left to right, longest name first, on word boundaries.

    Matching is case-sensitive on the capitalised name (or the name in
    capitals, for headings like 'NORTH KOREA'), so 'chinaware' and the word
    'turkey' are not countries. Each match is resolved by `resolve_country`, so
    text and single-name lookups always agree; names in the alias table with
    no code ('Latin America', 'New Mexico') are matched and then dropped, which
    keeps 'America' and 'Mexico' from being found inside them. Ambiguity that
    spelling cannot settle ('Georgia' the country or the US state) is left to
    the caller.
    """
    return list(_find_countries(text))


@per_document
def _find_countries(text: str) -> tuple[CountryMention, ...]:
    folded = fold(text)
    mentions = []
    for match in matches_after(_name_pattern(), folded, _WORD_CHARACTER):
        country = resolve_country(match.group(0))
        if country is not None:
            mentions.append(CountryMention(country, match.start(), match.end(), text[match.start() : match.end()]))
    return tuple(mentions)


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    """One alternation of every known spelling, longest first, built on first use rather than at import.

    A name followed by '$' is a currency prefix ('US$7.4 billion'), not a mention.
    A name right after a word character is none either: find_countries checks that (`matches_after`).
    """
    return re.compile(rf"(?:{trie_alternation(_spellings(), _spelling_atoms)})(?![\w$])")


_WORD_CHARACTER = re.compile(r"\w")  # a name starts no mention right after one (see find_countries)


def _spellings() -> set[str]:
    """Every name resolve_country accepts, as written (the leading 'the' dropped), and in capitals."""
    names = [alias.alias for alias in aliases().values()]
    for record in pycountry.countries:
        names += [getattr(record, field, None) for field in ("name", "common_name", "official_name")]
    names += [record.name for record in pycountry.historic_countries]
    written = {re.sub(r"^the ", "", fold(name), flags=re.IGNORECASE) for name in names if name}
    return written | {name.upper() for name in written}


_ANY_CASE_WORDS = {"the", "of", "and"}


def _spelling_atoms(spelling: str) -> list[str]:
    """A spelling as regex fragments for the trie: one per character, any run of spaces, 'the'/'of'/'and' in any case.

    Names capitalise their small words inconsistently ('The Commonwealth of The Bahamas' beside pycountry's
    'Commonwealth of the Bahamas'); the words that carry the name stay case-sensitive.
    """
    atoms: list[str] = []
    for number, word in enumerate(spelling.split()):
        if number:
            atoms.append(r"\s+")
        atoms.extend([f"(?i:{re.escape(word)})"] if word.lower() in _ANY_CASE_WORDS else [re.escape(c) for c in word])
    return atoms


# --- demonyms ------------------------------------------------------------------


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str | None]:
    """demonyms.csv keyed by case-folded demonym; None for an ambiguous one ('Congolese', 'Guinean', 'Georgian').

    A demonym is only evidence, never a name: an ambiguous one resolves to nothing rather than to a guess.
    """
    return {normalise(row["demonym"]): row["code"] or None for row in demonym_rows()}


def resolve_demonym(word: str) -> Country | None:
    """The country of a demonym ('Soviet' -> SUN); the plural of a people ('Americans') counts too."""
    key = normalise(word)
    table = demonyms()
    code = table[key] if key in table else (table.get(key[:-1]) if key.endswith("s") else None)
    return Country(code, display_name(code)) if code else None


@lru_cache(maxsize=1)
def _multiword_demonym_pattern() -> re.Pattern[str] | None:
    """Demonyms of several words ('South African', 'New Zealander'), longest first, capitalised as written."""
    spellings = {d for d in (row["demonym"] for row in demonym_rows()) if " " in d}
    if not spellings:
        return None
    return re.compile(rf"(?<![\w-])(?:{words_alternation(spellings)})s?(?![\w-])")


def find_multiword_demonyms(text: str) -> list[CountryMention]:
    """Multi-word demonyms in free text ('the South African delegation'); ambiguous ones are matched and dropped.

    Matching them whole keeps their last word from being read alone ('Guinean' in 'Equatorial Guinean').
    Returns every match, with `country` None for an ambiguous one, so callers can mask the span.
    """
    pattern = _multiword_demonym_pattern()
    if pattern is None or " " not in text:
        return []
    return [
        CountryMention(resolve_demonym(m.group(0)), m.start(), m.end(), m.group(0))
        for m in pattern.finditer(fold(text))
    ]


# --- places inside a country ------------------------------------------------------


@lru_cache(maxsize=1)
def _subdivision_index() -> dict[str, str | None]:
    """Top-level ISO 3166-2 subdivision names ('Alaska', 'Quebec') -> alpha-3; None where two countries share one."""
    index: dict[str, str | None] = {}
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue
        key = normalise(subdivision.name)
        code = pycountry.countries.get(alpha_2=subdivision.country_code).alpha_3
        index[key] = code if index.get(key, code) == code else None
    return index


def subdivision_country(name: str) -> Country | None:
    """The country a first-level subdivision belongs to, by exact ISO 3166-2 name: 'Alaska' -> USA, 'Quebec' -> CAN.

    For telling a place inside a country from a country: 'Alaska' is no country (resolve_country gives None)
    but lies in the United States. A name two countries use ('Punjab') gives None. A name that is both a
    country and a subdivision ('Georgia') is resolved here as the subdivision; the caller decides which it
    means, as resolve_country decides for the country.
    """
    code = _subdivision_index().get(normalise(name))
    return Country(code, display_name(code)) if code else None


def is_territory(code: str) -> bool:
    """Whether an ISO code is a dependent territory rather than a state (GRL, PRI, HKG), per territories.csv.

    The countries table keeps territories as codes; callers that want a sending or receiving state use this to
    tell 'Greenland' (a code, a territory of Denmark) from 'Denmark'. States that no longer exist (SUN) are states.
    """
    return code in _territory_codes()


@lru_cache(maxsize=1)
def _territory_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in territory_rows())
