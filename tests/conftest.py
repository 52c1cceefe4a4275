"""Shared fixtures: the real raw documents, parsed and extracted once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.documents.parse import parse_document
from pipeline.documents.reading import RawDocument, list_raw_files, read_manifest, read_raw_document, sha256_hex
from pipeline.extract import DocumentResult, extract_document
from pipeline.run import BuildRun, run_build
from schemas.arrow import to_arrow

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
    return next(
        read_raw_document(p, manifest)
        for p in list_raw_files(RAW_DIR)
        if read_raw_document(p, manifest).source_id == source_id
    )


def raw_from_text(text: str | bytes, file_name: str = "sample.txt", manifest: dict | None = None) -> RawDocument:
    """A raw document made in memory, for tests of one quirk at a time."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return RawDocument(Path(file_name).stem.lower(), file_name, data, sha256_hex(data), manifest)


def as_arrow(frames: dict) -> dict:
    """Validated pandas frames as the Arrow tables publish and cut_release take."""
    return {name: to_arrow(name, frame) for name, frame in frames.items()}


def assembled_tables(raw_documents: list[RawDocument]) -> dict:
    """Documents through the stages the assets call (extract and validate, splice, assemble), as pandas frames."""
    from pipeline.assemble import assemble
    from pipeline.batch import extract_batch
    from pipeline.state import BuildState
    from schemas.arrow import from_arrow

    state = BuildState.empty().patched(raw_documents, extract_batch(raw_documents))
    assembled = assemble(state)
    assert state.passed and assembled.passed, state.failures.merge(assembled.failures).report()
    return {name: from_arrow(table) for name, table in assembled.tables.items()}


@pytest.fixture(scope="session")
def documents():
    """Every real raw document parsed, by source_id."""
    manifest = read_manifest(RAW_DIR)
    return {
        raw.source_id: parse_document(raw) for raw in (read_raw_document(p, manifest) for p in list_raw_files(RAW_DIR))
    }


@pytest.fixture(scope="session")
def results() -> dict[str, DocumentResult]:
    """Every real raw document extracted, by source_id."""
    manifest = read_manifest(RAW_DIR)
    extracted = [extract_document(read_raw_document(p, manifest)) for p in list_raw_files(RAW_DIR)]
    return {r.source["source_id"]: r for r in extracted}


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> BuildRun:
    """The build job, run once per session on the real raw folder into its own outputs folder."""
    run = run_build(raw_dir=RAW_DIR, outputs_dir=tmp_path_factory.mktemp("seed-outputs"))
    assert run.success, run.step_failures()
    return run


@pytest.fixture(scope="session")
def arrow_tables(seed_build) -> dict:
    """The published tables of the real raw folder, as Arrow (what publish and cut_release take)."""
    return seed_build.arrow_tables


@pytest.fixture(scope="session")
def tables(seed_build) -> dict:
    """The published tables of the real raw folder, as validated pandas frames."""
    return seed_build.tables


@pytest.fixture
def corrupt_extraction(monkeypatch):
    """corrupt_extraction(table, column, value): the next extractions hand validation a first row of
    `table` with `column` set to `value`; corrupt_extraction.undo() restores them."""
    from pipeline import batch

    real_rows = batch.document_rows

    def corrupt(table: str, column: str, value) -> None:
        def rows_with_a_bad_value(results):
            rows = real_rows(results)
            rows[table][0][column] = value
            return rows

        monkeypatch.setattr(batch, "document_rows", rows_with_a_bad_value)

    corrupt.undo = lambda: monkeypatch.setattr(batch, "document_rows", real_rows)
    return corrupt


def edit_raw(raw_dir: Path, file_name: str, text: str | None = None, append: str | None = None) -> None:
    """Change a raw file as a maintainer does: write its new text, and its new sha256 into sources.csv.

    A raw file whose bytes differ from the manifest's sha256 is refused (pipeline.documents.reading).
    """
    import csv
    import io

    path = raw_dir / file_name
    path.write_text(text if text is not None else path.read_text(encoding="utf-8") + (append or ""), encoding="utf-8")
    manifest = raw_dir / "sources.csv"
    if not manifest.exists():
        return
    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8"))))
    for row in rows:
        if row["file_name"] == file_name:
            row["sha256"] = sha256_hex(path.read_bytes())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    manifest.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of raw/ for tests that add, break or remove files."""
    target = tmp_path / "raw"
    shutil.copytree(RAW_DIR, target)
    return target
