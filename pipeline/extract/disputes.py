"""disputes: territorial and boundary disputes, from the sentences of a document's disputes sections.

A sentence states a dispute when it uses a dispute word ('dispute',
'contested', 'claim', 'sovereignty', 'boundary') and names a disputed place.
Places are recognised by their geographic head word, not from a gazetteer:
'the Gulf of Maine', 'Strait of Juan de Fuca', 'Machias Seal Island',
'Beaufort Sea', 'the Northwest Passage', 'the Lomonosov Ridge', or 'the
islands of St. Pierre and Miquelon'. A parenthesis right after a place
explains it ('the Northwest Passage (the sea passages through the Arctic
Archipelago)') and names nothing new; a parenthesis after 'disputes with the
US (Dixon Entrance, Beaufort Sea, ...)' lists one dispute per place.

A dispute is resolved when its sentence says a body ruled ('the International
Court of Justice ruled', 'a 1992 International Court of Arbitration
ruling'); the year is the date nearest the ruling. Counterparts are the
countries the sentence names, the document's own country left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import Sentence
from pipeline.documents.reading import slugify
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import countries_named, sentences_in
from pipeline.resolve.countries import unique_countries
from pipeline.resolve.dates import find_dates
from pipeline.resolve.organizations import find_organizations, registry

TABLE = "disputes"

_DISPUTE_SECTIONS = r"\b(?:disputes?|territorial|boundar(?:y|ies)|sovereignty)\b"
_DISPUTE_WORD = re.compile(r"\b(?:disputes?|disputed|contested|contests?|claims?|claimed|sovereignty|boundar(?:y|ies))\b", re.IGNORECASE)
_DISPUTE_WITH = re.compile(r"\bdisputes?\s+with\s+(?P<with>[^,;]+)", re.IGNORECASE)

_FEATURES = r"(?:Passage|Ridge|Sea|Strait|Entrance|Islands?|Gulf|Bay|Sound|Shelf|Channel|Bank|Archipelago|Inlet|Basin|Reef|Rocks?|Glacier)"
_LEADING_FEATURES = r"(?:Gulf|Strait|Bay|Sea|Isle|Islands?|Straits)"
_NAME_WORD = r"(?:St\.|[A-Z][\w'’-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|del|la|and)\s+)?{_NAME_WORD})*?"
# 'Gulf of Maine', 'Strait of Juan de Fuca' | 'the islands of St. Pierre and Miquelon' | 'Machias Seal Island', 'Northwest Passage'.
_PLACE = re.compile(
    rf"\b(?:(?P<lead>{_LEADING_FEATURES}\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:(?:de|del|la)\s+)?{_NAME_WORD})*)"
    rf"|islands\s+of\s+(?P<islands>{_NAME_WORD}(?:\s+(?:and\s+)?{_NAME_WORD})*)"
    rf"|(?P<headed>{_NAME}\s+{_FEATURES}))\b"
)
_EXPLANATION = re.compile(r"^\s*\((?:the|an?|i\.e\.)\s", re.IGNORECASE)

_RULED = re.compile(r"\b(?:ruled|ruling|rulings|awarded|arbitrated|settled)\b", re.IGNORECASE)
_BODY = re.compile(r"\b(?P<body>(?:[A-Z][\w'’-]*\s+)*(?:Court|Tribunal)(?:\s+of(?:\s+[A-Z][\w'’-]*)+)?)")
_COURT = re.compile(r"\b(?:Court|Tribunal)\b")


@dataclass
class _Place:
    name: str
    start: int
    end: int


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    for sentence in sentences_in(context.document, _DISPUTE_SECTIONS):
        _from_sentence(context, result, sentence)
    return result


def places_in(text: str) -> list[_Place]:
    """Disputed places in a sentence, left to right, leaving out places that only explain the one before."""
    places: list[_Place] = []
    for match in _PLACE.finditer(text):
        name = next(g for g in (match.group("lead"), match.group("islands"), match.group("headed")) if g)
        start = match.start(next(k for k in ("lead", "islands", "headed") if match.group(k)))
        if places and _explains(text, places[-1], start):
            continue
        places.append(_Place(name, start, start + len(name)))
    return places


def _explains(text: str, previous: _Place, start: int) -> bool:
    """Whether a place sits in a parenthesis that explains the place before it: '... Passage (the sea passages through ...)'."""
    between = text[previous.end : start]
    return _EXPLANATION.match(between) is not None and ")" not in between


def _from_sentence(context: DocumentContext, result: Extraction, sentence: Sentence) -> None:
    text = sentence.text
    if not _DISPUTE_WORD.search(text):
        return
    places = places_in(text)
    if not places:
        _unnamed_dispute(context, result, sentence)
        return
    counterparts = _counterparts(context, text)
    ruling = _RULED.search(text)
    body, body_org = _resolution_body(text) if ruling else (None, None)
    year = _year_near(text, ruling.start()) if ruling else None
    for place in places:
        row = {
            "dispute_id": slugify(place.name),
            "name": place.name,
            "counterpart_codes": counterparts,
            "status": "resolved" if ruling else "ongoing",
            "resolved_year": year,
            "resolution_body": body,
            "resolution_body_org_id": body_org,
            "source_id": context.source_id,
            "line": sentence.line,
            "evidence": text,
        }
        if not result.add_once(TABLE, row):
            continue
        if not counterparts:
            result.issue(TABLE, context.source_id, sentence.line, "unresolved_country", f"the dispute over {place.name} names no other country")
        if ruling and year is None:
            result.issue(TABLE, context.source_id, sentence.line, "unparsed_date", f"the ruling on {place.name} has no year")


def _unnamed_dispute(context: DocumentContext, result: Extraction, sentence: Sentence) -> None:
    """'territorial disputes with the U.S. and Denmark' names sides but no place: recorded, not published."""
    stated = _DISPUTE_WITH.search(sentence.text)
    sides = _counterparts(context, stated.group("with")) if stated else []
    if sides:
        result.issue(TABLE, context.source_id, sentence.line, "unnamed_dispute", f"a dispute with {', '.join(sides)} is stated without naming a disputed place")


def _counterparts(context: DocumentContext, text: str) -> list[str]:
    own = context.subject.primary.code if context.subject.primary else None
    return [c.code for c in unique_countries(m.country for m in countries_named(text)) if c.code != own]


def _resolution_body(text: str) -> tuple[str | None, str | None]:
    """The court or tribunal named in the sentence ('the ICJ' included), and its registry id if it has one."""
    courts = [m for m in find_organizations(text) if _COURT.search(registry()[m.org_id].name)]
    if courts:
        return courts[0].text, courts[0].org_id
    match = _BODY.search(text)
    return (match.group("body"), None) if match else (None, None)


def _year_near(text: str, position: int) -> int | None:
    dates = find_dates(text)
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(d.start - position))
    return int(nearest.date.value[:4])
