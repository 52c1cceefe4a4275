"""export_controls: the countries named on an export control list.

A list is stated in one sentence: its name, a run of capitalised words ending
in 'Control List' ('Automatic Firearms Country Control List'), followed by its
countries in parentheses, separated by commas, the last one after 'and'
('(Albania, Australia, ..., and the United States)'). Parentheses holding no
comma ('(ECL)') are not a list. 'as of 2014' in the same sentence gives
`as_of_year`; without it the year stays null.

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

from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import prose_units
from pipeline.resolve.countries import Country, resolve_country
from pipeline.resolve.dates import find_dates

TABLE = "export_controls"

_LIST_NAME = re.compile(r"\b(?P<name>(?:[A-Z][\w'’-]*\s+)+Control\s+List)\b")
_COUNTRY_LIST = re.compile(r"\((?P<items>[^()]*,[^()]*)\)")
_AS_OF = re.compile(r"\bas of\s+(?P<when>[^;,()]+)", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:(?:and|or|the)\s+)+", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    seen: set[tuple[int, str, str]] = set()
    for unit in prose_units(context.document):
        text, line = unit.text, unit.line
        for list_name, names, as_of_year in _control_lists(text):
            for name in names:
                if (line, list_name, name) in seen:
                    result.issue(TABLE, context.source_id, line, "not_published", f"{name!r} is named twice on the {list_name}; published once")
                    continue
                seen.add((line, list_name, name))
                country = resolve_country(name)
                if country is None:
                    result.issue(TABLE, context.source_id, line, "unresolved_country", f"{name!r} on the {list_name} is not a known country")
                result.add(TABLE, _row(context, line, text, list_name, name, country, as_of_year))
    return result



def _control_lists(sentence: str) -> list[tuple[str, list[str], int | None]]:
    """Each list a sentence names with the parenthesised countries that follow it, and its 'as of' year."""
    found = []
    for name in _LIST_NAME.finditer(sentence):
        countries = _COUNTRY_LIST.search(sentence, name.end())
        if countries is None:
            continue
        list_name = re.sub(r"^the\s+", "", name["name"], flags=re.IGNORECASE)
        found.append((list_name, _listed_names(countries["items"]), _as_of_year(sentence[name.end() : countries.start()]) or _as_of_year(sentence)))
    return found


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


def _row(context: DocumentContext, line: int, evidence: str, list_name: str, name: str, country: Country | None, as_of_year: int | None) -> dict:
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
