"""Grow pipeline/knowledge/organizations.csv from two maintained lists, keeping the hand-made rows as they are.

Sources (both on PyPI; install them into a folder and pass it):

    pip install --no-deps --target /tmp/orgs oda-data==2.8.1 worldcountrygroups==0.5.0
    .venv/bin/python pipeline/knowledge/sources/build_organizations.py /tmp/orgs

1. The OECD DAC "channel" codelist (the multilateral organisations that report or receive official development
   assistance, with English acronyms), as the package `oda-data` ships it in
   oda_data/clean_data/crs_channel_mapping.csv (with the OECD query date in crs_channel_mapping_vintage.json).
   Read: codes 41101-47999 (multilateral organisations). Left out: category headings, sub-accounts and trust
   funds of another organization ('IMF - Poverty Reduction and Growth Trust', acronyms like 'IAEA-TCF'), UN
   Secretariat departments and offices ('Department of ...', 'Office of ...'), and the peacekeeping blob.
2. The package `worldcountrygroups` (data/groups/*.json): intergovernmental groupings and alliances with a
   membership list ('Cairns Group', 'Non-Aligned Movement', 'ANZUS'). Left out: statistical and analytical
   groupings that nobody joins (income groups, least developed countries, 'MINT', 'Eurozone', ...).

Rules that keep ids stable and matching exact:
- Rows whose `source` is `curated` (the registry as it was before generation) are kept byte for byte, first.
  Their ids are published: a generated row never changes or replaces one.
- A source row is the same organization as a kept one when its name, or its acronym, is already a registry
  spelling: it is skipped.
- An acronym is kept only when it looks like one (no spaces, two capitals or more, three characters or more),
  is not an ISO 3166 code or a country name ('CAN' is Canada, not the Andean Community), not an English word
  ('FIT', 'IDEA': the Debian word list wamerican, /usr/share/dict/words) and is no other row's spelling;
  otherwise the row keeps its name only. A short acronym like 'CP' would match too much text.
- org_id follows pipeline.resolve.organizations.org_id_for (acronym, else name); a row whose id is taken is
  skipped and reported.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
REGISTRY = HERE.parent / "organizations.csv"
COLUMNS = ["org_id", "name", "acronym", "aliases", "source"]
CURATED = "curated"

# worldcountrygroups groups that are categories, not organizations one belongs to.
NOT_ORGANIZATIONS = {
    "baltic",
    "brics11",
    "canz",
    "civets",
    "developing",
    "developing-ex-lldcs",
    "eurozone",
    "fourteeneyes",
    "hics",
    "hipc",
    "ldcs",
    "lics",
    "lldcs",
    "lmc",
    "mint",
    "n11",
    "nineyes",
    "nordic",
    "ric",
    "schengen",
    "sids",
    "umcs",
    "unsc-p5",
    "world",
}
_ACRONYM = re.compile(r"[A-Za-z][A-Za-z0-9&.+\-]*")


def dist_version(packages: Path, name: str) -> str:
    for info in packages.glob(f"{name.replace('-', '_')}-*.dist-info"):
        for line in (info / "METADATA").read_text(encoding="utf-8").splitlines():
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def dac_rows(packages: Path) -> list[dict[str, str]]:
    folder = packages / "oda_data" / "clean_data"
    vintage = json.loads((folder / "crs_channel_mapping_vintage.json").read_text(encoding="utf-8"))
    source = (
        f"OECD DAC channel codes {vintage.get('oecd_query_date', '')} (oda-data {dist_version(packages, 'oda_data')})"
    )
    rows = []
    with (folder / "crs_channel_mapping.csv").open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code, name, acronym = row["channel_code"], row["channel_name"].strip(), row["en_acronym"].strip()
            if not ("41101" <= code <= "47999") or code.endswith("00") or "41400" <= code <= "41599":
                continue  # headings; UN pooled and thematic funds
            if " - " in name or "[" in name or re.match(r"(?:Department|Office) of\b", name):
                continue
            if re.search(r"\bcontributions\b|\b(?:Trust|Pooled) Funds?\b", name, re.IGNORECASE):
                continue
            if re.search(r"-(?:[A-Z]{2,}|Assessed|non-core)$", acronym) and not acronym.startswith("UN-"):
                continue  # a sub-account of another organization ('IAEA-TCF', 'WHO-CVCA')
            name = re.sub(r"\s*\([^()]*\)", "", name).split(":")[0].strip()
            rows.append({"name": name, "acronym": acronym, "source": source})
    return rows


def group_rows(packages: Path) -> list[dict[str, str]]:
    source = f"worldcountrygroups {dist_version(packages, 'worldcountrygroups')}"
    rows = []
    for path in sorted((packages / "worldcountrygroups" / "data" / "groups").glob("*.json")):
        group = json.loads(path.read_text(encoding="utf-8"))
        if group["gid"] in NOT_ORGANIZATIONS or not group.get("countries"):
            continue
        name = re.sub(r"\s*\([^()]*\)", "", group["name"]).strip()
        name = re.sub(r"^The\s+", "", name)
        name = re.sub(r"\bNon Aligned\b", "Non-Aligned", name)
        rows.append({"name": name, "acronym": (group.get("acronym") or "").strip(), "source": source})
    return rows


WORDS = Path("/usr/share/dict/words")


def _is_english_word(text: str) -> bool:
    """'FIT', 'IDEA', 'ARC': in an ALL-CAPS heading the acronym would be read in an ordinary word (Debian wamerican)."""
    if not WORDS.exists():
        raise SystemExit(f"{WORDS} is missing: apt-get install wamerican")
    return text.casefold() in _words()


_WORD_CACHE: set[str] = set()


def _words() -> set[str]:
    if not _WORD_CACHE:
        _WORD_CACHE.update(w.strip().casefold() for w in WORDS.read_text(encoding="utf-8").splitlines())
    return _WORD_CACHE


def _is_country_word(text: str) -> bool:
    from pipeline.resolve.countries import resolve_country

    return bool(
        pycountry.countries.get(alpha_3=text.upper())
        or pycountry.countries.get(alpha_2=text.upper())
        or resolve_country(text)
    )


def build(packages: Path) -> tuple[list[dict[str, str]], list[str]]:
    from pipeline.resolve.organizations import _key, org_id_for

    with REGISTRY.open(newline="", encoding="utf-8") as handle:
        kept = [row for row in csv.DictReader(handle) if (row.get("source") or CURATED) == CURATED]
    for row in kept:
        row["source"] = CURATED
    spellings = {_key(s) for row in kept for s in (row["name"], row["acronym"], *row["aliases"].split("|")) if s}
    ids = {row["org_id"] for row in kept}
    generated, skipped = [], []
    for row in [*dac_rows(packages), *group_rows(packages)]:
        name, acronym = row["name"], row["acronym"]
        if _key(name) in spellings or (acronym and _key(acronym) in spellings):
            continue  # already in the registry
        aliases: list[str] = []  # a short name with spaces ('Montreal Protocol' for its fund) may name something else
        if acronym and (
            " " in acronym
            or not _ACRONYM.fullmatch(acronym)
            or len(acronym) < 3
            or sum(c.isupper() for c in acronym) < 2
            or _is_country_word(acronym)
            or _is_english_word(acronym)
        ):
            acronym = ""
        if _is_country_word(name):
            skipped.append(f"{name}: a country's name")
            continue
        org_id = org_id_for(name, acronym or None)
        if org_id in ids:
            skipped.append(f"{name} ({acronym}): id {org_id!r} is taken")
            continue
        ids.add(org_id)
        spellings |= {_key(s) for s in (name, acronym, *aliases) if s}
        generated.append(
            {"org_id": org_id, "name": name, "acronym": acronym, "aliases": "|".join(aliases), "source": row["source"]}
        )
    return [*kept, *sorted(generated, key=lambda r: r["org_id"])], skipped


def main(packages: str) -> None:
    rows, skipped = build(Path(packages))
    with REGISTRY.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    curated = sum(r["source"] == CURATED for r in rows)
    print(f"{REGISTRY}: {curated} curated rows kept, {len(rows) - curated} generated")
    for line in skipped:
        print(f"  skipped {line}")


if __name__ == "__main__":
    main(sys.argv[1])
