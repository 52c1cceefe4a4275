"""What the pipeline knows that the texts do not say, kept as data files in this folder and read here only.

Names, codes and page furniture change more often than code and are easier to
review as rows than as literals scattered through extractors:

- `dataset.toml`: whose relations the dataset describes (the home country).
- `publishers.csv`: the country a publisher speaks for.
- `web_page_chrome.csv`: the lines of a web page that are navigation or footer, not content.
- `country_aliases.csv`: country names that ISO 3166 (pycountry) does not resolve exactly.
- `demonyms.csv`: words for a country's people and adjectives ('Canadian', 'Soviet'), generated (see README.md).
- `territories.csv`: ISO 3166-1 codes that are dependent territories, not states ('Greenland' GRL), generated.
- `organizations.csv`: the registry of international organizations (generated: see README.md here).
- `organization_name_words.csv`: words that make a capitalised phrase an organization's name, and words that
  make an organization a mere qualifier ('the G20 summit').
- `relation_words.csv`: words that state a relation between countries or with an organization.
- `dispute_words.csv`: the lemmas that state a dispute, a settlement or a ruling, with the frame each needs.
- `export_control_words.csv`: the lemmas that put countries on a named control list or take them off.
- `membership_phrases.csv`: word families (lemmas) that state a membership, with their roles; `inflections()` expands
  a lemma to every written form with the lemminflect package's data, `lemmas()` tells a word's classes.
- `membership_status_words.csv`: list qualifiers ('founder', 'full member') mapped onto the status vocabulary.
- `currency_signs.csv`: how texts write currencies (`C$`, `€`, `euros`, `Canadian dollars`), mapped to ISO 4217.
- `countries.csv`: every country code with its alpha-2, names, region and subregion, the reference data of the
  `countries` table (generated: see README.md here).
- `verb_families.csv`: verbs by lemma and the role they play ('serve as': a person holds a post); every
  inflection is generated from the lemma (pipeline/extract/phrases.py), never listed.
- `mission_words.csv`: nouns that name an office as a body ('agency', 'delegation'), for mission types
  outside the vocabulary ('consular agencies').

Every file is read once per process and checked as it is read: a missing column or an empty
required cell is a `KnowledgeError` naming the file and line, so a bad edit fails loudly.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

KNOWLEDGE_DIR = Path(__file__).resolve().parent


class KnowledgeError(ValueError):
    """A data file in pipeline/knowledge is malformed; the message names the file and line."""


def read_rows(file_name: str, columns: tuple[str, ...], required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of one CSV file, cells stripped; `required` cells must not be empty."""
    path = KNOWLEDGE_DIR / file_name
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise KnowledgeError(f"{path}:1: missing columns {missing}")
        rows = []
        for number, row in enumerate(reader, start=2):
            cells = {c: (row.get(c) or "").strip() for c in columns}
            empty = [c for c in required if not cells[c]]
            if empty:
                raise KnowledgeError(f"{path}:{number}: empty {', '.join(empty)}")
            rows.append(cells)
    return rows


@lru_cache(maxsize=1)
def home_country_code() -> str:
    """The ISO 3166 alpha-3 code of the country whose relations the dataset describes."""
    path = KNOWLEDGE_DIR / "dataset.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8")).get("home_country", "")
    if len(code) != 3 or not code.isupper():
        raise KnowledgeError(f"{path}: home_country must be an ISO 3166 alpha-3 code, not {code!r}")
    return code


@lru_cache(maxsize=1)
def publisher_countries() -> dict[str, str]:
    """{publisher: country name}: a document whose title names no country speaks for its publisher's country."""
    return {
        row["publisher"]: row["country"]
        for row in read_rows("publishers.csv", ("publisher", "country"), ("publisher", "country"))
    }


@dataclass(frozen=True)
class WebPageChrome:
    """Lines of a web page that are navigation or footer; compared case-folded."""

    chrome: frozenset[str]  # a line that is exactly one of these
    footer_start: frozenset[str]  # this line and every line after it
    footer_prefixes: tuple[str, ...]  # a line that starts with one of these
    signatures: WebPageChrome | None = None  # the lines above that only a web page has

    def is_chrome(self, line: str) -> bool:
        lowered = line.casefold()
        return lowered in self.chrome or lowered in self.footer_start or lowered.startswith(self.footer_prefixes)

    def identifies_web_page(self, line: str) -> bool:
        return self.signatures is not None and self.signatures.is_chrome(line)

    def starts_footer(self, line: str) -> bool:
        return line.casefold() in self.footer_start


