"""datapackage.json: valid for frictionless, true to the Pandera schemas and to the files it describes.

tests/release/test_frictionless_release.py runs the `frictionless validate` command on a whole release.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json

import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Package
from pandera.typing.pandas import Series

from pipeline.publish.parquet import parquet_bytes
from pipeline.release.csv_copy import DIALECT, csv_bytes
from pipeline.release.datapackage import (
    MEDIATYPE,
    ResourceFile,
    datapackage,
    datapackage_json,
    field_descriptor,
    resource_schema,
    write_datapackage,
)
from schemas import TABLES, TABLES_BY_NAME
from schemas._base import vocabulary
from schemas.arrow import arrow_schema, to_arrow

SOURCES = [
    {
        "title": "Foreign relations of Canada",
        "path": "raw/foreign-relations-of-canada.txt",
        "publisher": "Wikipedia",
        "sha256": "a" * 64,
    },
    {"title": None, "file_name": "fact-sheet.txt", "publisher": pd.NA, "sha256": "b" * 64},
]


def fake_files(suffix: str = ".parquet") -> list[ResourceFile]:
    def digest(name: str) -> str:
        return hashlib.sha256(f"{name}{suffix}".encode()).hexdigest()

    return [ResourceFile(s.name, f"{s.name}{suffix}", digest(s.name), 1000 + i, 10 * i) for i, s in enumerate(TABLES)]


def fake_csv_files() -> list[ResourceFile]:
    return fake_files(".csv")


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return datapackage("1.2.3", fake_files(), fake_csv_files(), SOURCES, code_version="abc1234")


def frictionless_report(descriptor: dict):
    # Package.validate_descriptor returns a Report; Package.metadata_validate raises on an unknown field type.
    return Package.validate_descriptor(copy.deepcopy(descriptor))


def assert_valid(descriptor: dict) -> None:
    report = frictionless_report(descriptor)
    assert report.valid, "\n".join(error.message for error in report.errors)


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict, table: str, name: str) -> dict:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def test_descriptor_for_every_table_is_valid_for_frictionless(descriptor):
    assert_valid(descriptor)
    assert [r["name"] for r in descriptor["resources"]] == [n for s in TABLES for n in (s.name, f"{s.name}-parquet")]
    assert {r["type"] for r in descriptor["resources"][0::2]} == {"table"}
    assert {r["type"] for r in descriptor["resources"][1::2]} == {"file"}


@pytest.mark.parametrize(
    "break_it, error",
    [
        (
            lambda d: resource(d, "memberships")["schema"]["fields"][0].update(type="not-a-type"),
            'field type "not-a-type" is not supported',
        ),
        (
            lambda d: resource(d, "memberships")["schema"].update(primaryKey=["country_code", "no_such_column"]),
            "primary key",
        ),
        (
            lambda d: field(d, "memberships", "country_code")["constraints"].update(minimum=1),
            'constraint "minimum" is not supported',
        ),
        (lambda d: d.update(name="Not A Valid Name"), "at property 'name'"),
        (lambda d: resource(d, "sources").update(path="../sources.parquet"), "is not safe"),
        (lambda d: resource(d, "sources").update(rows="many"), "at property 'rows'"),
    ],
    ids=[
        "unknown-type",
        "primary-key-missing-field",
        "minimum-on-string",
        "bad-package-name",
        "unsafe-path",
        "rows-not-integer",
    ],
)
def test_a_broken_descriptor_fails_validation(descriptor, break_it, error):
    broken = copy.deepcopy(descriptor)
    break_it(broken)
    report = frictionless_report(broken)
    assert not report.valid
    assert any(error in e.message for e in report.errors), [e.message for e in report.errors]


def test_memberships_schema_has_the_contract_keys_and_constraints(descriptor):
    schema = resource(descriptor, "memberships")["schema"]
    assert schema == resource_schema("memberships")
    assert schema["primaryKey"] == ["country_code", "org_id", "source_id", "line"]
    assert {"fields": ["org_id"], "reference": {"resource": "organizations", "fields": ["org_id"]}} in schema[
        "foreignKeys"
    ]
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} in schema[
        "foreignKeys"
    ]
    assert schema["missingValues"] == [""]
    country = field(descriptor, "memberships", "country_code")
    assert country["type"] == "string"
    assert country["constraints"]["pattern"] == "^[A-Z]{3}$"
    assert country["constraints"]["required"] is True
    assert country["description"] == "ISO 3166 alpha-3 code of the member country."
    assert field(descriptor, "memberships", "since")["constraints"]["required"] is False
    line = field(descriptor, "memberships", "line")
    assert line["type"] == "integer"
    assert line["constraints"]["minimum"] == 1
    assert field(descriptor, "memberships", "since_precision")["constraints"]["enum"] == ["day", "month", "year"]
    assert field(descriptor, "memberships", "evidence")["constraints"]["minLength"] == 1


def test_other_tables_types_and_constraints(descriptor):
    aliases = field(descriptor, "organizations", "aliases")
    assert (aliases["type"], aliases["arrayItem"]) == ("array", {"type": "string"})
    assert "arrayItem" not in field(descriptor, "organizations", "name")
    assert field(descriptor, "organizations", "headquartered_in_canada")["type"] == "boolean"
    assert field(descriptor, "organizations", "org_id")["constraints"] == {
        "required": True,
        "unique": True,
        "pattern": "^[a-z0-9][a-z0-9-]*$",
    }
    assert "maxLength" not in field(descriptor, "organizations", "name")["constraints"]
    assert field(descriptor, "sources", "sha256")["constraints"]["pattern"] == "^[0-9a-f]{64}$"
    assert field(descriptor, "sources", "bytes")["constraints"] == {"required": True, "minimum": 0}
    issue_line = field(descriptor, "quality_issues", "line")
    assert (issue_line["type"], issue_line["constraints"]) == ("integer", {"required": False, "minimum": 1})
    assert resource(descriptor, "sources")["schema"].get("foreignKeys") is None


def test_fields_follow_the_contract_order_and_arrow_types():
    kinds = {
        pa.string(): "string",
        pa.int64(): "integer",
        pa.bool_(): "boolean",
        pa.float64(): "number",
        pa.list_(pa.string()): "array",
    }
    for spec in TABLES:
        fields = resource_schema(spec.name)["fields"]
        assert [f["name"] for f in fields] == spec.columns
        assert [f["type"] for f in fields] == [kinds[f.type] for f in arrow_schema(spec.name)]
        columns = spec.schema.to_schema().columns
        assert [f["constraints"]["required"] for f in fields] == [not columns[n].nullable for n in spec.columns]


def test_foreign_keys_point_at_existing_resources_and_fields(descriptor):
    # frictionless does not check this in a descriptor, so check it here; keys join tables, never Parquet files
    tables = [r for r in descriptor["resources"] if r["type"] == "table"]
    fields = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in tables}
    for r in tables:
        for key in r["schema"].get("foreignKeys", []):
            target = key["reference"]
            assert set(key["fields"]) <= fields[r["name"]]
            assert set(target["fields"]) <= fields[target["resource"]]
            assert target["fields"] == list(TABLES_BY_NAME[target["resource"]].primary_key)


def test_resources_copy_the_files(descriptor):
    for parquet, csv, spec in zip(fake_files(), fake_csv_files(), TABLES):
        table, file = resource(descriptor, spec.name), resource(descriptor, f"{spec.name}-parquet")
        assert (table["path"], table["hash"]) == (csv.path, f"sha256:{csv.sha256}")
        assert (table["bytes"], table["rows"]) == (csv.bytes, csv.rows)
        assert (table["format"], table["mediatype"], table["encoding"]) == ("csv", "text/csv", "utf-8")
        assert table["dialect"] == DIALECT
        assert table["description"] == spec.description
        assert (file["path"], file["hash"], file["bytes"]) == (parquet.path, f"sha256:{parquet.sha256}", parquet.bytes)
        assert (file["format"], file["mediatype"]) == ("parquet", MEDIATYPE)
        assert "rows" not in file and "schema" not in file  # frictionless would report a file's rows as missing
        assert f"{spec.name} resource ({parquet.rows})" in file["description"]


def test_package_metadata(descriptor):
    assert (descriptor["name"], descriptor["version"], descriptor["code_version"]) == (
        "canada-relations",
        "1.2.3",
        "abc1234",
    )
    assert descriptor["title"] and descriptor["description"]
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-SA-4.0", "OGL-Canada-2.0"]
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert descriptor["licenses"][1]["path"] == "https://open.canada.ca/en/open-government-licence-canada"
    assert all(lic["title"] for lic in descriptor["licenses"])
    assert "homepage" not in descriptor
    assert "code_version" not in datapackage("1.2.3", fake_files(), fake_csv_files(), SOURCES)


def test_sources_one_per_document_with_extra_keys_and_no_nulls(descriptor):
    assert descriptor["sources"] == [
        {
            "title": "Foreign relations of Canada",
            "path": "raw/foreign-relations-of-canada.txt",
            "publisher": "Wikipedia",
            "sha256": "a" * 64,
        },
        {"title": "fact-sheet.txt", "path": "fact-sheet.txt", "sha256": "b" * 64},
    ]


def test_same_inputs_give_the_same_json_text():
    first = datapackage_json(datapackage("1.0.0", fake_files(), fake_csv_files(), SOURCES, "abc"))
    second = datapackage_json(datapackage("1.0.0", fake_files()[::-1], fake_csv_files()[::-1], SOURCES, "abc"))
    assert first == second


def test_write_datapackage_writes_the_json_text_atomically(tmp_path, descriptor):
    target = tmp_path / "datapackage.json"
    write_datapackage(descriptor, target)
    text = target.read_text(encoding="utf-8")
    assert text == json.dumps(descriptor, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    assert json.loads(text) == descriptor
    assert "Canada's" in text and "\\u" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["datapackage.json"]
    assert_valid(json.loads(text))


@pytest.mark.parametrize(
    "files, message",
    [
        (fake_files()[1:], "no file for tables"),
        (fake_files() + fake_files()[:1], "given twice"),
        (fake_files() + [ResourceFile("no_such_table", "no_such_table.parquet", "0" * 64, 1, 1)], "unknown table"),
        ([ResourceFile(f.table, f.path, f.sha256.upper(), f.bytes, f.rows) for f in fake_files()], "sha256"),
        ([ResourceFile(f.table, f.path, f.sha256, -1, f.rows) for f in fake_files()], "bytes"),
        ([ResourceFile(f.table, "/tmp/x.parquet", f.sha256, f.bytes, f.rows) for f in fake_files()], "relative path"),
    ],
    ids=["missing-table", "duplicate", "unknown-table", "upper-case-hash", "negative-bytes", "absolute-path"],
)
def test_bad_files_are_refused(files, message):
    with pytest.raises(ValueError, match=message):
        datapackage("1.0.0", files, fake_csv_files(), SOURCES)
    with pytest.raises(ValueError, match=message):
        datapackage("1.0.0", fake_files(), files, SOURCES)


def test_a_csv_copy_must_hold_the_parquet_rows_in_its_own_file():
    fewer = [ResourceFile(f.table, f.path, f.sha256, f.bytes, f.rows + 1) for f in fake_csv_files()]
    with pytest.raises(ValueError, match="the CSV copy has 1 rows, the Parquet file 0"):
        datapackage("1.0.0", fake_files(), fewer, SOURCES)
    with pytest.raises(ValueError, match="are both"):
        datapackage("1.0.0", fake_files(), fake_files(), SOURCES)


def test_empty_version_is_refused():
    with pytest.raises(ValueError, match="version"):
        datapackage("", fake_files(), fake_csv_files(), SOURCES)


class _Vocabulary(pandera.DataFrameModel):
    colour: Series[str] = vocabulary(("red", "green"), "A closed vocabulary: {vocabulary}.")

    @pandera.check("colour", name="colour_is_bright")
    def colour_is_bright(cls, colour):
        return colour != "grey"


def test_a_vocabulary_becomes_constraints_enum_and_custom_checks_are_left_out():
    columns = _Vocabulary.to_schema().columns
    assert field_descriptor("colour", columns["colour"], pa.string()) == {
        "name": "colour",
        "type": "string",
        "description": "A closed vocabulary: red, green.",
        "constraints": {"required": True, "enum": ["red", "green"]},
    }


@pytest.fixture(scope="module")
def release_files(tables):
    """The real validated tables written as Parquet and as CSV copies, as a release would."""
    data = {spec.name: parquet_bytes(spec.name, tables[spec.name]) for spec in TABLES}
    copies = {spec.name: csv_bytes(to_arrow(spec.name, tables[spec.name])) for spec in TABLES}

    def files(blobs: dict[str, bytes], suffix: str) -> list[ResourceFile]:
        digest = {n: hashlib.sha256(b).hexdigest() for n, b in blobs.items()}
        return [ResourceFile(n, f"{n}{suffix}", digest[n], len(b), len(tables[n])) for n, b in blobs.items()]

    return tables, data, files(data, ".parquet"), files(copies, ".csv")


def test_descriptor_matches_the_real_parquet_files_and_their_data(release_files):
    tables, data, files, csv_files = release_files
    sources = [
        {"title": r["title"], "file_name": r["file_name"], "publisher": r["publisher"], "sha256": r["sha256"]}
        for r in tables["sources"].to_dict("records")
    ]
    descriptor = json.loads(datapackage_json(datapackage("1.0.0", files, csv_files, sources)))
    assert_valid(descriptor)
    assert len(descriptor["sources"]) == len(tables["sources"]) > 0
    for r in descriptor["resources"][0::2]:
        parquet = pq.read_table(io.BytesIO(data[r["name"]]))
        assert [f["name"] for f in r["schema"]["fields"]] == parquet.schema.names
        assert r["rows"] == parquet.num_rows
        parquet_file = resource(descriptor, f"{r['name']}-parquet")
        assert parquet_file["hash"] == "sha256:" + hashlib.sha256(data[r["name"]]).hexdigest()
        frame = parquet.to_pandas()
        for f in r["schema"]["fields"]:
            assert_constraints_hold(r["name"], f, frame[f["name"]])
        key = r["schema"]["primaryKey"]
        assert not frame.duplicated(key).any()


def assert_constraints_hold(table: str, field: dict, values: pd.Series) -> None:
    """Every constraint in the descriptor holds on the published data (the descriptor promises no more than Pandera
    checks)."""
    c, where = field["constraints"], f"{table}.{field['name']}"
    present = values[values.notna()]
    if c["required"]:
        assert len(present) == len(values), where
    if c.get("unique"):
        assert present.is_unique, where
    if "pattern" in c:
        assert present.astype(str).str.fullmatch(c["pattern"]).all(), where
    if "enum" in c:
        assert present.isin(c["enum"]).all(), where
    if "minimum" in c:
        assert (present >= c["minimum"]).all(), where
    if "minLength" in c:
        assert (present.map(len) >= c["minLength"]).all(), where
