"""The release's datapackage.json: a Frictionless Data Package derived from the Pandera schemas.

Each table is two resources. `<table>` is its CSV copy (pipeline/release/csv_copy.py), a tabular
resource with the Table Schema, row count, size and sha256: frictionless 5 can check every row of a CSV
file, but not of a Parquet file (list cells and nullable integers come back through pandas as NumPy
arrays and NaN floats, and it never counts a Parquet file's bytes). `<table>-parquet` is the Parquet
file, the primary format, as a resource of type `file`: frictionless reads it as bytes and compares its
size and sha256 (declared `table`, or undeclared, it would parse it and fail as above).

Types come from the Arrow schema the Parquet files are written with, and
constraints from the columns' nullability, uniqueness and built-in checks
(a vocabulary's `isin` becomes constraints.enum), so the descriptor cannot
drift from what the release holds. Named custom checks
('since_matches_precision') have no Table Schema form and are left out. The same inputs give the same JSON
text: no timestamps, and
resources follow TABLES order.

This module does not import frictionless (a dev dependency); the tests
validate what it builds, with the `frictionless validate` command on a real release.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow as pa

from pipeline.publish.files import write_atomic
from pipeline.release import csv_copy
from schemas import TABLES, TABLES_BY_NAME
from schemas.arrow import arrow_schema

NAME = "canada-relations"
TITLE = "Canada's foreign relations and memberships"
DESCRIPTION = (
    "Canada's foreign relations and memberships as validated, versioned tables, extracted from "
    "Wikipedia articles and Government of Canada texts. Every fact row names the raw document "
    "(source_id) and the 1-based line (line) it was read from; what could not be resolved is "
    "in quality_issues."
)
LICENSES = (
    {
        "name": "CC-BY-SA-4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
        "title": (
            "Creative Commons Attribution-ShareAlike 4.0 (Wikipedia-derived texts and the tables extracted from them)"
        ),
    },
    {
        "name": "OGL-Canada-2.0",
        "path": "https://open.canada.ca/en/open-government-licence-canada",
        "title": "Open Government Licence - Canada (Government of Canada texts)",
    },
)
FORMAT = "parquet"
MEDIATYPE = "application/vnd.apache.parquet"
PARQUET_RESOURCE_SUFFIX = "-parquet"
MISSING_VALUES = ("",)  # csv_copy writes a null as an empty cell

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _field_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return "array"
    raise ValueError(f"no Frictionless field type for Arrow type {arrow_type}")


def _plain(value):
    """A check statistic as a JSON value (numpy scalars become Python ones)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value


def _check_constraints(column) -> dict:
    """Constraints from the built-in Pandera checks that Table Schema can express; others are skipped."""
    constraints: dict = {}
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "str_matches":
            constraints["pattern"] = stats["pattern"]
        elif check.name == "isin":
            constraints["enum"] = _plain(list(stats["allowed_values"]))
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = _plain(stats["min_value"])
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = _plain(stats["max_value"])
        elif check.name == "in_range":
            if stats.get("include_min", True) and stats.get("min_value") is not None:
                constraints["minimum"] = _plain(stats["min_value"])
            if stats.get("include_max", True) and stats.get("max_value") is not None:
                constraints["maximum"] = _plain(stats["max_value"])
        elif check.name == "str_length":
            exact = stats.get("exact_value")
            low = exact if exact is not None else stats.get("min_value")
            high = exact if exact is not None else stats.get("max_value")
            if low is not None:
                constraints["minLength"] = _plain(low)
            if high is not None:
                constraints["maxLength"] = _plain(high)
    return constraints


def field_descriptor(name: str, column, arrow_type: pa.DataType) -> dict:
    """One Table Schema field from a pandera Column and the column's Arrow type."""
    constraints = {"required": not column.nullable}
    if column.unique:
        constraints["unique"] = True
    constraints.update(_check_constraints(column))
    field = {"name": name, "type": _field_type(arrow_type)}
    if field["type"] == "array":
        # frictionless checks each item against arrayItem; Table Schema itself only says "a JSON array".
        field["arrayItem"] = {"type": _field_type(arrow_type.value_type)}
    if column.description:
        field["description"] = column.description
    field["constraints"] = constraints
    return field


def resource_schema(table_name: str) -> dict:
    """Frictionless Table Schema for one table, fields in contract order."""
    spec = TABLES_BY_NAME[table_name]
    columns = spec.dataframe_schema.columns
    arrow = arrow_schema(table_name)
    fields = [field_descriptor(f.name, columns[f.name], f.type) for f in arrow]
    if len(spec.primary_key) == 1:  # a one-column key is also a unique column
        key_field = next(f for f in fields if f["name"] == spec.primary_key[0])
        key_field["constraints"] = {"required": True, "unique": True, **key_field["constraints"]}
    names = {f["name"] for f in fields}
    missing = [c for c in spec.primary_key if c not in names]
    if missing:
        raise ValueError(f"{table_name}: primary key names missing columns {missing}")
    foreign_keys = []
    for column, target in spec.foreign_keys.items():
        resource, _, target_column = target.partition(".")
        if (
            column not in names
            or resource not in TABLES_BY_NAME
            or target_column not in TABLES_BY_NAME[resource].columns
        ):
            raise ValueError(f"{table_name}: foreign key {column} -> {target} names a missing table or column")
        foreign_keys.append({"fields": [column], "reference": {"resource": resource, "fields": [target_column]}})
    schema = {"fields": fields, "primaryKey": list(spec.primary_key)}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    schema["missingValues"] = list(MISSING_VALUES)
    return schema


