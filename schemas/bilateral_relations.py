"""bilateral_relations: one row per data row of the bilateral relations tables and per relationship stated in prose.

Added to the contract's columns: `region_raw` (the region heading as
written, because `region` is a closed vocabulary) and `evidence` (the table
row or sentence the row was read from).
"""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import (
    COUNTRY_KEY,
    Evidence,
    String,
    country_code_field,
    date_matches_precision,
    list_field,
    not_before,
    precision_field,
    references,
    row_check,
    vocabulary,
)
from schemas.vocabularies import PARTNER_SOURCES, REGIONS, RELATION_STATUSES


class BilateralRelationsSchema(Evidence):
    """Relations between the subject country and one partner, with the dates at the precision the text gives."""

    country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the subject: whose relations these are "
        "(null only when the document names no country).",
        **references(COUNTRY_KEY),
    )
    region: String = vocabulary(
        REGIONS, "Closed vocabulary: {vocabulary}; null when the table has no region heading.", nullable=True
    )
    region_raw: String = pa.Field(nullable=True, description="The region heading as written.")
    partner_name: String = pa.Field(
        nullable=True,
        description="The partner as written in the Country cell, the notes or the sentence; "
        "null when nothing names one.",
    )
    partner_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the partner; null when unresolved (see quality_issues).", **references(COUNTRY_KEY)
    )
    partner_resolved_from: String = vocabulary(
        PARTNER_SOURCES,
        "Where the partner was read: cell, notes or prose; null when no partner was found.",
        nullable=True,
    )
    established_raw: String = pa.Field(
        nullable=True,
        description="The dates as written: the table's date cell, or the date phrase of a prose statement.",
    )
    established: String = pa.Field(
        nullable=True, description="Start of the first period of relations, ISO date at the precision the text gives."
    )
    established_precision: String = precision_field()
    ended: String = pa.Field(
        nullable=True,
        description="End of the last period (ended or suspended), ISO date at the precision the text gives.",
    )
    ended_precision: String = precision_field()
    status: String = vocabulary(RELATION_STATUSES)
    notes: String = pa.Field(nullable=True, description="The Notes cell as written.")
    see_also: Series[object] = list_field("Article titles named by 'See ...' / 'See also ...' in the notes, in order.")

    @row_check("established_matches_precision")
    def established_matches_precision(cls, df):
        return date_matches_precision(df, "established")

    @row_check("ended_matches_precision")
    def ended_matches_precision(cls, df):
        return date_matches_precision(df, "ended")

    @row_check("ended_not_before_established")
    def ended_not_before_established(cls, df):
        return not_before(df, "established", "ended")

    @row_check("partner_resolved_from_given")
    def partner_source_given(cls, df):
        """A partner always says where it was read from, and no partner means no source."""
        return df["partner_name"].isna() == df["partner_resolved_from"].isna()

    @row_check("partner_code_has_name")
    def partner_code_has_name(cls, df):
        return df["partner_code"].isna() | df["partner_name"].notna()

    class Config:
        name = "bilateral_relations"
        description = (
            "One row per data row of the bilateral relations tables (by region) "
            "and per bilateral relationship stated in prose."
        )
        unique = ["source_id", "line"]
