"""From the build state to the twelve published tables: sorted by key and checked as a whole.

Every row of a document table passed its Pandera schema when its document was
extracted (pipeline.incremental), and each document's keys were checked for
uniqueness together; since every document table's primary key includes
`source_id`, keys stay unique when documents are put side by side. What only
the whole can show is checked here, on every build: the two cross-document
tables (rebuilt and validated in full) and the foreign keys between tables.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.combine import DOCUMENT_TABLES, MEMBERSHIP_COLUMNS, PRIVATE_TABLES, cross_document_tables
from pipeline.extract.base import Row
from pipeline.incremental import BuildState
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
    with ThreadPoolExecutor(max_workers=1) as pool:  # Arrow sorts without the GIL while Python builds the rest
        sorting = pool.submit(lambda: {name: sorted_by_key(name, state.tables[name]) for name in DOCUMENT_TABLES})
        cross_document = cross_document_tables(cross_document_inputs(state))
        validations = validate_tables(cross_document)
        tables = sorting.result()
    failures, invalid = {}, {}
    for name, validation in validations.items():
        if validation.passed:
            tables[name] = to_arrow(name, validation.frame)
        else:
            failures[name] = validation.failures
            invalid[name] = validation.frame if validation.frame is not None else cross_document[name]
    if not failures:
        failures = foreign_key_failures(tables)
    return Assembled({spec.name: tables[spec.name] for spec in TABLES if spec.name in tables}, failures, invalid)


def sorted_by_key(table_name: str, table: pa.Table) -> pa.Table:
    """The order pandas gives with sort_values(kind="mergesort", na_position="last"): nulls last in every key."""
    keys = [(column, "ascending", "at_end") for column in TABLES_BY_NAME[table_name].primary_key]
    return table.take(pc.sort_indices(table, sort_keys=keys))


def cross_document_inputs(state: BuildState) -> dict[str, list[Row]]:
    """What cross_document_tables reads, as rows: memberships' key columns, the private tables.

    Mentions are reduced to distinct (org_id, text) pairs first: that is all the
    organizations table uses of them, and there are many repeats.
    """
    inputs = {name: state.tables[name].to_pylist() for name in PRIVATE_TABLES if name != "_organization_mentions"}
    mentions = state.tables["_organization_mentions"].select(["org_id", "text"])
    inputs["_organization_mentions"] = mentions.group_by(["org_id", "text"]).aggregate([]).to_pylist()
    inputs["memberships"] = state.tables["memberships"].select(list(MEMBERSHIP_COLUMNS)).to_pylist()
    return inputs

