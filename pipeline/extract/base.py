"""What every extractor returns, and the document context it reads from.

An extractor is a plain function `extract(context) -> Extraction`. It never
drops what it cannot resolve: it emits the row with nulls and an `Issue`, so
the combine step can publish both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pipeline.documents.model import Document
from pipeline.documents.reading import RawDocument
from pipeline.resolve.countries import Country
from schemas import TABLES_BY_NAME

Row = dict[str, Any]


class Issue(NamedTuple):
    """A quality issue as an extractor states it; pipeline.rows gives it its id.

    A NamedTuple rather than a frozen dataclass: a build rebuilds the quality_issues
    table from every document's issues, and constructing these is then on the hot path.
    """

    table_name: str
    source_id: str
    line: int | None
    kind: str
    detail: str


@dataclass
class Extraction:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    _keys: dict[str, set[tuple]] = field(default_factory=dict, repr=False)

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def add_once(self, table: str, row: Row) -> bool:
        """Add `row` unless a row with the same primary key (from its schema) is already there; True when added.

        One sentence may state one fact twice ('an embassy in Ottawa ... the
        embassy in Ottawa'); that is one statement, and one row.
        """
        key = tuple(row.get(column) for column in TABLES_BY_NAME[table].primary_key)
        seen = self._keys.setdefault(table, set())
        if key in seen:
            return False
        seen.add(key)
        self.add(table, row)
        return True

    def issue(self, table: str, source_id: str, line: int | None, kind: str, detail: str) -> None:
        self.issues.append(Issue(table, source_id, line, kind, detail))

    def merge(self, other: Extraction) -> None:
        for table, rows in other.rows.items():
            self.rows.setdefault(table, []).extend(rows)
        self.issues.extend(other.issues)


@dataclass(frozen=True)
class Subject:
    """The countries a document is about; `primary` is whose relations its rows describe."""

    countries: tuple[Country, ...]

    @property
    def primary(self) -> Country | None:
        return self.countries[0] if self.countries else None


@dataclass(frozen=True)
class DocumentContext:
    raw: RawDocument
    document: Document
    subject: Subject
    title: str | None
    publisher: str | None

    @property
    def source_id(self) -> str:
        return self.raw.source_id
