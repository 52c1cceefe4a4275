"""missions: embassies, consulates and missions to organizations, one row per place per statement.

Three shapes state missions, and each is read by its structure:

- an infobox entry 'Mission1: Canadian Embassy, Moscow': the sender from the
  demonym or name, the type from its words, the city after the comma; the
  countries a value leaves out come from the envoy title of the same number
  (see infobox_sides);
- a table column headed 'Mission of <country>', whose cells read 'Mission of
  Canada to: the UN in New York, UNESCO in Paris': one row per body and
  city, accredited to the organization;
- a sentence or list item naming a mission type and its places, 'Canada has an
  embassy in Washington, D.C. and consulates general in Atlanta, Boston, ...
  and Seattle', 'four consulates-general, in Calgary, Montreal, Toronto and
  Vancouver', 'by consulates general in Montreal, opened in 1990, and in
  Calgary', 'the Mission of Canada to the European Union, at 12 Example Avenue
  in Brussels', 'Vienna is also home to Canada's permanent missions to the OSCE
  and to the IAEA': one row per city (and per organization). A verb may stand
  between the mission word and its places, in any tense (knowledge/
  verb_families.csv, mission_stand): 'honorary consulates of Canada operate in
  ...', 'honorary consuls based in ...', 'the Embassy of Canada to Germany is on
  <street> in Berlin', 'moved from Bonn to Berlin' (the place it left is not
  where it is); a verb group that says it is only planned ('is to open in')
  gives a `planned_mission` issue, not a row;
- a list item under a lead-in that ends in a colon and speaks of missions
  ('Canada is represented in Mexico by:', 'Chile has the following missions in
  Peru:'): the item ('consulates in Guadalajara and Monterrey') takes the
  lead-in's sender and host where it names none.

Mission types outside the vocabulary are found by their slot, not by their words
(mission_words.py): the opening words of a list item under a mission lead-in
('eight consular agencies, in ...'), or a noun phrase headed by an office noun
(knowledge/mission_words.csv: agency, delegation, office, ...) after a holding
verb ('Canada also operates consular agencies in'), beside another mission ('an
embassy in X and a liaison office in Y'), or as a country's office sent to a
body ("Canada's Joint Delegation to NATO, in Brussels"). Such a row is 'other'
with the words in `mission_type_raw` and an `unknown_mission_type` issue; one
that no country is said to keep ('the EU opened its Delegation in Ottawa') is an
`unpublished_mission` issue.

The sender is the country the statement names (a demonym, 'of Canada', the
sentence's subject, the lead-in's). 'its' stands for the subject of its own
clause ('..., while Canada's only office in the country is its embassy in
Santiago'), and at the start of a sentence ('Its embassy in Canberra ...') for
the holder of the paragraph's earlier sentences, else the document's one
country; 'The embassy moved to ...' is the embassy the paragraph named last. The
host is the country the text names ('represented in Russia', 'In Canada, Chile
has ...', 'across Canada', 'to Belgium', a region after the city: 'Juneau,
Alaska'), else, for a document about two countries, the other one. A city alone
never names its country: an unstated host stays null with a quality issue.

A city is a city: a country or a region named after a city qualifies it
('Ilulissat, Greenland', 'Juneau, Alaska': Greenland and Alaska are not cities);
a country standing among cities is a city-state ('Shenyang, Hong Kong and
Wuhan'); a country alone names the host and no city ('embassies in
France and Germany'). Mission type words outside the vocabulary ('trade
offices', 'legation') publish as 'other' with the words kept in
`mission_type_raw` and a quality issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import Sentence, Table
from pipeline.extract.base import DocumentContext, Extraction, Subject
from pipeline.extract.infobox_sides import InfoboxMission, Side, infobox_sides
from pipeline.extract.lead_ins import lead_ins_by_item_line
from pipeline.extract.mission_words import (
    BARE_MISSION,
    DETERMINER,
    MISSION_WORDS,
    is_modifier,
    may_name_a_mission,
    mission_of_role,
    mission_type,
    office_heads,
    type_words_ending_at,
)
from pipeline.extract.phrases import UNREALIZED, verb_group
from pipeline.extract.prose import countries_named, country_in_phrase, other_subject_country, prose_units
from pipeline.extract.section_subject import SectionSubjects
from pipeline.resolve.countries import Country, resolve_country
from pipeline.resolve.dates import MONTHS
from pipeline.resolve.organizations import Organization, find_organizations, lookup, registry
from pipeline.resolve.places import resolve_region

TABLE = "missions"

__all__ = ["extract", "mission_type"]

# A place as written: capitalised words, abbreviations ('St.', 'D.C.'), a joining 'of'/'de',
# and a ', D.C.'-style suffix.
_WORD = r"(?:(?:[A-Z]\.){2,}|St\.|[A-Z][\w'’-]*)"
_PLACE = rf"(?:the\s+)?{_WORD}(?:\s+(?:(?:of|de|del|la|des|du)\s+)?{_WORD})*(?:,\s+(?:[A-Z]\.){{2,}})?"
# 'the old capital of Kyoto': a described place is the place named after 'of'.
_DESCRIBED = r"(?:the\s+(?:[a-z]+\s+){0,2}(?:capital|city|port|town)\s+of\s+)?"
_PLACE_LIST = rf"{_DESCRIBED}{_PLACE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_PLACE})*"
# Between places of one list: a comma (not the one in 'Washington, D.C.'), 'and', or both.
_SEPARATOR = re.compile(r"\s*,(?!\s*(?:[A-Z]\.){2,})\s*(?P<and>and\s+)?|\s+(?P<and2>and)\s+")
# What may follow a mission word: 'of Canada', then places after 'in', 'at', 'to', 'across', 'on' (an address).
_OF_SENDER = re.compile(rf"\s+of\s+(?P<sender>{_PLACE})")
_PREPOSITION = r"(?P<preposition>in|at|across|throughout|to|on)"
# A verb between the mission word and its place, in any tense (verb_families.csv, mission_stand): 'consulates
# operate in', 'honorary consuls based in', 'is on Example Square in', 'moved from Bonn to' (the place it left
# is not where it is).
_STAND = (
    rf"(?:\s*,?\s+(?P<verb>{verb_group('mission_stand')})(?:\s+(?:also|now|still|currently))?(?:\s+from\s+{_PLACE})?)"
)
# An aside between two place phrases: ', opened in 1990,', ', which was set up in 2001,', ', since 1993,'.
_ASIDE = (
    rf"(?i:,\s*(?:(?:which|that)\s+)?(?:{verb_group('mission_stand')}|{verb_group('mission_hold')}|since)\b[^,;()]*,)"
)
# The first place phrase: 'in Toronto', ', in Calgary' (after 'four consulates-general'), '(in Toronto and Montreal)'.
_FIRST_LOCATION = re.compile(rf"{_STAND}?\s*,?\s*\(?\s*{_PREPOSITION}\s+")
# A later one: ', in Warsaw', ' and in Calgary', ', and to the IAEA', after an aside ', opened in 1990,', or after a
# verb ('to Germany is on ... in Berlin').
_NEXT_LOCATION = re.compile(
    rf"\)?(?:{_ASIDE})?{_STAND}?\s*,?\s*"
    rf"(?:(?:and|as\s+well\s+as)\s+)?\(?{_PREPOSITION}\s+"
)
_PLACES = re.compile(_PLACE_LIST)
# 'Consulate of Canada, Nagoya' (a list item or an infobox-like line): the city closes the unit.
_TRAILING_CITY = re.compile(rf"\s*(?:,|\s[–—-])\s*(?P<place>{_PLACE})\s*\.?\s*$")
# 'at 12 Example Avenue in Brussels': an address, then the city.
_ADDRESS = re.compile(r"[^,;()]{1,60}?\s+in\s+(?=[A-Z])")
_DESCRIBED_PREFIX = re.compile(_DESCRIBED)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# The words just before a mission word that name its sender: 'Canadian Embassy', "Russia's consulates".
_SENDER_BEFORE = re.compile(rf"(?P<sender>{_WORD}(?:\s+{_WORD})*?)(?:['’]s)?\s+$")
# 'Australia has', 'The Russian Federation maintains', 'Canada is officially represented': the holder of a mission.
_HOLDER_VERB = re.compile(
    r"\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)?(?:has|have|had|maintains|maintained|keeps|kept|operates|operated|"
    r"opened|runs|established|(?:is|was|are|were)\s+(?:\w+ly\s+)?represented)\b"
)
# 'represented in Russia', 'In Canada, Chile has ...': case carries no meaning here.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|to|across|at)\s+(?:the\s+)?$", re.IGNORECASE)
# 'its embassy', 'their only consulates', 'Its embassy in Canberra': a pronoun stands for the sender.
_PRONOUN_BEFORE = re.compile(r"\b(?P<pronoun>its|their)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
# A country named as the object of a preposition is not a clause's subject: 'out of India', 'in Canada'.
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|to|across|at|of|from|with|by|for|on|into|towards?|against|over|about|than|between|among)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where a clause ends, going back from a pronoun: 'Chile has ..., while Canada's only office is its embassy'.
_CLAUSE_START = re.compile(r";|,\s*(?:while|whereas|but|and)\b|\b(?:while|whereas)\b", re.IGNORECASE)
# 'Paris is also home to Canada's permanent delegations': the city opens the sentence.
_HOME_TO = re.compile(
    rf"^(?P<place>{_PLACE})\s+(?:is|was|remains|has\s+been)\s+(?:also\s+)?(?:the\s+)?(?:home|host)\s+(?:to|of)\b"
)
# 'has no embassy', 'does not have a consulate', 'without an embassy': no mission is stated.
_NEGATED = re.compile(
    r"\b(?:no|not\s+(?:have|maintain|keep|open)\s+(?:an?|any)|without\s+(?:an?|any)|nor\s+an?|lacks?\s+an?)"
    r"\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
# A bare 'Mission' counts in prose only when it is sent to an organization: 'the Mission of Canada to the EU'.
_TO_BODY = re.compile(rf"\s+to\s+(?P<body>{_PLACE})")

# A table column 'Mission of Canada' and its cells 'Mission of Canada to: the UN in New York, UNESCO in Paris'.
_MISSION_COLUMN = re.compile(r"^.*\bmissions?\s+of\s+(?P<sender>.+)$", re.IGNORECASE)
_MISSION_CELL = re.compile(
    r"^(?P<type>.*?\bmissions?)(?:\s+of\s+(?P<sender>.+?))?\s+to:?\s+(?P<targets>.+)$", re.IGNORECASE
)
_TARGET = re.compile(
    rf"(?:^|,)\s*(?:the\s+)?(?P<body>[^,()]+?)(?:\s*\((?P<paren>[^()]+)\)|\s+in\s+(?P<city>{_PLACE}))\s*(?=,|$)"
)


@dataclass
class _Mission:
    """One mission as read, before it becomes a row."""

    sender: Country | None
    host: Country | None
    city: str | None
    type_raw: str | None
    organization: Organization | None = None
    unregistered_body: str | None = None
    kind: str | None = None  # a type read from elsewhere than the words ('Envoytitle1: Ambassador')
    also_a_region: str | None = None  # 'Quebec (CA-QC)': the city's name is also a state's or province's
    several_hosts: tuple[str, ...] = ()  # 'embassies in France and Germany', stated without cities


@dataclass
class _Place:
    """One place of a list after a mission word, with what it resolves to."""

    text: str
    phrase: int  # which 'in ...' phrase it belongs to
    by_comma: bool  # joined to the previous place by a bare comma (not 'and')
    preposition: str  # 'in', 'at', 'to', 'across': a country after 'to' is the host, never a city-state
    country: Country | None = None
    organization: Organization | None = None
    region_country: Country | None = None
    qualifies: bool = False  # names the country of the city before it ('Juneau, Alaska')


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    _from_infobox(context, result)
    for table in context.document.tables:
        _from_table(context, result, table)
    subjects = SectionSubjects(context)
    leads = _mission_lead_ins(context)
    paragraph: list[str] = []  # the earlier units of the current line (a paragraph is one raw line)
    previous_line = None
    for sentence in prose_units(context.document):
        if sentence.line != previous_line:
            paragraph, previous_line = [], sentence.line
        lead = leads.get(sentence.line)
        if lead is not None or may_name_a_mission(sentence.text):
            unit = _Unit(sentence, subjects.at(sentence.line), context.subject, " ".join(paragraph), lead)
            _from_sentence(context, result, unit)
        paragraph.append(sentence.text)
    return result


# infobox ----------------------------------------------------------------------


def _from_infobox(context: DocumentContext, result: Extraction) -> None:
    """'Mission1: High Commission of India, Ottawa', its countries completed from the side of the same number."""
    for side in infobox_sides(context):
        if side.from_title_order and side.mission_entries:
            _title_order_issue(context, result, side, side.mission_entries[0].line)
        for entry in side.mission_entries:
            missions = [mission for read_from, mission in side.missions if read_from is entry]
            if not missions:
                detail = f"no mission in the infobox value {entry.value!r}"
                result.issue(TABLE, context.source_id, entry.line, "unparsed_mission", detail)
            for mission in missions:
                evidence = f"{entry.key}: {entry.value}"
                _emit(context, result, _infobox_mission(context, side, mission), entry.line, evidence)


def _title_order_issue(context: DocumentContext, result: Extraction, side: Side, line: int) -> None:
    detail = f"infobox side {side.number} names neither country; read in the order of the document's title"
    result.issue(TABLE, context.source_id, line, "countries_from_title_order", detail)


def _infobox_mission(context: DocumentContext, side: Side, mission: InfoboxMission) -> _Mission:
    sender = mission.sender or side.sender
    host = mission.host
    if host is None and sender is not None and side.sender is not None and sender.code == side.sender.code:
        host = side.receiver
    host = host or other_subject_country(context.subject, sender)
    kind = None
    if mission.type_words is None:
        kind = mission_of_role(side.title.role if side.title else None)
    return _Mission(sender, host, mission.city, mission.type_words, kind=kind)


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
            detail = f"no 'Mission of ... to <body> (<city>)' in the {column!r} cell {row.get(column)!r}"
            result.issue(TABLE, context.source_id, row.line, "unparsed_mission", detail)
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


@dataclass(frozen=True)
class _TypeWords:
    """Words naming a mission's type where they stand: a word of the vocabulary, or (open) one outside it."""

    start: int
    end: int
    words: str
    open: bool = False


