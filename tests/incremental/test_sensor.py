"""The raw folder sensor requests a build when the raw folder differs from what the current build was made from."""

import os
import threading

import dagster as dg

from pipeline.assets.resources import PipelineSettings
from pipeline.assets.sensors import raw_files_sensor
from pipeline.run import run_build


def tick(raw, outputs, cursor):
    settings = PipelineSettings(raw_dir=str(raw), outputs_dir=str(outputs))
    context = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    result = raw_files_sensor(context)
    return result, context.cursor


def test_nothing_is_requested_when_the_raw_folder_is_what_the_current_build_was_made_from(raw_copy, tmp_path):
    outputs = tmp_path / "outputs"
    first, cursor = tick(raw_copy, outputs, None)
    assert isinstance(first, dg.RunRequest) and first.tags["raw_changes"] == "added: 5"  # nothing published yet
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs).success  # as `make build` does, outside the sensor
    unchanged, cursor = tick(raw_copy, outputs, None)  # a fresh cursor, as on the first tick of `make dev`
    assert isinstance(unchanged, dg.SkipReason) and "is what build" in unchanged.skip_message
    os.utime(raw_copy / "canada-russia-relations.txt", ns=(1, 1))
    touched, cursor = tick(raw_copy, outputs, cursor)
    assert isinstance(touched, dg.SkipReason)


def test_an_edit_and_its_revert_each_request_a_build_with_a_new_run_key(raw_copy, tmp_path):
    outputs, russia = tmp_path / "outputs", raw_copy / "canada-russia-relations.txt"
    original = russia.read_bytes()
    (raw_copy / "sources.csv").unlink()  # edits are checked against the manifest's sha256: work without one here
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs).success
    russia.write_bytes(original + b"\nMore text.\n")
    edited, cursor = tick(raw_copy, outputs, None)
    assert isinstance(edited, dg.RunRequest) and edited.tags["raw_changes"] == "changed: 1"
    assert run_build(raw_dir=raw_copy, outputs_dir=outputs).success
    russia.write_bytes(original)  # back to bytes a build was once made from
    reverted, cursor = tick(raw_copy, outputs, cursor)
    assert isinstance(reverted, dg.RunRequest) and reverted.tags["raw_changes"] == "changed: 1"
    assert reverted.run_key != edited.run_key


def test_odd_entries_in_the_raw_folder_never_block_or_break_a_tick(raw_copy, tmp_path):
    (raw_copy / "folder.txt").mkdir()
    os.mkfifo(raw_copy / "pipe.txt")  # opening it would block until a writer came
    (raw_copy / "broken.txt").symlink_to(raw_copy / "missing-target.txt")
    results = []
    worker = threading.Thread(target=lambda: results.append(tick(raw_copy, tmp_path / "outputs", None)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert results, "the sensor tick blocked"
    request, _ = results[0]
    assert isinstance(request, dg.RunRequest) and request.tags["raw_changes"] == "added: 8"
