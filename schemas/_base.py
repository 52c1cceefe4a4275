"""Building blocks shared by the table schemas: provenance columns, vocabularies and named checks.

Checks are named so a failure report says 'iso3166_alpha3' rather than
printing every allowed value, and vocabularies live here once so the
extractors and the schemas cannot disagree.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

import pandas as pd
import pycountry
import pandera.pandas as pa
from pandera import dtypes as pa_dtypes
from pandera.engines import pandas_engine
from pandera.typing.pandas import Series

from schemas.dates import PRECISIONS, at_common_precision, is_real_date
from schemas.vocabularies import (
    AGREEMENT_KINDS,
    CURRENCY_SOURCES,
    DISPUTE_STATUSES,
    DOCUMENT_FORMATS,
    MEMBERSHIP_STATUSES,
    MISSION_TYPES,
    PARTNER_SOURCES,
    REGIONS,
    RELATION_STATUSES,
)

ISO3_PATTERN = r"^[A-Z]{3}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"



@pandas_engine.Engine.register_dtype
@pa_dtypes.immutable(init=True)
class ContractString(pandas_engine.STRING):
    """pandas' python-backed string dtype, with a dtype check that answers once per column.

    Pandera 0.35's STRING.check answers element by element even when the column already has
    the string dtype, and the backend then formats an (empty) failure-case frame into a message
    for every column of every validation: about 2 ms per column, most of a small batch's
    validation time. Same coercion and same failures; only the answer for an exact match is a bool.
    """

    storage: Optional[Literal["python", "pyarrow"]] = "python"

    def check(self, pandera_dtype, data_container=None):
        try:
            resolved = pandas_engine.Engine.dtype(pandera_dtype)
        except TypeError:
            return False
        if isinstance(resolved, pandas_engine.STRING) and resolved.type == self.type:
            return True
        return super().check(pandera_dtype, data_container)


String = Series[ContractString]
NullableInt = Series[pd.Int64Dtype]
NullableBool = Series[pd.BooleanDtype]


def list_field(description: str, nullable: bool = False) -> pa.Field:
    """A column of lists of strings (Parquet list<string>); pandas holds them as objects."""
    return pa.Field(nullable=nullable, description=description, metadata={"arrow_type": "list<string>"})


def is_list_of_strings(values: pd.Series) -> pd.Series:
    return values.map(lambda v: v is None or (isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v)))


def is_iso4217_currency(values: pd.Series) -> pd.Series:
    """Null, or an active ISO 4217 alphabetic code ('CAD', 'USD')."""
    return values.map(lambda v: v is None or pd.isna(v) or pycountry.currencies.get(alpha_3=str(v)) is not None)


def is_list_of_codes(values: pd.Series, nullable: bool = False) -> pd.Series:
    """Lists of ISO 3166 alpha-3 codes (null allowed only when `nullable`)."""
    pattern = re.compile(ISO3_PATTERN)

    def ok(value) -> bool:
        if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
            return nullable
        return isinstance(value, (list, tuple)) and all(isinstance(x, str) and pattern.match(x) for x in value)

    return values.map(ok)


def date_matches_precision(df: pd.DataFrame, date_column: str) -> pd.Series:
    """A date string has exactly the shape its precision names and is a real calendar date; both are null together.

    One pass over plain Python values: cheap on a one-document batch (pandas operations cost a
    few milliseconds each there, whatever the rows) and on a large table alike.
    """
    pairs = zip(df[date_column].tolist(), df[f"{date_column}_precision"].tolist())
    return pd.Series([_date_matches(date, precision) for date, precision in pairs], index=df.index, dtype=bool)


def _date_matches(date, precision) -> bool:
    if _missing(date) or _missing(precision):
        return _missing(date) and _missing(precision)
    return is_real_date(date, precision)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def not_before(df: pd.DataFrame, start_column: str, end_column: str) -> pd.Series:
    """An end date is not before its start, compared at the coarser of their two precisions ('1992' may end in '1992-05')."""
    start = df[start_column].astype("string")
    end = df[end_column].astype("string")
    both = start.notna() & end.notna()
    if not both.any():
        return pd.Series(True, index=df.index)
    ok = pd.Series(True, index=df.index)
    ok[both] = [e >= s_ for s_, e in (at_common_precision(s_, e) for s_, e in zip(start[both], end[both]))]
    return ok


class ContractModel(pa.DataFrameModel):
    """Every published table: exactly the contract's columns (strict), values coerced to their types."""

    class Config:
        strict = True
        coerce = True


class Provenance(ContractModel):
    """Every fact row says which raw document and which 1-based line it was read from."""

    source_id: String = pa.Field(str_matches=SLUG_PATTERN, description="The raw document the row was read from (sources.source_id).")
    line: Series[int] = pa.Field(ge=1, description="1-based line number in the raw file where the evidence is.")


class Evidence(Provenance):
    evidence: String = pa.Field(str_length={"min_value": 1}, description="The exact source text (sentence, list item or table row) the row was read from.")

