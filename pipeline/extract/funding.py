"""funding: monetary figures, one row per figure per statement, in units of their currency.

A figure is a number with a currency sign or a currency word: '$12 billion',
'CAD$9.6 billion (US$7.4 billion)', '€5 million', '3 million Canadian
dollars'. Percentages and counts of people carry neither, so they are never
money. The fact sheet escapes its dollar signs ('\\$9.7 billion'); a backslash
before a sign is markup and is read past.

The currency comes from the figure ('CAD$', 'US$', '€', 'Canadian dollars'),
else from a note that sets it for the whole document ('* Figures are in
Canadian dollars'), else it stays null with a quality issue: a bare '$' is
the sign of many currencies. A figure in parentheses right after another
restates it in a second currency; both publish, the restatement with
`is_conversion` true, so a sum over rows where it is false counts each
amount once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pycountry

from pipeline.documents.model import Document, Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import prose_units

TABLE = "funding"

# Prefixes written before '$' that say whose dollar it is; a three-letter ISO 4217 code is read as itself.
DOLLAR_PREFIXES = {"US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "CDN": "CAD", "CAN": "CAD", "A": "AUD", "AU": "AUD", "NZ": "NZD", "HK": "HKD"}
# Adjectives before 'dollars' ('Canadian dollars', 'US dollars').
DOLLAR_ADJECTIVES = {"canadian": "CAD", "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "new zealand": "NZD"}
SIGNS = {"€": "EUR", "£": "GBP"}
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12}

_ADJECTIVE = r"(?:Canadian|U\.?S\.?|American|Australian|New\s+Zealand)"
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn|[BMK])\b)?"
_SIGNED_FIGURE = re.compile(
    rf"(?<![\w.])(?P<prefix>(?:[A-Z]{{1,3}}|U\.S\.)(?=\\?[$]))?\\?(?P<sign>[$€£])\s?{_NUMBER}{_SCALE}(?:\s+(?P<adjective>{_ADJECTIVE})\s+dollars\b)?"
)
_WORDED_FIGURE = re.compile(rf"(?<![\w.$\\]){_NUMBER}{_SCALE}\s+(?P<adjective>{_ADJECTIVE}\s+)?dollars\b")

_QUALIFIER = re.compile(r"\b(?P<qualifier>approximately|about|around|almost|nearly|over|more\s+than|less\s+than|up\s+to|at\s+least|roughly|some|an\s+estimated)\s+$", re.IGNORECASE)
_OPEN_PARENTHESIS = re.compile(r"^\s*\(\s*$")
_PERIODS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:in|during|for)\s+(?:the\s+)?\d{4}[-–/]\d{2,4}\s+(?:fiscal|financial)\s+year\b",
        r"\b(?:since|in|during|by|as\s+of|between)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?\d{4}(?:\s*(?:[-–]|and|to)\s*\d{4})?\b(?!\s*%)",
        r"\bover\s+(?:the\s+(?:next|past|last)\s+)?\w+\s+years?\b",
        r"\b(?:per|a|each)\s+year\b|\bannually\b",
    )
)
_PURPOSE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:on|for|in|to|towards)\s+(?:the\s+)?(?P<purpose>[A-Za-z][^,.;()]*)")
_PURPOSE_BEFORE = re.compile(r"(?P<purpose>[\w’'-]+(?:\s+[\w’'-]+){0,3})\s+(?:reached|totall?ed|amounted\s+to|stood\s+at)\s+(?:\w+\s+)?$")
_MONTH_START = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")  # '$5 million in May 2020' is a time
_POSSESSIVE_OWNER = re.compile(r"^\w+['’]s\s+")
_CURRENCY_NOTE = re.compile(
    rf"^(?:all\s+)?(?:figures|amounts|dollar\s+(?:figures|amounts)|values)\s+(?:are\s+)?(?:in|expressed\s+in)\s+(?:(?P<adjective>{_ADJECTIVE})\s+dollars|(?P<code>[A-Z]{{3}}))\b",
    re.IGNORECASE,
)


@dataclass
class _Figure:
    amount: float
    raw: str
    start: int
    end: int
    currency: str | None
    qualifier: str | None


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    document_currency = currency_note(context.document)
    for sentence in prose_units(context.document):
        _from_sentence(context, result, sentence, document_currency)
    return result


def currency_note(document: Document) -> str | None:
    """The currency a note sets for the whole document: '* Figures are in Canadian dollars' -> CAD."""
    notes = [f.text for f in document.footnotes] + [p.text for p in document.paragraphs]
    for note in notes:
        match = _CURRENCY_NOTE.match(note.strip())
        if match:
            return _currency_of_adjective(match.group("adjective")) if match.group("adjective") else _iso_code(match.group("code"))
    return None


def figures_in(text: str) -> list[_Figure]:
    """Every figure with a currency sign or word, left to right."""
    matches = [*_SIGNED_FIGURE.finditer(text), *_WORDED_FIGURE.finditer(text)]
    figures = []
    for match in sorted(matches, key=lambda m: m.start()):
        scale = SCALES[match.group("scale").casefold()] if match.group("scale") else 1
        amount = float(Decimal(match.group("number").replace(",", "")) * scale)
        qualifier = _QUALIFIER.search(text[: match.start()])
        figures.append(_Figure(amount, match.group(), match.start(), match.end(), _written_currency(match), qualifier.group("qualifier") if qualifier else None))
    return figures


def _written_currency(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("adjective"):
        return _currency_of_adjective(groups["adjective"])
    if groups.get("sign") in SIGNS:
        return SIGNS[groups["sign"]]
    prefix = groups.get("prefix")
    return (DOLLAR_PREFIXES.get(prefix) or _iso_code(prefix)) if prefix else None


def _currency_of_adjective(adjective: str) -> str | None:
    return DOLLAR_ADJECTIVES.get(re.sub(r"\s+", " ", adjective.strip().casefold()))


def _iso_code(code: str | None) -> str | None:
    return code if code and pycountry.currencies.get(alpha_3=code) else None


def _from_sentence(context: DocumentContext, result: Extraction, sentence: Sentence, document_currency: str | None) -> None:
    text = sentence.text
    figures = figures_in(text)
    for index, figure in enumerate(figures):
        previous = figures[index - 1] if index else None
        is_conversion = previous is not None and _OPEN_PARENTHESIS.match(text[previous.end : figure.start]) is not None
        currency, resolved_from = (figure.currency, "amount") if figure.currency else (document_currency, "document" if document_currency else None)
        row = {
            "amount": figure.amount,
            "amount_raw": figure.raw,
            "amount_qualifier": figure.qualifier,
            "currency": currency,
            "currency_resolved_from": resolved_from,
            "is_conversion": is_conversion,
            "period_raw": _period(text, figure),
            "purpose": _purpose(text, figures[index - 1] if is_conversion else figure),
            "source_id": context.source_id,
            "line": sentence.line,
            "evidence": text,
        }
        if not result.add_once(TABLE, row):
            result.issue(TABLE, context.source_id, sentence.line, "duplicate_figure", f"{figure.raw!r} appears twice on this line; published once")
            continue
        if currency is None:
            result.issue(TABLE, context.source_id, sentence.line, "unresolved_currency", f"{figure.raw!r} gives no currency and the document sets none")


def _period(text: str, figure: _Figure) -> str | None:
    """The time phrase nearest the figure in its sentence ('Since 2022', 'In the 2023-2024 fiscal year', 'over twenty years')."""
    phrases: list[re.Match] = []
    for pattern in _PERIODS:
        for match in pattern.finditer(text):
            if not any(m.start() < match.end() and match.start() < m.end() for m in phrases):
                phrases.append(match)
    if not phrases:
        return None
    nearest = min(phrases, key=lambda m: figure.start - m.end() if m.end() <= figure.start else max(0, m.start() - figure.end))
    return nearest.group()


def _purpose(text: str, figure: _Figure) -> str | None:
    """What the money is for: 'spent $12 billion on foreign aid', else "Canada's ODA reached ... $9.6 billion"."""
    after = _PURPOSE_AFTER.match(text, figure.end)
    if after and not _MONTH_START.match(after.group("purpose")):
        return after.group("purpose").strip()
    before = _PURPOSE_BEFORE.search(text[: figure.start])
    return _POSSESSIVE_OWNER.sub("", before.group("purpose")).strip() if before else None
