"""envoys: named heads of mission, from the infobox, from heads-of-mission tables and from prose.

A title says who sends whom (see titles.py): 'Ambassador of Canada to Russia',
'the American ambassador to Canada', "Russia's ambassador to Canada", "its High
Commissioner to India". Three shapes name the holder:

- the infobox: 'EnvoytitleN' and 'EnvoyN' pair by their number wherever they
  stand, and a title that names no country takes its countries from the
  mission of the same number or the other side (infobox_sides.py). 'Vacant'
  names nobody (a quality issue, no row); 'Ann Roe; Ken Doe' names two people;
- a heads-of-mission table (a column of people, 'Name', beside a 'Title' or a
  date column, 'Took up post', 'From', 'Term'): one row per person; the
  countries from the title cell, else the table's heading ('Canadian heads of
  mission in Paris'), else the document's two countries;
- a sentence that puts a person beside a title, in any of these orders:
    'The Canadian ambassador to Russia is Sarah Taylor'        (title, then 'is' and the person)
    'David Wilkins, the American ambassador to Canada'          (person, comma, title)
    'Ann Example, who had been Canada's ambassador to Peru'     (a former post: kept after the current one)
    'Ann Example is Canada's Ambassador to Chile'               (person, 'is'/'has been'/'became', title)
    'Ann Example was appointed as Canada's first ambassador'    (person, passive appointment, title)
    'Canada appointed Ann Example, ..., as its High Commissioner to Ghana'
    'among them High Commissioner Ann Example'                  (a capitalised title before the name)
    'the acting high commissioner, Ann Example'                 (title, comma, person)
    '..., replacing Ken Sample, who had held the post from 2017' (the predecessor in the same post)

A title that names one side takes the other from the document's two countries; a
bare title ('High Commissioner Ann Example') takes its sender from the
nearest demonym or possessive the sentence names before it ('three Ghanaian
diplomats, among them ...'). A receiver that is not a country ('to the European Union') stays null.

Two dates are kept apart: `since` when the text says the person took up the
role ('appointed in November 2023', 'has been ... since 2022', 'held the post
from 2017', a table's 'Took up post' column, 'On 28 August 2025 Canada appointed
...'), `as_of` when it only places them in it at a date ('In January 2006, David
Wilkins, the American ambassador ...'). 'That year' stands for the last year the
paragraph named before it. Each date keeps its precision (day, month or year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.documents.model import Sentence, Table, TableRow
from pipeline.extract.base import DocumentContext, Extraction, Subject
from pipeline.extract.infobox_sides import VACANT, Side, clean_value, infobox_sides
from pipeline.extract.phrases import AUXILIARIES, verb_family, verb_group
from pipeline.extract.prose import countries_named, country_in_phrase, other_subject_country, prose_units
from pipeline.extract.section_subject import SectionSubjects
from pipeline.extract.titles import (
    ROLE,
    ROLE_WORD,
    TITLE,
    Title,
    is_head_of_mission,
    normal_role,
    read_title,
    title_from_match,
)
from pipeline.resolve.countries import Country, resolve_country, resolve_demonym
from pipeline.resolve.dates import MONTHS, PartialDate, find_dates

TABLE = "envoys"

__all__ = ["extract", "read_title"]

_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]+"
_INITIAL = r"[A-Z]\."
_PARTICLE = r"(?:de|da|di|du|del|della|der|den|van|von|la|le|bin|ben|al|el|dos|das|y)"
_HONORIFIC = (
    r"(?:H\.\s?E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Sir|Dame|(?:The\s+)?Hon(?:ou?rable|\.)|"
    r"(?:His|Her)\s+Excellency)\s+"
)
# 'Sarah Taylor', 'Ann B. Example', 'Ursula von der Leyen': a name word, then one to four more.
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_INITIAL}\s+)*(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,4}}"
_PERSON = rf"(?:{_HONORIFIC})?(?P<person>{_NAME})"
_APPOSITIVE = r"(?:,\s+[^,;]{1,100},)?"
_ARTICLE = r"(?:(?:the|a|an)\s+)?"
# A verb that says a person holds a post, in any tense ('is', 'has served as', 'is to become'): verb_families.csv.
_COPULA = verb_group("envoy_hold")
# Verbs that put a person into a post ('appointed', 'named', 'became'): with them a date is when the person took it up.
_TAKE_UP = verb_family("envoy_take_up")
_TAKES_UP = re.compile(rf"(?:^|\s){_TAKE_UP}$", re.IGNORECASE)

# The shapes, each anchored at the title found by TITLE (see the module docstring).
_TITLE_IS_PERSON = re.compile(rf"(?:\s+[a-z][\w-]*){{0,3}}?\s*,?\s+{_COPULA}\s+{_PERSON}\b")
_PERSON_COMMA_TITLE = re.compile(
    rf"{_PERSON},\s+(?P<who>who\s+{_COPULA}\s+)?"
    rf"(?P<former>(?:until\s+then|formerly|previously)\s+)?(?:then\s+|already\s+|also\s+|now\s+)?{_ARTICLE}$"
)
_PERSON_IS_TITLE = re.compile(rf"{_PERSON}{_APPOSITIVE}\s+(?P<verb>{_COPULA})\s+(?:also\s+|now\s+|then\s+)?{_ARTICLE}$")
_PERSON_WAS_APPOINTED = re.compile(
    rf"{_PERSON}{_APPOSITIVE}\s+{AUXILIARIES}+(?P<verb>{_TAKE_UP})"
    rf"[^,;]{{0,60}}?\s+(?:as\s+)?{_ARTICLE}$"
)
# 'Ann Example presented her credentials as ambassador', 'Ann Example succeeded Ken Sample as ambassador'.
_PERSON_TOOK_UP = re.compile(
    rf"{_PERSON}{_APPOSITIVE}\s+(?P<verb>presented\s+(?:his|her|their)\s+credentials|"
    r"took\s+up\s+(?:his|her|their|the)\s+post|"
    rf"arrived|(?:succeeded|replaced)\s+(?P<predecessor>{_NAME}))\b[^,;]{{0,60}}?\s+as\s+{_ARTICLE}$"
)
_APPOINTED_PERSON = re.compile(rf"\b(?P<verb>{_TAKE_UP})\s+{_PERSON}{_APPOSITIVE}\s+(?:as\s+)?{_ARTICLE}$")
_TITLE_COMMA_PERSON = re.compile(
    rf",\s+{_PERSON}(?=\s*(?:[,;.)]|$)|\s+(?:who|took|has|had|was|is|left|arrived|presented|served|said|met)\b)"
)
_TITLE_THEN_PERSON = re.compile(rf"\s+{_PERSON}\b")
_PREDECESSOR = re.compile(rf"[^;]*?,?\s+(?:replacing|succeeding|who\s+replaced|who\s+succeeded)\s+{_PERSON}")

# Words that start a capitalised run but are not part of a person's name ('Prime Minister Justin Trudeau').
_NOT_NAME_WORDS = set(
    "prime minister president governor general ambassador deputy secretary chairman director the in on at by and of "
    "for high commissioner acting former government embassy consul envoy king queen prince princess premier foreign "
    "affairs trade international national federal state republic council bridge hotel building street avenue award "
    "programme program".split()
)
# What dates a post's start: a verb ('appointed ... in June 2022', 'presented her credentials on 4 May 2021'), the
# date a few words on; or a preposition ('since 2019', 'from 2017 to 2021'), the date right after it.
_TRIGGER = re.compile(
    rf"\b(?:(?P<verb>{_TAKE_UP}|took\s+(?:up\s+)?(?:office|(?:the|his|her|their)\s+(?:post|position|duties))|"
    r"presented\s+(?:his|her|their)\s+credentials)|since|from|between)\b",
    re.IGNORECASE,
)
_VERB_TO_DATE = 60  # characters between a verb and its date, with no comma or semicolon between
_THAT_YEAR = re.compile(r"^[^,;]{0,40}?\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_OPENING_DATE = re.compile(r"^(?:In|On|As\s+of|By)\s+")
# 'a consul at the Canadian consulate general': a member of a mission's staff, not its head.
_STAFF_AT = re.compile(r"\s+at\s+(?:the|its|a|an)\b", re.IGNORECASE)
_MISSION_AFTER = re.compile(
    r"[^,;.]{0,40}?\b(?:embass|consulate|mission|high\s+commission|legation|delegation)", re.IGNORECASE
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")

# Heads-of-mission tables: a column of people beside a title or a date column.
_PERSON_COLUMN = re.compile(
    r"^(?:name|person|holder|incumbent|ambassador|envoy|head\s+of\s+mission|high\s+commissioner|representative)s?$",
    re.IGNORECASE,
)
_TITLE_COLUMN = re.compile(r"^(?:title|role|rank|position|post|office|designation)$", re.IGNORECASE)
# A column of the date a person took up the post ('Took up post', 'From', 'Term start', 'Presented credentials'),
# not of the date the person left it ('To', 'Term end', 'Left post').
_START_COLUMN = re.compile(
    r"\b(?:from|start|started|since|appoint\w*|took\s+(?:up|office)|assumed|term|tenure|credentials|years?|dates?|period|in\s+office|"
    r"began|arrival)\b",
    re.IGNORECASE,
)
_END_COLUMN = re.compile(r"\b(?:end|ended|until|left|to|departure)\b", re.IGNORECASE)
_HEADS_HEADING = re.compile(rf"\b(?:heads?\s+of\s+mission|{ROLE})", re.IGNORECASE)


@dataclass
class _Found:
    """One person beside one title in a sentence, before dates and countries are settled."""

    person: str
    title: Title
    anchor: int  # where the take-up verb or the title starts: dates are read from here on
    take_up: bool  # a verb says the person took up the post ('appointed', 'became')
    former: bool  # a post held before ('who had been', 'until then')
    title_start: int
    predecessor: str | None = None  # 'Ann Example succeeded Ken Sample as ...'


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    _from_infobox(context, result)
    subjects = SectionSubjects(context)
    units = prose_units(context.document)
    for index, sentence in enumerate(units):
        if ROLE_WORD.search(sentence.text):  # no role word, no title: TITLE reads the same roles
            earlier = " ".join(u.text for u in units[:index] if u.line == sentence.line)
            _from_sentence(context, result, sentence, earlier, subjects.at(sentence.line))
    for table in context.document.tables:
        _from_table(context, result, table, subjects.at(table.line))
    return result


# infobox ----------------------------------------------------------------------


def _from_infobox(context: DocumentContext, result: Extraction) -> None:
    """'Envoytitle1: Ambassador of Canada to Russia' with 'Envoy1: Sarah Taylor', paired by number."""
    for side in infobox_sides(context):
        name = side.envoy_entry
        if name is None:
            continue
        entries = [e for e in (side.title_entry, name) if e is not None]
        line = name.line  # where the person is named; the evidence also quotes the title entry of the same number
        people = _names_in_value(name.value)
        if not people:
            what = "is vacant" if clean_value(name.value) else "names nobody"
            result.issue(
                TABLE, context.source_id, name.line, "vacant_post", f"{name.key} {what} ({name.value!r}): no envoy row"
            )
            continue
        title = _side_title(side)
        if side.from_title_order:
            detail = f"infobox side {side.number} names neither country; read in the order of the document's title"
            result.issue(TABLE, context.source_id, line, "countries_from_title_order", detail)
        evidence = "\n".join(f"{e.key}: {e.value}" for e in sorted(entries, key=lambda e: e.line))
        for person in people:
            _emit(context, result, person, title, line, evidence, None, None)


def _names_in_value(value: str) -> list[str]:
    """'Sarah Taylor' -> ['Sarah Taylor']; 'Ann Roe; Ken Doe' and 'Ann Roe / Ken Doe' -> two; 'Vacant' -> []."""
    cleaned = clean_value(value)
    if VACANT.match(cleaned):
        return []
    cleaned = re.sub(
        r"\s*\([^()]*\)|\s*\[[^\[\]]*\]|\*+", "", cleaned
    )  # '(acting)', '(since 2022)', footnotes '[1]', '*'
    parts = re.split(r"\s*(?:;|\s/\s|<br\s*/?>|\s&\s|\band\b)\s*", cleaned)
    if len(parts) == 1 and "," in cleaned and all(re.fullmatch(_NAME, p.strip()) for p in cleaned.split(",")):
        parts = cleaned.split(",")
    names = []
    for part in parts:
        person = re.sub(rf"^{_HONORIFIC}", "", clean_value(part))
        if person and not VACANT.match(person):
            names.append(person)
    return names


def _side_title(side: Side) -> Title:
    """The side's title with the side's countries; a missing title is the bare role 'envoy'."""
    text = clean_value(side.title_entry.value) if side.title_entry else ""
    read = read_title(text) if text else None
    title = read or Title(text, text.casefold() or "envoy", None, None)
    title.sender, title.receiver = side.sender, side.receiver
    return title


# tables -------------------------------------------------------------------------


def _from_table(context: DocumentContext, result: Extraction, table: Table, subject: Subject) -> None:
    """A heads-of-mission table: one row per person, with the role and the date the person took up the post."""
    person_column = next((h for h in table.header if _PERSON_COLUMN.match(h.strip())), None)
    title_column = next((h for h in table.header if _TITLE_COLUMN.match(h.strip())), None)
    start_column = _start_column(table.header)
    if person_column is None or (title_column is None and start_column is None):
        return
    headings = context.document.section_path(table.section)[::-1] if table.section is not None else ()
    about_heads = _HEADS_HEADING.search(" ".join([*headings[:1], person_column]))
    titled_heads = title_column is not None and any(ROLE_WORD.search(row.get(title_column)) for row in table.rows)
    if not (about_heads or titled_heads):
        return  # a table of people that are not heads of mission ('| Name | Title | Took office |' of ministers)
    for row in table.rows:
        _from_table_row(context, result, row, (person_column, title_column, start_column), headings, subject)


def _start_column(header: tuple[str, ...]) -> str | None:
    """The column of the date a person took up the post; a period column ('From–To', 'Term') if there is no other."""
    starts = [h for h in header if _START_COLUMN.search(h)]
    return next((h for h in starts if not _END_COLUMN.search(h)), starts[0] if starts else None)


def _sides_from_elsewhere(result: Extraction, person: str, title: Title) -> None:
    """A title that names neither side ('The Korean ambassador', a bare table row) takes the sides the document's
    infobox or prose already states for the same person, when they state them one way only."""
    if title.sender is not None or title.receiver is not None or title.receiver_named:
        return
    pairs = {
        (row["sending_country_code"], row["receiving_country_code"])
        for row in result.rows.get(TABLE, [])
        if row["person"] == person and row["sending_country_code"] and row["receiving_country_code"]
    }
    if len(pairs) == 1:
        title.sender, title.receiver = (resolve_country(code) for code in next(iter(pairs)))


def _from_table_row(
    context: DocumentContext,
    result: Extraction,
    row: TableRow,
    columns: tuple[str, str | None, str | None],
    headings: tuple[str, ...],
    subject: Subject,
) -> None:
    person_column, title_column, start_column = columns
    cell = clean_value(row.get(person_column))
    people = _names_in_value(cell) if cell else []
    if not people:
        if cell:
            result.issue(
                TABLE, context.source_id, row.line, "vacant_post", f"the {person_column!r} cell {cell!r} names nobody"
            )
        return
    title_text = clean_value(row.get(title_column)) if title_column else ""
    since = _first_date(row.get(start_column)) if start_column else None
    for person in people:
        if not re.fullmatch(_NAME, person):
            result.issue(
                TABLE,
                context.source_id,
                row.line,
                "unparsed_person",
                f"{person!r} in the {person_column!r} column is not read as a name",
            )
            continue
        title = _table_title(subject, title_text, headings, person_column)
        _sides_from_elsewhere(result, person, title)
        _emit(context, result, person, title, row.line, row.text, since, None)


def _table_title(subject: Subject, title_text: str, headings: tuple[str, ...], person_column: str) -> Title:
    """The cell's title ('Ambassador'), its countries from the cell, else the nearest heading that names one
    ('Canadian heads of mission in Paris'), the other side from the document's two countries."""
    own = read_title(title_text) if title_text else None
    role = own.role if own and ROLE_WORD.fullmatch(title_text.strip()) else normal_role(title_text or person_column)
    if not title_text:  # no title column: the heading's role ('High commissioners of Canada to ...'), else the column's
        named = next((title for title in map(read_title, headings) if title is not None), None)
        role = named.role if named is not None else role
    sender, receiver = (own.sender, own.receiver) if own else (None, None)
    for heading in headings:
        if sender or receiver:
            break
        sender, receiver = _heading_countries(heading)
    title = Title(title_text or (headings[0] if headings else ""), role, sender, receiver)
    _complete_sides(subject, title)
    return title


