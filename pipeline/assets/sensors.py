"""A sensor that requests a build when a raw file is added, changed or removed.

The cursor remembers each file's size, mtime and sha256. A file whose size and
mtime are unchanged is not read again; one that was only touched is re-hashed
and, its bytes being the same, triggers nothing.
"""

import hashlib
import json

import dagster as dg

from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import MANIFEST_NAME, list_raw_files


def raw_fingerprint(raw_dir, previous: dict) -> dict[str, list]:
    """{file name: [size, mtime_ns, sha256]} for the raw files and the manifest, re-hashing only files whose stat moved."""
    paths = list_raw_files(raw_dir) + ([raw_dir / MANIFEST_NAME] if (raw_dir / MANIFEST_NAME).exists() else [])
    fingerprint = {}
    for path in paths:
        stat = path.stat()
        known = previous.get(path.name)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            fingerprint[path.name] = known
        else:
            fingerprint[path.name] = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()]
    return fingerprint


def describe_changes(previous: dict, current: dict) -> dict[str, list[str]]:
    return {
        "added": sorted(set(current) - set(previous)),
        "removed": sorted(set(previous) - set(current)),
        "changed": sorted(n for n in set(current) & set(previous) if current[n][2] != previous[n][2]),
    }


@dg.sensor(job_name="build_all", minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING, description="Requests build_all when a raw file is added, changed or removed.")
def raw_files_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings):
    raw_dir = settings.raw_path
    previous = json.loads(context.cursor) if context.cursor else {}
    current = raw_fingerprint(raw_dir, previous)
    changes = describe_changes(previous, current)
    context.update_cursor(json.dumps(current, sort_keys=True))
    if not any(changes.values()):
        return dg.SkipReason("no raw file was added, changed or removed")
    run_key = hashlib.sha256(json.dumps({n: v[2] for n, v in current.items()}, sort_keys=True).encode()).hexdigest()[:16]
    summary = ", ".join(f"{kind}: {len(names)}" for kind, names in changes.items() if names)
    return dg.RunRequest(run_key=run_key, tags={"raw_changes": summary})
