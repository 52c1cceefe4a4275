"""bilateral_relations: the subject's relations with one partner each, from the per-region tables and from prose.

Tables. Every table under a 'Bilateral relations' heading whose header has a
country column and a 'relations began' column is read, one row per data row,
its columns found by header text. The region is the subsection the table sits
in ('Asia'); `region` is a closed vocabulary, so an unseen heading is
published as 'other', with the heading in `region_raw` and a quality issue.

The partner of a table row is read, in this order, from:
1. the Country cell, when it is filled (`cell`): a filled cell always wins;
2. the Notes (`notes`): the one country besides the subject named by the
   'See X–Y relations' titles that name the subject; else the one country
   besides the subject named before the verb of the note's first sentence
   ('The Commonwealth of The Bahamas and Canada are two of fifteen ...').
Nothing else is evidence: not neighbouring rows, not alphabetical order, not
the date cell's '(North Yemen)', not outside knowledge. A row whose cell and
notes name no partner (or several) is published with a null partner and an
`unresolved_country` issue. `partner_name` is the name as written where it
was read.

Dates come from `parse_relation_dates`: the start of the first period, the end
and status of the last. A filled date cell that holds no date gets an
`unparsed_date` issue and keeps only `established_raw`.

Prose. A sentence counts only when a verb says diplomatic relations were
established, restored, ended (severed, broken off, cut) or suspended, or that
they have been held since a date: 'Diplomatic relations between the two
countries were finally established on June 12, 1942', 'Canada established
diplomatic relations with the People's Republic of China (13 October 1970)',
'have maintained diplomatic relations since the 14th of January 1963', 'The
countries have had formal ties since 1928'. The verbs are families of lemmas
(knowledge/verb_families.csv, every inflection and any auxiliaries: 'were
formally re-established', 'has broken off'); a verb group that says it did not
or did not yet happen ('never established', 'plan to establish', 'will
restore') is no statement, and a held state without 'since' ('maintains
diplomatic relations with most states') is none either. Nouns do not count:
'marked the 65th anniversary of the establishment of diplomatic relations' is
a statement about 2007, not a relation that began then. The relations must be
qualified as between states ('diplomatic', 'formal', 'official', 'full',
'bilateral' relations or ties); a bare 'relations' counts only as the subject
that names its partner ('Relations with X were restored', 'Relations with X
followed on ...'), since 'relations' alone also means trade or cultural
relations ('had previously cut trade relations with Canada').

One side of a prose statement must be the document's subject; the partner is
the other side: the country after 'with', the other country of 'between A
and B', or for 'between the two countries' the other country of the
document's title. A statement that names no partner ('Diplomatic relations
were restored on 28 April 1952', 'The countries have had formal ties since
1928') is about the two countries of a two-country document, or of a
one-country document's section headed by a country. The date is the first
one after the verb in the same clause, else one in an opening 'In 1942,'
phrase. A statement that relations began or are held sets `established`
(status active); one that they ended or were suspended sets `ended` and that
status. The key is (source_id, line), so a second statement on the same line
('... in 1951. Relations with the German Democratic Republic followed on ...')
keeps the first and reports the second as `not_published`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import Document, Section, Table, TableRow, split_sentences
from pipeline.extract.base import DocumentContext, Extraction, Row, Subject
from pipeline.extract.phrases import AUXILIARIES, PAST_FORMS, UNREALIZED, verb_family
from pipeline.extract.prose import other_subject_country, prose_units
from pipeline.extract.section_subject import SectionSubjects
from pipeline.extract.table_columns import cell, find_column
from pipeline.resolve.countries import Country, countries_in_title, find_countries, resolve_country
from pipeline.resolve.dates import PartialDate, find_dates, parse_relation_dates
from pipeline.text import normalize_space
from schemas.dates import at_common_precision
from schemas.vocabularies import REGIONS

TABLE = "bilateral_relations"

_SECTION = r"^bilateral relations\b"
_COUNTRY_COLUMN = re.compile(r"^(?:country|state|partner)$", re.IGNORECASE)
_DATE_COLUMN = re.compile(r"\b(?:began|established|since|date)\b", re.IGNORECASE)
_NOTES_COLUMN = re.compile(r"^(?:notes?|remarks)$", re.IGNORECASE)

# 'See Canada–Japan relations', 'See also Canada–Greece relations', '(see Canada–Iraq relations)';
# never the 'See' of 'Holy See', which neither opens a sentence nor follows '('.
_SEE = re.compile(r"(?:^|\()\s*[Ss]ee(?:\s+also)?:?\s+(?P<titles>[^()]+?)\s*(?:\)|\.?$)")
# The verb that ends the subject of a note's first sentence ('The Commonwealth of The Bahamas and Canada | are ...').
_NOTE_SUBJECT_END = re.compile(
    r"\b(?:is|are|was|were|has|have|had|established|share|shares|maintain|maintains|enjoy|enjoys)\b"
)


@dataclass(frozen=True)
class _Columns:
    country: str
    dates: str
    notes: str | None


@dataclass(frozen=True)
class _Partner:
    name: str | None
    country: Country | None
    resolved_from: str | None


_NO_PARTNER = _Partner(None, None, None)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    for section, table, columns in _relation_tables(context.document):
        region_raw = _region_heading(context.document, section, table)
        region = _region(region_raw)
        if region == "other":
            result.issue(
                TABLE,
                context.source_id,
                table.line,
                "unknown_region",
                f"region heading {region_raw!r} is not one of {', '.join(REGIONS[:-1])}; published as 'other'",
            )
        for row in table.rows:
            _table_row(context, result, columns, region, region_raw, row)
    _prose_rows(context, result)
    return result


# tables ---------------------------------------------------------------------


def _relation_tables(document: Document) -> list[tuple[Section, Table, _Columns]]:
    """Tables under a 'Bilateral relations' heading that have a country column and a date column."""
    found = []
    for section in document.sections_matching(_SECTION):
        for table in document.tables_in(section, direct_only=False):
            country, dates = find_column(table, _COUNTRY_COLUMN), find_column(table, _DATE_COLUMN)
            if country and dates:
                found.append((section, table, _Columns(country, dates, find_column(table, _NOTES_COLUMN))))
    return found


def _region_heading(document: Document, section: Section, table: Table) -> str | None:
    """The heading one level below 'Bilateral relations' on the way to the table ('Asia'); None directly under it."""
    path = document.section_path(table.section)
    depth = len(document.section_path(section.index))
    return normalize_space(path[depth]) if len(path) > depth else None


def _region(heading: str | None) -> str | None:
    if heading is None:
        return None
    key = heading.casefold().removeprefix("the ")
    return next((region for region in REGIONS if region.casefold() == key and region != "other"), "other")


def _table_row(
    context: DocumentContext, result: Extraction, columns: _Columns, region, region_raw, row: TableRow
) -> None:
    source_id = context.source_id
    notes = cell(row, columns.notes)
    country_cell = cell(row, columns.country)
    if country_cell:
        partner = _Partner(country_cell, resolve_country(country_cell), "cell")
        if partner.country is None:
            result.issue(
                TABLE,
                source_id,
                row.line,
                "unresolved_country",
                f"Country cell {country_cell!r} is not a known country",
            )
    else:
        partner = _partner_from_notes(context, result, notes, row.line)
    raw_dates = cell(row, columns.dates)
    dates = parse_relation_dates(raw_dates)
    if raw_dates and not dates.parsed:
        result.issue(TABLE, source_id, row.line, "unparsed_date", f"date cell {raw_dates!r} holds no date")
    ended = _checked_end(result, source_id, row.line, dates.start, dates.end)
    result.add(
        TABLE,
        _row(
            context,
            row.line,
            row.text,
            region,
            region_raw,
            partner,
            raw_dates or None,
            dates.start,
            ended,
            dates.status,
            notes or None,
            see_also_titles(notes),
        ),
    )


def _partner_from_notes(context: DocumentContext, result: Extraction, notes: str, line: int) -> _Partner:
    primary = context.subject.primary
    candidates = _partners_in_see_titles(notes, primary) or _partners_in_note_subject(notes, primary)
    if len(candidates) == 1:
        country, written = candidates[0]
        return _Partner(written, country, "notes")
    if candidates:
        named = ", ".join(country.name for country, _ in candidates)
        result.issue(
            TABLE,
            context.source_id,
            line,
            "unresolved_country",
            f"Country cell is empty and the notes name several partners ({named}); published with a null partner",
        )
    elif notes:
        result.issue(
            TABLE,
            context.source_id,
            line,
            "unresolved_country",
            f"Country cell is empty and the notes {notes!r} name no partner; published with a null partner",
        )
    else:
        result.issue(
            TABLE,
            context.source_id,
            line,
            "unresolved_country",
            "Country cell and notes are empty: nothing names the partner; published with a null partner",
        )
    return _NO_PARTNER


def see_also_titles(notes: str) -> list[str]:
    """Article titles named by 'See ...' / 'See also ...' in the notes, split on commas, in order."""
    titles = []
    for sentence in split_sentences(notes):
        for match in _SEE.finditer(sentence):
            titles += [t.strip() for t in match["titles"].split(",") if t.strip()]
    return titles


def _partners_in_see_titles(notes: str, primary: Country | None) -> list[tuple[Country, str]]:
    """The countries besides the subject in 'See' titles that are about the subject ('See Canada–Japan relations')."""
    found = []
    for title in see_also_titles(notes):
        countries = countries_in_title(title)
        if primary is None or primary.code not in {c.code for c in countries}:
            continue
        found += [(c, _as_written(c, title)) for c in countries if c.code != primary.code]
    return _unique(found)


def _partners_in_note_subject(notes: str, primary: Country | None) -> list[tuple[Country, str]]:
    """Countries besides the subject named before the verb of the note's first sentence."""
    sentences = split_sentences(notes)
    if not sentences or _SEE.match(sentences[0]):
        return []
    verb = _NOTE_SUBJECT_END.search(sentences[0])
    if verb is None:
        return []
    mentions = find_countries(sentences[0][: verb.start()])
    return _unique([(m.country, m.text) for m in mentions if primary is None or m.country.code != primary.code])


