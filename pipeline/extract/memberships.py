"""memberships: who belongs to which organization, from membership lists and from prose.

Lists. A bulleted list is a list of organizations under an 'International
organizations' heading ('Summary of international organisation
participation'), or after a lead-in that ends in a membership phrase and a
colon ('Canada is a member of the following organizations:', 'Both countries
are members of:', 'Like Canada, it belongs to:'). Every item is one row per
country the lead-in names, with the lead-in's status unless the item's own
qualifier in parentheses gives another ('(dialogue partner)'). A list after
'The Council's member states are:' is the other way round: every item is a
country, the organization is the lead-in's (named there, or by the head noun
of one named just before: 'the Council').

Prose. A membership phrase ('members of', 'belongs to', 'joined', 'takes part
in', 'a founding member of', 'an observer to', 'in forming') is followed by
the organizations it governs: a list of names ('the United Nations, the G20
and Asia-Pacific Economic Cooperation (APEC)'), read strictly, item by item,
so that 'the Cairns Group of agricultural exporters in the WTO' is the Cairns
Group only and 'the G20 summit' is no membership. An organization may also
come first ('the Colombo Plan, of which both countries were founding
members') or be referred back to ('and Canada is an observer there').

Who is a member: the countries in the clause's subject ('Both countries',
'The Bahamas and Canada', 'Like Canada, it'; after an opening 'As fellow
members of X,' the subject that follows), else the subject of the coordinated
clause before ('... and a founding member of the EU'), else the document's
subject. A person named as the subject ('Senator Smith, a member of') makes
no row. A list item may give the year it joined ('(since 1995)'). Countries named with the subject join it ('together with
the United States'; 'joined Australia, France ... in forming').

Aspirations are not memberships: 'Ukraine's path toward membership in the
EU', 'applied to join', 'seeks membership' give a quality issue
(`membership_aspiration`), never a row; so does a seat on a UN organ
('a permanent member of the Security Council', `organ_seat`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.documents.model import BulletList, Document, Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.organization_lists import read_listed_organization
from pipeline.extract.phrases import BOTH_COUNTRIES
from pipeline.extract.prose import other_subject_country, prose_units
from pipeline.resolve.countries import Country, find_countries, resolve_country, unique_countries
from pipeline.resolve.dates import PartialDate, find_dates
from pipeline.resolve.organizations import OrganizationName, find_organizations, organization_name_at, registry
from schemas.vocabularies import MEMBERSHIP_STATUSES

TABLE = "memberships"

_LIST_HEADING = r"\b(?:international organi[sz]ations?|memberships?)\b"

# --- the membership phrases ----------------------------------------------------

FOUNDING, MEMBER, OBSERVER, DIALOGUE_PARTNER, SEAT = "founding member", "member", "observer", "dialogue partner", "seat"
OBJECT, RELATIVE, APPOSITIVE = "object", "relative", "appositive"  # where the organization stands


@dataclass(frozen=True)
class _Phrase:
    status: str
    role: str  # OBJECT: organizations follow; RELATIVE: 'X, of which ...'; APPOSITIVE: 'nations in X, A, B and C'
    event: bool  # joining or founding: a date opening the sentence ('In 1947 ...') is its date
    pattern: re.Pattern[str]


def _phrase(status: str, role: str, event: bool, pattern: str) -> _Phrase:
    return _Phrase(status, role, event, re.compile(pattern, re.IGNORECASE))


# Priority order: at one place the first phrase that matches wins.
_PHRASES: tuple[_Phrase, ...] = (
    _phrase(SEAT, OBJECT, False, r"\b(?:non-?)?permanent\s+(?:members?|seats?)\s+(?:of|on|in)\b"),
    _phrase(FOUNDING, OBJECT, True, r"\b(?:founding|charter|original)\s+members?\s+(?:of|in)\b\s*:?"),
    _phrase(FOUNDING, RELATIVE, True, r"\b(?:founding|charter|original)\s+members?\b"),
    _phrase(FOUNDING, OBJECT, True, r"\b(?:co-?founded|founded|formed)\b(?!\s+(?:on|upon)\b)"),
    _phrase(FOUNDING, OBJECT, True, r"\bin\s+(?:forming|founding|co-?founding|establishing|creating|setting\s+up)\b"),
    _phrase(DIALOGUE_PARTNER, OBJECT, False, r"[\"“]?\bdialogue\s+partners?[\"”]?\s+(?:of|to|with)\b\s*:?"),
    _phrase(OBSERVER, OBJECT, False, r"\bobservers?\s+(?:status\s+)?(?:to|of|in|at|with)\b\s*:?"),
    _phrase(OBSERVER, OBJECT, False, r"\bobservers?(?=\s+there\b)"),
    _phrase(MEMBER, OBJECT, False, r"\bmembers?(?:\s+(?:states?|countries|country|nations?))?\s+(?:of|in)\b\s*:?"),
    _phrase(MEMBER, OBJECT, False, r"\bmembers?(?=\s+there\b)"),
    _phrase(MEMBER, OBJECT, False, r"\bmembership\s+(?:of|in)\b"),
    _phrase(MEMBER, OBJECT, True, r"\b(?:re-?)?join(?:s|ed|ing)?\b"),
    _phrase(MEMBER, OBJECT, True, r"\bacced(?:es|ed|ing)\s+to\b"),
    _phrase(MEMBER, OBJECT, True, r"\b(?:was|were|is|are|been)\s+admitted\s+(?:to|into|as\s+a\s+member\s+of)\b"),
    _phrase(MEMBER, OBJECT, False, r"\bparticipat(?:es|ed|ing|e)\s+in\b"),
    _phrase(MEMBER, OBJECT, False, r"\bbelong(?:s|ed|ing)?\s+to\b\s*:?"),
    _phrase(MEMBER, OBJECT, False, r"\b(?:takes?|took|taking|taken)\s+part\s+in\b\s*:?"),
    _phrase(MEMBER, OBJECT, False, r"\b(?:is|was|are|were|became|becomes|remains?|remained)\s+(?:also\s+)?(?:a\s+)?part\s+of\b"),
    _phrase(MEMBER, OBJECT, False, r"\bwork(?:s|ed|ing)?\s+(?:together|side\s+by\s+side|closely)\s+in\b"),
    _phrase(MEMBER, APPOSITIVE, False, r"\b(?-i:(?:other\s+)?(?:nations|countries|states)\s+(?:in|of))\b"),
)
_ANY_PHRASE = re.compile(
    r"member|join|belong|part\b|observer|partner|found|formed|forming|establishing|creating|setting|work|nations|countries|"
    r"states|seat|acced|admitted|participat",
    re.IGNORECASE,
)  # a unit without one of these states no membership

# Said before a membership phrase, these make it a wish, a plan or a path rather than a fact.
_ASPIRATION = re.compile(
    r"(?:\b(?:path|road|way|bid|steps?|progress|aspirations?|application|candidacy|ambitions?|hopes?|quest|moves?)"
    r"\s+(?:toward|towards|to|for)\s+(?:(?:full|eventual|future|its|their|his|her)\s+)?"
    r"|\b(?:to|would|could|will|may|might|should|shall)\s+(?:eventually\s+|also\s+)?(?:become\s+(?:a|an)\s+(?:\w+\s+)?)?"
    r"|\b(?:seeks?|sought|seeking|pursues?|pursued|pursuing|requests?|requested|wants?|wanted|applied\s+for|applies\s+for"
    r"|apply\s+for|future|eventual|prospective|candidate\s+for)\s+(?:full\s+)?)$",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor|ceased\s+to\s+be)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_SUBJECT_END = re.compile(
    r"\b(?:is|are|was|were|has|have|had|also|remains?|became|becomes|joined|joins|formed|founded|maintains?|"
    r"participated|cooperates?|work(?:s|ed)?|takes?|took|belongs?|served?)\b",
    re.IGNORECASE,
)
_LIKE = re.compile(r"\b(?:Like|As\s+with|Alongside)\s+(?P<names>[^,]+),", re.IGNORECASE)
# 'Senator Jean Dupont, a member of', 'Jean Dupont is a member of': a capitalised name right before the
# predicate that is no country names someone else; the clause states no country's membership.
_OTHER_SUBJECT = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*(?:,\s*(?:also\s+)?(?:a|an|the|one\s+of\s+the)"
    r"|\s+(?:is|was|has\s+been|became|remains|remained)\s+(?:also\s+)?(?:a|an|the|one\s+of\s+the)?)\s*(?:\w+\s+)?$"
)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:and\s+)?(?:it|they|the\s+country)\b", re.IGNORECASE)
_TOGETHER_WITH = re.compile(r"\b(?:together|along)\s+with\b(?P<rest>[^,;.]*)", re.IGNORECASE)
_BESIDES = re.compile(r"^\s*(?:Besides|In\s+addition\s+to|Apart\s+from|As\s+well\s+as)\s+", re.IGNORECASE)
_RELATIVE_LEAD = re.compile(
    r",?\s+(?:of|in)\s+which\s+(?P<subject>.+?)\s+(?:is|are|was|were|has\s+been|have\s+been|became|become)\s+"
    r"(?:(?:all|both|also|among|one|of|the|a|an)\s+)*$",
    re.IGNORECASE,
)
_FOUNDING_DATE = re.compile(
    r"\b(?:since\s+(?:its|their)\s+(?:founding|creation|formation)|(?:was|were)\s+(?:created|founded|formed|established)"
    r"|(?:created|founded|formed|established)\s+in)\b",
    re.IGNORECASE,
)
_OPENING_DATE = re.compile(r"^\s*(?:In|By|On|From)\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:the|The)\s+|[\"“]")
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+)")
_ACRONYM_AFTER = re.compile(r"\s*\([^()]{1,15}\)")
_RENAMED = re.compile(r",?\s*(?:now|formerly|later|today)\s+(?:known\s+as\s+)?(?:the\s+)?", re.IGNORECASE)
# A chunk between organizations that is not one may be skipped ('part of the democratic Western bloc and
# NATO') unless it starts a new phrase: a preposition, a verb or a pronoun ends the list.
_LIST_STOP = re.compile(
    r"\b(?:in|of|to|with|for|on|since|by|from|at|through|under|is|are|was|were|has|have|had|it|they|which|who|whose|that)\b",
    re.IGNORECASE,
)
_THERE = re.compile(r"\s+there\b")


@dataclass
class _Found:
    """One membership phrase in a unit, with what it governs."""

    phrase: _Phrase
    match: re.Match
    organizations: list[tuple[OrganizationName, PartialDate | None]] = field(default_factory=list)
    end: int = 0  # where what the phrase governs ends
    members: list[Country] = field(default_factory=list)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    lists = _membership_lists(context)
    for membership_list in lists:
        membership_list.read(context, result)
    reader = _ProseReader(context, result)
    for unit in prose_units(context.document, skip=[m.bullet_list for m in lists]):
        reader.read(unit)
    for unit in _table_units(context.document):
        reader.read(unit)
    return result


# --- lists ------------------------------------------------------------------------


@dataclass
class _MembershipList:
    bullet_list: BulletList
    intro: Sentence | None
    items_are_countries: bool = False

    def read(self, context: DocumentContext, result: Extraction) -> None:
        if self.items_are_countries:
            self._read_member_states(context, result)
        else:
            self._read_organizations(context, result)

    def _lead_in(self, context: DocumentContext) -> tuple[str, str | None, list[Country]]:
        """Status, status as written and members from the lead-in; the document's subject without one."""
        if self.intro is None:
            return MEMBER, None, _default_members(context)
        found = _phrases_in(self.intro.text)
        last = found[-1] if found else None
        status = last.phrase.status if last and last.phrase.status != SEAT else MEMBER
        lead = self.intro.text[: last.match.start()] if last else self.intro.text
        members = _members_in_lead(lead, context, [])
        status_raw = last.match.group(0).strip(" :\"“”") if last and status != MEMBER else None
        return status, status_raw, members

    def _read_organizations(self, context: DocumentContext, result: Extraction) -> None:
        status, status_raw, members = self._lead_in(context)
        if self.intro is not None and _ASPIRATION.search(self.intro.text[: _last_phrase_start(self.intro.text)]):
            for item in self.bullet_list.items:
                result.issue(TABLE, context.source_id, item.line, "membership_aspiration", f"{item.text!r} follows a lead-in that states an aspiration, not a membership")
            return
        for item in self.bullet_list.items:
            _list_row(context, result, members, status, status_raw, item.text, item.line)

    def _read_member_states(self, context: DocumentContext, result: Extraction) -> None:
        organization = _organization_of_member_list(context.document, self.intro)
        for item in self.bullet_list.items:
            if organization is None:
                result.issue(TABLE, context.source_id, item.line, "unknown_organization", f"member list item {item.text!r}: the lead-in names no organization")
                continue
            country = _country_of_item(item.text)
            if country is None:
                result.issue(TABLE, context.source_id, item.line, "unresolved_country", f"member list item {item.text!r} is not a country")
                continue
            _note_unregistered(context, result, organization, item.line)
            result.add_once(TABLE, _row(country, organization.org_id, MEMBER, None, None, context.source_id, item.line, item.text))


