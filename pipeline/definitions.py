"""The Dagster code location: assets, checks, the build job, resources and loggers.

Everything runs in one process: on this machine a subprocess per step costs
seconds, while the whole build of the seed documents takes about one.
"""

import logging
import sys

import dagster as dg

from pipeline.assets.core import contract_tables, every_document_extracted
from pipeline.assets.ingest import document_tables, raw_documents
from pipeline.assets.io import ArrowFilesystemIOManager
from pipeline.assets.publish import published_outputs
from pipeline.assets.release import dataset_release
from pipeline.assets.resources import PipelineSettings
from pipeline.assets.sensors import raw_files_sensor
from pipeline.dask_executor import dask_steps_executor


class _StepMessage(logging.Formatter):
    """The message a step logged, without Dagster's prefix (job, run id, pid, step); warnings say so."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.dagster_meta["orig_message"]
        return message if record.levelno < logging.WARNING else f"{record.levelname.lower()}: {message}"


def _logged_by_a_step(record: logging.LogRecord) -> bool:
    """Lines the assets log (their stage summaries, warnings); Dagster's own events are left to the end summary."""
    meta = getattr(record, "dagster_meta", None)
    return meta is not None and meta.get("dagster_event") is None


@dg.logger(
    {"log_level": dg.Field(str, default_value="INFO", is_required=False)},
    description="What `canada-relations build` prints while it runs: the line each stage logs as it finishes, "
    "without Dagster's prefix (the end summary reports Dagster's events).",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.Logger("canada_relations.progress", level=init_context.logger_config["log_level"])
    handler = logging.StreamHandler(sys.stdout)  # flushes after every record
    handler.addFilter(_logged_by_a_step)
    handler.setFormatter(_StepMessage())
    logger.addHandler(handler)
    return logger


# What a step process of build_all_parallel imports before its step runs: the code location, and the modules with
# which it opens the run's Dagster instance (storage, SQLAlchemy, Alembic), which would otherwise cost every step
# process about 1.5 s of imports; then the garbage collector's freeze.
STEP_PROCESS_PRELOAD = [
    "pipeline.definitions",
    "dagster._core.storage.sqlite_storage",
    "dagster._core.instance.factory",
    "dagster._core.secrets.env_file",
    "dagster._core.storage.migration.utils",
    "dagster._core.storage.root",
    "upath.implementations.local",
    "pipeline.step_processes",  # last: freezes what the modules above created (see there)
]

ALL_ASSETS = [raw_documents, document_tables, contract_tables, published_outputs, dataset_release]

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Read `raw/`, extract, validate every table, publish Parquet and DuckDB, and cut a release if the data "
    "changed.",
    executor_def=dg.in_process_executor,
)

build_all_parallel = dg.define_asset_job(
    "build_all_parallel",
    selection=dg.AssetSelection.all(),
    description="`build_all` with the multiprocess executor: parse batches run in parallel processes (for large "
    "corpora).",
    # Steps fork from a server that has already imported the code location: a fresh
    # interpreter per step would spend about 10 s importing dagster, pandas and pandera.
    executor_def=dg.multiprocess_executor.configured(
        {"start_method": {"forkserver": {"preload_modules": STEP_PROCESS_PRELOAD}}}
    ),
)

build_all_dask = dg.define_asset_job(
    "build_all_dask",
    selection=dg.AssetSelection.all(),
    description="build_all with every step a task on a Dask cluster (config: execution.config.address); the IO "
    "manager's "
    "base_dir and settings.state_dir must be storage every worker reaches.",
    executor_def=dask_steps_executor,
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=[every_document_extracted],
    jobs=[build_all, build_all_parallel, build_all_dask],
    sensors=[raw_files_sensor],
    resources={"settings": PipelineSettings(), "io_manager": ArrowFilesystemIOManager()},
    executor=dg.in_process_executor,
    loggers={"console": dg.colored_console_logger, "progress": progress_logger},
)


def parallel_build_job() -> dg.JobDefinition:
    """Module-level handle for `dg.reconstructable`: the multiprocess executor re-imports the job in each process."""
    return defs.resolve_job_def("build_all_parallel")


def dask_build_job() -> dg.JobDefinition:
    """Module-level handle for `dg.reconstructable`: each Dask worker re-imports the job."""
    return defs.resolve_job_def("build_all_dask")