def _checked_end(
    result: Extraction, source_id: str, line: int, start: PartialDate | None, end: PartialDate | None
) -> PartialDate | None:
    """An end before the start cannot be what the text means: keep the start, drop the end, report it."""
    if start and end and _before(end.value, start.value):
        result.issue(
            TABLE,
            source_id,
            line,
            "unparsed_date",
            f"end {end.value} is before start {start.value}; the end is left out",
        )
        return None
    return end


def _before(a: str, b: str) -> bool:
    first, second = at_common_precision(a, b)
    return first < second


# prose ----------------------------------------------------------------------

# 'diplomatic relations', 'formal ties', 'full diplomatic relations', 'bilateral ties': relations between states.
# A bare 'relations' counts only as the subject of a sentence that names the partner ('Relations with X were
# restored'): after a verb or an adjective ('cut trade relations') it is any kind of relations.
_QUALIFIER = r"(?:formal|full|official|normal|bilateral|diplomatic)"
_DIPLOMATIC_RELATIONS = rf"(?:{_QUALIFIER}\s+(?:{_QUALIFIER}\s+)?(?:relations|ties))"
# The verb's family names the status (verb_families.csv: relations_begin, _end, _suspend, _hold). Only forms
# that state an event or a state count (past, participle, present: 'date from'); a base form or a gerund
# ('to establish', 'establishing') does not, nor does an auxiliary chain that says it did not happen.
_STATED = (*PAST_FORMS, "VBZ", "VBP")
_VERB = (
    rf"(?P<aux>{AUXILIARIES}*)(?:(?P<active>{verb_family('relations_begin', _STATED)})"
    rf"|(?P<ended>{verb_family('relations_end', _STATED)})"
    rf"|(?P<suspended>{verb_family('relations_suspend', _STATED)})"
    rf"|(?P<held>{verb_family('relations_hold', _STATED)}))"
)
# 'Canada established diplomatic relations with ...', 'Canada and X severed diplomatic ties', 'have maintained
# diplomatic relations since ...'
_ACTIVE = re.compile(rf"\b{_VERB}\s+{_DIPLOMATIC_RELATIONS}\b", re.IGNORECASE)
# 'Diplomatic relations between A and B were established', 'diplomatic relations with X were suspended',
# 'Relations with X followed on <date>'
_PASSIVE = re.compile(
    rf"(?:\b{_DIPLOMATIC_RELATIONS}|^(?:the\s+)?relations(?=\s+(?:between|with)\b))"
    rf"\s+(?:(?P<between>between)\s+(?P<pair>[^,;]+?)\s+|with\s+(?P<with>[^,;]+?)\s+)?{_VERB}\b",
    re.IGNORECASE,
)
_RELATIONS_WORD = re.compile(r"\b(?:relations|ties)\b", re.IGNORECASE)
# A held state is a statement of relations only with the date they are held since: 'have had formal ties since
# 1928' (not 'Canada maintains diplomatic relations with most states').
_SINCE = re.compile(r"[^;]*?\bsince\b", re.IGNORECASE)
# 'with X' or 'between A and B' right after the verb phrase: 'established diplomatic relations with X', 'were
# established between A and B'
_PARTIES_AFTER_VERB = re.compile(
    r"^\s+(?:(?P<between>between)\s+(?P<pair>[^,;(]+)|with\s+(?P<with>[^,;(]+))", re.IGNORECASE
)
# Where the name of the partner after 'with' ends.
_PARTY_END = re.compile(r"[,;(]|\s(?:in|on|since|during|after|before|when|until|following|long|as|at|by|from)\b")
_THE_TWO = re.compile(r"\b(?:both|the two) (?:countries|states|nations|governments)\b", re.IGNORECASE)
# A date must stay in the verb's clause: 'with X, which joined NATO in 1949' is not X's date.
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:which|who|when|while|whereas)\b", re.IGNORECASE)
# 'In 1942, ...', 'On June 12, 1942, ...': a date that opens the sentence.
_OPENING = re.compile(r"^(?:In|On|By)\s+")


