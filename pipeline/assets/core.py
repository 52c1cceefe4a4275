"""core: one asset per published table, each validated by a blocking Pandera check emitted with it.

All tables come from one step (a multi-asset), so the combined frames are
loaded once rather than once per table. A failing check still materializes the
(unpublished) frame so it can be inspected, and stops every downstream asset:
nothing is published.
"""

import dagster as dg
import pandas as pd

from pipeline.assets.metadata import column_schema, failures_markdown
from pipeline.build import release_blockers
from pipeline.combine import combine
from pipeline.extract import DocumentResult
from pipeline.validate import validate_table
from schemas import TABLES


@dg.asset(group_name="core", kinds={"pandas"}, description="Every document's rows combined, with cross-document organizations, conflicts and quality issue ids.")
def combined_tables(document_extractions: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    return combine(document_extractions)


@dg.multi_asset(
    group_name="core",
    outs={
        spec.name: dg.AssetOut(
            kinds={"pandas"},
            description=spec.description,
            metadata={"dagster/column_schema": column_schema(spec.name), "primary_key": ", ".join(spec.primary_key)},
        )
        for spec in TABLES
    },
    check_specs=[dg.AssetCheckSpec("pandera_schema", asset=spec.name, blocking=True, description=f"{spec.schema.__name__}: types, keys, vocabularies, provenance.") for spec in TABLES],
)
def contract_tables(combined_tables: dict[str, pd.DataFrame]):
    for spec in TABLES:
        validation = validate_table(spec.name, combined_tables[spec.name])
        frame = validation.frame if validation.frame is not None else combined_tables[spec.name]
        yield dg.Output(frame, output_name=spec.name, metadata={"dagster/row_count": len(frame)})
        metadata = {"rows": len(frame), "failures": len(validation.failures)}
        if not validation.passed:
            metadata["failure_cases"] = failures_markdown(validation.failures)
        yield dg.AssetCheckResult(asset_key=spec.name, check_name="pandera_schema", passed=validation.passed, metadata=metadata)


@dg.asset_check(asset="quality_issues", description="WARN when a raw file was refused or an extractor failed: the build publishes the rest, but no release is cut.")
def every_document_extracted(quality_issues: pd.DataFrame) -> dg.AssetCheckResult:
    blockers = release_blockers({"quality_issues": quality_issues})
    metadata = {"refused": len(blockers)}
    if len(blockers):
        metadata["problems"] = failures_markdown(blockers)
    return dg.AssetCheckResult(passed=blockers.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)
