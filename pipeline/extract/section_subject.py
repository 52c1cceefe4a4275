"""The two countries a passage is about, for documents whose title names only one.

A bilateral document ('Canada–India relations') is about its two countries
everywhere. A document about one country ('Foreign relations of Australia')
describes its relations with others section by section, under a heading that
names the partner ('===Canada==='): within that section, the passage is about
the document's country and the heading's. So "Canada has a high commission in
Canberra" under '===Canada===' is hosted by Australia, as a bilateral
document's title would say; under '===Latin America===' (no country) nothing
is filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.extract.base import DocumentContext, Subject
from pipeline.resolve.countries import Country, resolve_country


@dataclass
class SectionSubjects:
    """The subject of each line of one document, read once from its headings."""

    context: DocumentContext
    _by_section: dict[int, Country | None] = field(default_factory=dict)

    def at(self, line: int) -> Subject:
        """The document's subject, or the document's country with the partner its enclosing section names."""
        subject = self.context.subject
        if len(subject.countries) != 1:
            return subject
        partner = self._partner(self._innermost_section(line))
        return Subject((subject.countries[0], partner)) if partner is not None else subject

    def _innermost_section(self, line: int) -> int | None:
        inside = [s for s in self.context.document.sections if s.line <= line <= s.end_line]
        return max(inside, key=lambda s: (s.line, s.level)).index if inside else None

    def _partner(self, index: int | None) -> Country | None:
        """The first heading from the section up its parents that is exactly a country other than the document's."""
        sections = self.context.document.sections
        while index is not None:
            if index not in self._by_section:
                country = resolve_country(sections[index].heading.strip())
                own = self.context.subject.countries[0]
                self._by_section[index] = country if country is not None and country.code != own.code else None
            if self._by_section[index] is not None:
                return self._by_section[index]
            index = sections[index].parent
        return None
