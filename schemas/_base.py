"""Building blocks shared by the table schemas: provenance columns, field makers and checks.

Each fact about a column is declared once, in its Field: its type, whether it
may be null, its vocabulary, its description, the table it references. The
Arrow schema, the DuckDB comments, the datapackage, the data dictionary and
the Dagster column schema are all read from there (see schemas/__init__.py).
"""

from __future__ import annotations

import re
from typing import Literal

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera import dtypes as pa_dtypes
from pandera import extensions
from pandera.engines import pandas_engine
from pandera.typing.pandas import Series

from schemas.dates import PRECISIONS, at_common_precision, is_real_date

ISO3_PATTERN = r"^[A-Z]{3}$"
# What every country code column references: the countries table is built from every code those columns hold.
COUNTRY_KEY = "countries.country_code"
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

    storage: Literal["python", "pyarrow"] | None = "python"

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


def list_field(
    description: str, nullable: bool = False, items: str = "strings", item_references: str | None = None
) -> pa.Field:
    """A column of lists (Parquet list<string>; pandas holds them as objects) whose items are `strings` or `iso3_codes`.

    `item_references` ("table.column") says every item is a key of another table. It is kept apart from
    `references`: Table Schema's foreignKeys compare a whole cell, so a datapackage must not declare it.
    """
    metadata = {"arrow_type": "list<string>"} | ({"item_references": item_references} if item_references else {})
    return pa.Field(nullable=nullable, description=description, metadata=metadata, **{f"list_of_{items}": ()})


def vocabulary(
    values: tuple[str, ...], description: str = "Closed vocabulary: {vocabulary}.", nullable: bool = False
) -> pa.Field:
    """A closed vocabulary, declared once: the check, the datapackage enum and the description come from `values`."""
    return pa.Field(isin=list(values), nullable=nullable, description=description.format(vocabulary=", ".join(values)))


def precision_field() -> pa.Field:
    """The `<date>_precision` sibling of a date column."""
    return vocabulary(PRECISIONS, "day, month or year.", nullable=True)


def country_code_field(description: str, nullable: bool = True, **field_arguments) -> pa.Field:
    """An ISO 3166 alpha-3 code (historic ISO 3166-3 codes and the user-assigned XKX included).

    `field_arguments` go to the Field as they are: `**references(COUNTRY_KEY)` declares the foreign key.
    """
    return pa.Field(nullable=nullable, str_matches=ISO3_PATTERN, description=description, **field_arguments)


def references(target: str) -> dict:
    """Field arguments that declare a foreign key ("table.column"), checked across tables and published in the
    datapackage."""
    return {"metadata": {"references": target}}


@extensions.register_check_method(check_type="element_wise")
def list_of_strings(value) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


@extensions.register_check_method(check_type="element_wise")
def list_of_iso3_codes(value) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) and _ISO3.match(item) for item in value)


@extensions.register_check_method(check_type="element_wise")
def iso4217_currency(value) -> bool:
    """An active ISO 4217 alphabetic code ('CAD', 'USD')."""
    return pycountry.currencies.get(alpha_3=str(value)) is not None


_ISO3 = re.compile(ISO3_PATTERN)


def row_check(name: str):
    """A DataFrameModel check that judges every row (it returns one boolean per row).

    Pandera's default (`ignore_na`) lets a row of nothing but nulls pass such a check, and to find those rows it
    computes `isna` over the whole table, once per check: a fifth of validating bilateral_relations and its five
    row checks. Every table has a key column that is never null, so no row is judged differently. The failure
    report of a row that fails now lists its null cells too (as '<NA>'): for a check such as 'the currency and
    its source are null together' the null cell is the one to look at.
    """
    return pa.dataframe_check(name=name, ignore_na=False)


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
    """An end date is not before its start, compared at the coarser of their two precisions ('1992' may end in
    '1992-05')."""
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

    source_id: String = pa.Field(
        str_matches=SLUG_PATTERN,
        description="The raw document the row was read from (sources.source_id).",
        **references("sources.source_id"),
    )
    line: Series[int] = pa.Field(ge=1, description="1-based line number in the raw file where the evidence is.")


class Evidence(Provenance):
    evidence: String = pa.Field(
        str_length={"min_value": 1},
        description="The exact source text (sentence, list item or table row) the row was read from.",
    )
