"""The raw folder holds the seed documents byte for byte, each listed in the manifest."""

import csv

import pytest

from pipeline.documents.reading import list_raw_files, read_manifest, sha256_hex
from tests.conftest import RAW_DIR, SEEDS_DIR


def manifest_rows():
    with (RAW_DIR / "sources.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_raw_file_is_in_the_manifest_with_its_checksum():
    rows = {r["file_name"]: r for r in manifest_rows()}
    files = [p.name for p in list_raw_files(RAW_DIR)]
    assert sorted(rows) == files and len(files) == 5
    for name in files:
        assert sha256_hex((RAW_DIR / name).read_bytes()) == rows[name]["sha256"], name


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds is not beside this checkout")
def test_raw_files_are_the_seeds_unmodified():
    for row in manifest_rows():
        assert (RAW_DIR / row["file_name"]).read_bytes() == (SEEDS_DIR / row["origin"]).read_bytes(), row["file_name"]


def test_manifest_source_ids_are_unique_slugs():
    ids = [r["source_id"] for r in manifest_rows()]
    assert len(set(ids)) == len(ids)
    assert set(read_manifest(RAW_DIR)) == {r["file_name"] for r in manifest_rows()}


def test_the_run_log_lists_refused_files_first_so_a_long_listing_still_shows_them(tmp_path):
    """A 5,000-file build shows 500 rows of its files table in the run's metadata: the refused ones lead it."""
    from pipeline.assets.ingest import files_table
    from pipeline.assets.metadata import markdown_table
    from pipeline.documents.reading import read_raw_documents

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Canada is a member of NATO.\n")
    (tmp_path / "z.txt").write_bytes(b"\xff\xfe" + "not utf-8".encode("utf-16-le"))  # refused when extracted, not read
    (tmp_path / "y.txt").symlink_to(tmp_path.parent / "elsewhere.txt")  # refused before it is read
    table = files_table(read_raw_documents(tmp_path))
    assert list(table["file"]) == ["y.txt", "a.txt", "b.txt", "c.txt", "z.txt"]
    shown = markdown_table(table, 2).md_str
    assert "y.txt" in shown and "a.txt" in shown and "b.txt" not in shown and "3 more rows not shown" in shown


def test_a_source_id_is_the_file_name_without_its_suffix_as_a_slug():
    from pipeline.documents.reading import source_id_for

    assert source_id_for("canada-russia-relations.txt") == "canada-russia-relations"
    assert source_id_for("Ça va – Über Straße.TXT") == "ca-va-uber-strae"  # accents folded, the rest a dash
    assert source_id_for("a.b.txt") == "a-b" and source_id_for("notes.") == "notes"
    assert source_id_for("..txt") == "document"  # Path('..txt').stem is '.', which has no letter
    assert source_id_for("---.txt") == "document"
