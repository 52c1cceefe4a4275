"""Where raw texts are read from and outputs written to.

Read when a run starts (never at import), so tests and Dagster runs can point
the same code at other folders with the environment or with arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR_VARIABLE = "CANADA_RELATIONS_RAW_DIR"
OUTPUTS_DIR_VARIABLE = "CANADA_RELATIONS_OUTPUTS_DIR"


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    outputs_dir: Path


def load_settings(raw_dir: str | Path | None = None, outputs_dir: str | Path | None = None) -> Settings:
    """Explicit arguments win, then the environment variables, then raw/ and outputs/ at the project root."""
    raw = raw_dir or os.environ.get(RAW_DIR_VARIABLE) or PROJECT_ROOT / "raw"
    outputs = outputs_dir or os.environ.get(OUTPUTS_DIR_VARIABLE) or PROJECT_ROOT / "outputs"
    return Settings(Path(raw).resolve(), Path(outputs).resolve())
