"""Misses made visible: statements seen and not read, even on a line that gave other rows.

A sentence like 'Canada opened a trade office in Lagos in 2019' may be a fact no extractor has a pattern for yet;
'Mexico is, with Chile, a founding member of the Pacific Alliance, in which Canada has held observer status since
2012' may give Mexico's and Chile's rows and drop Canada's. Dropping either silently breaks the contract's "never
drop silently". So after every extractor has run, each statement (sentence or list item, as prose.prose_units reads
them) that holds a relation word (relation_words.csv: lemmas, every inflection counts: 'member', 'acceded',
'embassies', 'treaty', 'Control List', ...) and names a known country (by name or demonym) or a registry
organization is compared with what was read from it:

- a relation none of whose tables got a row from the statement, and on whose tables no extractor reported an issue
  on its line, is unread: "mentions Canada and NATO with 'member' but no row was read from this line" (the line gave
  nothing), or "... but no memberships row was read from this statement" (the line gave rows of other tables);
- a country or organization the statement names that no row from it holds (in any code or organization column)
  and no issue on its line names is unread: "names Canada with 'observer' but no row read from this statement
  holds it".

A row belongs to the statement whose text is its evidence (one line may hold several sentences), or to every
statement of its line when it has no evidence. Each finding is a quality issue of kind `unread_statement` on table
`sources`, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.documents.model import Sentence
from pipeline.extract.base import DocumentContext, Extraction, Issue, Row
from pipeline.extract.inflection import word_forms
from pipeline.extract.prose import countries_named, prose_units
from pipeline.knowledge import organization_name_words, relation_words
from pipeline.resolve.countries import display_name
from pipeline.resolve.organizations import OrganizationMention, find_organizations, registry
from pipeline.text import any_of, words_alternation

TABLE = "sources"
KIND = "unread_statement"

# The tables that publish each relation's facts.
RELATION_TABLES = {
    "membership": ("memberships",),
    "mission": ("missions",),
    "envoy": ("envoys",),
    "agreement": ("agreements",),
    "dispute": ("disputes",),
    "relations": ("bilateral_relations", "diplomatic_relations"),
    "export_control": ("export_controls",),
}
# Row columns that hold a country code or an organization id (a list column holds several).
_ENTITY_COLUMNS = (
    "country_code",
    "partner_code",
    "sending_country_code",
    "host_country_code",
    "receiving_country_code",
    "list_country_code",
    "counterpart_codes",
    "parties",
    "org_id",
    "accredited_to",
    "resolution_body_org_id",
)


@dataclass(frozen=True)
class _Entity:
    """A country or organization a statement names: the keys rows and issues hold it by, and how to show it."""

    keys: frozenset[str]
    shown: str
    start: int
    is_country: bool
    qualifies: bool = False  # an organization that qualifies a noun after it ('the G20 summit'): no membership


@lru_cache(maxsize=1)
def _relation_pattern() -> re.Pattern[str]:
    """Every form of every relation word, one named group per relation (with '__org' for the words that need an
    organization after them)."""
    forms: dict[str, set[str]] = {}
    for word in relation_words():
        group = f"{word.relation}__org" if word.needs_organization else word.relation
        forms.setdefault(group, set()).update(word_forms(word.word, word.pos) if word.pos else (word.word,))
    groups = []
    for group, written in sorted(forms.items()):
        groups.append(rf"(?P<{group}>{words_alternation(written)})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _relation_stem_test() -> re.Pattern[str]:
    return any_of(_relation_stems())


@lru_cache(maxsize=1)
def _relation_stems() -> tuple[str, ...]:
    """Lower-case first words of the relation words' forms: a statement holding none of them is skipped at once."""
    firsts = {
        form.split()[0].lower()
        for word in relation_words()
        for form in (word_forms(word.word, word.pos) if word.pos else (word.word,))
    }
    return tuple(sorted(f for f in firsts if not any(o != f and o in f for o in firsts)))


# Between a word that needs an organization and the organization: 'joined the OAS', 'a signatory to the Treaty ...'.
_TO_ORGANIZATION = re.compile(r"\s+(?:(?:to|of|in|on|with|at)\s+)?(?:the\s+)?", re.IGNORECASE)


