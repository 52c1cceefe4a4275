"""The organization registry: canonical ids, names, acronyms and aliases, kept as data in organizations.csv.

Prose names an organization many ways ('the G7', 'Group of Seven (G7)',
'Organisation internationale de la Francophonie'); the registry maps each
spelling to one `org_id`. Matching is case-sensitive on purpose, so the word
'commonwealth' in 'commonwealth realms' is not taken for the Commonwealth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.knowledge import organization_rows
from pipeline.text import fold

REGISTRY_FILE = "pipeline/knowledge/organizations.csv"


@dataclass(frozen=True)
class Organization:
    org_id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.acronym, *self.aliases) if s)


@dataclass(frozen=True)
class OrganizationMention:
    org_id: str
    text: str
    start: int
    end: int


def org_id_for(name: str, acronym: str | None) -> str:
    """The registry's id rule, also used for organizations the registry lacks: the acronym, else the name."""
    if acronym:
        return re.sub(r"[^a-z0-9]+", "", fold(acronym).lower())
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


@lru_cache(maxsize=1)
def registry() -> dict[str, Organization]:
    rows = organization_rows()
    organizations: dict[str, Organization] = {}
    for row in rows:
        aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
        organizations[row["org_id"]] = Organization(row["org_id"], row["name"], row["acronym"] or None, aliases)
    return organizations


@lru_cache(maxsize=1)
def _spelling_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for organization in registry().values():
        for spelling in organization.spellings():
            key = _key(spelling)
            if index.get(key, organization.org_id) != organization.org_id:
                raise ValueError(f"{REGISTRY_FILE}: spelling {spelling!r} names both {index[key]} and {organization.org_id}")
            index[key] = organization.org_id
    return index


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip().removeprefix("the ").removeprefix("The ")


@lru_cache(maxsize=65536)
def lookup(name: str) -> Organization | None:
    """Exact lookup of one name or acronym as written (case-sensitive, typography folded)."""
    org_id = _spelling_index().get(_key(name))
    return registry()[org_id] if org_id else None


@lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern[str]:
    spellings = sorted({fold(s) for s in _spelling_index_spellings()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in spellings)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _spelling_index_spellings() -> list[str]:
    return [s for o in registry().values() for s in o.spellings()]


def find_organizations(text: str) -> list[OrganizationMention]:
    """Registry organizations named in free text, left to right, longest spelling first."""
    folded = fold(text)
    mentions = []
    for match in _mention_pattern().finditer(folded):
        org_id = _spelling_index()[_key(match.group(0))]
        mentions.append(OrganizationMention(org_id, text[match.start() : match.end()], match.start(), match.end()))
    return mentions
