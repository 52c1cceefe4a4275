"""Reading one organization out of a list item such as 'Asian Development Bank (ADB) (nonregional member)'.

A list item carries a name, often an acronym in parentheses, sometimes a
status qualifier or an alias ('also known as the World Bank'). Parentheses
are sorted into those roles here, once, for every list that names
organizations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.resolve.organizations import Organization, lookup, org_id_for

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_STATUS_WORDS = re.compile(r"\b(member|observer|partner|associate|affiliate|participant|guest|suspended|founding)\b", re.IGNORECASE)
_ALSO_KNOWN_AS = re.compile(r"^(?:also|formerly)\s+known\s+as\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_DISAMBIGUATORS = {"organization", "organisation", "body", "agency"}


@dataclass(frozen=True)
class ListedOrganization:
    text: str
    name: str
    acronym: str | None
    qualifier: str | None
    aliases: tuple[str, ...]
    organization: Organization | None

    @property
    def org_id(self) -> str:
        return self.organization.org_id if self.organization else org_id_for(self.name, self.acronym)


def read_listed_organization(text: str) -> ListedOrganization:
    cleaned = re.sub(r"[\s\-–—:;,]+$", "", text).strip()
    main = _PARENTHESES.sub("", cleaned).strip()
    qualifier, acronym, aliases, names = None, None, [], [main, *[p.strip() for p in main.split(",")]]
    for inner in (p.strip() for p in _PARENTHESES.findall(cleaned)):
        if not inner or inner.casefold() in _DISAMBIGUATORS:
            continue
        also = _ALSO_KNOWN_AS.match(inner)
        if also:
            aliases.append(also.group(1).strip())
        elif _STATUS_WORDS.search(inner) and lookup(inner) is None:
            qualifier = inner
        else:
            names.append(inner)
            if acronym is None and _ACRONYM.match(inner) and sum(c.isupper() or c.isdigit() for c in inner) >= 2:
                acronym = inner
    organization = next((o for o in map(lookup, [*names, *aliases]) if o is not None), None)
    if acronym is None and _ACRONYM.match(main) and main.isupper():
        acronym = main
    name = main.split(",")[0].strip() if "," in main and organization is None else main
    return ListedOrganization(text, name or cleaned, acronym, qualifier, tuple(aliases), organization)
