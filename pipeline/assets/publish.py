"""publish: the validated tables written as Parquet and DuckDB, switched into place atomically."""

import dagster as dg
import pyarrow as pa

from pipeline.assets.resources import PipelineSettings
from pipeline.publish.outputs import publish
from schemas import TABLES


@dg.asset(
    group_name="publish",
    kinds={"parquet", "duckdb"},
    ins={spec.name: dg.AssetIn(spec.name) for spec in TABLES},
    description="outputs/parquet/*.parquet and outputs/canada_relations.duckdb, switched together.",
)
def published_outputs(settings: PipelineSettings, **loaded: pa.Table) -> dg.MaterializeResult:
    tables = {spec.name: loaded[spec.name] for spec in TABLES}
    published = publish(tables, settings.outputs_path, settings.lock_wait_seconds)
    return dg.MaterializeResult(
        metadata={
            "build_id": published.build_id,
            "outputs_dir": str(settings.outputs_path),
            "reused_identical_build": published.reused,
            **{f"rows/{name}": count for name, count in published.rows.items()},
        }
    )
