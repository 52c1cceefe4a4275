"""The whole build as plain function calls: read, extract, combine, validate, publish, release.

Dagster's assets call the same stages one by one; this module is what the
tests and the benchmark use when no orchestration is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.combine import combine
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import RELEASE_BLOCKING_KINDS, DocumentResult
from pipeline.incremental import ExtractionCache, Extracted, cache_for, cache_key, extract_with_cache
from pipeline.publish.outputs import Published, publish, publish_lock
from pipeline.release.releases import CutRelease, cut_release
from pipeline.validate import TableValidation, validate_tables


class ValidationFailed(RuntimeError):
    def __init__(self, results: dict[str, TableValidation]):
        self.results = results
        failed = {n: len(r.failures) or "schema" for n, r in results.items() if not r.passed}
        super().__init__(f"validation failed, nothing was published: {failed}")

    def report(self, limit: int = 20) -> str:
        frames = [r.failures for r in self.results.values() if not r.passed]
        return pd.concat(frames).head(limit).to_string(index=False) if frames else ""


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    published: Published | None
    release: CutRelease | None
    release_blockers: pd.DataFrame
    reused: int = 0
    parsed: int = 0


def extract_all(raw_dir: Path, cache: ExtractionCache | None = None) -> list[DocumentResult]:
    return [e.result for e in extract_documents(raw_dir, cache)]


def extract_documents(raw_dir: Path, cache: ExtractionCache | None = None) -> list[Extracted]:
    """Every raw document's extraction, reused from `cache` where its bytes and the code are unchanged."""
    documents = read_raw_documents(raw_dir)
    extracted = [extract_with_cache(raw, cache) for raw in documents]
    if cache is not None:
        cache.prune({cache_key(raw) for raw in documents})
    return extracted


def validated_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    checked = validate_tables(combine(results))
    if not all(r.passed for r in checked.values()):
        raise ValidationFailed(checked)
    return {name: r.frame for name, r in checked.items()}


def release_blockers(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Quality issues that mean a document's facts are missing: the sound data is published, no release is cut."""
    issues = tables["quality_issues"]
    return issues[issues["kind"].isin(RELEASE_BLOCKING_KINDS)][["source_id", "line", "kind", "detail"]]


def run_build(raw_dir: Path, outputs_dir: Path, lock_wait_seconds: float = 0.0, release: bool = True, use_cache: bool = True) -> BuildResult:
    extracted = extract_documents(raw_dir, cache_for(outputs_dir) if use_cache else None)
    tables = validated_tables([e.result for e in extracted])
    published = publish(tables, outputs_dir, lock_wait_seconds)
    blockers = release_blockers(tables)
    cut = None
    if release and blockers.empty:
        with publish_lock(outputs_dir, lock_wait_seconds):
            cut = cut_release(tables, outputs_dir)
    reused = sum(e.reused for e in extracted)
    return BuildResult(tables, published, cut, blockers, reused, len(extracted) - reused)