@dataclass(frozen=True)
class ResourceFile:
    """One published file of a table (its Parquet file or its CSV copy), as the release wrote it."""

    table: str
    path: str  # relative file name in the release folder, e.g. "memberships.parquet" or "memberships.csv"
    sha256: str
    bytes: int
    rows: int


def _check_files(files: list[ResourceFile]) -> dict[str, ResourceFile]:
    """One well-formed file per table in TABLES, by table name."""
    by_table: dict[str, ResourceFile] = {}
    for f in files:
        if f.table not in TABLES_BY_NAME:
            raise ValueError(f"file {f.path}: unknown table {f.table!r}")
        if f.table in by_table:
            raise ValueError(f"table {f.table!r} given twice")
        path = PurePosixPath(f.path)
        if not f.path or path.is_absolute() or ".." in path.parts or "\\" in f.path:
            raise ValueError(f"table {f.table!r}: path {f.path!r} is not a relative path inside the release")
        if not _SHA256.match(f.sha256):
            raise ValueError(f"table {f.table!r}: sha256 {f.sha256!r} is not 64 lowercase hex digits")
        for label, value in (("bytes", f.bytes), ("rows", f.rows)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"table {f.table!r}: {label} {value!r} is not a non-negative integer")
        by_table[f.table] = f
    missing = [spec.name for spec in TABLES if spec.name not in by_table]
    if missing:
        raise ValueError(f"no file for tables {missing}")
    return by_table


def _missing(value) -> bool:
    """None, pd.NA or NaN: what a pandas record holds where the sources table has a null."""
    return value is None or (not isinstance(value, (str, list, tuple, dict)) and bool(pd.isna(value)))


def _source(given: dict) -> dict:
    """{title, path} first, then the other keys as given; missing values (None, NA) are left out."""
    extra = {k: _plain(v) for k, v in given.items() if k not in ("title", "path", "file_name") and not _missing(v)}
    path = given.get("path")
    if _missing(path):
        path = given.get("file_name")
    if _missing(path) or not str(path):
        raise ValueError(f"source {given!r} has neither path nor file_name")
    title = given.get("title")
    if _missing(title) or not str(title):
        title = path
    return {"title": str(title), "path": str(path), **extra}


def _check_copies(parquet: dict[str, ResourceFile], csv: dict[str, ResourceFile]) -> None:
    """The CSV copy is described as the table, so it must hold the Parquet file's rows."""
    for name, f in parquet.items():
        if csv[name].rows != f.rows:
            raise ValueError(f"table {name!r}: the CSV copy has {csv[name].rows} rows, the Parquet file {f.rows}")
        if csv[name].path == f.path:
            raise ValueError(f"table {name!r}: the CSV copy and the Parquet file are both {f.path!r}")


def _file_facts(f: ResourceFile) -> dict:
    """`hash` as "sha256:<hex>", the form frictionless compares with the sha256 of the bytes it reads."""
    return {"hash": f"sha256:{f.sha256}", "bytes": f.bytes}


def table_resource(table_name: str, csv: ResourceFile) -> dict:
    """The table as a tabular resource on its CSV copy: frictionless checks every row, both keys and the file."""
    spec = TABLES_BY_NAME[table_name]
    return {
        "name": spec.name,
        "type": "table",
        "path": csv.path,
        "format": "csv",
        "mediatype": csv_copy.MEDIATYPE,
        "encoding": csv_copy.ENCODING,
        **_file_facts(csv),
        "rows": csv.rows,
        "description": spec.description,
        "dialect": dict(csv_copy.DIALECT),
        "schema": resource_schema(spec.name),
    }


def parquet_resource(table_name: str, parquet: ResourceFile) -> dict:
    """The Parquet file as a plain file: frictionless checks its size and sha256, not its rows.

    No `rows` here: frictionless counts rows only of what it parses, and would report a file's as missing.
    """
    return {
        "name": f"{table_name}{PARQUET_RESOURCE_SUFFIX}",
        "type": "file",
        "path": parquet.path,
        "format": FORMAT,
        "mediatype": MEDIATYPE,
        **_file_facts(parquet),
        "description": (
            f"The {table_name} table in Parquet, the primary format: the rows of the {table_name} resource "
            f"({parquet.rows}), with the Arrow types its schema was derived from."
        ),
    }


def datapackage(
    version: str,
    parquet_files: list[ResourceFile],
    csv_files: list[ResourceFile],
    sources: list[dict],
    code_version: str | None = None,
) -> dict:
    """The release's whole descriptor; every table in TABLES needs exactly one Parquet file and one CSV copy.

    sources: one dict per raw document with "title" and "path" (or "file_name"),
    plus any other keys (publisher, sha256, ...), kept in the order given.
    code_version, when given, is a custom top-level property.
    """
    if not version:
        raise ValueError("a data package needs a version")
    parquet, csv = _check_files(parquet_files), _check_files(csv_files)
    _check_copies(parquet, csv)
    resources = []
    for spec in TABLES:
        resources += [table_resource(spec.name, csv[spec.name]), parquet_resource(spec.name, parquet[spec.name])]
    descriptor = {
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version,
    }
    if code_version:
        descriptor["code_version"] = code_version
    descriptor["licenses"] = [dict(license) for license in LICENSES]
    descriptor["sources"] = [_source(s) for s in sources]
    descriptor["resources"] = resources
    return descriptor


def datapackage_json(descriptor: dict) -> str:
    """The descriptor as written: two-space indent, keys in build order, UTF-8 text, final newline."""
    return json.dumps(descriptor, indent=2, sort_keys=False, ensure_ascii=False, allow_nan=False) + "\n"


def write_datapackage(descriptor: dict, path: Path) -> None:
    write_atomic(path, datapackage_json(descriptor).encode("utf-8"))
