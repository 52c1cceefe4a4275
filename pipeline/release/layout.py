"""The file names of a release folder and of the releases folder, and which folders are complete releases.

releases.py writes these files and pages.py shows them; both read the names and the listing from
here, so the page code needs nothing from the module that calls it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.release.versions import parse_version

LATEST = "LATEST"
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
CHECKSUMS = "SHA256SUMS"
NOTES = "CHANGELOG.md"
INDEX = "CHANGELOG.md"  # releases/CHANGELOG.md: every release, newest first
PAGE = "index.html"  # releases/<version>/index.html and releases/index.html

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def list_releases(folder: Path) -> list[str]:
    """Complete releases, oldest first: version-named folders holding a manifest and SHA256SUMS."""
    if not folder.is_dir():
        return []
    versions = [
        p.name
        for p in folder.iterdir()
        if p.is_dir() and is_version(p.name) and (p / MANIFEST).is_file() and (p / CHECKSUMS).is_file()
    ]
    return sorted(versions, key=parse_version)


def incomplete_releases(folder: Path) -> list[str]:
    """Version-named folders that are not complete releases: a release moves into place whole, so one of
    these was emptied or made by hand, and must not be skipped silently."""
    if not folder.is_dir():
        return []
    complete = set(list_releases(folder))
    names = [p.name for p in folder.iterdir() if p.is_dir() and is_version(p.name) and p.name not in complete]
    return sorted(names, key=parse_version)


def read_checksums(folder: Path) -> dict[str, str]:
    """SHA256SUMS as {file name: sha256}; a malformed line raises ValueError naming the file and line."""
    path = folder / CHECKSUMS
    listed = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        digest, _, name = line.partition("  ")
        if not _SHA256.match(digest) or not name:
            raise ValueError(f"{path}:{number}: malformed line {line!r}")
        listed[name] = digest
    return listed


def is_version(name: str) -> bool:
    try:
        parse_version(name)
        return True
    except ValueError:
        return False
