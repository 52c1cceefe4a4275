"""The contract's physical form: Arrow schemas derived from the Pandera models, conversion, and the one row order.

Parquet and DuckDB types come from here, so they follow the models. The row
order is the primary key's, nulls last in every column: what the contract
calls deterministic.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES_BY_NAME

_ARROW_TYPES = {
    "string": pa.string(),
    "string[python]": pa.string(),
    "int64": pa.int64(),
    "Int64": pa.int64(),
    "bool": pa.bool_(),
    "boolean": pa.bool_(),
    "float64": pa.float64(),
    "Float64": pa.float64(),
}


@cache
def arrow_schema(table_name: str) -> pa.Schema:
    spec = TABLES_BY_NAME[table_name]
    columns = spec.dataframe_schema.columns
    fields = []
    for name in spec.columns:
        column = columns[name]
        metadata = column.metadata or {}
        if metadata.get("arrow_type") == "list<string>":
            arrow_type = pa.list_(pa.string())
        else:
            arrow_type = _ARROW_TYPES[str(column.dtype)]
        description = (column.description or "").encode()
        fields.append(pa.field(name, arrow_type, nullable=column.nullable, metadata={b"description": description}))
    return pa.schema(fields, metadata={b"table": table_name.encode(), b"description": spec.description.encode()})


def sorted_by(table: pa.Table, columns: list[str]) -> pa.Table:
    """Rows in the order of `columns`, ascending, nulls last in every column."""
    return table.take(pc.sort_indices(table, sort_keys=[(column, "ascending", "at_end") for column in columns]))


def sorted_by_key(table_name: str, table: pa.Table) -> pa.Table:
    """The contract's row order: the primary key's sort order."""
    return sorted_by(table, list(TABLES_BY_NAME[table_name].primary_key))


def to_arrow(table_name: str, frame: pd.DataFrame) -> pa.Table:
    """A validated frame as an Arrow table with the contract's types and no pandas-specific metadata."""
    schema = arrow_schema(table_name)
    columns = [_column(frame[f.name], f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _column(series: pd.Series, arrow_type: pa.DataType) -> pa.Array:
    """Whole-column conversion; only list columns go value by value (pandas holds them as Python objects)."""
    if pa.types.is_list(arrow_type):
        return pa.array(
            [None if not isinstance(v, (list, tuple)) and pd.isna(v) else list(v) for v in series], type=arrow_type
        )
    return pa.array(series, type=arrow_type, from_pandas=True)


def from_arrow(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas with list columns as Python lists (as extracted and validated), not NumPy arrays."""
    frame = table.to_pandas()
    for field in table.schema:
        if pa.types.is_list(field.type):
            frame[field.name] = pd.Series(table[field.name].to_pylist(), index=frame.index, dtype=object)
    return frame
