"""A synthetic corpus for the benchmark: the five seed documents varied into N documents.

Every document is one of the seeds in `raw/` (taken in rotation, so all three
formats appear: wiki_article, web_page, fact_sheet) with:

- its subject swapped for another real country: 'Foreign relations of Canada'
  becomes 'Foreign relations of Kenya', every 'Canada' becomes 'Kenya' and
  every 'Kenya' becomes 'Canada' (a swap, so a document never ends up about
  its subject's relations with itself); demonyms are swapped the same way;
- its membership list shuffled, with about a quarter of the organizations
  renamed to invented ones (they become unregistered organizations);
- its bilateral relations tables shuffled and made longer: extra rows
  'See A–B relations' with other countries, between one and four times the
  seed's length;
- its web page bullet lists and fact sheet sections shuffled, and the export
  control country list reordered.

The corpus is deterministic for a given seed. No manifest is written: files
without a manifest entry are processed on their content alone.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[2] / "raw"
SEED_FILES = (
    "foreign-relations-of-canada.txt",  # wiki_article, 26 KB, most tables
    "canada-and-the-americas.txt",  # web_page, short
    "canada-united-states-relations.txt",  # web_page with bullet lists and footer chrome
    "canada-russia-relations.txt",  # wiki_article with an infobox
    "defending-common-interests-fact-sheet.txt",  # fact_sheet
)
SUBJECT = "Canada"
SUBJECT_DEMONYM = ("Canadian", "Canadians")

# Countries a document may be about, with their demonyms (singular, plural). Each name
# resolves with pipeline.resolve.countries.resolve_country (tests/benchmarks/test_corpus.py
# checks it) and has no second spelling in the seeds, so swapping the name swaps the country.
SUBJECTS: dict[str, tuple[str, str]] = {
    "Australia": ("Australian", "Australians"),
    "Mexico": ("Mexican", "Mexicans"),
    "Japan": ("Japanese", "Japanese"),
    "Germany": ("German", "Germans"),
    "France": ("French", "French"),
    "Brazil": ("Brazilian", "Brazilians"),
    "India": ("Indian", "Indians"),
    "Norway": ("Norwegian", "Norwegians"),
    "Sweden": ("Swedish", "Swedes"),
    "Chile": ("Chilean", "Chileans"),
    "Argentina": ("Argentine", "Argentines"),
    "Kenya": ("Kenyan", "Kenyans"),
    "Nigeria": ("Nigerian", "Nigerians"),
    "Egypt": ("Egyptian", "Egyptians"),
    "Indonesia": ("Indonesian", "Indonesians"),
    "Netherlands": ("Dutch", "Dutch"),
    "Italy": ("Italian", "Italians"),
    "Spain": ("Spanish", "Spaniards"),
    "Portugal": ("Portuguese", "Portuguese"),
    "Poland": ("Polish", "Poles"),
    "Finland": ("Finnish", "Finns"),
    "Denmark": ("Danish", "Danes"),
    "Ireland": ("Irish", "Irish"),
    "New Zealand": ("New Zealand", "New Zealanders"),
    "South Africa": ("South African", "South Africans"),
    "Ghana": ("Ghanaian", "Ghanaians"),
    "Peru": ("Peruvian", "Peruvians"),
    "Colombia": ("Colombian", "Colombians"),
    "Morocco": ("Moroccan", "Moroccans"),
    "Thailand": ("Thai", "Thais"),
    "Vietnam": ("Vietnamese", "Vietnamese"),
    "Philippines": ("Filipino", "Filipinos"),
    "Malaysia": ("Malaysian", "Malaysians"),
    "Singapore": ("Singaporean", "Singaporeans"),
    "Greece": ("Greek", "Greeks"),
    "Austria": ("Austrian", "Austrians"),
    "Belgium": ("Belgian", "Belgians"),
    "Switzerland": ("Swiss", "Swiss"),
    "Iceland": ("Icelandic", "Icelanders"),
    "Estonia": ("Estonian", "Estonians"),
    "Latvia": ("Latvian", "Latvians"),
    "Lithuania": ("Lithuanian", "Lithuanians"),
    "Hungary": ("Hungarian", "Hungarians"),
    "Romania": ("Romanian", "Romanians"),
    "Croatia": ("Croatian", "Croatians"),
    "Uruguay": ("Uruguayan", "Uruguayans"),
    "Ecuador": ("Ecuadorian", "Ecuadorians"),
    "Jamaica": ("Jamaican", "Jamaicans"),
    "Senegal": ("Senegalese", "Senegalese"),
    "Ethiopia": ("Ethiopian", "Ethiopians"),
    "Tanzania": ("Tanzanian", "Tanzanians"),
    "Mongolia": ("Mongolian", "Mongolians"),
    "Kazakhstan": ("Kazakh", "Kazakhs"),
    "Pakistan": ("Pakistani", "Pakistanis"),
    "Bangladesh": ("Bangladeshi", "Bangladeshis"),
    "Nepal": ("Nepali", "Nepalis"),
    "Sri Lanka": ("Sri Lankan", "Sri Lankans"),
}

# Partners for the extra bilateral relations rows, by region heading of the seed's tables.
PARTNERS: dict[str, tuple[str, ...]] = {
    "Africa": (
        "Algeria",
        "Angola",
        "Botswana",
        "Cameroon",
        "Egypt",
        "Ethiopia",
        "Ghana",
        "Kenya",
        "Mali",
        "Morocco",
        "Namibia",
        "Nigeria",
        "Rwanda",
        "Senegal",
        "South Africa",
        "Tanzania",
        "Tunisia",
        "Uganda",
        "Zambia",
        "Zimbabwe",
    ),
    "Americas": (
        "Argentina",
        "Bolivia",
        "Brazil",
        "Chile",
        "Colombia",
        "Costa Rica",
        "Cuba",
        "Ecuador",
        "El Salvador",
        "Guatemala",
        "Haiti",
        "Honduras",
        "Jamaica",
        "Mexico",
        "Nicaragua",
        "Panama",
        "Paraguay",
        "Peru",
        "Uruguay",
        "Venezuela",
    ),
    "Asia": (
        "Bangladesh",
        "Bhutan",
        "Cambodia",
        "India",
        "Indonesia",
        "Japan",
        "Jordan",
        "Kazakhstan",
        "Kuwait",
        "Malaysia",
        "Mongolia",
        "Nepal",
        "Oman",
        "Pakistan",
        "Philippines",
        "Singapore",
        "Sri Lanka",
        "Thailand",
        "Uzbekistan",
        "Vietnam",
    ),
    "Europe": (
        "Albania",
        "Austria",
        "Belgium",
        "Croatia",
        "Denmark",
        "Estonia",
        "Finland",
        "France",
        "Germany",
        "Greece",
        "Hungary",
        "Iceland",
        "Ireland",
        "Italy",
        "Latvia",
        "Netherlands",
        "Norway",
        "Poland",
        "Portugal",
        "Spain",
    ),
    "Oceania": (
        "Australia",
        "Fiji",
        "Kiribati",
        "New Zealand",
        "Papua New Guinea",
        "Samoa",
        "Tonga",
        "Tuvalu",
        "Vanuatu",
        "Solomon Islands",
    ),
}

# Invented organizations for renamed membership list items: 'Baltic Fisheries Commission (BFC)'.
_ORG_PLACES = (
    "Pacific",
    "Atlantic",
    "Northern",
    "Global",
    "Regional",
    "Polar",
    "Andean",
    "Baltic",
    "Sahel",
    "Mekong",
    "Alpine",
    "Coastal",
)
_ORG_TOPICS = (
    "Fisheries",
    "Energy",
    "Health",
    "Trade",
    "Water",
    "Transport",
    "Climate",
    "Science",
    "Customs",
    "Labour",
    "Statistics",
    "Forestry",
)
_ORG_BODIES = ("Commission", "Council", "Agency", "Forum", "Initiative", "Union", "Partnership", "Secretariat")

_BILATERAL_HEADER = re.compile(r"^\|\s*Country\s*\|\s*Formal relations began\s*\|\s*Notes\s*\|$")
_REGION_HEADING = re.compile(r"^=+\s*(.*?)\s*=+$")
_LIST_ITEM = re.compile(r"^- ")
_WEB_BULLET = re.compile(r"^\s+• ")
_EXPORT_LIST = re.compile(
    r"(Automatic Firearms Country Control List, comprises a list of approved export nations "
    r"which include as of 2014; \()([^)]*)(\))"
)


@dataclass(frozen=True)
class GeneratedDocument:
    path: Path
    seed_file: str
    subject: str
    bytes: int


def generate_corpus(folder: Path, n: int, seed: int = 0) -> list[GeneratedDocument]:
    """Write `n` synthetic documents into `folder` (created if needed) and return what was written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = {name: (SEED_DIR / name).read_text(encoding="utf-8") for name in SEED_FILES}
    subjects = sorted(SUBJECTS)
    written = []
    for index in range(n):
        rng = random.Random(f"{seed}:{index}")
        seed_file = SEED_FILES[index % len(SEED_FILES)]
        subject = subjects[rng.randrange(len(subjects))]
        text = vary(seeds[seed_file], seed_file, subject, rng)
        slug = re.sub(r"[^a-z0-9]+", "-", seed_file.removesuffix(".txt").replace("canada", subject.lower())).strip("-")
        path = folder / f"{index:05d}-{slug}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        written.append(GeneratedDocument(path, seed_file, subject, len(data)))
    return written


