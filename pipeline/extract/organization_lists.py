"""Reading one organization out of a list item such as 'Asian Development Bank (ADB) (nonregional member)'.

A list item carries a name, often an acronym in parentheses, sometimes a
qualifier or an alias ('also known as the World Bank'). Parentheses, and a
tail after a spaced dash ('Mercosur – since 1994'), are sorted into those
roles here, once, for every list that names organizations: a parenthesis is
a name when the registry knows it, when it is shaped like an acronym
('(CAN)') or when it is a run of capitalised words ('(United Nations
Stabilization Mission in Haiti)'); anything else ('(founder)', '(withdrew in
2019)', '(founding member, 2019)') is a qualifier, which the memberships
extractor reads against the status vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.resolve.organizations import Organization, find_organizations, lookup, org_id_for

_PARENTHESES = re.compile(r"\(([^()]*)\)")
# A name in parentheses: capitalised words, with the small words names hold ('Mission in Haiti').
_NAME = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|on|and|in|de|la|the|du|des)\s+)*[A-Z][\w'’.&-]*)*")
# 'Mercosur – since 1994', 'Pacific Alliance — founding member': a qualifier after a spaced dash.
_DASH_TAIL = re.compile(r"\s+[–—-]\s+(?P<tail>[^–—]+)$")
_ALSO_KNOWN_AS = re.compile(r"^(?:also|formerly)\s+known\s+as\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_DISAMBIGUATORS = {"organization", "organisation", "body", "agency"}


@dataclass(frozen=True)
class ListedOrganization:
    text: str
    name: str
    acronym: str | None
    qualifier: str | None  # the first qualifier
    aliases: tuple[str, ...]
    organization: Organization | None
    qualifiers: tuple[str, ...] = ()  # every qualifier, in the order written

    @property
    def org_id(self) -> str:
        return self.organization.org_id if self.organization else org_id_for(self.name, self.acronym)


def read_listed_organization(text: str) -> ListedOrganization:
    cleaned = re.sub(r"[\s\-–—:;,]+$", "", text).strip()
    qualifiers: list[str] = []
    dash = _DASH_TAIL.search(_PARENTHESES.sub(lambda m: "_" * len(m.group(0)), cleaned))
    if dash and dash.start() > 0:
        qualifiers.append(cleaned[dash.start("tail") :].strip())
        cleaned = cleaned[: dash.start()].strip()
    main = _PARENTHESES.sub("", cleaned).strip()
    acronym, aliases, names = None, [], [main, *[p.strip() for p in main.split(",")]]
    for inner in (p.strip() for p in _PARENTHESES.findall(cleaned)):
        if not inner or inner.casefold() in _DISAMBIGUATORS:
            continue
        also = _ALSO_KNOWN_AS.match(inner)
        if also:
            aliases.append(also.group(1).strip())
        elif not _is_name(inner):
            qualifiers.append(inner)
        else:
            names.append(inner)
            if acronym is None and _ACRONYM.match(inner) and sum(c.isupper() or c.isdigit() for c in inner) >= 2:
                acronym = inner
    organization = next((o for o in map(lookup, [*names, *aliases]) if o is not None), None)
    if organization is None:
        organization, main = _named_first(main)
    if acronym is None and _ACRONYM.match(main) and main.isupper():
        acronym = main
    name = main.split(",")[0].strip() if "," in main and organization is None else main
    first = qualifiers[0] if qualifiers else None
    return ListedOrganization(text, name or cleaned, acronym, first, tuple(aliases), organization, tuple(qualifiers))


def _named_first(main: str) -> tuple[Organization | None, str]:
    """'the Cairns Group of agricultural exporting countries': a registry organization, then words describing it."""
    mentions = find_organizations(main)
    first = mentions[0] if mentions else None
    if first is None or re.fullmatch(r"(?:the\s+)?", main[: first.start], re.IGNORECASE) is None:
        return None, main
    if not re.match(r"\s*(?:,|\b(?:of|for|in|on|with|which|that|whose|to)\b)", main[first.end :]):
        return None, main
    organization = lookup(first.text)
    return (organization, first.text) if organization is not None else (None, main)


def _is_name(inner: str) -> bool:
    """'(ADB)', '(CAN)', '(United Nations Stabilization Mission in Haiti)' name; '(founder)', '(since 1995)' qualify."""
    from pipeline.knowledge import membership_status_words

    if lookup(inner) is not None:
        return True
    if inner.casefold() in membership_status_words() or re.search(r"\d", inner):
        return False
    return _ACRONYM.fullmatch(inner) is not None and any(c.isupper() for c in inner[1:]) or bool(_NAME.fullmatch(inner))


def note_unregistered(
    result, table: str, source_id: str, line: int, org_id: str, name: str, acronym: str | None
) -> None:
    """An organization the registry lacks is still published (under an id derived from its name), with an issue."""
    row = {"org_id": org_id, "name": name, "acronym": acronym, "source_id": source_id, "line": line}
    result.add("_organizations_unregistered", row)
    detail = f"{name!r} is not in the organization registry; published as {org_id!r}"
    result.issue(table, source_id, line, "unregistered_organization", detail)
