"""The outputs folder's names, and reading what a build recorded: light, so the CLI can look before importing much.

outputs/builds/BUILD_ID/{parquet/, canada_relations.duckdb, build.json}
outputs/current -> builds/BUILD_ID
outputs/.last-build.json   what the last complete build was made from, written when its release step is done
"""

from __future__ import annotations

import json
from pathlib import Path

DUCKDB_NAME = "canada_relations.duckdb"
BUILD_FACTS = "build.json"
LAST_BUILD = ".last-build.json"


def current_build(outputs_dir: Path) -> Path | None:
    link = outputs_dir / "current"
    return link.resolve() if link.is_symlink() else None


def read_build_facts(folder: Path) -> dict | None:
    try:
        return json.loads((folder / BUILD_FACTS).read_text())
    except (OSError, ValueError):
        return None
