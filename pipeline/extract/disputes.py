"""disputes: territorial and boundary disputes and claims, wherever a document states them.

A sentence (or list item) states a dispute when it contests something ('the
dispute over', 'have long disagreed over', 'contested', 'Russia has made an
extensive claim', 'challenged by'), claims waters' status ('considers the
waters ... to be internal waters'), says a court or tribunal decided
('the International Court of Justice ruled', 'In its decision ..., the Court
of Arbitration'), or says a boundary is settled, open or being negotiated
('the boundary ... was settled by arbitration', 'the maritime boundaries in
the far north will be decided', 'to negotiate the Beaufort Sea boundary').
A place mentioned without such words ('a voyage through the Northwest
Passage', 'sets the maritime boundary in the Lincoln Sea') is no dispute.

What is disputed is read by its shape, not from a gazetteer (see
`places_in`): a place with a geographic head word ('Beaufort Sea', 'Gulf of
Maine', 'the islands of St. Pierre and Miquelon', 'Tartupaluk (Hans
Island)'), '<name> boundary dispute' ('the Alaska boundary dispute'), or a
zone around a named place ('extended continental shelf around Saint-Pierre
and Miquelon', 'the maritime boundaries in the far north'). A sentence that
states a dispute without naming it ('Both countries submitted the dispute to
arbitration', 'In 2022 the two countries agreed to divide the island') refers
back to the last dispute stated in its section (the first place that
statement names), or to the place its heading names.

Status is resolved when the sentence says a body ruled or the dispute was
settled, and not that it remains open ('the disagreement remains
unresolved'); the year is the date nearest the ruling, the body the court,
tribunal or arbitration the sentence names. Counterparts are the countries
the sentence names ('both countries' the document's subjects), else those of
the dispute it refers back to, else those its paragraph names, the
document's own country and a country that is itself the disputed place left
out. One line states a dispute once: when several of its sentences speak of
the same place, the row says what the most telling of them says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from pipeline.documents.model import Document, Sentence
from pipeline.documents.reading import slugify
from pipeline.extract.base import DocumentContext, Extraction, Row
from pipeline.extract.phrases import BOTH_COUNTRIES
from pipeline.extract.prose import countries_named, other_subject_country, prose_units
from pipeline.resolve.countries import Country, resolve_country, unique_countries
from pipeline.resolve.dates import find_dates
from pipeline.resolve.organizations import find_organizations, registry

TABLE = "disputes"

# What a sentence says --------------------------------------------------------------------------------------------

# Contesting words: 'dispute', 'disagreed', 'contested', 'a claim' (not 'claimed that', 'claimed responsibility').
_CONTEST = re.compile(
    r"\b(?:disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?|disagree(?:s|d|ing|ments?)?|counter-?claims?"
    r"|claim(?:s|ed|ing)?(?!\s+(?:that|responsibility|to\s+(?:be|have)))|challenged\s+by)\b",
    re.IGNORECASE,
)
# A claim about the status of waters: 'considers the waters ... to be internal waters', 'regard the passage as an
# international strait'.
_WATERS_CLAIM = re.compile(
    r"\b(?:to\s+be|are|is|as|represents?|constitutes?)\s+(?:an?\s+)?(?:internal|territorial|historic|international)"
    r"\s+(?:\([^)]*\)\s+)?(?:waters|strait)\b",
    re.IGNORECASE,
)
# Settled: 'ruled', 'a ... ruling', 'settled', 'agreed to divide', 'ended the dispute', 'fixed by a tribunal'.
# 'decision' and 'judgment' need a body in the sentence.
_RESOLVED = re.compile(
    r"\b(?:ruled|rulings?|awards?|awarded|arbitrated|settled|resolved|agreed\s+to\s+(?:divide|split|partition)"
    r"|end(?:ed|ing|s)?\s+(?:the|their|a|its)\s+(?:[\w-]+\s+){0,2}(?:dispute|disagreement|claims?)"
    r"|(?:fixed|determined|delimited|decided|drawn)\s+by)\b",
    re.IGNORECASE,
)
_DECIDED_BY_BODY = re.compile(r"\b(?:decision|judge?ment|verdict)\b", re.IGNORECASE)
# Still open, whatever else the sentence says: 'remains unresolved', 'was left open', 'will be decided'.
_OPEN = re.compile(
    r"\b(?:unresolved|unsettled|left\s+open|remains?\s+(?:open|in\s+dispute|disputed|contested)|remaining\s+disputes?"
    r"|ongoing|still\s+(?:disputed|contested)|(?:will|is\s+yet\s+to|are\s+yet\s+to)\s+be\s+(?:decided|determined"
    r"|settled|resolved|delimited)"
    r"|(?:not|never)\s+(?:been\s+|be\s+)?(?:settled|resolved|decided))\b",
    re.IGNORECASE,
)
_NEGOTIATING = re.compile(r"\bnegotiat(?:e|es|ed|ing|ions?)\b", re.IGNORECASE)
# A boundary or zone: a sentence about one that is settled, open or negotiated states a dispute. A plain 'border' is
# too often a crossing or a security matter ('negotiated ... at the border', 'Loyalists settled along the border').
_BOUNDARY = re.compile(
    r"\b(?:boundar(?:y|ies)|(?:maritime|land|sea)\s+borders?|continental\s+shelf|exclusive\s+economic\s+zones?"
    r"|maritime\s+zones?|territorial\s+waters"
    r"|agreed\s+to\s+(?:divide|split|partition))\b",
    re.IGNORECASE,
)
# Any of the words above: a sentence without one is skipped before any other reading.
_ANY_SIGNAL = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (_CONTEST, _WATERS_CLAIM, _RESOLVED, _DECIDED_BY_BODY, _OPEN, _NEGOTIATING, _BOUNDARY)
    ),
    re.IGNORECASE,
)
# Lower-case stems one of which every dispute statement has (a contest, waters, a boundary or a body); a substring test
# on
# them skips most sentences far faster than a case-insensitive pattern could.
_STATEMENT_STEMS = (
    "disput",
    "contest",
    "disagree",
    "claim",
    "challenged",
    "waters",
    "strait",
    "boundar",
    "border",
    "shelf",
    "economic zone",
    "maritime zone",
    "agreed to",
    "court",
    "tribunal",
    "arbitra",
    "icj",
    "itlos",
    "pca",
)
# A sentence that speaks of a disputed thing without naming it: 'the dispute', 'the island', 'the award'
# ('the dispute over ...' names its own object).
_REFERS_BACK = re.compile(
    r"\b(?:the|this|that|its)\s+(?:dispute|disagreement|claim|island|islands|passage|strait|sea|boundary|border"
    r"|territory|waters"
    r"|zone|shelf|award|arbitration)\b(?!\s+(?:over|about|concerning|regarding|with|between|of|on)\b)",
    re.IGNORECASE,
)
# How many paragraphs back a sentence that does not name its dispute may refer.
_REFERENCE_REACH = 2
# A colonial claim is no dispute: 'Cartier claimed the Gaspé Peninsula for France', '... in the name of the King'.
_CLAIMED_FOR = re.compile(r"^[^.;]*?\b(?:for|in\s+the\s+name\s+of)\s+(?:the\s+)?(?:[A-Z]|king\b|queen\b|crown\b)")
_DISPUTE_WITH = re.compile(r"\bdisputes?\s+with\s+(?P<with>[^,;]+)", re.IGNORECASE)

# Places --------------------------------------------------------------------------------------------------------

_FEATURES = (
    r"(?:Passage|Ridge|Sea|Strait|Straits|Entrance|Islands?|Isles?|Gulf|Bay|Sound|Shelf|Channel|Bank|Banks|Archipelago"
    r"|Inlet|Basin"
    r"|Reef|Rocks?|Glacier|Ocean|Peninsula|Plateau|Cays?|Cayes|Atoll|Dependency|Territory|Lake|River)"
)
_LEADING_FEATURES = r"(?:Gulf|Strait|Straits|Bay|Sea|Isle|Islands?|Lake|Cape|Mount)"
# A capitalised word of a name; a capitalised function word opens a sentence, not a name ('The Gulf of Maine ...').
_FUNCTION_WORDS = (
    r"(?:The|A|An|In|On|At|Of|For|By|To|From|With|And|Both|This|That|These|Those|Its|Their"
    r"|Under|Along|Between|Since|After)"
)
_NAME_WORD = rf"(?:St\.|(?!{_FUNCTION_WORDS}\b)[A-Z][\w'’-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|del|la|and)\s+)?{_NAME_WORD})*?"
# 'Gulf of Maine', 'Strait of Juan de Fuca', 'Lake of the Woods' | 'the islands of St. Pierre and Miquelon' | 'Machias
# Seal Island'.
_PLACE = re.compile(
    rf"\b(?:(?P<lead>{_LEADING_FEATURES}\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:(?:de|del|la)\s+)?{_NAME_WORD})*)"
    rf"|islands\s+of\s+(?P<islands>{_NAME_WORD}(?:\s+(?:and\s+)?{_NAME_WORD})*)"
    rf"|(?P<headed>{_NAME}\s+{_FEATURES}))\b"
)
_PLACE_GROUPS = ("lead", "islands", "headed")
_EXPLANATION = re.compile(r"^\s*\((?:the|an?|i\.e\.)\s", re.IGNORECASE)
# A place that is part of a longer name: 'the Commission on the Limits of the Continental Shelf', 'Beaufort Sea
# Partnership'.
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’.-]*\s+(?:of|on|for)\s+(?:the\s+)?$")
_NAME_AFTER = re.compile(r"^\s+[A-Z]")
# A place that locates the one before it: 'Hans Island, a barren island ... in the Kennedy Channel of Nares Strait'.
_LOCATES = re.compile(r"\b(?:in|of|off|near|at|within)\s+(?:the\s+)?$")
# A description after a place names places and countries only to say where it is: ', a small rock in the Nares Strait'.
_DESCRIPTION = re.compile(r",\s+(?:a|an)\s+[^,;]*")
_LOCATION_OF_PLACE = re.compile(r"\)?\s*,?\s*(?:in|off|of|near)\s+(?:the\s+)?")
_COORDINATES = re.compile(r"[;]|\band\b|\bor\b")
# An alias in parentheses: 'Tartupaluk (Hans Island)', 'Hans Island (Tartupaluk)'.
_ALIAS_BEFORE = re.compile(rf"(?P<alias>{_NAME_WORD}(?:\s+{_NAME_WORD})*)\s+\($")
_ALIAS_AFTER = re.compile(rf"^\s+\((?P<alias>{_NAME_WORD}(?:\s+{_NAME_WORD})*)\)")
# 'the Alaska boundary dispute', 'the Hans Island dispute'.
_NAMED_DISPUTE = re.compile(
    rf"(?P<name>(?P<proper>{_NAME_WORD}(?:\s+(?:(?:de|and)\s+)?{_NAME_WORD})*)\s+(?:(?:maritime|land|border|boundary"
    rf"|territorial)\s+)*"
    r"(?:boundary|border|maritime|territorial))\s+disputes?\b"
)
# A zone around a named place or a compass region: 'extended continental shelf around Saint-Pierre and Miquelon'.
_ZONE = re.compile(
    r"\b(?P<zone>(?:(?:extended|outer)\s+)?continental\s+shelf|exclusive\s+economic\s+zones?|(?:maritime|land|sea"
    r"|fishing)\s+"
    r"(?:boundar(?:y|ies)|borders?|zones?)|boundar(?:y|ies)|territorial\s+waters)\s+(?:around|off|surrounding|near|of"
    r"|in|along|between|beyond)"
    rf"\s+(?:the\s+)?(?P<place>{_NAME_WORD}(?:\s+(?:(?:de|la|and|of)\s+)?{_NAME_WORD})*|(?:far|high)\s+(?:north|south"
    rf"|arctic))"
)


@dataclass
class _Place:
    name: str
    start: int
    end: int
    # The named place itself: 'Saint Pierre and Miquelon' in 'continental shelf around Saint Pierre and Miquelon'.
    core: str = ""
    described_until: int = 0  # the end of a description after it: 'Hans Island, a small rock in the Nares Strait'

    def __post_init__(self) -> None:
        self.core = self.core or self.name
        self.described_until = max(self.described_until, self.end)


@dataclass
class _Statement:
    """What one sentence says about disputes, before it becomes rows."""

    places: list[_Place]
    resolved: bool
    year: int | None
    body: str | None
    body_org_id: str | None


@dataclass
class _Reading:
    """A document's disputes as they are read, in order: rows by (line, id), the last dispute of each section."""

    rows: dict[tuple[int, str], Row] = field(default_factory=dict)
    last_in_section: dict[int | None, list[Row]] = field(default_factory=dict)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    document = context.document
    reading = _Reading()
    units = prose_units(document)
    for sentence in units:
        lowered = sentence.text.lower()
        if any(stem in lowered for stem in _STATEMENT_STEMS):
            _read_sentence(context, result, reading, sentence, units)
    for row in reading.rows.values():
        result.add_once(TABLE, row)
        if not row["counterpart_codes"]:
            result.issue(
                TABLE,
                context.source_id,
                row["line"],
                "unresolved_country",
                f"the dispute over {row['name']} names no other country",
            )
        if row["status"] == "resolved" and row["resolved_year"] is None:
            result.issue(
                TABLE, context.source_id, row["line"], "unparsed_date", f"the settlement of {row['name']} has no year"
            )
    return result


