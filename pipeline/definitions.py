"""The Dagster code location: assets, checks, the build job and resources.

Everything runs in one process: on this machine a subprocess per step costs
seconds, while the whole build of the seed documents takes about one.
"""


import dagster as dg

from pipeline.assets.core import TABLE_ASSETS, combined_tables
from pipeline.assets.ingest import document_extractions, raw_documents
from pipeline.assets.publish import published_outputs
from pipeline.assets.release import dataset_release
from pipeline.assets.resources import PipelineSettings

ALL_ASSETS = [raw_documents, document_extractions, combined_tables, *TABLE_ASSETS, published_outputs, dataset_release]

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Read raw/, extract, validate every table, publish Parquet and DuckDB, and cut a release if the data changed.",
    executor_def=dg.in_process_executor,
)

defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[build_all],
    resources={"settings": PipelineSettings()},
    executor=dg.in_process_executor,
)
