"""Phrases several extractors read, declared once so a new wording is one edit.

Each pattern here is a concept the texts express in several ways ('both
countries', 'the two states'); extractors import the concept rather than
spelling their own variant of it.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.extract.inflection import PAST_FORMS, VERB_TAGS, inflections, longest_first  # noqa: F401
from pipeline.text import words_alternation

# 'Both countries', 'the two nations': the document's two subject countries together.
BOTH_COUNTRIES = re.compile(r"\b(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b", re.IGNORECASE)


# --- verbs by lemma ------------------------------------------------------------------------------------------
#
# A statement's verb is read as a family, never as a list of the forms one text used: the lemmas and their
# roles are data (pipeline/knowledge/verb_families.csv), every inflection comes from `lemminflect` (its data
# ships in the wheel), and tense, aspect and modality are one grammatical rule, AUXILIARIES, in front of any
# form: 'serves as', 'served as', 'has served as', 'had been serving as', 'is to serve as', 'will serve as'.

# Auxiliaries and the particles of a verb group ('has', 'had been', 'is to', 'will', 'is going to'), each may be
# followed by adverbs ('has long served as', 'was formally re-established', 'have not maintained').
_AUXILIARY_WORDS = (
    r"(?:has|have|had|having|is|are|was|were|am|be|been|being|will|would|shall|should|may|might|can|could|must|"
    r"do|does|did|to|going\s+to)"
)
_ADVERB = r"(?:not|also|already|since|then|now|still|just|long|once|first|never|again|later|soon|[a-z]+ly)"
AUXILIARIES = rf"(?:{_AUXILIARY_WORDS}\s+(?:{_ADVERB}\s+)*)"


@cache
def verb_forms(lemma: str, tags: tuple[str, ...] = VERB_TAGS) -> tuple[str, ...]:
    """The inflections of a verb (those of `tags` only), longest first: 'serve as' -> 'serving as', 'served as', ..."""
    return longest_first(inflections(lemma, "VERB", tags))


@cache
def noun_forms(noun: str) -> tuple[str, ...]:
    """A noun's singular and plural, longest first ('agency' -> 'agencies', 'agency')."""
    return longest_first(inflections(noun, "NOUN"))


@cache
def verb_family(role: str, tags: tuple[str, ...] = VERB_TAGS) -> str:
    """A regex (source, no groups) for one verb of `role` in any inflection of `tags`: 'served as', 'serves as'."""
    from pipeline.knowledge import verb_families

    forms = {form for family in verb_families() if family.role == role for form in verb_forms(family.lemma, tags)}
    if not forms:
        raise KeyError(f"no verb of role {role!r} in verb_families.csv")
    return "(?:" + words_alternation(forms) + r")(?![\w-])"


@cache
def verb_group(role: str, tags: tuple[str, ...] = VERB_TAGS) -> str:
    """A regex (source, no groups) for a verb of `role` with any auxiliaries before it: 'has served as',
    'is to become', 'were formally re-established'."""
    return rf"(?:{AUXILIARIES}*{verb_family(role, tags)})"


# An auxiliary chain that says the event did not, or did not yet, happen: 'have never maintained', 'is to
# establish', 'will restore', 'could resume'.
UNREALIZED = re.compile(
    r"\b(?:not|never|will|would|shall|should|may|might|can|could|must|to|going)\b|n['’]t\b", re.IGNORECASE
)


# 'Both belong to ...', 'The two are ...', 'both of them': the pronoun alone as a clause's subject.
BOTH_ALONE = re.compile(
    r"(?:^|[,;]\s*|\band\s+)(?:both(?:\s+of\s+them)?|the\s+two)\s*(?:also\s+|now\s+)?"
    r"(?:(?:are|were|have\s+been|had\s+been|remain|remained|became|become)\s+(?:also\s+|now\s+|still\s+)?)?$",
    re.IGNORECASE,
)


def family_pattern(words: str, pos: str = "VERB") -> str:
    """A regex (no groups) for every inflection of a lemma phrase, words joined by any white space.

    family_pattern('take part') matches 'takes part', 'took  part', 'taking part'; family_pattern('ally', 'NOUN')
    'ally' and 'allies'. Tenses and auxiliaries need no listing: 'has served as', 'is to accede to' and 'will join'
    hold a form of the family, and what stands before it is the clause's business, not the family's.
    """
    return "(?:" + words_alternation(inflections(words, pos)) + ")"


# A form of 'be', 'become' or 'remain': what makes a noun a predicate ('has been part of', 'became a member').
COPULA = re.compile(
    r"\b(?:" + "|".join(family_pattern(lemma) for lemma in ("be", "become", "remain")) + r")\b", re.IGNORECASE
)
