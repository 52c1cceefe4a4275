"""funding: monetary figures, one row per figure per statement, in units of their currency.

A figure is a number with a currency sign, code or word: '$12 billion',
'CAD$9.6 billion (US$7.4 billion)', '€5 million', 'CAD 9.6 billion', '9.6
billion USD', '3 million Canadian dollars', '¥40 billion'. The signs and
words are data (pipeline/knowledge/currency_signs.csv); three-letter codes
are ISO 4217's (pycountry). Percentages, weights ('7.1 million pounds of
uranium', '5 million tonnes'), counts of people and years carry none, so
they are never money. The fact sheet escapes its dollar signs ('\\$9.7
billion'); a backslash before a sign is markup and is read past.

Numbers are read as written where that is unambiguous: '1,250,000',
'NZ$46,857 million', no-break or thin spaces between thousands ('€1 250
000'), European separators ('€1.250.000', '€2,5 million': a comma before one
or two digits is a decimal comma). A scale follows ('billion', '-million',
'bn', 'M', 'crore').

A range ('$2 to $3 billion', '$2–3 billion', 'between $2 billion and $3
billion', '4 to 6 million euros') is ONE row: its amount is the low bound
(a low bound written without a scale takes the high bound's), its
`amount_qualifier` is 'between' (or 'about; between' after a hedge), and
its `amount_raw` is the whole range as written, high bound included. One
row, because a range states one uncertain figure, not two sums of money;
the low bound is the figure the text vouches for. 'from $2 billion to $3
billion' is a change between two figures, so it is two rows.

The currency comes from the figure ('CAD$', 'US$', '€', 'Canadian dollars'),
else from the note of a footnote marker glued to the figure or its clause
('US\\$5.9 billion†' or 'over twenty years,*' with '† In US dollars':
`currency_resolved_from` 'note'), else from a note that sets it for the whole
document in any wording ('* Figures are in Canadian dollars', 'Unless noted
otherwise, all figures are in Canadian dollars', 'All amounts in this fact
sheet are expressed in CAD': a noun for figures, then the one currency they
are in; a marked note no figure carries counts for the whole document), else
it stays null with a quality issue: a bare '$' is
the sign of many currencies, and '¥' is the yen's and the yuan's (read as
the currency of the document's subject country when it is one of them). A
figure in parentheses right after another restates it in a second currency;
both publish, the restatement with `is_conversion` true, so a sum over rows
where it is false counts each amount once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import pycountry

from pipeline.documents.model import Document, Sentence
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.prose import countries_named, prose_units
from pipeline.knowledge import CurrencySign, currency_signs
from pipeline.text import any_of

TABLE = "funding"

SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "crore": 10**7,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}

# A number as written; '{name}' names its group so that a pattern can hold two (the bounds of a range).
_NUMBER = (
    r"(?P<{name}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?"  # 1,250,000.5
    r"|\d{{1,3}}(?:\.\d{{3}}){{2,}}(?:,\d+)?|\d{{1,3}}(?:\.\d{{3}})+,\d+"  # 1.250.000 and 1.250,5 (European)
    r"|\d{{1,3}}(?:[\u00a0\u2009\u202f]\d{{3}})+(?:[.,]\d+)?"  # 1 250 000 with no-break or thin spaces
    r"|\d+,\d{{1,2}}(?!\d)"  # 2,5 (decimal comma)
    r"|\d+(?:\.\d+)?)"
)
_SCALE = r"(?:[\s-]?(?P<{name}>(?i:trillion|billion|million|thousand|lakh|crore)s?|tn|bn|mn|[BMKbmk])\b)?"
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_SPACES = re.compile(r"[\u00a0\u2009\u202f]")


def _number(name: str) -> str:
    return _NUMBER.format(name=name)


def _scale(name: str) -> str:
    return _SCALE.format(name=name)


def _alternation(texts: list[str], case_insensitive: bool = False) -> str:
    """Longest first, spaces as any space, '$' with its optional escaping backslash."""
    parts = [
        re.escape(t).replace(r"\$", r"\\?\$").replace(r"\ ", r"\s+") for t in sorted(set(texts), key=len, reverse=True)
    ]
    return f"(?i:{'|'.join(parts)})" if case_insensitive else "|".join(parts)


@dataclass(frozen=True)
class _Patterns:
    """The figure patterns, built once from the knowledge file."""

    before: re.Pattern[str]  # 'C$9.6 billion', 'CAD 9.6 billion', '€5 million euros'
    after: re.Pattern[str]  # '9.6 billion CAD', '5 million euros', '25 000 $'
    range_tail: re.Pattern[str]  # ' to $3 billion', '–3 billion'
    words: re.Pattern[str]  # a currency word alone, for notes ('Figures are in Canadian dollars')
    sign_characters: frozenset[str]  # '$', '€', ...: a sentence with none of these, no word and no code holds no figure
    lower_words: tuple[str, ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    signs = currency_signs()
    symbols = _alternation([s.written for s in signs if s.kind == "symbol"])
    words = _alternation([s.written for s in signs if s.kind == "word"], case_insensitive=True)
    written_before = (
        rf"(?P<symbol>{symbols})|(?P<code_dollar>[A-Z]{{3}})\\?\$|(?P<code>[A-Z]{{3}})(?=\s?\d)"
        r"|(?P<unknown>[A-Z]{1,2}|U\.S\.)\\?\$"
    )
    before = re.compile(
        rf"(?<![\w.])(?:{written_before})\s?{_number('number')}{_scale('scale')}(?:\s+(?P<word>{words})\b)?"
    )
    after = re.compile(
        rf"(?<![\w.$\\,])(?:{_number('low')}{_scale('low_scale')}\s*(?P<connector>to|and|–|—|-)\s*)?"
        rf"{_number('number')}{_scale('scale')}\s?(?:(?P<symbol>{symbols})(?!\s?\d)|(?P<word>{words})\b"
        rf"|(?P<code>[A-Z]{{3}})\b)"
    )
    range_tail = re.compile(
        rf"\s*(?P<connector>to|and|–|—|-)\s*(?:{symbols}|[A-Z]{{3}}\\?\$"
        rf"|[A-Z]{{3}}\s)?\s?{_number('high')}{_scale('high_scale')}"
        rf"(?:\s+(?P<word>{words})\b|\s?(?P<symbol>{symbols})(?!\s?\d)|\s(?P<code>[A-Z]{{3}})\b)?"
    )
    sign_characters = frozenset(
        c for s in signs if s.kind == "symbol" for c in s.written if not c.isalnum() and c != "."
    )
    lower_words = tuple(sorted({s.written.lower() for s in signs if s.kind == "word"}))
    return _Patterns(before, after, range_tail, re.compile(rf"\b(?:{words})\b"), sign_characters, lower_words)


_CODE_LIKE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![a-z])")
_DIGIT = re.compile(r"\d")


def _may_hold_money(text: str) -> bool:
    """A quick test that skips most sentences: a figure needs a digit and a currency sign, word or code."""
    if not _DIGIT.search(text):
        return False
    patterns = _patterns()
    if not patterns.sign_characters.isdisjoint(text):
        return True
    lowered = text.lower()
    return _lower_word_test().search(lowered) is not None or any(_iso_code(c) for c in _CODE_LIKE.findall(text))


@cache
def _lower_word_test() -> re.Pattern[str]:
    return any_of(_patterns().lower_words)


@cache
def _signs_written(written: str) -> tuple[CurrencySign, ...]:
    key = written.replace("\\", "").casefold()
    key = re.sub(r"\s+", " ", key)
    return tuple(s for s in currency_signs() if s.written.casefold() == key)


# A note that sets the currency of the figures, in any wording: '* Figures are in Canadian dollars', 'Unless noted
# otherwise, all figures are in Canadian dollars.', 'All amounts are expressed in CAD unless stated', 'Dollar values
# are in millions of Canadian dollars'. What it names after 'in'/'are' must be one currency.
_FIGURES_NOUN = re.compile(r"\b(?:figures|amounts|values|sums|numbers|totals|prices|costs|dollars)\b", re.IGNORECASE)
_NOTE_CONNECTIVE = re.compile(
    r"\b(?:(?:are|is)\s+(?:(?:expressed|given|stated|reported|shown|presented|quoted|listed)\s+)?in|in|are|as)\s+"
    r"(?:(?:millions|billions|thousands)\s+of\s+)?(?:(?:current|constant|nominal)\s+)?",
    re.IGNORECASE,
)
_NOTE_CURRENCY = re.compile(r"[^.;,()]+")
_NOTE_REACH = 60  # characters between the figures' noun and what they are in: 'all amounts in this fact sheet are'
# A footnote marker glued to what it annotates: '$5.9 billion†', 'over twenty years,*'.
_MARKER = re.compile(r"(?<=[^\s*†‡])(?P<marker>\*+|†|‡)")
_QUALIFIER = re.compile(
    r"\b(?P<qualifier>approximately|about|around|almost|nearly|over|more\s+than|less\s+than|up\s+to|at\s+least|roughly"
    r"|some|an\s+estimated)\s+$",
    re.IGNORECASE,
)
# '¥4.1 trillion (about $50 billion)': the figure in parentheses restates the one before it.
_OPEN_PARENTHESIS = re.compile(
    r"^\s*\(\s*(?:(?:about|approximately|around|roughly|some|nearly|almost|or|i\.e\.,?)\s+)?$", re.IGNORECASE
)
_PERIODS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:in|during|for)\s+(?:the\s+)?\d{4}[-–/]\d{2,4}\s+(?:fiscal|financial)\s+year\b",
        r"\b(?:since|in|during|by|as\s+of|between)\s+(?:(?:January|February|March|April|May|June|July|August|September"
        r"|October|November|December)\s+)?\d{4}(?:\s*(?:[-–]|and|to)\s*\d{4})?\b(?!\s*%)",
        r"\bover\s+(?:the\s+(?:next|past|last)\s+)?\w+\s+years?\b",
        r"\b(?:per|a|each)\s+year\b|\bannually\b",
    )
)
_PURPOSE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:on|for|in|to|towards)\s+(?:the\s+)?(?P<purpose>[A-Za-z][^,.;()]*)")
_PURPOSE_BEFORE = re.compile(
    r"(?P<purpose>[\w’'-]+(?:\s+[\w’'-]+){0,3})\s+(?:reached|totall?ed|amounted\s+to|stood\s+at)\s+(?:\w+\s+)?$"
)
_MONTH_START = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)  # '$5 million in May 2020' is a time
_POSSESSIVE_OWNER = re.compile(r"^\w+['’]s\s+")


@dataclass
class _Figure:
    amount: float
    raw: str
    start: int
    end: int
    currency: str | None
    qualifier: str | None
    ambiguous: tuple[str, ...] = ()  # the currencies a shared sign may stand for, when none could be chosen


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    units = prose_units(context.document)
    notes = currency_notes(context.document, units)
    subject_codes = tuple(c.code for c in context.subject.countries)
    for sentence in units:
        _from_sentence(context, result, sentence, notes, subject_codes)
    return result


@dataclass(frozen=True)
class CurrencyNotes:
    """The currency a document's notes set: for every figure (`document`), and for the figures that carry a footnote
    marker (`by_marker`: '*' -> 'USD' when the '*' note says 'In US dollars')."""

    document: str | None
    by_marker: dict[str, str]


def currency_notes(document: Document, units: list[Sentence] | None = None) -> CurrencyNotes:
    """The currency notes of a document: a note naming a currency for the figures ('Unless noted otherwise, all
    figures are in Canadian dollars') sets the document's; a marked note ('† In US dollars') sets the currency of the
    figures that carry its marker, and the document's when no figure carries it ('* Figures are in Canadian dollars'
    under a fact sheet whose figures have no marker). `units` are the document's prose units, when already read.
    """
    marked: dict[str, str] = {}
    for footnote in document.footnotes:
        currency = _note_currency(footnote.text) or _only_currency(footnote.text)
        if currency is not None:
            marked.setdefault(footnote.marker, currency)
    units = prose_units(document) if units is None else units
    document_currency = next(
        (c for u in units if _FIGURES_NOUN.search(u.text) and (c := _note_currency(u.text)) is not None), None
    )
    used = _markers_used(units) if marked else set()
    unused = [currency for marker, currency in marked.items() if marker not in used]
    document_currency = document_currency or (unused[0] if unused else None)
    return CurrencyNotes(document_currency, {m: c for m, c in marked.items() if m in used})


def currency_note(document: Document) -> str | None:
    """The currency a note sets for the whole document: '* Figures are in Canadian dollars' -> CAD, '... in EUR' ->
    EUR.
    """
    return currency_notes(document).document


def _currency_named(phrase: str) -> str | None:
    """'Canadian dollars' -> CAD, 'euros' -> EUR, 'USD' -> USD; None for a phrase that names no single currency."""
    code = re.fullmatch(r"\s*([A-Z]{3})\b.*", phrase)
    if code and _iso_code(code.group(1)):
        return code.group(1)
    word = _patterns().words.match(phrase.strip())
    signs = _signs_written(word.group()) if word else ()
    return signs[0].currency if len(signs) == 1 else None


def _note_currency(text: str) -> str | None:
    """The one currency a note names for the figures, when the note states no figure of its own.

    'Unless noted otherwise, all figures are in Canadian dollars', 'All amounts in this fact sheet are expressed in
    CAD': a noun for figures, then what they are in; a phrase naming two currencies sets none.
    """
    noun = _FIGURES_NOUN.search(text)
    if noun is None or figures_in(text):
        return None
    for connective in _NOTE_CONNECTIVE.finditer(text, noun.end()):
        if connective.start() > noun.end() + _NOTE_REACH:
            break
        phrase = _NOTE_CURRENCY.match(text, connective.end())
        currency = _currency_named(phrase.group()) if phrase else None
        if currency is not None:
            return currency if _only_currency(text[connective.end() :]) == currency else None
    return None


def _only_currency(text: str) -> str | None:
    """The one currency a short marked note names ('† In US dollars', '* USD'), when it states no figure."""
    if figures_in(text):
        return None
    words = {s.currency for m in _patterns().words.finditer(text) for s in _signs_written(m.group()) if s.currency}
    codes = {c for c in _CODE_LIKE.findall(text) if _iso_code(c)}
    found = words | codes
    return found.pop() if len(found) == 1 else None


def _markers_used(units: list[Sentence]) -> set[str]:
    """The footnote markers the document's statements carry after a figure."""
    used = set()
    for sentence in units:
        if any(c in sentence.text for c in "*†‡"):
            for figure in figures_in(sentence.text):
                marker = _marker_after(sentence.text, figure.end, len(sentence.text))
                if marker:
                    used.add(marker)
    return used


