"""One build per outputs folder at a time: an exclusive lock, taken before any work and held until the end.

The lock is a `flock` on outputs/.publish.lock, which the kernel releases when
the holder dies, even by SIGKILL. It is re-entrant within a process: the CLI
takes it for the whole run and the publish and release steps take it again
inside that run. A run started elsewhere (the Dagster UI, the sensor) checks it
in its first step, so a second build is refused at once, not after its whole
extraction.
"""

from __future__ import annotations

import fcntl
import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".publish.lock"
_HELD: dict[Path, int] = {}  # outputs folders this process holds, with how many times it entered the lock


class PublishLockedError(RuntimeError):
    """Another build holds the outputs folder."""


def check_wait(seconds: float) -> float:
    """A lock wait must be a finite number of seconds, zero or more ('nan' or 'inf' would wait forever)."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"the lock wait must be a finite number of seconds, 0 or more, not {seconds}")
    return seconds


@contextmanager
def outputs_lock(outputs_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the outputs folder; a second build waits up to `wait_seconds`, then is refused naming the holder."""
    key = outputs_dir.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    deadline = time.monotonic() + check_wait(wait_seconds)
    outputs_dir.mkdir(parents=True, exist_ok=True)
    with open(outputs_dir / LOCK_NAME, "a+") as handle:
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise PublishLockedError(
                    f"{outputs_dir} is being published by {holder}; wait for it to finish or set a longer lock wait"
                )
            time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_lock(handle) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
