"""The whole build as plain function calls: read, extract what changed, assemble, publish, release.

Dagster's assets call the same stages one by one; this module is what the
tests and the benchmark use when no orchestration is wanted.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.assemble import Assembled, assemble
from pipeline.combine import combine
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import RELEASE_BLOCKING_KINDS, DocumentResult
from pipeline.incremental import BuildState, extract_fragment, load_state, save_state
from pipeline.publish.arrow import from_arrow
from pipeline.publish.outputs import Published, publish, publish_lock
from pipeline.release.releases import CutRelease, cut_release
from pipeline.validate import validate_tables


class ValidationFailed(RuntimeError):
    def __init__(self, failures: dict[str, pd.DataFrame]):
        self.failures = failures
        super().__init__(f"validation failed, nothing was published: { {name: len(cases) for name, cases in sorted(failures.items())} }")

    def report(self, limit: int = 20) -> str:
        frames = [cases.assign(table=name) if "table" not in cases else cases for name, cases in self.failures.items()]
        return pd.concat(frames).head(limit).to_string(index=False) if frames else ""


@dataclass
class BuildResult:
    arrow: dict[str, pa.Table]
    published: Published | None
    release: CutRelease | None
    release_blockers: pd.DataFrame
    reused: int = 0
    parsed: int = 0

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The published tables as pandas, converted on first use."""
        return {name: from_arrow(table) for name, table in self.arrow.items()}


def validated_tables(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    """Every table built and validated in full, from scratch: the reference the incremental path must equal."""
    checked = validate_tables(combine(results))
    failures = {name: r.failures for name, r in checked.items() if not r.passed}
    if failures:
        raise ValidationFailed(failures)
    return {name: r.frame for name, r in checked.items()}


def validate_whole(tables: dict[str, pa.Table]) -> None:
    """Validate every published table in full again: done before a release is written, whatever the build reused."""
    checked = validate_tables({name: from_arrow(table) for name, table in tables.items()})
    failures = {name: r.failures for name, r in checked.items() if not r.passed}
    if failures:
        raise ValidationFailed(failures)


def release_blockers(tables: dict[str, pa.Table | pd.DataFrame]) -> pd.DataFrame:
    """Quality issues that mean a document's facts are missing: the sound data is published, no release is cut."""
    issues = tables["quality_issues"]
    issues = issues if isinstance(issues, pd.DataFrame) else issues.to_pandas()
    return issues[issues["kind"].isin(RELEASE_BLOCKING_KINDS)][["source_id", "line", "kind", "detail"]].reset_index(drop=True)


def build_state(raw_dir: Path, previous: BuildState) -> BuildState:
    """The previous state with every new, changed or removed document's rows replaced; raises when they do not validate."""
    documents = read_raw_documents(raw_dir)
    state = previous.patched(documents, extract_fragment(previous.to_extract(documents)))
    if not state.passed:
        raise ValidationFailed(state.failures)
    return state


def assembled_tables(state: BuildState) -> Assembled:
    assembled = assemble(state)
    if not assembled.passed:
        raise ValidationFailed(assembled.failures)
    return assembled


def run_build(raw_dir: Path, outputs_dir: Path, lock_wait_seconds: float = 0.0, release: bool = True, use_cache: bool = True) -> BuildResult:
    state = build_state(raw_dir, load_state(outputs_dir) if use_cache else BuildState.empty())
    with ThreadPoolExecutor(max_workers=1) as pool:  # the state (rows that passed their schemas) is written during assembly
        saved = pool.submit(save_state, outputs_dir, state) if use_cache else None
        tables = assembled_tables(state).tables
        if saved is not None:
            saved.result()
    published = publish(tables, outputs_dir, lock_wait_seconds)
    blockers = release_blockers(tables)
    cut = None
    if release and blockers.empty:
        with publish_lock(outputs_dir, lock_wait_seconds):
            cut = cut_release(tables, outputs_dir, validate_whole)
    parsed = len(state.extracted)
    return BuildResult(tables, published, cut, blockers, len(state.documents) - parsed, parsed)