@lru_cache(maxsize=1)
def web_page_chrome() -> WebPageChrome:
    columns = ("text", "role", "identifies_web_page")
    rows = read_rows("web_page_chrome.csv", columns, columns)
    for number, row in enumerate(rows, start=2):
        if row["role"] not in _CHROME_ROLES or row["identifies_web_page"] not in ("yes", "no"):
            raise KnowledgeError(
                f"{KNOWLEDGE_DIR / 'web_page_chrome.csv'}:{number}: role must be one of {_CHROME_ROLES}, "
                "identifies_web_page yes or no"
            )
    every = _chrome_of(rows)
    signatures = _chrome_of([row for row in rows if row["identifies_web_page"] == "yes"])
    return WebPageChrome(every.chrome, every.footer_start, every.footer_prefixes, signatures)


_CHROME_ROLES = ("chrome", "footer_start", "footer_prefix")


def _chrome_of(rows: list[dict[str, str]]) -> WebPageChrome:
    def texts(role: str) -> list[str]:
        return [row["text"].casefold() for row in rows if row["role"] == role]

    return WebPageChrome(frozenset(texts("chrome")), frozenset(texts("footer_start")), tuple(texts("footer_prefix")))


def country_alias_rows() -> list[dict[str, str]]:
    """alias, code (empty: known not to be a country), display_name, note."""
    return read_rows("country_aliases.csv", ("alias", "code", "display_name", "note"), ("alias",))


def demonym_rows() -> list[dict[str, str]]:
    """demonym, code (empty: ambiguous, resolves to nothing), source, note; generated by sources/build_demonyms.py."""
    return read_rows("demonyms.csv", ("demonym", "code", "source", "note"), ("demonym", "source"))


def territory_rows() -> list[dict[str, str]]:
    """code, name, source: ISO 3166-1 codes of dependent territories (not states); generated by
    sources/build_demonyms.py."""
    return read_rows("territories.csv", ("code", "name", "source"), ("code", "name", "source"))


def organization_rows() -> list[dict[str, str]]:
    """org_id, name, acronym, aliases ('|'-separated), source ('curated' for the hand-made rows, else the package)."""
    return read_rows(
        "organizations.csv", ("org_id", "name", "acronym", "aliases", "source"), ("org_id", "name", "source")
    )


@dataclass(frozen=True)
class OrganizationNameWords:
    """Words that shape how an organization is named in prose (organization_name_words.csv).

    head: a capitalised phrase holding one of these ('Cairns Group', 'Council of Europe') is an organization's name;
    same_org: after a registry name ('the ANZUS Treaty') the word still names that organization;
    modifier: after an organization ('the G20 summit', "NATO's missions") the organization qualifies something else.
    """

    head: frozenset[str]
    same_org: frozenset[str]
    modifier: frozenset[str]


_NAME_WORD_ROLES = ("head", "same_org", "modifier")


@lru_cache(maxsize=1)
def organization_name_words() -> OrganizationNameWords:
    rows = read_rows("organization_name_words.csv", ("word", "role", "note"), ("word", "role"))
    for number, row in enumerate(rows, start=2):
        if row["role"] not in _NAME_WORD_ROLES:
            raise KnowledgeError(
                f"{KNOWLEDGE_DIR / 'organization_name_words.csv'}:{number}: role must be one of {_NAME_WORD_ROLES}"
            )
    return OrganizationNameWords(
        *(frozenset(r["word"] for r in rows if r["role"] == role) for role in _NAME_WORD_ROLES)
    )


WORD_CLASSES = ("NOUN", "VERB", "ADJ")


@dataclass(frozen=True)
class RelationWord:
    """A word that states a relation between countries or with an organization ('embassy', 'member', 'treaty').

    `word` is a lemma or phrase; `pos` ('NOUN', 'VERB', 'ADJ') says which inflections count, None: only as written;
    `needs_organization`: the word counts only when an organization it relates to follows ('joined the OAS').
    """

    word: str
    relation: str
    pos: str | None = None
    needs_organization: bool = False


_RELATIONS = ("membership", "mission", "envoy", "agreement", "dispute", "relations", "export_control")


