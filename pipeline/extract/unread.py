"""Misses made visible: statements that name a country or an organization with a relation word, and gave no row.

A sentence like 'Canada opened a trade office in Lagos in 2019' or 'Both are parties to the Widget
Convention' may be a fact no extractor has a pattern for yet. Dropping it silently breaks the contract's
"never drop silently"; so after every extractor has run, each statement (sentence or list item, as
prose.prose_units reads them) that

- names a known country (by name or demonym) or a registry organization, and
- holds a relation word (relation_words.csv: 'member', 'embassy', 'ambassador', 'treaty', 'boundary', ...), and
- sits on a line from which no table got a row and no extractor reported an issue

becomes a quality issue of kind `unread_statement` on table `sources`, with its line and the relation word:
"mentions Canada and NATO with 'member' but no row was read from this line". A line an extractor already
reported on (an aspiration, an unresolved country) was read, not missed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import countries_named, prose_units
from pipeline.knowledge import relation_words
from pipeline.resolve.organizations import find_organizations, registry

TABLE = "sources"
KIND = "unread_statement"


@lru_cache(maxsize=1)
def _relation_pattern() -> re.Pattern[str]:
    words = sorted({w.word for w in relation_words()}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def extract(context: DocumentContext, extraction: Extraction) -> Extraction:
    """Issues for the statements of one document that no extractor read; `extraction` is every extractor's result."""
    result = Extraction()
    read_lines = _lines_read(extraction)
    reported: set[tuple[int, str]] = set()
    for unit in prose_units(context.document):
        if unit.line in read_lines:
            continue
        relation = _relation_pattern().search(unit.text)
        if relation is None:
            continue
        names = _named(unit.text)
        if not names:
            continue
        detail = f"mentions {_listed(names)} with {relation.group(0).lower()!r} but no row was read from this line"
        if (unit.line, detail) not in reported:
            reported.add((unit.line, detail))
            result.issue(TABLE, context.source_id, unit.line, KIND, detail)
    return result


def _lines_read(extraction: Extraction) -> set[int]:
    """Lines that gave a row in a published table, or that an extractor reported on."""
    lines = {row.get("line") for table, rows in extraction.rows.items() if not table.startswith("_") for row in rows}
    lines |= {issue.line for issue in extraction.issues}
    return {line for line in lines if line is not None}


def _named(text: str) -> list[str]:
    """Countries and registry organizations the statement names, each once, in order."""
    found = [(m.start, m.country.name) for m in countries_named(text)]
    found += [(m.start, registry()[m.org_id].acronym or registry()[m.org_id].name) for m in find_organizations(text)]
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names


def _listed(names: list[str]) -> str:
    shown = names[:3] + ([f"{len(names) - 3} more"] if len(names) > 3 else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