def vary(text: str, seed_file: str, subject: str, rng: random.Random) -> str:
    """One seed text varied for `subject`; the order of the steps matters only for determinism."""
    text = swap_country(text, subject)
    lines = text.split("\n")
    lines = _shuffle_membership_list(lines, rng)
    lines = _lengthen_bilateral_tables(lines, subject, rng)
    lines = _shuffle_web_bullets(lines, rng)
    if seed_file.startswith("defending-common-interests"):
        lines = _vary_fact_sheet(lines, subject, rng)
    text = "\n".join(lines)
    return _EXPORT_LIST.sub(lambda m: m.group(1) + _shuffled_country_list(m.group(2), rng) + m.group(3), text)


def swap_country(text: str, subject: str) -> str:
    """Swap 'Canada' and `subject` everywhere, and their demonyms; whole words only."""
    singular, plural = SUBJECTS[subject]
    pairs = {SUBJECT: subject, subject: SUBJECT}
    if singular != subject:  # 'New Zealand' is its own demonym: swapping the name already covers it
        pairs.update(
            {
                SUBJECT_DEMONYM[1]: plural,
                SUBJECT_DEMONYM[0]: singular,
                plural: SUBJECT_DEMONYM[1],
                singular: SUBJECT_DEMONYM[0],
            }
        )
    ordered = sorted(pairs, key=len, reverse=True)  # 'Canadians' before 'Canadian'
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in ordered) + r")(?!\w)")
    swapped = pattern.sub(lambda m: pairs[m.group(0)], text)
    upper = re.compile(r"(?<!\w)(?:" + re.escape(SUBJECT.upper()) + "|" + re.escape(subject.upper()) + r")(?!\w)")
    return upper.sub(lambda m: subject.upper() if m.group(0) == SUBJECT.upper() else SUBJECT.upper(), swapped)


