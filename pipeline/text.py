"""Text compared the same way everywhere: typography folded, white space collapsed.

Sources mix typographic and plain characters ('Canada–Russia' and
'Canada-Russia', 'Côte d’Ivoire' and "Côte d'Ivoire", a no-break space in
'€10 billion'). Every lookup folds text with `fold` first, and `fold` never
changes a string's length, so offsets found in the folded text point into
the text as written.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
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
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Typographic quotes, dashes and spaces as their plain ASCII forms, one character for one."""
    return text.translate(_FOLD)


def normalize_space(text: str) -> str:
    """Collapse every run of white space (no-break spaces included) to one space."""
    return _SPACE.sub(" ", text).strip()
