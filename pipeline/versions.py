"""Versions of the code: a digest of source files and the versions of installed libraries.

Light on purpose (standard library only): the CLI computes these before it
imports Dagster, pandas or Pandera, to tell in a moment whether a build is
still current.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = (".py", ".csv", ".toml")
# Libraries whose versions can change published bytes (rows, Parquet encoding, the DuckDB file).
PUBLISHING_LIBRARIES = ("pycountry", "pandas", "pandera", "pyarrow", "numpy", "duckdb", "dagster")


def source_digest(folders: tuple[str, ...], files: tuple[str, ...] = (), versions: dict | None = None) -> str:
    """sha256 over the named folders' source files (path and bytes, in a fixed order) and library `versions`."""
    digest = hashlib.sha256()
    found = sorted(p for folder in folders for p in (PROJECT_ROOT / folder).rglob("*") if p.suffix in SOURCE_SUFFIXES)
    for path in [*found, *(PROJECT_ROOT / name for name in files)]:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(versions or {}, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def installed_versions(names: tuple[str, ...]) -> dict[str, str | None]:
    return {name: installed(name) for name in names}


def installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def build_code_version() -> str:
    """Everything that decides what a build publishes: all of pipeline/ and schemas/, and PUBLISHING_LIBRARIES.

    Cached: a run computes it as it starts (raw_documents), so it names the code the run imported.
    """
    return source_digest(("pipeline", "schemas"), versions=installed_versions(PUBLISHING_LIBRARIES))
