"""diplomatic_relations: one row per data row of the numbered 'Diplomatic relations' list.

Added to the contract's columns: `established` + `established_precision`
(the Date cell read at its precision, when it holds a date) and `evidence`
(the table row as written).
"""

import pandera.pandas as pa

from schemas._base import (
    COUNTRY_KEY,
    Evidence,
    NullableBool,
    NullableInt,
    String,
    country_code_field,
    date_matches_precision,
    precision_field,
    references,
    row_check,
)


class DiplomaticRelationsSchema(Evidence):
    """Every row of the list of countries the subject has diplomatic relations with, published with what it has."""

    country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the subject: whose list this is (null only when the document names no country).",
        **references(COUNTRY_KEY),
    )
    list_number: NullableInt = pa.Field(nullable=True, ge=1, description="The '#' cell; null for rows marked '—'.")
    partner_name: String = pa.Field(
        nullable=True, description="The Country cell as written, without the '(suspended)' marker; null when empty."
    )
    partner_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the partner; null when the cell is empty or unresolved (see quality_issues).",
        **references(COUNTRY_KEY),
    )
    established_raw: String = pa.Field(nullable=True, description="The Date cell as written; null when empty.")
    established: String = pa.Field(nullable=True, description="The Date cell as an ISO date at the precision it gives.")
    established_precision: String = precision_field()
    # The nullable boolean dtype, so that a missing value fails `not_nullable` instead of being coerced to False.
    suspended: NullableBool = pa.Field(nullable=False, description="True when the row is marked '(suspended)'.")

    @row_check("established_matches_precision")
    def established_matches_precision(cls, df):
        return date_matches_precision(df, "established")

    @row_check("partner_code_has_name")
    def partner_code_has_name(cls, df):
        return df["partner_code"].isna() | df["partner_name"].notna()

    class Config:
        name = "diplomatic_relations"
        description = "One row per data row of the numbered 'Diplomatic relations' list."
        unique = ["source_id", "line"]
