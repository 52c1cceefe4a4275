"""ingest and parse: raw files in, one extraction per document out, in parallel batches.

Each document's extraction is cached by its bytes and the extraction code
(pipeline.incremental), so a build re-parses only what changed. Documents are
split into batches of `documents_per_step`: with the in-process executor the
batches run one after another; with the multiprocess executor, in parallel.
"""

import dagster as dg
import pandas as pd

from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import read_raw_documents
from pipeline.incremental import Extracted, cache_for, cache_key, extract_with_cache, extraction_code_version


@dg.asset(group_name="ingest", kinds={"python"}, description="The raw documents: bytes, sha256 and manifest entry per file in the raw folder.")
def raw_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list:
    raw_dir = settings.resolve().raw_dir
    documents = read_raw_documents(raw_dir)
    listing = pd.DataFrame([{"source_id": d.source_id, "file": d.file_name, "bytes": d.bytes, "sha256": d.sha256[:12], "in_manifest": d.manifest is not None, "refused": d.rejection or ""} for d in documents])
    context.add_output_metadata({"documents": len(documents), "raw_dir": str(raw_dir), "files": dg.MetadataValue.md(listing.to_markdown(index=False) if len(listing) else "none")})
    return documents


@dg.op(out=dg.DynamicOut(list), description="Split the documents into batches, one parse step each.")
def batch_documents(settings: PipelineSettings, raw_documents: list):
    size = max(1, settings.documents_per_step)
    starts = range(0, len(raw_documents), size) if raw_documents else [0]
    for number, start in enumerate(starts):
        yield dg.DynamicOutput(raw_documents[start : start + size], mapping_key=f"batch_{number:05d}")


@dg.op(description="Parse and extract each document of a batch, reusing cached results for unchanged ones.")
def extract_batch(settings: PipelineSettings, batch: list) -> list:
    cache = cache_for(settings.resolve().outputs_dir) if settings.reuse_extractions else None
    return [extract_with_cache(raw, cache) for raw in batch]


@dg.op(description="Collect the batches in document order, prune stale cache entries, report per-document state.")
def gather_extractions(context: dg.OpExecutionContext, settings: PipelineSettings, raw_documents: list, batches: list) -> list:
    extracted: list[Extracted] = [item for batch in batches for item in batch]
    if settings.reuse_extractions:
        cache_for(settings.resolve().outputs_dir).prune({cache_key(raw) for raw in raw_documents})
    per_document = pd.DataFrame(
        [
            {
                "source_id": e.result.source_id,
                "state": "reused" if e.reused else "parsed",
                "format": e.result.source["document_format"] if e.result.source else "refused",
                **{t: len(rows) for t, rows in sorted(e.result.extraction.rows.items()) if not t.startswith("_")},
                "issues": len(e.result.extraction.issues),
            }
            for e in extracted
        ]
    ).fillna(0)
    reused = sum(e.reused for e in extracted)
    context.add_output_metadata(
        {
            "documents": len(extracted),
            "parsed": len(extracted) - reused,
            "reused": reused,
            "extraction_code_version": extraction_code_version(),
            "per_document": dg.MetadataValue.md(per_document.to_markdown(index=False) if len(per_document) else "none"),
        }
    )
    return [e.result for e in extracted]


@dg.graph_asset(group_name="parse", description="Each document parsed into the document model and extracted into rows per table (cached per document).")
def document_extractions(raw_documents):
    return gather_extractions(raw_documents, batch_documents(raw_documents).map(extract_batch).collect())
