"""Whose relations a document describes, read from the document itself.

The title names the subject ('Foreign relations of Australia', 'Canada–Russia
relations'). Only when the title names no country does the publisher's own
country stand in ('Canada and the Americas' still names Canada; a Government
of Canada fact sheet titled 'DEFENDING COMMON INTERESTS' speaks for Canada).
"""

from __future__ import annotations

from pipeline.extract.base import Subject
from pipeline.knowledge import publisher_countries
from pipeline.resolve.countries import countries_in_title, find_countries, resolve_country, unique_countries


def document_subject(title: str | None, publisher: str | None) -> Subject:
    countries = countries_in_title(title) if title else []
    if not countries and title:
        countries = unique_countries(m.country for m in find_countries(title))
    if not countries and publisher in publisher_countries():
        country = resolve_country(publisher_countries()[publisher])
        countries = [country] if country else []
    return Subject(tuple(countries))