@dataclass(frozen=True)
class _Unit:
    """A sentence or list item, with what it leans on: the passage's subject, the earlier sentences of its
    paragraph (for 'Its embassy ...'), and the lead-in of its list ('Canada is represented in Mexico by:')."""

    sentence: Sentence
    subject: Subject
    document_subject: Subject
    earlier: str
    lead: Sentence | None


def _from_sentence(context: DocumentContext, result: Extraction, unit: _Unit) -> None:
    text = unit.sentence.text
    lead_sender, lead_host = _lead_sides(unit.lead)
    known = _mission_words(text)
    for words in sorted([*known, *_open_types(text, known, unit)], key=lambda w: w.start):
        after = _after_mission_word(text, words.end, names_a_mission=_opens_unit(text, words))
        if after.unrealized:
            detail = f"the {words.words!r} is stated as planned or not realized, not as a mission: {text!r}"
            result.issue(TABLE, context.source_id, unit.sentence.line, "planned_mission", detail)
            continue
        if not after.places and after.sender is None:
            continue  # 'the embassy' with no place and no sender is a reference, not a statement
        prefix = text[: words.start]
        if _NEGATED.search(prefix[-40:]):
            continue  # 'Canada has no embassy in Pyongyang' states the absence of a mission
        sender = (
            country_in_phrase(after.sender)
            or _sender_before(prefix)
            or _pronoun_sender(prefix, unit)
            or _sentence_subject(prefix)
            or _subject_pronoun_sender(prefix, unit)
            or lead_sender
            or _definite_reference(result, unit, prefix, words)
        )
        if words.open and sender is None:
            # an office no country is said to keep ('the EU opened its Delegation in Ottawa') is not published
            places = ", ".join(p.text for p in after.places)
            detail = f"{words.words!r} in {places or 'no place'} is kept by no country the text names: no row"
            result.issue(TABLE, context.source_id, unit.sentence.line, "unpublished_mission", detail)
            continue
        for mission in _missions_at(unit.subject, text, prefix, words.words, sender, after.places, lead_host):
            _emit(context, result, mission, unit.sentence.line, text)


