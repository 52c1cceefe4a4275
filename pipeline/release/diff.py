"""What changed between two builds: table and column schemas, and rows by primary key.

The semantic version of a release is computed from this diff, never chosen
by hand: consumers can trust that a PATCH release never changes a column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from pipeline.release.versions import MAJOR, MINOR, PATCH


@dataclass(frozen=True)
class TableSnapshot:
    """A table as published: its Arrow schema, primary key and rows."""

    schema: pa.Schema
    primary_key: tuple[str, ...]
    frame: pd.DataFrame


Row = tuple[tuple, dict]  # (primary key, every column's value): release notes show the values, not only the key
Change = tuple[tuple, dict[str, tuple]]  # (primary key, {column: (old value, new value)}) for the columns that changed


@dataclass
class TableDiff:
    table: str
    primary_key: tuple[str, ...] = ()  # of the new table (the old one when removed): the notes show a row by it
    added_table: bool = False
    removed_table: bool = False
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    columns_retyped: list[tuple[str, str, str]] = field(default_factory=list)
    # The shared columns in the old order and in the new one, when the order changed.
    columns_reordered: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    key_changed: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    rows_added: list[Row] = field(default_factory=list)
    rows_removed: list[Row] = field(default_factory=list)
    rows_changed: list[Change] = field(default_factory=list)

    @property
    def bump(self) -> str | None:
        if self.removed_table or self.columns_removed or self.columns_retyped or self.key_changed:
            return MAJOR
        if self.added_table or self.columns_added or self.columns_reordered:
            return MINOR
        if self.rows_added or self.rows_removed or self.rows_changed:
            return PATCH
        return None


def diff_tables(old: dict[str, TableSnapshot], new: dict[str, TableSnapshot]) -> list[TableDiff]:
    diffs = []
    for table in sorted(set(old) | set(new)):
        if table not in old:
            diffs.append(TableDiff(table, new[table].primary_key, added_table=True, rows_added=_rows(new[table])))
        elif table not in new:
            diffs.append(TableDiff(table, old[table].primary_key, removed_table=True, rows_removed=_rows(old[table])))
        else:
            diffs.append(_diff_table(table, old[table], new[table]))
    return diffs


def type_name(arrow_type: pa.DataType) -> str:
    """A type's name for comparison; list children are named 'item' or 'element' depending on who wrote the file."""
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return f"list<{type_name(arrow_type.value_type)}>"
    return str(arrow_type)


def bump_of(diffs: list[TableDiff]) -> str | None:
    bumps = {d.bump for d in diffs} - {None}
    for level in (MAJOR, MINOR, PATCH):
        if level in bumps:
            return level
    return None


def _diff_table(table: str, old: TableSnapshot, new: TableSnapshot) -> TableDiff:
    result = TableDiff(table, tuple(new.primary_key))
    old_types = {f.name: type_name(f.type) for f in old.schema}
    new_types = {f.name: type_name(f.type) for f in new.schema}
    result.columns_added = [c for c in new_types if c not in old_types]
    result.columns_removed = [c for c in old_types if c not in new_types]
    result.columns_retyped = [
        (c, old_types[c], new_types[c]) for c in new_types if c in old_types and old_types[c] != new_types[c]
    ]
    # Reading by name is unaffected, by position is not; and the Parquet bytes change, so it must be released.
    old_order = tuple(c for c in old_types if c in new_types)
    new_order = tuple(c for c in new_types if c in old_types)
    result.columns_reordered = (old_order, new_order) if old_order != new_order else None
    if tuple(old.primary_key) != tuple(new.primary_key):
        result.key_changed = (tuple(old.primary_key), tuple(new.primary_key))
        return result
    _diff_rows(result, old, new, [c for c in new_types if c in old_types])
    return result


def _diff_rows(result: TableDiff, old: TableSnapshot, new: TableSnapshot, shared_columns: list[str]) -> None:
    old_rows = _rows_by_key(old)
    new_rows = _rows_by_key(new)
    result.rows_added = [(k, new_rows[k]) for k in sorted((k for k in new_rows if k not in old_rows), key=_sortable)]
    result.rows_removed = [(k, old_rows[k]) for k in sorted((k for k in old_rows if k not in new_rows), key=_sortable)]
    for key in sorted((k for k in new_rows if k in old_rows), key=_sortable):
        changed = {
            c: (old_rows[key][c], new_rows[key][c]) for c in shared_columns if old_rows[key][c] != new_rows[key][c]
        }
        if changed:
            result.rows_changed.append((key, changed))


def _rows_by_key(snapshot: TableSnapshot) -> dict[tuple, dict]:
    integers = {f.name for f in snapshot.schema if pa.types.is_integer(f.type)}
    rows = {}
    for record in snapshot.frame.to_dict("records"):
        clean = {c: _integer(_plain(v)) if c in integers else _plain(v) for c, v in record.items()}
        rows[tuple(clean[c] for c in snapshot.primary_key)] = clean
    return rows


def _rows(snapshot: TableSnapshot) -> list[Row]:
    rows = _rows_by_key(snapshot)
    return [(key, rows[key]) for key in sorted(rows, key=_sortable)]


def _plain(value):
    """Comparable Python values: NA to None, arrays to tuples, numpy scalars to Python."""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        converted = value.tolist() if hasattr(value, "tolist") else value
        return tuple(converted) if isinstance(converted, (list, tuple)) else converted
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def _integer(value):
    """pandas holds a nullable integer column as floats (1.0, NaN); the notes show 1, as the Parquet file holds it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _sortable(key: tuple) -> tuple:
    return tuple((v is None, str(v) if v is not None else "") for v in key)
