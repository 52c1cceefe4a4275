"""publish: the validated tables written as Parquet and DuckDB, switched into place atomically."""

import dagster as dg
import pyarrow as pa

from pipeline.assets.metadata import counted
from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import raw_fingerprint
from pipeline.publish.guard import shrink_refusal
from pipeline.publish.outputs import publish, published_rows
from schemas import TABLES


@dg.asset(
    group_name="publish",
    kinds={"parquet", "duckdb"},
    ins={"raw_documents": dg.AssetIn("raw_documents"), **{spec.name: dg.AssetIn(spec.name) for spec in TABLES}},
    description="`outputs/parquet/<table>.parquet` and `outputs/canada_relations.duckdb`, switched together; refused "
    "when the build would drop most of what is published (unless `allow_shrink`).",
)
def published_outputs(
    context: dg.AssetExecutionContext, settings: PipelineSettings, raw_documents: list, **loaded: pa.Table
) -> dg.MaterializeResult:
    tables = {spec.name: loaded[spec.name] for spec in TABLES}
    rows = {name: table.num_rows for name, table in tables.items()}
    refusal = (
        None
        if settings.allow_shrink
        else shrink_refusal(rows, published_rows(settings.outputs_path), str(settings.raw_path))
    )
    if refusal:
        raise dg.Failure(refusal)
    taken = set(tables["sources"]["source_id"].to_pylist())  # a file refused when read again has no sources row
    raw = raw_fingerprint(raw_documents, taken)
    published = publish(tables, settings.outputs_path, settings.lock_wait_seconds, raw=raw)
    total = f"{counted(sum(published.rows.values()), 'row')} in {counted(len(published.rows), 'table')}"
    kept = " (unchanged: that build was already on disk)" if published.reused else ""
    context.log.info(f"published build {published.build_id}: {total}{kept}")
    return dg.MaterializeResult(
        metadata={
            "build_id": published.build_id,
            "outputs_dir": str(settings.outputs_path),
            "reused_identical_build": published.reused,
            **{f"rows/{name}": count for name, count in published.rows.items()},
        }
    )
