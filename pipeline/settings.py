"""Where raw texts are read from and outputs written to, resolved when a run starts (never at import).

Explicit values win, then the environment variables, then raw/ and outputs/
at the project root. The one settings object is the Dagster resource
pipeline.assets.resources.PipelineSettings; these functions are what it and
the light CLI commands (verify, releases, diff) resolve folders with, without
importing Dagster.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_DIR_VARIABLE = "CANADA_RELATIONS_RAW_DIR"
OUTPUTS_DIR_VARIABLE = "CANADA_RELATIONS_OUTPUTS_DIR"


def raw_folder(value: str | Path | None = None) -> Path:
    return Path(value or os.environ.get(RAW_DIR_VARIABLE) or PROJECT_ROOT / "raw").resolve()


def outputs_folder(value: str | Path | None = None) -> Path:
    return Path(value or os.environ.get(OUTPUTS_DIR_VARIABLE) or PROJECT_ROOT / "outputs").resolve()
