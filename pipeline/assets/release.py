"""release: cut the next semantic version when the validated tables differ from the latest release."""

import dagster as dg
import pyarrow as pa

from pipeline.assets.metadata import failures_markdown, markdown_text
from pipeline.assets.resources import PipelineSettings
from pipeline.publish.outputs import publish_lock
from pipeline.release.releases import cut_release, release_blockers
from pipeline.uptodate import record_last_build
from schemas import TABLES


@dg.asset(
    group_name="release",
    kinds={"parquet", "duckdb"},
    deps=["published_outputs"],
    ins={spec.name: dg.AssetIn(spec.name) for spec in TABLES},
    description="`outputs/releases/<version>/`: an immutable release, cut only when the tables changed; the bump comes "
    "from the diff.",
)
def dataset_release(
    context: dg.AssetExecutionContext, settings: PipelineSettings, **loaded: pa.Table
) -> dg.MaterializeResult:
    tables = {spec.name: loaded[spec.name] for spec in TABLES}
    if not settings.cut_releases:
        reason = "releases are switched off for this run (cut_releases=false)"
        context.log.info(f"no new release: {reason}")
        return dg.MaterializeResult(metadata={"version": "none", "released": False, "reason": reason})
    blocking = release_blockers(tables)
    if len(blocking):
        raise dg.Failure(
            f"release not cut: {len(blocking)} raw document(s) were refused or failed to extract; "
            "the working outputs were published without them. Fix them and build again.",
            metadata={"problems": failures_markdown(blocking)},
        )
    with publish_lock(settings.outputs_path, settings.lock_wait_seconds):
        cut = cut_release(tables, settings.outputs_path)
        record_last_build(settings.raw_path, settings.outputs_path)  # the next `build` may find it still current
    if cut.folder is None:
        reason = "the tables equal the latest release"
        context.log.info(f"no new release: the tables equal release {cut.plan.previous}")
        return dg.MaterializeResult(
            metadata={"version": cut.plan.previous or "none", "released": False, "reason": reason}
        )
    bump = cut.plan.bump if cut.plan.previous else "initial"
    context.log.info(f"release {cut.plan.version} cut ({bump})")
    return dg.MaterializeResult(
        metadata={
            "version": cut.plan.version,
            "released": True,
            "bump": bump,
            "previous_version": cut.plan.previous or "none",
            "folder": str(cut.folder),
            "changelog": markdown_text(cut.notes or ""),
        }
    )
