"""missions: embassies, consulates and missions to organizations, one row per place per statement.

Three shapes state missions, and each is read by its structure:

- an infobox entry 'Mission1: Canadian Embassy, Moscow': the sender from the
  demonym or name, the type from its words, the city after the comma;
- a table column headed 'Mission of <country>', whose cells read 'Mission of
  Canada to: the UN in New York, UNESCO in Paris': one row per body and
  city, accredited to the organization;
- a sentence naming a mission type and its places, 'Canada has an embassy in
  Washington, D.C. and consulates general in Atlanta, Boston, ... and
  Seattle': one row per city.

The sender is the country the statement names (a demonym, 'of Canada', the
sentence's subject). The host is the country the text names ('represented in
Russia', 'across Canada'), else, for a document about two countries, the
other one. A city alone never names its country: an unstated host stays null
with a quality issue. Mission type words outside the vocabulary publish as
'other' with the words kept in `mission_type_raw`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import Sentence, Table
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import countries_named, country_in_phrase, other_subject_country, prose_units
from pipeline.resolve.countries import Country, resolve_country
from pipeline.resolve.organizations import Organization, find_organizations, lookup, registry

TABLE = "missions"

# (mission type, words as written) in priority order: the longer phrase wins at one position.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("honorary consulate", r"honorary\s+consulates?(?:[-\s]general)?"),
    ("consulate general", r"consulates?[-\s]general"),
    ("consulate", r"consulates?"),
    ("embassy", r"embass(?:y|ies)"),
    ("high commission", r"high\s+commissions?"),
    ("permanent mission", r"permanent\s+(?:missions?|delegations?)"),
    ("other", r"legations?"),
)
_MISSION_WORDS = re.compile(r"\b(?:" + "|".join(f"(?:{words})" for _, words in _TYPE_WORDS) + r")\b", re.IGNORECASE)
# Named for an organization, a bare 'Mission' is a permanent mission ('Mission of Canada to the North Atlantic Council').
_BARE_MISSION = re.compile(r"^missions?$", re.IGNORECASE)

# A place as written: capitalised words, abbreviations ('St.', 'D.C.'), a joining 'of'/'de', and a ', D.C.'-style suffix.
_WORD = r"(?:(?:[A-Z]\.){2,}|St\.|[A-Z][\w'’-]*)"
_PLACE = rf"(?:the\s+)?{_WORD}(?:\s+(?:(?:of|de|del|la)\s+)?{_WORD})*(?:,\s+(?:[A-Z]\.){{2,}})?"
_PLACE_LIST = rf"{_PLACE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_PLACE})*"
_SPLIT_PLACES = re.compile(r"\s*,(?!\s*(?:[A-Z]\.){2,})\s*(?:and\s+)?|\s+and\s+")
# What may follow a mission word: 'of Canada', then 'in Toronto and Montreal', '(in Ottawa)', 'to the OAS', 'across Canada'.
_OF_SENDER = re.compile(rf"\s+of\s+(?P<sender>{_PLACE})")
_LOCATION = re.compile(rf"\s*\(?\s*(?P<preposition>in|at|across|to)\s+(?P<places>{_PLACE_LIST})\)?")
# The words just before a mission word that name its sender: 'Canadian Embassy', "Russia's consulates".
_SENDER_BEFORE = re.compile(rf"(?P<sender>{_WORD}(?:\s+{_WORD})*?)(?:['’]s)?\s+$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|to|across|at)\s+(?:the\s+)?$")

# A table column 'Mission of Canada' and its cells 'Mission of Canada to: the UN in New York, UNESCO in Paris'.
_MISSION_COLUMN = re.compile(r"^.*\bmissions?\s+of\s+(?P<sender>.+)$", re.IGNORECASE)
_MISSION_CELL = re.compile(r"^(?P<type>.*?\bmissions?)(?:\s+of\s+(?P<sender>.+?))?\s+to:?\s+(?P<targets>.+)$", re.IGNORECASE)
_TARGET = re.compile(rf"(?:^|,)\s*(?:the\s+)?(?P<body>[^,()]+?)(?:\s*\((?P<paren>[^()]+)\)|\s+in\s+(?P<city>{_PLACE}))\s*(?=,|$)")
_INFOBOX_KEY = re.compile(r"^mission\s*\d*$", re.IGNORECASE)


@dataclass
class _Mission:
    """One mission as read, before it becomes a row."""

    sender: Country | None
    host: Country | None
    city: str | None
    type_raw: str
    organization: Organization | None = None
    unregistered_body: str | None = None


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    _from_infobox(context, result)
    for table in context.document.tables:
        _from_table(context, result, table)
    for sentence in prose_units(context.document):
        _from_sentence(context, result, sentence)
    return result


# vocabulary -----------------------------------------------------------------


def mission_type(words: str, accredited: bool) -> str:
    """The vocabulary type for the words as written; unseen words are 'other'."""
    if accredited and _BARE_MISSION.match(words.strip()):
        return "permanent mission"
    for kind, pattern in _TYPE_WORDS:
        if re.search(rf"\b(?:{pattern})\b", words, re.IGNORECASE):
            return kind
    return "other"


# infobox ----------------------------------------------------------------------


def _from_infobox(context: DocumentContext, result: Extraction) -> None:
    """'Mission1: Canadian Embassy, Moscow': the name before the first comma, then the city and maybe a country."""
    for entry in context.document.infobox:
        if not _INFOBOX_KEY.match(entry.key) or not entry.value:
            continue
        name, *places = [part.strip() for part in entry.value.split(",")]
        host = next((c for c in map(resolve_country, places) if c is not None), None)
        city = next((p for p in places if resolve_country(p) is None), None)
        type_match = _MISSION_WORDS.search(name)
        type_raw = type_match.group() if type_match else name
        sender = _sender_in_name(name, type_match)
        host = host or other_subject_country(context.subject, sender)
        evidence = f"{entry.key}: {entry.value}"
        _emit(context, result, _Mission(sender, host, city, type_raw), entry.line, evidence)


def _sender_in_name(name: str, type_match: re.Match | None) -> Country | None:
    """'Canadian Embassy' or 'Embassy of Canada'."""
    if type_match:
        after = _OF_SENDER.match(name, type_match.end())
        if after:
            return country_in_phrase(after.group("sender"))
        before = country_in_phrase(name[: type_match.start()])
        if before:
            return before
    named = countries_named(name)
    return named[0].country if named else None


# tables -------------------------------------------------------------------------


def _from_table(context: DocumentContext, result: Extraction, table: Table) -> None:
    """Rows of a table with a 'Mission of <country>' column; every row gives rows or a quality issue."""
    column = next((h for h in table.header if _MISSION_COLUMN.match(h)), None)
    if column is None:
        return
    column_sender = country_in_phrase(_MISSION_COLUMN.match(column).group("sender"))
    for row in table.rows:
        cell = _MISSION_CELL.match(row.get(column))
        targets = list(_TARGET.finditer(cell.group("targets"))) if cell else []
        if not targets:
            result.issue(TABLE, context.source_id, row.line, "unparsed_mission", f"no 'Mission of ... to <body> (<city>)' in the {column!r} cell {row.get(column)!r}")
            continue
        sender = country_in_phrase(cell.group("sender")) or column_sender
        for target in targets:
            mission = _table_target(target, sender, cell.group("type"))
            _emit(context, result, mission, row.line, row.text)


def _table_target(target: re.Match, sender: Country | None, type_raw: str) -> _Mission:
    body = target.group("body").strip()
    city = (target.group("paren") or target.group("city") or "").strip() or None
    organization = lookup(body) or _only_organization(body)
    host = resolve_country(body)
    mission = _Mission(sender, host, city, type_raw.strip(), organization)
    if organization is None and host is None:
        mission.unregistered_body = body
    return mission


def _only_organization(text: str) -> Organization | None:
    """The organization a longer phrase names, when it names exactly one."""
    mentions = find_organizations(text)
    return registry()[mentions[0].org_id] if len(mentions) == 1 else None


# prose --------------------------------------------------------------------------


def _from_sentence(context: DocumentContext, result: Extraction, sentence: Sentence) -> None:
    text = sentence.text
    for match in _MISSION_WORDS.finditer(text):
        sender_after, places = _after_mission_word(text, match.end())
        if not places and sender_after is None:
            continue  # 'the embassy' with no place and no sender is a reference, not a statement
        prefix = text[: match.start()]
        sender = country_in_phrase(sender_after) or _sender_before(prefix) or _sentence_subject(prefix)
        for mission in _missions_at(context, prefix, match.group(), sender, places):
            _emit(context, result, mission, sentence.line, text)


def _after_mission_word(text: str, position: int) -> tuple[str | None, list[str]]:
    """'of Canada', then the places of every following 'in/at/across/to ...' phrase: ['Toronto', 'Montreal']."""
    sender = None
    of = _OF_SENDER.match(text, position)
    if of:
        sender, position = of.group("sender"), of.end()
    places: list[str] = []
    while (location := _LOCATION.match(text, position)) is not None:
        places += [re.sub(r"^the\s+", "", p.strip()) for p in _SPLIT_PLACES.split(location.group("places"))]
        position = location.end()
    return sender, places


def _sender_before(prefix: str) -> Country | None:
    before = _SENDER_BEFORE.search(prefix)
    return country_in_phrase(before.group("sender")) if before else None


def _sentence_subject(prefix: str) -> Country | None:
    """The first country named before the mission word that is not a location ('represented in Russia')."""
    for mention in countries_named(prefix):
        if not _LOCATIVE_BEFORE.search(prefix[: mention.start]):
            return mention.country
    return None


def _named_host(prefix: str, sender: Country | None) -> Country | None:
    """A country the sentence places the mission in before naming it: 'represented in Russia by an Embassy'."""
    for mention in countries_named(prefix):
        if _LOCATIVE_BEFORE.search(prefix[: mention.start]) and (sender is None or mention.country.code != sender.code):
            return mention.country
    return None


def _missions_at(context: DocumentContext, prefix: str, type_raw: str, sender: Country | None, places: list[str]) -> list[_Mission]:
    """One mission per city; a place that is an organization or a country says whom it is accredited to or where it is."""
    organization, host, cities = None, None, []
    for place in places:
        as_organization, as_country = lookup(place), resolve_country(place)
        organization = organization or as_organization
        host = host or as_country
        if as_organization is None and as_country is None:
            cities.append(place)
    host = host or _named_host(prefix, sender)
    if host is None and organization is None:
        host = other_subject_country(context.subject, sender)
    return [_Mission(sender, host, city, type_raw, organization) for city in (cities or [None])]


# rows -----------------------------------------------------------------------------


def _emit(context: DocumentContext, result: Extraction, mission: _Mission, line: int, evidence: str) -> None:
    """Add the mission's row (once per key) and a quality issue for each thing it leaves unresolved."""
    kind = mission_type(mission.type_raw, accredited=mission.organization is not None)
    row = {
        "sending_country_code": _code(mission.sender),
        "host_country_code": _code(mission.host),
        "city": mission.city,
        "mission_type": kind,
        "mission_type_raw": mission.type_raw,
        "accredited_to": mission.organization.org_id if mission.organization else None,
        "source_id": context.source_id,
        "line": line,
        "evidence": evidence,
    }
    if result.add_once(TABLE, row):
        for issue_kind, detail in _unresolved(mission, kind):
            result.issue(TABLE, context.source_id, line, issue_kind, detail)


def _unresolved(mission: _Mission, kind: str) -> list[tuple[str, str]]:
    where = f"in {mission.city}" if mission.city else "with no city"
    found = []
    if kind == "other":
        found.append(("unknown_mission_type", f"{mission.type_raw!r} is not in the mission type vocabulary; published as 'other'"))
    if mission.sender is None:
        found.append(("unresolved_country", f"the text names no sending country for the {kind} {where}"))
    if mission.host is None:
        because = "; a city alone does not name its country" if mission.city else ""
        found.append(("unresolved_country", f"no host country stated for the {kind} {where}{because}"))
    if mission.city is None:
        found.append(("missing_city", f"the {kind} of {_code(mission.sender) or 'an unnamed country'} is stated without a city"))
    if mission.unregistered_body:
        found.append(("unregistered_organization", f"mission to {mission.unregistered_body!r}, which is neither a registry organization nor a country"))
    return found


def _code(country: Country | None) -> str | None:
    return country.code if country else None
