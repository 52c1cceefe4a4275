"""Arrow schemas derived from the Pandera models, so Parquet and DuckDB types come from the contract."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from schemas import TABLES_BY_NAME

_ARROW_TYPES = {"string": pa.string(), "string[python]": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "bool": pa.bool_(), "boolean": pa.bool_(), "float64": pa.float64(), "Float64": pa.float64()}


def arrow_schema(table_name: str) -> pa.Schema:
    spec = TABLES_BY_NAME[table_name]
    columns = spec.schema.to_schema().columns
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


def to_arrow(table_name: str, frame: pd.DataFrame) -> pa.Table:
    """A validated frame as an Arrow table with the contract's types and no pandas-specific metadata."""
    schema = arrow_schema(table_name)
    columns = [pa.array(_python_values(frame[f.name]), type=f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _python_values(series: pd.Series) -> list:
    return [None if _is_missing(v) else (list(v) if isinstance(v, (list, tuple)) else v) for v in series.astype(object)]


def _is_missing(value) -> bool:
    return not isinstance(value, (list, tuple)) and pd.isna(value)
