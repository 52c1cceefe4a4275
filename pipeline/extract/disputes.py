"""disputes: territorial and boundary disputes and claims, wherever a document states them.

A sentence (or list item) states a dispute when it contests something, says a
settlement or a ruling, or says a boundary is settled, open or negotiated.
The words are lemmas with roles in pipeline/knowledge/dispute_words.csv, and
every inflection of them counts ('quarrel', 'quarrelled'; 'dispute',
'disputed'; 'reject', 'rejected'), each in the frame it needs: 'dispute' and
'claim' wherever they stand; 'quarrel', 'conflict', 'row', 'feud' only with
an object ('a quarrel with Russia over', 'the Beagle Channel conflict'), so
that 'in a row' and 'the 1991 conflict' are none; 'ended' only in the passive
or with a dispute as its object ('was ended through the mediation of', 'ended
the dispute'); 'rejected', 'decision', 'judgment' only with a court, tribunal
or arbitration in the sentence ('The same court rejected ...'). Waters'
status ('considers the waters ... to be internal waters') is a claim too. A
place mentioned without such words ('a voyage through the Northwest
Passage', 'sets the maritime boundary in the Lincoln Sea') is no dispute.

What is disputed is read by its shape, not from a gazetteer (see
`places_in`): a place with a geographic head word ('Beaufort Sea', 'Gulf of
Maine', 'the islands of St. Pierre and Miquelon', 'Tartupaluk (Hans
Island)'); '<name> boundary dispute' ('the Alaska boundary dispute'); a zone
around a named place ('extended continental shelf around Saint-Pierre and
Miquelon'); a name in the slot of a dispute word, in any language and with no
English head word ('disputed the Laguna del Desierto area', 'the dispute over
the Southern Patagonian Ice Field', 'sovereignty over Abu Musa'), when it
ends its noun phrase and the sentence is about land or sea; and the boundary
of the parties a sentence names ('Chile and Peru disagreed over their
maritime boundary' is the 'maritime boundary between Chile and Peru': the
name is made from the parties as written, since the text gives no other). A
sentence that states a dispute without naming it ('Both countries submitted
the dispute to arbitration', 'In 2022 the two countries agreed to divide the
island') refers back to the last dispute stated in its section (the first
place that statement names), or to the place its heading names.

Status is resolved when the sentence says a body ruled or the dispute was
settled, and not that it remains open ('the disagreement remains
unresolved'); the year is the date nearest the ruling, the body the court,
tribunal or arbitration the sentence names, else the mediator ('through the
mediation of Pope John Paul II'), else the court an earlier sentence of the
section named when this one says 'the same court'. Counterparts are the
countries the sentence names ('both countries' the document's subjects),
else those of the dispute it refers back to, else those its paragraph names,
the document's own country, a country named only as where something happened
('signed in Vatican City') and a country that is itself the disputed place
left out. A dispute between two other countries is a dispute all the same
('Japan has a quarrel with Russia over the Kuril Islands': JPN and RUS in a
Canada–Japan article). One line states a dispute once: when several of its
sentences speak of the same place, the row says what the most telling of them
says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from pipeline.documents.model import Document, Sentence
from pipeline.documents.reading import slugify
from pipeline.extract.base import DocumentContext, Extraction, Row
from pipeline.extract.inflection import word_forms
from pipeline.extract.phrases import BOTH_COUNTRIES
from pipeline.extract.prose import countries_named, country_in_phrase, other_subject_country, prose_units
from pipeline.knowledge import dispute_words
from pipeline.resolve.countries import Country, resolve_country, unique_countries
from pipeline.resolve.dates import MONTHS, find_dates
from pipeline.resolve.organizations import find_organizations, registry
from pipeline.text import any_of, trie_alternation, words_alternation

TABLE = "disputes"

# What a sentence says --------------------------------------------------------------------------------------------
# The words are lemmas in pipeline/knowledge/dispute_words.csv, each with the frame it needs; every inflection counts.

_FRAME_AFTER = r"(?:over|about|concerning|regarding|with|between)"
_BE = r"(?:is|are|was|were|be|been|being)"


@dataclass(frozen=True)
class _RoleWords:
    """The forms of a role's lemmas as one plain pattern, and the frames each form must stand in."""

    pattern: re.Pattern[str]
    frames: dict[str, frozenset[str]]  # lower-case form -> frames


