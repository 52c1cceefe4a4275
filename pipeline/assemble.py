"""From the build state to the published tables: in key order, and checked as a whole.

Every row of a document table passed its Pandera model when its document was
extracted (pipeline.batch), and each document's keys were checked for
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

from pipeline.extract.base import Row
from pipeline.rows import DOCUMENT_TABLES, MEMBERSHIP_COLUMNS, PRIVATE_TABLES, cross_document_rows, rows_frame
from pipeline.state import BuildState
from pipeline.validate import FAILURE_COLUMNS, Failures, foreign_key_failures, validate_frames
from schemas import TABLES, TABLES_BY_NAME
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
    valid, failures = validate_frames(frames)
    if "organizations" in valid:
        tables["organizations"] = sorted_by_key("organizations", to_arrow("organizations", valid["organizations"]))
    if "quality_issues" in valid:
        conflicts = to_arrow("quality_issues", valid["quality_issues"])
        tables["quality_issues"] = sorted_by_key("quality_issues", pa.concat_tables([state.tables["quality_issues"], conflicts]))
        _check_unique_ids(tables["quality_issues"], failures)
    if failures.passed:
        for name, cases in foreign_key_failures(tables).items():
            failures.add(name, cases)
    return Assembled({spec.name: tables[spec.name] for spec in TABLES if spec.name in tables}, failures)


def _check_unique_ids(issues: pa.Table, failures: Failures) -> None:
    """Ids are unique by construction (each starts with its source_id; conflicts have a kind of their own): check it anyway."""
    ids = issues["issue_id"]
    if pc.count_distinct(ids).as_py() == len(ids):
        return
    repeated = [c["values"] for c in pc.value_counts(ids).to_pylist() if c["counts"] > 1]
    cases = [{"table": "quality_issues", "column": "issue_id", "check": "unique", "failure_case": v} for v in repeated]
    failures.add("quality_issues", pd.DataFrame(cases).reindex(columns=FAILURE_COLUMNS).fillna(""))


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
    organizations table uses of them, and there are many repeats.
    """
    inputs = {name: state.tables[name].to_pylist() for name in PRIVATE_TABLES if name != "_organization_mentions"}
    mentions = state.tables["_organization_mentions"].select(["org_id", "text"])
    inputs["_organization_mentions"] = mentions.group_by(["org_id", "text"]).aggregate([]).to_pylist()
    inputs["memberships"] = state.tables["memberships"].select(list(MEMBERSHIP_COLUMNS)).to_pylist()
    return inputs
