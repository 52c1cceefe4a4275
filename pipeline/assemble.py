"""From the build state to the published tables: in key order, and checked as a whole.

Every row of a document table passed its Pandera model when its document was
extracted (pipeline.batch), and each document's keys were checked for
uniqueness together; since every document table's key includes `source_id`
(an issue id starts with it), keys stay unique when documents are put side by
side. What only the whole can show is built and checked here, on every build:
`organizations`, `countries` and the conflict rows of `quality_issues` (rebuilt
and validated in full), and the foreign keys between tables.

`countries` holds one row per code found in any column that references
countries.country_code (a scalar column, or the items of a list column such as
agreements.parties), so every code joins to a name. A code that has no reference
data fails the build: the countries check names the code and where it is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.extract.base import Row
from pipeline.rows import (
    DOCUMENT_TABLES,
    MEMBERSHIP_COLUMNS,
    PRIVATE_TABLES,
    codes_without_reference,
    countries_rows,
    cross_document_rows,
    rows_frame,
)
from pipeline.state import BuildState
from pipeline.validate import FAILURE_COLUMNS, Failures, foreign_key_failures, validate_frames
from schemas import TABLES, TABLES_BY_NAME
from schemas._base import COUNTRY_KEY
from schemas.arrow import sorted_by_key, to_arrow


@dataclass
class Assembled:
    """The published tables as Arrow, in TABLES order; `failures` for what did not pass (nothing is published then)."""

    tables: dict[str, pa.Table]
    failures: Failures = field(default_factory=Failures)

    @property
    def passed(self) -> bool:
        return self.failures.passed


def assemble(state: BuildState) -> Assembled:
    sorted_here = [name for name in DOCUMENT_TABLES if name != "quality_issues"]  # it gets the conflict rows first
    tables = {name: in_key_order(name, state.tables[name]) for name in sorted_here}
    frames = {name: rows_frame(name, rows) for name, rows in cross_document_rows(cross_document_inputs(state)).items()}
    codes = country_codes_in_use(tables)
    frames["countries"] = rows_frame("countries", countries_rows(codes))
    valid, failures = validate_frames(frames)
    for name in ("organizations", "countries"):
        if name in valid:
            tables[name] = sorted_by_key(name, to_arrow(name, valid[name]))
    _check_reference_data(tables, codes, failures)
    if "quality_issues" in valid:
        conflicts = to_arrow("quality_issues", valid["quality_issues"])
        tables["quality_issues"] = sorted_by_key(
            "quality_issues", pa.concat_tables([state.tables["quality_issues"], conflicts])
        )
        _check_unique_ids(tables["quality_issues"], failures)
    if failures.passed:
        for name, cases in foreign_key_failures(tables).items():
            failures.add(name, cases)
    return Assembled({spec.name: tables[spec.name] for spec in TABLES if spec.name in tables}, failures)


def _check_unique_ids(issues: pa.Table, failures: Failures) -> None:
    """Ids are unique by construction (each starts with its source_id; conflicts have a kind of their own): check it
    anyway."""
    ids = issues["issue_id"]
    if pc.count_distinct(ids).as_py() == len(ids):
        return
    repeated = [c["values"] for c in pc.value_counts(ids).to_pylist() if c["counts"] > 1]
    cases = [{"table": "quality_issues", "column": "issue_id", "check": "unique", "failure_case": v} for v in repeated]
    failures.add("quality_issues", pd.DataFrame(cases).reindex(columns=FAILURE_COLUMNS).fillna(""))


def country_codes_in_use(tables: dict[str, pa.Table]) -> list[str]:
    """Every distinct code in a column that references countries.country_code, list items included."""
    codes: set[str] = set()
    for table, column in _code_columns(tables):
        codes.update(_values(tables[table][column]))
    return sorted(codes)


def _code_columns(tables: dict[str, pa.Table]) -> list[tuple[str, str]]:
    """(table, column) of every column these tables have that references countries.country_code, in TABLES order."""
    return [(spec.name, c) for spec in TABLES if spec.name in tables for c in spec.columns_referencing(COUNTRY_KEY)]


def _values(column: pa.ChunkedArray) -> list[str]:
    """A column's distinct non-null values; a list column's distinct items."""
    if pa.types.is_list(column.type):
        column = pc.list_flatten(column)
    return [value for value in pc.unique(column).to_pylist() if value is not None]


def _check_reference_data(tables: dict[str, pa.Table], codes: list[str], failures: Failures) -> None:
    """A failure of the countries table per code with no reference data, naming where the code is first used."""
    missing = codes_without_reference(codes)
    if not missing:
        return
    cases = [{"table": "countries", "column": "country_code", "failure_case": code} for code in missing]
    cases = [case | _first_use(tables, case["failure_case"]) for case in cases]
    frame = pd.DataFrame(cases).reindex(columns=FAILURE_COLUMNS).fillna("")
    failures.add("countries", frame, frame)


def _first_use(tables: dict[str, pa.Table], code: str) -> dict[str, str]:
    """The check text (which column uses the code, and where to add it), with the first row that uses it."""
    for table, column in _code_columns(tables):
        for row in tables[table].select([column, "source_id", "line"]).to_pylist():
            value = row[column]
            if value == code or (isinstance(value, list) and code in value):
                check = f"no row in pipeline/knowledge/countries.csv (used by {table}.{column})"
                return {"check": check, "source_id": row["source_id"], "line": str(row["line"])}
    return {"check": "no row in pipeline/knowledge/countries.csv"}


def in_key_order(table_name: str, state_table: pa.Table) -> pa.Table:
    """A state table (in document order, see pipeline.state) in primary-key order, as one chunk.

    Where the key starts with source_id, document order is key order: the slices are only joined.
    """
    if TABLES_BY_NAME[table_name].primary_key[0] == "source_id":
        return state_table.combine_chunks()
    return sorted_by_key(table_name, state_table)


def cross_document_inputs(state: BuildState) -> dict[str, list[Row]]:
    """What cross_document_rows reads, as rows: memberships' key columns, the private tables.

    Mentions are reduced to distinct (org_id, text) pairs first: that is all the
    organizations table uses of them, and there are many repeats. Memberships are
    reduced to the rows with a start date (all that conflicts compare) and, of the
    rest, one row per organization (all the organizations table reads of them is
    the org_id): a statement without a date is most of a large build's rows.
    """
    inputs = {name: state.tables[name].to_pylist() for name in PRIVATE_TABLES if name != "_organization_mentions"}
    mentions = state.tables["_organization_mentions"].select(["org_id", "text"])
    inputs["_organization_mentions"] = mentions.group_by(["org_id", "text"]).aggregate([]).to_pylist()
    memberships = state.tables["memberships"].select(list(MEMBERSHIP_COLUMNS))
    dated = pc.is_valid(memberships["since"])
    undated = memberships.filter(pc.invert(dated))
    first_per_organization: dict[str, int] = {}
    for position, org_id in enumerate(undated["org_id"].to_pylist()):
        first_per_organization.setdefault(org_id, position)
    inputs["memberships"] = [
        *memberships.filter(dated).to_pylist(),
        *undated.take(pa.array(sorted(first_per_organization.values()), pa.int64())).to_pylist(),
    ]
    return inputs
