"""Shared fixtures: the real raw documents, parsed and extracted once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.combine import combine
from pipeline.documents.parse import parse_document
from pipeline.documents.reading import RawDocument, list_raw_files, read_manifest, read_raw_document, sha256_hex
from pipeline.extract import DocumentResult, extract_document
from pipeline.publish.arrow import to_arrow

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = PROJECT_ROOT / "raw"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

WIKI_CANADA = "foreign-relations-of-canada"
WEB_AMERICAS = "canada-and-the-americas"
WEB_UNITED_STATES = "canada-united-states-relations"
WIKI_RUSSIA = "canada-russia-relations"
FACT_SHEET = "defending-common-interests-fact-sheet"


def raw_document(source_id: str) -> RawDocument:
    manifest = read_manifest(RAW_DIR)
    return next(read_raw_document(p, manifest) for p in list_raw_files(RAW_DIR) if read_raw_document(p, manifest).source_id == source_id)


def raw_from_text(text: str | bytes, file_name: str = "sample.txt", manifest: dict | None = None) -> RawDocument:
    """A raw document made in memory, for tests of one quirk at a time."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return RawDocument(Path(file_name).stem.lower(), file_name, data, sha256_hex(data), manifest)


def as_arrow(frames: dict) -> dict:
    """Validated pandas frames as the Arrow tables publish and cut_release take."""
    return {name: to_arrow(name, frame) for name, frame in frames.items()}


@pytest.fixture(scope="session")
def documents():
    """Every real raw document parsed, by source_id."""
    manifest = read_manifest(RAW_DIR)
    return {raw.source_id: parse_document(raw) for raw in (read_raw_document(p, manifest) for p in list_raw_files(RAW_DIR))}


@pytest.fixture(scope="session")
def results() -> dict[str, DocumentResult]:
    """Every real raw document extracted, by source_id."""
    manifest = read_manifest(RAW_DIR)
    extracted = [extract_document(read_raw_document(p, manifest)) for p in list_raw_files(RAW_DIR)]
    return {r.source["source_id"]: r for r in extracted}


@pytest.fixture(scope="session")
def tables(results):
    """The combined (not yet validated) tables built from the real raw folder."""
    return combine(list(results.values()))


@pytest.fixture
def corrupt_extraction(monkeypatch):
    """corrupt_extraction(table, column, value): the next extractions hand validation a first row of
    `table` with `column` set to `value`; corrupt_extraction.undo() restores them."""
    from pipeline import incremental

    real_rows = incremental.document_rows

    def corrupt(table: str, column: str, value) -> None:
        def rows_with_a_bad_value(results):
            rows = real_rows(results)
            rows[table][0][column] = value
            return rows

        monkeypatch.setattr(incremental, "document_rows", rows_with_a_bad_value)

    corrupt.undo = lambda: monkeypatch.setattr(incremental, "document_rows", real_rows)
    return corrupt


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of raw/ for tests that add, break or remove files."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target
