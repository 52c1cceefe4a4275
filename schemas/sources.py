"""sources: one row per raw document."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import SLUG_PATTERN, ContractModel, String, vocabulary
from schemas.vocabularies import DOCUMENT_FORMATS


class SourcesSchema(ContractModel):
    """One row per raw document the build read."""

    source_id: String = pa.Field(str_matches=SLUG_PATTERN, description="Stable slug of the file name.")
    file_name: String = pa.Field(description="File name in the raw folder.")
    title: String = pa.Field(nullable=True, description="Title from the manifest, else detected from the content.")
    publisher: String = pa.Field(
        nullable=True, description="Publisher where known (Wikipedia, Government of Canada, ...)."
    )
    document_format: String = vocabulary(DOCUMENT_FORMATS, "Format detected from the content.")
    sha256: String = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw bytes.")
    bytes: Series[int] = pa.Field(ge=0, description="Size of the raw file in bytes.")
    lines: Series[int] = pa.Field(ge=0, description="Number of lines in the raw file.")
    url: String = pa.Field(
        nullable=True,
        str_matches=r"^https?://\S+$",
        description="Where the document was retrieved from (raw/sources.csv); null where unknown.",
    )
    retrieved: String = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="The day it was retrieved (raw/sources.csv); null where unknown.",
    )
    revision: String = pa.Field(
        nullable=True,
        description="A wiki revision id or a page's 'date modified' (raw/sources.csv); null where unknown, never "
        "invented.",
    )

    class Config:
        name = "sources"
        description = "One row per raw document."
        unique = ["source_id"]