@cache
def _role_words(role: str) -> _RoleWords:
    frames: dict[str, set[str]] = {}
    for word in dispute_words():
        if word.role == role:
            for form in word_forms(word.word, word.pos):
                if form not in word.exclude:
                    frames.setdefault(form.lower(), set()).add(word.frame)
    alternation = trie_alternation(frames)
    return _RoleWords(
        re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE), {f: frozenset(v) for f, v in frames.items()}
    )


def _found(role: str, text: str) -> list[re.Match]:
    """The words of a role ('contest', 'settle', 'body_decides') a text holds, each in a frame it needs."""
    words = _role_words(role)
    return [
        m for m in words.pattern.finditer(text) if any(_in_frame(f, text, m) for f in words.frames[m.group().lower()])
    ]


_OBJECT_AFTER = re.compile(rf"\s+{_FRAME_AFTER}\b", re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)
_BE_BEFORE = re.compile(rf"\b{_BE}\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_REPORTED_SPEECH = re.compile(r"\s+(?:that|responsibility|to\s+(?:be|have))\b", re.IGNORECASE)
_REACH_BACK = 40  # characters before a word in which its frame's earlier part is looked for


def _in_frame(frame: str, text: str, word: re.Match) -> bool:
    """Whether a form stands in its frame (see dispute_words.csv)."""
    if frame == "any":
        return True
    before = text[max(0, word.start() - _REACH_BACK) : word.start()]
    if frame == "object":  # 'a quarrel with Russia over', 'the Beagle Channel conflict'
        return _OBJECT_AFTER.match(text, word.end()) is not None or _NAME_JUST_BEFORE.search(before) is not None
    if frame == "by":  # 'challenged by', 'fixed by a tribunal'
        return _BY_AFTER.match(text, word.end()) is not None
    if frame == "passive":  # 'was ended', 'ended the dispute'
        return _BE_BEFORE.search(before) is not None or _ends_a_dispute().match(text, word.end()) is not None
    if frame == "not_reported_speech":  # a claim, not 'claimed that' or 'claimed responsibility'
        return _REPORTED_SPEECH.match(text, word.end()) is None
    return False


@lru_cache(maxsize=1)
def _settle_forms() -> str:
    """Every form of a settling word: what it settles is named after it too ('settled the Laguna del Desierto area')."""
    return trie_alternation(_role_words("settle").frames)


@lru_cache(maxsize=1)
def _ends_a_dispute() -> re.Pattern[str]:
    """A dispute as the object of the word before: '(ended) the long dispute', '(ending) their claims'."""
    return re.compile(rf"\s+(?:the|their|a|its)\s+(?:[\w-]+\s+){{0,2}}(?:{_contest_forms()})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _contest_forms() -> str:
    """Every form of a contest word, whatever its frame: the words after which a disputed place is named."""
    return trie_alternation(_role_words("contest").frames)


@lru_cache(maxsize=1)
def _statement_stem_test() -> re.Pattern[str]:
    return any_of(_statement_stems())


@lru_cache(maxsize=1)
def _statement_stems() -> tuple[str, ...]:
    """Lower-case strings one of which every dispute statement holds (its words' forms, waters, a boundary, a body).

    A substring test on them skips most sentences far faster than the patterns could.
    """
    stems = {
        form.lower()
        for word in dispute_words()
        if word.role in _STATEMENT_ROLES
        for form in word_forms(word.word, word.pos)
    }
    stems |= set(_OTHER_STEMS)
    return tuple(sorted(s for s in stems if not any(o != s and o in s for o in stems)))


_STATEMENT_ROLES = ("contest", "settle", "body_decides")


@lru_cache(maxsize=1)
def _statement_words() -> re.Pattern[str]:
    """The statement words as whole words ('ended', not 'attend'; 'row', not 'grow'), the other stems as word starts."""
    forms = {
        form.lower()
        for word in dispute_words()
        if word.role in _STATEMENT_ROLES
        for form in word_forms(word.word, word.pos)
    }
    words = trie_alternation(forms)
    stems = trie_alternation(_OTHER_STEMS)
    return re.compile(rf"\b(?:(?:{words})\b|{stems})", re.IGNORECASE)


_OTHER_STEMS = (
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
# A claim about the status of waters: 'considers the waters ... to be internal waters', 'regard the passage as an
# international strait'.
_WATERS_CLAIM = re.compile(
    r"\b(?:to\s+be|are|is|as|represents?|constitutes?)\s+(?:an?\s+)?(?:internal|territorial|historic|international)"
    r"\s+(?:\([^)]*\)\s+)?(?:waters|strait)\b",
    re.IGNORECASE,
)
# Settled without a settling word: 'agreed to divide', 'through the mediation of'.
_SETTLED_PHRASE = re.compile(r"\bagreed\s+to\s+(?:divide|split|partition)\b", re.IGNORECASE)
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


# Any dispute signal, for telling whether the words between two places say more than where one is.
def _any_signal(text: str) -> bool:
    if any(_found(role, text) for role in ("contest", "settle", "body_decides")):
        return True
    return any(
        p.search(text)
        for p in (
            _WATERS_CLAIM,
            _OPEN,
            _NEGOTIATING,
            _BOUNDARY,
        )
    )


# A sentence that speaks of a disputed thing without naming it: 'the dispute', 'the island', 'the award'
# ('the dispute over ...' names its own object).
_REFERS_BACK = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:dispute|disagreement|claim|island|islands|passage|strait|sea|boundary|border"
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


@cache
def _feature_words(role: str) -> str:
    """The capitalised head words of places ('Sea', 'Islands', 'Ice Field': role 'feature') or the words that open a
    place's name ('Gulf of', 'Cape': role 'leading_feature'), every inflection, as an alternation."""
    forms = {f for w in dispute_words() if w.role == role for f in word_forms(w.word, w.pos)}
    return words_alternation(forms)


# A capitalised word of a name; a capitalised function word opens a sentence, not a name ('The Gulf of Maine ...').
_FUNCTION_WORDS = (
    r"(?:The|A|An|In|On|At|Of|For|By|To|From|With|And|Both|This|That|These|Those|Its|Their"
    r"|Under|Along|Between|Since|After)"
)
_NAME_WORD = rf"(?:St\.|(?!{_FUNCTION_WORDS}\b)[A-Z][\w'’-]*)"
# A capitalised word right before a contest noun names what it is over: 'the Beagle Channel conflict'.
_NAME_JUST_BEFORE = re.compile(rf"(?<![\w'’-])(?!{_FUNCTION_WORDS}\b)[A-Z][\w'’-]*\s+$")
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|del|la|and)\s+)?{_NAME_WORD})*?"