@lru_cache(maxsize=1)
def relation_words() -> tuple[RelationWord, ...]:
    """relation_words.csv: word, relation (one of _RELATIONS), pos, object (empty or 'organization'), note."""
    path = KNOWLEDGE_DIR / "relation_words.csv"
    rows = read_rows("relation_words.csv", ("word", "relation", "pos", "object", "note"), ("word", "relation"))
    for number, row in enumerate(rows, start=2):
        if row["relation"] not in _RELATIONS:
            raise KnowledgeError(f"{path}:{number}: relation must be one of {_RELATIONS}")
        if row["pos"] and row["pos"] not in WORD_CLASSES:
            raise KnowledgeError(f"{path}:{number}: pos must be empty or one of {WORD_CLASSES}")
        if row["object"] not in ("", "organization"):
            raise KnowledgeError(f"{path}:{number}: object must be empty or 'organization'")
    return tuple(
        RelationWord(row["word"], row["relation"], row["pos"] or None, row["object"] == "organization") for row in rows
    )


@dataclass(frozen=True)
class DisputeWord:
    """A lemma that states a dispute ('quarrel'), a settlement ('settle') or a body's ruling ('reject').

    `frame` is what must surround a form of it (see dispute_words.csv); `exclude` holds forms of another sense.
    """

    word: str
    pos: str | None
    role: str
    frame: str
    exclude: tuple[str, ...]


DISPUTE_WORD_ROLES = ("contest", "settle", "body_decides", "place_noun", "feature", "leading_feature")
DISPUTE_WORD_FRAMES = ("any", "object", "by", "passive", "not_reported_speech")


@lru_cache(maxsize=1)
def dispute_words() -> tuple[DisputeWord, ...]:
    """dispute_words.csv: word (a lemma), pos, role, frame, exclude ('|'-separated forms), note."""
    path = KNOWLEDGE_DIR / "dispute_words.csv"
    words = []
    columns = ("word", "pos", "role", "frame", "exclude", "note")
    for number, row in enumerate(read_rows("dispute_words.csv", columns, ("word", "role", "frame")), start=2):
        if row["role"] not in DISPUTE_WORD_ROLES or row["frame"] not in DISPUTE_WORD_FRAMES:
            raise KnowledgeError(
                f"{path}:{number}: role must be one of {DISPUTE_WORD_ROLES}, frame one of {DISPUTE_WORD_FRAMES}"
            )
        if row["pos"] and row["pos"] not in WORD_CLASSES:
            raise KnowledgeError(f"{path}:{number}: pos must be empty or one of {WORD_CLASSES}")
        exclude = tuple(w.strip() for w in row["exclude"].split("|") if w.strip())
        words.append(DisputeWord(row["word"], row["pos"] or None, row["role"], row["frame"], exclude))
    return tuple(words)


@dataclass(frozen=True)
class ListWord:
    """A lemma that puts countries on a control list ('add', 'include', 'name') or takes them off ('remove')."""

    word: str
    pos: str | None
    role: str


LIST_WORD_ROLES = ("on", "off")


@lru_cache(maxsize=1)
def export_control_words() -> tuple[ListWord, ...]:
    """export_control_words.csv: word (a lemma), pos, role ('on' or 'off'), note."""
    path = KNOWLEDGE_DIR / "export_control_words.csv"
    words = []
    for number, row in enumerate(
        read_rows("export_control_words.csv", ("word", "pos", "role", "note"), ("word", "role")), start=2
    ):
        if row["role"] not in LIST_WORD_ROLES or (row["pos"] and row["pos"] not in WORD_CLASSES):
            raise KnowledgeError(
                f"{path}:{number}: role must be one of {LIST_WORD_ROLES}, pos empty or one of {WORD_CLASSES}"
            )
        words.append(ListWord(row["word"], row["pos"] or None, row["role"]))
    return tuple(words)


CURRENCY_SIGN_KINDS = ("symbol", "word")


@dataclass(frozen=True)
class CurrencySign:
    """How a text writes a currency: a symbol by the number ('C$', '€'), a word after it ('euros', 'Canadian dollars').

    `currency` is the ISO 4217 code, None where the sign alone does not say
    which currency ('$', 'dollars'); `country` (ISO 3166 alpha-3) picks
    between currencies that share a sign ('¥': JPY in a document about Japan,
    CNY in one about China).
    """

    written: str
    currency: str | None
    kind: str
    country: str | None


