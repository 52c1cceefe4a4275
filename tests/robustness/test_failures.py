"""Killed builds, concurrent builds and failing assets never lose or corrupt what was published.

The CLI runs in a subprocess; tests/robustness/faulty_build.py stops it at a
named point of the publish or the release so the test can SIGKILL it there.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.publish.files import TEMP_PREFIX
from pipeline.release.releases import latest_release, list_releases, verify_release
from pipeline.run import run_build
from tests.conftest import PROJECT_ROOT, RAW_DIR
from tests.robustness.helpers import lock_held_elsewhere, published_view, release_hashes

pytestmark = pytest.mark.slow


def cli_build(
    raw: Path, outputs: Path, *extra: str, pause_at: str | None = None, marker: Path | None = None
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    runner = ["tests.robustness.faulty_build", "pause", pause_at, str(marker)] if pause_at else ["pipeline.cli"]
    command = [sys.executable, "-m", *runner, "build", "--raw-dir", str(raw), "--outputs-dir", str(outputs), *extra]
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for(marker: Path, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached its pause point"
        time.sleep(0.1)


def kill_build_at(point: str, outputs: Path, marker: Path) -> None:
    """Start a CLI build of the real raw folder, wait until it pauses at `point`, and SIGKILL it there."""
    process = cli_build(RAW_DIR, outputs, pause_at=point, marker=marker)
    wait_for(marker, process)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def four_document_outputs(tmp_path_factory):
    """Outputs and release 1.0.0 built from four of the five documents; the fifth makes the next build differ."""
    raw = tmp_path_factory.mktemp("raw4")
    for path in RAW_DIR.iterdir():
        if "fact-sheet" not in path.name:
            shutil.copy(path, raw / path.name)
    outputs = tmp_path_factory.mktemp("outputs4")
    assert run_build(raw_dir=raw, outputs_dir=outputs).success
    return outputs


@pytest.fixture
def outputs(four_document_outputs, tmp_path):
    copy = tmp_path / "outputs"
    shutil.copytree(four_document_outputs, copy, symlinks=True)
    return copy


@pytest.mark.parametrize("point", ["after_parquet_memberships", "after_duckdb", "before_switch"])
def test_kill_during_publish_leaves_outputs_unchanged_and_a_rerun_succeeds(outputs, tmp_path, point):
    before = published_view(outputs)
    kill_build_at(point, outputs, tmp_path / "paused")
    assert published_view(outputs) == before
    rerun = run_build(raw_dir=RAW_DIR, outputs_dir=outputs)
    assert rerun.released_version == "1.0.1"
    assert not list(outputs.rglob(f"{TEMP_PREFIX}*"))
    assert [p.name for p in (outputs / "builds").iterdir()] == [rerun.build_id]
    assert verify_release(outputs / "releases" / "1.0.1") == []


@pytest.mark.parametrize("point", ["release_before_rename", "release_before_latest"])
def test_kill_while_cutting_a_release_keeps_every_release_intact(outputs, tmp_path, point):
    before = release_hashes(outputs)
    kill_build_at(point, outputs, tmp_path / "paused")
    after = release_hashes(outputs)
    assert {k: after[k] for k in before if k.startswith("1.0.0/")} == {
        k: v for k, v in before.items() if k.startswith("1.0.0/")
    }
    assert (outputs / "releases" / "LATEST").read_text() == "1.0.0\n"
    assert list_releases(outputs / "releases") == (
        ["1.0.0", "1.0.1"] if point == "release_before_latest" else ["1.0.0"]
    )
    rerun = run_build(raw_dir=RAW_DIR, outputs_dir=outputs)
    assert rerun.released_version == ("1.0.1" if point == "release_before_rename" else None)
    assert (
        latest_release(outputs / "releases") == "1.0.1" and (outputs / "releases" / "LATEST").read_text() == "1.0.1\n"
    )
    assert verify_release(outputs / "releases" / "1.0.1") == []
    assert not list(outputs.rglob(f"{TEMP_PREFIX}*"))


def test_a_build_that_finds_the_lock_held_refuses_and_changes_nothing(outputs):
    before = published_view(outputs)
    with lock_held_elsewhere(outputs):
        process = cli_build(RAW_DIR, outputs)
        out, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "is being published by pid" in err and "nothing was published" in err
    assert published_view(outputs) == before


def test_two_builds_at_once_both_succeed_and_cut_one_release(outputs):
    first = cli_build(RAW_DIR, outputs, "--lock-wait", "120")
    second = cli_build(RAW_DIR, outputs, "--lock-wait", "120")
    results = [p.communicate(timeout=180) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert not [
        err for _, err in results if "leaked" in err
    ]  # objects frozen after imports are freed at exit (pipeline/cli.py)
    assert list_releases(outputs / "releases") == ["1.0.0", "1.0.1"]
    assert sum("cut release 1.0.1" in out for out, _ in results) == 1
    assert verify_release(outputs / "releases" / "1.0.1") == []
    assert len(list((outputs / "builds").iterdir())) == 1


def test_cli_exit_codes_say_what_happened(outputs, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    (raw / "noise.txt").write_bytes(bytes(range(256)))
    process = cli_build(raw, outputs)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2, err
    assert "release not cut" in err and "published the sound documents" in err
    assert "check quality_issues.every_document_extracted: FAILED" in out
    assert list_releases(outputs / "releases") == ["1.0.0"]
