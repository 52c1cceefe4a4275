"""One parser for the three raw formats: wiki articles, Government of Canada web pages, fact sheets.

The format is detected from the content, never from the file name. Each format
only decides which lines are headings, chrome or footnotes; paragraphs, lists,
tables and the infobox are read the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.documents.model import (
    FACT_SHEET,
    PLAIN_TEXT,
    WEB_PAGE,
    WIKI_ARTICLE,
    BulletList,
    Cell,
    Document,
    Footnote,
    InfoboxEntry,
    ListItem,
    Paragraph,
    Section,
    Table,
    TableRow,
)
from pipeline.documents.reading import RawDocument, decode
from pipeline.knowledge import web_page_chrome

_WIKI_HEADING = re.compile(r"^(=+)\s*(.*?)\s*(=+)$")
_LIST_ITEM = re.compile(r"^\s*(?:-|•)\s+(.*)$")
# Wikitext's bullet. A lone '* ...' line under a fact sheet or a page is a footnote ('* Figures are in Canadian
# dollars'); two or more in a row, or any in an article, are a list.
_STAR_ITEM = re.compile(r"^\s*\*\s+(.*)$")
# An infobox opens with a line 'Infobox' (or wikitext's '{{Infobox country relations') and holds entries written
# '- Mission1: Embassy of Canada, Oslo' or, in wikitext, '| Mission1 = Embassy of Canada, Oslo'; '}}' closes it.
_INFOBOX_START = re.compile(r"^\s*(?:\{\{\s*)?infobox(?:\s+[\w -]+)?\s*$", re.IGNORECASE)
_INFOBOX_ENTRY = re.compile(r"^\s*(?:-\s*([^:]+?)\s*:|\|\s*([^=|]+?)\s*=)\s*(.*)$")
_INFOBOX_END = re.compile(r"^\s*\}\}\s*$")
_FOOTNOTE = re.compile(r"^\s*(\*+|†|‡)\s*(.+)$")


@dataclass
class _Line:
    number: int
    text: str  # trailing white space removed, non-breaking spaces kept

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def parse_document(raw: RawDocument) -> Document:
    decoded = decode(raw.data, raw.file_name)
    lines = [_Line(i, text.rstrip()) for i, text in enumerate(decoded.lines, start=1)]
    document_format = detect_format([line.text for line in lines])
    builder = _Builder(raw.source_id, document_format, lines)
    return builder.build()


def detect_format(lines: list[str]) -> str:
    stripped = [line.strip() for line in lines if line.strip()]
    if not stripped:
        return PLAIN_TEXT
    if _WIKI_HEADING.match(stripped[0]) or sum(1 for text in stripped if _wiki_heading(text)) >= 2:
        return WIKI_ARTICLE
    if any(web_page_chrome().identifies_web_page(line) for line in stripped):
        return WEB_PAGE
    if sum(1 for text in lines if text.lstrip().startswith("•")) >= 2:
        return WEB_PAGE
    if _is_all_caps(stripped[0]) and sum(1 for text in stripped if _is_all_caps(text)) >= 2:
        return FACT_SHEET
    standalone_headings = sum(
        1
        for i, text in enumerate(lines)
        if text.strip()
        and _looks_like_web_heading(text.strip())
        and (i == 0 or not lines[i - 1].strip())
        and (i + 1 == len(lines) or not lines[i + 1].strip())
    )
    return WEB_PAGE if standalone_headings >= 2 else PLAIN_TEXT


def _wiki_heading(text: str) -> tuple[int, str] | None:
    match = _WIKI_HEADING.match(text.strip())
    if not match or not match.group(2) or len(match.group(1)) != len(match.group(3)):
        return None
    return len(match.group(1)), match.group(2).strip()


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _looks_like_web_heading(text: str) -> bool:
    """A standalone short line with no closing punctuation, like 'Shared environment'."""
    words = text.split()
    return 0 < len(words) <= 12 and text[-1] not in ".:;,!?" and not text.startswith(("•", "-", "|", "*"))


class _Builder:
    def __init__(self, source_id: str, document_format: str, lines: list[_Line]):
        self.source_id = source_id
        self.format = document_format
        self.lines = lines
        self.document = Document(source_id, document_format, None, None, len(lines))
        self.open_sections: list[Section] = []  # the stack of sections enclosing the current line

    def build(self) -> Document:
        index = 0
        in_footer = False
        while index < len(self.lines):
            line = self.lines[index]
            text = line.text.strip()
            if line.blank:
                index += 1
                continue
            if self.format == WEB_PAGE and (in_footer or self._is_web_chrome(text)):
                in_footer = in_footer or web_page_chrome().starts_footer(text)
                self.document.boilerplate_lines.append(line.number)
                index += 1
                continue
            if self._take_heading(index, text):
                index += 1
                continue
            if _INFOBOX_START.match(text) and self.format == WIKI_ARTICLE:
                index = self._take_infobox(index + 1)
                continue
            if text.startswith("|"):
                index = self._take_table(index)
                continue
            if _LIST_ITEM.match(line.text) or self._starts_star_list(index):
                index = self._take_list(index)
                continue
            footnote = _FOOTNOTE.match(line.text)
            if footnote and self.format in (FACT_SHEET, WEB_PAGE, PLAIN_TEXT):
                self.document.footnotes.append(Footnote(footnote.group(1), footnote.group(2).strip(), line.number))
                index += 1
                continue
            self.document.paragraphs.append(Paragraph(text, line.number, self._current_section()))
            index += 1
        self._close_sections(level=0, end_line=len(self.lines))
        self.document.sections.sort(key=lambda s: s.index)
        self._title_alone_is_content()
        return self.document

    def _title_alone_is_content(self) -> None:
        """A short line with nothing after it was taken for a title; in a file of one statement it is the statement."""
        document = self.document
        if document.title is None or self.format not in (WEB_PAGE, PLAIN_TEXT):
            return
        if not (document.paragraphs or document.tables or document.lists or document.sections or document.infobox):
            document.paragraphs.append(Paragraph(document.title, document.title_line, None))

    # headings ---------------------------------------------------------------

    def _take_heading(self, index: int, text: str) -> bool:
        line = self.lines[index]
        if self.format == WIKI_ARTICLE:
            heading = _wiki_heading(text)
            if heading is None:
                return False
            level, title = heading
            if level == 1:
                if self.document.title is None:
                    self.document.title, self.document.title_line = title, line.number
                return True
            self._open_section(title, level, line.number)
            return True
        if self.format == FACT_SHEET and _is_all_caps(text):
            if self.document.title is None:
                self.document.title, self.document.title_line = text, line.number
            else:
                self._open_section(text, 2, line.number)
            return True
        if self.format in (WEB_PAGE, PLAIN_TEXT) and self._standalone(index) and _looks_like_web_heading(text):
            if self.document.title is None:
                self.document.title, self.document.title_line = text, line.number
            else:
                self._open_section(text, 2, line.number)
            return True
        return False

    def _standalone(self, index: int) -> bool:
        before = index == 0 or self.lines[index - 1].blank
        after = index + 1 >= len(self.lines) or self.lines[index + 1].blank
        return before and after

    def _is_web_chrome(self, text: str) -> bool:
        return web_page_chrome().is_chrome(text)

    def _open_section(self, heading: str, level: int, line: int) -> None:
        self._close_sections(level, line - 1)
        parent = self.open_sections[-1].index if self.open_sections else None
        section = Section(len(self.document.sections), heading, level, line, line, parent)
        self.document.sections.append(section)
        self.open_sections.append(section)

    def _close_sections(self, level: int, end_line: int) -> None:
        while self.open_sections and self.open_sections[-1].level >= level:
            closed = self.open_sections.pop()
            last = max(closed.line, self._last_content_line(end_line))
            self.document.sections[closed.index] = Section(
                closed.index, closed.heading, closed.level, closed.line, last, closed.parent
            )

    def _last_content_line(self, end_line: int) -> int:
        while end_line > 0 and self.lines[end_line - 1].blank:
            end_line -= 1
        return end_line

    def _current_section(self) -> int | None:
        return self.open_sections[-1].index if self.open_sections else None

    # blocks -----------------------------------------------------------------

    def _take_infobox(self, index: int) -> int:
        while index < len(self.lines):
            match = _INFOBOX_ENTRY.match(self.lines[index].text)
            if not match:
                return index + 1 if _INFOBOX_END.match(self.lines[index].text) else index
            key = match.group(1) or match.group(2)
            self.document.infobox.append(InfoboxEntry(key.strip(), match.group(3).strip(), self.lines[index].number))
            index += 1
        return index

    def _starts_star_list(self, index: int) -> bool:
        if not _STAR_ITEM.match(self.lines[index].text):
            return False
        following = index + 1 < len(self.lines) and _STAR_ITEM.match(self.lines[index + 1].text)
        return self.format == WIKI_ARTICLE or bool(following)

    def _take_list(self, index: int) -> int:
        items: list[ListItem] = []
        marker = _STAR_ITEM if _STAR_ITEM.match(self.lines[index].text) else _LIST_ITEM
        while index < len(self.lines):
            match = marker.match(self.lines[index].text)
            if not match:
                break
            items.append(ListItem(match.group(1).strip(), self.lines[index].number))
            index += 1
        self.document.lists.append(BulletList(items[0].line, tuple(items), self._current_section()))
        return index

    def _take_table(self, index: int) -> int:
        raw_rows: list[_Line] = []
        while index < len(self.lines) and self.lines[index].text.strip().startswith("|"):
            raw_rows.append(self.lines[index])
            index += 1
        header = tuple(_split_cells(raw_rows[0].text))
        rows = tuple(_table_row(line, header) for line in raw_rows[1:])
        self.document.tables.append(Table(raw_rows[0].number, header, rows, self._current_section()))
        return index


def _split_cells(text: str) -> list[str]:
    body = text.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [cell.strip() for cell in body.split("|")]


def _table_row(line: _Line, header: tuple[str, ...]) -> TableRow:
    texts = _split_cells(line.text)
    cells = tuple(Cell(t, line.number, header[i]) for i, t in enumerate(texts[: len(header)]))
    extra = tuple(Cell(t, line.number, None) for t in texts[len(header) :])
    missing = max(0, len(header) - len(texts))
    cells += tuple(Cell("", line.number, header[i]) for i in range(len(texts), len(header)))
    return TableRow(line.number, line.text.strip(), cells, extra, missing)
