"""ingest and parse: raw files in, one extraction per document out."""


import dagster as dg
import pandas as pd

from pipeline.assets.resources import PipelineSettings
from pipeline.assets.metadata import failures_markdown
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import EXTRACTOR_VERSION, RELEASE_BLOCKING_KINDS, DocumentResult, extract_document


@dg.asset(group_name="ingest", kinds={"python"}, description="The raw documents: bytes, sha256 and manifest entry per file in the raw folder.")
def raw_documents(context: dg.AssetExecutionContext, settings: PipelineSettings) -> list:
    raw_dir = settings.resolve().raw_dir
    documents = read_raw_documents(raw_dir)
    listing = pd.DataFrame([{"source_id": d.source_id, "file": d.file_name, "bytes": d.bytes, "sha256": d.sha256[:12], "in_manifest": d.manifest is not None, "refused": d.rejection or ""} for d in documents])
    context.add_output_metadata({"documents": len(documents), "raw_dir": str(raw_dir), "files": dg.MetadataValue.md(listing.to_markdown(index=False) if len(listing) else "none")})
    return documents


READABLE_CHECK = dg.AssetCheckSpec(
    "every_document_extracted",
    asset="document_extractions",
    description="WARN when a raw file was refused or an extractor failed: the build publishes the rest, but no release is cut.",
)


@dg.asset(group_name="parse", kinds={"python"}, code_version=EXTRACTOR_VERSION, check_specs=[READABLE_CHECK], description="Each document parsed into the document model and extracted into rows per table.")
def document_extractions(raw_documents: list):
    results = [extract_document(raw) for raw in raw_documents]
    summary = pd.DataFrame(
        [
            {"source_id": r.source_id, "format": r.source["document_format"] if r.source else "refused", **{t: len(rows) for t, rows in sorted(r.extraction.rows.items()) if not t.startswith("_")}, "issues": len(r.extraction.issues)}
            for r in results
        ]
    ).fillna(0)
    yield dg.Output(results, metadata={"documents": len(results), "per_document": dg.MetadataValue.md(summary.to_markdown(index=False) if len(summary) else "none")})
    refused = pd.DataFrame([{"source_id": i.source_id, "line": i.line, "kind": i.kind, "detail": i.detail} for r in results for i in r.extraction.issues if i.kind in RELEASE_BLOCKING_KINDS])
    metadata = {"refused": len(refused)}
    if len(refused):
        metadata["problems"] = failures_markdown(refused)
    yield dg.AssetCheckResult(check_name="every_document_extracted", passed=refused.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)