# Sentences -------------------------------------------------------------------------------------------------------


def _read_sentence(
    context: DocumentContext, result: Extraction, reading: _Reading, sentence: Sentence, units: list[Sentence]
) -> None:
    text = sentence.text
    statement = read_statement(text, _own_code(context))
    if statement is None:
        return
    section = _section_of(context.document, sentence.line)
    antecedent: list[Row] = []
    if not statement.places:
        antecedent = _antecedent(context.document, reading, section, sentence, statement, units)
        if not antecedent:
            _unnamed_dispute(context, result, sentence, statement)
            return
        statement.places = [_Place(row["name"], -1, -1) for row in antecedent]
    counterparts = _counterparts(
        context, sentence.text, statement.places, antecedent, _paragraph_text(units, sentence.line)
    )
    rows = [_row(context, sentence, statement, place, counterparts) for place in statement.places]
    for row in rows:
        _keep(reading, row)
    reading.last_in_section[section] = rows


def read_statement(text: str, own_code: str | None = None) -> _Statement | None:
    """The places a sentence disputes and what it says of them, or None when it states no dispute."""
    contests = any(not _colonial_claim(text, m) for m in _CONTEST.finditer(text)) or _WATERS_CLAIM.search(text)
    ruling = _RESOLVED.search(text)
    body, body_org = _resolution_body(text)
    if ruling is None and body is not None:
        ruling = _DECIDED_BY_BODY.search(text)
    open_ = _OPEN.search(text)
    boundary = _BOUNDARY.search(text)
    if not (contests or (boundary and (ruling or open_ or _NEGOTIATING.search(text))) or (ruling and body)):
        return None
    resolved = ruling is not None and open_ is None
    year = _year_near(text, ruling.start()) if resolved and ruling else None
    places = places_in(text, own_code)
    return _Statement(places, resolved, year, body if resolved else None, body_org if resolved else None)


