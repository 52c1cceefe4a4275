"""`build` with nothing changed says which build is still current, in a moment, without importing Dagster."""

import subprocess
import sys

import duckdb
import pytest

import pipeline.uptodate as uptodate
from pipeline.run import run_build
from pipeline.uptodate import still_current
from tests.conftest import PROJECT_ROOT, edit_raw


@pytest.fixture
def built(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    run = run_build(raw_dir=raw_copy, outputs_dir=outputs)
    assert run.success
    return raw_copy, outputs, run.build_id


def test_a_build_with_nothing_changed_is_current_and_the_cli_stops_before_dagster(built):
    raw, outputs, build_id = built
    assert still_current(raw, outputs).startswith(f"build {build_id} is current")
    script = (
        "import sys; from pipeline.cli import main; code = main(['build', '--raw-dir', sys.argv[1], '--outputs-dir', "
        "sys.argv[2]]);"
        "print('dagster imported' if 'dagster' in sys.modules else 'dagster not imported'); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(raw), str(outputs)], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"build {build_id} is current" in done.stdout and "dagster not imported" in done.stdout


def test_an_edited_raw_file_is_not_current(built):
    raw, outputs, _ = built
    edit_raw(raw, "canada-russia-relations.txt", append="\nA new sentence.\n")
    assert still_current(raw, outputs) is None


def test_changed_code_or_libraries_are_not_current(built, monkeypatch):
    raw, outputs, _ = built
    monkeypatch.setattr(uptodate, "build_code_version", lambda: "another-code")
    assert still_current(raw, outputs) is None


def test_a_duckdb_file_changed_by_an_analyst_is_not_current(built):
    raw, outputs, _ = built
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"))
    connection.execute("DELETE FROM funding")
    connection.close()
    assert still_current(raw, outputs) is None


def test_a_build_that_cut_no_release_for_a_refused_file_is_never_current(raw_copy, tmp_path):
    (raw_copy / "noise.txt").write_bytes(bytes(range(256)))
    outputs = tmp_path / "outputs"
    run = run_build(raw_dir=raw_copy, outputs_dir=outputs)
    assert run.published and not run.success
    assert still_current(raw_copy, outputs) is None  # the next build tries (and reports the refusal) again
