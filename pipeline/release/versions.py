"""Semantic versions of the dataset: MAJOR.MINOR.PATCH, bumped by what the diff says."""

from __future__ import annotations

import re

MAJOR, MINOR, PATCH = "major", "minor", "patch"
FIRST_VERSION = "1.0.0"
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def parse_version(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a MAJOR.MINOR.PATCH version")
    return tuple(int(part) for part in match.groups())  # type: ignore[return-value]


def next_version(previous: str | None, bump: str) -> str:
    if previous is None:
        return FIRST_VERSION
    major, minor, patch = parse_version(previous)
    if bump == MAJOR:
        return f"{major + 1}.0.0"
    if bump == MINOR:
        return f"{major}.{minor + 1}.0"
    if bump == PATCH:
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown bump {bump!r}")


def schema_version(version: str) -> str:
    """MAJOR.MINOR: the part of the version that changes exactly when the schema does."""
    major, minor, _ = parse_version(version)
    return f"{major}.{minor}"