# 'Gulf of Maine', 'Strait of Juan de Fuca', 'Lake of the Woods' | 'the islands of St. Pierre and Miquelon' | 'Machias
# Seal Island'.
@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    features, leading = _feature_words("feature"), _feature_words("leading_feature")
    return re.compile(
        rf"\b(?:(?P<lead>(?:{leading})\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:(?:de|del|la)\s+)?{_NAME_WORD})*)"
        rf"|islands\s+of\s+(?P<islands>{_NAME_WORD}(?:\s+(?:and\s+)?{_NAME_WORD})*)"
        rf"|(?P<headed>{_NAME}\s+(?:{features})))\b"
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
# So does a compass phrase: ', north of Yukon, the Northwest Territories and Alaska'.
_DESCRIPTION = re.compile(
    r",\s+(?:(?:a|an)\s+[^,;]*|(?:(?:due|just|far)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+[^;.]*)"
)
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

# A place named in the slot of a dispute or settling word, whatever its language and whether or not it ends in an
# English feature word: 'disputed the Laguna del Desierto area', 'the dispute over the Southern Patagonian Ice
# Field', 'sovereignty over Abu Musa', 'claims Hans Island'. The name is a run of capitalised words with the
# particles names carry ('del', 'de la', 'al'); up to two adjectives may come before it ('the southern Kuril Islands').
_CAPITAL = "[" + "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()) + "]"
_PARTICLES = r"(?:de|del|della|di|da|do|dos|das|du|des|la|las|los|le|les|el|al|y|of|the|von|van|der|den|and)"
_SLOT_WORD = rf"(?:St\.|(?!{_FUNCTION_WORDS}\b){_CAPITAL}[\w'’-]*)"
_SLOT_NAME = rf"{_SLOT_WORD}(?:\s+(?:{_PARTICLES}\s+)*{_SLOT_WORD})*"
_ADJECTIVE = r"(?:so-called|[a-z]+(?:ern|ed|al|ic|ian|ese|ish|ous|ary|ile|ing))"
_SLOT_PREPOSITION = r"(?:over|about|concerning|regarding|to|on)"
# What may follow a place's name: nothing, punctuation, a capital, or a word that ends the noun phrase. A lower-case
# noun after the name makes the name a modifier ('the dispute over Canadian softwood lumber'), a possessive an owner.
_ENDS_NOUN_PHRASE = re.compile(
    r"(?:\s*(?:[,;:.!?()\[\]\u2013\u2014-]|$)|\s+(?:[A-Z0-9]|(?:and|or|in|on|at|with|between|since|until|from|by|to|for"
    r"|off|near|which|that|who|where|was|were|is|are|has|have|had|remains?|remained|as|after|before|when|while|but"
    r"|because|under|through|against|among|within|than)\b))"
)
# Words that make a capitalised phrase something other than a place: an organization's or an instrument's name.
_NOT_A_PLACE_WORDS = ("Treaty", "Agreement", "Convention", "Protocol", "Accord", "Act", "Charter", "Declaration")
# A sentence about land or sea: a name in a dispute's slot is a place only in such a sentence, unless a feature or
# place noun says so itself ('the dispute over Li Wei' is about a person).
_TERRITORIAL = re.compile(
    r"territor|sovereign|boundar|border|frontier|maritime|island|\bland|waters|\bcoast|annex|\bsea\b|\bclaim",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _place_nouns() -> str:
    forms = {f for w in dispute_words() if w.role == "place_noun" for f in word_forms(w.word, w.pos)}
    return trie_alternation(forms)


# An aside between two places of one list: 'the Laguna del Desierto area (settled in 1994) and the ...'.
_ASIDE = r"(?:\s*\([^()]*\))?"


@lru_cache(maxsize=1)
def _slot() -> re.Pattern[str]:
    return re.compile(
        rf"(?:\b(?i:{_contest_forms()}|{_settle_forms()})|\b(?i:sovereignty))(?:\s+with\s+(?:[\w'’.-]+\s+){{1,6}}?)?"
        rf"\s+(?:(?P<preposition>{_SLOT_PREPOSITION})\s+)?(?:the\s+)?(?:{_ADJECTIVE}\s+){{0,2}}"
        rf"(?P<names>{_SLOT_NAME}(?:\s+(?:{_place_nouns()})\b)?(?:{_ASIDE}(?:,\s+|\s+and\s+|,\s+and\s+)(?:the\s+)?"
        rf"{_SLOT_NAME}(?:\s+(?:{_place_nouns()})\b)?)*)"
    )


@lru_cache(maxsize=1)
def _one_slot_name() -> re.Pattern[str]:
    return re.compile(rf"(?:the\s+)?(?P<name>{_SLOT_NAME})(?:\s+(?P<noun>{_place_nouns()})\b)?")


_ZONE_IN_PLACE = re.compile(r"\s+(?:in|of|around|off|near|along|through)\s+(?:the\s+)?", re.IGNORECASE)
# The boundary of the countries a sentence names: 'Chile and Peru disagreed over their maritime boundary', 'its
# land border with Guyana'. It is named by its parties: 'maritime boundary between Chile and Peru'.
_PARTIES_ZONE = re.compile(
    r"\b(?P<owner>their|its)\s+(?P<zone>(?:(?:common|shared|mutual|joint)\s+)?(?:(?:maritime|land|sea|fishing"
    r"|territorial)\s+)?(?:boundar(?:y|ies)|borders?|frontiers?)|(?:(?:extended|outer)\s+)?continental\s+shelf"
    r"|exclusive\s+economic\s+zones?|territorial\s+waters)(?:\s+with\s+(?P<with>[^,.;]+))?",
    re.IGNORECASE,
)


@dataclass
class _Place:
    name: str
    start: int
    end: int
    # The named place itself: 'Saint Pierre and Miquelon' in 'continental shelf around Saint Pierre and Miquelon'.
    core: str = ""
    described_until: int = 0  # the end of a description after it: 'Hans Island, a small rock in the Nares Strait'
    # What an aside right after the place says of it alone: 'the Laguna del Desierto area (settled in 1994)'.
    own: _Statement | None = None

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
    # The last court or tribunal each section names, for 'the same court' in a later sentence.
    last_body: dict[int | None, tuple[str, str | None]] = field(default_factory=dict)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    document = context.document
    reading = _Reading()
    units = prose_units(document)
    for sentence in units:
        lowered = sentence.text.lower()
        if _statement_stem_test().search(lowered) and _statement_words().search(sentence.text):
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
    section = _section_of(context.document, sentence.line)
    statement = read_statement(text, _own_code(context), reading.last_body.get(section))
    named_body = _named_body(text)
    if named_body[0] is not None:
        reading.last_body[section] = named_body
    if statement is None:
        return
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


def read_statement(
    text: str, own_code: str | None = None, earlier_body: tuple[str, str | None] | None = None
) -> _Statement | None:
    """The places a sentence disputes and what it says of them, or None when it states no dispute.

    `earlier_body` is the court an earlier sentence named, which 'the same court' means.
    """
    contests = any(not _colonial_claim(text, m) for m in _found("contest", text))
    contests = contests or _WATERS_CLAIM.search(text)
    ruling = next(iter(_found("settle", text)), None) or _SETTLED_PHRASE.search(text)
    body, body_org = _resolution_body(text, earlier_body)
    if ruling is None and body is not None:
        ruling = next(iter(_found("body_decides", text)), None)
    open_ = _OPEN.search(text)
    boundary = _BOUNDARY.search(text)
    if not (contests or (boundary and (ruling or open_ or _NEGOTIATING.search(text))) or (ruling and body)):
        return None
    places = places_in(text, own_code)
    asides = [(place, _ASIDE_AFTER.match(text, place.end)) for place in places]
    asides = [(place, aside) for place, aside in asides if aside is not None and _found("settle", aside.group())]
    for place, aside in asides:  # 'the Laguna del Desierto area (settled by arbitration in 1994) and ...'
        aside_body = _resolution_body(aside.group())
        place.own = _Statement([], True, _year_near(aside.group(), 0), *aside_body)
    if ruling is not None and any(a.start() <= ruling.start() < a.end() for _, a in asides):
        ruling = None  # a settlement said in an aside is that place's alone
    resolved = ruling is not None and open_ is None
    year = _year_near(text, ruling.start()) if resolved and ruling else None
    return _Statement(places, resolved, year, body if resolved else None, body_org if resolved else None)


_ASIDE_AFTER = re.compile(r"\s*\([^()]*\)")


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
    for match in _place_pattern().finditer(text):
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
    places += _slot_places(text, places)
    places += _parties_zones(text, places)
    return sorted(places, key=lambda p: p.start)


def _slot_places(text: str, places: list[_Place]) -> list[_Place]:
    """Places named in the slot of a dispute word and found by no other shape ('the Laguna del Desierto area').

    A name without a feature word or place noun is a place only in a sentence about land or sea: one with a
    territorial word, another place, or a place noun in the same list ('the Laguna del Desierto area and the
    Southern Patagonian Ice Field').
    """
    found: list[_Place] = []
    for slot in _slot().finditer(text):
        names_start = slot.start("names")
        listed = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), slot.group("names"))  # asides hold no place
        names = list(_one_slot_name().finditer(listed))
        about_land = bool(places) or any(n.group("noun") for n in names) or _TERRITORIAL.search(text) is not None
        for name in names:
            start, end = names_start + name.start("name"), names_start + name.end()
            if _overlaps(places + found, start, end):
                continue
            for part, part_start in _parts(name.group("name"), start):
                last = part_start + len(part) == start + len(name.group("name"))
                noun = name.group("noun") if last else None
                part_end = end if last else part_start + len(part)
                if _is_slot_place(text, part, part_end, noun, slot.group("preposition"), about_land):
                    found.append(_Place(text[part_start:part_end], part_start, part_end))
    return found


