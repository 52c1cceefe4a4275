"""A CLI build that pauses (to be SIGKILLed) or fails with an OS error at a named point of publishing or releasing.

    python -m tests.robustness.faulty_build pause POINT MARKER build --raw-dir ... --outputs-dir ...
    python -m tests.robustness.faulty_build fail POINT ERRNO build --raw-dir ... --outputs-dir ...

Production code carries no test hooks: this wraps, in this process only, the
function whose boundary a point names. `pause` writes MARKER when the build
gets there and sleeps until it is killed; `fail` raises the OS error ERRNO
there (28: the disk is full, 30: the file system is read-only), as the real
call would.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

import pipeline.publish.outputs as outputs
import pipeline.release.releases as releases
from pipeline.cli import main

# point -> (module, function, before or after it, which calls count)
POINTS = {
    "after_parquet_memberships": (
        outputs,
        "write_atomic",
        "after",
        lambda path, *_: Path(path).name == "memberships.parquet",
    ),
    "after_duckdb": (outputs, "_move_build_into_place", "before", None),
    "before_switch": (outputs, "_switch", "before", None),
    "after_switch": (outputs, "_switch", "after", None),
    "release_before_rename": (releases, "_move_release_into_place", "before", None),
    "release_before_latest": (releases, "_point_latest_at", "before", None),
    "release_parquet_memberships": (
        releases,
        "write_atomic",
        "before",
        lambda path, *_: Path(path).name == "memberships.parquet",
    ),
}
PAUSE_SECONDS = 120


def inject(point: str, fault) -> None:
    module, name, when, counts = POINTS[point]
    original = getattr(module, name)

    @functools.wraps(original)
    def faulty(*args, **kwargs):
        hit = counts is None or counts(*args)
        if hit and when == "before":
            fault(*args)
        result = original(*args, **kwargs)
        if hit and when == "after":
            fault(*args)
        return result

    setattr(module, name, faulty)


def pause(marker: Path):
    def fault(*_) -> None:
        marker.write_text("paused")
        time.sleep(PAUSE_SECONDS)

    return fault


def fail(number: int):
    def fault(path=None, *_) -> None:
        raise OSError(number, os.strerror(number), str(path) if path is not None else None)

    return fault


if __name__ == "__main__":
    mode, point, argument = sys.argv[1:4]
    inject(point, pause(Path(argument)) if mode == "pause" else fail(int(argument)))
    sys.exit(main(sys.argv[4:]))