def _colonial_claim(text: str, match: re.Match) -> bool:
    return match.group().casefold().startswith("claim") and _CLAIMED_FOR.search(text[match.end() :]) is not None


def places_in(text: str, own_code: str | None = None) -> list[_Place]:
    """Disputed places in a sentence, left to right: named features, named disputes, then zones around named places.

    A place that explains the one before it ('Passage (the sea passages
    through ...)'), locates it ('..., a barren island in the Kennedy Channel
    of Nares Strait') or is part of a longer name ('the Commission on the
    Limits of the Continental Shelf') is not disputed itself.
    """
    places: list[_Place] = []
    previous: _Place | None = None
    for match in _PLACE.finditer(text):
        group = next(g for g in _PLACE_GROUPS if match.group(g))
        place = _Place(match.group(group), match.start(group), match.end(group))
        described = any(p.end <= place.start < p.described_until for p in places)
        skip = (
            described
            or _inside_a_name(text, place)
            or (previous is not None and (_explains(text, previous, place.start) or _locates(text, previous, place)))
        )
        previous = place
        if not skip:
            places.append(_described(text, _with_alias(text, place)))
    for match in _NAMED_DISPUTE.finditer(text):
        name, start = match.group("name"), match.start("name")
        if not _overlaps(places, start, match.end("name")) and not countries_named(match.group("proper")):
            places.append(_Place(name, start, match.end("name")))
    for match in _ZONE.finditer(text):
        if _overlaps(places, match.start("place"), match.end("place")):
            continue
        country = resolve_country(match.group("place"))
        if country is not None and country.code == own_code:
            continue
        places.append(_Place(match.group(), match.start(), match.end(), match.group("place")))
    return sorted(places, key=lambda p: p.start)