def _mission_words(text: str) -> list[_TypeWords]:
    """Every mission word of the vocabulary, and every bare 'Mission (of X) to <organization>'."""
    found = list(MISSION_WORDS.finditer(text))
    taken = [(m.start(), m.end()) for m in found]
    for match in BARE_MISSION.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        position = match.end()
        of = _OF_SENDER.match(text, position)
        body = _TO_BODY.match(text, of.end() if of else position)
        if body and lookup(_LEADING_THE.sub("", body.group("body"))) is not None:
            found.append(match)
    return sorted((_TypeWords(m.start(), m.end(), m.group()) for m in found), key=lambda w: w.start)


# mission types outside the vocabulary ----------------------------------------------

# A list item under a mission lead-in opens with its type: 'consular agencies in Acapulco, ...', 'eight consular
# agencies, in ...'.
_ITEM_TYPE = re.compile(
    rf"^\s*(?:{DETERMINER}\s+)*(?P<words>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){{0,3}}?)"
    r"(?=\s*,?\s*\(?(?:in|at|across|throughout)\s+(?:the\s+)?[A-Z])"
)
# Slots a mission word takes in a sentence, read before an office noun ('agencies', 'Delegation'):
# 'Canada also operates (eight) consular agencies in ...' (a holding verb) ...
_HOLDER_SLOT = re.compile(
    rf"\b{verb_group('mission_hold')}\s+(?:(?:also|now|still)\s+)?(?:{DETERMINER}\s+)*$", re.IGNORECASE
)
# ... 'an embassy in X, consulates in Y and consular agencies in Z' (a sibling of a mission word) ...
_SIBLING_SLOT = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:{DETERMINER}\s+)*$", re.IGNORECASE)
# ... "Canada's Joint Delegation to NATO" (a country's office sent to a body).
_OWNER_SLOT = re.compile(rf"(?P<owner>{_WORD}(?:\s+{_WORD})*?)(?:['’]s)?\s+(?:(?i:the)\s+)?$")


