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