def _described(text: str, place: _Place) -> _Place:
    """A place with the description that follows it: 'Hans Island, a small rock in the Nares Strait between ... and
    Greenland'.
    """
    description = _DESCRIPTION.match(text, place.end)
    if description:
        place.described_until = description.end()
    return place


def _inside_a_name(text: str, place: _Place) -> bool:
    return _NAME_BEFORE.search(text[: place.start]) is not None or _NAME_AFTER.match(text[place.end :]) is not None


def _explains(text: str, previous: _Place, start: int) -> bool:
    """Whether a place sits in a parenthesis that explains the place before it: '... Passage (the sea passages through
    ...)'.
    """
    between = text[previous.end : start]
    return _EXPLANATION.match(between) is not None and ")" not in between


def _locates(text: str, previous: _Place, place: _Place) -> bool:
    """Whether a place only says where the one before it is: ', a barren island ... in the Kennedy Channel'."""
    between = text[previous.end : place.start]
    return _LOCATES.search(between) is not None and not _COORDINATES.search(between) and not _ANY_SIGNAL.search(between)


def _with_alias(text: str, place: _Place) -> _Place:
    """'Tartupaluk (Hans Island)' and 'Hans Island (Tartupaluk)' are one place named twice, kept as written."""
    before = text[: place.start]
    if (
        text[place.end : place.end + 1] == ")"
        and (alias := _ALIAS_BEFORE.search(before))
        and not countries_named(alias.group("alias"))
    ):
        return _Place(text[alias.start() : place.end + 1], alias.start(), place.end + 1)
    after = _ALIAS_AFTER.match(text[place.end :])
    if after and not countries_named(after.group("alias")):
        end = place.end + after.end()
        return _Place(text[place.start : end], place.start, end)
    return place