_MEMBER_STATES_INTRO = re.compile(
    r"\b(?:member\s+(?:states|countries|nations|governments)|members)\b[^:]*?\b(?:are|include|includes|were)\s*:\s*$", re.IGNORECASE
)
_LIST_INTRO = re.compile(r":\s*$")


def _membership_lists(context: DocumentContext) -> list[_MembershipList]:
    """Lists of memberships, each with the sentence that introduces it (it may name the members)."""
    document = context.document
    found = []
    headed = {s.index for s in document.sections_matching(_LIST_HEADING)}
    for bullet_list in document.lists:
        intro = _intro_before(document, bullet_list.line)
        if intro is not None and _MEMBER_STATES_INTRO.search(intro.text):
            found.append(_MembershipList(bullet_list, intro, items_are_countries=True))
        elif intro is not None and _LIST_INTRO.search(intro.text) and _ends_in_membership_phrase(intro.text):
            found.append(_MembershipList(bullet_list, intro))
        elif bullet_list.section in headed:
            found.append(_MembershipList(bullet_list, None))
    return found


def _ends_in_membership_phrase(text: str) -> bool:
    """'... members of:', '... belongs to the following organizations:', not '... fora, such as:'."""
    found = [f for f in _phrases_in(text) if f.phrase.role == OBJECT and f.phrase.status != SEAT]
    if not found:
        return False
    rest = text[found[-1].match.end() :]
    return re.fullmatch(r"\s*(?:the\s+following(?:\s+[\w-]+){0,3})?\s*:?\s*", rest, re.IGNORECASE) is not None