def _marker_after(text: str, start: int, end: int) -> str | None:
    """The marker glued to the figure or its clause, before the next figure: '$5.9 billion†', 'over twenty years,*'."""
    clause = re.match(r"[^;.]*(?:\.(?=\d)[^;.]*)*[;.]?", text[start:end])
    span_end = start + (clause.end() if clause else 0)
    marker = _MARKER.search(text, start, min(end, span_end + 3))
    return marker.group("marker") if marker else None


def figures_in(text: str, subject_codes: tuple[str, ...] = ()) -> list[_Figure]:
    """Every figure with a currency sign, code or word, left to right; a range is one figure.

    `subject_codes` (the document's countries), else the countries the
    sentence names ("Japan's investment reached ¥2.4 trillion"), choose
    between currencies that share a sign.
    """
    if not _may_hold_money(text):
        return []
    patterns = _patterns()
    matches = sorted(
        [*patterns.before.finditer(text), *patterns.after.finditer(text)], key=lambda m: (m.start(), -m.end())
    )
    figures: list[_Figure] = []
    for match in matches:
        if figures and match.start() < figures[-1].end:
            continue
        figures.extend(_figures(text, match, subject_codes))
    return figures


def _figures(text: str, match: re.Match, subject_codes: tuple[str, ...]) -> list[_Figure]:
    """The figure a match reads: one, or a range as one, or the two ends of a change ('from 2 to 3 million euros')."""
    groups = match.groupdict()
    number, scale = groups["number"], groups.get("scale")
    if not _is_money(text, match, number, scale):
        return []
    named = lambda: tuple(m.country.code for m in countries_named(text))  # noqa: E731 - read only for a shared sign
    currency, ambiguous = _written_currency(groups, subject_codes, named)
    qualifier = _qualifier(text, match.start())
    if groups.get("low") and not (groups.get("low_scale") is None and _YEAR.fullmatch(groups["low"])):
        # '2 to 3 million euros': the low bound is written before the figure, without its currency.
        low_scale = groups.get("low_scale") or scale
        if _is_range(text, match.start(), groups["connector"]):
            return [
                _Figure(
                    _amount(groups["low"], low_scale),
                    match.group(),
                    match.start(),
                    match.end(),
                    currency,
                    _between(qualifier),
                    ambiguous,
                )
            ]
        if _FROM.search(text[: match.start()]):
            low = _Figure(
                _amount(groups["low"], low_scale),
                groups["low"],
                match.start(),
                match.start("low") + len(groups["low"]),
                currency,
                qualifier,
                ambiguous,
            )
            high_start = match.start("number")
            high = _Figure(
                _amount(number, scale),
                text[high_start : match.end()],
                high_start,
                match.end(),
                currency,
                None,
                ambiguous,
            )
            return [low, high]
    start = match.start("number") if groups.get("low") else match.start()
    end, tail = match.end(), _patterns().range_tail.match(text, match.end())
    if tail is not None and _is_range(text, start, tail.group("connector")):
        scale = scale or tail.group("high_scale")
        end, qualifier = tail.end(), _between(qualifier)
        if currency is None and not ambiguous:
            currency, ambiguous = _written_currency(tail.groupdict(), subject_codes, named)
    elif tail is not None and scale is None and tail.group("high_scale"):
        scale = tail.group("high_scale")  # 'from $2 to $3 billion': the low figure borrows the scale
    return [_Figure(_amount(number, scale), text[start:end], start, end, currency, qualifier, ambiguous)]