def _parts(name: str, start: int) -> list[tuple[str, int]]:
    """'Ceuta and Melilla' is two places unless the whole is one country ('Saint Pierre and Miquelon')."""
    pieces = re.split(r"\s+and\s+(?:the\s+)?", name)
    if len(pieces) == 1 or resolve_country(name) is not None:
        return [(name, start)]
    return [(piece, start + name.index(piece)) for piece in pieces]


def _is_slot_place(text: str, name: str, end: int, noun: str | None, preposition: str | None, about_land: bool) -> bool:
    """Whether a name in a dispute's slot is a place: it ends its noun phrase, and is no organization, instrument,
    demonym or country taken as a bare object ('claimed Russia had ...'); without a place noun the sentence must be
    about land or sea.
    """
    if not _ENDS_NOUN_PHRASE.match(text, end) or text[end : end + 2] in ("'s", "’s"):
        return False
    if any(word in name.split() for word in _NOT_A_PLACE_WORDS) or find_organizations(name):
        return False
    if name.split()[0].rstrip(".") in MONTHS:  # 'settled on June 14, 2022': a date, not a place
        return False
    country = resolve_country(name)
    if (country is not None and preposition is None) or (country is None and country_in_phrase(name) is not None):
        return False
    return bool(noun) or about_land