def _last_phrase_start(text: str) -> int:
    found = _phrases_in(text)
    return found[-1].match.start() if found else len(text)


def _intro_before(document: Document, line: int) -> Sentence | None:
    """The last sentence of the paragraph right before a list, when nothing else stands between them."""
    before = [p for p in document.paragraphs if p.line < line]
    if not before:
        return None
    last = before[-1]
    if any(last.line < b.line < line for b in [*document.lists, *document.tables]):
        return None
    sentences = last.sentences()
    return sentences[-1] if sentences else None


def _list_row(context: DocumentContext, result: Extraction, members: list[Country], status: str, status_raw, text: str, line: int) -> None:
    listed = read_listed_organization(text)
    if not members:
        result.issue(TABLE, context.source_id, line, "unknown_subject", f"no member country for list item {text!r}")
        return
    if listed.qualifier is not None:
        status, status_raw = _status_from_qualifier(listed.qualifier)
    if status == "other":
        result.issue(TABLE, context.source_id, line, "unknown_status", f"qualifier {listed.qualifier!r} is not in the status vocabulary; published as 'other'")
    if listed.organization is None:
        result.add("_organizations_unregistered", {"org_id": listed.org_id, "name": listed.name, "acronym": listed.acronym, "source_id": context.source_id, "line": line})
        result.issue(TABLE, context.source_id, line, "unregistered_organization", f"{listed.name!r} is not in the organization registry; published as {listed.org_id!r}")
    since = _since_in_item(text)
    for country in members:
        result.add_once(TABLE, _row(country, listed.org_id, status, status_raw, since, context.source_id, line, text))


