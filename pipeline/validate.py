"""Validation: every table's rows against its Pandera model, and the foreign keys that link tables.

A table is validated eagerly first (about a third cheaper, and nearly every
table passes); only a table that fails is validated again lazily, so the
report lists every failure case. Validation returns the coerced frame: what
is published is exactly what was validated. Failures name the source_id and
line of the failing row, so a bad document is found from the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import pandera.errors
import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES, TABLES_BY_NAME
from schemas.arrow import from_arrow

# source_id and line say which document line a failing row came from (empty for table-level failures).
FAILURE_COLUMNS = ["table", "column", "check", "failure_case", "index", "source_id", "line"]


@dataclass
class Failures:
    """Failure cases per table that did not pass, and the rows that failed (kept so the UI can show them).

    Every stage that validates (a batch of documents, the build state, the assembled tables)
    carries one of these; an empty one means everything passed.
    """

    cases: dict[str, pd.DataFrame] = field(default_factory=dict)
    invalid: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.cases

    def add(self, table: str, cases: pd.DataFrame, rows: pd.DataFrame | None = None) -> None:
        self.cases[table] = pd.concat([self.cases[table], cases], ignore_index=True) if table in self.cases else cases
        if rows is not None:
            self.invalid[table] = pd.concat([self.invalid[table], rows]) if table in self.invalid else rows

    def merge(self, other: Failures) -> Failures:
        for table, cases in other.cases.items():
            self.add(table, cases, other.invalid.get(table))
        return self

    def summary(self) -> str:
        return ", ".join(f"{table}: {len(cases)}" for table, cases in sorted(self.cases.items()))

    def report(self, limit: int = 20) -> str:
        frames = list(self.cases.values())
        return pd.concat(frames).head(limit).to_string(index=False) if frames else ""


class ValidationFailed(RuntimeError):
    """Raised where a failed validation must stop everything (a release is about to be written)."""

    def __init__(self, failures: Failures):
        self.failures = failures
        super().__init__(f"validation failed, nothing was released: {failures.summary()}\n{failures.report()}")


def validate_frame(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """(the coerced frame in contract column order, or None when it failed; the failure cases).

    A frame with no rows, the contract's columns and no types yet (pipeline.rows.rows_frame of no rows) has
    one outcome per model: it is validated once per process and the outcome reused. A batch of one document
    leaves four or five tables empty, each a Pandera call of a millisecond or two for nothing new.
    """
    if frame.empty and list(frame.columns) == TABLES_BY_NAME[name].columns and _untyped(frame):
        validated, cases = _validated_empty(name)
        return (None if validated is None else validated.copy()), cases.copy()
    return _validated(name, frame)


def _untyped(frame: pd.DataFrame) -> bool:
    return all(pd.api.types.is_object_dtype(dtype) for dtype in frame.dtypes)


@cache
def _validated_empty(name: str) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    return _validated(name, pd.DataFrame([], columns=TABLES_BY_NAME[name].columns).astype(object))


def _validated(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    schema = TABLES_BY_NAME[name].dataframe_schema
    try:
        validated = schema.validate(frame)
    except (pandera.errors.SchemaError, pandera.errors.SchemaErrors):  # coercion and column errors come as SchemaErrors
        try:
            schema.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as errors:
            cases = errors.failure_cases.rename(columns={"schema_context": "context"})
            cases.insert(0, "table", name)
            return None, _located(cases, frame).reindex(columns=FAILURE_COLUMNS).astype(str)
        raise  # the eager pass failed and the lazy one did not: never publish on that
    return validated[TABLES_BY_NAME[name].columns].reset_index(drop=True), _no_failures()


def validate_frames(frames: Mapping[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], Failures]:
    """Each frame against its model, then the foreign keys among those that passed."""
    valid, failures = {}, Failures()
    for name, frame in frames.items():
        validated, cases = validate_frame(name, frame)
        if validated is None:
            failures.add(name, cases, frame)
        else:
            valid[name] = validated
    for name, cases in foreign_key_failures(valid).items():
        failures.add(name, cases, valid.pop(name))
    return valid, failures


def validate_whole(tables: Mapping[str, pa.Table]) -> Failures:
    """Every published table in full, again: what a release must pass, whatever the build reused."""
    _, failures = validate_frames({name: from_arrow(table) for name, table in tables.items()})
    return failures


def foreign_key_failures(tables: Mapping[str, pd.DataFrame | pa.Table]) -> dict[str, pd.DataFrame]:
    """Rows whose foreign keys point at nothing, per table (e.g. a membership of an unknown org_id).

    Takes the validated pandas frames or the assembled Arrow tables; `index` is the row's position. The lookup is
    Arrow's (`is_in` on the column as it is): a whole build's tables are checked on every build, and turning
    their key columns into pandas objects first cost a third of assembling them.
    """
    failures = {}
    for spec in TABLES:
        frame = tables.get(spec.name)
        if frame is None:
            continue
        cases = []
        for column, target in spec.foreign_keys.items():
            target_table, target_column = target.split(".")
            if target_table not in tables:
                continue
            values = _arrow(frame[column])
            if values.null_count == len(values):  # nothing referenced (an all-null column has no type to compare)
                continue
            keys = pc.drop_null(_arrow(tables[target_table][target_column])).cast(values.type)
            broken = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=keys)))
            if pc.any(broken).as_py():
                positions = pc.indices_nonzero(broken).to_pylist()
                labels = positions if isinstance(frame, pa.Table) else frame.index[positions]  # a frame's own index
                broken_values = pd.Series(pc.filter(values, broken).to_pylist(), index=labels)
                cases += _foreign_key_cases(spec.name, frame, column, target, broken_values)
        if cases:
            failures[spec.name] = pd.DataFrame(cases, columns=FAILURE_COLUMNS)
    return failures


def _arrow(column: pd.Series | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    return column if isinstance(column, pa.ChunkedArray) else pa.array(column, from_pandas=True)


def _foreign_key_cases(table: str, frame, column: str, target: str, broken: pd.Series) -> list[dict]:
    names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
    sources = _series(frame["source_id"]) if "source_id" in names else None
    lines = _series(frame["line"]) if "line" in names else None
    return [
        {
            "table": table,
            "column": column,
            "check": f"foreign_key({target})",
            "failure_case": str(value),
            "index": str(index),
            "source_id": "" if sources is None else str(sources[index]),
            "line": "" if lines is None else str(lines[index]),
        }
        for index, value in broken.items()
    ]


def _located(cases: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Failure cases with the source_id and line of the row each points at, where the table has them."""
    if "index" not in cases or not {"source_id", "line"} <= set(frame.columns):
        return cases
    labels = cases["index"].where(cases["index"].isin(frame.index))
    located = frame[["source_id", "line"]].reindex(labels.values)
    return cases.assign(source_id=_texts(located["source_id"]), line=_texts(located["line"]))


def _texts(values: pd.Series) -> list[str]:
    return ["" if pd.isna(value) else str(value) for value in values]


def _series(column: pd.Series | pa.ChunkedArray) -> pd.Series:
    return column if isinstance(column, pd.Series) else column.to_pandas()


def _no_failures() -> pd.DataFrame:
    return pd.DataFrame(columns=FAILURE_COLUMNS)
