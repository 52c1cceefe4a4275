"""A new release passes the standard `frictionless validate <release>/datapackage.json`, which reads every row.

The real command runs in a subprocess, as a downstream user would run it, on a release cut from the real
raw files; a release broken in several ways fails it, each error naming the resource it is in.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Package

from pipeline.release.releases import cut_release, releases_dir
from schemas import TABLES

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def frictionless_validate(descriptor: Path) -> tuple[int, dict]:
    """Exit status and JSON report of the frictionless command installed beside this Python."""
    command = [str(FRICTIONLESS), "validate", "--json", str(descriptor)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout)


def errors_by_resource(report: dict) -> set[tuple[str, str, str | None]]:
    """(resource, error type, field) of every error in the report."""
    return {(task["name"], e["type"], e.get("fieldName")) for task in report["tasks"] for e in task["errors"]}


@pytest.fixture(scope="module")
def release(arrow_tables, tmp_path_factory) -> Path:
    """A release cut from the real raw files into a fresh outputs folder (the committed ones stay untouched)."""
    outputs = tmp_path_factory.mktemp("outputs")
    cut = cut_release(arrow_tables, outputs)
    assert cut.folder == releases_dir(outputs) / "1.0.0"
    return cut.folder


@pytest.fixture(scope="module")
def report(release) -> dict:
    status, report = frictionless_validate(release / "datapackage.json")
    assert status == 0, errors_by_resource(report)
    return report


def test_a_new_release_passes_frictionless_validate_with_no_errors(report):
    assert report["valid"] is True
    assert report["stats"]["errors"] == 0 and report["errors"] == []
    assert errors_by_resource(report) == set()
    assert [task["name"] for task in report["tasks"]] == [n for s in TABLES for n in (s.name, f"{s.name}-parquet")]


def test_every_table_is_read_row_by_row_and_every_parquet_file_byte_by_byte(report, release):
    manifest = json.loads((release / "manifest.json").read_text())
    tasks = {task["name"]: task for task in report["tasks"]}
    for spec in TABLES:
        table, parquet = tasks[spec.name], tasks[f"{spec.name}-parquet"]
        assert (table["type"], table["place"], table["valid"]) == ("table", f"{spec.name}.csv", True)
        assert table["labels"] == spec.columns
        assert table["stats"]["rows"] == manifest["tables"][spec.name]["rows"], spec.name
        assert (parquet["type"], parquet["place"], parquet["valid"]) == ("file", f"{spec.name}.parquet", True)
        assert parquet["stats"]["sha256"] == manifest["tables"][spec.name]["sha256"]
        assert parquet["stats"]["bytes"] == manifest["tables"][spec.name]["bytes"]
    assert sum(tasks[spec.name]["stats"]["rows"] for spec in TABLES) > 500


def test_the_csv_copies_read_back_through_frictionless_as_the_parquet_rows(release):
    """What frictionless checked is what the Parquet files hold: same rows, same order, same values and types."""
    package = Package(str(release / "datapackage.json"))
    for spec in TABLES:
        expected = pq.read_table(release / f"{spec.name}.parquet").to_pylist()
        rows = [{k: _plain(v) for k, v in row.to_dict().items()} for row in package.get_resource(spec.name).read_rows()]
        assert rows == expected, spec.name


def test_the_same_tables_give_the_same_descriptor_text_and_csv_bytes(release, arrow_tables, tmp_path):
    again = cut_release(arrow_tables, tmp_path).folder
    for name in ["datapackage.json"] + [f"{spec.name}.csv" for spec in TABLES]:
        assert (again / name).read_bytes() == (release / name).read_bytes(), name


def _plain(value):
    """frictionless reads `number` cells as Decimal; Parquet holds float64."""
    return float(value) if isinstance(value, Decimal) else value


def test_a_broken_release_fails_frictionless_validate_naming_each_resource(release, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(release, broken)
    replace_parquet_with_numbers_in_a_list_column(broken / "organizations.parquet")
    flip_a_byte(broken / "memberships.parquet")
    edit_csv(broken, "agreements.csv", 0, "aliases", "[1]")
    edit_csv(broken, "memberships.csv", 0, "org_id", "no-such-org")
    unnumbered = first_row(broken, "diplomatic_relations.csv", "list_number", "")
    edit_csv(broken, "diplomatic_relations.csv", unnumbered, "list_number", "nan")  # how frictionless saw Parquet nulls
    drop_a_csv_row(broken, "disputes.csv")
    restate(broken, "funding", bytes_delta=1)
    status, report = frictionless_validate(broken / "datapackage.json")
    assert status == 1 and report["valid"] is False
    assert errors_by_resource(report) == {
        ("organizations-parquet", "hash-count", None),
        ("organizations-parquet", "byte-count", None),
        ("memberships-parquet", "hash-count", None),
        ("agreements", "type-error", "aliases"),
        ("memberships", "foreign-key", None),
        ("diplomatic_relations", "type-error", "list_number"),
        ("disputes", "row-count", None),
        ("funding", "byte-count", None),
    }


def replace_parquet_with_numbers_in_a_list_column(path: Path) -> None:
    """A well-formed Parquet file with the right columns, but list<int64> aliases: only its bytes tell."""
    table = pq.read_table(path)
    aliases = pa.array([[1] for _ in range(table.num_rows)], pa.list_(pa.int64()))
    pq.write_table(table.set_column(table.schema.get_field_index("aliases"), "aliases", aliases), path)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def first_row(folder: Path, name: str, column: str, value: str) -> int:
    rows = read_csv(folder / name)
    return next(i for i, row in enumerate(rows[1:]) if row[rows[0].index(column)] == value)


def edit_csv(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV copy, then restate its hash and size so that only the cell is wrong."""
    rows = read_csv(folder / name)
    rows[row + 1][rows[0].index(column)] = value
    write_csv(folder / name, rows)
    restate(folder, name.removesuffix(".csv"))


def drop_a_csv_row(folder: Path, name: str) -> None:
    rows = read_csv(folder / name)
    write_csv(folder / name, rows[:2] + rows[3:])
    restate(folder, name.removesuffix(".csv"))


def restate(folder: Path, resource: str, bytes_delta: int = 0) -> None:
    """Write the file's real sha256 and size (plus `bytes_delta`) into the descriptor's resource."""
    descriptor = json.loads((folder / "datapackage.json").read_text())
    entry = next(r for r in descriptor["resources"] if r["name"] == resource)
    data = (folder / entry["path"]).read_bytes()
    entry["hash"], entry["bytes"] = f"sha256:{hashlib.sha256(data).hexdigest()}", len(data) + bytes_delta
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False))
