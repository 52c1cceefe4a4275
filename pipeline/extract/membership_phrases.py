"""The phrases that state a membership, compiled from knowledge/membership_phrases.csv, and where they stand in a text.

The data holds word families (lemma, role, status); this module turns each
into patterns for every inflection ('accede' reads 'to accede to', 'acceded
to', 'is acceding to'), in three roles:

- OBJECT: the organizations follow ('a member of the UN', 'joined NATO',
  'has sat as an observer on the Council', 'associate status in Mercosur');
- RELATIVE: a noun with no preposition after a relative clause that names
  the organization before ('the Colombo Plan, of which both were founding
  members', 'the Alliance, in which Canada has held observer status');
- 'there': the organization is the one named before ('and Canada is an
  observer there');
- PREMODIFIER: the organization's name stands before the noun ('has been an
  ASEAN dialogue partner since 1977', 'a NATO member'); only a name the
  registry knows counts.

Three phrases stay in code because they are not word families: a seat on an
organ ('a permanent member of the Security Council', never a membership);
'other nations in the Arctic Council, Canada, Sweden and Iceland' (an
APPOSITIVE list of members after the organization; 'nations' only in lower
case, so 'United Nations in 1945' is none); and a founding verb in the passive
with its AGENT, 'Mercosur, founded by Argentina, Brazil, Paraguay and Uruguay'
(the organization before, its founding members after 'by').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.inflection import inflections, lemmas
from pipeline.extract.phrases import COPULA, family_pattern
from pipeline.knowledge import MEMBERSHIP_ENDED, membership_phrases
from pipeline.text import trie_alternation, words_alternation

SEAT, ENDED = "seat", MEMBERSHIP_ENDED
OBJECT, RELATIVE, APPOSITIVE, AGENT = "object", "relative", "appositive", "agent"  # where the organization stands
PREMODIFIER = "premodifier"  # 'an ASEAN dialogue partner', 'a NATO member': the organization names the noun


@dataclass(frozen=True)
class Phrase:
    status: str
    role: str
    event: bool  # joining or founding: a date opening the sentence ('In 1947 ...') is its date
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]  # lower-case words every match holds one of (for a fast first scan)
    registry_only: bool = False  # only an organization the registry knows can follow ('a signatory to')
    predicate: bool = False  # not after a possessive ("Canada's partners in the EU" are others)
    noun: bool = False


@dataclass
class Found:
    """One membership phrase in a unit, with what it governs."""

    phrase: Phrase
    match: re.Match
    organizations: list = None  # [(OrganizationName, PartialDate | None)]
    end: int = 0  # where what the phrase governs ends
    members: list = None
    status: str | None = None  # the status a verb's complement states ('participates in X as an observer')
    status_raw: str | None = None

    def __post_init__(self):
        self.organizations = [] if self.organizations is None else self.organizations
        self.members = [] if self.members is None else self.members


_OPEN_QUOTE, _CLOSE_QUOTE = r"[\"“]?", r"[\"”]?"
# 'has been part of', 'is also a part of', 'became an integral part of'
_COPULA_BEFORE = rf"{COPULA.pattern}\s+(?:(?:also|always|still|now|long|both|a|an|integral|full|active)\s+)*"


def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def phrases() -> tuple[Phrase, ...]:
    """Every membership phrase, by priority: at one place the first that matches wins.

    Nouns before verbs ('founding member of' before 'founding'), longer nouns before shorter ('dialogue
    partner of' before 'partner of').
    """
    rows = membership_phrases()
    nouns = sorted((r for r in rows if r.kind == "noun"), key=lambda r: -len(r.words.split()))
    verbs = [r for r in rows if r.kind == "verb"]
    found = [
        Phrase(
            SEAT,
            OBJECT,
            False,
            _compiled(r"\b(?:non-?)?permanent\s+(?:members?|seats?)\s+(?:of|on|in)\b"),
            ("permanent", "non-permanent", "nonpermanent"),
        )
    ]
    for row in nouns:
        forms = family_pattern(row.words, "NOUN")
        keywords = _keywords(row.words, "NOUN")
        if not row.context:
            named = r"(?P<named>(?-i:(?:[A-Z][\w&.'’-]*\s+){1,5}))"
            found.insert(
                0,
                Phrase(
                    row.status,
                    PREMODIFIER,
                    row.event,
                    _compiled(rf"\b(?:a|an)\s+{named}(?P<noun>{forms})\b(?!\s+(?:of|in|to|with|on)\b)"),
                    keywords,
                    registry_only=True,
                    noun=True,
                ),
            )
        noun = rf"{_OPEN_QUOTE}\b{forms}{_CLOSE_QUOTE}(?:\s+status)?"
        if row.context == "copula":
            noun = rf"\b{_COPULA_BEFORE}{forms}"
        common = dict(registry_only=row.objects == "registry", predicate=row.context == "predicate", noun=True)
        after = words_alternation(row.after)
        found.append(
            Phrase(row.status, OBJECT, row.event, _compiled(rf"{noun}\s+(?:{after})\b\s*:?"), keywords, **common)
        )
        found.append(Phrase(row.status, OBJECT, row.event, _compiled(rf"{noun}(?=\s+there\b)"), keywords, **common))
        if row.context != "copula":
            found.append(
                Phrase(
                    row.status,
                    RELATIVE,
                    row.event,
                    _compiled(rf"{noun}\b(?!\s+(?:{after}|there)\b)"),
                    keywords,
                    **common,
                )
            )
    for row in verbs:
        forms = _unambiguous_forms(row.words)
        keywords = _keywords(row.words, "VERB")
        after = rf"\s+(?:{words_alternation(row.after)})\b\s*:?" if row.after else ""
        found.append(
            Phrase(
                row.status,
                OBJECT,
                row.event,
                _compiled(rf"\b{forms}\b{after}"),
                keywords,
                registry_only=row.objects == "registry",
            )
        )
    found.append(
        Phrase(
            "member",
            APPOSITIVE,
            False,
            re.compile(r"\b(?:[Oo]ther\s+)?(?:nations|countries|states)\s+(?:in|of)\b"),
            ("nations", "countries", "states"),
        )
    )
    founding = ("found", "co-found", "create", "establish", "form", "set up")
    forms = "|".join(f for lemma in founding for f in inflections(lemma, "VERB", ("VBN",)))
    found.insert(  # first: where it matches, 'founded by' is this phrase, not the verb 'found' alone
        0,
        Phrase(
            "founding member",
            AGENT,
            False,  # its date is in the phrase or right after the founders, never the sentence's opening one
            re.compile(rf"(?:,\s*|\s+(?:was|were|had\s+been)\s+)(?:jointly\s+)?(?:{forms})\s+(?:in\s+\d{{4}}\s+)?by\b"),
            ("founded", "co-founded", "created", "established", "formed", "set"),
        ),
    )
    return tuple(found)


def _keywords(words: str, pos: str) -> tuple[str, ...]:
    """Words every match of a phrase holds: its longest uninflected word ('founding' of 'founding member', 'together'
    of 'work together'), else every form of the word that inflects."""
    parts = words.split()
    fixed = parts[:-1] if pos == "NOUN" else parts[1:]
    longest = max(fixed, key=len, default="")
    if len(longest) >= 4:
        return (longest.lower(),)
    inflected = -1 if pos == "NOUN" else 0
    return tuple(sorted({f.split()[inflected].lower() for f in inflections(words, pos)}))


def _unambiguous_forms(words: str) -> str:
    """family_pattern's forms of a verb phrase without those that are also forms of another verb: 'found' (of
    'find') is left out of 'found', so 'found the Council useful' is no founding; 'founded', 'founding' stay."""
    first = words.split()[0].rpartition("-")[2]
    lemma = words.split()[0]
    kept = [f for f in inflections(words, "VERB") if set(lemmas(f.split()[0]).get("VERB", (lemma,))) <= {lemma, first}]
    return "(?:" + words_alternation(kept) + ")"


@lru_cache(maxsize=1)
def _keyword_index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    index: dict[str, list[int]] = {}
    for number, phrase in enumerate(phrases()):
        for keyword in phrase.keywords:
            index.setdefault(keyword, []).append(number)
    pattern = re.compile(r"(?<![\w-])(?:" + trie_alternation(index) + r")(?![\w-])", re.IGNORECASE)
    return pattern, {k: tuple(v) for k, v in index.items()}


def may_state_membership(text: str) -> bool:
    """Whether a text holds a word of any membership phrase (a unit without one states no membership)."""
    return _keyword_index()[0].search(text) is not None


# ', in which Canada has held', ', of which both countries were', ', to which it was admitted': the relative clause
# before a bare status noun; its subject is read like any clause's.
RELATIVE_LEAD = re.compile(r",?\s+(?:of|in|to|at|on|with|within)\s+which\s+(?P<subject>[^,;:()]*?)\s*$", re.IGNORECASE)
_POSSESSED = re.compile(r"(?:['’]s?|\b(?:its|their|his|her|our|my|your|whose))\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def phrases_in(text: str) -> list[Found]:
    """Non-overlapping membership phrases, left to right; an earlier phrase in `phrases()` wins a tie.

    Only the phrases whose keyword the text holds are searched. A status noun that names people ('meeting
    members of the Union of Composers', 'trained 43,000 members of') is skipped (see `names_people`); a bare
    noun counts only after a relative clause ('..., in which Canada has held observer status').
    """
    keyword_pattern, index = _keyword_index()
    words = set(keyword_pattern.findall(text))
    if not words:
        return []
    wanted = sorted({n for word in words for n in index.get(word.lower(), ())})
    every = phrases()
    found: list[Found] = []
    for number in wanted:
        phrase = every[number]
        for match in phrase.pattern.finditer(text):
            before = text[: match.start()]
            status_word = re.search(r"\bstatus\b|\bmembership\b|\bpart\b", match.group(0), re.IGNORECASE)
            if phrase.noun and not status_word and names_people(before):  # 'held observer status' is a status
                continue
            if phrase.predicate and _POSSESSED.search(before):
                continue
            if phrase.role == RELATIVE and not RELATIVE_LEAD.search(before):
                continue
            if not any(f.match.start() < match.end() and match.start() < f.match.end() for f in found):
                found.append(Found(phrase, match))
    return sorted(found, key=lambda f: f.match.start())


# Words that may stand between a verb and the noun it governs: 'met (some of the) members of'.
_QUANTIFIERS = {
    "some",
    "many",
    "several",
    "all",
    "most",
    "few",
    "the",
    "other",
    "senior",
    "two",
    "three",
    "its",
    "their",
}
# Prepositions after which 'members of' are people a country deals with ('with members of', 'by members of');
# 'as members of' and 'of ... members' predicate the membership itself.
_PEOPLE_PREPOSITIONS = {"with", "by", "to", "for", "from", "among", "between", "against"}


def names_people(before: str) -> bool:
    """Whether a status noun after `before` names people rather than a country's status.

    The rule: a noun that is the object of a verb other than be/become/remain/have ('met members of', 'trained
    43,000 members of', 'expelled two members of') or of a preposition other than 'as' ('with members of') is
    people; so is a noun right after a number. A word that may also be an adjective or a noun ('full',
    'fellow', 'key') modifies the noun rather than governing it: 'is a full member of', 'as fellow members of'
    state membership. Word classes come from lemminflect's data, not from a list of the verbs a text used.
    """
    for word in reversed(re.findall(r"[\w'’.,-]+", before[-80:])):
        bare = word.strip(",.").lower()
        if not bare or bare in _QUANTIFIERS:
            continue
        if re.fullmatch(r"\d[\d,.]*", bare):
            return True
        if bare in _PEOPLE_PREPOSITIONS:
            return True
        if word.endswith(","):
            return False
        classes = lemmas(bare)
        verbs = set(classes.get("VERB", ())) | set(classes.get("AUX", ()))
        if not verbs or verbs & {"be", "become", "remain", "have"}:
            return False
        gerund = bare.endswith("ing")
        return "ADJ" not in classes and (gerund or "NOUN" not in classes)
    return False


@lru_cache(maxsize=1)
def _ended_pattern() -> re.Pattern[str]:
    forms = [_unambiguous_forms(row.words) for row in membership_phrases() if row.status == ENDED]
    return re.compile(r"\b(?:former(?:ly)?|until|" + "|".join(forms) + r")\b", re.IGNORECASE)


def states_an_end(text: str) -> bool:
    """Whether a qualifier says a membership ended: a verb of an 'ended' family ('withdrew in 2019', 'left 2012'),
    'former', 'until'."""
    return _ended_pattern().search(text) is not None
