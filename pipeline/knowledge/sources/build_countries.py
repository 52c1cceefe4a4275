"""Write pipeline/knowledge/countries.csv, the reference data of the `countries` table, from two maintained packages.

Sources:
- pycountry (the version installed from requirements.lock): every ISO 3166-1 code with its alpha-2, name and
  official name, and every ISO 3166-3 code of a state that no longer exists (SUN, YUG, CSK, DDR, YMD, ...).
- the npm package `world-countries` (github.com/mledoze/countries), file countries.json: region and subregion of
  every ISO 3166-1 country and territory, and Kosovo, which ISO does not list (its user-assigned XK/XKX).

Get them with

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    .venv/bin/python pipeline/knowledge/sources/build_countries.py package/countries.json

and record the versions in pipeline/knowledge/README.md when they change; every row's `source` names both.

Rules, so that nothing is filled from a guess:
- official_name is ISO's full name where ISO gives one (pycountry's `official_name`), else ISO's name: ISO 3166
  lists a separate full name only where it differs ('Canada' is both).
- A code of a state that no longer exists keeps the ISO 3166-3 name as its official_name and has no region or
  subregion: world-countries covers current codes only.
- A code in a range ISO 3166 leaves to users (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ) is marked is_user_assigned.
- An empty region or subregion in world-countries (Antarctica's subregion) stays empty.
- Codes are ours: pycountry's alpha-3 for the dataset's alpha-2, else the country's common name resolved by
  pipeline.resolve.countries (Kosovo is XKX, not the dataset's UNK), as for demonyms.csv.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from importlib import metadata
from pathlib import Path

import pycountry

from pipeline.knowledge.sources.build_demonyms import our_code  # one rule for the code of an entry

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "countries.csv"
COLUMNS = (
    "country_code",
    "alpha_2",
    "iso_name",
    "official_name",
    "region",
    "subregion",
    "historical",
    "is_user_assigned",
    "source",
)
USER_ASSIGNED = re.compile(r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z][A-Z]|ZZ[A-Z])$")


def regions(countries: list[dict]) -> dict[str, dict]:
    """world-countries entries by our code."""
    return {code: country for country in countries if (code := our_code(country))}


def current_rows(by_code: dict[str, dict], source: str) -> list[dict[str, str]]:
    """Every ISO 3166-1 code, with region and subregion where world-countries has the code."""
    rows = []
    for record in pycountry.countries:
        place = by_code.get(record.alpha_3, {})
        official = getattr(record, "official_name", None) or record.name
        rows.append(_row(record.alpha_3, record.alpha_2, record.name, official, place, historical=False, source=source))
    return rows


def historical_rows(current: set[str], source: str) -> list[dict[str, str]]:
    """ISO 3166-3 codes of states that no longer exist; a code ISO has since given again (ATF) stays current."""
    return [
        _row(record.alpha_3, record.alpha_2, record.name, record.name, {}, historical=True, source=source)
        for record in pycountry.historic_countries
        if record.alpha_3 not in current
    ]


def unlisted_rows(by_code: dict[str, dict], known: set[str], source: str) -> list[dict[str, str]]:
    """Codes world-countries has and ISO does not (Kosovo's user-assigned XKX)."""
    rows = []
    for code, place in sorted(by_code.items()):
        if code not in known:
            name = place["name"]
            rows.append(
                _row(code, place["cca2"], name["common"], name["official"], place, historical=False, source=source)
            )
    return rows


def _row(code: str, alpha_2: str, iso_name: str, official: str, place: dict, historical: bool, source: str) -> dict:
    return {
        "country_code": code,
        "alpha_2": alpha_2,
        "iso_name": iso_name,
        "official_name": official,
        "region": place.get("region", ""),
        "subregion": place.get("subregion", ""),
        "historical": "true" if historical else "false",
        "is_user_assigned": "true" if USER_ASSIGNED.match(code) else "false",
        "source": source,
    }


def main(countries_json: str) -> None:
    path = Path(countries_json)
    package = json.loads((path.parent / "package.json").read_text(encoding="utf-8"))
    source = f"world-countries {package['version']} + pycountry {metadata.version('pycountry')}"
    by_code = regions(json.loads(path.read_text(encoding="utf-8")))
    rows = current_rows(by_code, source)
    current = {row["country_code"] for row in rows}
    rows += historical_rows(current, source)
    rows += unlisted_rows(by_code, {row["country_code"] for row in rows}, source)
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["country_code"]))
    print(f"{OUTPUT}: {len(rows)} codes from {source}")


if __name__ == "__main__":
    main(sys.argv[1])
