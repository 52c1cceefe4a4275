"""The folders a run reads and writes, as a Dagster resource resolved when the run starts."""


from typing import Optional

import dagster as dg

from pipeline.settings import Settings, load_settings


class PipelineSettings(dg.ConfigurableResource):
    """Raw and outputs folders; unset fields fall back to the environment variables, then raw/ and outputs/."""

    raw_dir: Optional[str] = None
    outputs_dir: Optional[str] = None
    lock_wait_seconds: float = 0.0
    documents_per_step: int = 500  # a parse step handles this many documents; the multiprocess executor runs steps in parallel
    reuse_extractions: bool = True  # reuse the build state: extract only documents whose bytes, name, manifest entry or code changed
    cut_releases: bool = True

    def resolve(self) -> Settings:
        return load_settings(self.raw_dir, self.outputs_dir)
