"""The one settings object of a run: its folders and switches, as a Dagster resource resolved when the run starts."""

from pathlib import Path
from typing import Optional

import dagster as dg

from pipeline.settings import outputs_folder, raw_folder


class PipelineSettings(dg.ConfigurableResource):
    """Raw and outputs folders (unset: the environment variables, then raw/ and outputs/) and how a run behaves."""

    raw_dir: Optional[str] = None
    outputs_dir: Optional[str] = None
    lock_wait_seconds: float = 0.0
    documents_per_step: int = 500  # a parse step handles this many documents; parallel executors run steps at once
    reuse_state: bool = True  # extract only documents whose bytes, name, manifest entry or code changed
    cut_releases: bool = True
    allow_shrink: bool = False  # publish even when the build drops most documents or rows (see pipeline.publish.guard)

    @property
    def raw_path(self) -> Path:
        return raw_folder(self.raw_dir)

    @property
    def outputs_path(self) -> Path:
        return outputs_folder(self.outputs_dir)