def invented_organization(rng: random.Random) -> str:
    words = (rng.choice(_ORG_PLACES), rng.choice(_ORG_TOPICS), rng.choice(_ORG_BODIES))
    return f"{' '.join(words)} ({''.join(w[0] for w in words)})"


def _shuffle_membership_list(lines: list[str], rng: random.Random) -> list[str]:
    """The list under 'International organizations': shuffled, about a quarter of it renamed."""
    result = list(lines)
    for start, end in _runs(lines, lambda line: bool(_LIST_ITEM.match(line))):
        heading = next((text for text in reversed(lines[:start]) if _REGION_HEADING.match(text)), "")
        if "international organizations" not in heading.casefold():
            continue
        items = lines[start:end]
        rng.shuffle(items)
        items = [f"- {invented_organization(rng)}" if rng.random() < 0.25 else item for item in items]
        result[start:end] = items
    return result


def _lengthen_bilateral_tables(lines: list[str], subject: str, rng: random.Random) -> list[str]:
    """Each 'Country | Formal relations began | Notes' table shuffled and grown 1-4x with 'See A–B relations' rows."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        result.append(line)
        index += 1
        if not _BILATERAL_HEADER.match(line.strip()):
            continue
        end = index
        while end < len(lines) and lines[end].strip().startswith("|"):
            end += 1
        rows = lines[index:end]
        region = next(
            (_REGION_HEADING.match(text).group(1) for text in reversed(result) if _REGION_HEADING.match(text)), ""
        )
        partners = [p for p in PARTNERS.get(region, PARTNERS["Europe"]) if p != subject]
        extra = max(3, len(rows)) * rng.randint(0, 3)
        for _ in range(extra):
            partner = rng.choice(partners)
            first, second = sorted((partner, subject))
            year = rng.randint(1867, 2020)
            rows.append(f"| | {year} | See {first}–{second} relations |")
        rng.shuffle(rows)
        result.extend(rows)
        index = end
    return result


def _shuffle_web_bullets(lines: list[str], rng: random.Random) -> list[str]:
    result = list(lines)
    for start, end in _runs(lines, lambda line: bool(_WEB_BULLET.match(line))):
        items = lines[start:end]
        rng.shuffle(items)
        result[start:end] = items
    return result


def _vary_fact_sheet(lines: list[str], subject: str, rng: random.Random) -> list[str]:
    """Name the subject in the title (no manifest says who publishes it) and shuffle the sections."""
    title_at = next(i for i, line in enumerate(lines) if line.strip())
    lines = list(lines)
    lines[title_at] = f"{subject.upper()}: {lines[title_at].strip()}"
    heading_at = [i for i, line in enumerate(lines) if i > title_at and _is_caps_heading(line)]
    tail_at = next((i for i, line in enumerate(lines) if line.startswith("* ")), len(lines))
    heading_at = [i for i in heading_at if i < tail_at]
    if not heading_at:
        return lines
    sections = [lines[a:b] for a, b in zip(heading_at, [*heading_at[1:], tail_at])]
    sections = [s if s[-1].strip() == "" else [*s, ""] for s in sections]
    rng.shuffle(sections)
    return lines[: heading_at[0]] + [line for section in sections for line in section] + lines[tail_at:]


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _shuffled_country_list(listed: str, rng: random.Random) -> str:
    """'Albania, Australia, ..., and the United States' in another order, the last item kept last."""
    head, _, last = listed.rpartition(", and ")
    names = head.split(", ")
    rng.shuffle(names)
    return ", ".join(names) + ", and " + last


def _runs(lines: list[str], member) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, line in enumerate([*lines, ""]):
        if member(line) and start is None:
            start = i
        elif not member(line) and start is not None:
            runs.append((start, i))
            start = None
    return runs


def change_one_document(folder: Path, where: str = "end") -> Path:
    """Edit one document (the middle one in name order) by adding a sentence; returns its path.

    where="end" appends it: the document's rows keep their lines, so only the tables that
    describe the file itself change (sources). where="middle" inserts it halfway down: every
    later row of the document moves to another line, so every table it has rows in changes.
    """
    files = sorted(p for p in Path(folder).iterdir() if p.suffix == ".txt")
    path = files[len(files) // 2]
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    sentence = "This text was revised for the benchmark's one-document rebuild."
    at = len(lines) // 2 if where == "middle" else len(lines)
    while where == "middle" and at < len(lines) and lines[at].strip():  # insert between blocks, not inside a table
        at += 1
    path.write_text("\n".join(lines[:at] + ["", sentence, ""] + lines[at:]).rstrip("\n") + "\n", encoding="utf-8")
    return path


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.suffix == ".txt")
