"""memberships: one row per statement that a country belongs to an organization."""

import pandera.pandas as pa

from schemas._base import (
    COUNTRY_KEY,
    SLUG_PATTERN,
    Evidence,
    String,
    country_code_field,
    date_matches_precision,
    precision_field,
    references,
    row_check,
    vocabulary,
)
from schemas.vocabularies import MEMBERSHIP_STATUSES


class MembershipsSchema(Evidence):
    """Statements, from lists and prose, that a country belongs to an organization."""

    country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the member country.", nullable=False, **references(COUNTRY_KEY)
    )
    org_id: String = pa.Field(
        str_matches=SLUG_PATTERN, description="organizations.org_id", **references("organizations.org_id")
    )
    status: String = vocabulary(MEMBERSHIP_STATUSES)
    status_raw: String = pa.Field(nullable=True, description="The status qualifier as written, if any.")
    since: String = pa.Field(nullable=True, description="ISO date at the precision the text gives.")
    since_precision: String = precision_field()

    @row_check("since_matches_precision")
    def since_matches_precision(cls, df):
        return date_matches_precision(df, "since")

    class Config:
        name = "memberships"
        description = "One row per statement that a country belongs to an organization."
        unique = ["country_code", "org_id", "source_id", "line"]
