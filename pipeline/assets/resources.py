"""The one settings object of a run: its folders and switches, as a Dagster resource resolved when the run starts."""

from pathlib import Path

import dagster as dg
from upath import UPath

from pipeline.settings import outputs_folder, raw_folder
from pipeline.state.store import default_state_folder, is_local


class PipelineSettings(dg.ConfigurableResource):
    """Raw and outputs folders (unset: the environment variables, then raw/ and outputs/) and how a run behaves."""

    raw_dir: str | None = None
    outputs_dir: str | None = None
    lock_wait_seconds: float = 0.0
    documents_per_step: int = 500  # a parse step handles this many documents; parallel executors run steps at once
    reuse_state: bool = True  # extract only documents whose bytes, name, manifest entry or code changed
    cut_releases: bool = True
    allow_shrink: bool = False  # publish even when the build drops most documents or rows (see pipeline.publish.guard)
    state_dir: str | None = None  # where the build state lives (a path or an fsspec URL); default outputs/.cache/state

    @property
    def raw_path(self) -> Path:
        return raw_folder(self.raw_dir)

    @property
    def outputs_path(self) -> Path:
        return outputs_folder(self.outputs_dir)

    @property
    def state_folder(self) -> Path | UPath:
        """The build state's folder: every step that reads or writes the state must reach it (pipeline.state.store)."""
        if not self.state_dir:
            return default_state_folder(self.outputs_path)
        location = UPath(self.state_dir)
        return Path(location.path).resolve() if is_local(location) else location
