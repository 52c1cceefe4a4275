"""export_controls: the countries named on an export control list, in any wording that puts them on it.

A list is named by a run of capitalised words ending in 'Control List'
('Automatic Firearms Country Control List', 'Area Control List'); a
possessive before it says whose it is ("Canada's", 'its'), never a listed
country. Its countries are read from the statement that names it:

- in parentheses after its name, separated by commas ('... Control List ...
  (Albania, Australia, ..., and the United States)'); parentheses holding no
  comma ('(ACL)') are not a list;
- in the slot of a word that puts countries on a list
  (pipeline/knowledge/export_control_words.csv: lemmas, every inflection
  counts): after it when the list comes first ('The Area Control List
  includes North Korea and Belarus'), between it and the list when it comes
  first ('Canada added Ukraine to its Automatic Firearms Country Control
  List'), else the countries right before it ('North Korea, which is the only
  country named on the Area Control List', 'Belarus is on ...');
- in the bullets under a statement that names the list and ends with a colon
  ('The Area Control List names these countries:' then '- North Korea').

A word that takes countries off ('removed Belarus from the ... List'), or a
negated one ('is not on'), gives no row but a quality issue for each country.
'as of 2014' gives `as_of_year`; else the year of a date that says when the
statement held ('In December 2017, Canada added ...'); else null.

Each listed name becomes a row, resolved exactly; a name that does not
resolve is published with a null code and an `unresolved_country` issue. A
name with 'and' inside stays whole when it resolves ('Bosnia and
Herzegovina') and is split only when every part does ('Turkey and the United
States', written without a serial comma). `country_name` is the name as
written without a leading 'and' or 'the'.

Whose list it is: the document's subject (`list_country_code`), as for every
table; the key is (source_id, line, list_name, country_name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.documents.model import Document, Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.inflection import word_forms
from pipeline.extract.prose import countries_named, prose_units
from pipeline.knowledge import export_control_words
from pipeline.resolve.countries import Country, CountryMention, resolve_country
from pipeline.resolve.dates import find_dates
from pipeline.text import trie_alternation

TABLE = "export_controls"

_LIST_NAME = re.compile(r"\b(?P<name>(?:[A-Z][\w-]*\s+)+Control\s+Lists?)\b")
_COUNTRY_LIST = re.compile(r"\((?P<items>[^()]*,[^()]*)\)")
_AS_OF = re.compile(r"\bas of\s+(?P<when>[^;,()]+)", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:in|since|from|by|on)\s+$", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:(?:and|or|the)\s+)+", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# 'is not on', 'was never added to', 'no longer appears on'.
_NEGATED_BEFORE = re.compile(r"\b(?:not|no\s+longer|never)\s+(?:\w+\s+)?$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"\s+(?:not|no\s+longer|never)\b", re.IGNORECASE)
# Between two countries of one list: ', ', ' and ', ', and the '.
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)
# After the last country of a list: punctuation, the end, or a word that does not make it a clause's subject.
_LIST_END = re.compile(r"\s*(?:[,;.:)]|$)|\s+(?:and|or|as|since|in|on|from|until|to|for|with|under|which|who)\b")


@dataclass(frozen=True)
class _Listed:
    list_name: str
    names: list[str]
    as_of_year: int | None
    removed: bool = False  # taken off the list or negated: an issue, not a row


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    seen: set[tuple[int, str, str]] = set()
    for unit in prose_units(context.document):
        for listed in _control_lists(unit.text):
            _publish(context, result, seen, unit.line, unit.text, listed)
    for line, text, listed in _bulleted_lists(context.document):
        _publish(context, result, seen, line, text, listed)
    return result


def _publish(
    context: DocumentContext, result: Extraction, seen: set[tuple[int, str, str]], line: int, text: str, listed: _Listed
) -> None:
    for name in listed.names:
        if listed.removed:
            result.issue(
                TABLE,
                context.source_id,
                line,
                "not_on_list",
                f"{name!r} is stated as not (or no longer) on the {listed.list_name}",
            )
            continue
        if (line, listed.list_name, name) in seen:
            result.issue(
                TABLE,
                context.source_id,
                line,
                "not_published",
                f"{name!r} is named twice on the {listed.list_name}; published once",
            )
            continue
        seen.add((line, listed.list_name, name))
        country = resolve_country(name)
        if country is None:
            result.issue(
                TABLE,
                context.source_id,
                line,
                "unresolved_country",
                f"{name!r} on the {listed.list_name} is not a known country",
            )
        result.add(TABLE, _row(context, line, text, listed.list_name, name, country, listed.as_of_year))


def _control_lists(sentence: str) -> list[_Listed]:
    """Each list a sentence names with the countries it puts on it (or takes off), and its year."""
    if "Control List" not in sentence:
        return []
    found = []
    for name in _LIST_NAME.finditer(sentence):
        list_name = re.sub(r"^the\s+", "", name["name"], flags=re.IGNORECASE)
        countries = _COUNTRY_LIST.search(sentence, name.end())
        if countries is not None:
            year = _as_of_year(sentence[name.end() : countries.start()]) or _as_of_year(sentence)
            found.append(_Listed(list_name, _listed_names(countries["items"]), year))
            continue
        worded = _worded(sentence, name)
        if worded is not None:
            names, removed = worded
            found.append(_Listed(list_name, names, _as_of_year(sentence) or _year_stated(sentence), removed))
    return found


# Worded statements ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _list_words() -> re.Pattern[str]:
    """Every form of a word that puts countries on a list or takes them off; a form of 'be' only before on/in."""
    groups = []
    for role in ("on", "off"):
        forms = {
            f for w in export_control_words() if w.role == role and w.word != "be" for f in word_forms(w.word, w.pos)
        }
        alternation = trie_alternation(forms)
        if role == "on":
            adverb = r"(?:also\s+|still\s+|now\s+|not\s+|no\s+longer\s+)?"
            # 'is the only country on', 'was one of the countries on', 'are the two states in'
            which = (
                r"(?:(?:the\s+)?(?:only|sole|first|last|one\s+of\s+the|two|three)\s+"
                r"(?:countr(?:y|ies)|states?|nations?)\s+)?"
            )
            alternation += rf"|(?:is|are|was|were|been|be|remains?)(?=\s+{adverb}{which}(?:on|in)\b)"
        groups.append(rf"(?P<{role}>\b(?:{alternation})\b)")
    return re.compile("|".join(groups), re.IGNORECASE)


def _worded(sentence: str, name: re.Match) -> tuple[list[str], bool] | None:
    """The countries a word puts on the named list: after it when the list comes first, between it and the list, or
    right before it; None when the sentence has no such word or names no country in its slot."""
    mentions = [m for m in countries_named(sentence) if not _owner(sentence, m)]
    words = list(_list_words().finditer(sentence))
    after = [w for w in words if w.start() >= name.end()]
    before = [w for w in words if w.end() <= name.start()]
    if after and not sentence[name.end() : after[0].start()].strip(" ,").count(" ") > 3:
        group = _group_from(sentence, [m for m in mentions if m.start >= after[0].end()], forward=True)
        if group:
            return _names(group), _taken_off(sentence, after[0])
    if before:
        word = before[-1]
        between = [m for m in mentions if word.end() <= m.start and m.end <= name.start()]
        group = _group_from(sentence, between, forward=True) or _group_from(
            sentence, [m for m in mentions if m.end <= word.start()], forward=False
        )
        if group:
            return _names(group), _taken_off(sentence, word)
    return None


def _owner(sentence: str, mention: CountryMention) -> bool:
    """A possessive ("Canada's") or a demonym ('the Canadian list') says whose list it is, not a listed country."""
    return sentence[mention.end : mention.end + 2] in ("'s", "’s") or resolve_country(mention.text) is None


def _group_from(sentence: str, mentions: list[CountryMention], forward: bool) -> list[CountryMention]:
    """The countries of one coordinated list: from the first mention onward ('North Korea and Belarus'), or from the
    last mention backward ('Iran, Syria and North Korea are named on ...')."""
    if not mentions:
        return []
    ordered = mentions if forward else list(reversed(mentions))
    group = [ordered[0]]
    for mention in ordered[1:]:
        left, right = (group[-1], mention) if forward else (mention, group[-1])
        if not _LIST_SEPARATOR.fullmatch(sentence[left.end : right.start]):
            break
        group.append(mention)
    group = group if forward else list(reversed(group))
    if forward and not _LIST_END.match(sentence, group[-1].end):
        group = group[:-1]  # 'and Canada maintains ...': the last name opens a new clause
    return group


def _names(group: list[CountryMention]) -> list[str]:
    return [_LEADING_WORDS.sub("", m.text).strip() for m in group]


def _taken_off(sentence: str, word: re.Match) -> bool:
    return (
        word.group("off") is not None
        or _NEGATED_BEFORE.search(sentence, 0, word.start()) is not None
        or _NEGATED_AFTER.match(sentence, word.end()) is not None
    )


# Bullets under a lead-in ---------------------------------------------------------------------------------------


def _bulleted_lists(document: Document) -> list[tuple[int, str, _Listed]]:
    """'The Area Control List names these countries:' followed by bullets: each bullet a listed country."""
    found = []
    leads = sorted(
        (Sentence(s.text, s.line) for _, s in document.sentences() if "Control List" in s.text),
        key=lambda s: s.line,
    )
    for bullets in document.lists:
        lead = next((s for s in reversed(leads) if s.line < bullets.line), None)
        if lead is None or not lead.text.rstrip().endswith(":") or _lines_between(document, lead.line, bullets.line):
            continue
        name = _LIST_NAME.search(lead.text)
        if name is None:
            continue
        list_name = re.sub(r"^the\s+", "", name["name"], flags=re.IGNORECASE)
        year = _as_of_year(lead.text) or _year_stated(lead.text)
        for item in bullets.items:
            found.append((item.line, item.text, _Listed(list_name, _listed_names(item.text.rstrip(" .;")), year)))
    return found


def _lines_between(document: Document, after: int, before: int) -> bool:
    """Whether a paragraph stands between a lead-in and its bullets."""
    return any(after < p.line < before for p in document.paragraphs)


# Names and years -----------------------------------------------------------------------------------------------


def _listed_names(items: str) -> list[str]:
    names = []
    for item in items.split(","):
        name = _LEADING_WORDS.sub("", item.strip()).strip()
        if not name:
            continue
        parts = [_LEADING_WORDS.sub("", p).strip() for p in _AND.split(name)]
        if resolve_country(name) is None and len(parts) > 1 and all(resolve_country(p) for p in parts):
            names += parts
        else:
            names.append(name)
    return names


def _as_of_year(text: str) -> int | None:
    """The year of the first date after 'as of' ('as of 2014', 'as of March 2014')."""
    as_of = _AS_OF.search(text)
    dates = find_dates(as_of["when"]) if as_of else []
    return int(dates[0].date.value[:4]) if dates else None


def _year_stated(text: str) -> int | None:
    """The year of a date that says when the statement held: 'In December 2017, Canada added ...', 'since 2019'."""
    for found in find_dates(text):
        if _WHEN.search(text, 0, found.start):
            return int(found.date.value[:4])
    return None


def _row(
    context: DocumentContext,
    line: int,
    evidence: str,
    list_name: str,
    name: str,
    country: Country | None,
    as_of_year: int | None,
) -> dict:
    subject = context.subject.primary
    return {
        "list_name": list_name,
        "list_country_code": subject.code if subject else None,
        "country_code": country.code if country else None,
        "country_name": name,
        "as_of_year": as_of_year,
        "source_id": context.source_id,
        "line": line,
        "evidence": evidence,
    }
