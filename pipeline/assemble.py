"""From the build state to the twelve published tables: sorted by key and checked as a whole.

Every row of a document table passed its Pandera schema when its document was
extracted (pipeline.incremental), and each document's keys were checked for
uniqueness together; since every document table's key includes `source_id`
(an issue id starts with it), keys stay unique when documents are put side by
side. What only the whole can show is built and checked here, on every build:
`organizations` and the conflict rows of `quality_issues` (rebuilt and
validated in full), and the foreign keys between tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.combine import DOCUMENT_TABLES, MEMBERSHIP_COLUMNS, PRIVATE_TABLES, cross_document_rows, to_frame
from pipeline.extract.base import Row
from pipeline.incremental import BuildState, sorted_by
from pipeline.publish.arrow import to_arrow
from pipeline.validate import foreign_key_failures, validate_tables
from schemas import TABLES, TABLES_BY_NAME


@dataclass
class Assembled:
    """The published tables as Arrow, in TABLES order; `failures` per table that did not pass (nothing is published then)."""

    tables: dict[str, pa.Table]
    failures: dict[str, pd.DataFrame] = field(default_factory=dict)
    invalid: dict[str, pd.DataFrame] = field(default_factory=dict)  # unvalidated rows of a cross-document table that failed

    @property
    def passed(self) -> bool:
        return not self.failures


def assemble(state: BuildState) -> Assembled:
    sorted_here = [name for name in DOCUMENT_TABLES if name != "quality_issues"]  # it gets the conflict rows first
    tables = {name: in_key_order(name, state.tables[name]) for name in sorted_here}
    cross_document = {name: to_frame(name, rows) for name, rows in cross_document_rows(cross_document_inputs(state)).items()}
    validations = validate_tables(cross_document)
    failures, invalid = {}, {}
    for name, validation in validations.items():
        if not validation.passed:
            failures[name] = validation.failures
            invalid[name] = validation.frame if validation.frame is not None else cross_document[name]
    if "organizations" not in failures:
        tables["organizations"] = to_arrow("organizations", validations["organizations"].frame)
    if "quality_issues" not in failures:
        conflicts = to_arrow("quality_issues", validations["quality_issues"].frame)
        tables["quality_issues"] = sorted_by_key("quality_issues", pa.concat_tables([state.tables["quality_issues"], conflicts]))
        failures.update(_duplicate_ids(tables["quality_issues"]))
    if not failures:
        failures = foreign_key_failures(tables)
    return Assembled({spec.name: tables[spec.name] for spec in TABLES if spec.name in tables}, failures, invalid)


def _duplicate_ids(issues: pa.Table) -> dict[str, pd.DataFrame]:
    """Ids are unique by construction (each starts with its source_id; conflicts have a kind of their own): check it anyway."""
    ids = issues["issue_id"]
    if pc.count_distinct(ids).as_py() == len(ids):
        return {}
    counts = pc.value_counts(ids).to_pylist()
    repeated = [c["values"] for c in counts if c["counts"] > 1]
    return {"quality_issues": pd.DataFrame([{"table": "quality_issues", "column": "issue_id", "check": "unique", "failure_case": v, "index": "", "source_id": "", "line": ""} for v in repeated])}


def in_key_order(table_name: str, state_table: pa.Table) -> pa.Table:
    """A state table (in document order, see pipeline.incremental) in primary-key order, as one chunk.

    Where the key starts with source_id, document order is key order: the slices are only joined.
    """
    if TABLES_BY_NAME[table_name].primary_key[0] == "source_id":
        return state_table.combine_chunks()
    return sorted_by_key(table_name, state_table)


def sorted_by_key(table_name: str, table: pa.Table) -> pa.Table:
    return sorted_by(table, list(TABLES_BY_NAME[table_name].primary_key))


def cross_document_inputs(state: BuildState) -> dict[str, list[Row]]:
    """What cross_document_rows reads, as rows: memberships' key columns, the private tables.

    Mentions are reduced to distinct (org_id, text) pairs first: that is all the
    organizations table uses of them, and there are many repeats.
    """
    inputs = {name: state.tables[name].to_pylist() for name in PRIVATE_TABLES if name != "_organization_mentions"}
    mentions = state.tables["_organization_mentions"].select(["org_id", "text"])
    inputs["_organization_mentions"] = mentions.group_by(["org_id", "text"]).aggregate([]).to_pylist()
    inputs["memberships"] = state.tables["memberships"].select(list(MEMBERSHIP_COLUMNS)).to_pylist()
    return inputs

