"""core: one asset per published table, each validated by a blocking Pandera check emitted with it.

A failing check still materializes the (unpublished) frame so it can be
inspected, and stops every downstream asset: nothing is published.
"""


import dagster as dg
import pandas as pd

from pipeline.assets.metadata import column_schema, failures_markdown
from pipeline.combine import combine
from pipeline.extract import DocumentResult
from pipeline.validate import validate_table
from schemas import TABLES, TableSpec


@dg.asset(group_name="core", kinds={"pandas"}, description="Every document's rows combined, with cross-document organizations, conflicts and quality issue ids.")
def combined_tables(document_extractions: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    return combine(document_extractions)


def table_asset(spec: TableSpec) -> dg.AssetsDefinition:
    check = dg.AssetCheckSpec("pandera_schema", asset=spec.name, blocking=True, description=f"{spec.schema.__name__}: types, keys, vocabularies, provenance.")

    @dg.asset(
        name=spec.name,
        group_name="core",
        kinds={"pandas"},
        description=spec.description,
        check_specs=[check],
        metadata={"dagster/column_schema": column_schema(spec.name), "primary_key": ", ".join(spec.primary_key)},
    )
    def _table(combined_tables: dict[str, pd.DataFrame]):
        validation = validate_table(spec.name, combined_tables[spec.name])
        frame = validation.frame if validation.frame is not None else combined_tables[spec.name]
        yield dg.Output(frame, metadata={"dagster/row_count": len(frame)})
        metadata = {"rows": len(frame), "failures": len(validation.failures)}
        if not validation.passed:
            metadata["failure_cases"] = failures_markdown(validation.failures)
        yield dg.AssetCheckResult(check_name="pandera_schema", passed=validation.passed, metadata=metadata)

    return _table


TABLE_ASSETS = [table_asset(spec) for spec in TABLES]
