"""Releases: semantic bumps from the diff, immutability, verification, reproducibility, notes."""

import json

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.publish.files import sha256_file
from pipeline.release import releases as release_module
from pipeline.release.diff import MAJOR, MINOR, PATCH, TableSnapshot, bump_of, diff_tables
from pipeline.release.layout import read_checksums
from pipeline.release.pages import release_page
from pipeline.release.releases import (
    LATEST,
    ReleaseError,
    cut_release,
    latest_release,
    list_releases,
    plan_release,
    releases_dir,
    snapshots_from_tables,
    verify_release,
)
from pipeline.release.versions import next_version
from schemas import TABLES
from tests.conftest import as_arrow
from tests.release.releasing import without_document


@pytest.fixture(scope="module")
def valid_tables(tables):
    return tables


@pytest.fixture
def first_release(tmp_path, valid_tables):
    cut = cut_release(as_arrow(valid_tables), tmp_path)
    return tmp_path, cut


def snapshot_with(valid_tables, table, frame=None, schema=None, key=None):
    snapshots = snapshots_from_tables(as_arrow(valid_tables))
    old = snapshots[table]
    snapshots[table] = TableSnapshot(
        schema if schema is not None else old.schema, key or old.primary_key, frame if frame is not None else old.frame
    )
    return snapshots


def test_first_release_is_1_0_0_with_every_file(first_release):
    outputs, cut = first_release
    assert cut.plan.version == "1.0.0" and cut.plan.previous is None
    folder = releases_dir(outputs) / "1.0.0"
    others = {
        "canada_relations.duckdb",
        "manifest.json",
        "datapackage.json",
        "SHA256SUMS",
        "CHANGELOG.md",
        "index.html",
    }
    expected = {f"{s.name}.parquet" for s in TABLES} | {f"{s.name}.csv" for s in TABLES} | others
    assert {p.name for p in folder.iterdir()} == expected
    assert (releases_dir(outputs) / LATEST).read_text() == "1.0.0\n"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["version"] == "1.0.0" and manifest["schema_version"] == "1.0" and manifest["bump"] == "initial"
    assert set(manifest["dependencies"]) >= {"dagster", "pandas", "pandera", "pyarrow", "duckdb"}
    assert len(manifest["raw_files"]) == 5 and all(len(r["sha256"]) == 64 for r in manifest["raw_files"])
    assert manifest["tables"]["sources"]["rows"] == 5
    assert verify_release(folder) == []


def test_release_has_its_page_listed_in_sha256sums_and_the_releases_index_links_it(first_release):
    outputs, _ = first_release
    folder = releases_dir(outputs) / "1.0.0"
    assert "index.html" in read_checksums(folder) and verify_release(folder) == []
    assert (folder / "index.html").read_text() == release_page(folder)  # written before SHA256SUMS, same hashes
    assert 'href="1.0.0/index.html"' in (releases_dir(outputs) / "index.html").read_text()


def test_release_duckdb_has_release_facts_and_data_dictionary(first_release):
    import duckdb

    outputs, _ = first_release
    connection = duckdb.connect(str(releases_dir(outputs) / "1.0.0" / "canada_relations.duckdb"), read_only=True)
    try:
        assert connection.execute("SELECT value FROM _release WHERE key = 'version'").fetchone()[0] == "1.0.0"
        described = connection.execute(
            "SELECT type, primary_key, description FROM _columns WHERE table_name = 'memberships' AND column_name = "
            "'org_id'"
        ).fetchone()
        assert described[0] == "string" and described[1] is True and described[2] == "organizations.org_id"
    finally:
        connection.close()


def test_two_cuts_of_the_same_tables_give_the_same_bytes_duckdb_file_included(first_release, valid_tables, tmp_path):
    _, cut = first_release
    again = cut_release(as_arrow(valid_tables), tmp_path / "again").folder
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in cut.folder.iterdir()}


