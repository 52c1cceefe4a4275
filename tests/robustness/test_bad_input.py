"""Each kind of bad raw file has one documented outcome (README, 'What happens when...').

Refused: the file's facts are left out, a `rejected_file` issue names it (and
the line, where there is one), the rest is published, and no release is cut.
Processed: the sound content is published and the rest recorded in
quality_issues. Either way every release and every other document's data stay
byte for byte as they were.
"""

import os
import shutil
from pathlib import Path

import pytest

from pipeline.documents import reading
from pipeline.run import run_build
from tests.conftest import RAW_DIR
from tests.robustness.helpers import release_hashes, table_hashes

REPORTING_TABLES = {"sources.parquet", "quality_issues.parquet"}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """Outputs and a release built from the real raw folder."""
    outputs = tmp_path_factory.mktemp("baseline")
    assert run_build(raw_dir=RAW_DIR, outputs_dir=outputs).success
    return outputs


@pytest.fixture
def outputs(baseline, tmp_path):
    copy = tmp_path / "outputs"
    shutil.copytree(baseline, copy, symlinks=True)
    return copy


def build_with(raw_copy: Path, outputs: Path, name: str, data: bytes):
    (raw_copy / name).write_bytes(data)
    return build(raw_copy, outputs)


def build(raw_copy: Path, outputs: Path):
    """Build, then check every earlier release is still there byte for byte (a new one may be added)."""
    before_releases = release_hashes(outputs)
    before_tables = table_hashes(outputs)
    result = run_build(raw_dir=raw_copy, outputs_dir=outputs)
    after = release_hashes(outputs)
    indexes = ("LATEST", "CHANGELOG.md", "index.html")  # rewritten when a release is added
    assert {k: after.get(k) for k in before_releases if k.split("/")[0] not in indexes} == {
        k: v for k, v in before_releases.items() if k.split("/")[0] not in indexes
    }
    result.before_tables = before_tables
    return result, before_releases


def issues_for(result, source_id):
    issues = result.tables["quality_issues"]
    return issues[issues.source_id == source_id]


def assert_refused(result, before_releases, outputs, source_id, pattern):
    """The file's facts are left out, the rest is published unchanged, and no release is cut."""
    refused = issues_for(result, source_id)
    assert list(refused.kind) == ["rejected_file"]
    assert refused.detail.str.contains(pattern).all(), refused.detail.tolist()
    assert result.released_version is None and len(result.release_blockers) == 1
    assert release_hashes(outputs) == before_releases
    after = table_hashes(outputs)
    assert {k: v for k, v in after.items() if k not in REPORTING_TABLES} == {
        k: v for k, v in result.before_tables.items() if k not in REPORTING_TABLES
    }


def test_empty_file_is_processed_and_reported(raw_copy, outputs):
    result, _ = build_with(raw_copy, outputs, "empty.txt", b"")
    source = result.tables["sources"].set_index("source_id").loc["empty"]
    assert (source.bytes, source.lines) == (0, 0)
    assert list(issues_for(result, "empty").kind) == ["empty_document"]
    assert result.released_version is not None  # sound: the new source is a row change


def test_whitespace_and_bom_only_is_an_empty_document(raw_copy, outputs):
    result, _ = build_with(raw_copy, outputs, "blank.txt", b"\xef\xbb\xbf  \r\n\t\n\n")
    assert list(issues_for(result, "blank").kind) == ["empty_document"]


def test_random_binary_bytes_are_refused(raw_copy, outputs):
    result, before = build_with(raw_copy, outputs, "noise.txt", bytes(range(256)) * 40)
    assert_refused(result, before, outputs, "noise", r"noise\.txt:3: not UTF-8 text \(byte 0x80")
    assert result.tables["sources"].set_index("source_id").loc["noise", "document_format"] == "unreadable"


def test_utf16_with_bom_is_refused(raw_copy, outputs):
    result, before = build_with(raw_copy, outputs, "wide.txt", "= Foreign relations of Canada =\n".encode("utf-16"))
    assert_refused(result, before, outputs, "wide", r"wide\.txt:1: UTF-16 text")