def _qualifier(text: str, start: int) -> str | None:
    found = _QUALIFIER.search(text[:start])
    return found.group("qualifier") if found else None


def _between(qualifier: str | None) -> str:
    return f"{qualifier}; between" if qualifier else "between"


_BETWEEN = re.compile(r"\bbetween\s+(?:\w+\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:\w+\s+)?$", re.IGNORECASE)


def _is_range(text: str, start: int, connector: str) -> bool:
    """'$2 to $3 billion', '$2–3 billion', 'between $2 billion and $3 billion'; not 'from $2 billion to $3 billion' (a
    change).
    """
    before = text[:start]
    if connector == "and":
        return _BETWEEN.search(before) is not None
    return _FROM.search(before) is None


def _is_money(text: str, match: re.Match, number: str, scale: str | None) -> bool:
    """A code after a year is no figure ('in 2023 USD terms'), nor an English word in capitals before a number ('ALL
    32').
    """
    groups = match.groupdict()
    written_first = match.group().startswith(number)
    if written_first and scale is None and _YEAR.fullmatch(number) is not None:
        return False
    if written_first and re.fullmatch(r"\d{3}", number) and re.search(r"\d\s$", text[: match.start()]):
        return False  # '25 000 $': thousands grouped by a plain space, which a list of numbers also has
    if groups.get("code") and not _iso_code(groups["code"]):
        return False
    if (
        groups.get("code")
        and match.group().startswith(groups["code"])
        and scale is None
        and number.isdigit()
        and text.upper() == text
    ):
        return False
    return True


