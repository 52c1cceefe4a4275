"""What a document's rows depend on, as keys: the code and libraries that extract them, and the document itself.

A saved state is reused only under the same code version, and a document's
rows only under the same document key, so what is published never depends
on the history of builds: a build from the state equals a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from pipeline.documents.reading import ListedDocument, RawDocument
from pipeline.versions import installed_versions, source_digest

# Everything that decides what a document's rows are: parsers, extractors, knowledge, resolvers, the schemas.
CODE_FOLDERS = ("pipeline/documents", "pipeline/extract", "pipeline/knowledge", "pipeline/resolve", "schemas")
CODE_FILES = ("pipeline/text.py", "pipeline/rows.py", "pipeline/batch.py", "pipeline/validate.py")
# Libraries whose versions change rows: a pycountry release renames a country, pandas or Pandera coerce differently.
ROW_LIBRARIES = ("pycountry", "pandas", "pandera", "pyarrow", "numpy")


@lru_cache(maxsize=1)
def code_version() -> str:
    """sha256 over the code and data files that decide a document's rows, and the versions of ROW_LIBRARIES."""
    return source_digest(CODE_FOLDERS, CODE_FILES, library_versions())


def library_versions() -> dict[str, str | None]:
    return installed_versions(ROW_LIBRARIES)


def document_key(raw: RawDocument | ListedDocument) -> str:
    """A document's identity: its name, bytes, manifest entry, and why it was refused if it was."""
    identity = json.dumps(
        [raw.source_id, raw.file_name, raw.sha256, raw.rejection, raw.manifest], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(identity.encode()).hexdigest()