def _open_types(text: str, known: list[_TypeWords], unit: _Unit) -> list[_TypeWords]:
    """Mission types the vocabulary lacks, in the slot a mission word takes: the opening words of a list item
    under a mission lead-in, or a noun phrase headed by an office noun after a holding verb, beside another
    mission, or as a country's office sent to a body ("Canada's Joint Delegation to NATO")."""
    taken = [(w.start, w.end) for w in known]

    def free(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in taken)

    if unit.lead is not None and not known:
        item = _ITEM_TYPE.match(text)
        words = item.group("words").split() if item else []
        if item and all(is_modifier(word) for word in words):
            return [_TypeWords(item.start("words"), item.end("words"), item.group("words"), open=True)]
    found = []
    for head in office_heads().finditer(text):
        start, words = type_words_ending_at(text, head, lambda word: country_in_phrase(word) is not None)
        if not free(start, head.end()):
            continue
        if unit.lead is not None or _in_mission_slot(text, start, head.end(), known):
            found.append(_TypeWords(start, head.end(), words, open=True))
            taken.append((start, head.end()))
    return found


def _in_mission_slot(text: str, start: int, end: int, known: list[_TypeWords]) -> bool:
    prefix = text[max(0, start - 80) : start]  # the slots are read in the words just before the type
    if _HOLDER_SLOT.search(prefix):
        return True
    if any(w.end <= start for w in known) and _SIBLING_SLOT.search(prefix):
        return True
    owner = _OWNER_SLOT.search(prefix)
    body = _TO_BODY.match(text, end)
    if owner and body and country_in_phrase(owner.group("owner")) is not None:
        target = _LEADING_THE.sub("", body.group("body"))
        return lookup(target) is not None or resolve_country(target) is not None
    of = _OF_SENDER.match(text, end)
    return of is not None and country_in_phrase(of.group("sender")) is not None


