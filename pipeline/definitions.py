"""The Dagster code location: assets, checks, the build job and resources.

Everything runs in one process: on this machine a subprocess per step costs
seconds, while the whole build of the seed documents takes about one.
"""


import dagster as dg

from pipeline.assets.core import contract_tables, every_document_extracted
from pipeline.assets.ingest import document_tables, raw_documents
from pipeline.assets.io import ArrowFilesystemIOManager
from pipeline.assets.publish import published_outputs
from pipeline.assets.release import dataset_release
from pipeline.assets.resources import PipelineSettings
from pipeline.assets.sensors import raw_files_sensor

ALL_ASSETS = [raw_documents, document_tables, contract_tables, published_outputs, dataset_release]

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Read `raw/`, extract, validate every table, publish Parquet and DuckDB, and cut a release if the data changed.",
    executor_def=dg.in_process_executor,
)

build_all_parallel = dg.define_asset_job(
    "build_all_parallel",
    selection=dg.AssetSelection.all(),
    description="`build_all` with the multiprocess executor: parse batches run in parallel processes (for large corpora).",
    # Steps fork from a server that has already imported the code location: a fresh
    # interpreter per step would spend about 10 s importing dagster, pandas and pandera.
    executor_def=dg.multiprocess_executor.configured({"start_method": {"forkserver": {"preload_modules": ["pipeline.definitions"]}}}),
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=[every_document_extracted],
    jobs=[build_all, build_all_parallel],
    sensors=[raw_files_sensor],
    resources={"settings": PipelineSettings(), "io_manager": ArrowFilesystemIOManager()},
    executor=dg.in_process_executor,
)


def parallel_build_job() -> dg.JobDefinition:
    """Module-level handle for `dg.reconstructable`: the multiprocess executor re-imports the job in each process."""
    return defs.resolve_job_def("build_all_parallel")
