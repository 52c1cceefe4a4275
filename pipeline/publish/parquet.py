"""Parquet files with fixed writer settings: the same rows give the same bytes."""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.arrow import to_arrow

WRITER_SETTINGS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}


def parquet_bytes(table_name: str, frame: pd.DataFrame) -> bytes:
    return arrow_parquet_bytes(to_arrow(table_name, frame))


def arrow_parquet_bytes(table: pa.Table) -> bytes:
    """The bytes depend on how the rows are split into chunks (pages follow them): always one chunk."""
    if any(column.num_chunks > 1 for column in table.columns):
        table = table.combine_chunks()
    buffer = io.BytesIO()
    pq.write_table(table, buffer, **WRITER_SETTINGS)
    return buffer.getvalue()
