"""A sensor that requests a build whenever the raw folder differs from what the current build was made from.

It compares the raw folder as it is now with the `raw` record of the current
build (outputs/current/build.json: each file's sha256 and manifest entry),
whichever command made that build. So nothing is requested after `make
build`, an edit is, and so is an edit reverted to earlier bytes (the run key
names the build it would replace, so a key used before is never reused for a
new situation). The cursor only caches each file's size, mtime and sha256, so
a file whose stat did not move is not read again. Odd entries (a folder or a
FIFO named *.txt, a broken link) are never opened: they show as files that
cannot be read, and the build refuses them.
"""

import hashlib
import json

import dagster as dg

from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import raw_folder_fingerprint
from pipeline.publish.layout import current_build, read_build_facts


def describe_changes(published: dict, current: dict) -> dict[str, list[str]]:
    return {
        "added": sorted(set(current) - set(published)),
        "removed": sorted(set(published) - set(current)),
        "changed": sorted(name for name in set(current) & set(published) if current[name] != published[name]),
    }


@dg.sensor(
    job_name="build_all",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests `build_all` when the raw folder differs from what the current build was made from.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings):
    raw_dir = settings.raw_path
    if not raw_dir.is_dir():
        return dg.SkipReason(f"the raw folder {raw_dir} does not exist")
    current, cache = raw_folder_fingerprint(raw_dir, json.loads(context.cursor) if context.cursor else {})
    context.update_cursor(json.dumps(cache, sort_keys=True))
    build = current_build(settings.outputs_path)
    published = (read_build_facts(build) or {}).get("raw") if build else None
    if published == current:
        return dg.SkipReason(f"the raw folder is what build {build.name} was made from")
    changes = describe_changes(published or {}, current)
    state = json.dumps([current, build.name if build else None], sort_keys=True)
    summary = ", ".join(f"{kind}: {len(names)}" for kind, names in changes.items() if names)
    return dg.RunRequest(run_key=hashlib.sha256(state.encode()).hexdigest()[:16], tags={"raw_changes": summary})