@lru_cache(maxsize=1)
def currency_signs() -> tuple[CurrencySign, ...]:
    """The rows of currency_signs.csv; every currency is checked against ISO 4217 (pycountry.currencies)."""
    path = KNOWLEDGE_DIR / "currency_signs.csv"
    signs = []
    for number, row in enumerate(
        read_rows("currency_signs.csv", ("written", "currency", "kind", "country", "note"), ("written", "kind")),
        start=2,
    ):
        if row["kind"] not in CURRENCY_SIGN_KINDS:
            raise KnowledgeError(f"{path}:{number}: kind must be one of {CURRENCY_SIGN_KINDS}, not {row['kind']!r}")
        if row["currency"] and pycountry.currencies.get(alpha_3=row["currency"]) is None:
            raise KnowledgeError(f"{path}:{number}: {row['currency']!r} is not an ISO 4217 currency code")
        if row["country"] and (len(row["country"]) != 3 or not row["country"].isupper()):
            raise KnowledgeError(f"{path}:{number}: country must be an ISO 3166 alpha-3 code, not {row['country']!r}")
        signs.append(CurrencySign(row["written"], row["currency"] or None, row["kind"], row["country"] or None))
    return tuple(signs)


@dataclass(frozen=True)
class CountryReference:
    """One row of countries.csv: what maintained datasets say about a country code (see sources/build_countries.py)."""

    code: str
    alpha_2: str
    iso_name: str
    official_name: str
    region: str | None
    subregion: str | None
    historical: bool
    is_user_assigned: bool
    source: str


_COUNTRY_REQUIRED = ("country_code", "alpha_2", "iso_name", "official_name", "historical", "is_user_assigned", "source")
_COUNTRY_COLUMNS = (*_COUNTRY_REQUIRED, "region", "subregion")
_COUNTRY_FLAGS = ("historical", "is_user_assigned")


@lru_cache(maxsize=1)
def country_references() -> dict[str, CountryReference]:
    """countries.csv keyed by alpha-3 code; generated by sources/build_countries.py, never edited by hand."""
    path = KNOWLEDGE_DIR / "countries.csv"
    references: dict[str, CountryReference] = {}
    for number, row in enumerate(read_rows("countries.csv", _COUNTRY_COLUMNS, _COUNTRY_REQUIRED), start=2):
        if len(row["country_code"]) != 3 or not row["country_code"].isalpha() or not row["country_code"].isupper():
            raise KnowledgeError(f"{path}:{number}: country_code must be an alpha-3 code, not {row['country_code']!r}")
        if any(row[flag] not in ("true", "false") for flag in _COUNTRY_FLAGS):
            raise KnowledgeError(f"{path}:{number}: historical and is_user_assigned must be true or false")
        if row["country_code"] in references:
            raise KnowledgeError(f"{path}:{number}: {row['country_code']} appears twice")
        references[row["country_code"]] = _country_reference(row)
    return references


def _country_reference(row: dict[str, str]) -> CountryReference:
    return CountryReference(
        code=row["country_code"],
        alpha_2=row["alpha_2"],
        iso_name=row["iso_name"],
        official_name=row["official_name"],
        region=row["region"] or None,
        subregion=row["subregion"] or None,
        historical=row["historical"] == "true",
        is_user_assigned=row["is_user_assigned"] == "true",
        source=row["source"],
    )


def reference_sources() -> dict[str, str]:
    """{table: source and version} of every reference table, for the release manifest.

    {"countries": "world-countries 5.1.0 + pycountry 26.2.16"}: the packages countries.csv was generated from.
    """
    return {"countries": "; ".join(sorted({reference.source for reference in country_references().values()}))}


@dataclass(frozen=True)
class VerbFamily:
    """A verb by its lemma ('serve as', 'break off': the first word inflects) and the role it plays in a statement."""

    lemma: str
    role: str


# Roles of verbs: holding or taking up a head-of-mission post; diplomatic relations beginning, ending,
# suspended or held; a verb between a mission word and its place ('consulates operate in'); a country holding a
# mission ('has', 'operates', 'is represented').
VERB_ROLES = (
    "envoy_hold",
    "envoy_take_up",
    "relations_begin",
    "relations_end",
    "relations_suspend",
    "relations_hold",
    "mission_stand",
    "mission_hold",
)


@lru_cache(maxsize=1)
def verb_families() -> tuple[VerbFamily, ...]:
    """verb_families.csv: lemma, role (one of VERB_ROLES), note."""
    path = KNOWLEDGE_DIR / "verb_families.csv"
    rows = read_rows("verb_families.csv", ("lemma", "role", "note"), ("lemma", "role"))
    for number, row in enumerate(rows, start=2):
        if row["role"] not in VERB_ROLES:
            raise KnowledgeError(f"{path}:{number}: role must be one of {VERB_ROLES}, not {row['role']!r}")
        if row["lemma"] != row["lemma"].lower():
            raise KnowledgeError(f"{path}:{number}: a lemma is written in lower case, not {row['lemma']!r}")
    return tuple(VerbFamily(row["lemma"], row["role"]) for row in rows)