def test_the_release_duckdb_file_is_storage_v1_3_with_the_rows_comments_and_views(first_release):
    import duckdb

    folder = first_release[1].folder
    connection = duckdb.connect(str(folder / "canada_relations.duckdb"), read_only=True)
    try:
        tags = connection.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'canada_relations'")
        assert tags.fetchone()[0]["storage_version"].startswith("v1.3.0")  # DuckDB 1.3 and later open it
        members = connection.execute("SELECT count(*) FROM memberships").fetchone()[0]
        comment = connection.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'memberships' AND column_name = 'org_id'"
        )
        assert comment.fetchone()[0] == "organizations.org_id"
        by_organization = connection.execute("SELECT count(*) FROM memberships_by_organization").fetchone()[0]
        pairs = "SELECT count(*) FROM (SELECT DISTINCT country_code, org_id FROM read_parquet(?))"
        assert by_organization == connection.execute(pairs, [str(folder / "memberships.parquet")]).fetchone()[0] == 100
    finally:
        connection.close()
    assert members == pq.read_metadata(folder / "memberships.parquet").num_rows == 120


def test_unchanged_tables_cut_no_release(first_release, valid_tables):
    outputs, _ = first_release
    again = cut_release(as_arrow(valid_tables), outputs)
    assert again.folder is None and again.plan.version is None
    assert list_releases(releases_dir(outputs)) == ["1.0.0"]


def test_a_changed_row_is_a_patch_with_notes(first_release, valid_tables):
    outputs, _ = first_release
    changed = {k: v.copy() for k, v in valid_tables.items()}
    members = changed["memberships"]
    row = members.index[(members.org_id == "un") & (members.line == 9)][0]
    members.loc[row, "since"] = "1946"
    cut = cut_release(as_arrow(changed), outputs)
    assert (cut.plan.version, cut.plan.bump) == ("1.0.1", PATCH)
    assert latest_release(releases_dir(outputs)) == "1.0.1"
    assert '- changed: (CAN, un, foreign-relations-of-canada, 9) since "1945" → "1946"' in cut.notes
    assert "### memberships (+0 −0 ~1)" in cut.notes
    assert (cut.folder / "CHANGELOG.md").read_text() == cut.notes
    index = (releases_dir(outputs) / "CHANGELOG.md").read_text()
    assert index.index("**1.0.1**") < index.index("**1.0.0**")


def test_removed_and_added_rows_are_listed_by_key_with_their_values(first_release, valid_tables):
    outputs, _ = first_release
    cut = cut_release(as_arrow(without_document(valid_tables)), outputs)
    assert cut.plan.bump == PATCH
    removed = '- removed: (canada-and-the-americas) file_name "canada-and-the-americas.txt", title "Canada and the'
    assert removed in cut.notes


def test_bump_rules(valid_tables):
    import pyarrow as pa

    old = snapshots_from_tables(as_arrow(valid_tables))
    assert bump_of(diff_tables(old, old)) is None
    schema = old["sources"].schema
    removed_column = snapshot_with(
        valid_tables,
        "sources",
        frame=old["sources"].frame.drop(columns=["lines"]),
        schema=schema.remove(schema.get_field_index("lines")),
    )
    assert bump_of(diff_tables(old, removed_column)) == MAJOR
    added_column = snapshot_with(
        valid_tables,
        "sources",
        frame=old["sources"].frame.assign(note=None),
        schema=schema.append(pa.field("note", pa.string())),
    )
    assert bump_of(diff_tables(old, added_column)) == MINOR
    retyped = snapshot_with(
        valid_tables, "sources", schema=schema.set(schema.get_field_index("bytes"), pa.field("bytes", pa.string()))
    )
    assert bump_of(diff_tables(old, retyped)) == MAJOR
    names = list(schema.names)
    reordered_schema = pa.schema([schema.field(n) for n in reversed(names)])
    reordered = snapshot_with(
        valid_tables, "sources", frame=old["sources"].frame[list(reversed(names))], schema=reordered_schema
    )
    assert bump_of(diff_tables(old, reordered)) == MINOR
    rekeyed = snapshot_with(valid_tables, "sources", key=("file_name",))
    assert bump_of(diff_tables(old, rekeyed)) == MAJOR
    without_table = {k: v for k, v in old.items() if k != "quality_issues"}
    assert bump_of(diff_tables(old, without_table)) == MAJOR
    assert bump_of(diff_tables(without_table, old)) == MINOR
    assert [next_version("1.4.2", b) for b in (MAJOR, MINOR, PATCH)] == ["2.0.0", "1.5.0", "1.4.3"]


