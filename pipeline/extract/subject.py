"""Whose relations a document describes, read from the document itself.

The title names the subject ('Foreign relations of Australia', 'Canada–Russia
relations'). Only when the title names no country does the publisher's own
country stand in ('Canada and the Americas' still names Canada; a Government
of Canada fact sheet titled 'DEFENDING COMMON INTERESTS' speaks for Canada).
"""

from __future__ import annotations

from pipeline.extract.base import Subject
from pipeline.resolve.countries import countries_in_title, find_countries, resolve_country, unique_countries

# The country a publisher speaks for; data, in one place.
PUBLISHER_COUNTRIES = {"Government of Canada": "Canada"}


def document_subject(title: str | None, publisher: str | None) -> Subject:
    countries = countries_in_title(title) if title else []
    if not countries and title:
        countries = unique_countries(m.country for m in find_countries(title))
    if not countries and publisher in PUBLISHER_COUNTRIES:
        country = resolve_country(PUBLISHER_COUNTRIES[publisher])
        countries = [country] if country else []
    return Subject(tuple(countries))
