"""ROLE_WORD: ROLE behind a lookahead on the letters a role starts with, which must change no answer."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.prose import prose_units
from pipeline.extract.titles import ROLE, ROLE_STARTS, ROLE_WORD


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a `(?i:...)` group."""
    body = pattern.removeprefix("(?i:").removesuffix(")")
    parts, depth, start = [], 0, 0
    for index, character in enumerate(body):
        if character == "(" and body[index - 1 : index] != "\\":
            depth += 1
        elif character == ")" and body[index - 1 : index] != "\\":
            depth -= 1
        elif character == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    return parts + [body[start:]]


def test_every_role_starts_with_a_letter_of_the_lookahead():
    alternatives = _alternatives(ROLE)
    assert len(alternatives) == 9  # ambassador ... minister: a new role is checked here too
    for alternative in alternatives:
        first = alternative[0]
        assert first.isalpha(), alternative
        assert first.lower() in ROLE_STARTS and first.upper() in ROLE_STARTS, alternative


@pytest.mark.parametrize(
    "text",
    [
        "Chargé d'affaires a.i. Ann Example",
        "the HIGH COMMISSIONER to Ghana",
        "Canada's first minister to Brazil",
        "the Prime Minister in London",
        "Consul-General in Lagos",
        "permanent representatives",
        "a meeting of officials",
        "",
    ],
)
def test_role_word_finds_what_role_finds(text):
    plain = re.compile(ROLE)
    assert [m.span() for m in ROLE_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert bool(ROLE_WORD.fullmatch(text.strip())) == bool(plain.fullmatch(text.strip()))


def test_role_word_agrees_with_role_on_every_statement_and_table_cell_of_the_seeds(documents):
    plain = re.compile(ROLE)
    texts = [unit.text for document in documents.values() for unit in prose_units(document)]
    texts += [cell.text for d in documents.values() for t in d.tables for row in t.rows for cell in row.cells]
    assert len(texts) > 1000
    assert [[m.span() for m in ROLE_WORD.finditer(t)] for t in texts] == [
        [m.span() for m in plain.finditer(t)] for t in texts
    ]
    assert sum(bool(ROLE_WORD.search(t)) for t in texts) >= 17  # seventeen in the five seeds