def _heading_countries(heading: str) -> tuple[Country | None, Country | None]:
    """'Canadian heads of mission in Paris' -> (Canada, None); 'Ambassadors of Canada to China' -> (Canada, China)."""
    read = read_title(heading)
    if read and (read.sender or read.receiver):
        return read.sender, read.receiver
    of = re.search(r"\bof\s+(?P<of>[A-Z][^,()]*?)(?:\s+(?:to|in)\s+(?P<to>[A-Z][^,()]*))?$", heading)
    if of:
        return country_in_phrase(of.group("of")), country_in_phrase(of.group("to"))
    named = countries_named(heading)
    return (named[0].country if named else None), None


def _first_date(cell: str) -> PartialDate | None:
    """'1944', '3 March 1944', '1944–1946': the first date of the cell (a term's start)."""
    dates = find_dates(cell or "")
    return dates[0].date if dates else None


# prose ----------------------------------------------------------------------------


def _from_sentence(
    context: DocumentContext, result: Extraction, sentence: Sentence, earlier: str, subject: Subject
) -> None:
    text = sentence.text
    found = [
        f for match in TITLE.finditer(text) if is_head_of_mission(text, match) for f in _people_beside(text, match)
    ]
    found = _without_bare_duplicates(found)
    found.sort(key=lambda f: (f.former, f.anchor))
    for item in found:
        _sender_from_sentence(text, item)
        _complete_sides(subject, item.title)
        _sides_from_elsewhere(result, item.person, item.title)
        window_end = min(
            (f.anchor for f in found if f.anchor > item.anchor and f.person != item.person), default=len(text)
        )
        since = _date_taken_up(text, item, window_end, earlier)
        as_of = _opening_date(text) if since is None and not item.former else None
        _emit(context, result, item.person, item.title, sentence.line, text, since, as_of)


