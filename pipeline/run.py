"""Running the build job in this process: the one way the CLI, the tests and the benchmark build.

There is no second pipeline: `run_build` executes the Dagster job `build_all`
in this process and reads what happened from its events, the same events the
Dagster UI shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import dagster as dg
import pandas as pd
import pyarrow as pa

from pipeline.assets.resources import PipelineSettings
from schemas import TABLES
from schemas.arrow import from_arrow


@dataclass
class BuildRun:
    """One execution of the build job, with accessors for what users and tests ask of it."""

    result: dg.ExecuteInProcessResult

    @property
    def success(self) -> bool:
        return self.result.success

    def asset_metadata(self, asset: str) -> dict[str, Any]:
        """The metadata of the asset's materialization in this run ({} when it was not materialized)."""
        events = self.result.asset_materializations_for_node(asset)
        return {key: value.value for key, value in events[-1].metadata.items()} if events else {}

    def step_metadata(self, step_key: str) -> dict[str, Any]:
        for event in self.result.all_events:
            if event.event_type_value == "STEP_OUTPUT" and event.step_key == step_key:
                return {key: value.value for key, value in event.event_specific_data.metadata.items()}
        return {}

    @property
    def parsed(self) -> int:
        return self.step_metadata("document_tables.patch_state").get("parsed", 0)

    @property
    def reused(self) -> int:
        return self.step_metadata("document_tables.patch_state").get("reused", 0)

    @property
    def published(self) -> bool:
        return bool(self.asset_metadata("published_outputs"))

    @property
    def build_id(self) -> str | None:
        return self.asset_metadata("published_outputs").get("build_id")

    @property
    def release(self) -> dict[str, Any]:
        """version, released (bool), bump, folder, changelog: the dataset_release metadata."""
        return self.asset_metadata("dataset_release")

    @property
    def released_version(self) -> str | None:
        return self.release.get("version") if self.release.get("released") else None

    def check_results(self) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
        return {
            (e.event_specific_data.asset_key.to_user_string(), e.event_specific_data.check_name): e.event_specific_data
            for e in self.result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION"
        }

    def failed_checks(self) -> list[tuple[str, str]]:
        return sorted(key for key, evaluation in self.check_results().items() if not evaluation.passed)

    def step_errors(self) -> list[tuple[str, Any]]:
        """(step key, Dagster's serialized error) of every failed step."""
        return [
            (event.step_key, event.event_specific_data.error)
            for event in self.result.all_events
            if event.event_type_value == "STEP_FAILURE"
        ]

    def step_failures(self) -> list[tuple[str, str]]:
        """(step key, error message) of every failed step."""
        return [(step, error.message.strip()) for step, error in self.step_errors()]

    @cached_property
    def arrow_tables(self) -> dict[str, pa.Table]:
        """The published tables as this run produced them (the contract_tables outputs)."""
        return {spec.name: self.result.output_for_node("contract_tables", spec.name) for spec in TABLES}

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: from_arrow(table) for name, table in self.arrow_tables.items()}

    @property
    def release_blockers(self) -> pd.DataFrame:
        """The quality issues that kept this run from cutting a release (refused files, failed extractors)."""
        from pipeline.release.releases import release_blockers

        return release_blockers(self.arrow_tables)


def run_build(
    settings: PipelineSettings | None = None,
    *,
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
    logger: str = "console",
    **settings_fields: Any,
) -> BuildRun:
    """Execute the build job in this process; the instance defaults to an ephemeral one (nothing recorded).

    `logger` names one of the code location's loggers: Dagster's `console`, or `progress` (a line per stage).
    """
    from pipeline.definitions import defs

    settings = settings or PipelineSettings(
        **{k: None if v is None else _as_setting(v) for k, v in settings_fields.items()}
    )
    run_config = {"loggers": {logger: {"config": {"log_level": log_level}}}}
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config=run_config,
        instance=instance or dg.DagsterInstance.ephemeral(),
        resources={"settings": settings},
        raise_on_error=False,
    )
    return BuildRun(result)


def _as_setting(value: Any) -> Any:
    return str(value) if hasattr(value, "__fspath__") else value