@dataclass(frozen=True)
class _Statement:
    status: str  # active | ended | suspended
    end: int  # where the verb phrase ends; the statement's date comes after it
    subjects: tuple[
        tuple[Country, str], ...
    ]  # sides named as the subject ('Canada', 'the two countries', 'between A and B')
    objects: tuple[tuple[Country, str], ...]  # the side named after 'with'
    subject_implied: bool  # 'Diplomatic relations with X were established': the document's subject is the other side
    unresolved: str | None  # the words after 'with' when they name no known country


def _prose_rows(context: DocumentContext, result: Extraction) -> None:
    published: set[int] = set()
    sections = SectionSubjects(context)
    for unit in prose_units(context.document):
        text, line = unit.text, unit.line
        statement = _statement(text, context)
        pair = sections.at(line) if statement is not None else None
        if statement is None or not _about_subject(statement, context, pair):
            continue
        if line in published:
            result.issue(
                TABLE,
                context.source_id,
                line,
                "not_published",
                f"a second relations statement on this line is not published (one row per line): {text!r}",
            )
            continue
        published.add(line)
        partner = _prose_partner(context, result, statement, line, pair)
        date_text, date = _statement_date(text, statement.end)
        established = date if statement.status == "active" else None
        ended = date if statement.status != "active" else None
        result.add(
            TABLE,
            _row(context, line, text, None, None, partner, date_text, established, ended, statement.status, None, []),
        )


