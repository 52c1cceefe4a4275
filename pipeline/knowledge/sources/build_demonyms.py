"""Write pipeline/knowledge/demonyms.csv and territories.csv from a maintained country dataset (plus a curated file).

Source: the npm package `world-countries` (github.com/mledoze/countries), file countries.json, English
demonyms (`demonyms.eng.m` and `.f`) of every ISO 3166-1 country and territory. Get it with

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    python pipeline/knowledge/sources/build_demonyms.py package/countries.json

and record the version in pipeline/knowledge/README.md when it changes.

Rules, so that a demonym never resolves to a guess:
- A demonym shared by an independent country and territories only ('French': France and the French Southern
  Territories) is the independent country's.
- A demonym shared by two independent countries ('Congolese', 'Dominican') or by territories only
  ('Virgin Islander') is ambiguous: written with an empty code, it resolves to nothing.
- A one-word demonym that ends another country's longer one ('Guinean' in 'Equatorial Guinean' and 'Papua New
  Guinean', 'Sudanese' in 'South Sudanese') is ambiguous too.
- demonyms_curated.csv (beside this script) adds what no maintained list has: dissolved states with their
  ISO 3166-3 codes ('Soviet' SUN, 'Yugoslav' YUG) and words known to be ambiguous ('Georgian'). Its rows win.

Codes are ours: pycountry's alpha-3 for the dataset's alpha-2, else the country's common name resolved by
pipeline.resolve.countries (Kosovo is XKX, not the dataset's UNK).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "demonyms.csv"
TERRITORIES = HERE.parent / "territories.csv"
CURATED = HERE / "demonyms_curated.csv"
SOURCE = "world-countries"


def our_code(country: dict) -> str | None:
    """The code the pipeline uses for a world-countries entry: ISO 3166-1 by its alpha-2, else the resolver's code for
    its common name (Kosovo's XKX)."""
    from pipeline.resolve.countries import resolve_country

    record = pycountry.countries.get(alpha_2=country["cca2"])
    if record is not None:
        return record.alpha_3
    resolved = resolve_country(country["name"]["common"])
    return resolved.code if resolved else None


def demonym_rows(countries: list[dict], version: str) -> list[dict[str, str]]:
    codes: dict[str, set[str]] = defaultdict(set)
    independent: set[str] = set()
    for country in countries:
        code = our_code(country)
        english = (country.get("demonyms") or {}).get("eng")
        if code is None or not english:
            continue
        if country.get("independent"):
            independent.add(code)
        for form in (english.get("m", ""), english.get("f", "")):
            for demonym in (part.strip() for part in form.split(",")):
                if demonym:
                    codes[demonym].add(code)
    rows = []
    longer = [d.split() for d in codes if len(d.split()) > 1]
    for demonym, found in sorted(codes.items()):
        sovereign = found & independent
        inside = sorted({" ".join(words) for words in longer if words[-1] == demonym})
        if inside:
            rows.append(_row(demonym, "", f"ambiguous: also ends {', '.join(inside)}", version))
        elif len(found) == 1:
            rows.append(_row(demonym, next(iter(found)), "", version))
        elif len(sovereign) == 1:
            rows.append(
                _row(demonym, next(iter(sovereign)), f"also used for {', '.join(sorted(found - sovereign))}", version)
            )
        else:
            rows.append(_row(demonym, "", f"ambiguous: {', '.join(sorted(found))}", version))
    return rows


def _row(demonym: str, code: str, note: str, source: str) -> dict[str, str]:
    return {"demonym": demonym, "code": code, "source": source, "note": note}


def main(countries_json: str) -> None:
    path = Path(countries_json)
    package = (
        json.loads((path.parent / "package.json").read_text(encoding="utf-8"))
        if (path.parent / "package.json").exists()
        else {}
    )
    version = f"{SOURCE} {package.get('version', 'unknown')}"
    rows = {row["demonym"]: row for row in demonym_rows(json.loads(path.read_text(encoding="utf-8")), version)}
    with CURATED.open(newline="", encoding="utf-8") as handle:
        for curated in csv.DictReader(handle):
            rows[curated["demonym"]] = _row(curated["demonym"], curated["code"], curated["note"], "curated")
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["demonym", "code", "source", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows.values(), key=lambda r: r["demonym"]))
    print(f"{OUTPUT}: {len(rows)} demonyms from {version} and {CURATED.name}")
    territories = territory_rows(json.loads(path.read_text(encoding="utf-8")), version)
    with TERRITORIES.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "name", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(territories)
    print(f"{TERRITORIES}: {len(territories)} dependent territories (the dataset's independent = false)")


def territory_rows(countries: list[dict], version: str) -> list[dict[str, str]]:
    rows = []
    for country in countries:
        code = our_code(country)
        if code and country.get("independent") is False:
            rows.append({"code": code, "name": country["name"]["common"], "source": version})
    return sorted(rows, key=lambda r: r["code"])


if __name__ == "__main__":
    main(sys.argv[1])