def _without_bare_duplicates(found: list[_Found]) -> list[_Found]:
    """'Ambassador Ann Example has been Canada's Permanent Representative to NATO': one person, one post. A bare
    title before the name (no country, no 'its') is dropped when the sentence gives the same person a title that
    names a side."""
    placed = {f.person for f in found if f.title.sender or f.title.receiver or f.title.its or f.title.receiver_named}

    def bare(item: _Found) -> bool:
        title = item.title
        return not (title.sender or title.receiver or title.its or title.receiver_named)

    return [f for f in found if not (bare(f) and f.person in placed)]


def _people_beside(text: str, match: re.Match) -> list[_Found]:
    """The person the sentence puts beside this title, by the first shape that fits; and a predecessor."""
    title = title_from_match(match)
    start, end = match.start(), match.end()
    if _STAFF_AT.match(text, end) or (
        match.group("preposition") == "at" and _MISSION_AFTER.match(text, match.start("to"))
    ):
        return []
    before = text[max(0, start - 200) : start]
    offset = max(0, start - 200)
    after = text[end:]
    found = None
    if m := _TITLE_IS_PERSON.match(after):
        found = _Found(m.group("person"), title, start, False, False, start)
    elif m := _PERSON_WAS_APPOINTED.search(before):
        found = _Found(m.group("person"), title, offset + m.start("verb"), True, False, start)
    elif m := _APPOINTED_PERSON.search(before):
        found = _Found(m.group("person"), title, offset + m.start("verb"), True, False, start)
    elif m := _PERSON_TOOK_UP.search(before):
        found = _Found(m.group("person"), title, offset + m.start("verb"), True, False, start)
        predecessor = _person_name(m.group("predecessor")) if m.group("predecessor") else None
        if predecessor:
            found.predecessor = predecessor
    elif m := _PERSON_COMMA_TITLE.search(before):
        former = bool(m.group("former")) or bool(m.group("who") and "had" in m.group("who")) or title.former
        found = _Found(m.group("person"), title, start, False, former, start)
    elif m := _PERSON_IS_TITLE.search(before):
        take_up = bool(_TAKES_UP.search(m.group("verb")))
        found = _Found(
            m.group("person"), title, offset + m.start("verb") if take_up else start, take_up, title.former, start
        )
    elif m := _TITLE_COMMA_PERSON.match(after):
        found = _Found(m.group("person"), title, start, False, title.former, start)
    elif _written_as_honorific(match) and (m := _TITLE_THEN_PERSON.match(after)):
        found = _Found(m.group("person"), title, start, False, False, start)
    if found is None:
        return []
    person = _person_name(found.person)
    if person is None:
        return []
    found.person = person
    return [found, *_predecessor(text, match, found)]