def _statement(text: str, context: DocumentContext) -> _Statement | None:
    """The first statement in `text` that diplomatic relations began, ended, were suspended or are held since a date,
    with the sides it names. A verb group that says it did not (yet) happen ('never established', 'is to restore')
    is no statement."""
    if not _RELATIONS_WORD.search(text):
        return None  # the verb patterns are long alternations: read them only where relations are named
    matches = sorted([*_ACTIVE.finditer(text), *_PASSIVE.finditer(text)], key=lambda m: m.start())
    match = next((m for m in matches if _states_relations(text, m)), None)
    if match is None:
        return None
    status = next(name for name in ("active", "ended", "suspended") if match[name]) if not match["held"] else "active"
    subjects = _subject_named_before(text[: match.start()], context)
    parties = (
        match
        if match.re is _PASSIVE and (match["between"] or match["with"])
        else _PARTIES_AFTER_VERB.match(text[match.end() :])
    )
    objects, unresolved = [], None
    if parties and parties["between"]:
        subjects = subjects + _sides_named(parties["pair"], context)
    elif parties and parties["with"]:
        name = _PARTY_END.split(parties["with"], 1)[0].strip()
        mentions = find_countries(name)
        objects = [(mentions[0].country, mentions[0].text)] if mentions else []
        unresolved = None if mentions else name
    implied = match.re is _PASSIVE and not subjects
    return _Statement(status, match.end(), tuple(_unique(subjects)), tuple(objects), implied, unresolved)


def _states_relations(text: str, match: re.Match) -> bool:
    """Realized ('were restored', not 'will restore'), and a held state only with its 'since'."""
    if UNREALIZED.search(match["aux"] or ""):
        return False
    return not match["held"] or bool(_SINCE.match(text, match.end()))


def _subject_named_before(text: str, context: DocumentContext) -> list[tuple[Country, str]]:
    """The sides named in the last clause before the verb ('In 1942, Canada'), else anywhere before it."""
    text = text.rsplit(";", 1)[-1]
    return _sides_named(text.rsplit(",", 1)[-1], context) or _sides_named(text, context)


