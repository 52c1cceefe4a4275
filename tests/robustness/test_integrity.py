"""Nothing wrong is ever published: concurrent runs, empty or tampered inputs, analysts' writes, odd failures.

Each test reproduces one way a careless or hostile user could get wrong data
published or lose files, and checks the outcome the README's 'What happens
when...' table promises (exit status included).
"""

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.documents import reading
from pipeline.documents.reading import read_raw_documents
from pipeline.run import run_build
from tests.conftest import PROJECT_ROOT, RAW_DIR, edit_raw
from tests.robustness.helpers import lock_held_elsewhere, published_view

pytestmark = pytest.mark.slow


def cli(*args: str, runner: tuple[str, ...] = ("pipeline.cli",), env: dict | None = None, timeout: int = 180):
    environment = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"} | (env or {})
    command = [sys.executable, "-m", *runner, *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=timeout)


def build_cli(raw: Path, outputs: Path, *extra: str, runner=("pipeline.cli",), env=None):
    return cli("build", "--raw-dir", str(raw), "--outputs-dir", str(outputs), *extra, runner=runner, env=env)


def sources(outputs: Path) -> list[str]:
    return sorted(pq.read_table(outputs / "parquet" / "sources.parquet")["source_id"].to_pylist())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Outputs (and release 1.0.0) built from the real raw folder."""
    outputs = tmp_path_factory.mktemp("built")
    assert run_build(raw_dir=RAW_DIR, outputs_dir=outputs).success
    return outputs


@pytest.fixture
def outputs(built, tmp_path):
    copy = tmp_path / "outputs"
    shutil.copytree(built, copy, symlinks=True)
    return copy


# 1. Concurrent runs ------------------------------------------------------------------------------


def test_two_runs_at_once_in_one_instance_never_mix_their_tables(raw_copy, tmp_path):
    """Two builds sharing one DAGSTER_HOME, on different raw and outputs folders, each publish their own tables."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "pipeline" / "dagster_instance.yaml", home / "dagster.yaml")  # as make writes it
    (raw_copy / "canada-russia-relations.txt").unlink()
    env = {"DAGSTER_HOME": str(home)}
    command = [sys.executable, "-m", "pipeline.cli", "build", "--raw-dir"]
    runs = [
        subprocess.Popen(
            [*command, str(raw), "--outputs-dir", str(tmp_path / name)],
            cwd=PROJECT_ROOT,
            env=os.environ | env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for raw, name in ((RAW_DIR, "five"), (raw_copy, "four"))
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, out + err
    assert len(sources(tmp_path / "five")) == 5 and len(sources(tmp_path / "four")) == 4
    four = pq.read_table(tmp_path / "four" / "parquet" / "memberships.parquet")
    assert "canada-russia-relations" not in set(four["source_id"].to_pylist())


def test_a_second_build_on_one_outputs_folder_is_refused_at_once_in_one_line(outputs):
    before = published_view(outputs)
    with lock_held_elsewhere(outputs) as pid:
        done = build_cli(RAW_DIR, outputs)
    assert done.returncode == 1
    assert f"build refused: {outputs} is being published by pid {pid}" in done.stderr
    assert "Traceback" not in done.stderr and "check " not in done.stdout  # refused before any step ran
    assert published_view(outputs) == before


def test_a_lock_wait_of_nan_is_refused():
    done = cli("build", "--lock-wait", "nan")
    assert done.returncode == 2 and "finite number of seconds" in done.stderr


# 2. An empty or wrong raw folder -----------------------------------------------------------------


def test_an_empty_raw_folder_publishes_nothing_and_cuts_nothing(outputs, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    before = published_view(outputs)
    done = build_cli(empty, outputs)
    assert done.returncode == 1 and "no raw document was read" in done.stderr
    assert published_view(outputs) == before
    allowed = build_cli(empty, outputs, "--allow-shrink")
    assert allowed.returncode == 0 and sources(outputs) == []


def test_a_raw_folder_with_most_documents_missing_is_refused_unless_allowed(outputs, raw_copy):
    for path in list(raw_copy.glob("*.txt"))[:3]:
        path.unlink()
    before = published_view(outputs)
    done = build_cli(raw_copy, outputs)
    assert done.returncode == 1 and "would drop 3 of the 5 published documents (60%" in done.stderr
    assert published_view(outputs) == before
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs, allow_shrink=True).success


def test_a_fresh_clone_with_releases_but_no_build_guards_against_the_latest_release(built, tmp_path):
    outputs = tmp_path / "clone-outputs"
    shutil.copytree(built / "releases", outputs / "releases")
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_build(raw_dir=empty, outputs_dir=outputs)
    assert not run.success and not run.published
    assert sorted(p.name for p in (outputs / "releases").iterdir() if p.is_dir()) == ["1.0.0"]


# 3. Only what the build wrote is deleted ------------------------------------------------------


def test_builds_and_state_files_the_pipeline_did_not_write_are_kept(outputs, raw_copy):
    mine = outputs / "builds" / "0123456789abcdef"
    mine.mkdir()
    (mine / "notes.txt").write_text("an analyst's folder")
    (outputs / ".cache" / "state" / "my-notes.txt").write_text("kept")
    edit_raw(raw_copy, "canada-russia-relations.txt", append="\nAn added sentence.\n")
    first_build = (outputs / "current").resolve().name
    run = run_build(raw_dir=raw_copy, outputs_dir=outputs)
    assert run.success
    kept = {p.name for p in (outputs / "builds").iterdir()}
    assert kept == {"0123456789abcdef", run.build_id} and first_build not in kept  # the build it replaced is its own
    assert (outputs / ".cache" / "state" / "my-notes.txt").read_text() == "kept"


# 4. The DuckDB file is what the Parquet files say ---------------------------------------------


def test_an_analysts_write_to_the_duckdb_file_is_not_carried_into_later_builds(outputs, raw_copy):
    connection = duckdb.connect(
        str(outputs / "canada_relations.duckdb")
    )  # read-write, as the DuckDB CLI opens by default
    connection.execute("UPDATE organizations SET name = 'HACKED'")
    connection.close()
    # only `sources` changes, so the previous DuckDB file would be patched
    edit_raw(raw_copy, "canada-russia-relations.txt", append="\nThis sentence states no fact.\n")
    run = run_build(raw_dir=raw_copy, outputs_dir=outputs)
    facts = json.loads((outputs / "builds" / run.build_id / "build.json").read_text())
    assert facts["duckdb_patched_from"] is None  # the previous file no longer matched its recorded sha256
    reader = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM organizations WHERE name = 'HACKED'").fetchone()[0] == 0
    finally:
        reader.close()
    assert facts["duckdb_sha256"] == reading.sha256_hex((outputs / "canada_relations.duckdb").read_bytes())


def test_a_rebuild_of_identical_tables_rebuilds_a_tampered_duckdb_file(outputs):
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"))
    connection.execute("DELETE FROM memberships")
    connection.close()
    assert run_build(raw_dir=RAW_DIR, outputs_dir=outputs).success
    reader = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM memberships").fetchone()[0] == 120
    finally:
        reader.close()


# 5. and 6. Raw files checked against the manifest, links, line endings -----------------------------


def test_a_raw_file_whose_bytes_differ_from_the_manifest_is_refused_with_both_hashes(raw_copy):
    russia = raw_copy / "canada-russia-relations.txt"
    russia.write_bytes(russia.read_bytes() + b"\nAn edit.\n")
    refused = next(d for d in read_raw_documents(raw_copy) if d.file_name == russia.name)
    expected = next(
        line for line in (raw_copy / "sources.csv").read_text().splitlines() if line.startswith("canada-russia")
    )
    assert refused.rejection and reading.sha256_hex(russia.read_bytes()) in refused.rejection
    assert expected.rsplit(",", 1)[1] in refused.rejection and refused.data == b""


def test_two_swapped_file_names_are_both_refused_and_no_release_is_cut(outputs, raw_copy):
    a, b = raw_copy / "canada-russia-relations.txt", raw_copy / "canada-and-the-americas.txt"
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    done = build_cli(raw_copy, outputs)
    assert done.returncode == 2
    assert done.stderr.count("refused: ") == 2  # one line per refused file, with its reason
    assert "but sources.csv says" in done.stderr
    assert sorted(p.name for p in (outputs / "releases").iterdir() if p.is_dir()) == ["1.0.0"]


def test_a_hard_link_to_a_file_outside_the_raw_folder_is_refused_unread(raw_copy, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n")
    os.link(outside, raw_copy / "linked.txt")
    refused = next(d for d in read_raw_documents(raw_copy) if d.file_name == "linked.txt")
    assert "a hard link" in refused.rejection and refused.data == b"" and refused.sha256 == ""


def test_old_mac_line_endings_are_read_as_lines_and_invent_nothing():
    text = "= Foreign relations of Canada =\r\rCanada joined the OAS in 1990.\r\rGermany and France are neighbours.\r"
    raw = reading.RawDocument("mac", "mac.txt", text.encode(), reading.sha256_hex(text.encode()), None)
    from pipeline.extract import extract_document

    result = extract_document(raw)
    assert result.source["lines"] == 5
    members = result.extraction.rows["memberships"]
    assert [(m["country_code"], m["org_id"], m["line"]) for m in members] == [("CAN", "oas", 3)]
    assert reading.decode(b"a\r\nb\rc\nd", "x").lines == ["a", "b", "c", "d"]


def test_a_file_that_cannot_be_read_is_refused_not_fatal(raw_copy, tmp_path, monkeypatch):
    target = raw_copy / "locked.txt"
    target.write_text("= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n")
    real = Path.read_bytes

    def denied(self):  # as root, chmod 000 would not stop the read: the refusal is simulated
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(reading.Path, "read_bytes", denied)
    run = run_build(raw_dir=raw_copy, outputs_dir=tmp_path / "outputs")
    assert run.published and not run.released_version
    assert list(run.release_blockers["detail"]) == ["locked.txt: cannot be read: Permission denied"]


def test_a_manifest_saved_with_a_byte_order_mark_is_read(raw_copy):
    manifest = raw_copy / "sources.csv"
    manifest.write_bytes(b"\xef\xbb\xbf" + manifest.read_bytes())
    documents = read_raw_documents(raw_copy)
    assert all(d.rejection is None for d in documents) and documents[0].manifest["source_id"] == documents[0].source_id


def test_a_one_line_file_with_a_fact_is_read_not_reported_empty():
    from pipeline.extract import extract_document

    data = b"Canada is a member of NATO"
    result = extract_document(reading.RawDocument("one", "one.txt", data, reading.sha256_hex(data), None))
    assert [(m["country_code"], m["org_id"]) for m in result.extraction.rows["memberships"]] == [("CAN", "nato")]
    assert "empty_document" not in {issue.kind for issue in result.extraction.issues}


# 10. Failures explain themselves in one line ------------------------------------------------------


@pytest.mark.parametrize("number, words", [(errno.ENOSPC, "disk full on"), (errno.EROFS, "read-only file system on")])
def test_a_full_or_read_only_disk_fails_in_one_line_and_the_next_build_cleans_up(outputs, raw_copy, number, words):
    edit_raw(
        raw_copy,
        "canada-russia-relations.txt",
        append="\nBoth countries are also members of the World Trade Organization.\n",
    )
    before = published_view(outputs)
    runner = ("tests.robustness.faulty_build", "fail", "after_parquet_memberships", str(number))
    done = build_cli(raw_copy, outputs, runner=runner)
    assert done.returncode == 1
    assert f"failed: published_outputs: {words} " in done.stderr and "memberships.parquet" in done.stderr
    assert published_view(outputs) == before
    assert not list(outputs.rglob(".tmp-*"))  # the staging folder went with the failure
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs).released_version == "1.0.1"


def test_a_release_that_fails_for_lack_of_space_says_so_not_refused_files(outputs, raw_copy):
    edit_raw(
        raw_copy,
        "canada-russia-relations.txt",
        append="\nBoth countries are also members of the World Trade Organization.\n",
    )
    runner = ("tests.robustness.faulty_build", "fail", "release_parquet_memberships", str(errno.ENOSPC))
    done = build_cli(raw_copy, outputs, runner=runner)
    assert done.returncode == 2
    assert "failed: dataset_release: disk full on" in done.stderr and "the release step failed" in done.stderr
    assert "refused:" not in done.stderr
    assert not list((outputs / "releases").glob(".tmp-*"))
