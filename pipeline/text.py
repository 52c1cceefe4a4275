"""Text compared the same way everywhere: typography folded, white space collapsed.

Sources mix typographic and plain characters ('Canada–Russia' and
'Canada-Russia', 'Côte d’Ivoire' and "Côte d'Ivoire", a no-break space in
'€10 billion'). Every lookup folds text with `fold` first, and `fold` never
changes a string's length, so offsets found in the folded text point into
the text as written.
"""

from __future__ import annotations

import functools
import re

# Typographic characters and their plain ASCII forms, one character for one.
_FOLD = {
    "\u00a0": " ",  # no-break space
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
}
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Typographic quotes, dashes and spaces as their plain ASCII forms, one character for one.

    isascii is a flag test, so most texts need no pass; the others are folded with one `str.replace` per character
    they hold: a C scan each, where `str.translate` looks every character up in a table (a 270-character sentence:
    1 µs against 28 µs). The replacements are ASCII, so no replacement creates a character another one folds.
    """
    if text.isascii():
        return text
    for typographic, plain in _FOLD.items():
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def normalize_space(text: str) -> str:
    """Collapse every run of white space (no-break spaces included) to one space."""
    return _SPACE.sub(" ", text).strip()


def trie_alternation(words, atoms=None) -> str:
    """A regex alternation of literal `words` written as a trie: the same matches, much less backtracking.

    `a|ab|abc` becomes `a(?:b(?:c)?)?`; like a longest-first alternation, it tries the longest word first at each
    place and falls back to shorter ones when what follows fails. Used for the registry and country names,
    hundreds of spellings matched against every sentence. `atoms(word)` may split a word into regex fragments
    (one per character by default: re.escape of each).
    """
    split = atoms or (lambda word: [re.escape(character) for character in word])
    trie: dict = {}
    for word in words:
        node = trie
        for atom in split(word):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_pattern(trie)


def words_alternation(forms) -> str:
    """A regex (no groups) for any of the literal word forms, the words of each joined by any white space: the
    matches of `|`.join of the forms longest first, as a trie (see `trie_alternation`). Word families ('served as',
    'embassies', 'counter-claims') have dozens of forms sharing their first letters; a flat alternation retries
    every one of them at every place in a sentence."""
    return trie_alternation(set(forms), _word_atoms)


def _word_atoms(form: str) -> list[str]:
    atoms: list[str] = []
    for index, word in enumerate(form.split()):
        if index:
            atoms.append(r"\s+")
        atoms += [re.escape(character) for character in word]
    return atoms


def _trie_pattern(node: dict) -> str:
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# --- per-document memo ------------------------------------------------------------

_DOCUMENT_CACHES: list[dict] = []
_MOST_ENTRIES = 20_000  # a cache used outside extract_document (tests, one-off calls) is emptied past this size


def per_document(function):
    """Remember `function`'s results for the document being extracted: every extractor reads the same sentences,
    so each is split, and searched for countries and organizations, once per document rather than once per reader.

    `function` must depend only on its (hashable) arguments and return a value nobody mutates (a tuple, a frozen
    object). `forget_document` empties every such cache: pipeline.extract calls it around each document, so nothing
    is carried from one document to the next and memory stays that of one document.
    """
    cache: dict = {}
    _DOCUMENT_CACHES.append(cache)

    @functools.wraps(function)
    def remembered(*args):
        try:
            return cache[args]
        except KeyError:
            if len(cache) >= _MOST_ENTRIES:
                cache.clear()
            value = cache[args] = function(*args)
            return value

    return remembered


def forget_document() -> None:
    """Empty every per_document cache (before and after each document is extracted)."""
    for cache in _DOCUMENT_CACHES:
        cache.clear()


def any_of(needles) -> re.Pattern[str]:
    """One pattern whose `search(text)` finds a match exactly when one of the literal `needles` occurs in `text`:
    the same answer as `any(needle in text for needle in needles)`, in one pass of the regex engine."""
    needles = set(needles)
    return re.compile("" if "" in needles else trie_alternation(needles))


def matches_after(pattern: re.Pattern[str], text: str, refused_before: re.Pattern[str]):
    """Left to right, the non-overlapping matches of `pattern` that no character matching `refused_before` precedes.

    The same matches as `finditer` of the pattern opened with a negative lookbehind (`(?<![\\w-])...`), found
    several times faster for a long alternation of names: without the lookbehind the engine skips quickly to the
    places where a name can start. A match refused for what precedes it is no match, so the search goes on from
    the character after its start, as the lookbehind pattern's would. `pattern` must never match the empty string.
    """
    position = 0
    search = pattern.search
    while (match := search(text, position)) is not None:
        start = match.start()
        if start and refused_before.match(text, start - 1):
            position = start + 1
            continue
        yield match
        position = match.end()
