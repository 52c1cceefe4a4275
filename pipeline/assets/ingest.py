"""ingest and parse: raw files in, one extraction per document out."""


import dagster as dg
import pandas as pd

from pipeline.assets.resources import PipelineSettings
from pipeline.documents.reading import list_raw_files, read_manifest, read_raw_document
from pipeline.extract import EXTRACTOR_VERSION, DocumentResult, extract_document


@dg.asset(group_name="ingest", kinds={"python"}, description="The raw documents: bytes, sha256 and manifest entry per file in the raw folder.")
def raw_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list:
    raw_dir = settings.resolve().raw_dir
    manifest = read_manifest(raw_dir)
    documents = [read_raw_document(path, manifest) for path in list_raw_files(raw_dir)]
    listing = pd.DataFrame([{"source_id": d.source_id, "file": d.file_name, "bytes": d.bytes, "sha256": d.sha256[:12], "in_manifest": d.manifest is not None} for d in documents])
    context.add_output_metadata({"documents": len(documents), "raw_dir": str(raw_dir), "files": dg.MetadataValue.md(listing.to_markdown(index=False) if len(listing) else "none")})
    return documents


@dg.asset(group_name="parse", kinds={"python"}, code_version=EXTRACTOR_VERSION, description="Each document parsed into the document model and extracted into rows per table.")
def document_extractions(context: dg.AssetExecutionContext, raw_documents: list) -> list[DocumentResult]:
    results = [extract_document(raw) for raw in raw_documents]
    summary = pd.DataFrame(
        [
            {"source_id": r.source["source_id"], "format": r.source["document_format"], **{t: len(rows) for t, rows in sorted(r.extraction.rows.items()) if not t.startswith("_")}, "issues": len(r.extraction.issues)}
            for r in results
        ]
    ).fillna(0)
    context.add_output_metadata({"documents": len(results), "per_document": dg.MetadataValue.md(summary.to_markdown(index=False) if len(summary) else "none")})
    return results