def _parties_zones(text: str, places: list[_Place]) -> list[_Place]:
    """'their maritime boundary' after 'Chile and Peru' is the maritime boundary between Chile and Peru."""
    found = []
    for match in _PARTIES_ZONE.finditer(text):
        if _overlaps(places, match.start(), match.end("zone")) or any(
            _ZONE_IN_PLACE.fullmatch(text[match.end("zone") : p.start]) for p in places if p.start >= match.end("zone")
        ):
            continue  # 'their maritime boundary in the Beaufort Sea' is named by its place
        before = [m for m in countries_named(text[: match.start()])]
        if match.group("with"):
            after = countries_named(match.group("with"))
            parties = [before[0].text, after[0].text] if before and after else []
        else:
            parties = list(dict.fromkeys(m.text for m in before))
            parties = parties if len(parties) == 2 else []
        if parties:
            zone = match.group("zone")
            name = f"{zone} between {parties[0]} and {parties[1]}"
            found.append(_Place(name, match.start(), match.end("zone"), zone))
    return found


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
    return _LOCATES.search(between) is not None and not _COORDINATES.search(between) and not _any_signal(between)


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
    return [
        m.country
        for m in countries_named(text)
        if not _locates_a_place(text, m.start, places) and not _LOCATIVE.search(text, 0, m.start)
    ]