def _amount(number: str, scale: str | None) -> float:
    value = Decimal(_plain_number(number))
    if scale:
        key = scale.casefold()
        value *= SCALES.get(key, SCALES.get(key.rstrip("s"), 1))
    return float(value)


def _plain_number(number: str) -> str:
    """'1,250,000.5', '1.250.000,5', '1 250 000', '2,5' as '1250000.5', '1250000.5', '1250000', '2.5'."""
    number = _SPACES.sub("", number)
    if "," in number and "." in number:
        return (
            number.replace(".", "").replace(",", ".")
            if number.rfind(",") > number.rfind(".")
            else number.replace(",", "")
        )
    if number.count(".") > 1:
        return number.replace(".", "")
    if "," in number:
        return number.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number) else number.replace(",", ".")
    return number


def _written_currency(
    groups: dict, subject_codes: tuple[str, ...], sentence_codes: Callable[[], tuple[str, ...]] | None = None
) -> tuple[str | None, tuple[str, ...]]:
    """The currency the figure writes, and the candidates when a shared sign leaves it open ('¥')."""
    for code in (groups.get("code_dollar"), groups.get("code")):
        if code and _iso_code(code):
            return code, ()
    ambiguous: tuple[str, ...] = ()
    for written in (groups.get("symbol"), groups.get("word")):
        if not written:
            continue
        signs = [s for s in _signs_written(written) if s.currency]
        chosen = [s for s in signs if s.country in subject_codes] if len(signs) > 1 else signs
        if len(signs) > 1 and not chosen and sentence_codes:
            chosen = [s for s in signs if s.country in sentence_codes()]
        if len(chosen) == 1:
            return chosen[0].currency, ()
        ambiguous = ambiguous or tuple(s.currency for s in signs)
    return None, ambiguous


