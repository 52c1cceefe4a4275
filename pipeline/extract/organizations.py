"""organizations: which registry organizations a document names, and which it lists as headquartered in a country.

The published table is built across documents in `pipeline.rows`; each
document contributes its mentions (with the spelling it used, which becomes
an alias) and its 'Organizations with headquarters in X' list.
"""

from __future__ import annotations

import re

from pipeline.documents.model import Document
from pipeline.extract.base import DocumentContext, Extraction
from pipeline.extract.organization_lists import note_unregistered, read_listed_organization
from pipeline.resolve.countries import home_country, resolve_country
from pipeline.resolve.organizations import find_organizations

TABLE = "organizations"
_HEADQUARTERS_HEADING = re.compile(r"\bheadquarter(?:s|ed)\s+in\s+(?:the\s+)?(?P<place>.+)$", re.IGNORECASE)


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    for text, line in _texts_with_lines(context.document):
        for mention in find_organizations(text):
            result.add(
                "_organization_mentions",
                {"org_id": mention.org_id, "text": mention.text, "source_id": context.source_id, "line": line},
            )
    _headquarters(context, result)
    return result


def _texts_with_lines(document: Document):
    for section in document.sections:
        yield section.heading, section.line
    for paragraph in document.paragraphs:
        yield paragraph.text, paragraph.line
    for bullet_list in document.lists:
        for item in bullet_list.items:
            yield item.text, item.line
    for table in document.tables:
        for row in table.rows:
            yield row.text, row.line
    for entry in document.infobox:
        yield entry.value, entry.line


def _headquarters(context: DocumentContext, result: Extraction) -> None:
    document = context.document
    for section in document.sections:
        heading = _HEADQUARTERS_HEADING.search(section.heading)
        if not heading:
            continue
        country = resolve_country(heading.group("place").strip())
        for bullet_list in document.lists_in(section):
            for item in bullet_list.items:
                listed = read_listed_organization(item.text)
                if listed.organization is None:
                    org_id, name, acronym = listed.org_id, listed.name, listed.acronym
                    note_unregistered(result, TABLE, context.source_id, item.line, org_id, name, acronym)
                if country is None:
                    result.issue(
                        TABLE,
                        context.source_id,
                        item.line,
                        "unresolved_country",
                        f"headquarters place {heading.group('place')!r} is not a country",
                    )
                elif country.code != home_country().code:
                    result.issue(
                        TABLE,
                        context.source_id,
                        item.line,
                        "not_published",
                        f"{listed.name} is listed as headquartered in {country.name}; "
                        f"only headquarters in {home_country().name} are published",
                    )
                else:
                    result.add(
                        "_headquarters",
                        {
                            "org_id": listed.org_id,
                            "country_code": country.code,
                            "source_id": context.source_id,
                            "line": item.line,
                        },
                    )