def _written_as_honorific(match: re.Match) -> bool:
    """'High Commissioner Ann Example': the role capitalised, directly before a name."""
    role = match.group("role")
    return role[0].isupper() and not (match.group("its") or match.group("of") or match.group("to"))


def _predecessor(text: str, match: re.Match, successor: _Found) -> list[_Found]:
    """'..., replacing Ken Sample, who had held the post from 2017 to 2021' or 'Ann Example succeeded Ken Sample
    as ambassador': the same post, held before."""
    m = _PREDECESSOR.match(text, match.end())
    person = _person_name(m.group("person")) if m else successor.predecessor
    if person is None or person == successor.person:
        return []
    anchor = m.start("person") if m else len(text)  # 'succeeded Ken Sample as ...' dates the successor only
    title = replace(successor.title, former=True)
    return [_Found(person, title, anchor, False, True, match.start())]


def _person_name(raw: str) -> str | None:
    """The name without leading office words ('Prime Minister Justin Trudeau' -> 'Justin Trudeau'); None if no
    name is left."""
    words = raw.split()
    while words and words[0].casefold().strip(".") in _NOT_NAME_WORDS:
        words.pop(0)
    if len(words) < 2 or words[0].rstrip(".") in MONTHS:
        return None
    if any(w.casefold() in _NOT_NAME_WORDS or resolve_country(w) or resolve_demonym(w) for w in words):
        return None
    return " ".join(words)


