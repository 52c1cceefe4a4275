"""Phrases several extractors read, declared once so a new wording is one edit.

Each pattern here is a concept the texts express in several ways ('both
countries', 'the two states'); extractors import the concept rather than
spelling their own variant of it.
"""

from __future__ import annotations

import re

# 'Both countries', 'the two nations': the document's two subject countries together.
BOTH_COUNTRIES = re.compile(r"\b(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b", re.IGNORECASE)
# 'Both belong to ...', 'The two are ...', 'both of them': the pronoun alone as a clause's subject.
BOTH_ALONE = re.compile(
    r"(?:^|[,;]\s*|\band\s+)(?:both(?:\s+of\s+them)?|the\s+two)\s*(?:also\s+|now\s+)?$", re.IGNORECASE
)


def family_pattern(words: str, pos: str = "VERB") -> str:
    """A regex (no groups) for every inflection of a lemma phrase, words joined by any white space.

    family_pattern('take part') matches 'takes part', 'took  part', 'taking part'; family_pattern('ally', 'NOUN')
    'ally' and 'allies'. Tenses and auxiliaries need no listing: 'has served as', 'is to accede to' and 'will join'
    hold a form of the family, and what stands before it is the clause's business, not the family's.
    """
    from pipeline.knowledge import inflections

    forms = sorted(inflections(words, pos), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in form.split()) for form in forms) + ")"


# A form of 'be', 'become' or 'remain': what makes a noun a predicate ('has been part of', 'became a member').
COPULA = re.compile(
    r"\b(?:" + "|".join(family_pattern(lemma) for lemma in ("be", "become", "remain")) + r")\b", re.IGNORECASE
)
