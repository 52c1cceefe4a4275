"""memberships: who belongs to which organization, from membership lists and from prose.

Lists: a bulleted list under an 'International organizations' heading, or
after a sentence like 'Canada is a member of the following organizations:'.
Every item becomes a row; a qualifier in parentheses sets the status.

Prose: a sentence counts only when a membership phrase ('founding member of',
'joined', 'observer to', 'membership in', 'work together in') is followed by
an organization from the registry. The members are the countries in the
sentence's subject ('Both countries', 'Canada and the United States'),
else the document's subject.
"""

from __future__ import annotations

import re

from pipeline.documents.model import BulletList, Document, Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import prose_units
from pipeline.extract.organization_lists import read_listed_organization
from pipeline.resolve.countries import Country, find_countries, unique_countries
from pipeline.resolve.dates import find_dates
from pipeline.resolve.organizations import find_organizations
from schemas.vocabularies import MEMBERSHIP_STATUSES

TABLE = "memberships"

_LIST_HEADING = r"\b(international organi[sz]ations|memberships?)\b"
_LIST_INTRO = re.compile(r"\bmembers? of the following\b", re.IGNORECASE)

# (status, pattern) in priority order: the first pattern to match a span wins.
_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (status, re.compile(pattern, re.IGNORECASE))
    for status, pattern in (
        ("founding member", r"\bfounding members? (?:of|in)\b"),
        ("founding member", r"\b(?:formed|founded|co-founded)\b"),
        ("dialogue partner", r"\bdialogue partners? (?:of|to)\b"),
        ("observer", r"\bobservers? (?:to|of|in|at)\b"),
        ("member", r"\bmembers? (?:of|in)\b"),
        ("member", r"\bmembership (?:in|of)\b"),
        ("member", r"\bjoin(?:s|ed)?\b"),
        ("member", r"\bwork(?:s|ed|ing)? (?:together|side by side|closely) in\b"),
    )
)
_CLAUSE_END = re.compile(r"(?:,? and (?:has|have|is|are|was|were|seeks|seek|will|also)\b|;)", re.IGNORECASE)
_FOUNDING_DATE = re.compile(r"\b(?:since (?:its|their) (?:founding|creation|formation)|(?:was|were) (?:created|founded|formed|established)|(?:created|founded|formed|established) in)\b", re.IGNORECASE)
_BOTH = re.compile(r"\b(?:both|the two) (?:countries|states|nations)\b", re.IGNORECASE)
_SUBJECT_END = re.compile(r"\b(?:is|are|was|were|has|have|had|also|remains?|became|becomes|joined|joins|formed|founded|maintains?|participated|cooperates?|work(?:s|ed)?)\b", re.IGNORECASE)
_TOGETHER_WITH = re.compile(r"\b(?:together|along) with\b(?P<rest>[^,;.]*)", re.IGNORECASE)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    membership_lists = _membership_lists(context.document)
    for bullet_list, member in membership_lists:
        for item in bullet_list.items:
            _list_row(context, result, member, item.text, item.line)
    for sentence in prose_units(context.document, skip=[b for b, _ in membership_lists]):
        _prose_rows(context, result, sentence)
    return result


# lists ----------------------------------------------------------------------


def _membership_lists(document: Document) -> list[tuple[BulletList, str | None]]:
    """Lists of memberships, each with the sentence that introduces it (it may name the member)."""
    found = []
    headed = {s.index for s in document.sections_matching(_LIST_HEADING)}
    for bullet_list in document.lists:
        intro = _paragraph_before(document, bullet_list.line)
        if bullet_list.section in headed or (intro and _LIST_INTRO.search(intro)):
            found.append((bullet_list, intro))
    return found


def _paragraph_before(document: Document, line: int) -> str | None:
    before = [p for p in document.paragraphs if p.line < line]
    if not before:
        return None
    last = before[-1]
    blocks_between = any(last.line < b.line < line for b in [*document.lists, *document.tables])
    return None if blocks_between else last.text


