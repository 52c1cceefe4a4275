"""envoys: named heads of mission, from infobox title/name pairs and from sentences that put a name beside a title.

A title says who sends whom: 'Ambassador of Canada to Russia', 'the American
ambassador to Canada', "Russia's ambassador to Canada". In prose a person
stands right after it ('... is Sarah Taylor') or right before it ('David
Wilkins, the American ambassador to Canada'). In an infobox, 'Envoytitle1'
and 'Envoy1' pair by their number; a title that names no country takes the
order of the two countries in the document's title (envoy 1 is sent by the
first to the second, envoy 2 the other way).

Two dates are kept apart: `since` when the text says the person took up the
role ('appointed in November 2023'), `as_of` when it only places them in it
at a date ('In January 2006, David Wilkins, the American ambassador ...').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import country_in_phrase, other_subject_country, prose_units
from pipeline.resolve.countries import Country
from pipeline.resolve.dates import PartialDate, find_dates, parse_date

TABLE = "envoys"

_ROLE = r"(?i:ambassadors?|high\s+commissioners?|consuls?[-\s]general|consuls?|envoys?|charg[ée]s?\s+d['’]affaires|permanent\s+representatives?)"
_CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’.-]*)"
_COUNTRY_WORDS = rf"(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED})*"
# 'Ambassador of Canada to Russia', 'the Canadian Ambassador to the Russian Federation', "Russia's ambassador to Canada".
_TITLE = re.compile(
    rf"(?:(?P<by>{_CAPITALISED}(?:\s+{_CAPITALISED})*?)(?:['’]s)?\s+)?(?P<role>{_ROLE})"
    rf"(?:\s+of\s+(?P<of>{_COUNTRY_WORDS}))?\s+to\s+(?P<to>{_COUNTRY_WORDS})"
)
_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]+"
_HONORIFIC = r"(?:H\.\s?E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Sir|Dame)\s+"
_PERSON = rf"(?P<person>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
# 'David Wilkins, the American ambassador': the person, a comma, maybe 'the', then the title.
_PERSON_BEFORE = re.compile(rf"(?:{_HONORIFIC})?{_PERSON},\s+(?:the\s+)?$")
# 'The Canadian ambassador to Russia is Sarah Taylor'.
_PERSON_AFTER = re.compile(rf"\s+(?:is|was|has\s+been)\s+(?:{_HONORIFIC})?{_PERSON}")
# Words that open a name but are offices, not names ('Prime Minister Justin Trudeau').
_OFFICE_WORDS = {"prime", "minister", "president", "governor", "general", "ambassador", "deputy", "secretary", "chairman", "director"}
_APPOINTED = re.compile(r"\b(?:appointed|named|accredited|took\s+office|since)\b", re.IGNORECASE)
_OPENING_DATE = re.compile(r"^(?:In|On|As\s+of|By)\s+(?P<date>[^,]+),")
_INFOBOX_TITLE = re.compile(r"^envoy\s*title\s*(?P<n>\d*)$", re.IGNORECASE)
_INFOBOX_NAME = re.compile(r"^envoy\s*(?P<n>\d*)$", re.IGNORECASE)


@dataclass
class _Title:
    """A title as read: the role and whichever countries it names."""

    text: str
    role: str
    sender: Country | None
    receiver: Country | None


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    _from_infobox(context, result)
    for sentence in prose_units(context.document):
        _from_sentence(context, result, sentence)
    return result


def read_title(text: str) -> _Title | None:
    """'Ambassador of Canada to Russia' -> ambassador, CAN, RUS; a bare 'Ambassador' keeps its role only."""
    match = _TITLE.search(text)
    if match:
        sender = country_in_phrase(match.group("of")) or country_in_phrase(match.group("by"))
        return _Title(match.group().strip(), _normal_role(match.group("role")), sender, country_in_phrase(match.group("to")))
    role = re.search(_ROLE, text)
    return _Title(text.strip(), _normal_role(role.group()), None, None) if role else None


def _normal_role(words: str) -> str:
    """'Consuls-General' -> 'consul general': lower case, single spaces, singular."""
    role = re.sub(r"[\s-]+", " ", words.casefold())
    role = re.sub(r"\b(ambassador|commissioner|consul|envoy|representative)s\b", r"\1", role)
    return re.sub(r"\bchargés\b", "chargé", role)


# infobox ----------------------------------------------------------------------


def _from_infobox(context: DocumentContext, result: Extraction) -> None:
    """'Envoytitle1: Ambassador of Canada to Russia' with 'Envoy1: Sarah Taylor'."""
    titles = {m.group("n"): e for e in context.document.infobox if (m := _INFOBOX_TITLE.match(e.key))}
    names = {m.group("n"): e for e in context.document.infobox if (m := _INFOBOX_NAME.match(e.key))}
    for number, name in names.items():
        if not name.value:
            continue
        title_entry = titles.get(number)
        title_text = title_entry.value if title_entry else ""
        title = read_title(title_text) or _Title(title_text, title_text.casefold() or "envoy", None, None)
        _sides_from_subject(context, title, number)
        entries = [e for e in (title_entry, name) if e is not None]
        evidence = "\n".join(f"{e.key}: {e.value}" for e in sorted(entries, key=lambda e: e.line))
        _emit(context, result, name.value, title, min(e.line for e in entries), evidence, None, None)


def _sides_from_subject(context: DocumentContext, title: _Title, number: str) -> None:
    """Fill what the title leaves out from the document's two countries: the other one, or their order by envoy number."""
    countries = context.subject.countries
    if title.sender and not title.receiver:
        title.receiver = other_subject_country(context.subject, title.sender)
    elif title.receiver and not title.sender:
        title.sender = other_subject_country(context.subject, title.receiver)
    elif not title.sender and not title.receiver and len(countries) == 2 and number in ("1", "2"):
        first, second = countries if number == "1" else tuple(reversed(countries))
        title.sender, title.receiver = first, second


