"""Words by lemma: every written form of a word or phrase, from the lemminflect package's English data.

Extractors read verbs and nouns as families ('accede' is also acceded, accedes,
acceding; 'agency' also agencies), so a new wording of a known fact is read
without anyone listing its forms. The lemmas and their roles are data in
pipeline/knowledge; this is the one place that turns a lemma into its forms.
"""

from __future__ import annotations

from functools import lru_cache

VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")  # Penn Treebank: base, past, gerund, participle, present
NOUN_TAGS = ("NN", "NNS")
PAST_FORMS = ("VBD", "VBN")  # forms that state something happened or holds (not 'to establish', 'establishing')


@lru_cache(maxsize=4096)
def inflections(lemma: str, pos: str = "VERB", tags: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Every written form of a lemma (or only those of `tags`): the lemma first when it is one, the rest sorted.

    A VERB phrase inflects its first word ('take part' -> took part), a NOUN phrase its last ('founding member' ->
    founding members); 'co-found' inflects the part after the hyphen. A word the data lacks is inflected by
    lemminflect's rules for unknown words; a regular verb's participle is its past form ('established').
    """
    from lemminflect import getAllInflections, getInflection

    if pos not in ("VERB", "NOUN"):
        raise ValueError(f"pos must be VERB or NOUN, not {pos!r}")
    words = lemma.split()
    index = 0 if pos == "VERB" else len(words) - 1
    prefix, _, word = words[index].rpartition("-")
    wanted = tags or (VERB_TAGS if pos == "VERB" else NOUN_TAGS)
    found = dict(getAllInflections(word, upos=pos))
    if not found:  # a word the data lacks: lemminflect's rules for unknown words
        found = {tag: getInflection(word, tag, inflect_oov=True) for tag in wanted}
    if "VBN" in wanted and "VBN" not in found:
        found["VBN"] = found.get("VBD", ())
    forms = {form for tag in wanted for form in found.get(tag, ())}
    if tags is None or "VB" in tags or "NN" in tags:
        forms.add(word)
    written = {_phrase(words, index, f"{prefix}-{form}" if prefix else form) for form in forms}
    return tuple(sorted(written, key=lambda form: (form != lemma, form)))


def _phrase(words: list[str], index: int, form: str) -> str:
    return " ".join([*words[:index], form, *words[index + 1 :]])


@lru_cache(maxsize=4096)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """{part of speech: lemmas} a written word may be ('met' -> {'VERB': ('meet',)}; 'full' is ADJ, ADV, NOUN, VERB).

    For rules about word classes ('is the word before this noun a verb?') without a list of the verbs one text used.
    """
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


def longest_first(forms) -> tuple[str, ...]:
    """Forms in the order an alternation needs them: 'serving as' before 'serve as'."""
    return tuple(sorted(set(forms), key=lambda form: (-len(form), form)))


# Phrases where every word inflects: the disputes, export control and unread-statement word lists.
# Those lists hold lemmas with a part of speech ('quarrel' NOUN and VERB, 'rule' VERB, 'party to', 'consulate
# general'); the texts write any inflection ('quarrelled', 'ruled', 'parties to', 'consulates general'). Unlike
# `inflections` (one word of a phrase inflects) every word of the phrase that the lexicon knows in that part
# of speech inflects, and a part of speech can be left open.


@lru_cache(maxsize=4096)
def word_forms(lemma: str, pos: str | None = None) -> tuple[str, ...]:
    """Every inflection of a word or phrase, the lemma first: ('quarrel', 'VERB') -> quarrel, quarrels, quarrelled, ...

    `pos` ('NOUN', 'VERB', 'ADJ') keeps the forms of that part of speech only ('rule' as a VERB: ruled, ruling, not
    the noun 'rules'); None takes every part of speech. In a phrase every word is inflected that the lexicon knows
    in that part of speech ('consulate general' -> 'consulates general'); function words ('to', 'of') stay as written.
    A word the lexicon does not know ('chargé') stays as written.
    """
    from lemminflect import getAllInflections

    if pos not in (None, "NOUN", "VERB", "ADJ"):
        raise ValueError(f"pos must be NOUN, VERB, ADJ or None, not {pos!r}")

    def forms(word: str) -> list[str]:
        found = getAllInflections(word, upos=pos) if pos else getAllInflections(word)
        inflected = [f for tag_forms in found.values() for f in tag_forms]
        return list(dict.fromkeys([word, *inflected]))

    combinations = [""]
    for word in lemma.split():
        combinations = [f"{done} {form}".strip() for done in combinations for form in forms(word)]
    return tuple(dict.fromkeys(combinations))
