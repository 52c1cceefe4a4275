"""ingest and parse: raw files in; the new and changed documents extracted and validated, in batches.

The raw folder is listed (name, size, sha256, manifest entry per file) and the
listing, not the bytes, is what later steps share. The build state
(pipeline.state) holds every document's validated rows from
the last build. It is read once per run, by `previous_state`, and every step
of the run sees that one snapshot. Only documents whose bytes, name, manifest
entry or code changed are extracted, in batches of `documents_per_step`:
one after another in process, in parallel under a parallel executor.
"""

import dagster as dg
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.assets.metadata import counted, markdown_table
from pipeline.assets.resources import PipelineSettings
from pipeline.batch import extract_batch
from pipeline.documents.reading import ListedDocument, read_listed_document, read_raw_documents
from pipeline.extract import RELEASE_BLOCKING_KINDS
from pipeline.publish.lock import outputs_lock
from pipeline.publish.outputs import cleanup_stale
from pipeline.rows import DOCUMENT_TABLES
from pipeline.state import BuildState, Fragment, code_version, load_state, save_state
from pipeline.versions import build_code_version

# The per-document tables in the run's metadata list refused files and parsed documents first; past this many rows
# the rest is summarised, so a 5,000-document build does not put a 5,000-row table in every run's log.
PER_DOCUMENT_ROWS_SHOWN = 500


@dg.asset(
    group_name="ingest",
    kinds={"python"},
    description="The raw documents as listed: name, size, sha256 and manifest entry per file in the raw folder (the "
    "bytes are read again only for the documents a build extracts). A build that finds another one holding the outputs "
    "folder stops here, before any work.",
)
def raw_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list:
    with outputs_lock(settings.outputs_path, settings.lock_wait_seconds):  # free, or held by this process (the CLI)
        cleanup_stale(settings.outputs_path)  # a failed build's leftovers go before anything is written
    build_code_version()  # the code this run imported, named as it starts (pipeline.uptodate)
    documents = read_raw_documents(settings.raw_path)
    refused = sum(1 for d in documents if d.rejection)
    context.add_output_metadata(
        {
            "documents": len(documents),
            "refused": refused,
            "raw_dir": str(settings.raw_path),
            "files": markdown_table(files_table(documents), PER_DOCUMENT_ROWS_SHOWN),
        }
    )
    context.log.info(f"raw_documents: {counted(len(documents), 'file')} read ({refused} refused)")
    return [ListedDocument.of(document) for document in documents]


def files_table(documents: list) -> pd.DataFrame:
    """One row per raw file, the refused ones first: past the rows shown, only files that were read are summarised."""
    listing = pd.DataFrame(
        [
            {
                "source_id": d.source_id,
                "file": d.file_name,
                "bytes": d.bytes,
                "sha256": d.sha256[:12],
                "in_manifest": d.manifest is not None,
                "refused": d.rejection or "",
            }
            for d in documents
        ],
        columns=["source_id", "file", "bytes", "sha256", "in_manifest", "refused"],
    )
    return listing.sort_values(["refused", "file"], key=lambda c: c == "" if c.name == "refused" else c, kind="stable")


@dg.op(description="The last build's state for this code version, read once for the whole run (empty when unusable).")
def previous_state(context: dg.OpExecutionContext, settings: PipelineSettings) -> BuildState:
    if not settings.reuse_state:
        return BuildState.empty()
    loaded = load_state(settings.state_folder)
    if loaded.warning:
        context.log.warning(loaded.warning)
    context.add_output_metadata({"documents": len(loaded.state.documents), "discarded": loaded.warning or "no"})
    return loaded.state


@dg.op(
    out=dg.DynamicOut(list),
    description="Split the new and changed documents' listings into batches, one extract step each.",
)
def batch_documents(settings: PipelineSettings, raw_documents: list, previous_state: BuildState):
    """Listings, not bytes: each extract step reads its own documents, so the reading is shared out among the
    workers of a parallel executor and no batch of bytes is written between steps."""
    changed = previous_state.to_extract(raw_documents)
    size = max(1, settings.documents_per_step)
    starts = range(0, len(changed), size) if changed else [0]
    for number, start in enumerate(starts):
        yield dg.DynamicOutput(changed[start : start + size], mapping_key=f"batch_{number:05d}")


@dg.op(
    name="extract_batch",
    description="Read a batch of documents again (refused if their bytes changed since they were listed), parse and "
    "extract them, then validate their rows with the Pandera models.",
)
def extract_batch_op(settings: PipelineSettings, batch: list) -> Fragment:
    return extract_batch([read_listed_document(settings.raw_path, listed) for listed in batch])


@dg.op(
    description="Splice the extracted documents into the previous state, save it if every row passed, report per "
    "document."
)
def patch_state(
    context: dg.OpExecutionContext,
    settings: PipelineSettings,
    raw_documents: list,
    previous_state: BuildState,
    fragments: list,
) -> BuildState:
    state = previous_state.patched(raw_documents, Fragment.merged(fragments))
    if state.passed and settings.reuse_state:  # rows that failed their schemas never enter a saved state
        state = save_state(settings.state_folder, state)
    parsed, reused = len(state.extracted), len(state.documents) - len(state.extracted)
    context.log.info(_parse_line(state, parsed, reused))
    context.add_output_metadata(
        {
            "documents": len(state.documents),
            "parsed": parsed,
            "reused": reused,
            "failed_validation": state.failures.summary() or "none",
            "code_version": code_version(),
            "per_document": markdown_table(
                per_document(state).sort_values(["state", "source_id"]), limit=PER_DOCUMENT_ROWS_SHOWN
            ),
        }
    )
    return state


def _parse_line(state: BuildState, parsed: int, reused: int) -> str:
    """`parse: 5 documents extracted, 0 reused`, with the documents refused (text that is not UTF-8, say)."""
    line = f"parse: {counted(parsed, 'document')} extracted, {reused} reused"
    issues = state.tables["quality_issues"]
    blocking = issues.filter(pc.is_in(issues["kind"], pa.array(RELEASE_BLOCKING_KINDS)))
    refused = sorted(set(blocking["source_id"].to_pylist()))
    if refused:
        named = ", ".join(refused[:3]) + (f" and {len(refused) - 3} more" if len(refused) > 3 else "")
        line += f", {len(refused)} refused ({named})"
    if state.failures.summary():
        line += f"; failed validation: {state.failures.summary()}"
    return line


def per_document(state: BuildState) -> pd.DataFrame:
    """One row per document: parsed this build or reused, and its rows per document table."""
    extracted = set(state.extracted)
    frame = pd.DataFrame({"source_id": sorted(state.documents)})
    frame["state"] = ["parsed" if s in extracted else "reused" for s in frame.source_id]
    for name in DOCUMENT_TABLES:
        counts = pc.value_counts(state.tables[name]["source_id"]).to_pylist()
        frame[name] = frame.source_id.map({c["values"]: c["counts"] for c in counts}).fillna(0).astype(int)
    return frame


@dg.graph_asset(
    group_name="parse",
    description="Every document's rows, validated per document: the previous build's state with the new and changed "
    "documents "
    "extracted again.",
)
def document_tables(raw_documents):
    previous = previous_state()
    fragments = batch_documents(raw_documents, previous).map(extract_batch_op).collect()
    return patch_state(raw_documents, previous, fragments)
