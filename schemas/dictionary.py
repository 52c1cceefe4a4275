"""The data dictionary (schemas/DATA_DICTIONARY.md), generated from the models so it cannot drift from them.

    .venv/bin/python -m schemas.dictionary          # rewrite schemas/DATA_DICTIONARY.md
    .venv/bin/python -m schemas.dictionary --check  # exit 1 when the committed file is stale (the tests do this)

Everything about a column comes from its Field (type, nullability, allowed
values, pattern, bounds, description, foreign key); what one row is and the
key come from the model's Config. The rules that hold for every table are
written here once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from schemas import TABLES, TableSpec
from schemas.arrow import arrow_schema

DICTIONARY_PATH = Path(__file__).with_name("DATA_DICTIONARY.md")

RULES = """\
## Rules that hold for every table

- **Provenance on every fact row.** `source_id` (the raw document, a row of `sources`) and `line` (the 1-based line
  of the raw file where the evidence is) are never null. Where a table has an `evidence` column it holds the exact
  source text (a sentence, list item or table row) the row was read from.
- **Never invent.** A value the text does not give stays null. Nothing is filled from outside knowledge except the
  normalisations named here: ISO 3166 alpha-3 country codes (dissolved states keep their ISO 3166-3 codes, such as
  `SUN`; Kosovo is the user-assigned `XKX`), canonical organization ids, and ISO dates at the precision the text gives.
- **Never drop silently.** What was seen and not understood is a row of `quality_issues` (with its table, document
  and line), and a row that could not be fully resolved is still published, with nulls, and an issue.
- **Dates with their precision.** A date column holds an ISO 8601 string cut to the precision the text gives
  (`1947-08-15`, `1928-12`, `1992`) and its sibling `*_precision` column says `day`, `month` or `year`. A vaguer
  date (`the 1960s`) stays only in the raw text column. Two dates are compared at the coarser of their precisions.
- **Closed vocabularies stay open to new words.** A word a vocabulary lacks is published as `other`, the word as
  written stays in the sibling `*_raw` column, and `quality_issues` gets a row.
- **Deterministic.** Rows are sorted by the table's key (nulls last); the same raw files and code give the same
  Parquet bytes.
- **Whose relations.** A document may describe a country other than Canada; rows carry the subject country read
  from the document, never assumed.
"""


def dictionary() -> str:
    parts = [
        "# Data dictionary",
        "",
        "Generated from the Pandera models in `schemas/` by `python -m schemas.dictionary`; do not edit by hand.",
        "Every table is published as Parquet (`outputs/parquet/TABLE.parquet`, and in each release folder, with a CSV",
        "copy) and as a table of `outputs/canada_relations.duckdb`, with these columns in this order.",
        "",
        RULES,
        "## Tables",
        "",
        *(f"- [`{spec.name}`](#{spec.name}): {spec.description}" for spec in TABLES),
        "",
    ]
    for spec in TABLES:
        parts += table_section(spec)
    return "\n".join(parts).rstrip() + "\n"


def table_section(spec: TableSpec) -> list[str]:
    lines = [f"### {spec.name}", "", spec.description, "", f"Key: {', '.join(f'`{c}`' for c in spec.primary_key)}."]
    if spec.foreign_keys:
        links = ", ".join(f"`{column}` → `{target}`" for column, target in spec.foreign_keys.items())
        lines.append(f"References: {links}.")
    lines += ["", "| column | type | null | allowed values | meaning |", "|---|---|---|---|---|"]
    columns = spec.dataframe_schema.columns
    for field in arrow_schema(spec.name):
        column = columns[field.name]
        cells = [
            f"`{field.name}`",
            _type(field.type),
            "yes" if column.nullable else "no",
            _allowed(column),
            _cell(column.description),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _type(arrow_type) -> str:
    return (
        str(arrow_type)
        .replace("list<item: string>", "list of string")
        .replace("list<element: string>", "list of string")
    )


def _allowed(column) -> str:
    """What the column's built-in checks allow, in words; named custom checks are described in the meaning."""
    allowed = []
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            allowed.append(", ".join(f"`{v}`" for v in stats["allowed_values"]))
        elif check.name == "str_matches":
            allowed.append(f"matches `{stats['pattern']}`")
        elif check.name == "greater_than_or_equal_to":
            allowed.append(f"≥ {stats['min_value']}")
        elif check.name == "less_than_or_equal_to":
            allowed.append(f"≤ {stats['max_value']}")
        elif check.name == "str_length" and stats.get("min_value"):
            allowed.append("not empty")
        elif check.name.startswith("list_of_"):
            allowed.append(check.name.replace("_", " ").replace("iso3", "ISO 3166 alpha-3"))
        elif check.name == "iso4217_currency":
            allowed.append("an ISO 4217 code")
    return _cell("; ".join(allowed))


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def main(argv: list[str]) -> int:
    text = dictionary()
    if "--check" in argv:
        stale = not DICTIONARY_PATH.exists() or DICTIONARY_PATH.read_text(encoding="utf-8") != text
        if stale:
            print(
                f"{DICTIONARY_PATH} is stale: run `.venv/bin/python -m schemas.dictionary` and commit it",
                file=sys.stderr,
            )
        return 1 if stale else 0
    DICTIONARY_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DICTIONARY_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
