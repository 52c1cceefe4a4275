"""The whole build as plain function calls: read, extract, combine, validate, publish.

Dagster's assets call the same stages one by one; this module is what the
command line and the tests use when no orchestration is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.combine import combine
from pipeline.documents.reading import list_raw_files, read_manifest, read_raw_document
from pipeline.extract import DocumentResult, extract_document
from pipeline.publish.outputs import Published, publish
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


def extract_all(raw_dir: Path) -> list[DocumentResult]:
    manifest = read_manifest(raw_dir)
    return [extract_document(read_raw_document(path, manifest)) for path in list_raw_files(raw_dir)]


def validated_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    checked = validate_tables(combine(results))
    if not all(r.passed for r in checked.values()):
        raise ValidationFailed(checked)
    return {name: r.frame for name, r in checked.items()}


def run_build(raw_dir: Path, outputs_dir: Path, lock_wait_seconds: float = 0.0) -> BuildResult:
    tables = validated_tables(extract_all(raw_dir))
    return BuildResult(tables, publish(tables, outputs_dir, lock_wait_seconds))
