"""ingest and parse: raw files in; the new and changed documents extracted and validated, in parallel batches.

The build state (pipeline.incremental) holds every document's validated rows
from the last build; only documents whose bytes, name, manifest entry or code
changed are extracted. They are split into batches of `documents_per_step`:
with the in-process executor the batches run one after another; with the
multiprocess executor, in parallel.
"""

import dagster as dg
import pandas as pd
import pyarrow.compute as pc

from pipeline.assets.metadata import markdown_table
from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import read_raw_documents
from pipeline.combine import DOCUMENT_TABLES
from pipeline.incremental import BuildState, Fragment, extract_fragment, extraction_code_version, load_state


# The per-document table in the run's metadata lists parsed documents first; past this many rows
# the rest is summarised, so a 5,000-document build does not put a 5,000-row table in every run's log.
PER_DOCUMENT_ROWS_SHOWN = 500


def previous_state(settings: PipelineSettings) -> BuildState:
    return load_state(settings.resolve().outputs_dir) if settings.reuse_extractions else BuildState.empty()


@dg.asset(group_name="ingest", kinds={"python"}, description="The raw documents: bytes, sha256 and manifest entry per file in the raw folder.")
def raw_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list:
    raw_dir = settings.resolve().raw_dir
    documents = read_raw_documents(raw_dir)
    listing = pd.DataFrame([{"source_id": d.source_id, "file": d.file_name, "bytes": d.bytes, "sha256": d.sha256[:12], "in_manifest": d.manifest is not None, "refused": d.rejection or ""} for d in documents])
    context.add_output_metadata({"documents": len(documents), "raw_dir": str(raw_dir), "files": markdown_table(listing)})
    return documents


@dg.op(out=dg.DynamicOut(list), description="Split the new and changed documents into batches, one extract step each.")
def batch_documents(settings: PipelineSettings, raw_documents: list):
    changed = previous_state(settings).to_extract(raw_documents)
    size = max(1, settings.documents_per_step)
    starts = range(0, len(changed), size) if changed else [0]
    for number, start in enumerate(starts):
        yield dg.DynamicOutput(changed[start : start + size], mapping_key=f"batch_{number:05d}")


@dg.op(description="Parse and extract a batch of documents, then validate their rows with the Pandera schemas.")
def extract_batch(batch: list) -> Fragment:
    return extract_fragment(batch)


@dg.op(description="Replace the changed and removed documents' rows in the previous build's state; report per-document state.")
def patch_state(context: dg.OpExecutionContext, settings: PipelineSettings, raw_documents: list, fragments: list) -> BuildState:
    state = previous_state(settings).patched(raw_documents, Fragment.merged(fragments))
    context.add_output_metadata(
        {
            "documents": len(state.documents),
            "parsed": len(state.extracted),
            "reused": len(state.documents) - len(state.extracted),
            "failed_validation": ", ".join(sorted(state.failures)) or "none",
            "extraction_code_version": extraction_code_version(),
            "per_document": markdown_table(per_document(state).sort_values(["state", "source_id"]), limit=PER_DOCUMENT_ROWS_SHOWN),
        }
    )
    return state


def per_document(state: BuildState) -> pd.DataFrame:
    """One row per document: parsed this build or reused, and its rows per document table."""
    extracted = set(state.extracted)
    frame = pd.DataFrame({"source_id": sorted(state.documents)})
    frame["state"] = ["parsed" if s in extracted else "reused" for s in frame.source_id]
    for name in DOCUMENT_TABLES:
        counts = pc.value_counts(state.tables[name]["source_id"]).to_pylist()
        frame[name] = frame.source_id.map({c["values"]: c["counts"] for c in counts}).fillna(0).astype(int)
    return frame


@dg.graph_asset(group_name="parse", description="Every document's rows, validated per document: the previous build's state with the new and changed documents extracted again.")
def document_tables(raw_documents):
    return patch_state(raw_documents, batch_documents(raw_documents).map(extract_batch).collect())