_MISSION_WORD_ROLES = ("office",)


@lru_cache(maxsize=1)
def mission_office_words() -> tuple[str, ...]:
    """mission_words.csv rows of role 'office': nouns (singular, lower case) that name an office as a body."""
    path = KNOWLEDGE_DIR / "mission_words.csv"
    rows = read_rows("mission_words.csv", ("word", "role", "note"), ("word", "role"))
    for number, row in enumerate(rows, start=2):
        if row["role"] not in _MISSION_WORD_ROLES:
            raise KnowledgeError(f"{path}:{number}: role must be one of {_MISSION_WORD_ROLES}, not {row['role']!r}")
    return tuple(row["word"] for row in rows if row["role"] == "office")


MEMBERSHIP_KINDS = ("verb", "noun")
MEMBERSHIP_CONTEXTS = ("", "copula", "predicate")
MEMBERSHIP_OBJECTS = ("any", "registry")
# what a phrase states: a status of the contract's vocabulary, or 'ended' (a membership that ended: an issue, no row)
MEMBERSHIP_ENDED = "ended"


@dataclass(frozen=True)
class MembershipPhrase:
    """One row of membership_phrases.csv: a word family that states a membership, and the role of what follows it.

    words: the lemma ('accede', 'take part', 'founding member'); kind: verb or noun (which word inflects);
    after: the prepositions that must follow ('to', 'of|in'; empty: the object follows at once, 'joined NATO');
    status: the membership status it states, or 'ended'; event: joining or founding (an opening 'In 1947' dates it);
    objects: 'registry' when only an organization the registry knows can follow ('a signatory to': a treaty is no
    organization); context: 'copula' (only after a form of be/become/remain: 'has been part of'), 'predicate'
    (not after a possessive: "Canada's partners in the EU" names others).
    """

    words: str
    kind: str
    after: tuple[str, ...]
    status: str
    event: bool
    objects: str
    context: str


@lru_cache(maxsize=1)
def membership_phrases() -> tuple[MembershipPhrase, ...]:
    """membership_phrases.csv: words, kind, after, status, event, objects, context, note."""
    from schemas.vocabularies import MEMBERSHIP_STATUSES

    path = KNOWLEDGE_DIR / "membership_phrases.csv"
    columns = ("words", "kind", "after", "status", "event", "objects", "context", "note")
    phrases = []
    rows = read_rows(path.name, columns, ("words", "kind", "status", "event", "objects"))
    for number, row in enumerate(rows, start=2):
        if (
            row["kind"] not in MEMBERSHIP_KINDS
            or row["status"] not in (*MEMBERSHIP_STATUSES, MEMBERSHIP_ENDED)
            or row["event"] not in ("yes", "no")
            or row["objects"] not in MEMBERSHIP_OBJECTS
            or row["context"] not in MEMBERSHIP_CONTEXTS
        ):
            raise KnowledgeError(
                f"{path}:{number}: kind must be one of {MEMBERSHIP_KINDS}, status a membership status or "
                f"{MEMBERSHIP_ENDED!r}, event yes or no, objects one of {MEMBERSHIP_OBJECTS}, context one of "
                f"{MEMBERSHIP_CONTEXTS}"
            )
        after = tuple(a.strip() for a in row["after"].split("|") if a.strip())
        phrases.append(
            MembershipPhrase(
                row["words"], row["kind"], after, row["status"], row["event"] == "yes", row["objects"], row["context"]
            )
        )
    return tuple(phrases)


@lru_cache(maxsize=1)
def membership_status_words() -> dict[str, str]:
    """{qualifier as written, lower case: status}: how a list item's qualifier maps onto the status vocabulary.

    'founder' and 'founding member' are founding members; 'full member' a member. A qualifier this file lacks is
    published as 'other' with the words kept (the contract's rule for closed vocabularies).
    """
    from schemas.vocabularies import MEMBERSHIP_STATUSES

    path = KNOWLEDGE_DIR / "membership_status_words.csv"
    found = {}
    for number, row in enumerate(read_rows(path.name, ("written", "status", "note"), ("written", "status")), start=2):
        if row["status"] not in MEMBERSHIP_STATUSES:
            raise KnowledgeError(f"{path}:{number}: status must be one of {MEMBERSHIP_STATUSES}, not {row['status']!r}")
        found[row["written"].casefold()] = row["status"]
    return found
