"""The raw folder sensor requests a build for added, changed or removed files, and nothing else."""

import json
import os

import dagster as dg

from pipeline.assets.resources import PipelineSettings
from pipeline.assets.sensors import raw_files_sensor


def tick(raw, cursor):
    context = dg.build_sensor_context(cursor=cursor, resources={"settings": PipelineSettings(raw_dir=str(raw))})
    result = raw_files_sensor(context)
    return result, context.cursor


def test_sensor_requests_builds_only_for_real_changes(raw_copy):
    first, cursor = tick(raw_copy, None)
    assert isinstance(first, dg.RunRequest) and first.tags["raw_changes"] == "added: 6"

    unchanged, cursor = tick(raw_copy, cursor)
    assert isinstance(unchanged, dg.SkipReason)

    os.utime(raw_copy / "canada-russia-relations.txt", ns=(1, 1))
    touched, cursor = tick(raw_copy, cursor)
    assert isinstance(touched, dg.SkipReason)

    with open(raw_copy / "canada-russia-relations.txt", "a", encoding="utf-8") as handle:
        handle.write("\nMore text.\n")
    changed, cursor = tick(raw_copy, cursor)
    assert isinstance(changed, dg.RunRequest) and changed.tags["raw_changes"] == "changed: 1"
    assert changed.run_key != first.run_key

    (raw_copy / "new.txt").write_text("= Foreign relations of Canada =\n")
    (raw_copy / "canada-and-the-americas.txt").unlink()
    both, cursor = tick(raw_copy, cursor)
    assert both.tags["raw_changes"] == "added: 1, removed: 1"
    assert set(json.loads(cursor)) == {p.name for p in raw_copy.iterdir()}
