"""Phrases several extractors read, declared once so a new wording is one edit.

Each pattern here is a concept the texts express in several ways ('both
countries', 'the two states'); extractors import the concept rather than
spelling their own variant of it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

# 'Both countries', 'the two nations': the document's two subject countries together.
BOTH_COUNTRIES = re.compile(r"\b(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b", re.IGNORECASE)


# Word families -------------------------------------------------------------------------------------------------------
# Knowledge files list lemmas ('quarrel', 'accede', 'consulate general'); the texts write any inflection of them
# ('quarrelled', 'to accede', 'consulates general'). lemminflect (a maintained inflection lexicon whose data ships in its
# wheel) gives the forms, so a list holds one row per word, never one per form seen.

_POS = {"NOUN": "NOUN", "VERB": "VERB", "ADJ": "ADJ"}


@lru_cache(maxsize=None)
def word_forms(lemma: str, pos: str | None = None) -> tuple[str, ...]:
    """Every inflection of a word or phrase, the lemma first: ('quarrel', 'VERB') -> quarrel, quarrels, quarrelled, ...

    `pos` ('NOUN', 'VERB', 'ADJ') keeps the forms of that part of speech only ('rule' as a VERB: ruled, ruling, not
    the noun 'rules'); None takes every part of speech. In a phrase every word is inflected that the lexicon knows
    in that part of speech ('consulate general' -> 'consulates general'); function words ('to', 'of') stay as written.
    A word the lexicon does not know ('chargé') stays as written.
    """
    from lemminflect import getAllInflections  # imported on first use: its lexicon takes a moment to load

    def forms(word: str) -> list[str]:
        found = getAllInflections(word, upos=_POS[pos]) if pos else getAllInflections(word)
        inflected = [f for tag_forms in found.values() for f in tag_forms]
        return list(dict.fromkeys([word, *inflected]))

    combinations = [""]
    for word in lemma.split():
        combinations = [f"{done} {form}".strip() for done in combinations for form in forms(word)]
    return tuple(dict.fromkeys(combinations))


def family_pattern(words: Iterable[tuple[str, str | None]]) -> str:
    """A regex alternation of every form of (lemma, pos) pairs, longest first, any run of spaces between words."""
    forms = {form for lemma, pos in words for form in word_forms(lemma, pos)}
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in sorted(forms, key=lambda f: (-len(f), f)))