# lead-ins and pronouns -------------------------------------------------------------

_REPRESENTED = re.compile(r"\brepresent", re.IGNORECASE)


def _mission_lead_ins(context: DocumentContext) -> dict[int, Sentence]:
    """{list item line: lead-in} for lists introduced as missions: 'Canada is represented in Mexico by:',
    'Mexico has the following missions in Canada:'."""
    return {
        line: lead
        for line, lead in lead_ins_by_item_line(context.document).items()
        if MISSION_WORDS.search(lead.text) or BARE_MISSION.search(lead.text) or _REPRESENTED.search(lead.text)
    }


_DEFINITE = re.compile(r"^\s*(?:(?:In|On|By|After|From)\s+[^,]{1,30},?\s+)?the\s+$", re.IGNORECASE)


def _definite_reference(result: Extraction, unit: _Unit, prefix: str, words: _TypeWords) -> Country | None:
    """'The embassy moved to Nanjing in 1946': 'the embassy' is the one the paragraph stated last, and its
    sender is that mission's."""
    if not _DEFINITE.match(prefix):
        return None
    kind = mission_type(words.words, accredited=False)
    earlier = [
        row
        for row in result.rows.get(TABLE, [])
        if row["line"] == unit.sentence.line and row["mission_type"] == kind and row["sending_country_code"]
    ]
    return resolve_country(earlier[-1]["sending_country_code"]) if earlier else None


def _lead_sides(lead: Sentence | None) -> tuple[Country | None, Country | None]:
    """The sender and host a lead-in names: 'Canada is represented in Mexico by:' -> Canada, Mexico."""
    if lead is None:
        return None, None
    sender = _sentence_subject(lead.text)
    return sender, _named_host(lead.text, sender)


