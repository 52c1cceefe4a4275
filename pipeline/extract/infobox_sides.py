"""The two sides of a bilateral infobox: 'MissionN', 'EnvoytitleN' and 'EnvoyN' of one number are one side.

A bilateral relations infobox lists, for each of its two countries, that country's mission in the other and
the envoy heading it:

    - Mission1: High Commission of Ghana, Ottawa
    - Mission2: High Commission of Canada, Accra
    - Envoytitle1: High Commissioner of Ghana to Canada
    - Envoy1: Ann Example

Entries pair by their number wherever they stand (never by adjacency), and the first-listed country may be
either one (a 'Ghana–Canada' infobox in a 'Canada–Ghana relations' article). So each side's sender and
receiver are read from what its own entries say (the title's 'of Ghana to Canada', the mission's 'of Ghana'),
then from the other side (the reverse of it), and only as a last resort from the order of the document's
title (side 1 sent by the first country named).

Values may carry leftovers of templates lost in conversion: a leading comma (', Ottawa'), empty parentheses
('()'), stray separators; `clean_value` removes them. 'Vacant' (or an empty value) names nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.documents.model import InfoboxEntry
from pipeline.extract.base import DocumentContext
from pipeline.extract.mission_words import BARE_MISSION, MISSION_WORDS
from pipeline.extract.prose import countries_named, country_in_phrase, other_subject_country
from pipeline.extract.titles import Title, read_title
from pipeline.resolve.countries import Country, resolve_country
from pipeline.resolve.places import resolve_region

_MISSION_KEY = re.compile(r"^mission\s*(?P<n>\d*)$", re.IGNORECASE)
_TITLE_KEY = re.compile(r"^envoy\s*title\s*(?P<n>\d*)$", re.IGNORECASE)
_ENVOY_KEY = re.compile(r"^envoy\s*(?P<n>\d*)$", re.IGNORECASE)

_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]|\{\s*\}")
_SEPARATOR = r"[\s,;:|/·•–—-]"
_EDGE_SEPARATORS = re.compile(rf"^{_SEPARATOR}+|{_SEPARATOR}+$")
_REPEATED_COMMAS = re.compile(r"\s*,(?:\s*,)+")
# A value that names no holder: 'Vacant', 'None', 'TBA', '—'.
VACANT = re.compile(r"^(?:vacant|none|tba|tbd|n/?a|unknown|position\s+vacant)?$", re.IGNORECASE)
# Several missions in one value: 'Embassy of Canada, Tokyo; Consulates-General: Osaka, Nagoya'.
_STATEMENTS = re.compile(r"\s*(?:;|<br\s*/?>)\s*", re.IGNORECASE)
# 'Consulates-General: Osaka, Nagoya and Sapporo', 'Consulates General in Toronto and Vancouver'.
_LISTED_CITIES = re.compile(
    rf"^(?P<name>[^:,]*?(?:{MISSION_WORDS.pattern})[^:,]*?)(?::\s*|\s+in\s+)(?P<places>.+)$", re.I
)
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# Parts of one mission value: 'Embassy of Canada, Tokyo', 'Embassy of Canada – Tokyo', 'Embassy (Tokyo)'.
_VALUE_PARTS = re.compile(r"\s*(?:,|\s[–—·|/-]\s|\(|\))\s*")


@dataclass
class InfoboxMission:
    """One mission as an infobox value states it ('High Commission of India, Ottawa')."""

    name: str | None
    type_words: str | None
    sender: Country | None
    host: Country | None
    city: str | None


@dataclass
class Side:
    """One numbered side of the infobox: who sends, who receives, and its entries."""

    number: str
    sender: Country | None = None
    receiver: Country | None = None
    title: Title | None = None
    title_entry: InfoboxEntry | None = None
    envoy_entry: InfoboxEntry | None = None
    mission_entries: list[InfoboxEntry] = field(default_factory=list)
    missions: list[tuple[InfoboxEntry, InfoboxMission]] = field(default_factory=list)
    from_title_order: bool = False


def clean_value(value: str) -> str:
    """', Ottawa ()' -> 'Ottawa': empty brackets, repeated commas and separators at either end removed."""
    cleaned = _EMPTY_BRACKETS.sub("", value or "")
    cleaned = _REPEATED_COMMAS.sub(",", cleaned)
    return _EDGE_SEPARATORS.sub("", re.sub(r"\s+", " ", cleaned)).strip()


def infobox_sides(context: DocumentContext) -> list[Side]:
    """Every numbered side of the document's infobox, in number order, with its sender and receiver filled in."""
    sides: dict[str, Side] = {}
    for entry in context.document.infobox:
        for pattern, slot in ((_MISSION_KEY, "mission"), (_TITLE_KEY, "title"), (_ENVOY_KEY, "envoy")):
            match = pattern.match(entry.key.strip())
            if match:
                side = sides.setdefault(match.group("n"), Side(match.group("n")))
                _attach(side, slot, entry)
                break
    ordered = [sides[n] for n in sorted(sides, key=lambda n: (len(n), n))]
    for side in ordered:
        _own_reading(context, side)
    _from_the_other_side(context, ordered)
    return ordered