# prose ----------------------------------------------------------------------------


def _from_sentence(context: DocumentContext, result: Extraction, sentence: Sentence) -> None:
    text = sentence.text
    for match in _TITLE.finditer(text):
        person = _person_beside(text, match)
        if person is None:
            continue
        title = read_title(match.group())
        since = _date_after(text, match.end(), _APPOINTED)
        as_of = _opening_date(text) if since is None else None
        _emit(context, result, person, title, sentence.line, text, since, as_of)


def _person_beside(text: str, title: re.Match) -> str | None:
    after = _PERSON_AFTER.match(text, title.end())
    before = _PERSON_BEFORE.search(text[: title.start()])
    found = after or before
    return _without_offices(found.group("person")) if found else None


def _without_offices(name: str) -> str | None:
    words = name.split()
    while words and words[0].casefold() in _OFFICE_WORDS:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else None


def _date_after(text: str, position: int, trigger: re.Pattern[str]) -> PartialDate | None:
    """The first date after a trigger word that follows `position` in the same clause ('..., appointed in November 2023')."""
    clause_end = text.find(";", position)
    found = trigger.search(text, position, clause_end if clause_end >= 0 else len(text))
    if not found:
        return None
    dates = find_dates(text[found.end() : clause_end if clause_end >= 0 else len(text)])
    return dates[0].date if dates else None


def _opening_date(text: str) -> PartialDate | None:
    """A date that opens the sentence: 'In January 2006, ...'."""
    opening = _OPENING_DATE.match(text)
    return parse_date(opening.group("date")) if opening else None


# rows -----------------------------------------------------------------------------


def _emit(context: DocumentContext, result: Extraction, person: str, title: _Title, line: int, evidence: str, since: PartialDate | None, as_of: PartialDate | None) -> None:
    row = {
        "person": person,
        "role": title.role,
        "title_raw": title.text or None,
        "sending_country_code": title.sender.code if title.sender else None,
        "receiving_country_code": title.receiver.code if title.receiver else None,
        "since": since.value if since else None,
        "since_precision": since.precision if since else None,
        "as_of": as_of.value if as_of else None,
        "as_of_precision": as_of.precision if as_of else None,
        "source_id": context.source_id,
        "line": line,
        "evidence": evidence,
    }
    if not result.add_once(TABLE, row):
        return
    for side, country in (("sending", title.sender), ("receiving", title.receiver)):
        if country is None:
            result.issue(TABLE, context.source_id, line, "unresolved_country", f"no {side} country for {person} ({title.text!r})")