def _iso_code(code: str | None) -> str | None:
    return code if code and pycountry.currencies.get(alpha_3=code) else None


def _from_sentence(
    context: DocumentContext,
    result: Extraction,
    sentence: Sentence,
    notes: CurrencyNotes,
    subject_codes: tuple[str, ...],
) -> None:
    text = sentence.text
    figures = figures_in(text, subject_codes)
    for index, figure in enumerate(figures):
        previous = figures[index - 1] if index else None
        is_conversion = previous is not None and _OPEN_PARENTHESIS.match(text[previous.end : figure.start]) is not None
        currency, resolved_from = _currency_of(text, figures, index, notes)
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
            result.issue(
                TABLE,
                context.source_id,
                sentence.line,
                "duplicate_figure",
                f"{figure.raw!r} appears twice on this line; published once",
            )
            continue
        if currency is None and figure.ambiguous:
            result.issue(
                TABLE,
                context.source_id,
                sentence.line,
                "unresolved_currency",
                f"{figure.raw!r} may be {' or '.join(figure.ambiguous)}; the document's countries do not say which",
            )
        elif currency is None:
            result.issue(
                TABLE,
                context.source_id,
                sentence.line,
                "unresolved_currency",
                f"{figure.raw!r} gives no currency and the document sets none",
            )