def _attach(side: Side, slot: str, entry: InfoboxEntry) -> None:
    if slot == "mission":
        side.mission_entries.append(entry)
        lost_name = entry.value.strip().startswith(",")
        for statement in _STATEMENTS.split(clean_value(entry.value)):
            for mission in read_mission_value(statement, starts_with_name=not lost_name):
                side.missions.append((entry, mission))
    elif slot == "title":
        side.title_entry = entry
        side.title = read_title(clean_value(entry.value))
    else:
        side.envoy_entry = entry


def read_mission_value(value: str, starts_with_name: bool = True) -> list[InfoboxMission]:
    """'High Commission of Ghana, Ottawa' -> the name, its type words, Ghana as sender, Ottawa as city.

    The first part is the mission's name when it holds mission words, or when other parts follow it; a
    value left with only a place ('Ottawa', from ', Ottawa') has no name. A later part that is a country
    names the host; one that is a region ('Alaska') names the host's country; the first other part is the city.
    A name followed by 'in' or a colon lists its cities ('Consulates-General: Osaka, Nagoya and
    Sapporo'): one mission per city.
    """
    listed = _LISTED_CITIES.match(clean_value(value))
    if listed:
        return _listed_missions(listed.group("name"), listed.group("places"))
    parts = [p for p in (clean_value(p) for p in _VALUE_PARTS.split(value)) if p]
    if not parts:
        return []
    name = None
    if MISSION_WORDS.search(parts[0]) or BARE_MISSION.search(parts[0]) or (starts_with_name and len(parts) > 1):
        name = parts.pop(0)
    host, city = None, None
    for part in parts:
        country = resolve_country(part)
        region = resolve_region(part) if country is None and city is not None else None
        if country is not None:
            host = host or country
        elif region is not None and not region.city_like:
            host = host or region.country
        elif city is None:
            city = part
    return [_named_mission(name, host, city)]


def _listed_missions(name: str, places: str) -> list[InfoboxMission]:
    named = [clean_value(p) for p in _LIST_SEPARATOR.split(places) if clean_value(p)]
    hosts = [c for c in map(resolve_country, named) if c is not None]
    cities = [p for p in named if resolve_country(p) is None]
    return [_named_mission(name, hosts[0] if hosts else None, city) for city in cities or [None]]


def _named_mission(name: str | None, host: Country | None, city: str | None) -> InfoboxMission:
    type_match = MISSION_WORDS.search(name) if name else None
    type_words = type_match.group() if type_match else name
    return InfoboxMission(name, type_words, sender_in_name(name, type_match) if name else None, host, city)


def sender_in_name(name: str, type_match: re.Match | None) -> Country | None:
    """'Canadian Embassy', 'Embassy of Canada', 'High Commission of India': the country the name belongs to."""
    if type_match:
        after = re.match(r"\s+of\s+(?:the\s+)?(?P<sender>[^,()]+?)(?:\s+(?:to|in|at)\s+.*)?$", name[type_match.end() :])
        if after:
            country = country_in_phrase(after.group("sender"))
            if country:
                return country
        before = country_in_phrase(name[: type_match.start()])
        if before:
            return before
    named = countries_named(name)
    return named[0].country if named else None


def _own_reading(context: DocumentContext, side: Side) -> None:
    """The side's countries from its title, then its mission, then the document's other country."""
    title = side.title
    mission = side.missions[0][1] if side.missions else None
    side.sender = (title.sender if title else None) or (mission.sender if mission else None)
    receiver_named = bool(title and title.receiver_named)
    if not receiver_named:
        side.receiver = (title.receiver if title else None) or (mission.host if mission else None)
    if side.sender and not side.receiver and not receiver_named:
        side.receiver = other_subject_country(context.subject, side.sender)
    elif side.receiver and not side.sender:
        side.sender = other_subject_country(context.subject, side.receiver)


def _from_the_other_side(context: DocumentContext, sides: list[Side]) -> None:
    """A side that names neither country is the reverse of the other side; failing that, the title's order."""
    unknown = [s for s in sides if s.sender is None and s.receiver is None]
    known = [s for s in sides if s.sender is not None and s.receiver is not None]
    for side in unknown:
        if len(sides) == 2 and len(known) == 1:
            side.sender, side.receiver = known[0].receiver, known[0].sender
            continue
        countries = context.subject.countries
        if len(countries) == 2 and side.number in ("1", "2"):
            first, second = countries if side.number == "1" else tuple(reversed(countries))
            side.sender, side.receiver, side.from_title_order = first, second, True