def _overlaps(places: list[_Place], start: int, end: int) -> bool:
    return any(p.start < end and start < p.end for p in places)


# Reference back --------------------------------------------------------------------------------------------------


def _section_of(document: Document, line: int) -> int | None:
    """The innermost section holding `line`."""
    holding = [s for s in document.sections if s.line <= line <= s.end_line]
    return max(holding, key=lambda s: s.line).index if holding else None


def _antecedent(
    document: Document,
    reading: _Reading,
    section: int | None,
    sentence: Sentence,
    statement: _Statement,
    units: list[Sentence],
) -> list[Row]:
    """The dispute an unnamed statement speaks of: the last one stated in its section, else the place its heading names.

    Only a statement that refers back ('the dispute', 'the island') or that a
    body decided ('In its decision ..., the Court of Arbitration') does, and
    only to a dispute stated in the same section at most two paragraphs back.
    """
    if not (_REFERS_BACK.search(sentence.text) or (statement.resolved and statement.body)):
        return []
    if section in reading.last_in_section:
        last = reading.last_in_section[section][:1]
        lines_between = {u.line for u in units if last[0]["line"] < u.line < sentence.line}
        return last if len(lines_between) < _REFERENCE_REACH else []
    if section is None:
        return []
    heading = document.sections[section].heading
    named = places_in(heading)
    return [{"name": named[0].name, "counterpart_codes": []}] if len(named) == 1 else []


def _unnamed_dispute(context: DocumentContext, result: Extraction, sentence: Sentence, statement: _Statement) -> None:
    """'territorial disputes with the U.S. and Denmark' names sides but no place: recorded, not published."""
    stated = _DISPUTE_WITH.search(sentence.text)
    sides = _codes(context, [m.country for m in countries_named(stated.group("with"))], []) if stated else []
    if sides:
        result.issue(
            TABLE,
            context.source_id,
            sentence.line,
            "unnamed_dispute",
            f"a dispute with {', '.join(sides)} is stated without naming a disputed place",
        )
    elif statement.resolved and _BOUNDARY.search(sentence.text):
        result.issue(
            TABLE,
            context.source_id,
            sentence.line,
            "unnamed_dispute",
            "a settled boundary is stated without naming a place",
        )


def _paragraph_text(units: list[Sentence], line: int) -> str:
    return " ".join(u.text for u in units if u.line == line)


# Values ----------------------------------------------------------------------------------------------------------


def _own_code(context: DocumentContext) -> str | None:
    return context.subject.primary.code if context.subject.primary else None


