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

Prose. A membership phrase is a word family kept as data
(knowledge/membership_phrases.csv, compiled by membership_phrases.py): a verb
in any tense ('to accede to', 'has been part of', 'joined'), or a status noun
with its preposition ('a founding member of', 'sat as an observer on',
'associate status in', 'Allies in', 'a signatory to' a registry
organization). It is followed by the organizations it governs: a list of
names ('the United Nations, the G20 and Asia-Pacific Economic Cooperation
(APEC)'), read strictly, item by item, so that 'the Cairns Group of
agricultural exporters in the WTO' is the Cairns Group only and 'the G20
summit' is no membership; the preposition repeated after 'and' resumes the
list ('a founding member of the UN, whose Charter it signed in 1945, and of
the OAS (1948)'). Each organization takes the date written with it in its
clause. An organization may also come first ('the Colombo Plan, of which both
countries were founding members', '..., in which Canada has held observer
status since 2012') or be referred back to ('and Canada is an observer there').

Who is a member: a country in apposition to a status noun ('Canada, a founding
member of the Council,'), else the countries in the clause's subject ('Both
countries', 'The Bahamas and Canada', a short form of a subject country's
official name: 'The Federal Republic'), with those named beside it ('Like
Canada, it', 'Together with Colombia, Mexico and Peru it', 'Mexico is, with
Chile, ...'; after an opening 'As fellow members of X,' the subject that
follows), else the subject of the coordinated clause before ('... and a
founding member of the EU'), else the document's subject, but never when the
clause names another subject ('The EU joined the WTO': no row, an
`unknown_subject` issue). A person named as the subject ('Senator Smith, a
member of') makes no row. A list item may give the year it joined ('(since
1995)', '– since 1994', '(founding member, 2019)'). Countries named with the
subject join it ('together with the United States'; 'joined Australia,
France ... in forming').

Aspirations are not memberships: 'Ukraine's path toward membership in the
EU', 'applied to join', 'seeks membership', 'will join' give a quality issue
(`membership_aspiration`), never a row ('chose to accede to', 'the first
state to join' are done); so do a seat on a UN organ ('a permanent member of
the Security Council', `organ_seat`) and a membership that ended ('withdrew
from', `membership_ended`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from pipeline.documents.model import BulletList, Document, Sentence
from pipeline.extract.agreements import names_an_instrument
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.membership_phrases import (
    AGENT,
    APPOSITIVE,
    ENDED,
    OBJECT,
    PREMODIFIER,
    RELATIVE,
    RELATIVE_LEAD,
    SEAT,
    Found,
    may_state_membership,
    phrases_in,
    states_an_end,
)
from pipeline.extract.organization_lists import note_unregistered, read_listed_organization
from pipeline.extract.phrases import BOTH_ALONE, BOTH_COUNTRIES
from pipeline.extract.prose import other_subject_country, prose_units
from pipeline.knowledge import membership_status_words
from pipeline.resolve.countries import Country, find_countries, resolve_country, unique_countries
from pipeline.resolve.dates import PartialDate, find_dates
from pipeline.resolve.organizations import OrganizationName, find_organizations, organization_name_at, registry
from pipeline.text import normalize_space

TABLE = "memberships"

_LIST_HEADING = r"\b(?:international organi[sz]ations?|memberships?)\b"

# --- the membership phrases (membership_phrases.py, from knowledge/membership_phrases.csv) ----------------------

FOUNDING, MEMBER, OBSERVER, DIALOGUE_PARTNER = "founding member", "member", "observer", "dialogue partner"
_Found = Found
_phrases_in = phrases_in


# Said before a membership phrase, these make it a wish, a plan or a path rather than a fact.
_ASPIRATION = re.compile(
    r"(?:\b(?:path|road|way|bid|steps?|progress|aspirations?|application|candidacy|ambitions?|hopes?|quest|moves?)"
    r"\s+(?:toward|towards|to|for)\s+(?:(?:full|eventual|future|its|their|his|her)\s+)?"
    r"|\b(?:to|would|could|will|may|might|should|shall)\s+(?:eventually\s+|also\s+)?(?:become\s+(?:a|an)\s+(?:\w+\s+)?)?"
    r"|\b(?:seeks?|sought|seeking|pursues?|pursued|pursuing|requests?|requested|wants?|wanted|applied\s+for|applies\s+for"
    r"|apply\s+for|future|eventual|prospective|candidate\s+for)\s+(?:full\s+)?)$",
    re.IGNORECASE,
)
# An infinitive that reports a done thing rather than a wish: 'chose to accede to', 'the first state to join'.
_DONE_INFINITIVE = re.compile(
    r"\b(?:(?:chose|opted|decided|voted|elected)|(?:first|second|third|last|only|latest|newest|next)(?:\s+[\w-]+){0,3})"
    r"\s+to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _aspiration(before: str) -> bool:
    """Whether the words before a membership phrase make it a wish or a plan ('applied to join', 'will join')."""
    return _ASPIRATION.search(before) is not None and _DONE_INFINITIVE.search(before) is None


_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|neither|nor|ceased\s+to\s+be)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_SUBJECT_END = re.compile(
    r"\b(?:is|are|was|were|has|have|had|also|remains?|became|becomes|joined|joins|formed|founded|maintains?|"
    r"participated|cooperates?|work(?:s|ed)?|takes?|took|belongs?|served?)\b",
    re.IGNORECASE,
)
# 'Senator Jean Dupont, a member of', 'Jean Dupont is a member of': a capitalised name right before the
# predicate that is no country names someone else; the clause states no country's membership.
_OTHER_SUBJECT = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*(?:,\s*(?:also\s+)?(?:a|an|the|one\s+of\s+the)"
    r"|\s+(?:is|was|has\s+been|became|remains|remained)\s+(?:also\s+)?(?:a|an|the|one\s+of\s+the)?)\s*(?:\w+\s+)?$"
)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:and\s+)?(?:it|they|the\s+country)\b", re.IGNORECASE)
_PLURAL_PRONOUN = re.compile(r"^\W*(?:and\s+)?they\b", re.IGNORECASE)
# Where a coordinated or adversative clause opens: its subject is what follows.
_CLAUSE_OPENING = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+", re.IGNORECASE)
_TOGETHER_WITH = re.compile(r"\b(?:together|along)\s+with\b(?P<rest>[^,;.]*)", re.IGNORECASE)
_BESIDES = re.compile(r"^\s*(?:Besides|In\s+addition\s+to|Apart\s+from|As\s+well\s+as)\s+", re.IGNORECASE)
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
# 'joined it', 'acceded to it': the organization named last before, in the same sentence.
_OBJECT_PRONOUN = re.compile(r"\s*\bit\b(?!['’]s)")


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
        status_raw = last.match.group(0).strip(' :"“”') if last and status != MEMBER else None
        return status, status_raw, members

    def _read_organizations(self, context: DocumentContext, result: Extraction) -> None:
        status, status_raw, members = self._lead_in(context)
        if self.intro is not None and _aspiration(self.intro.text[: _last_phrase_start(self.intro.text)]):
            for item in self.bullet_list.items:
                result.issue(
                    TABLE,
                    context.source_id,
                    item.line,
                    "membership_aspiration",
                    f"{item.text!r} follows a lead-in that states an aspiration, not a membership",
                )
            return
        for item in self.bullet_list.items:
            _list_row(context, result, members, status, status_raw, item.text, item.line)

    def _read_member_states(self, context: DocumentContext, result: Extraction) -> None:
        organization = _organization_of_member_list(context.document, self.intro)
        for item in self.bullet_list.items:
            if organization is None:
                result.issue(
                    TABLE,
                    context.source_id,
                    item.line,
                    "unknown_organization",
                    f"member list item {item.text!r}: the lead-in names no organization",
                )
                continue
            country = _country_of_item(item.text)
            if country is None:
                result.issue(
                    TABLE,
                    context.source_id,
                    item.line,
                    "unresolved_country",
                    f"member list item {item.text!r} is not a country",
                )
                continue
            _note_unregistered(context, result, organization, item.line)
            result.add_once(
                TABLE, _row(country, organization.org_id, MEMBER, None, None, context.source_id, item.line, item.text)
            )


_MEMBER_STATES_INTRO = re.compile(
    r"\b(?:member\s+(?:states|countries|nations|governments)|members)\b[^:]*?\b(?:are|include|includes|were)\s*:\s*$",
    re.IGNORECASE,
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
    return _FOLLOWING.fullmatch(rest) is not None


# What may stand between a lead-in's phrase and its colon: 'the following organisations', ', among others'.
_FOLLOWING = re.compile(
    r"\s*(?:the\s+following(?:\s+[\w-]+){0,3})?(?:,?\s*(?:among\s+others|among\s+them|in\s+particular|notably))?\s*:?\s*",
    re.IGNORECASE,
)


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


def _list_row(
    context: DocumentContext, result: Extraction, members: list[Country], status: str, status_raw, text: str, line: int
) -> None:
    listed = read_listed_organization(text)
    if not members:
        result.issue(TABLE, context.source_id, line, "unknown_subject", f"no member country for list item {text!r}")
        return
    qualified = _read_qualifiers(listed.qualifiers, status, status_raw)
    if qualified.ended:
        detail = f"qualifier {qualified.raw!r}: the membership ended, not a current one; published as 'other'"
        result.issue(TABLE, context.source_id, line, "membership_ended", detail)
    elif qualified.status == "other":
        detail = f"qualifier {qualified.raw!r} is not in the status vocabulary; published as 'other'"
        result.issue(TABLE, context.source_id, line, "unknown_status", detail)
    if listed.organization is None:
        note_unregistered(result, TABLE, context.source_id, line, listed.org_id, listed.name, listed.acronym)
    for country in members:
        source_id = context.source_id
        row = _row(country, listed.org_id, qualified.status, qualified.raw, qualified.since, source_id, line, text)
        result.add_once(TABLE, row)


@dataclass(frozen=True)
class _Qualified:
    status: str
    raw: str | None
    since: PartialDate | None
    ended: bool


# '(since 1995)', '(joined 1990)', '– since 1994': the date it joined.
_JOINED_WORDS = re.compile(r"^\s*(?:since|joined|member\s+since|from|admitted(?:\s+in)?)\b\s*", re.IGNORECASE)


def _read_qualifiers(qualifiers: tuple[str, ...], status: str, status_raw: str | None) -> _Qualified:
    """A list item's qualifiers read against the contract: a status word maps to its status ('(founder)' founding
    member, '(founding member, 2019)' with since 2019), a date after 'since'/'joined' or alone is when it joined,
    a membership that ended ('(withdrew in 2019)') is 'other' with its words and no since (2019 is when it
    ended), and any other words are 'other' with the words kept. No qualifier: the lead-in's status."""
    since, ended = None, False
    for qualifier in qualifiers:
        if states_an_end(qualifier):
            status, status_raw, since, ended = "other", qualifier, None, True
            continue
        known = None
        joined = _JOINED_WORDS.match(qualifier)
        words = qualifier[joined.end() :] if joined else qualifier
        date = _first_date(words)
        if date is not None:
            dates = find_dates(words)
            words = words[: dates[0].start] + words[dates[0].end :]
        words = re.sub(r"\s+", " ", words).strip(" ,;:.–—-")
        if words:
            known = membership_status_words().get(words.casefold())
            status, status_raw = (known, words) if known else ("other", qualifier)
        if date is not None and not ended and (joined or not words or known):
            since = date
    return _Qualified(status, status_raw, since, ended)


_HEAD_NOUN = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his)\s+(?P<head>[A-Z][a-z]+)(?:['’]s)?\b")


def _organization_of_member_list(document: Document, intro: Sentence | None) -> OrganizationName | None:
    """The organization whose members a list names: named in the lead-in, or 'the Council' for the last council
    named."""
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
                if len(cell.text) > 40 and may_state_membership(cell.text):
                    units.append(Sentence(cell.text, row.line))
    return units


class _ProseReader:
    def __init__(self, context: DocumentContext, result: Extraction):
        self.context = context
        self.result = result
        self.earlier: list[Sentence] = []  # the units read before on the current line

    def read(self, unit: Sentence) -> None:
        text = unit.text
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
        found = _without_status_complements(found, text, mentions)
        companions: list[Country] = []
        previous: _Found | None = None
        several: list[Country] = []  # the last subject of two or more countries: what a later 'they' names
        for number, item in enumerate(found):
            limit = found[number + 1].match.start() if number + 1 < len(found) else len(text)
            _governed(item, text, limit, mentions, self._anaphora(unit), previous)
            lead_start = previous.end if previous else 0
            lead = text[lead_start : item.match.start()]
            if item.phrase.role == RELATIVE:
                relative = RELATIVE_LEAD.search(lead)
                lead = relative.group("subject") if relative else lead
            inherited = previous.members if previous else []
            tail = _CLAUSE_OPENING.split(lead)[-1]
            if _PLURAL_PRONOUN.search(tail) and several:  # '..., which Türkiye joined in 1952, and they work ...'
                lead, inherited = tail, several
            pronoun = lambda: self._pronoun_country(unit)  # noqa: E731
            appositive = _appositive_subject(text[: item.match.start()]) if item.phrase.noun else None
            if item.phrase.role in (APPOSITIVE, AGENT):
                pass  # the countries after the organization, set by _governed
            elif appositive is not None:  # 'an application that Canada, a founding member of the Council, backed'
                item.members = appositive
            elif companions:  # 'New Zealand joined Australia, France ... in forming X': the subject of 'joined'
                item.members = list(inherited)
            elif _AS_MEMBERS.fullmatch(lead) and item.phrase.role == OBJECT:
                after = _members_after(text, item, self.context)
                item.members = after or _members_in_lead(lead, self.context, inherited, pronoun)
            else:
                item.members = _members_in_lead(lead, self.context, inherited, pronoun)
            if not item.organizations:  # no statement here; 'joined Australia and France in forming X' names companions
                companions = _joined_companions(text[item.match.end() : limit]) if item.phrase.role == OBJECT else []
                if companions:
                    previous = item
                continue
            beside = [*_together_with(text[item.match.end() : limit]), *_with_after(text[item.end : limit])]
            item.members = unique_countries([*item.members, *companions, *beside])
            companions = []
            if number == 0 and item.phrase.role == OBJECT:
                item.organizations = _besides(text[: item.match.start()], mentions) + item.organizations
            self._emit(unit, item, lead)
            previous = item
            several = list(item.members) if len(item.members) > 1 else several

    def _issue(self, unit: Sentence, kind: str, detail: str) -> None:
        self.result.issue(TABLE, self.context.source_id, unit.line, kind, detail)

    def _emit(self, unit: Sentence, item: _Found, lead: str) -> None:
        context, result = self.context, self.result
        text = unit.text
        if not item.organizations:
            return
        names = ", ".join(o.name for o, _ in item.organizations)
        said = item.match.group(0).strip()
        if _aspiration(text[: item.match.start()]):
            who = ", ".join(c.name for c in item.members) or "a country"
            detail = f"{who}: {said!r} {names} states an aspiration, not a membership; no row"
            self._issue(unit, "membership_aspiration", detail)
            return
        if _NEGATION.search(text[: item.match.start()]):
            self._issue(unit, "membership_negated", f"{said!r} {names} is negated; no row")
            return
        if item.phrase.status == SEAT:
            detail = f"{said!r} {names}: a seat on an organ, not a membership of an organization; no row"
            self._issue(unit, "organ_seat", detail)
            return
        if item.phrase.status == ENDED:
            who = ", ".join(c.name for c in item.members) or "a country"
            self._issue(unit, "membership_ended", f"{who}: {said!r} {names} states a membership that ended; no row")
            return
        if not item.members:
            subject = normalize_space(lead) or "(none)"
            detail = f"{said!r} {names}: the clause's subject {subject!r} names no country; no row"
            self._issue(unit, "unknown_subject", detail)
            return
        if item.phrase.status == "other":
            self._issue(unit, "unknown_status", f"{said!r} is not in the status vocabulary; published as 'other'")
        for organization, since in item.organizations:
            if since is None:
                since = _sentence_date(text, item)
            _note_unregistered(context, result, organization, unit.line)
            for country in item.members:
                row = _row(
                    country,
                    organization.org_id,
                    item.status or item.phrase.status,
                    item.status_raw or item.match.group(0).strip(' :"“”'),
                    since,
                    context.source_id,
                    unit.line,
                    text,
                )
                _add_once(result, row)  # a line that states one membership twice is one statement


def _governed(item: _Found, text: str, limit: int, mentions, anaphora, previous: _Found | None) -> None:
    """The organizations a phrase governs, each with the date stated with it in its clause, and where they end."""
    start = item.match.end()
    if item.phrase.role == RELATIVE:  # '..., in which Canada has held observer status since 2012'
        organizations = _organization_before(text, item.match.start(), mentions)
        since = _first_date(_clause(text[start:limit]))
        item.organizations = [(o, since) for o, _ in organizations]
        item.end = item.match.end()
        return
    pronoun = _OBJECT_PRONOUN.match(text, start) if item.phrase.role == OBJECT and not item.phrase.noun else None
    if pronoun:  # 'Brazil was a founding member of the OAS in 1948, while Canada joined it in 1990'
        named = [
            o
            for o in (organization_name_at(text, s, mentions) for s in sorted(mentions) if s < item.match.start())
            if o
        ]
        item.organizations = [(named[-1], _first_date(_clause(text[pronoun.end() : limit])))] if named else []
        item.end = pronoun.end()
        return
    if _THERE.match(text, start):
        before = [organization_name_at(text, s, mentions) for s in sorted(mentions) if s < item.match.start()]
        named = (
            [o for o, _ in previous.organizations] if previous and previous.organizations else [o for o in before if o]
        )
        item.organizations = [(named[-1], None)] if named else []
        item.end = _THERE.match(text, start).end()
        return
    if item.phrase.role == PREMODIFIER:  # 'Canada has been an ASEAN dialogue partner since 1977'
        named_end = item.match.start("named") + len(item.match.group("named").rstrip())
        organization = _organization_ending_at(text, named_end, mentions)
        registered = organization is not None and organization.organization is not None  # 'a NATO member' only
        since = _first_date(_clause(text[start:limit]))
        item.organizations = [(organization, since)] if registered else []
        item.end = start
        return
    if item.phrase.role == AGENT:  # 'Mercosur, founded by Argentina, Brazil, Paraguay and Uruguay'
        organization = _organization_ending_at(text, item.match.start(), mentions)
        members, end = _country_list(text, start) if organization else ([], start)
        since = _first_date(item.match.group(0)) or _first_date(_clause(text[end:limit]))
        item.organizations = [(organization, since)] if members else []
        item.members = members
        item.end = end
        return
    if item.phrase.role == APPOSITIVE:
        organization = _organization_at(text, start, mentions, anaphora)
        members = _appositive_countries(text, organization.end, limit) if organization else []
        item.organizations = [(organization, None)] if organization and members else []
        item.members = members
        item.end = limit
        return
    organizations, end = _organization_list(text, start, limit, mentions, anaphora)
    resumed, resumed_at, end = ([], end, end)
    if organizations:
        resumed, resumed_at, end = _resumed_list(item, text, organizations[-1][0].end, end, limit, mentions, anaphora)
    if organizations and not item.phrase.noun:
        _status_as(item, text, end)
    shared = _first_date(_clause(text[end:limit]))
    between = _first_date(_clause(text[organizations[-1][0].end : resumed_at])) if resumed else None
    organizations = [(o, since or between or shared) for o, since in organizations]
    organizations += [(o, since or shared) for o, since in resumed]
    if item.phrase.registry_only:  # 'a signatory to the Ottawa Treaty': a treaty, read by agreements
        organizations = [(o, since) for o, since in organizations if o.organization is not None]
    # 'acceded to the Treaty of Amity and Cooperation': a name the registry lacks and an instrument word heads is a
    # treaty, read by agreements, not an organization
    organizations = [(o, s) for o, s in organizations if o.organization is not None or not names_an_instrument(o.name)]
    item.organizations = organizations
    item.end = end


# Where a clause ends: a semicolon, a colon, or a comma that opens a new clause ('..., while', '..., but').
_CLAUSE_END = re.compile(
    r"[;:]|,\s+(?:but|while|whereas|although|though|which|who|where|when)\b|,\s+and\s+(?!of\b|in\b|to\b)", re.IGNORECASE
)


_AS_BEFORE = re.compile(r"\bas\s+(?:an?|the)\s+$", re.IGNORECASE)


def _without_status_complements(found: list[_Found], text: str, mentions) -> list[_Found]:
    """'joined NATO as a founding member in 1949': the noun after 'as a' says the status of the verb before it, whose
    organization stands between them; it is not a phrase of its own (see _status_as)."""
    kept: list[_Found] = []
    for item in found:
        verb = kept[-1] if kept and not kept[-1].phrase.noun else None
        named_between = verb is not None and any(verb.match.end() <= start < item.match.start() for start in mentions)
        if item.phrase.noun and named_between and _AS_BEFORE.search(text[: item.match.start()]):
            continue
        kept.append(item)
    return kept


# 'takes part in the Pacific Alliance as an observer': the status the verb's complement states.
_AS_STATUS = re.compile(r",?\s+as\s+(?:an?|the)\s+(?P<words>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})", re.IGNORECASE)


def _status_as(item: _Found, text: str, end: int) -> None:
    """Set the item's status from 'as a(n) <status>' right after what it governs, when the words are a status."""
    found = _AS_STATUS.match(text, end)
    if found is None:
        return
    written = found.group("words").split()
    for size in range(len(written), 0, -1):  # the longest status the words open with: 'dialogue partner', 'observer'
        status = membership_status_words().get(" ".join(written[:size]).casefold())
        if status is not None:
            article = found.group(0).strip(" ,").split()[1]
            item.status, item.status_raw = status, " ".join(["as", article, *written[:size]])
            return


def _clause(text: str) -> str:
    """`text` up to the end of its clause: a date after it belongs to another statement."""
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


def _resumed_list(item: _Found, text: str, last: int, end: int, limit: int, mentions, anaphora):
    """'a founding member of the UN, whose Charter it signed in 1945, and of the OAS (1948)': the phrase's preposition
    repeated after 'and' governs more organizations (the elliptical second object). Returns them, where they
    start, and the new end. The search starts where the last organization of the list ends (`last`): the list may
    have read ' as well as ' as a separator before it stopped at the preposition."""
    preposition = re.search(r"(\w+)\W*$", item.match.group(0))
    if preposition is None or preposition.group(1).lower() not in ("of", "in", "to", "on", "at", "with"):
        return [], end, end
    again = re.compile(rf",?\s+(?:and|as\s+well\s+as)\s+(?:also\s+)?{preposition.group(1)}\s+", re.IGNORECASE)
    resume = again.search(text, min(last, end), limit)
    if resume is None or re.search(r"[;:]", text[min(last, end) : resume.start()]):
        return [], end, end
    organizations, resumed_end = _organization_list(text, resume.end(), limit, mentions, anaphora)
    return (organizations, resume.start(), resumed_end) if organizations else ([], end, end)


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


def _organization_list(
    text: str, start: int, limit: int, mentions, anaphora=None
) -> tuple[list[tuple[OrganizationName, PartialDate | None]], int]:
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
            dated = None
            while acronym and _first_date(acronym.group(0)) is not None:  # 'the OAS (1948)': a date, not an acronym
                dated, position = _first_date(acronym.group(0)), acronym.end()
                acronym = _ACRONYM_AFTER.match(text, position)
            if acronym:
                position = acronym.end()
                written = acronym.group(0).strip()[1:-1].strip()
                if (
                    organization.organization is None
                    and re.fullmatch(r"[A-Z][A-Za-z0-9&.\-]{1,11}", written)
                    and sum(c.isupper() for c in written) >= 2
                ):
                    organization = dataclasses.replace(organization, written_acronym=written)
            renamed = _RENAMED.match(text, position)
            later = organization_name_at(text, renamed.end(), mentions) if renamed else None
            if later is not None:  # 'the South Pacific Forum, now the Pacific Islands Forum': the registry's name wins
                position = later.end
                if organization.organization is None and later.organization is not None:
                    organization = later
            if _is_modifier(text, position):
                return found, item_start
            separator = _SEPARATOR.match(text, position)
            if separator and separator.end() < limit:
                found.append((organization, dated))
                position = separator.end()
                continue
            item_tail_end = separator.start() if separator else limit
            found.append((organization, dated or _first_date(_clause(text[position:item_tail_end]))))
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
    lead = RELATIVE_LEAD.search(text[:end])
    named = _organization_ending_at(text, lead.start(), mentions) if lead else None
    return [(named, None)] if named is not None else []


def _organization_ending_at(text: str, end: int, mentions) -> OrganizationName | None:
    """The organization named right before `end`, its acronym in parentheses after it or not ('the Southern Common
    Market (Mercosur)'): one the registry knows, else a run of capitalised words ('the Widget Plan')."""
    before = re.sub(r"\s*\([^()]{1,15}\)\s*$", "", text[:end])
    candidates = [organization_name_at(text, s, mentions) for s in sorted(mentions) if mentions[s].end <= len(before)]
    for candidate in reversed([c for c in candidates if c is not None]):
        if candidate.end == len(before):
            return candidate
    run = re.search(r"(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the)\s+)*)*[A-Z][\w'’&-]*$", before)
    if run:
        named = organization_name_at(before, run.start(), {})
        if named is not None and named.end == len(before):
            return named
    return None


def _appositive_countries(text: str, end: int, limit: int) -> list[Country]:
    """'nations in the Arctic Council, Canada, Sweden, Iceland and Russia': the countries right after the
    organization."""
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


def _members_in_lead(
    lead: str, context: DocumentContext, inherited: list[Country], pronoun=lambda: None
) -> list[Country]:
    """Countries in the subject of a clause ('Both countries', 'Canada and the United States', 'Like Canada, it').

    Countries named beside the subject join it ('Together with Colombia, Mexico and Peru it founded', 'Mexico is,
    with Chile, a founding member'). A subject that names something else ('The Federal Republic joined NATO',
    'The EU joined') is never taken for the document's country: a short form of a subject country's official
    name ('the Federal Republic' of Germany) is that country, anything else gives no member.
    """
    if BOTH_COUNTRIES.search(lead) or BOTH_ALONE.search(lead):
        return list(context.subject.countries)
    companions, rest = _companions(lead)
    subject_end = _SUBJECT_END.search(rest)
    subject = rest[: subject_end.start()] if subject_end else rest
    named = [m.country for m in find_countries(subject)]
    if named:
        return unique_countries([*named, *companions])
    short = _short_form_country(subject, context)
    if short is not None:
        return unique_countries([short, *companions])
    other = _OTHER_SUBJECT.search(lead)
    if not companions and other and not re.fullmatch(r"(?:It|They|The\s+country|Both|This|That)", other.group("name")):
        return []  # 'Jean Dupont, a member of the European Parliament': a person, not a country
    if _PLURAL_PRONOUN.search(subject) and not companions and len(inherited) > 1:
        return list(inherited)  # '..., and they work together in the G20': every member of the clause before
    if _PRONOUN_SUBJECT.search(subject) or companions:
        other = other_subject_country(context.subject, companions[0]) if len(companions) == 1 else None
        resolved = other or pronoun() or (inherited[0] if inherited else None) or context.subject.primary
        return unique_countries([c for c in (resolved, *companions) if c is not None])
    if inherited:
        return list(inherited)
    if _names_a_subject(subject):
        return []
    return _default_members(context)


# Countries named beside a clause's subject: an opening 'Like Canada,', 'Together with Colombia, Mexico and Peru',
# or a parenthetical ', with Chile, Colombia and Peru,'.
_COMPANIONS_OPENING = re.compile(
    r"^\W*(?:(?:Together|Along)\s+with|Like|As\s+with|Alongside|Jointly\s+with)\s+", re.IGNORECASE
)
_COMPANIONS_ASIDE = re.compile(r",\s*(?:together\s+|along\s+|jointly\s+)?with\s+", re.IGNORECASE)


def _companions(lead: str) -> tuple[list[Country], str]:
    """The countries named beside the subject, and the lead without them."""
    opening = _COMPANIONS_OPENING.search(lead)
    if opening:
        countries, end = _country_list(lead, opening.end())
        if countries:
            return countries, lead[end:].lstrip(" ,")
    for aside in _COMPANIONS_ASIDE.finditer(lead):
        countries, end = _country_list(lead, aside.end())
        if countries and re.match(r"\s*,", lead[end:]):
            return countries, lead[: aside.start()] + " " + lead[end:].lstrip(" ,")
    return [], lead


def _country_list(text: str, start: int) -> tuple[list[Country], int]:
    """'Colombia, Mexico and Peru' at `start`: the countries, and where the list ends."""
    countries, position = [], start
    for mention in find_countries(text[start:]):
        between = text[position : start + mention.start]
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)?(?:the\s+)?" if countries else r"\s*(?:the\s+)?", between):
            break
        countries.append(mention.country)
        position = start + mention.end
    return unique_countries(countries), position


def _joined_companions(governed: str) -> list[Country]:
    """'joined Australia, France and the United States in forming': the countries a verb took with no organization."""
    countries, end = _country_list(governed, 0)
    return countries if countries and re.match(r"\s+in\b", governed[end:]) else []


# 'Canada, a founding member of the Council,': a country set off before the status noun, in apposition.
_APPOSITION = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|and\s+)?(?:the\s+)?[A-Z][\w'’.-]*)*)\s*,\s*(?:also\s+|itself\s+)?"
    r"(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+)?$"
)


def _appositive_subject(before: str) -> list[Country] | None:
    """The country a status noun stands in apposition to, whatever the sentence's subject; None when there is none."""
    apposition = _APPOSITION.search(before)
    if apposition is None:
        return None
    named = find_countries(apposition.group("name"))
    if len(named) == 1 and named[0].end == len(apposition.group("name")):
        return [named[0].country]
    return None


def _short_form_country(subject: str, context: DocumentContext) -> Country | None:
    """'The Federal Republic' for the Federal Republic of Germany: capitalised words of one subject country's
    official name (ISO 3166, from pycountry), in order, standing as the clause's subject."""
    import pycountry

    words = re.fullmatch(r"\W*(?:[Tt]he\s+)?((?:[A-Z][\w-]*\s*){1,4})\W*", subject)
    if words is None:
        return None
    phrase = normalize_space(words.group(1))
    found = []
    for country in context.subject.countries:
        record = pycountry.countries.get(alpha_3=country.code)
        official = getattr(record, "official_name", "") if record else ""
        if official and re.search(rf"\b{re.escape(phrase)}\b", official) and phrase != official:
            found.append(country)
    return found[0] if len(found) == 1 else None


_NOT_A_NAME = {"it", "they", "we", "he", "she", "this", "that", "these", "those", "both", "each", "all", "the", "its"}


def _names_a_subject(subject: str) -> bool:
    """Whether a clause's subject is a name ('The Federal Republic', 'the EU', 'NATO'): then it is not the document's
    country. The subject is what follows an opening phrase ('At home, we'); dates are no names ('In May 1955 it');
    only the first word of a sentence is capitalised for no reason."""
    part = subject.rsplit(",", 1)[-1]
    for date in reversed(find_dates(part) if re.search(r"\d", part) else []):
        part = part[: date.start] + " " + part[date.end :]
    tokens = re.findall(r"[\w'’-]+", part)
    if not tokens or tokens[0].lower() in _NOT_A_NAME - {"the"}:
        return False
    capitalised = [i for i, token in enumerate(tokens) if token[:1].isupper() and token != "I"]
    return any(i > 0 for i in capitalised) or (capitalised == [0] and len(tokens[0]) > 1 and tokens[0].isupper())


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


def _with_after(tail: str) -> list[Country]:
    """'has operated NORAD with the United States since 1958': countries right after the organization join it."""
    opening = re.match(r"\s*(?:jointly\s+|together\s+)?with\s+", tail, re.IGNORECASE)
    return _country_list(tail, opening.end())[0] if opening else []


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
    if organization.organization is None:
        name, acronym = organization.name, organization.acronym
        note_unregistered(result, TABLE, context.source_id, line, organization.org_id, name, acronym)


def _skip(text: str, position: int, pattern: str) -> int:
    match = re.compile(pattern).match(text, position)
    return match.end() if match else position


def _add_once(result: Extraction, row: dict) -> None:
    """One row per country, organization and line; a later statement on the line may give the date the first did
    not ('Allies in NATO ... The Federal Republic joined NATO on May 6, 1955')."""
    if result.add_once(TABLE, row) or row["since"] is None:
        return
    for kept in result.rows.get(TABLE, []):
        same = all(kept[c] == row[c] for c in ("country_code", "org_id", "source_id", "line"))
        if same and kept["since"] is None:
            kept["since"], kept["since_precision"] = row["since"], row["since_precision"]


def _row(
    country: Country, org_id: str, status: str, status_raw, since, source_id: str, line: int, evidence: str
) -> dict:
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
