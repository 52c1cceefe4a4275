"""Validate every combined table against its Pandera schema and the keys that link tables.

A table that fails is validated lazily, so one run reports every failure case;
validation returns the coerced frames: what is published is exactly what was validated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pandera.errors
import pyarrow as pa

from schemas import TABLES, TABLES_BY_NAME

# source_id and line say which document line a failing row came from (empty for table-level failures).
FAILURE_COLUMNS = ["table", "column", "check", "failure_case", "index", "source_id", "line"]


@dataclass
class TableValidation:
    table: str
    frame: pd.DataFrame | None  # the coerced frame, None when the schema itself failed
    failures: pd.DataFrame

    @property
    def passed(self) -> bool:
        return self.frame is not None and self.failures.empty


def validate_table(name: str, frame: pd.DataFrame) -> TableValidation:
    """Validate eagerly first (about a third cheaper, and nearly every table passes); only a table
    that fails is validated again lazily, so the report lists every failure case."""
    schema = TABLES_BY_NAME[name].dataframe_schema
    try:
        validated = schema.validate(frame)
    except (pandera.errors.SchemaError, pandera.errors.SchemaErrors):  # coercion and column errors come as SchemaErrors
        try:
            validated = schema.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as errors:
            cases = errors.failure_cases.rename(columns={"schema_context": "context"})
            cases.insert(0, "table", name)
            return TableValidation(name, None, _located(cases, frame).reindex(columns=FAILURE_COLUMNS).astype(str))
        raise  # the eager pass failed and the lazy one did not: never publish on that
    return TableValidation(name, validated[TABLES_BY_NAME[name].columns].reset_index(drop=True), _empty_failures())


def foreign_key_failures(tables: Mapping[str, pd.DataFrame | pa.Table]) -> dict[str, pd.DataFrame]:
    """Rows whose foreign keys point at nothing, per table (e.g. a membership of an unknown org_id).

    Takes the validated pandas frames or the assembled Arrow tables; `index` is the row's position.
    """
    failures = {}
    for spec in TABLES:
        frame = tables.get(spec.name)
        cases = []
        for column, target in spec.foreign_keys.items():
            target_table, target_column = target.split(".")
            if frame is None or target_table not in tables:
                continue
            values = _series(frame[column])
            broken = values.notna() & ~values.isin(_series(tables[target_table][target_column]).dropna())
            names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
            sources = _series(frame["source_id"]) if "source_id" in names else None
            lines = _series(frame["line"]) if "line" in names else None
            cases += [
                {"table": spec.name, "column": column, "check": f"foreign_key({target})", "failure_case": str(value), "index": str(index), "source_id": "" if sources is None else str(sources[index]), "line": "" if lines is None else str(lines[index])}
                for index, value in values[broken].items()
            ]
        if cases:
            failures[spec.name] = pd.DataFrame(cases, columns=FAILURE_COLUMNS)
    return failures


def validate_tables(tables: dict[str, pd.DataFrame]) -> dict[str, TableValidation]:
    results = {name: validate_table(name, frame) for name, frame in tables.items()}
    validated = {name: r.frame for name, r in results.items() if r.frame is not None}
    for name, cases in foreign_key_failures(validated).items():
        results[name].failures = pd.concat([results[name].failures, cases], ignore_index=True)
    return results


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


def _empty_failures() -> pd.DataFrame:
    return pd.DataFrame(columns=FAILURE_COLUMNS)
