"""agreements: named treaties, conventions, protocols, agreements, acts, regulations and roadmaps.

Two places name instruments, and each is read by its shape:

- a list under a heading about treaties ('Major treaties signed in Canada'):
  every item is one instrument. 'Ottawa Treaty or Mine Ban Treaty (1997)'
  gives a name, an alias and a date; the heading may say where they were
  signed and, for a name with no instrument word ('Great Peace of
  Montreal'), what kind they are.
- prose, where an instrument is a capitalised name whose head noun is an
  instrument word ('the International Covenant on Civil and Political
  Rights', 'the Arctic Waters Pollution Prevention Act', 'a Roadmap for a
  Renewed U.S.-Canada Partnership'), an acronym before a lower-case
  instrument word ('the 1986 bilateral CARIBCAN agreement'), or an
  instrument word with a quoted subject ('an agreement on "Arctic
  Cooperation"').

A year alone never makes an agreement, and neither does an instrument word
with no name ('a free trade agreement', 'The Roadmap'). A name the
organization registry knows (NAFTA, the Warsaw Pact) is an organization and
is left to that table. A prose instrument takes the date nearest to it in
its sentence, and, when a verb such as 'acceded to' or 'committed to' stands
right before it, the countries that verb's subject names as its parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.documents.model import BulletList, Document
from pipeline.documents.reading import slugify
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.inflection import inflections
from pipeline.extract.phrases import BOTH_COUNTRIES
from pipeline.extract.prose import countries_named, country_in_phrase, prose_units
from pipeline.resolve.countries import home_country, unique_countries
from pipeline.resolve.dates import MONTHS, PartialDate, find_dates, parse_date
from pipeline.resolve.organizations import find_organizations, lookup
from pipeline.text import trie_alternation
from schemas.vocabularies import AGREEMENT_KINDS

TABLE = "agreements"

# Instrument words: the vocabulary's own, and a few more that name instruments but publish as 'other'.
_INSTRUMENT_WORDS = {
    *AGREEMENT_KINDS[:-1],
    "covenant",
    "accord",
    "pact",
    "charter",
    "memorandum",
    "arrangement",
    "statute",
    "declaration",
    "framework",
    "plan",
}
# A name the organization registry also holds is an instrument too when its head is one of these ('the North American
# Free Trade Agreement', 'the Warsaw Pact'): a trade agreement is an agreement, and the organization it sets up stays
# in memberships. 'the Colombo Plan' (a plan is also a programme) stays an organization only.
_TREATY_WORDS = {*AGREEMENT_KINDS[:-1], "accord", "pact", "covenant", "charter"} - {"roadmap", "act", "regulation"}
# Every plural of an instrument word ('treaties', 'Oslo Accords'), from the one inflection mechanism.
_PLURALS = {form: word for word in _INSTRUMENT_WORDS for form in inflections(word, "NOUN", ("NNS",)) if form != word}

_LIST_HEADING = r"\b(?:treat(?:y|ies)|conventions|agreements|protocols)\b"
_SIGNED_IN = re.compile(r"\bsigned\s+in\s+(?P<place>.+)$", re.IGNORECASE)
# Every instrument this module reads has an instrument word; a case-sensitive test on the lower-cased sentence skips
# the sentences without one far faster than a case-insensitive pattern.
_KIND_WORDS = r"\b(?:" + trie_alternation({*_INSTRUMENT_WORDS, *_PLURALS}) + r")\b"
_LOWER_KIND_WORD = re.compile(_KIND_WORDS)
_KIND_WORD = re.compile(_KIND_WORDS, re.IGNORECASE)

# A capitalised name: words (or parenthesised words such as '(Russia)') joined by small words.
_CONNECTORS = (
    "of",
    "on",
    "for",
    "the",
    "a",
    "an",
    "and",
    "against",
    "between",
    "concerning",
    "relating",  # 'Agreement relating to the Delimitation of ...'
    "respecting",
    "regarding",
    "to",
    "de",
    "du",
    "la",
)
# A word is capitalised in every part: 'U.S.-Canada' is one word, 'Soviet-led' is 'Soviet' and a lower-case rest.
_WORD = r"[A-Z][\w'’.]*(?:[–-][A-Z0-9][\w'’.]*)*"
_NAME_WORD = rf"(?:{_WORD}|\({_WORD}(?:\s+{_WORD})*\))"
_CAPITALISED_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:{'|'.join(_CONNECTORS)})\s+)*{_NAME_WORD})*")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
# A parenthesis inside a capitalised run that is another name of the instrument: an acronym, or a name with an
# instrument word. '(Russia)' in 'Special Economic Measures (Russia) Regulations' is neither.
_INNER_ALIAS = re.compile(
    r"\s*\((?P<inner>[A-Z][A-Z0-9-]{2,}"
    r"|[^()]*\b(?:Declaration|Treaty|Agreement|Convention|Protocol|Accord|Pact|Act)\b[^()]*)\)"
)
_TERM_AFTER = re.compile(r"\s+\d{4}\s*[–-]\s*\d{2,4}\b")
_POSSESSOR = re.compile(r"^[\w.-]+['’]s\s+(?=[A-Z])")
# 'the Canada-Mexico Action Plan 2025-2028, a roadmap': a kind word in apposition says what the instrument is.
_KIND_IN_APPOSITION = re.compile(
    r"^(?:\s+\d{4}(?:\s*[–-]\s*\d{2,4})?)?\s*(?:\([^()]*\)\s*)?,\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<kind>[a-z]+)\b"
)
_TRAILING_PARENTHESES = re.compile(r"\s*\((?P<inner>[^()]+)\)\s*$")
# 'the 1986 bilateral CARIBCAN agreement'
_ACRONYM_INSTRUMENT = re.compile(
    r"\b(?:(?P<year>\d{4})\s+)?(?:(?:bilateral|multilateral|trilateral|free[-\s]trade|trade|peace)\s+)*"
    r"(?P<acronym>[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)\s+(?P<kind>agreement|treaty|accord|convention|protocol|pact)\b"
)
# 'the 1997 Convention in Ottawa on the prohibition of the use, stockpiling, production and transfer of anti-personnel
# mines':
# an instrument word written as a name, with a lower-case subject; commas only between the items of a list.
_SUBJECT_WORD = r"[a-z][a-z'’-]*"
# Words that end the subject and open a clause: 'the Agreement on trade matters was signed ...'.
_CLAUSE_WORDS = (
    r"(?:which|that|who|when|while|but|was|were|is|are|be|been|has|have|had|will|would|could"
    r"|signed|entered|came|ratified)"
)
# Postmodifiers may stand between the instrument word and its subject: where, when or between whom ('in Ottawa', 'of
# 1997', 'between Canada and Chile').
_POSTMODIFIER = (
    r"(?:(?:in|of|at|between|with)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*|\d{4})"
    r"(?:\s+(?:and\s+)?(?:the\s+)?[A-Z][\w'’.-]*)*\s+)*"
)
_WORDED_SUBJECT = re.compile(
    rf"\b(?P<kind>Convention|Treaty|Agreement|Protocol|Accord|Covenant|Pact)\s+{_POSTMODIFIER}"
    rf"(?:on|for|concerning|against)\s+(?P<subject>(?:the\s+)?{_SUBJECT_WORD}"
    rf"(?:(?:\s+|,\s+(?={_SUBJECT_WORD}(?:,|\s+and\b)))(?!{_CLAUSE_WORDS}\b){_SUBJECT_WORD})*)"
)
_TRAILING_SMALL_WORDS = re.compile(r"(?:\s+(?:of|on|in|for|the|a|an|and|to|by|with|at))+$")
# 'an agreement on "Arctic Cooperation,"'
_QUOTED_INSTRUMENT = re.compile(
    r"\b(?P<kind>agreement|treaty|accord|convention|protocol)\s+on\s+[\"“](?P<subject>[^\"”]+?)[,.]?[\"”]",
    re.IGNORECASE,
)

# 'the Closer Economic Relations free-trade agreement': a name before lower-case words that say what kind of instrument
# it is.
_DESCRIPTIVE_WORDS = (
    r"(?:free[-\s]trade|trade|bilateral|trilateral|multilateral|economic|security|defen[cs]e|peace|nuclear"
    r"|co-?operation|partnership"
    r"|investment|fisheries|fishing|boundary|border|air|transport|tax|climate|science|friendship)"
)
_DESCRIBED_INSTRUMENT = re.compile(
    rf"(?P<proper>{_CAPITALISED_NAME.pattern})\s+(?P<described>(?:{_DESCRIPTIVE_WORDS}\s+){{0,3}})"
    r"(?P<kind>agreement|treaty|accord|convention|protocol|pact)\b"
)
# Words that open a sentence or a date rather than a name: 'In March 2022 ...', 'Both ...'.
_NOT_A_NAME = re.compile(
    r"^(?:(?:The|A|An|In|On|At|By|From|Since|After|Before|Under|With|Both|This|That|Its|Their|Talks|"
    + "|".join(MONTHS)
    + r")\b\s*)+"
)
# 'A modernized CUFTA': an acronym the document gave an instrument, with a word that makes it a new instrument.
_RENEWED = re.compile(
    r"\b(?P<modifier>modernized|modernised|new|revised|updated|amended|expanded|renegotiated|upgraded|enhanced"
    r"|successor)\s+"
    r"(?P<alias>[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)\b"
)
# 'Canada ratified CETA in 2017': an acronym the document gave an instrument, as the object of a verb that makes it one.
_ACTED_ON = re.compile(
    r"\b(?:signed|signing|ratified|ratifying|concluded|implemented|acceded\s+to|joined)\s+(?:the\s+)?"
    r"(?P<alias>[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*)\b"
)
# A name runs on into a date written after it: 'the Agreement on Mutual Fishing Relations of March 27, 1972'.
_TRAILING_MONTH = re.compile(
    r"\s+(?:of|on|in|from|since)\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?$"
)
# A name whose words list subjects with commas, read back from its last part to the article that opens it.
_LISTED_NAME_BEFORE = re.compile(
    rf"\b(?:the|a"
    rf"|an)\s+(?P<list>(?:{_CAPITALISED_NAME.pattern}),\s+(?:(?:{_CAPITALISED_NAME.pattern}),\s+)*(?:and\s+)?)$"
)
# Two names joined: 'the Special Economic Measures Act and the Justice for Victims ... Act', 'CETA and the Canada–EU ...
# Agreement'.
_JOINED_NAMES = re.compile(r"\s+and\s+the\s+")

_EVENT = re.compile(
    r"\b(?:signed|ratified|acceded|enacted|adopted|concluded|committed|reached|passed|entered\s+into\s+force"
    r"|came\s+into\s+force)\b",
    re.IGNORECASE,
)
_PARTY_VERB = re.compile(
    r"\b(?:acceded\s+to|signed|ratified|committed\s+to|concluded|entered\s+into)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE
)
# A date written right after the name belongs to it: '... Relations of March 27, 1972', '(CUFTA) was signed in July
# 2016'.
_ATTACHED_DATE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:was|were)\s+)?(?:(?:signed|concluded|adopted|ratified"
    r"|enacted)\s+(?:\w+\s+){0,2}?)?(?:of|on|in|dated)?\s*$"
)
# Where a clause ends: the subject of a verb is in the clause before it.
_CLAUSE_BREAK = re.compile(r"[;:]\s*|,\s+(?:and|but|while|whereas|so)\s+")
# An instrument still being negotiated has no date of its own: 'Talks on an ... Agreement, relaunched in March 2022'.
_UNDER_NEGOTIATION = re.compile(
    r"\b(?:talks|negotiations?|negotiating|towards?|proposed|planned|draft|future|possible)\s+(?:(?:on|for|of"
    r"|towards?)\s+)?(?:(?:a|an|the)\s+)?$",
    re.IGNORECASE,
)
# '... Agreement was under negotiation from 2012 to 2017', '... Agreement, still being negotiated, ...'.
_BEING_NEGOTIATED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:was|were|is|are|has\s+been|have\s+been|remains?"
    r"|still)\s+)*(?:under\s+negotiation|being\s+negotiated|proposed)\b",
    re.IGNORECASE,
)
# 'signed in Kyiv', 'signed ... in Canada': where it was signed, when the place is a country.
_SIGNED_AT = re.compile(r"\bsigned\b(?:\s+\w+){0,6}?\s+(?:in|at)\s+(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
# Between an instrument and the 'signed' that is its own: 'X (CUFTA), signed in ...', 'X was signed in ...'.
_ATTACHED_SIGNING = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:was|were|which\s+was)\s+)?")
# A date that bounds a period or sets a target is not the instrument's: '... committing $3 billion for 2024', 'by 2030'.
_PERIOD_DATE = re.compile(
    r"\b(?:for|until|through|by|to|from|between|before|after)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE
)


@dataclass
class _Instrument:
    """One named instrument as read, before it becomes a row."""

    name: str
    kind_raw: str | None
    start: int = 0
    end: int = 0
    aliases: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_event: str | None = None
    parties: list[str] | None = None
    signed_in_canada: bool | None = None


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    document = context.document
    listed = _agreement_lists(document)
    for bullet_list, heading in listed:
        _from_list(context, result, bullet_list, heading)
    known: dict[str, str | None] = {}  # acronyms the document gives instruments ('CUFTA'), with their instrument word
    for sentence in prose_units(document, skip=[b for b, _ in listed]):
        for instrument in instruments_in(sentence.text, context, known):
            _emit(context, result, instrument, sentence.line, sentence.text)
    return result


def kind_of(word: str | None) -> str:
    """The vocabulary kind of an instrument word ('Treaties' -> treaty); unseen words are 'other'."""
    if not word:
        return "other"
    singular = _PLURALS.get(word.casefold(), word.casefold())
    return singular if singular in AGREEMENT_KINDS else "other"


# lists ----------------------------------------------------------------------------


def _agreement_lists(document: Document) -> list[tuple[BulletList, str]]:
    found = []
    for section in document.sections_matching(_LIST_HEADING):
        found.extend((b, section.heading) for b in document.lists_in(section))
    return found


def _from_list(context: DocumentContext, result: Extraction, bullet_list: BulletList, heading: str) -> None:
    signed_in = _SIGNED_IN.search(heading)
    signed_country = country_in_phrase(signed_in.group("place")) if signed_in else None
    heading_kind = _KIND_WORD.search(heading)
    for item in bullet_list.items:
        instrument = read_list_item(item.text)
        if instrument is None:
            result.issue(
                TABLE,
                context.source_id,
                item.line,
                "unparsed_agreement",
                f"list item {item.text!r} under {heading!r} names no instrument",
            )
            continue
        if instrument.kind_raw is None and heading_kind:
            instrument.kind_raw = heading_kind.group()
        if signed_country is not None:
            instrument.signed_in_canada = signed_country.code == home_country().code
        _emit(context, result, instrument, item.line, item.text)


def read_list_item(text: str) -> _Instrument | None:
    """'Ottawa Treaty or Mine Ban Treaty (1997)': a name, other names after 'or', a date or acronym in parentheses."""
    rest, date, acronyms = text.strip().rstrip(".;,"), None, []
    while (parenthesis := _TRAILING_PARENTHESES.search(rest)) is not None:
        inner = parenthesis.group("inner").strip()
        parsed = parse_date(inner)
        if parsed and date is None:
            date = parsed
        else:
            acronyms.insert(0, inner)
        rest = rest[: parenthesis.start()]
    names = [n.strip() for n in re.split(r"\s+or\s+", rest) if n.strip()]
    if not names:
        return None
    return _Instrument(names[0], _kind_word_in(names), aliases=[*names[1:], *acronyms], date=date)


def _kind_word_in(names: list[str]) -> str | None:
    """The head instrument word of the first name that has one, else any instrument word in the names."""
    for name in names:
        if head := _head_word(name):
            return head
    for name in names:
        if word := _KIND_WORD.search(name):
            return word.group()
    return None


# prose ----------------------------------------------------------------------------


def instruments_in(
    text: str, context: DocumentContext | None = None, known: dict[str, str | None] | None = None
) -> list[_Instrument]:
    """Every named instrument in a sentence, with its date and parties.

    `known` collects the acronyms named instruments are given ('... Agreement
    (CUFTA)'), so that a later 'modernized CUFTA' is read as an instrument.
    """
    known = {} if known is None else known
    if not _LOWER_KIND_WORD.search(text.lower()) and not any(alias in text for alias in known):
        return []
    found = _outermost(
        [
            *_capitalised_instruments(text),
            *_acronym_instruments(text),
            *_described_instruments(text),
            *_worded_instruments(text),
            *_quoted_instruments(text),
        ]
    )
    for instrument in found:
        for alias in instrument.aliases:
            if re.fullmatch(r"[A-Z][A-Z0-9-]{2,}", alias):
                known.setdefault(alias, instrument.kind_raw)
    found = [*found, *_renewed_instruments(text, known, found)]
    for instrument in found:
        apposition = _KIND_IN_APPOSITION.match(text[instrument.end :])
        if kind_of(instrument.kind_raw) == "other" and apposition and kind_of(apposition.group("kind")) != "other":
            instrument.kind_raw = apposition.group("kind")
        negotiated = _UNDER_NEGOTIATION.search(
            text[max(0, instrument.start - 40) : instrument.start]
        ) or _BEING_NEGOTIATED.match(text, instrument.end)
        if instrument.date is None and not negotiated:
            instrument.date, instrument.date_event = _nearest_date(text, instrument)
        instrument.parties = _parties(text, instrument, context)
        instrument.signed_in_canada = _signed_in_home_country(text, instrument)
    return sorted(found, key=lambda i: i.start)


def _outermost(instruments: list[_Instrument]) -> list[_Instrument]:
    """Drop an instrument read inside a longer one that another pattern read."""

    def inside(inner: _Instrument, outer: _Instrument) -> bool:
        return (
            outer.start <= inner.start
            and inner.end <= outer.end
            and (outer.end - outer.start) > (inner.end - inner.start)
        )

    kept: list[_Instrument] = []
    for instrument in instruments:
        if not any(inside(instrument, other) for other in instruments) and not any(
            (k.start, k.end) == (instrument.start, instrument.end) for k in kept
        ):
            kept.append(instrument)
    return kept


def _capitalised_instruments(text: str) -> list[_Instrument]:
    """'the International Covenant on Civil and Political Rights', 'Special Economic Measures (Russia) Regulations
    (SEMRR)'.
    """
    found = []
    for match in _CAPITALISED_NAME.finditer(text):
        for name, start in _names_in(match.group(), match.start()):
            acronym = _TRAILING_PARENTHESES.search(name)
            aliases = []
            if acronym:
                aliases.append(acronym.group("inner").strip())
                name = name[: acronym.start()]
            inner_alias = _INNER_ALIAS.search(name)
            if inner_alias and _KIND_WORD.search(name[: inner_alias.start()]):
                # 'Declaration on the Establishment of the Arctic Council (Ottawa Declaration) on Parliament Hill'
                aliases.insert(0, inner_alias.group("inner"))
                name = name[: inner_alias.start()]
            name = _without_final_period(name)
            head = _head_word(name)
            if head is None or not _has_proper_word(name):
                continue
            if lookup(name) is not None and head.casefold() not in _TREATY_WORDS:
                continue
            name, start = _from_the_last_article(name, start, head)
            owner = _POSSESSOR.match(name)
            if owner:  # "the UN's Universal Declaration of Human Rights": the name starts after the possessive
                name, start = name[owner.end() :], start + owner.end()
            window = max(0, start - 200)
            listed = _LISTED_NAME_BEFORE.search(text[window:start])
            if listed:  # 'the New Zealand Nuclear Free Zone, Disarmament, and Arms Control Act'
                name, start = text[window + listed.start("list") : start + len(name)], window + listed.start("list")
            term = _TERM_AFTER.match(text, start + len(name)) if not aliases else None
            if term:  # 'Action Plan 2025-2028': the years it runs are part of its name, not its date
                name = text[start : term.end()]
            found.append(_Instrument(name, head, start, start + len(name), aliases))
    return found


def _names_in(name: str, start: int) -> list[tuple[str, int]]:
    """The names a capitalised run holds, each with its start.

    The run may open with an article ('The North Atlantic Treaty'), run on
    into a date ('... Relations of March 27, 1972' reads '... Relations of
    March') or join two names ('the X Act and the Y Act', 'CETA and the Y
    Agreement'). 'and the' inside a name ('the Agreement between the
    Government of Canada and the Government of ...') joins no names: there
    the part before it has an instrument word that does not end it.
    """
    article = _LEADING_ARTICLE.match(name)
    if article:
        name, start = name[article.end() :], start + article.end()
    month = _TRAILING_MONTH.search(name)
    if month:
        name = name[: month.start()]
    names, offset = [], 0
    for joint in _JOINED_NAMES.finditer(name):
        before = name[offset : joint.start()]
        last_word = before.split()[-1].strip("().,;:").casefold() if before.split() else ""
        if _KIND_WORD.search(before) and last_word not in _INSTRUMENT_WORDS and last_word not in _PLURALS:
            continue  # 'Agreement between the Government of Canada' goes on after 'and the'
        names.append((before, start + offset))
        offset = joint.end()
    names.append((name[offset:], start + offset))
    return [(n, s) for n, s in names if n]


def _from_the_last_article(name: str, start: int, head: str) -> tuple[str, int]:
    """'Talks on an Early Progress Trade Agreement' -> 'Early Progress Trade Agreement': an article before the head
    opens the name.
    """
    head_at = name.find(head)
    articles = list(re.finditer(r"\b(?:the|a|an)\s+", name[:head_at]))
    if not articles:
        return name, start
    cut = articles[-1].end()
    return name[cut:], start + cut


def names_an_instrument(name: str) -> bool:
    """Whether a name is an instrument's ('the Treaty of Amity and Cooperation in Southeast Asia'): this table reads it,
    so another table does not take it for an organization."""
    return _head_word(name) is not None


def _head_word(name: str) -> str | None:
    """The instrument word that heads a name: last, or followed by a joining word ('Protocol on ...', 'Roadmap for').

    The last word wins ('Statute of Westminster Adoption Act' is an act).
    'North Atlantic Treaty Organization' has none: its 'Treaty' is followed by
    another name word, so the name is of an organization.
    """
    words = name.split()
    last = words[-1].strip("().,:;") if words else ""
    if last.casefold() in _INSTRUMENT_WORDS - _COMPLEMENTED_ONLY or last.casefold() in _PLURALS:
        return last
    for index, word in enumerate(words):
        bare = word.strip("().,:;")
        if bare.casefold() not in _INSTRUMENT_WORDS and bare.casefold() not in _PLURALS:
            continue
        if index < len(words) - 1 and words[index + 1] in _CONNECTORS:
            return bare
        if index == len(words) - 1 and bare.casefold() not in _COMPLEMENTED_ONLY:
            return bare
    return None


# A framework is an instrument between parties when it says what it frames ('the Framework for Economic
# Cooperation'); a name that ends in it is a policy's title ('the Arctic and Northern Policy Framework').
_COMPLEMENTED_ONLY = {"framework", "frameworks"}


def _has_proper_word(name: str) -> bool:
    """At least one capitalised word besides instrument words: 'Roadmap' alone is a reference, not a name."""
    return any(
        w[:1].isupper() and w.strip("().,").casefold() not in _INSTRUMENT_WORDS | set(_PLURALS) for w in name.split()
    )


def _without_final_period(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return name[:-1] if name.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.){2,}", last) else name


def _acronym_instruments(text: str) -> list[_Instrument]:
    found = []
    for match in _ACRONYM_INSTRUMENT.finditer(text):
        if country_in_phrase(match.group("acronym")) is not None:
            continue
        name = f"{match.group('acronym')} {match.group('kind')}"
        year = parse_date(match.group("year")) if match.group("year") else None
        found.append(_Instrument(name, match.group("kind"), match.start("acronym"), match.end(), date=year))
    return found


def _described_instruments(text: str) -> list[_Instrument]:
    """A name before a lower-case instrument word: 'the Closer Economic Relations free-trade agreement'.

    Countries, demonyms and organizations alone describe rather than name
    ('the Canada–EU trade agreement', "Canada's agreement"), and so do
    acronyms the acronym pattern reads.
    """
    found = []
    for match in _DESCRIBED_INSTRUMENT.finditer(text):
        proper = match.group("proper")
        opening = _NOT_A_NAME.match(proper)
        start = match.start() + (opening.end() if opening else 0)
        proper = proper[opening.end() :] if opening else proper
        if (
            not proper
            or proper.endswith(("'s", "’s", "s'"))
            or _head_word(proper)
            or not _names_more_than_parties(proper)
        ):
            continue
        name = text[start : match.end()]
        found.append(_Instrument(name, match.group("kind"), start, match.end()))
    return found


def _names_more_than_parties(proper: str) -> bool:
    """Whether a capitalised phrase has a word beyond the countries, demonyms and organizations it names."""
    rest = proper
    for mention in sorted(countries_named(proper), key=lambda m: m.start, reverse=True):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    rest = re.sub(r"[–—-]", " ", rest)  # 'Canada–European Union': the parts of a hyphened pair are names of their own
    for organization in find_organizations(rest):
        rest = rest.replace(organization.text, " ")
    return re.search(r"[A-Z][a-z]{2,}|[A-Z]{3,}", re.sub(r"\b(?:and|of|the)\b", " ", rest)) is not None


def _renewed_instruments(text: str, known: dict[str, str | None], found: list[_Instrument]) -> list[_Instrument]:
    """An acronym the document gave an instrument, named again where the sentence makes it an instrument.

    'A modernized CUFTA, signed in Ottawa on ...' is a new instrument (the
    modifier is part of its name); 'Canada ratified CETA in 2017' restates
    the instrument by its acronym. A bare mention ('in the first months of
    CETA') is neither.
    """
    if not known:
        return []
    named = []
    for match in [*(_RENEWED.finditer(text) if _EVENT.search(text) else ()), *_ACTED_ON.finditer(text)]:
        alias = match.group("alias")
        start = match.start() if "modifier" in match.groupdict() else match.start("alias")
        overlaps = any(i.start < match.end() and start < i.end for i in [*found, *named])
        if alias in known and not overlaps:
            named.append(_Instrument(text[start : match.end()], known[alias], start, match.end()))
    return named


def _worded_instruments(text: str) -> list[_Instrument]:
    """'the 1997 Convention in Ottawa on the prohibition of the use, stockpiling, production and transfer of
    anti-personnel mines'.
    """
    found = []
    for match in _WORDED_SUBJECT.finditer(text):
        end = match.start("subject") + len(_TRAILING_SMALL_WORDS.sub("", match.group("subject")))
        if len([w for w in match.group("subject").split() if w not in ("the", "of", "and")]) < 2:
            continue
        found.append(_Instrument(text[match.start() : end], match.group("kind"), match.start(), end))
    return found


def _quoted_instruments(text: str) -> list[_Instrument]:
    return [
        _Instrument(f"{m.group('kind')} on {m.group('subject').strip()}", m.group("kind"), m.start(), m.end())
        for m in _QUOTED_INSTRUMENT.finditer(text)
    ]


def _nearest_date(text: str, instrument: _Instrument) -> tuple[PartialDate | None, str | None]:
    """The instrument's date in its sentence, and the event verb closest to the instrument (if it is close).

    A date written right after the name is its date ('... Relations of March
    27, 1972', '(CUFTA) was signed in July 2016'); otherwise the closest date
    that does not bound a period or set a target ('for 2024', 'by 2030').
    """
    outside = [d for d in find_dates(text) if d.end <= instrument.start or d.start >= instrument.end]
    if not outside:
        return None, None
    attached = [
        d for d in outside if d.start >= instrument.end and _ATTACHED_DATE.match(text[instrument.end : d.start])
    ]
    events_of = [d for d in outside if not _PERIOD_DATE.search(text[: d.start])] or outside
    candidates = attached[:1] or events_of
    nearest = min(
        candidates, key=lambda d: instrument.start - d.end if d.end <= instrument.start else d.start - instrument.end
    )
    # 'the Treaty ... of 1984, signed in Vatican City on 29 November 1984': the same date, written more precisely
    finer = [
        d
        for d in outside
        if d.date.value.startswith(nearest.date.value)
        and len(d.date.value) > len(nearest.date.value)
        and _same_clause(text, instrument, d.start, d.end)
    ]
    chosen = min(finer, key=lambda d: d.start) if finer else nearest
    events = [e for e in _EVENT.finditer(text) if _same_clause(text, instrument, e.start(), e.end())]
    event = min(events, key=lambda e: _distance(e, instrument)) if events else None
    return chosen.date, (re.sub(r"\s+", " ", event.group().casefold()) if event else None)


def _same_clause(text: str, instrument: _Instrument, start: int, end: int) -> bool:
    """Whether a verb or a date stands in the instrument's clause: 'Canada is committed to disarmament, and is noted
    for its leadership in the 1997 Convention' says nothing of what happened to the Convention ('committed' is in
    another clause), while '... Agreement (CUFTA) was signed in July 2016' does."""
    between = text[end : instrument.start] if end <= instrument.start else text[instrument.end : start]
    return _CLAUSE_BREAK.search(between) is None


def _distance(event: re.Match, instrument: _Instrument) -> int:
    return instrument.start - event.end() if event.end() <= instrument.start else max(0, event.start() - instrument.end)


def _parties(text: str, instrument: _Instrument, context: DocumentContext | None) -> list[str] | None:
    """'Canada and the United States committed to a Roadmap ...' -> the countries in the verb's subject.

    The subject is the clause before the verb: in "Britain's entry ... pushed
    New Zealand to find new markets, and Australia and New Zealand signed the
    ... agreement" it is 'Australia and New Zealand'.
    """
    before = text[: instrument.start]
    verb = _PARTY_VERB.search(before)
    if not verb:
        return None
    subject = _CLAUSE_BREAK.split(before[: verb.start()])[-1]
    if BOTH_COUNTRIES.search(subject) and context is not None:
        countries = list(context.subject.countries)
    else:
        countries = [m.country for m in countries_named(subject)]
    return [c.code for c in unique_countries(countries)] or None


def _signed_in_home_country(text: str, instrument: _Instrument) -> bool | None:
    """'A modernized X, signed in Canada on ...' -> True; 'signed in Ukraine' -> False; a city, or no place, -> None.

    Only a place written after the instrument, or a 'signed in' before it
    with no other instrument between, is the instrument's.
    """
    match = _SIGNED_AT.search(text, instrument.end)
    if match is None or not _ATTACHED_SIGNING.fullmatch(text[instrument.end : match.start()]):
        return None
    country = country_in_phrase(match.group("place"))
    return None if country is None else country.code == home_country().code


# rows -------------------------------------------------------------------------------


def _emit(context: DocumentContext, result: Extraction, instrument: _Instrument, line: int, evidence: str) -> None:
    kind = kind_of(instrument.kind_raw)
    row = {
        "agreement_id": slugify(instrument.name),
        "name": instrument.name,
        "aliases": list(instrument.aliases),
        "kind": kind,
        "kind_raw": instrument.kind_raw,
        "date": instrument.date.value if instrument.date else None,
        "date_precision": instrument.date.precision if instrument.date else None,
        "date_event": instrument.date_event if instrument.date else None,
        "signed_in_canada": instrument.signed_in_canada,
        "parties": instrument.parties,
        "source_id": context.source_id,
        "line": line,
        "evidence": evidence,
    }
    if result.add_once(TABLE, row) and kind == "other":
        result.issue(
            TABLE,
            context.source_id,
            line,
            "unknown_agreement_kind",
            f"{instrument.kind_raw!r} in {instrument.name!r} is not in the agreement kind vocabulary; "
            "published as 'other'",
        )
