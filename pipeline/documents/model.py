"""The structured form of a raw text: every node remembers the raw line it came from.

Extractors read facts from these nodes instead of slicing strings, so each fact
can be traced back to `source_id` and `line` in the raw file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.text import normalize_space, per_document

WIKI_ARTICLE = "wiki_article"
WEB_PAGE = "web_page"
FACT_SHEET = "fact_sheet"
PLAIN_TEXT = "plain_text"
DOCUMENT_FORMATS = (WIKI_ARTICLE, WEB_PAGE, FACT_SHEET, PLAIN_TEXT)


@dataclass(frozen=True)
class Section:
    index: int
    heading: str
    level: int
    line: int
    end_line: int
    parent: int | None


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    section: int | None

    def sentences(self) -> list[Sentence]:
        return list(_sentences_of(self.text, self.line))


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: str | None


@dataclass(frozen=True)
class TableRow:
    line: int
    text: str
    cells: tuple[Cell, ...]
    extra: tuple[Cell, ...] = ()
    missing: int = 0

    def get(self, column: str) -> str:
        """The stripped text of the cell under `column` ('' when absent or missing)."""
        wanted = column.casefold()
        for cell in self.cells:
            if cell.column is not None and cell.column.casefold() == wanted:
                return cell.text
        return ""


@dataclass(frozen=True)
class Table:
    line: int
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    section: int | None


@dataclass(frozen=True)
class ListItem:
    text: str
    line: int


@dataclass(frozen=True)
class BulletList:
    line: int
    items: tuple[ListItem, ...]
    section: int | None


@dataclass(frozen=True)
class InfoboxEntry:
    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str
    line: int


@dataclass
class Document:
    source_id: str
    format: str
    title: str | None
    title_line: int | None
    line_count: int
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lists: list[BulletList] = field(default_factory=list)
    infobox: list[InfoboxEntry] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    boilerplate_lines: list[int] = field(default_factory=list)

    def section_path(self, index: int | None) -> tuple[str, ...]:
        """Headings from the top-level section down to `index`."""
        path: list[str] = []
        while index is not None:
            section = self.sections[index]
            path.append(section.heading)
            index = section.parent
        return tuple(reversed(path))

    def memo(self) -> dict:
        """What readers derived from this document, kept with it so every extractor derives it once."""
        try:
            return self.__dict__["_memo"]
        except KeyError:
            return self.__dict__.setdefault("_memo", {})

    def sections_matching(self, pattern: str) -> list[Section]:
        key = ("sections_matching", pattern)
        memo = self.memo()
        if key not in memo:
            regex = re.compile(pattern, re.IGNORECASE)
            memo[key] = tuple(s for s in self.sections if regex.search(normalize_space(s.heading)))
        return list(memo[key])

    def within(self, section: Section, index: int | None) -> bool:
        """Whether node section `index` is `section` or one of its subsections."""
        while index is not None:
            if index == section.index:
                return True
            index = self.sections[index].parent
        return False

    def lists_in(self, section: Section, direct_only: bool = True) -> list[BulletList]:
        return [
            b for b in self.lists if (b.section == section.index if direct_only else self.within(section, b.section))
        ]

    def tables_in(self, section: Section, direct_only: bool = True) -> list[Table]:
        return [
            t for t in self.tables if (t.section == section.index if direct_only else self.within(section, t.section))
        ]

    def sentences(self) -> Iterator[tuple[Paragraph, Sentence]]:
        memo = self.memo()
        pairs = memo.get("sentences")
        if pairs is None:
            pairs = memo["sentences"] = tuple(
                (paragraph, sentence) for paragraph in self.paragraphs for sentence in paragraph.sentences()
            )
        return iter(pairs)

    def infobox_value(self, key: str) -> InfoboxEntry | None:
        for entry in self.infobox:
            if entry.key.casefold() == key.casefold():
                return entry
        return None


# A period ends a sentence unless it closes an abbreviation or an initial ('U.S.', 'Lester B. Pearson').
_ABBREVIATIONS = {
    "u.s",
    "d.c",
    "u.n",
    "st",
    "mr",
    "mrs",
    "dr",
    "e.g",
    "i.e",
    "jr",
    "no",
    "h.e",
    "vs",
    "etc",
    "u.k",
    "inc",
    "ltd",
    "co",
}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“(‘]?[A-Z0-9])")
_ONE_LETTER = re.compile(r"[a-z]")


@per_document
def _sentences_of(text: str, line: int) -> tuple[Sentence, ...]:
    return tuple(Sentence(sentence, line) for sentence in _split_sentences(text))


def split_sentences(text: str) -> list[str]:
    return list(_split_sentences(text))


@per_document
def _split_sentences(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start() + 1]
        last_word = before.rsplit(None, 1)[-1].rstrip(".").casefold() if before.split() else ""
        if text[match.start()] == "." and (last_word in _ABBREVIATIONS or _ONE_LETTER.fullmatch(last_word)):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return tuple(sentences)
