"""The words that name a kind of mission, and the contract's vocabulary they map to.

Read by the missions extractor (prose, tables, infobox) and by the infobox reader that pairs a 'MissionN'
entry with the envoy of the same number. The vocabulary itself is schemas/vocabularies.py MISSION_TYPES;
words it lacks ('trade offices', 'legation') map to 'other' and keep their text in `mission_type_raw`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache

from pipeline.extract.phrases import noun_forms
from pipeline.knowledge import mission_office_words
from pipeline.text import trie_alternation

# (mission type, words as written) in priority order: the longer phrase wins at one position.
TYPE_WORDS: tuple[tuple[str, str], ...] = (
    # 'honorary consuls in Hamburg and Munich' state honorary consulates: the consul is the post.
    ("honorary consulate", r"honorary\s+(?:consulates?(?:[-\s]general)?|consuls?(?![-\s]general))"),
    ("consulate general", r"consulates?[-\s]general"),
    ("consulate", r"consulates?"),
    ("embassy", r"embass(?:y|ies)"),
    ("high commission", r"high\s+commissions?"),
    ("permanent mission", r"permanent\s+(?:missions?|delegations?)"),
    ("other", r"legations?|trade\s+(?:commissioner\s+)?offices?|consular\s+offices?"),
)
MISSION_WORDS = re.compile(r"\b(?:" + "|".join(f"(?:{words})" for _, words in TYPE_WORDS) + r")\b", re.IGNORECASE)
# Named for an organization, a bare 'Mission' is a permanent mission
# ('Mission of Canada to the North Atlantic Council').
BARE_MISSION = re.compile(r"\bmissions?\b", re.IGNORECASE)
_ONLY_BARE_MISSION = re.compile(r"^missions?$", re.IGNORECASE)

# The mission a head of mission leads, for an infobox 'MissionN' whose name was lost ('Mission1: , Ottawa').
_MISSION_OF_ROLE = (
    ("high commissioner", "high commission"),
    ("consul general", "consulate general"),
    ("consul", "consulate"),
    ("ambassador", "embassy"),
    ("permanent representative", "permanent mission"),
)


def mission_type(words: str, accredited: bool) -> str:
    """The vocabulary type for the words as written; unseen words are 'other'."""
    if accredited and _ONLY_BARE_MISSION.match(words.strip()):
        return "permanent mission"
    for kind, pattern in TYPE_WORDS:
        if re.search(rf"\b(?:{pattern})\b", words, re.IGNORECASE):
            return kind
    return "other"


def mission_of_role(role: str | None) -> str | None:
    """'high commissioner' -> 'high commission': the mission an envoy's role heads; None for other roles."""
    for words, kind in _MISSION_OF_ROLE:
        if role and re.search(rf"\b{words}\b", role):
            return kind
    return None


# --- mission types outside the vocabulary ----------------------------------------------------------------------
#
# A new document may name a kind of mission no word above names ('consular agencies', "Canada's Joint
# Delegation to NATO"). The contract publishes it as 'other' with the words as written, so the type words
# must be found without knowing them: a short noun phrase in the slot a mission word takes. Its head is a
# noun that names an office as a body (knowledge/mission_words.csv: agency, delegation, office, ...), its
# modifiers are open ('consular', 'Joint', 'liaison'). Which slots count is decided by the missions extractor.

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozen|dozens|hundred"
)
# Words that open a noun phrase before its modifiers: articles, possessive pronouns, quantities.
DETERMINER = (
    rf"(?i:an?|the|its|their|his|her|our|some|several|many|few|various|other|further|additional|new|"
    rf"\d+|{_NUMBER_WORDS}|a\s+(?:number|network|series)\s+of)"
)
# Words that end a noun phrase going left: function words and verbs of the holding clause.
_NOT_A_MODIFIER = re.compile(
    rf"^(?:{DETERMINER}|and|or|but|nor|of|in|at|on|to|for|with|by|from|as|into|across|while|whereas|which|that|who|"
    r"also|now|still|only|is|are|was|were|be|been|has|have|had|operates?|maintains?|keeps?|runs?|opened|opens?|"
    r"established|represented)$",
    re.IGNORECASE,
)
_MODIFIER_WORD = re.compile(r"[A-Za-z][\w'’-]*$")
_MAX_MODIFIERS = 3


def is_modifier(word: str) -> bool:
    """Whether a word may stand in a type's noun phrase: not a function word, a verb of holding or a possessive."""
    return bool(_MODIFIER_WORD.match(word)) and not _NOT_A_MODIFIER.match(word) and not re.search(r"['’]s?$", word)


@lru_cache(maxsize=1)
def office_heads() -> re.Pattern[str]:
    """Every form of every office noun ('agency', 'agencies', 'Delegation'), as whole words."""
    forms = {form for word in mission_office_words() for form in noun_forms(word)}
    return re.compile(r"\b(?:" + trie_alternation(forms) + r")\b", re.IGNORECASE)


def type_words_ending_at(text: str, head: re.Match, countries_at: Callable[[str], bool]) -> tuple[int, str]:
    """The noun phrase an office noun heads: 'eight consular agencies' -> 'consular agencies', "Canada's Joint
    Delegation" -> 'Joint Delegation'. Up to three modifiers, stopping at a determiner, a function word, a
    possessive or a country's name or demonym (which say whose the office is, not what it is; `countries_at` is
    asked of capitalised words only)."""
    start = head.start()
    words = list(re.finditer(r"\S+", text[: head.start()]))
    taken = 0
    for word in reversed(words):
        written = word.group()
        if taken == _MAX_MODIFIERS or text[word.end() : start].strip():
            break
        if not is_modifier(written) or (written[0].isupper() and countries_at(written)):
            break
        start, taken = word.start(), taken + 1
    return start, text[start : head.end()]


@lru_cache(maxsize=1)
def _stems() -> tuple[str, ...]:
    """Lower-case stems every type word holds ('agenc' for agency/agencies, 'consul', 'mission'), for a cheap scan."""
    stems = {os.path.commonprefix([form.lower() for form in noun_forms(word)]) for word in mission_office_words()}
    return tuple(sorted(stems | {"consul", "embass", "mission", "commission", "legation"}))


def may_name_a_mission(text: str) -> bool:
    """Whether a unit may state a mission (a mission word, a bare 'mission' or an office noun): a substring scan
    first, since the word patterns are long case-insensitive alternations run over every unit."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _stems()):
        return False
    return bool(MISSION_WORDS.search(text) or BARE_MISSION.search(text) or office_heads().search(text))