def test_an_existing_release_is_never_overwritten(first_release, valid_tables, monkeypatch):
    outputs, _ = first_release
    (releases_dir(outputs) / "1.0.1").mkdir()
    changed = as_arrow(without_document(valid_tables))
    with pytest.raises(ReleaseError, match=r"1\.0\.1: not a complete release"):  # an empty 1.0.1 is not skipped
        cut_release(changed, outputs)
    monkeypatch.setattr(release_module, "incomplete_releases", lambda folder: [])  # as if 1.0.1 appeared meanwhile
    with pytest.raises(ReleaseError, match="1.0.1 already exists"):
        cut_release(changed, outputs)
    assert latest_release(releases_dir(outputs)) == "1.0.0"
    assert verify_release(releases_dir(outputs) / "1.0.0") == []


def test_verify_catches_a_flipped_byte_a_deleted_file_and_an_extra_file(first_release, capsys):
    outputs, _ = first_release
    folder = releases_dir(outputs) / "1.0.0"
    parquet = folder / "memberships.parquet"
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 0x01
    parquet.write_bytes(bytes(data))
    (folder / "datapackage.json").unlink()
    (folder / "notes.txt").write_text("extra")
    assert verify_release(folder) == [
        "missing: datapackage.json (listed in manifest.json)",
        "altered: memberships.parquet (sha256 differs from manifest.json and SHA256SUMS)",
        "extra: notes.txt (not in manifest.json)",
    ]
    assert main(["verify", str(folder)]) == 1
    assert "FAILED, 3 problem(s)" in capsys.readouterr().out


def test_cli_lists_and_diffs_releases(first_release, valid_tables, capsys):
    outputs, _ = first_release
    cut_release(as_arrow(without_document(valid_tables)), outputs)
    assert main(["releases", "--outputs-dir", str(outputs)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("1.0.0  schema 1.0  initial") and listed[1].endswith("(LATEST)")
    assert main(["diff", "1.0.0", "1.0.1", "--outputs-dir", str(outputs)]) == 0
    assert "- removed: (canada-and-the-americas)" in capsys.readouterr().out
    assert main(["verify", "1.0.1", "--outputs-dir", str(outputs)]) == 0


def test_plan_compares_against_latest_not_newest_folder(first_release, valid_tables):
    outputs, _ = first_release
    plan = plan_release(as_arrow(valid_tables), releases_dir(outputs))
    assert plan.previous == "1.0.0" and plan.version is None


def test_release_datapackage_validates_with_frictionless(first_release):
    from frictionless import Package

    outputs, _ = first_release
    folder = releases_dir(outputs) / "1.0.0"
    descriptor = json.loads((folder / "datapackage.json").read_text())
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    manifest = json.loads((folder / "manifest.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    parquet, csv = resources["memberships-parquet"], resources["memberships"]
    assert parquet["hash"] == f"sha256:{manifest['tables']['memberships']['sha256']}"
    assert parquet["bytes"] == (folder / "memberships.parquet").stat().st_size
    assert csv["hash"] == f"sha256:{sha256_file(folder / 'memberships.csv')}"
    assert csv["bytes"] == (folder / "memberships.csv").stat().st_size
    assert csv["rows"] == manifest["tables"]["memberships"]["rows"]


def test_a_table_the_csv_copy_cannot_hold_faithfully_cuts_no_release(first_release, valid_tables):
    outputs, _ = first_release
    members = valid_tables["memberships"].copy()
    members.loc[members.index[0], "status_raw"] = ""  # would read back from the CSV copy as null
    with pytest.raises(ReleaseError, match="memberships.csv: column status_raw: 1 empty string"):
        cut_release(as_arrow(dict(valid_tables, memberships=members)), outputs)
    assert list_releases(releases_dir(outputs)) == ["1.0.0"]
    assert (releases_dir(outputs) / LATEST).read_text() == "1.0.0\n"


def test_the_manifest_names_the_reference_data_of_the_countries_table(first_release):
    outputs, _ = first_release
    manifest = json.loads((releases_dir(outputs) / "1.0.0" / "manifest.json").read_text())
    assert manifest["reference_data"]["countries"].startswith("world-countries ")
    assert "pycountry" in manifest["reference_data"]["countries"]