def _since_in_item(text: str) -> PartialDate | None:
    """'- World Trade Organization (since 1995)', '- OAS (joined 1990)': the date a parenthesis gives for joining."""
    for inner in re.findall(r"\(([^()]*)\)", text):
        if re.match(r"\s*(?:since|joined|member\s+since|from|admitted)\b", inner, re.IGNORECASE):
            return _first_date(inner)
    return None


def _status_from_qualifier(qualifier: str) -> tuple[str, str | None]:
    normalized = re.sub(r"\s+", " ", qualifier).strip().casefold()
    return (normalized if normalized in MEMBERSHIP_STATUSES else "other"), qualifier


_HEAD_NOUN = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?P<head>[A-Z][a-z]+)(?:['’]s)?\b")


def _organization_of_member_list(document: Document, intro: Sentence | None) -> OrganizationName | None:
    """The organization whose members a list names: named in the lead-in, or 'the Council' for the last council named."""
    if intro is None:
        return None
    mentions = find_organizations(intro.text)
    if mentions:
        return organization_name_at(intro.text, mentions[0].start, {m.start: m for m in mentions})
    head = _HEAD_NOUN.search(intro.text)
    if head is None:
        return None
    word = head.group("head")
    earlier = [p for p in document.paragraphs if p.line < intro.line or (p.line == intro.line and p.text != intro.text)]
    for paragraph in reversed(earlier):
        mentions = {m.start: m for m in find_organizations(paragraph.text)}
        for start in sorted(mentions, reverse=True):
            if re.search(rf"\b{re.escape(word)}\b", mentions[start].text):
                return organization_name_at(paragraph.text, start, mentions)
    return None


def _country_of_item(text: str) -> Country | None:
    """The country a member-list item names: 'the Kingdom of Denmark (including Greenland)' is Denmark."""
    bare = re.sub(r"\([^()]*\)", "", text).strip(" .;,")
    country = resolve_country(bare)
    if country is not None:
        return country
    named = find_countries(bare)
    return named[0].country if len(unique_countries(m.country for m in named)) == 1 else None


# --- prose ------------------------------------------------------------------------


def _table_units(document: Document) -> list[Sentence]:
    """Sentences in table cells ('... are members of: the Commonwealth of Nations, ...' in a notes cell)."""
    units = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if len(cell.text) > 40 and _ANY_PHRASE.search(cell.text):
                    units.append(Sentence(cell.text, row.line))
    return units


class _ProseReader:
    def __init__(self, context: DocumentContext, result: Extraction):
        self.context = context
        self.result = result
        self.earlier: list[Sentence] = []  # the units read before on the current line

    def read(self, unit: Sentence) -> None:
        text = unit.text
        if _ANY_PHRASE.search(text):
            found = _phrases_in(text)
            if found:
                self._read_phrases(unit, found)
        if self.earlier and self.earlier[-1].line != unit.line:
            self.earlier = []
        self.earlier.append(unit)

    def _pronoun_country(self, unit: Sentence) -> Country | None:
        """'It' in a sentence after 'France is ...' on the same line: the country the last such sentence opens on."""
        for earlier in reversed([u for u in self.earlier if u.line == unit.line and u is not unit]):
            named = find_countries(earlier.text[:80])
            if named and not earlier.text[: named[0].start].strip(" \"'“"):
                return named[0].country
        return None

    def _anaphora(self, unit: Sentence):
        """'the Council' for the last registry organization named before whose name holds 'Council'."""
        document = self.context.document

        def resolve(word: str, position: int) -> OrganizationName | None:
            from pipeline.knowledge import organization_name_words

            if word not in organization_name_words().head:
                return None
            before = [unit.text[:position]] + [p.text for p in reversed(document.paragraphs) if p.line < unit.line]
            for text in before:
                for mention in reversed(find_organizations(text)):
                    if re.search(rf"\b{re.escape(word)}\b", mention.text):
                        return OrganizationName(word, position, position + len(word), registry()[mention.org_id])
            return None

        return resolve

    def _read_phrases(self, unit: Sentence, found: list[_Found]) -> None:
        text = unit.text
        mentions = {m.start: m for m in find_organizations(text)}
        companions: list[Country] = []
        previous: _Found | None = None
        for number, item in enumerate(found):
            limit = found[number + 1].match.start() if number + 1 < len(found) else len(text)
            _governed(item, text, limit, mentions, self._anaphora(unit), previous)
            lead_start = previous.end if previous else 0
            lead = text[lead_start : item.match.start()]
            if item.phrase.role == RELATIVE:
                relative = _RELATIVE_LEAD.search(lead)
                lead = relative.group("subject") if relative else lead
            inherited = previous.members if previous else []
            if item.phrase.role == APPOSITIVE:
                pass  # the countries after the organization, set by _governed
            elif companions:  # 'New Zealand joined Australia, France ... in forming X': the subject of 'joined'
                item.members = list(inherited)
            elif _AS_MEMBERS.fullmatch(lead) and item.phrase.role == OBJECT:
                after = _members_after(text, item, self.context)
                item.members = after or _members_in_lead(lead, self.context, inherited, lambda: self._pronoun_country(unit))
            else:
                item.members = _members_in_lead(lead, self.context, inherited, lambda: self._pronoun_country(unit))
            if item.phrase.role == OBJECT and not item.organizations:
                companions = [m.country for m in find_countries(text[item.match.end() : limit])]
                previous = item
                continue
            item.members = unique_countries([*item.members, *companions, *_together_with(text[item.match.end() : limit])])
            companions = []
            if number == 0 and item.phrase.role == OBJECT:
                item.organizations = _besides(text[: item.match.start()], mentions) + item.organizations
            self._emit(unit, item)
            previous = item

    def _emit(self, unit: Sentence, item: _Found) -> None:
        context, result = self.context, self.result
        text = unit.text
        if not item.organizations:
            return
        names = ", ".join(o.name for o, _ in item.organizations)
        if _ASPIRATION.search(text[: item.match.start()]):
            who = ", ".join(c.name for c in item.members) or "a country"
            result.issue(TABLE, context.source_id, unit.line, "membership_aspiration", f"{who}: {item.match.group(0).strip()!r} {names} states an aspiration, not a membership; no row")
            return
        if _NEGATION.search(text[: item.match.start()]):
            result.issue(TABLE, context.source_id, unit.line, "membership_negated", f"{item.match.group(0).strip()!r} {names} is negated; no row")
            return
        if item.phrase.status == SEAT:
            result.issue(TABLE, context.source_id, unit.line, "organ_seat", f"{item.match.group(0).strip()!r} {names}: a seat on an organ, not a membership of an organization; no row")
            return
        for organization, since in item.organizations:
            if since is None:
                since = _sentence_date(text, item)
            _note_unregistered(context, result, organization, unit.line)
            for country in item.members:
                row = _row(country, organization.org_id, item.phrase.status, item.match.group(0).strip(" :\"“”"), since, context.source_id, unit.line, text)
                result.add_once(TABLE, row)  # a line that states one membership twice is one statement


_KEYWORD = re.compile(r"member|seat|found|formed|forming|establishing|creating|setting|partner|observer|join|acced|admitted|"
                      r"participat|belong|part|work|nations|countries|states", re.IGNORECASE)


@lru_cache(maxsize=1)
def _phrases_by_keyword() -> dict[str, tuple[int, ...]]:
    """For each keyword, the phrases (by priority) whose every match holds it: only those are searched."""
    found: dict[str, list[int]] = {}
    for number, phrase in enumerate(_PHRASES):
        for keyword in _KEYWORD.pattern.split("|"):
            if re.search(keyword, phrase.pattern.pattern.replace("\\s+", " "), re.IGNORECASE):
                found.setdefault(keyword, []).append(number)
    return {keyword: tuple(numbers) for keyword, numbers in found.items()}


def _phrases_in(text: str) -> list[_Found]:
    """Non-overlapping membership phrases, left to right; an earlier phrase in _PHRASES wins a tie.

    'members of' after a verb or a number names people ('meeting members of the Union of Soviet Composers',
    'trained 43,000 members of'), not a country's membership. Only the phrases whose keyword the text holds
    are searched.
    """
    by_keyword = _phrases_by_keyword()
    wanted = sorted({n for m in _KEYWORD.finditer(text) for n in by_keyword.get(m.group(0).lower(), ())})
    found: list[_Found] = []
    for number in wanted:
        phrase = _PHRASES[number]
        for match in phrase.pattern.finditer(text):
            if _STATUS_NOUN.match(match.group(0)) and _NOT_A_PREDICATE.search(text[: match.start()]):
                continue
            if not any(f.match.start() < match.end() and match.start() < f.match.end() for f in found):
                found.append(_Found(phrase, match))
    return sorted(found, key=lambda f: f.match.start())


_STATUS_NOUN = re.compile(r"[\"“]?(?:members?|observers?|founding|charter|original|dialogue|non-?permanent|permanent)\b", re.IGNORECASE)
# 'meeting members of', 'trained 43,000 members of', 'with members of': people, not a country's membership.
_NOT_A_PREDICATE = re.compile(
    r"(?:\b(?!being\b)\w+ing|\b(?:met|meet|meets|trained|trains|train|killed|arrested|expelled|invited|invites|elected|"
    r"appointed|hosted|hosts|with|by|to|for|from)|\d[\d,.]*)\s*[\"“]?\s*$",
    re.IGNORECASE,
)


def _governed(item: _Found, text: str, limit: int, mentions, anaphora, previous: _Found | None) -> None:
    """The organizations a phrase governs, each with a date stated with it, and where they end."""
    start = item.match.end()
    if item.phrase.role == RELATIVE:
        item.organizations = _organization_before(text, item.match.start(), mentions)
        item.end = item.match.end()
        return
    if _THERE.match(text, start):
        before = [organization_name_at(text, s, mentions) for s in sorted(mentions) if s < item.match.start()]
        named = [o for o, _ in previous.organizations] if previous and previous.organizations else [o for o in before if o]
        item.organizations = [(named[-1], None)] if named else []
        item.end = _THERE.match(text, start).end()
        return
    if item.phrase.role == APPOSITIVE:
        organization = _organization_at(text, start, mentions, anaphora)
        members = _appositive_countries(text, organization.end, limit) if organization else []
        item.organizations = [(organization, None)] if organization and members else []
        item.members = members
        item.end = limit
        return
    organizations, end = _organization_list(text, start, limit, mentions, anaphora)
    tail = text[end:limit]
    shared = _first_date(tail)
    item.organizations = [(o, since or shared) for o, since in organizations]
    item.end = end


def _organization_at(text: str, position: int, mentions, anaphora=None) -> OrganizationName | None:
    """The organization named at `position`, after an optional 'the': by name, or 'the Council' for one named before."""
    position = _skip(text, position, r"\s*")
    if position in mentions:  # a registry spelling may hold its article ('the Commonwealth')
        return organization_name_at(text, position, mentions)
    article = _ARTICLE.match(text, position)
    position = article.end() if article else position
    organization = organization_name_at(text, position, mentions)
    if organization is None and article is not None and anaphora is not None:
        head = re.match(r"[A-Z][a-z]+\b", text[position:])
        organization = anaphora(head.group(0), position) if head else None
    return organization


def _organization_list(text: str, start: int, limit: int, mentions, anaphora=None) -> tuple[list[tuple[OrganizationName, PartialDate | None]], int]:
    """'the United Nations, the G20 and Asia-Pacific Economic Cooperation (APEC)': the names, read one by one."""
    found: list[tuple[OrganizationName, PartialDate | None]] = []
    position = start
    while position < limit:
        position = _skip(text, position, r"\s*")
        item_start = position
        organization = _organization_at(text, position, mentions, anaphora) if position < limit else None
        if organization is not None and organization.end <= limit:
            position = organization.end
            acronym = _ACRONYM_AFTER.match(text, position)
            if acronym:
                position = acronym.end()
                written = acronym.group(0).strip()[1:-1].strip()
                if organization.organization is None and re.fullmatch(r"[A-Z][A-Za-z0-9&.\-]{1,11}", written) and sum(c.isupper() for c in written) >= 2:
                    organization = dataclasses.replace(organization, written_acronym=written)
            renamed = _RENAMED.match(text, position)
            if renamed and organization_name_at(text, renamed.end(), mentions):
                position = organization_name_at(text, renamed.end(), mentions).end
            if _is_modifier(text, position):
                return found, item_start
            separator = _SEPARATOR.match(text, position)
            if separator and separator.end() < limit:
                found.append((organization, None))
                position = separator.end()
                continue
            item_tail_end = separator.start() if separator else limit
            found.append((organization, _first_date(text[position:item_tail_end])))
            return found, position
        separator = _SEPARATOR.search(text, position, limit)
        chunk = text[item_start : separator.start() if separator else limit]
        if not found and not chunk.strip():
            return found, item_start
        if _LIST_STOP.search(chunk) or separator is None or len(chunk.split()) > 6:
            return found, item_start
        position = separator.end()
    return found, min(position, limit)


def _is_modifier(text: str, position: int) -> bool:
    """'the G20 summit', "NATO's missions": the organization qualifies the next word."""
    from pipeline.knowledge import organization_name_words

    if re.match(r"['’]s?\b", text[position:]):
        return True
    following = re.match(r"\s+([\w'’]+)", text[position:])
    return bool(following and following.group(1) in organization_name_words().modifier)


def _organization_before(text: str, end: int, mentions) -> list[tuple[OrganizationName, PartialDate | None]]:
    """'the Colombo Plan, of which both countries were founding members': the organization before ', of which'."""
    lead = _RELATIVE_LEAD.search(text[:end])
    if lead is None:
        return []
    before = text[: lead.start()]
    before = re.sub(r"\s*\([^()]{1,15}\)\s*$", "", before)
    candidates = [organization_name_at(text, s, mentions) for s in sorted(mentions) if mentions[s].end <= len(before)]
    for candidate in reversed([c for c in candidates if c is not None]):
        if candidate.end == len(before):
            return [(candidate, None)]
    run = re.search(r"(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the)\s+)*)*[A-Z][\w'’&-]*$", before)
    if run:
        named = organization_name_at(before, run.start(), {})
        if named is not None and named.end == len(before):
            return [(named, None)]
    return []


def _appositive_countries(text: str, end: int, limit: int) -> list[Country]:
    """'nations in the Arctic Council, Canada, Sweden, Iceland and Russia': the countries right after the organization."""
    rest = text[end:limit]
    if not rest.startswith(","):
        return []
    countries = []
    position = 1
    for mention in find_countries(rest):
        between = rest[position : mention.start]
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)?(?:the\s+)?", between):
            break
        countries.append(mention.country)
        position = mention.end
    return unique_countries(countries) if len(countries) >= 2 else []


def _besides(prefix: str, mentions) -> list[tuple[OrganizationName, PartialDate | None]]:
    """'Besides the United Nations, New Zealand takes part in ...': the organizations the opening names."""
    opening = _BESIDES.match(prefix)
    if opening is None:
        return []
    clause_end = prefix.find(",", opening.end())
    if clause_end < 0:
        return []
    organizations, _ = _organization_list(prefix, opening.end(), clause_end, mentions)
    return organizations


def _members_in_lead(lead: str, context: DocumentContext, inherited: list[Country], pronoun=lambda: None) -> list[Country]:
    """Countries in the subject of a clause ('Both countries', 'Canada and the United States', 'Like Canada, it')."""
    if BOTH_COUNTRIES.search(lead):
        return list(context.subject.countries)
    like = _LIKE.search(lead)
    companions = [m.country for m in find_countries(like.group("names"))] if like else []
    rest = lead[like.end() :] if like else lead
    subject_end = _SUBJECT_END.search(rest)
    subject = rest[: subject_end.start()] if subject_end else rest
    named = [m.country for m in find_countries(subject)]
    if named:
        return unique_countries([*named, *companions])
    other = _OTHER_SUBJECT.search(lead)
    if not companions and other and not re.fullmatch(r"(?:It|They|The\s+country|Both|This|That)", other.group("name")):
        return []  # 'Jean Dupont, a member of the European Parliament': a person, not a country
    if _PRONOUN_SUBJECT.search(subject) or companions:
        other = other_subject_country(context.subject, companions[0]) if len(companions) == 1 else None
        resolved = other or pronoun() or (inherited[0] if inherited else None) or context.subject.primary
        return unique_countries([c for c in (resolved, *companions) if c is not None])
    if inherited:
        return list(inherited)
    return _default_members(context)


# 'As fellow members of the Commonwealth, the two countries ...': the members are the subject that follows.
_AS_MEMBERS = re.compile(r"\s*As\s+(?:(?:fellow|both|a|an|the|two|active|full)\s+)*", re.IGNORECASE)


def _members_after(text: str, item: _Found, context: DocumentContext) -> list[Country]:
    """The subject of the main clause after an opening 'As members of X,' ('the two countries', 'Canada and India')."""
    last = item.organizations[-1][0].end if item.organizations else item.end
    comma = text.find(",", last)
    if comma < 0:
        return []
    clause = text[comma + 1 :]
    subject_end = _SUBJECT_END.search(clause)
    subject = clause[: subject_end.start()] if subject_end else clause
    if BOTH_COUNTRIES.search(subject):
        return list(context.subject.countries)
    return unique_countries(m.country for m in find_countries(subject))


def _together_with(governed: str) -> list[Country]:
    together = _TOGETHER_WITH.search(governed)
    return [m.country for m in find_countries(together.group("rest"))] if together else []


def _first_date(text: str) -> PartialDate | None:
    dates = find_dates(text) if re.search(r"\d{4}", text) else []
    return dates[0].date if dates else None


def _sentence_date(text: str, item: _Found) -> PartialDate | None:
    """A date the sentence gives the event: 'In 1947 New Zealand joined ...', '... since its founding in 1996'."""
    if item.phrase.event:
        opening = _OPENING_DATE.match(text)
        if opening:
            dates = find_dates(text[opening.end() : item.match.start()])
            if dates and dates[0].start == 0:
                return dates[0].date
    founding = _FOUNDING_DATE.search(text)
    if founding:
        return _first_date(text[founding.end() :])
    return None


def _default_members(context: DocumentContext) -> list[Country]:
    return [context.subject.primary] if context.subject.primary else []


def _note_unregistered(context: DocumentContext, result: Extraction, organization: OrganizationName, line: int) -> None:
    if organization.organization is not None:
        return
    org_id = organization.org_id
    result.add("_organizations_unregistered", {"org_id": org_id, "name": organization.name, "acronym": organization.acronym, "source_id": context.source_id, "line": line})
    result.issue(TABLE, context.source_id, line, "unregistered_organization", f"{organization.name!r} is not in the organization registry; published as {org_id!r}")


def _skip(text: str, position: int, pattern: str) -> int:
    match = re.compile(pattern).match(text, position)
    return match.end() if match else position


def _row(country: Country, org_id: str, status: str, status_raw, since, source_id: str, line: int, evidence: str) -> dict:
    return {
        "country_code": country.code,
        "org_id": org_id,
        "status": status,
        "status_raw": status_raw,
        "since": since.value if since else None,
        "since_precision": since.precision if since else None,
        "source_id": source_id,
        "line": line,
        "evidence": evidence,
    }
