"""verify and the chain: releases cut from the real tables, then altered the ways a release can be altered unnoticed
by hashes alone; and the release files, the DuckDB file included, the same bytes for the same tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.publish.files import sha256_file
from pipeline.release.layout import list_releases, read_checksums
from pipeline.release.releases import ReleaseError, cut_release, releases_dir
from pipeline.release.verify import chain_problems, releases_problems, verify_release
from tests.conftest import PROJECT_ROOT
from tests.release.releasing import (
    manifest_sha256,
    rehash,
    relist,
    rewrite_table,
    with_un_since,
    without_document,
    without_line,
)

COMMITTED = PROJECT_ROOT / "outputs" / "releases"


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory, arrow_tables) -> Path:
    """1.0.0 from the real tables, 1.0.1 without the document canada-and-the-americas; cut once for the module."""
    outputs = tmp_path_factory.mktemp("two-releases")
    cut_release(arrow_tables, outputs)
    cut_release(without_document(arrow_tables), outputs)
    return outputs


@pytest.fixture
def outputs(two_releases, tmp_path) -> Path:
    """A copy of the two releases to alter."""
    return Path(shutil.copytree(two_releases, tmp_path / "outputs"))


@pytest.fixture
def releases(outputs) -> Path:
    return releases_dir(outputs)


def refuses_to_cut(outputs: Path, tables: dict) -> str:
    """The next cut raises, and writes no release and moves no pointer: the error text."""
    before = list_releases(releases_dir(outputs)), (releases_dir(outputs) / "LATEST").read_text()
    with pytest.raises(ReleaseError) as refused:
        cut_release(tables, outputs)
    assert (list_releases(releases_dir(outputs)), (releases_dir(outputs) / "LATEST").read_text()) == before
    return str(refused.value)


# What a new release's manifest lists


def test_the_manifest_lists_every_file_with_its_sha256_and_size(two_releases):
    folder = releases_dir(two_releases) / "1.0.1"
    files = json.loads((folder / "manifest.json").read_text())["files"]
    assert set(files) == {p.name for p in folder.iterdir()} - {"manifest.json", "SHA256SUMS"}
    assert {"canada_relations.duckdb", "index.html", "CHANGELOG.md", "datapackage.json", "funding.csv"} <= set(files)
    for name, facts in files.items():
        assert facts == {"sha256": sha256_file(folder / name), "bytes": (folder / name).stat().st_size}, name
    assert read_checksums(folder) == {
        **{n: f["sha256"] for n, f in files.items()},
        "manifest.json": manifest_sha256(folder),
    }


def test_each_release_records_the_sha256_of_the_previous_manifest(two_releases):
    releases = releases_dir(two_releases)
    first = json.loads((releases / "1.0.0" / "manifest.json").read_text())
    second = json.loads((releases / "1.0.1" / "manifest.json").read_text())
    assert first["previous_manifest_sha256"] is None and first["previous_version"] is None
    assert second["previous_manifest_sha256"] == manifest_sha256(releases / "1.0.0")
    assert second["previous_version"] == "1.0.0"
    assert releases_problems(releases) == []


def test_the_release_after_1_1_0_records_the_committed_manifest_of_1_1_0(tmp_path, arrow_tables):
    """The chain starts at the committed releases (never rewritten): the next one pins 1.1.0's manifest bytes."""
    outputs = tmp_path / "outputs"
    shutil.copytree(COMMITTED, releases_dir(outputs), ignore=shutil.ignore_patterns("*.tmp*", "1.2.*"))
    (releases_dir(outputs) / "LATEST").write_text("1.1.0\n")
    cut = cut_release(without_document(arrow_tables), outputs)
    manifest = json.loads((cut.folder / "manifest.json").read_text())
    assert (cut.plan.version, manifest["previous_version"]) == ("1.2.0", "1.1.0")  # sources gained columns: a minor
    assert manifest["previous_manifest_sha256"] == "de91d9d6d5c2f0e0031a9b61b7357c45c9cff885ccb3909f264e287c3ac15b61"
    assert releases_problems(releases_dir(outputs)) == []
    committed = json.loads((COMMITTED / "1.2.0" / "manifest.json").read_text())
    assert committed["previous_manifest_sha256"] == manifest_sha256(COMMITTED / "1.1.0")
    patch = json.loads((COMMITTED / "1.2.1" / "manifest.json").read_text())
    assert patch["previous_manifest_sha256"] == manifest_sha256(COMMITTED / "1.2.0")


# The ways a release was altered unnoticed


def test_a_table_removed_with_its_sha256sums_line_is_missing(releases):
    folder = releases / "1.0.1"
    (folder / "memberships.parquet").unlink()
    without_line(folder, "memberships.parquet")
    assert verify_release(folder) == ["missing: memberships.parquet (listed in manifest.json)"]


def test_a_folder_whose_manifest_was_removed_with_its_line_is_not_a_release(releases, outputs, arrow_tables, capsys):
    folder = releases / "1.0.1"
    (folder / "manifest.json").unlink()
    without_line(folder, "manifest.json")
    problem = f"{folder}: manifest.json is missing, so this is not a release (a release states what it holds there)"
    assert verify_release(folder) == [problem]
    assert main(["verify", "1.0.1", "--outputs-dir", str(outputs)]) == 1
    assert main(["verify", "--outputs-dir", str(outputs)]) == 1
    assert "1.0.1: not a complete release (no manifest.json or SHA256SUMS)" in capsys.readouterr().out
    assert "1.0.1: not a complete release" in refuses_to_cut(outputs, arrow_tables)


