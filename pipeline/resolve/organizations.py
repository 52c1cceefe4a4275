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
from pipeline.text import fold, matches_after, per_document, trie_alternation

REGISTRY_FILE = "pipeline/knowledge/organizations.csv"


@dataclass(frozen=True)
class Organization:
    org_id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.acronym, *self.aliases, self.acronym_as_word) if s)

    @property
    def acronym_as_word(self) -> str | None:
        """'Mercosur' for MERCOSUR, 'Unesco', 'Asean': a long acronym said as a word is often written in title case.

        Only for acronyms of five letters or more (a shorter one in title case is too often a word or a name).
        """
        acronym = self.acronym or ""
        return acronym.title() if len(acronym) >= 5 and acronym.isalpha() and acronym.isupper() else None


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
                raise ValueError(
                    f"{REGISTRY_FILE}: spelling {spelling!r} names both {index[key]} and {organization.org_id}"
                )
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
def _bare_mention_pattern() -> re.Pattern[str]:
    """Any registry spelling, not followed by a word character or hyphen. What may precede one is checked apart
    (`matches_after`, `_mention_at`): a lookbehind in this pattern would slow its search several times over."""
    spellings = {fold(s) for s in _spelling_index_spellings()}
    return re.compile(rf"(?:{trie_alternation(spellings)})(?![\w-])")


_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _spelling_index_spellings() -> list[str]:
    return [s for o in registry().values() for s in o.spellings()]


def _mention_at(folded: str, start: int) -> re.Match[str] | None:
    """A registry spelling starting exactly at `start`, as a whole word (no word character or hyphen before it)."""
    if start and _WORD_OR_HYPHEN.match(folded, start - 1):
        return None
    return _bare_mention_pattern().match(folded, start)


def find_organizations(text: str) -> list[OrganizationMention]:
    """Registry organizations named in free text, left to right, longest spelling first."""
    return list(_find_organizations(text))


@per_document
def _find_organizations(text: str) -> tuple[OrganizationMention, ...]:
    folded = fold(text)
    mentions = []
    for match in matches_after(_bare_mention_pattern(), folded, _WORD_OR_HYPHEN):
        org_id = _spelling_index()[_key(match.group(0))]
        mentions.append(OrganizationMention(org_id, text[match.start() : match.end()], match.start(), match.end()))
    return tuple(mentions)


# --- names the registry does not know ------------------------------------------

# A capitalised word ('Cairns', 'Co-operation', 'G20', "People's"); connectors that may sit inside a name.
_CAPITALISED = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"
_NAME_RUN = re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:of|for|on|and|de|la|du|des|the|in)\s+)*{_CAPITALISED})*")
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z0-9&-]{2,}(?![\w-])")


@dataclass(frozen=True)
class OrganizationName:
    """An organization named in text; `organization` is its registry entry, None for a name the registry lacks."""

    name: str
    start: int
    end: int
    organization: Organization | None
    written_acronym: str | None = None  # 'the Widget Commission (WC)': the acronym the text gives beside the name

    @property
    def org_id(self) -> str:
        if self.organization is not None:
            return self.organization.org_id
        return org_id_for(self.name, self.acronym)

    @property
    def acronym(self) -> str | None:
        if self.organization is not None:
            return self.organization.acronym
        return self.written_acronym or (self.name if _ACRONYM_WORD.fullmatch(self.name) else None)


def organization_name_at(
    text: str, start: int, mentions: dict[int, OrganizationMention] | None = None
) -> OrganizationName | None:
    """The organization named exactly at `start` (no leading 'the'), from the registry or by the shape of its name.

    A registry spelling wins unless the capitalised run goes on past it ('United Nations Security Council' is
    not the United Nations; 'the ANZUS Treaty' still is ANZUS). A name the registry lacks counts only when a
    word of it is an organization word ('the Cairns Group', 'the Council of Europe', 'the League of Nations')
    or it is an acronym ('SPARTECA'); a country's name never does.
    """
    from pipeline.knowledge import organization_name_words
    from pipeline.resolve.countries import resolve_country

    words = organization_name_words()
    mentions = mentions if mentions is not None else {m.start: m for m in find_organizations(text)}
    run = _NAME_RUN.match(text, start)
    known = mentions.get(start)
    if known is not None and re.match(
        r"[Tt]he\s", known.text
    ):  # 'the Commonwealth' inside 'the Commonwealth of Nations'
        inner_start = start + re.match(r"[Tt]he\s+", known.text).end()
        inner = _mention_at(fold(text), inner_start)
        if inner and inner.end() > known.end:
            org_id = _spelling_index()[_key(inner.group(0))]
            return OrganizationName(text[inner_start : inner.end()], inner_start, inner.end(), registry()[org_id])
    if known is not None:
        longer = re.match(r"\s+([A-Z][\w'’&-]*)", text[known.end :])
        if longer is None or not run or run.end() <= known.end or longer.group(1) in words.modifier:
            return OrganizationName(text[start : known.end], start, known.end, registry()[known.org_id])
        if longer.group(1) in words.same_org:
            end = known.end + longer.end()
            return OrganizationName(text[start:end], start, end, registry()[known.org_id])
    if run is None:
        return None
    name = _trim_name(run.group(0), words.head)
    if not name or resolve_country(name) is not None:
        return None
    organization = lookup(name)
    parts = name.split()
    has_head = any(word in words.head for word in parts) and len(parts) >= 2  # 'the Council' alone names none
    if organization is None and not has_head and not _ACRONYM_WORD.fullmatch(name):
        return None
    return OrganizationName(name, start, start + len(name), organization)


def _trim_name(run: str, heads: frozenset[str]) -> str:
    """A run of capitalised words cut where a second name would begin: after a head word, 'and' starts another.

    'Food and Agriculture Organization' keeps its 'and' (no head word before it); 'Cairns Group and the
    East Asia Summit' is two names.
    """
    kept: list[re.Match] = []
    for word in re.finditer(r"\S+", run):
        if word.group() == "and" and any(w.group() in heads for w in kept):
            break
        kept.append(word)
    while kept and not kept[-1].group()[:1].isupper():
        kept.pop()
    return run[: kept[-1].end()] if kept else ""