def _currency_of(text: str, figures: list[_Figure], index: int, notes: CurrencyNotes) -> tuple[str | None, str | None]:
    """The figure's own currency, else its marker's note's, else the document's note's."""
    figure = figures[index]
    if figure.currency:
        return figure.currency, "amount"
    if notes.by_marker:
        end = figures[index + 1].start if index + 1 < len(figures) else len(text)
        marker = _marker_after(text, figure.end, end)
        if marker in notes.by_marker:
            return notes.by_marker[marker], "note"
    return (notes.document, "document") if notes.document else (None, None)


def _period(text: str, figure: _Figure) -> str | None:
    """The time phrase nearest the figure in its sentence ('Since 2022', 'In the 2023-2024 fiscal year', 'over twenty
    years').
    """
    phrases: list[re.Match] = []
    for pattern in _PERIODS:
        for match in pattern.finditer(text):
            if not any(m.start() < match.end() and match.start() < m.end() for m in phrases):
                phrases.append(match)
    if not phrases:
        return None
    nearest = min(
        phrases, key=lambda m: figure.start - m.end() if m.end() <= figure.start else max(0, m.start() - figure.end)
    )
    return nearest.group()


def _purpose(text: str, figure: _Figure) -> str | None:
    """What the money is for: 'spent $12 billion on foreign aid', else "Canada's ODA reached ... $9.6 billion"."""
    after = _PURPOSE_AFTER.match(text, figure.end)
    if after and not _MONTH_START.match(after.group("purpose")):
        return after.group("purpose").strip()
    before = _PURPOSE_BEFORE.search(text[: figure.start])
    return _POSSESSIVE_OWNER.sub("", before.group("purpose")).strip() if before else None
