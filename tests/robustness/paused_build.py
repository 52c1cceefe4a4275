"""A CLI build that stops at a named point of publishing or releasing, so a test can SIGKILL it there.

    python -m tests.robustness.paused_build POINT MARKER build --raw-dir ... --outputs-dir ...

Production code carries no test hooks: this wraps, in this process only, the
function whose boundary a point names, writes MARKER when the build gets
there, and sleeps until it is killed.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import pipeline.publish.outputs as outputs
import pipeline.release.releases as releases
from pipeline.cli import main

# point -> (module, function, pause before or after it, which calls count)
POINTS = {
    "after_parquet_memberships": (outputs, "write_atomic", "after", lambda path, *_: Path(path).name == "memberships.parquet"),
    "after_duckdb": (outputs, "_move_build_into_place", "before", None),
    "before_switch": (outputs, "_switch", "before", None),
    "after_switch": (outputs, "_switch", "after", None),
    "release_before_rename": (releases, "_move_release_into_place", "before", None),
    "release_before_latest": (releases, "_point_latest_at", "before", None),
}
PAUSE_SECONDS = 120


def pause_at(point: str, marker: Path) -> None:
    module, name, when, counts = POINTS[point]
    original = getattr(module, name)

    def pause(*args) -> None:
        if counts is None or counts(*args):
            marker.write_text(point)
            time.sleep(PAUSE_SECONDS)

    @functools.wraps(original)
    def paused(*args, **kwargs):
        if when == "before":
            pause(*args)
        result = original(*args, **kwargs)
        if when == "after":
            pause(*args)
        return result

    setattr(module, name, paused)


if __name__ == "__main__":
    pause_at(sys.argv[1], Path(sys.argv[2]))
    sys.exit(main(sys.argv[3:]))