# 'signed in Vatican City', 'talks at Geneva': a country named as where something happened is no side.
_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


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
    statement = place.own or statement
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
# 'the same court', 'that tribunal': the body an earlier sentence of the section named.
_BODY_REFERENCE = re.compile(r"\b(?:the|this|that)\s+(?:same\s+|said\s+)?(?:court|tribunal)\b", re.IGNORECASE)
_MEDIATOR_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*"
_MEDIATOR = re.compile(
    rf"\b(?:mediation|good\s+offices)\s+of\s+(?P<body>{_MEDIATOR_NAME})|\bmediated\s+by\s+(?P<by>{_MEDIATOR_NAME})"
)


def _resolution_body(text: str, earlier_body: tuple[str, str | None] | None = None) -> tuple[str | None, str | None]:
    """Who settled it, and the registry id if it has one: the court or tribunal the sentence names ('the ICJ'
    included), else a mediator ('through the mediation of Pope John Paul II'), else the court an earlier sentence
    named when this one says 'the same court', else an arbitration or tribunal named in lower case.
    """
    named = _named_body(text)
    if named[0] is not None:
        return named
    mediator = _MEDIATOR.search(text)
    if mediator:
        return mediator.group("body") or mediator.group("by"), None
    if earlier_body is not None and _BODY_REFERENCE.search(text):
        return earlier_body
    lower = _LOWER_CASE_BODY.search(text)
    return (lower.group(), None) if lower else (None, None)


def _named_body(text: str) -> tuple[str | None, str | None]:
    """The court or tribunal a sentence names by its name ('the International Court of Justice', 'the ICJ')."""
    if not re.search(r"court|tribunal|ICJ|ITLOS|PCA", text, re.IGNORECASE):
        return None, None
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