def extract(context: DocumentContext, extraction: Extraction) -> Extraction:
    """Issues for the statements of one document that were seen and not read; `extraction` is every extractor's."""
    result = Extraction()
    units = prose_units(context.document)
    rows_by_unit = _rows_by_unit(extraction, units)
    rows_by_line: dict[int, list[tuple[str, Row]]] = {}
    for (line, _), rows in rows_by_unit.items():
        rows_by_line.setdefault(line, []).extend(rows)
    issues_by_line: dict[int, list[Issue]] = {}
    for issue in extraction.issues:
        if issue.line is not None:
            issues_by_line.setdefault(issue.line, []).append(issue)
    reported: set[tuple[int, str]] = set()
    for index, unit in enumerate(units):
        lowered = unit.text.lower()
        if not _relation_stem_test().search(lowered) or not _relation_pattern().search(unit.text):
            continue
        unit_rows = rows_by_unit.get((unit.line, index), [])
        line_rows, issues = rows_by_line.get(unit.line, []), issues_by_line.get(unit.line, [])
        read = {table for table, _ in line_rows} | {issue.table_name for issue in issues}
        organization_mentions = find_organizations(unit.text)
        relations = _relations(unit.text, [(m.start, m.end) for m in organization_mentions])
        unread = [r for r in relations if not unit_rows and not read & set(RELATION_TABLES[r])]
        if not unread and "membership" not in relations:
            continue
        entities = _named(unit.text, organization_mentions)
        if not entities:
            continue
        if unread:
            word = _written(relations[unread[0]][0])
            detail = _unread_relation(unread[0], word, entities, line_rows, issues)
        else:
            detail = _unheld_entities(unit.text, relations["membership"], entities, line_rows, issues)
        if detail and (unit.line, detail) not in reported:
            reported.add((unit.line, detail))
            result.issue(TABLE, context.source_id, unit.line, KIND, detail)
    return result


def _written(word: re.Match) -> str:
    return re.sub(r"\s+", " ", word.group(0).lower())


def _relations(text: str, organizations: list[tuple[int, int]]) -> dict[str, list[re.Match]]:
    """{relation: the words of it the statement holds, in order}.

    A word inside an organization's name ('the North Atlantic Treaty Organization') is part of the name; a word
    that needs an organization counts only right before one ('joined the OAS', not 'joining Canadian Confederation').
    """
    found: dict[str, list[re.Match]] = {}
    for match in _relation_pattern().finditer(text):
        group = match.lastgroup or ""
        relation = group.removesuffix("__org")
        if any(start <= match.start() and match.end() <= end for start, end in organizations):
            continue
        if _inside_a_name(text, match) or _a_count(text, match):
            continue
        if group.endswith("__org"):
            gap = _TO_ORGANIZATION.match(text, match.end())
            if not any(start == (gap.end() if gap else match.end()) for start, _ in organizations):
                continue
        found.setdefault(relation, []).append(match)
    return found


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
# '2,200 CAF members', '46 member states': a count of members is a size, not a membership.
_COUNT_BEFORE = re.compile(r"\b\d[\d,.]*\s+(?:[A-Z][\w-]*\s+)?$")


def _inside_a_name(text: str, match: re.Match) -> bool:
    """'the Canada Border Services Agency': a capitalised word between capitalised words is part of a name."""
    return (
        match.group(0)[:1].isupper()
        and _CAPITALISED_BEFORE.search(text, 0, match.start()) is not None
        and _CAPITALISED_AFTER.match(text, match.end()) is not None
    )


def _a_count(text: str, match: re.Match) -> bool:
    return _COUNT_BEFORE.search(text, 0, match.start()) is not None


def _rows_by_unit(extraction: Extraction, units: list[Sentence]) -> dict[tuple[int, int], list[tuple[str, Row]]]:
    """(table, row) of published tables by (line, index of the statement they came from); a row without evidence, or
    whose evidence is no one statement's text, belongs to every statement of its line."""
    units_on_line: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        units_on_line.setdefault(unit.line, []).append(index)
    by_unit: dict[tuple[int, int], list[tuple[str, Row]]] = {}
    for table, rows in extraction.rows.items():
        if table.startswith("_"):
            continue
        for row in rows:
            line = row.get("line")
            if line is None:
                continue
            on_line = units_on_line.get(line, [-1])
            evidence = row.get("evidence")
            owners = [i for i in on_line if i >= 0 and units[i].text == evidence] or on_line
            for index in owners:
                by_unit.setdefault((line, index), []).append((table, row))
    return by_unit