def _pronoun_sender(prefix: str, unit: _Unit) -> Country | None:
    """'its embassy': the subject of its clause, the first country named there that is not the object of a
    preposition ('..., while Canada's only office in the country is its embassy'; 'Canada pulled its diplomats out
    of India and closed its consulates'). A pronoun that opens the sentence ('Its embassy in Canberra ...') stands
    for the holder of the paragraph's earlier sentences, else for the document's one subject country."""
    pronoun = _PRONOUN_BEFORE.search(prefix, max(0, len(prefix) - 40))
    if pronoun is None:
        return None
    before = prefix[: pronoun.start()]
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    for mention in countries_named(before[clause_start:]):
        if not _AFTER_PREPOSITION.search(before[: clause_start + mention.start]):
            return mention.country
    if before.strip():
        return None  # 'the EU opened its Delegation': the clause's subject is not a country
    earlier = _sentence_subject(unit.earlier) if unit.earlier else None
    if earlier is not None:
        return earlier
    countries = unit.document_subject.countries
    return countries[0] if len(countries) == 1 else None


# 'It also has honorary consuls in Calgary and Halifax': a pronoun subject that opens the sentence and holds missions.
_SUBJECT_PRONOUN = re.compile(r"^\W*(?:It|They)(?=" + _HOLDER_VERB.pattern + ")")


def _subject_pronoun_sender(prefix: str, unit: _Unit) -> Country | None:
    """The holder of the paragraph's earlier sentences ('Türkiye has an embassy in Ottawa ... It also has ...')."""
    if not _SUBJECT_PRONOUN.match(prefix) or not unit.earlier:
        return None
    return _sentence_subject(unit.earlier)


def _opens_unit(text: str, words: _TypeWords) -> bool:
    """Whether the mission's name opens the unit ('Consulate of Canada, Nagoya', 'The Canadian Embassy, Tokyo')."""
    return len(text[: words.start].split()) <= 2


@dataclass
class _After:
    """What follows a mission word: its sender ('of Canada'), its places, and whether a verb said it is only
    planned ('is to open in Lyon')."""

    sender: str | None
    places: list[_Place]
    unrealized: bool = False


def _after_mission_word(text: str, position: int, names_a_mission: bool) -> _After:
    """'of Canada', then the places of every following 'in/at/across/to ...' phrase: [Toronto, Montreal].

    A unit that opens with a mission's name and ends with its city after a comma ('Consulate of Canada, Nagoya')
    ends with that city.
    """
    sender = None
    of = _OF_SENDER.match(text, position)
    if of:
        sender, position = of.group("sender"), of.end()
    places: list[_Place] = []
    location = _FIRST_LOCATION.match(text, position)
    phrase = 0
    while location is not None:
        if location.group("verb") and UNREALIZED.search(location.group("verb")):
            return _After(sender, places, unrealized=True)
        read, position = _places_of_phrase(text, location, phrase)
        if not read:
            break
        places += read
        phrase += 1
        location = _NEXT_LOCATION.match(text, position)
    trailing = _TRAILING_CITY.match(text, position) if names_a_mission else None
    if trailing and not _is_date(trailing.group("place")):
        places.append(_Place(_LEADING_THE.sub("", trailing.group("place")), phrase, False, "in"))
    return _After(sender, places)


def _places_of_phrase(text: str, location: re.Match, phrase: int) -> tuple[list[_Place], int]:
    """The places after one preposition; an address before the city ('at 12 Example Avenue in Brussels') is skipped.

    The list ends before a date ('opened in April 1992') and before a further mission ('in Tokyo, the
    Consulate of Canada in Nagoya').
    """
    start = location.end()
    preposition = location.group("preposition").casefold()
    if preposition in ("at", "on"):
        address = _ADDRESS.match(text, start)
        if address is None and preposition == "on":
            return [], start  # 'on Sussex Drive': a street, not a city
        start = address.end() if address else start
    listed = _PLACES.match(text, start)
    if not listed:
        return [], start
    described = _DESCRIBED_PREFIX.match(text, start)
    body_start = described.end() if described else start
    places: list[_Place] = []
    item_start, by_comma = body_start, False
    separators = [*_SEPARATOR.finditer(text, body_start, listed.end()), None]
    for separator in separators:
        item_end = separator.start() if separator else listed.end()
        written = text[item_start:item_end].strip()
        name = _LEADING_THE.sub("", written)
        if _is_date(name) or (places and _not_a_place(written, name)):
            return places, item_start
        places.append(_Place(name, phrase, by_comma, preposition))
        if separator:
            item_start = separator.end()
            by_comma = not (separator.group("and") or separator.group("and2"))
    return places, listed.end()


