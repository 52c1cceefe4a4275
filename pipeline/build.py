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
from pipeline.extract import RELEASE_BLOCKING_KINDS, DocumentResult, extract_document
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


def extract_all(raw_dir: Path) -> list[DocumentResult]:
    return [extract_document(raw) for raw in read_raw_documents(raw_dir)]


def validated_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    checked = validate_tables(combine(results))
    if not all(r.passed for r in checked.values()):
        raise ValidationFailed(checked)
    return {name: r.frame for name, r in checked.items()}


def release_blockers(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Quality issues that mean a document's facts are missing: the sound data is published, no release is cut."""
    issues = tables["quality_issues"]
    return issues[issues["kind"].isin(RELEASE_BLOCKING_KINDS)][["source_id", "line", "kind", "detail"]]


def run_build(raw_dir: Path, outputs_dir: Path, lock_wait_seconds: float = 0.0, release: bool = True) -> BuildResult:
    tables = validated_tables(extract_all(raw_dir))
    published = publish(tables, outputs_dir, lock_wait_seconds)
    blockers = release_blockers(tables)
    cut = None
    if release and blockers.empty:
        with publish_lock(outputs_dir, lock_wait_seconds):
            cut = cut_release(tables, outputs_dir)
    return BuildResult(tables, published, cut, blockers)
