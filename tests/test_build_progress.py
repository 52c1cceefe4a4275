"""`canada-relations build` says what each stage did as it finishes, then names every refused file with its reason.

The CLI runs in a subprocess, as `make build` runs it, so the lines are read from a pipe: a line held in a
buffer until the process ends would reach the reader only after the build was published.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from schemas import TABLES
from tests.conftest import PROJECT_ROOT, RAW_DIR

pytestmark = pytest.mark.slow


def build(raw: Path, outputs: Path, tmp_path: Path, *options: str) -> tuple[int, list[str], str, bool]:
    """(exit status, stdout lines, stderr, whether nothing was published yet when the first stage line came)."""
    # Without PYTHONUNBUFFERED (set on some machines), stdout to a pipe is block-buffered as on a user's.
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "PYTHONUNBUFFERED")}
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        "--raw-dir",
        str(raw),
        "--outputs-dir",
        str(outputs),
        *options,
    ]
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
        lines, unpublished_at_first_stage = [], None
        deadline = time.monotonic() + 300
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if unpublished_at_first_stage is None and line.startswith("raw_documents:"):
                unpublished_at_first_stage = not (outputs / "current").exists()
            assert time.monotonic() < deadline
        status = process.wait(timeout=60)
    return status, lines, errors.read_text(), bool(unpublished_at_first_stage)


def stage_lines(lines: list[str]) -> list[str]:
    """The lines printed as the build ran: after the first line, before the summary (which opens with the checks)."""
    summary = next(n for n, line in enumerate(lines) if line.startswith("check "))
    return lines[1:summary]


def published_rows(outputs: Path) -> int:
    return sum(pq.ParquetFile(outputs / "parquet" / f"{spec.name}.parquet").metadata.num_rows for spec in TABLES)


def test_each_stage_prints_its_counts_as_it_finishes(tmp_path):
    outputs = tmp_path / "outputs"
    status, lines, errors, streamed = build(RAW_DIR, outputs, tmp_path)
    assert status == 0, errors
    assert lines[0] == f"build: {RAW_DIR} -> {outputs}"
    build_id = (outputs / "current").resolve().name
    rows = f"{published_rows(outputs):,} rows"
    assert stage_lines(lines) == [
        "raw_documents: 5 files read (0 refused)",
        "parse: 5 documents extracted, 0 reused",
        f"tables: {len(TABLES)} validated, {rows}",
        f"published build {build_id}: {rows} in {len(TABLES)} tables",
        "release 1.0.0 cut (initial)",
    ]
    assert streamed, "the first stage line arrived only after the build was published: stdout is not flushed per line"

    status, lines, errors, _ = build(RAW_DIR, outputs, tmp_path)
    assert status == 0, errors
    assert lines[1:] == [
        f"build {build_id} is current: the raw folder, the code and the outputs are what it was made from "
        "(release 1.0.0); nothing to do (--force builds anyway)"
    ]

    status, lines, errors, _ = build(RAW_DIR, outputs, tmp_path, "--force")
    assert status == 0, errors
    assert stage_lines(lines) == [
        "raw_documents: 5 files read (0 refused)",
        "parse: 0 documents extracted, 5 reused",
        f"tables: {len(TABLES)} validated, {rows}",
        f"published build {build_id}: {rows} in {len(TABLES)} tables (unchanged: that build was already on disk)",
        "no new release: the tables equal release 1.0.0",
    ]


def test_a_refused_file_is_counted_as_it_is_met_and_named_with_its_reason_at_the_end(tmp_path):
    raw, outputs = tmp_path / "raw", tmp_path / "outputs"
    shutil.copytree(RAW_DIR, raw)
    # 0xff never occurs in UTF-8; the bytes after it are fixed, since random ones starting 0xfe (1 run in 256) make
    # the file UTF-16 by its byte order mark, refused with another reason
    (raw / "noise.txt").write_bytes(b"\xff" + bytes(range(256)) * 16)
    status, lines, errors, _ = build(raw, outputs, tmp_path)
    assert status == 2, errors
    build_id = (outputs / "current").resolve().name
    assert stage_lines(lines) == [
        "raw_documents: 6 files read (0 refused)",
        "parse: 6 documents extracted, 0 reused, 1 refused (noise)",
        f"tables: {len(TABLES)} validated, {published_rows(outputs):,} rows",
        f"published build {build_id}: {published_rows(outputs):,} rows in {len(TABLES)} tables",
    ]
    refused = [line for line in errors.splitlines() if line.startswith("refused: ")]
    assert refused == ["refused: noise.txt:1: not UTF-8 text (byte 0xff at offset 0); save the file as UTF-8"]
    assert "Traceback" not in errors and "Stack Trace" not in errors
