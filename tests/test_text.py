"""pipeline.text: folding, and the helpers that make extraction read each document once."""

import re

from pipeline.text import _FOLD, any_of, fold, forget_document, matches_after, per_document, trie_alternation
from tests.conftest import RAW_DIR

TEXTS = [
    "",
    "Canada joined NATO in 1949.",
    "the-NATO and xNATO are not NATO; NATOs neither, but (NATO) is",
    "Côte d’Ivoire – a no-break\u00a0space",
    "NANATO NATONATO NA NATO",
]


def test_fold_keeps_ascii_text_as_it_is_and_folds_typography_one_character_for_one():
    assert fold("plain 'text' - here") == "plain 'text' - here"
    assert fold("Côte d’Ivoire – “x”\u00a0y") == 'Côte d\'Ivoire - "x" y'
    assert all(len(fold(text)) == len(text) for text in TEXTS)


def test_fold_maps_each_character_as_the_table_says_on_every_raw_line():
    """The same text as `str.translate` with the table, which maps each character on its own."""
    table = str.maketrans(_FOLD)
    lines = [line for path in sorted(RAW_DIR.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    folded = [line for line in lines if not line.isascii()]
    assert len(folded) > 50 and {c for line in folded for c in line} >= {"\u2013", "\u2019"}
    every_character = "".join(_FOLD) + "x" + "".join(reversed(_FOLD))
    for text in [*lines, every_character]:
        assert fold(text) == text.translate(table)


def test_any_of_finds_a_match_exactly_when_a_needle_occurs():
    for needles in (["nato", "join", "no-break"], ["ato", "a"], ["zzz"], ["", "zzz"]):
        pattern = any_of(needles)
        for text in TEXTS:
            assert (pattern.search(text) is not None) == any(n in text for n in needles), (needles, text)


def test_matches_after_gives_the_matches_of_the_pattern_with_its_lookbehind():
    body = trie_alternation(["NATO", "NA", "NATO Council", "ATO"])
    with_lookbehind = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
    without = re.compile(rf"(?:{body})(?![\w-])")
    for text in [*TEXTS, "NATO Council", "x-NATO NATO-y ATO"]:
        expected = [(m.start(), m.end()) for m in with_lookbehind.finditer(text)]
        assert [(m.start(), m.end()) for m in matches_after(without, text, re.compile(r"[\w-]"))] == expected, text


def test_per_document_remembers_until_the_document_is_forgotten():
    calls = []

    @per_document
    def words(text: str) -> tuple[str, ...]:
        calls.append(text)
        return tuple(text.split())

    assert words("a b") == ("a", "b") and words("a b") == ("a", "b")
    assert calls == ["a b"]
    forget_document()
    assert words("a b") == ("a", "b")
    assert calls == ["a b", "a b"]