def _sender_from_sentence(text: str, item: _Found) -> None:
    """'its ambassador': the clause's subject. A bare title: the nearest demonym or possessive before it
    ('three Canadian diplomats, including the acting high commissioner', "Peru's ambassador ..., and a chargé
    d'affaires"); a country merely named before it ('Canada expelled ...') is the actor, not the sender."""
    title = item.title
    if title.sender is not None:
        return
    before = text[: item.title_start]
    named = countries_named(before)
    if title.its:
        clause_start = max(before.rfind(";"), before.rfind(", and "), 0)
        in_clause = [m for m in named if m.start >= clause_start]
        title.sender = (in_clause or named)[0].country if named else None
    elif title.receiver is None and not title.receiver_named and named:
        nearest = named[-1]
        if resolve_demonym(nearest.text) is not None or _POSSESSIVE_AFTER.match(text, nearest.end):
            title.sender = nearest.country


def _complete_sides(subject: Subject, title: Title) -> None:
    """Fill the side the title leaves out from the document's two countries."""
    if title.sender and not title.receiver and not title.receiver_named:
        title.receiver = other_subject_country(subject, title.sender)
    elif title.receiver and not title.sender:
        title.sender = other_subject_country(subject, title.receiver)


def _date_taken_up(text: str, item: _Found, window_end: int, earlier: str) -> PartialDate | None:
    """The date the person took up the post: after a trigger word in the person's part of the sentence,
    'that year' after one, or the sentence's opening date when a take-up verb governs the person."""
    clause_end = text.find(";", item.anchor)
    end = min(window_end, clause_end if clause_end >= 0 else len(text))
    for trigger in _TRIGGER.finditer(text, item.anchor, end):
        tail = text[trigger.end() : end]
        reach = _VERB_TO_DATE if trigger.group("verb") else 2
        dates = find_dates(tail[: reach + 40])
        if dates and dates[0].start <= reach and not re.search(r"[,;]", tail[: dates[0].start]):
            return dates[0].date
        if trigger.group("verb") and _THAT_YEAR.match(tail):
            return _last_year(earlier + " " + text[: trigger.start()])
    if item.take_up:
        return _opening_date(text)
    return None


def _last_year(text: str) -> PartialDate | None:
    """The last year a text names ('... established relations in 1961, the year of ...' -> 1961)."""
    dates = find_dates(text)
    return PartialDate(dates[-1].date.value[:4], "year") if dates else None


def _opening_date(text: str) -> PartialDate | None:
    """A date that opens the sentence: 'In January 2006, ...', 'On 28 August 2025 Canada appointed ...'."""
    opening = _OPENING_DATE.match(text)
    if opening is None:
        return None
    dates = find_dates(text[opening.end() : opening.end() + 40])
    return dates[0].date if dates and dates[0].start == 0 else None


# rows -----------------------------------------------------------------------------


def _emit(
    context: DocumentContext,
    result: Extraction,
    person: str,
    title: Title,
    line: int,
    evidence: str,
    since: PartialDate | None,
    as_of: PartialDate | None,
) -> None:
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
            because = (
                "; the title names a receiver that is not a country"
                if side == "receiving" and title.receiver_named
                else ""
            )
            result.issue(
                TABLE,
                context.source_id,
                line,
                "unresolved_country",
                f"no {side} country for {person} ({title.text!r}){because}",
            )
