"""core: one asset per published table, each validated by a blocking Pandera check emitted with it.

All tables come from one step (a multi-asset) that assembles them from the
build state (pipeline.assemble). A table's check reports the Pandera failures
of the rows extracted this build and of the whole-table checks. A failing
check still materializes the rows that failed, so they can be inspected, and
stops every downstream asset (nothing is published). Values are Arrow
tables: they pass between steps without conversion.
"""

import dagster as dg
import pyarrow as pa

from pipeline.assemble import assemble
from pipeline.assets.metadata import column_schema, counted, failures_markdown
from pipeline.release.releases import release_blockers
from pipeline.state import BuildState
from pipeline.validate import Failures
from schemas import TABLES


@dg.multi_asset(
    group_name="core",
    outs={
        spec.name: dg.AssetOut(
            kinds={"arrow"},
            description=spec.description,
            metadata={"dagster/column_schema": column_schema(spec.name), "primary_key": ", ".join(spec.primary_key)},
        )
        for spec in TABLES
    },
    check_specs=[
        dg.AssetCheckSpec(
            "pandera_schema",
            asset=spec.name,
            blocking=True,
            description=f"{spec.schema.__name__}: types, keys, vocabularies, provenance, foreign keys.",
        )
        for spec in TABLES
    ],
)
def contract_tables(context: dg.AssetExecutionContext, document_tables: BuildState):
    assembled = assemble(document_tables)
    failures = Failures().merge(document_tables.failures).merge(assembled.failures)
    yield from _tables_and_checks(assembled.tables, failures)
    context.log.info(_tables_line(assembled.tables, failures))


def _tables_line(tables: dict[str, pa.Table], failures: Failures) -> str:
    """`tables: 12 validated, 1,050 rows`, naming the tables that failed their checks."""
    rows = counted(sum(table.num_rows for table in tables.values()), "row")
    failed = sorted(failures.cases)
    if not failed:
        return f"tables: {len(TABLES)} validated, {rows}"
    return f"tables: {len(TABLES) - len(failed)} validated, {len(failed)} FAILED ({', '.join(failed)}), {rows}"


def _tables_and_checks(tables: dict[str, pa.Table], failures: Failures):
    """One output and one pandera_schema check per table; a table that failed outputs the rows that failed."""
    for spec in TABLES:
        cases = failures.cases.get(spec.name)
        if cases is None:
            value = tables[spec.name]
            yield dg.Output(value, output_name=spec.name, metadata={"dagster/row_count": value.num_rows})
        else:
            value = failures.invalid.get(spec.name, tables.get(spec.name))
            yield dg.Output(value, output_name=spec.name, metadata={"failed_validation": True})
        metadata = {"failures": 0 if cases is None else len(cases)}
        if cases is not None:
            metadata["failure_cases"] = failures_markdown(cases)
        yield dg.AssetCheckResult(
            asset_key=spec.name, check_name="pandera_schema", passed=cases is None, metadata=metadata
        )


@dg.asset_check(
    asset="quality_issues",
    description="WARN when a raw file was refused or an extractor failed: the build publishes the rest, but no release "
    "is cut.",
)
def every_document_extracted(quality_issues) -> dg.AssetCheckResult:
    blockers = release_blockers({"quality_issues": quality_issues})
    metadata = {"refused": len(blockers)}
    if len(blockers):
        metadata["problems"] = failures_markdown(blockers)
    return dg.AssetCheckResult(passed=blockers.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)