def _list_row(context: DocumentContext, result: Extraction, intro: str | None, text: str, line: int) -> None:
    listed = read_listed_organization(text)
    members = _members_named_in(intro, context) if intro else _default_members(context)
    if not members:
        result.issue(TABLE, context.source_id, line, "unknown_subject", f"no member country for list item {text!r}")
        return
    status, status_raw = _status_from_qualifier(listed.qualifier)
    if status == "other":
        result.issue(TABLE, context.source_id, line, "unknown_status", f"qualifier {listed.qualifier!r} is not in the status vocabulary; published as 'other'")
    if listed.organization is None:
        result.add("_organizations_unregistered", {"org_id": listed.org_id, "name": listed.name, "acronym": listed.acronym, "source_id": context.source_id, "line": line})
        result.issue(TABLE, context.source_id, line, "unregistered_organization", f"{listed.name!r} is not in the organization registry; published as {listed.org_id!r}")
    for country in members:
        result.add_once(TABLE, _row(country, listed.org_id, status, status_raw, None, context.source_id, line, text))


def _status_from_qualifier(qualifier: str | None) -> tuple[str, str | None]:
    if qualifier is None:
        return "member", None
    normalized = re.sub(r"\s+", " ", qualifier).strip().casefold()
    return (normalized if normalized in MEMBERSHIP_STATUSES else "other"), qualifier


# prose ----------------------------------------------------------------------


def _prose_rows(context: DocumentContext, result: Extraction, sentence: Sentence) -> None:
    triggers = _find_triggers(sentence.text)
    for number, (status, match) in enumerate(triggers):
        span_end = triggers[number + 1][1].start() if number + 1 < len(triggers) else len(sentence.text)
        span = sentence.text[match.end() : span_end]
        clause_end = _CLAUSE_END.search(span)
        span = span[: clause_end.start()] if clause_end else span
        organizations = _unique_by_org(find_organizations(span))
        if not organizations:
            continue
        members = _sentence_members(sentence.text[: match.start()], span, context)
        for mention in organizations:
            since = _since(sentence.text, span, mention.end)
            for country in members:
                row = _row(country, mention.org_id, status, match.group(0), since, context.source_id, sentence.line, sentence.text)
                result.add_once(TABLE, row)  # a line that states one membership twice is one statement


def _find_triggers(text: str):
    """Non-overlapping membership phrases, left to right; earlier patterns win a tie."""
    found = []
    for status, pattern in _TRIGGERS:
        for match in pattern.finditer(text):
            if not any(m.start() < match.end() and match.start() < m.end() for _, m in found):
                found.append((status, match))
    return sorted(found, key=lambda pair: pair[1].start())


def _unique_by_org(mentions):
    seen, unique = set(), []
    for mention in mentions:
        if mention.org_id not in seen:
            seen.add(mention.org_id)
            unique.append(mention)
    return unique


def _since(sentence: str, span: str, after: int):
    """The date the membership began: a date right after the organization, else a founding date in the sentence."""
    for mention in find_dates(span):
        if mention.start >= after:
            return mention.date
    founding = _FOUNDING_DATE.search(sentence)
    if founding:
        dates = find_dates(sentence[founding.end() :])
        if dates:
            return dates[0].date
    return None


def _sentence_members(prefix: str, span: str, context: DocumentContext) -> list[Country]:
    members = _members_named_in(prefix, context)
    together = _TOGETHER_WITH.search(span)
    if together:
        members += [m.country for m in find_countries(together.group("rest"))]
    return unique_countries(members)


def _members_named_in(text: str, context: DocumentContext) -> list[Country]:
    """Countries in the subject of a clause ('Both countries', 'Canada and the United States', 'It')."""
    if _BOTH.search(text):
        return list(context.subject.countries)
    subject_end = _SUBJECT_END.search(text)
    subject = text[: subject_end.start()] if subject_end else text
    named = [m.country for m in find_countries(subject)]
    return unique_countries(named) or _default_members(context)


def _default_members(context: DocumentContext) -> list[Country]:
    return [context.subject.primary] if context.subject.primary else []


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