def _codes(context: DocumentContext, countries: Iterable[Country], places: list[_Place]) -> list[str]:
    """Codes of the countries, leaving out the document's own and a country that is itself the disputed place.

    'the continental shelf around Saint Pierre and Miquelon' is disputed with
    France, not with Saint Pierre and Miquelon; 'China's claims in the South
    China Sea' are China's.
    """
    own = _own_code(context)
    disputed = {country.code for p in places if (country := resolve_country(p.core)) is not None}
    return [c.code for c in unique_countries(countries) if c.code != own and c.code not in disputed]


def _counterparts(
    context: DocumentContext, text: str, places: list[_Place], antecedent: list[Row], paragraph: str
) -> list[str]:
    """The countries the sentence names ('both countries': the document's), else the earlier dispute's, else, in a
    document about two countries, the other one, else the paragraph's."""
    codes = _codes(context, _sides(text, places), places)
    if not codes and BOTH_COUNTRIES.search(text):
        codes = _codes(context, context.subject.countries, places)
    if not codes and antecedent:
        codes = list(antecedent[0]["counterpart_codes"])
    if not codes and (other := other_subject_country(context.subject, context.subject.primary)) is not None:
        codes = _codes(context, [other], places)
    if not codes:
        codes = _codes(context, _sides(paragraph, places_in(paragraph)), places)
    return codes


def _sides(text: str, places: list[_Place]) -> list[Country]:
    """The countries a text names, except those that only say where a place is."""
    return [m.country for m in countries_named(text) if not _locates_a_place(text, m.start, places)]


def _locates_a_place(text: str, start: int, places: list[_Place]) -> bool:
    """A country named to say where a place is is no side.

    'the Ross Dependency in Antarctica', 'Hans Island, a rock between Ellesmere Island and Greenland'.
    """
    return any(
        p.end <= start and (start < p.described_until or _LOCATION_OF_PLACE.fullmatch(text[p.end : start]))
        for p in places
    )


def _row(
    context: DocumentContext, sentence: Sentence, statement: _Statement, place: _Place, counterparts: list[str]
) -> Row:
    return {
        "dispute_id": slugify(place.name),
        "name": place.name,
        "counterpart_codes": counterparts,
        "status": "resolved" if statement.resolved else "ongoing",
        "resolved_year": statement.year,
        "resolution_body": statement.body,
        "resolution_body_org_id": statement.body_org_id,
        "source_id": context.source_id,
        "line": sentence.line,
        "evidence": sentence.text,
    }


def _keep(reading: _Reading, row: Row) -> None:
    """One row per place per line: a later sentence of the line that tells more (a settlement, its year) replaces it."""
    key = (row["line"], row["dispute_id"])
    kept = reading.rows.get(key)
    if kept is None:
        reading.rows[key] = row
    elif _telling(row) > _telling(kept):
        if not row["counterpart_codes"]:
            row["counterpart_codes"] = kept["counterpart_codes"]
        reading.rows[key] = row


def _telling(row: Row) -> tuple[bool, bool, bool]:
    return (row["status"] == "resolved", row["resolved_year"] is not None, row["resolution_body"] is not None)


_LOWER_CASE_BODY = re.compile(
    r"\b(?:(?:international\s+)?(?:court|tribunal)\s+of\s+arbitration|(?:arbitral\s+)?tribunal|arbitration)\b",
    re.IGNORECASE,
)
_BODY = re.compile(r"\b(?P<body>(?:[A-Z][\w'’-]*\s+)*(?:Court|Tribunal)(?:\s+of(?:\s+[A-Z][\w'’-]*)+)?)")
_COURT = re.compile(r"\b(?:Court|Tribunal)\b")


def _resolution_body(text: str) -> tuple[str | None, str | None]:
    """The court, tribunal or arbitration the sentence names ('the ICJ' included), and its registry id if it has one."""
    if not re.search(r"court|tribunal|arbitra|ICJ|ITLOS|PCA", text, re.IGNORECASE):
        return None, None
    courts = [m for m in find_organizations(text) if _COURT.search(registry()[m.org_id].name)]
    if courts:
        return courts[0].text, courts[0].org_id
    match = _BODY.search(text)
    if match:
        return match.group("body"), None
    lower = _LOWER_CASE_BODY.search(text)
    return (lower.group(), None) if lower else (None, None)


def _year_near(text: str, position: int) -> int | None:
    dates = find_dates(text)
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(d.start - position))
    return int(nearest.date.value[:4])