def test_a_duckdb_file_edited_and_rehashed_fails(releases):
    folder = releases / "1.0.1"
    connection = duckdb.connect(str(folder / "canada_relations.duckdb"))
    connection.execute("UPDATE memberships SET since = '1944' WHERE org_id = 'un' AND line = 9")
    connection.execute("CHECKPOINT")
    connection.close()
    rehash(folder)
    assert verify_release(folder) == [
        "altered: canada_relations.duckdb (sha256 differs from manifest.json; SHA256SUMS was changed to match it)"
    ]


def test_a_folder_holding_only_an_empty_sha256sums_is_refused(releases, outputs, arrow_tables, capsys):
    (releases / "1.0.2").mkdir()
    (releases / "1.0.2" / "SHA256SUMS").write_text("")
    assert verify_release(releases / "1.0.2") == [
        f"{releases / '1.0.2'}: manifest.json is missing, so this is not a release "
        "(a release states what it holds there)"
    ]
    assert main(["verify", "1.0.2", "--outputs-dir", str(outputs)]) == 1
    assert main(["releases", "--outputs-dir", str(outputs)]) == 0
    assert "1.0.2: not a complete release" in capsys.readouterr().err
    assert "1.0.2: not a complete release" in refuses_to_cut(outputs, arrow_tables)


def test_a_consistent_edit_of_table_manifest_and_sha256sums_fails_and_the_next_cut_refuses(
    releases, outputs, arrow_tables
):
    """Without the checks beyond hashes, the next build would publish 1944 → 1945 as a genuine change."""
    folder = releases / "1.0.1"
    rewrite_table(folder, with_un_since(without_document(arrow_tables), "1944")["memberships"], "memberships")
    relist(folder)
    assert verify_release(folder) == [
        "datapackage.json: resource memberships-parquet states another sha256 or size for memberships.parquet",
        "canada_relations.duckdb: table memberships differs from memberships.parquet (119 rows in each, values differ)",
        "memberships.csv: does not hold the rows of memberships.parquet",
    ]
    refused = refuses_to_cut(outputs, arrow_tables)
    assert refused.startswith(f"no release is cut: the releases in {releases} do not verify")
    assert "  canada_relations.duckdb: table memberships differs from memberships.parquet" in refused


def test_a_release_rewritten_whole_breaks_the_chain(two_releases, releases, outputs, arrow_tables, tmp_path, capsys):
    """Every file of 1.0.0 rewritten by the release code itself: only 1.0.1's record of 1.0.0 can tell."""
    forged = cut_release(with_un_since(arrow_tables, "1944"), tmp_path / "forger").folder
    shutil.rmtree(releases / "1.0.0")
    shutil.copytree(forged, releases / "1.0.0")
    assert verify_release(releases / "1.0.0") == []
    published, now = manifest_sha256(releases_dir(two_releases) / "1.0.0"), manifest_sha256(forged)
    assert chain_problems(releases) == [
        f"chain: 1.0.1 records sha256 {published} for 1.0.0/manifest.json, which now has {now}: "
        "1.0.0 was rewritten after 1.0.1 was cut"
    ]
    assert main(["verify", "1.0.0", "--outputs-dir", str(outputs)]) == 1
    assert main(["verify", "--chain", "--outputs-dir", str(outputs)]) == 1
    assert "1.0.0 was rewritten after 1.0.1 was cut" in capsys.readouterr().out
    assert "1.0.0 was rewritten after 1.0.1 was cut" in refuses_to_cut(outputs, arrow_tables)


def test_a_release_missing_a_file_every_release_holds_is_refused_even_when_relisted(releases):
    folder = releases / "1.0.1"
    (folder / "index.html").unlink()
    relist(folder)
    assert verify_release(folder) == ["manifest.json does not list index.html, which every release holds"]


def test_a_new_release_stripped_of_its_file_list_is_not_taken_for_an_old_one(releases):
    folder = releases / "1.0.1"
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["files"], manifest["previous_manifest_sha256"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    rehash(folder)
    assert verify_release(folder) == [
        "manifest.json lists no files: only releases 1.0.0, 1.1.0 predate the file list, and this is 1.0.1"
    ]


def test_a_committed_release_altered_and_rehashed_fails_against_its_pinned_sha256sums(tmp_path):
    folder = Path(shutil.copytree(COMMITTED / "1.0.0", tmp_path / "1.0.0"))
    assert verify_release(folder) == []
    (folder / "CHANGELOG.md").write_text("# 1.0.0\n\nNothing to see.\n")
    rehash(folder)
    assert verify_release(folder) == [
        "altered: SHA256SUMS (not the one 1.0.0 was published with, "
        "sha256 79738d076729682a7e53a451cba485bb63b2a25ba5302091d750845a1b7ca22e)"
    ]


def test_verify_of_a_version_that_does_not_exist_names_the_releases(tmp_path, capsys):
    shutil.copytree(COMMITTED, tmp_path / "releases")
    assert main(["verify", "9.9.9", "--outputs-dir", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err
        == f"no such release 9.9.9 in {tmp_path / 'releases'} (releases: 1.0.0, 1.1.0, 1.2.0, 1.2.1)\n"
    )


def test_verify_of_every_committed_release_and_their_chain(capsys):
    assert main(["verify"]) == 0
    assert capsys.readouterr().out.endswith("OK, every release verifies and the chain holds\n")
