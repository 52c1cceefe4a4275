"""Places below the country: provinces, states and territories, read from ISO 3166-2.

A mission's place is written as a city, often with the region it lies in
('a consulate in Juneau, Alaska'; 'Kelowna, British Columbia'). The region is
not a second city: it names the city's country (Alaska is in the United States). Which names are regions, and of which
country, comes from a maintained dataset, ISO 3166-2 as pycountry ships it
(`pycountry.subdivisions`, each with its code, name, type and country), never
from a list typed into code; this module has no list of cities at all.

ISO 3166-2 also lists cities and municipalities as subdivisions ('Kyiv' is
UA-30, type 'City'), and many regions share a famous city's name ('New York',
'Paris', 'Tokyo'). So a region here only says what the name CAN be; whether a
place in a sentence is a city or a region is decided by how it is written
(`Region.city_like` tells the two kinds of subdivision apart for that).

Names are matched exactly after folding case, typography and accents
('Québec' = 'Quebec'); the alternative names ISO 3166-2 gives in brackets
('Barcelona [Barcelona]', 'Wales [Cymru GB-CYM]') count too. A name that is a
subdivision of several countries ('Punjab': India and Pakistan) keeps every
country, and resolves to one only when the caller's preferred countries (a
document's subject countries) single one out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.resolve.countries import Country, display_name
from pipeline.text import fold

# ISO 3166-2 subdivision types that are a town or part of one rather than a region of a country
# ('City', 'Capital district', 'Urban municipality', 'London borough', 'Quarter', 'Ward').
_CITY_LIKE_TYPE = re.compile(
    r"\b(?:city|cities|municipalit\w*|commune|town|borough|capital|quarter|ward|precinct|urban|council)\b",
    re.IGNORECASE,
)
_STATE_TYPE = re.compile(r"\b(?:state|province|territory)\b", re.IGNORECASE)
# 'Wales [Cymru GB-CYM]', 'Sofia (stolitsa)': the bracketed part is another name, or a code to drop.
_BRACKETED = re.compile(r"\s*[\[(]([^\])]*)[\])]")
_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


@dataclass(frozen=True)
class Region:
    """A subdivision name as ISO 3166-2 gives it, with every country that has a subdivision of that name."""

    name: str
    codes: tuple[str, ...]
    countries: tuple[Country, ...]
    city_like: bool
    kinds: tuple[str, ...] = ()  # the ISO 3166-2 types as given ('State', 'Province', 'City')

    @property
    def state_or_province(self) -> bool:
        """Whether every subdivision of the name is a state, province or territory ('Alaska', 'Quebec', 'New York')."""
        return bool(self.kinds) and all(_STATE_TYPE.search(kind) for kind in self.kinds)

    @property
    def country(self) -> Country | None:
        """The country, when the name belongs to one country only."""
        return self.countries[0] if len(self.countries) == 1 else None

    def country_among(self, preferred: Iterable[Country]) -> Country | None:
        """The region's country, or, for a name several countries share, the one preferred country among them."""
        if self.country is not None:
            return self.country
        wanted = {c.code for c in preferred}
        among = [c for c in self.countries if c.code in wanted]
        return among[0] if len(among) == 1 else None


def place_key(name: str) -> str:
    """The lookup key of a place name: typography and accents folded, spaces collapsed, case folded."""
    decomposed = unicodedata.normalize("NFKD", fold(name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain).strip().casefold().removeprefix("the ")


def resolve_region(name: str) -> Region | None:
    """The ISO 3166-2 subdivision(s) named exactly `name` ('Alaska' -> US-AK, United States); else None."""
    return _region(place_key(name)) if name else None


@lru_cache(maxsize=4096)
def _region(key: str) -> Region | None:
    subdivisions = _subdivisions_by_name().get(key)
    if not subdivisions:
        return None
    countries: dict[str, Country] = {}
    for _, country_code, _, _ in subdivisions:
        record = pycountry.countries.get(alpha_2=country_code)
        if record is not None:
            countries.setdefault(record.alpha_3, Country(record.alpha_3, display_name(record.alpha_3)))
    city_like = all(_CITY_LIKE_TYPE.search(kind) for _, _, kind, _ in subdivisions)
    codes = tuple(sorted(code for code, _, _, _ in subdivisions))
    kinds = tuple(sorted({kind for _, _, kind, _ in subdivisions}))
    return Region(subdivisions[0][3], codes, tuple(countries[c] for c in sorted(countries)), city_like, kinds)


@lru_cache(maxsize=1)
def _subdivisions_by_name() -> dict[str, tuple[tuple[str, str, str, str], ...]]:
    """Every spelling's key -> (code, alpha-2 country code, type, name) of each subdivision so named."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for subdivision in pycountry.subdivisions:
        name = _BRACKETED.sub("", subdivision.name)
        for spelling in _spellings(subdivision.name):
            key = place_key(spelling)
            if key:
                found.setdefault(key, []).append((subdivision.code, subdivision.country_code, subdivision.type, name))
    return {key: tuple(value) for key, value in found.items()}


def _spellings(name: str) -> list[str]:
    """'Barcelona [Barcelona]' -> ['Barcelona', 'Barcelona']; 'Wales [Cymru GB-CYM]' -> ['Wales', 'Cymru']."""
    spellings = [_BRACKETED.sub("", name)]
    for inner in _BRACKETED.findall(name):
        alternative = _CODE.sub("", inner).strip()
        if alternative and alternative[0].isupper():
            spellings.append(alternative)
    return spellings