def _not_a_place(written: str, name: str) -> bool:
    """A later list item that is a mission ('the Consulate of Canada'), or a 'the ...' phrase naming no country
    and no organization."""
    if MISSION_WORDS.search(name) or BARE_MISSION.search(name):
        return True
    return written[:4].casefold() == "the " and resolve_country(name) is None and lookup(name) is None


def _is_date(name: str) -> bool:
    """'April 1992' after 'opened in' is a date, not a place."""
    first = name.split()[0].rstrip(".") if name.split() else ""
    return first in MONTHS


def _sender_before(prefix: str) -> Country | None:
    before = _SENDER_BEFORE.search(prefix[-80:])
    return country_in_phrase(before.group("sender")) if before else None


def _sentence_subject(prefix: str) -> Country | None:
    """The country that holds the mission: the nearest one named before it as the subject of 'has', 'maintains',
    'is represented' ('Canada has ... while Australia has a high commission in Ottawa'); else the first one named
    that is not a location ('represented in Russia')."""
    mentions = countries_named(prefix)
    holders = [m for m in mentions if _HOLDER_VERB.match(prefix, m.end)]
    if holders:
        return holders[-1].country
    for mention in mentions:
        if not _LOCATIVE_BEFORE.search(prefix[: mention.start]):
            return mention.country
    return None


def _named_host(prefix: str, sender: Country | None) -> Country | None:
    """A country the sentence places the mission in before naming it: 'represented in Russia by an Embassy'."""
    for mention in countries_named(prefix):
        if _LOCATIVE_BEFORE.search(prefix[: mention.start]) and (sender is None or mention.country.code != sender.code):
            return mention.country
    return None


def _missions_at(
    subject: Subject,
    text: str,
    prefix: str,
    type_raw: str,
    sender: Country | None,
    places: list[_Place],
    lead_host: Country | None = None,
) -> list[_Mission]:
    """One mission per city and organization; countries and regions among the places say where the cities are."""
    _resolve_places(places, subject)
    organizations = [p.organization for p in places if p.organization is not None]
    cities = [p for p in places if _is_city(p) or (p.country and not p.qualifies and _among_cities(p, places))]
    hosts = [p.country for p in places if p.country is not None and p not in cities and not p.qualifies]
    if not cities:
        home = _home_city(text)
        if home is not None:
            cities = [home]
    default_host = (hosts[0] if hosts else None) or _named_host(prefix, sender) or lead_host
    if default_host is None and not organizations:
        default_host = other_subject_country(subject, sender)
    missions = []
    regions = [_region_named_like(city) for city in cities]
    for index, city in enumerate(cities or [None]):
        host = _host_of(city, places) or default_host
        region = regions[index] if cities and all(regions) else None
        for organization in organizations or [None]:
            name = city.text if city else None
            missions.append(_Mission(sender, host, name, type_raw, organization, also_a_region=region))
    if not cities and len(hosts) > 1 and not organizations:
        # 'embassies in France and Germany': one row, since a row's key has no host; the hosts go to an issue.
        missions = [_Mission(sender, None, None, type_raw, several_hosts=tuple(h.code for h in hosts))]
    return missions


def _resolve_places(places: list[_Place], subject: Subject) -> None:
    """What each place is (organization, country, region), and which ones qualify the city before them."""
    for place in places:
        place.organization = lookup(place.text)
        if place.organization is None:
            place.country = resolve_country(place.text)
    for index, place in enumerate(places):
        if place.organization is not None or index == 0:
            continue
        before = places[index - 1]
        if before.phrase != place.phrase or not place.by_comma or not _is_city(before):
            continue
        if not _could_qualify(place, subject):
            continue
        if _last_in_phrase(places, index) or _alternating(places, place.phrase):
            place.qualifies = True


def _could_qualify(place: _Place, subject: Subject) -> bool:
    if place.country is not None:
        return True
    region = resolve_region(place.text)
    if region is None or region.city_like:
        return False
    place.region_country = region.country_among(subject.countries)
    return True


def _is_city(place: _Place) -> bool:
    return place.organization is None and place.country is None and not place.qualifies


def _last_in_phrase(places: list[_Place], index: int) -> bool:
    return index == len(places) - 1 or places[index + 1].phrase != places[index].phrase


