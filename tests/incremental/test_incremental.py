"""Incremental builds: unchanged documents are not re-parsed, changed ones are, removed ones disappear."""

import os

import pandas as pd

from pipeline import incremental
from pipeline.build import run_build
from pipeline.release.releases import releases_dir
from schemas import TABLES

RUSSIA = "canada-russia-relations.txt"


def test_unchanged_documents_are_reused_and_give_identical_tables(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first = run_build(raw_copy, outputs)
    second = run_build(raw_copy, outputs)
    assert (first.parsed, first.reused) == (5, 0)
    assert (second.parsed, second.reused) == (0, 5)
    assert second.published.build_id == first.published.build_id
    fresh = run_build(raw_copy, tmp_path / "uncached", use_cache=False)
    for spec in TABLES:
        pd.testing.assert_frame_equal(second.tables[spec.name], fresh.tables[spec.name])


def test_a_touched_file_is_not_reparsed(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    os.utime(raw_copy / RUSSIA, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert run_build(raw_copy, outputs).parsed == 0


def test_a_changed_document_is_reparsed_alone(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    with open(raw_copy / RUSSIA, "a", encoding="utf-8") as handle:
        handle.write("\nBoth countries are also members of the World Trade Organization.\n")
    rebuilt = run_build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (1, 4)
    wto = rebuilt.tables["memberships"].query("org_id == 'wto' and source_id == 'canada-russia-relations'")
    assert set(wto.country_code) == {"CAN", "RUS"}
    assert rebuilt.release.plan.bump == "patch"


def test_a_code_change_invalidates_every_cached_document(raw_copy, tmp_path, monkeypatch):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    monkeypatch.setattr(incremental, "extraction_code_version", lambda: "another-parser")
    rebuilt = run_build(raw_copy, outputs)
    assert (rebuilt.parsed, rebuilt.reused) == (5, 0)
    assert [p.name for p in (outputs / ".cache" / "extractions").iterdir()] == ["another-parser"]


def test_code_version_follows_the_extraction_source():
    version = incremental.extraction_code_version()
    assert len(version) == 16
    files = [p for folder in incremental.CODE_FOLDERS for p in (incremental.PACKAGE_ROOT / folder).rglob("*.py")]
    assert any(p.name == "memberships.py" for p in files) and any(p.name == "parse.py" for p in files)


def test_a_removed_document_loses_its_rows_and_the_release_says_so(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run_build(raw_copy, outputs)
    (raw_copy / RUSSIA).unlink()
    rebuilt = run_build(raw_copy, outputs)
    for spec in TABLES:
        if "source_id" in rebuilt.tables[spec.name].columns:
            assert "canada-russia-relations" not in set(rebuilt.tables[spec.name].source_id), spec.name
    notes = (releases_dir(outputs) / rebuilt.release.plan.version / "CHANGELOG.md").read_text()
    assert "- removed: (canada-russia-relations)" in notes  # the sources row
    assert "(CAN, osce, canada-russia-relations, 87)" in notes  # a membership read from it
    assert len(list((outputs / ".cache" / "extractions").glob("*/*.pickle"))) == 4
