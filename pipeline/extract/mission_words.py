"""The words that name a kind of mission, and the contract's vocabulary they map to.

Read by the missions extractor (prose, tables, infobox) and by the infobox reader that pairs a 'MissionN'
entry with the envoy of the same number. The vocabulary itself is schemas/vocabularies.py MISSION_TYPES;
words it lacks ('trade offices', 'legation') map to 'other' and keep their text in `mission_type_raw`.
"""

from __future__ import annotations

import re

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