def _alternating(places: list[_Place], phrase: int) -> bool:
    """'Toronto, Ontario and Montreal, Quebec': city, region, city, region, every region of one country.

    Many cities share a region's name ('Tokyo', 'Berlin'), so a list of cities can look like pairs; regions
    of different countries ('Rome, Tokyo, Lima and Berlin') are not read as pairs.
    """
    listed = [p for p in places if p.phrase == phrase]
    if len(listed) % 2:
        return False
    countries = set()
    for position, place in enumerate(listed):
        country = place.country
        if country is None and position % 2 == 1:
            region = resolve_region(place.text)
            country = region.country if region is not None and not region.city_like else None
        if (country is not None) != (position % 2 == 1):
            return False
        if country is not None:
            countries.add(country.code)
    return len(countries) == 1


def _among_cities(place: _Place, places: list[_Place]) -> bool:
    """A country listed among cities is a city-state ('Shenyang, Hong Kong and Wuhan')."""
    if place.preposition == "to":
        return False
    return any(p is not place and _is_city(p) for p in places if p.phrase == place.phrase)


def _host_of(city: _Place | None, places: list[_Place]) -> Country | None:
    """The country a city's qualifier names ('Juneau, Alaska' -> USA), or a city-state's own country."""
    if city is None:
        return None
    if city.country is not None:
        return city.country
    index = next((i for i, place in enumerate(places) if place is city), len(places))
    if index + 1 < len(places) and places[index + 1].qualifies:
        qualifier = places[index + 1]
        return qualifier.country or qualifier.region_country
    return None


def _region_named_like(city: _Place | None) -> str | None:
    """'a consulate in Quebec': a place named that is also a state or province ('Quebec (CA-QC)').

    Read as the city all the same, since the text places the mission there; flagged when no place of the
    statement is a city only ('consulates in Ontario and Quebec', not '... Minneapolis, New York and Seattle')."""
    region = resolve_region(city.text) if city is not None and city.country is None else None
    return f"{region.name} ({', '.join(region.codes)})" if region is not None and region.state_or_province else None


def _home_city(text: str) -> _Place | None:
    """'Paris is also home to Canada's permanent delegations ...': the sentence's opening place, unless a country."""
    home = _HOME_TO.match(text)
    if home is None or resolve_country(home.group("place")) is not None:
        return None
    return _Place(_LEADING_THE.sub("", home.group("place")), -1, False, "in")


# rows -----------------------------------------------------------------------------


def _emit(context: DocumentContext, result: Extraction, mission: _Mission, line: int, evidence: str) -> None:
    """Add the mission's row (once per key) and a quality issue for each thing it leaves unresolved."""
    kind = mission.kind or mission_type(mission.type_raw or "", accredited=mission.organization is not None)
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


def _unresolved(mission: _Mission, type_kind: str) -> list[tuple[str, str]]:
    where = f"in {mission.city}" if mission.city else "with no city"
    kind = type_kind if type_kind != "other" or not mission.type_raw else repr(mission.type_raw)
    found = []
    if mission.kind is not None:
        detail = f"the infobox names no mission type; {type_kind!r} is read from the envoy title of the same number"
        found.append(("mission_type_from_title", detail))
    elif type_kind == "other":
        words = repr(mission.type_raw) if mission.type_raw else "no mission word"
        found.append(("unknown_mission_type", f"{words} is not in the mission type vocabulary; published as 'other'"))
    if mission.sender is None:
        found.append(("unresolved_country", f"the text names no sending country for the {kind} {where}"))
    if mission.several_hosts:
        hosts = ", ".join(mission.several_hosts)
        found.append(("several_hosts", f"{kind} stated in {hosts} without cities: one row, host left null"))
    elif mission.host is None:
        because = "; a city alone does not name its country" if mission.city else ""
        found.append(("unresolved_country", f"no host country stated for the {kind} {where}{because}"))
    if mission.city is None:
        sender = _code(mission.sender) or "an unnamed country"
        found.append(("missing_city", f"the {kind} of {sender} is stated without a city"))
    if mission.also_a_region:
        detail = f"{mission.city!r} is also the name of a state or province, {mission.also_a_region}; read as the city"
        found.append(("ambiguous_place", f"{detail} the text places the {kind} in"))
    if mission.unregistered_body:
        detail = f"mission to {mission.unregistered_body!r}, which is neither a registry organization nor a country"
        found.append(("unregistered_organization", detail))
    return found


def _code(country: Country | None) -> str | None:
    return country.code if country else None