def _unread_relation(
    relation: str, word: str, entities: list[_Entity], line_rows: list[tuple[str, Row]], issues: list[Issue]
) -> str:
    """A relation the statement holds, when the statement gave no row and none of the relation's tables got a row
    or an issue from its line (a statement that gave rows of another table was read; its words may be incidental)."""
    if not line_rows and not issues:
        return f"mentions {_listed(entities)} with {word!r} but no row was read from this line"
    table = RELATION_TABLES[relation][0]
    return f"mentions {_listed(entities)} with {word!r} but no {table} row was read from this line"


def _unheld_entities(
    text: str, words: list[re.Match], entities: list[_Entity], rows: list[tuple[str, Row]], issues: list[Issue]
) -> str | None:
    """Countries and organizations a membership statement names that no row of its line holds and no issue on its
    line names: 'Mexico is, with Chile, a founding member of the Pacific Alliance, in which Canada has held observer
    status' with rows for Mexico and Chile only leaves Canada unread.

    An organization counts unless it qualifies a noun ('the G20 summit'); a country only as the one who holds the
    membership: the subject of the word's clause ('Canada has held observer status') or the noun an appositive
    describes ('Canada, a founding member of the Council'). Other countries a membership statement names are often
    where or with whom, not members.
    """
    held = {value for _, row in rows for column in _ENTITY_COLUMNS for value in _values(row.get(column))}
    issue_text = " ".join(issue.detail.casefold() for issue in issues)
    holders = {_holder(text, word, entities) for word in words} - {None}
    missing = [
        e
        for e in entities
        if (e in holders if e.is_country else not e.qualifies)
        and not (e.keys & held)
        and not any(k.casefold() in issue_text for k in e.keys)
    ]
    if not missing:
        return None
    word = _written(words[0])
    return f"names {_listed(missing)} with {word!r} but no row or issue of this line holds it"


# Between a member and its membership word: 'Canada has held observer status', 'Canada, a founding member'.
_HOLDS = re.compile(
    r"\s*,\s*(?:a|an|the|one|itself|also|now)\b[^,;.]*|\s+(?:(?:also|now|still|long)\s+)?(?:has|have|had|is|are|was"
    r"|were|became|becomes|remains|remained|holds|held|gained|obtained|enjoys|joined|acceded|will)\b[^,;.]*",
    re.IGNORECASE,
)


def _holder(text: str, word: re.Match, entities: list[_Entity]) -> _Entity | None:
    """The country that holds the membership a word states: the nearest before it, in a subject or appositive frame."""
    before = [e for e in entities if e.is_country and e.start < word.start()]
    if not before:
        return None
    nearest = before[-1]
    name_end = _country_end(text, nearest)
    return nearest if name_end is not None and _HOLDS.fullmatch(text, name_end, word.start()) else None


def _country_end(text: str, entity: _Entity) -> int | None:
    for mention in countries_named(text[entity.start :]):
        return entity.start + mention.end
    return None


def _values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _named(text: str, organizations: list[OrganizationMention]) -> list[_Entity]:
    """Countries and registry organizations the statement names, each once, in order.

    A demonym inside an organization's name ('Organization of American States') names no country.
    """
    spans = [(m.start, m.end) for m in organizations]
    modifiers = organization_name_words().modifier
    found: dict[str, _Entity] = {}
    for mention in countries_named(text):
        code = mention.country.code
        if code not in found and not any(start <= mention.start < end for start, end in spans):
            keys = frozenset({code, mention.country.name, display_name(code) or mention.country.name})
            found[code] = _Entity(keys, mention.country.name, mention.start, True)
    for mention in organizations:
        org = registry()[mention.org_id]
        if mention.org_id not in found:
            keys = frozenset(k for k in (mention.org_id, org.name, org.acronym, mention.text) if k)
            after = _NEXT_WORD.match(text, mention.end)
            qualifies = after is not None and after.group(1) in modifiers
            found[mention.org_id] = _Entity(keys, org.acronym or org.name, mention.start, False, qualifies)
    return sorted(found.values(), key=lambda e: e.start)


_NEXT_WORD = re.compile(r"['’]?s?\s+([\w'’-]+)")


def _listed(entities: list[_Entity]) -> str:
    names = [e.shown for e in entities]
    shown = names[:3] + ([f"{len(names) - 3} more"] if len(names) > 3 else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