def _sides_named(text: str, context: DocumentContext) -> list[tuple[Country, str]]:
    """The countries a phrase names; 'the two countries' are the countries of the document's title."""
    if _THE_TWO.search(text):
        return [(c, _as_written(c, context.title or "")) for c in context.subject.countries]
    return _unique([(m.country, m.text) for m in find_countries(text)])


def _about_subject(statement: _Statement, context: DocumentContext, pair: Subject) -> bool:
    """Whether the document's subject is one side of the statement: named, implied by 'relations with X', or, when
    the statement names no country at all ('The countries have had formal ties since 1928'), one of the two
    countries the document (or its section) is about."""
    primary = context.subject.primary
    if primary is None:
        return False
    named = {c.code for c, _ in (*statement.subjects, *statement.objects)}
    return primary.code in named or statement.subject_implied or _pair_partner(statement, primary, pair) is not None


def _pair_partner(statement: _Statement, primary: Country, pair: Subject) -> Country | None:
    """The other country of a two-country document or section, for a statement that names no other partner
    ('Diplomatic relations were restored on 28 April 1952', 'Canada has maintained formal ties since 1928')."""
    named = {c.code for c, _ in (*statement.subjects, *statement.objects)}
    if statement.unresolved or len(pair.countries) != 2 or named - {primary.code}:
        return None
    return other_subject_country(pair, primary)


def _prose_partner(
    context: DocumentContext, result: Extraction, statement: _Statement, line: int, pair: Subject
) -> _Partner:
    """The other side: the country after 'with' when the document's subject is the sentence's subject, else the
    sentence's subject; a statement naming no partner takes the other country of a two-country document."""
    primary = context.subject.primary
    if primary.code in {c.code for c, _ in statement.subjects} or statement.subject_implied:
        candidates = list(statement.objects) or [(c, w) for c, w in statement.subjects if c.code != primary.code]
    else:
        candidates = list(statement.subjects)
    if not candidates and (other := _pair_partner(statement, primary, pair)) is not None:
        candidates = [(other, _as_written(other, context.title or ""))]
    if len(candidates) == 1:
        country, written = candidates[0]
        return _Partner(written, country, "prose")
    if statement.unresolved:
        result.issue(
            TABLE,
            context.source_id,
            line,
            "unresolved_country",
            f"relations partner {statement.unresolved!r} is not a known country",
        )
        return _Partner(statement.unresolved, None, "prose")
    named = f"several partners ({', '.join(c.name for c, _ in candidates)})" if candidates else "no partner"
    result.issue(
        TABLE,
        context.source_id,
        line,
        "unresolved_country",
        f"a relations statement names {named}; published with a null partner",
    )
    return _NO_PARTNER


def _statement_date(text: str, after: int) -> tuple[str | None, PartialDate | None]:
    """The first date after the verb in the same clause, else the date of an opening 'In 1942,' phrase."""
    for mention in find_dates(text):
        if mention.start >= after:
            if _CLAUSE_BREAK.search(text[after : mention.start]):
                break
            return mention.text, mention.date
    opening, dates = _OPENING.match(text), find_dates(text)
    if opening and dates and dates[0].start == opening.end():
        return dates[0].text, dates[0].date
    return None, None


# shared ---------------------------------------------------------------------


def _as_written(country: Country, text: str) -> str:
    """The spelling `text` uses for `country` ('Commonwealth of The Bahamas'), else its display name."""
    return next((m.text for m in find_countries(text) if m.country.code == country.code), country.name)


def _unique(found: list[tuple[Country, str]]) -> list[tuple[Country, str]]:
    seen, unique = set(), []
    for country, written in found:
        if country.code not in seen:
            seen.add(country.code)
            unique.append((country, written))
    return unique


def _row(
    context: DocumentContext,
    line: int,
    evidence: str,
    region,
    region_raw,
    partner: _Partner,
    established_raw,
    established,
    ended,
    status: str,
    notes,
    see_also: list[str],
) -> Row:
    subject = context.subject.primary
    return {
        "country_code": subject.code if subject else None,
        "region": region,
        "region_raw": region_raw,
        "partner_name": partner.name,
        "partner_code": partner.country.code if partner.country else None,
        "partner_resolved_from": partner.resolved_from,
        "established_raw": established_raw,
        "established": established.value if established else None,
        "established_precision": established.precision if established else None,
        "ended": ended.value if ended else None,
        "ended_precision": ended.precision if ended else None,
        "status": status,
        "notes": notes,
        "see_also": see_also,
        "source_id": context.source_id,
        "line": line,
        "evidence": evidence,
    }
