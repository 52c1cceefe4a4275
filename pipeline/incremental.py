"""Re-parse only what changed: per-document results cached by content and code.

A document's extraction depends only on its bytes, its name and manifest
entry, and the extraction code. The cache key hashes all of them, the code
as the text of every module and data file under documents/, extract/ and
resolve/ (plus the schema vocabularies), so editing a parser invalidates
every cached result without anyone remembering to bump a version.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.documents.reading import RawDocument
from pipeline.extract import DocumentResult, extract_document
from pipeline.publish.files import TEMP_PREFIX, write_atomic

PACKAGE_ROOT = Path(__file__).resolve().parent
CODE_FOLDERS = ("documents", "extract", "resolve")
CODE_FILES = (PACKAGE_ROOT.parent / "schemas" / "_base.py",)


@lru_cache(maxsize=1)
def extraction_code_version() -> str:
    """sha256 over the extraction code and its data files, in a fixed order."""
    digest = hashlib.sha256()
    files = sorted(p for folder in CODE_FOLDERS for p in (PACKAGE_ROOT / folder).rglob("*") if p.suffix in (".py", ".csv"))
    for path in [*files, *CODE_FILES]:
        digest.update(str(path.relative_to(PACKAGE_ROOT.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_key(raw: RawDocument) -> str:
    identity = json.dumps([raw.source_id, raw.file_name, raw.sha256, raw.rejection, raw.manifest], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(identity.encode()).hexdigest()


@dataclass
class ExtractionCache:
    """One pickle per document result under <folder>/<code version>/; other code versions are pruned."""

    folder: Path

    @property
    def current(self) -> Path:
        return self.folder / extraction_code_version()

    def get(self, raw: RawDocument) -> DocumentResult | None:
        path = self.current / f"{cache_key(raw)}.pickle"
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def put(self, raw: RawDocument, result: DocumentResult) -> None:
        self.current.mkdir(parents=True, exist_ok=True)
        write_atomic(self.current / f"{cache_key(raw)}.pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def prune(self, keep_keys: set[str]) -> int:
        """Drop other code versions and documents no longer in the raw folder; returns files removed."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for version in self.folder.iterdir():
            for path in version.iterdir() if version.is_dir() else []:
                if version != self.current or (path.stem not in keep_keys and not path.name.startswith(TEMP_PREFIX)):
                    path.unlink(missing_ok=True)
                    removed += 1
            if version != self.current and version.is_dir() and not any(version.iterdir()):
                os.rmdir(version)
        return removed


@dataclass(frozen=True)
class Extracted:
    result: DocumentResult
    reused: bool


def extract_with_cache(raw: RawDocument, cache: ExtractionCache | None) -> Extracted:
    if cache is not None:
        cached = cache.get(raw)
        if cached is not None:
            return Extracted(cached, True)
    result = extract_document(raw)
    if cache is not None:
        cache.put(raw, result)
    return Extracted(result, False)


def cache_for(outputs_dir: Path) -> ExtractionCache:
    return ExtractionCache(outputs_dir / ".cache" / "extractions")