def test_latin1_is_refused_naming_the_line(raw_copy, outputs):
    text = "= Foreign relations of Canada =\n\nCanada and Spain.\nQu\u00e9bec and Espa\u00f1a.\n"
    result, before = build_with(raw_copy, outputs, "latin.txt", text.encode("latin-1"))
    assert_refused(result, before, outputs, "latin", r"latin\.txt:4: not UTF-8")


def test_file_truncated_mid_table_row_is_processed_with_the_row_reported(raw_copy, outputs):
    text = (RAW_DIR / "foreign-relations-of-canada.txt").read_text(encoding="utf-8")
    cut = text.index("| | 1928-12 |") + len("| | 1928-12")
    result, _ = build_with(raw_copy, outputs, "truncated.txt", text[:cut].encode("utf-8"))
    malformed = issues_for(result, "truncated")
    assert list(malformed[malformed.kind == "malformed_row"].line) == [409]
    japan = result.tables["bilateral_relations"].query("source_id == 'truncated' and line == 409").iloc[0]
    assert japan.established == "1928-12"


def test_table_with_200_columns_is_processed(raw_copy, outputs):
    header = "|" + "|".join(f"c{i}" for i in range(200)) + "|\n"
    rows = "".join("|" + "|".join(str(j) for j in range(200)) + "|\n" for _ in range(20))
    text = f"= Foreign relations of Canada =\n\n==Wide==\n{header}{rows}\nCanada joined the OAS in 1990.\n"
    result, _ = build_with(raw_copy, outputs, "wide-table.txt", text.encode())
    joined = result.tables["memberships"].query("source_id == 'wide-table'")
    assert list(joined.org_id) == ["oas"] and issues_for(result, "wide-table").empty


def test_file_over_the_size_limit_is_refused_without_reading_it(raw_copy, outputs):
    with open(raw_copy / "dump.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result, before_releases = build(raw_copy, outputs)
    assert_refused(result, before_releases, outputs, "dump", r"dump\.txt: 52428800 bytes, over the 10 MiB limit")
    assert "dump" not in set(result.tables["sources"].source_id)


def test_odd_file_names_are_processed_with_slug_ids(raw_copy, outputs):
    name = "Relations d'été “2024” copy.txt"
    result, _ = build_with(
        raw_copy, outputs, name, b"= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n"
    )
    source = result.tables["sources"].query("file_name == @name").iloc[0]
    assert source.source_id == "relations-d-ete-2024-copy"
    assert len(result.tables["memberships"].query("source_id == 'relations-d-ete-2024-copy'")) == 1


def test_colliding_source_ids_refuse_the_second_file(raw_copy, outputs):
    (raw_copy / "a b.txt").write_bytes(b"= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n")
    result, before = build_with(
        raw_copy, outputs, "a-b.txt", b"= Foreign relations of Canada =\n\nCanada joined the WTO in 1995.\n"
    )
    refused = result.tables["quality_issues"].query("kind == 'rejected_file'")
    assert len(refused) == 1 and "already used by 'a b.txt'" in refused.iloc[0].detail
    assert result.released_version is None


def test_symlink_out_of_the_raw_folder_is_never_read(raw_copy, outputs, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n")
    (raw_copy / "escape.txt").symlink_to(secret)
    result, before_releases = build(raw_copy, outputs)
    assert_refused(result, before_releases, outputs, "escape", "outside the raw folder")
    assert "escape" not in set(result.tables["sources"].source_id)


def test_file_changing_while_read_is_refused(raw_copy, outputs, monkeypatch):
    target = raw_copy / "moving.txt"
    target.write_bytes(b"= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n")
    real_read_bytes = Path.read_bytes

    def read_while_a_writer_appends(self):
        data = real_read_bytes(self)
        if self.name == "moving.txt":
            with open(self, "ab") as handle:
                handle.write(b"Canada joined the WTO in 1995.\n")
            os.utime(self, ns=(1, 1))
        return data

    monkeypatch.setattr(reading.Path, "read_bytes", read_while_a_writer_appends)
    result, before_releases = build(raw_copy, outputs)
    assert_refused(result, before_releases, outputs, "moving", "changed while it was being read")
