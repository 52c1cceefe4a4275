"""memberships: one row per statement that a country belongs to an organization."""

import pandera.pandas as pa

from schemas._base import ISO3_PATTERN, MEMBERSHIP_STATUSES, PRECISIONS, SLUG_PATTERN, Evidence, String, date_matches_precision


class MembershipsSchema(Evidence):
    """Statements, from lists and prose, that a country belongs to an organization."""

    country_code: String = pa.Field(str_matches=ISO3_PATTERN, description="ISO 3166 alpha-3 code of the member country.")
    org_id: String = pa.Field(str_matches=SLUG_PATTERN, description="organizations.org_id")
    status: String = pa.Field(description="Closed vocabulary: " + ", ".join(MEMBERSHIP_STATUSES) + ".", metadata={"enum": list(MEMBERSHIP_STATUSES)})
    status_raw: String = pa.Field(nullable=True, description="The status qualifier as written, if any.")
    since: String = pa.Field(nullable=True, description="ISO date at the precision the text gives.")
    since_precision: String = pa.Field(nullable=True, isin=list(PRECISIONS), description="day, month or year.")

    @pa.check("status", name="membership_status_vocabulary")
    def status_in_vocabulary(cls, status):
        return status.isin(MEMBERSHIP_STATUSES)

    @pa.dataframe_check(name="since_matches_precision")
    def since_matches_precision(cls, df):
        return date_matches_precision(df, "since")

    class Config:
        name = "memberships"
        description = "One row per statement that a country belongs to an organization."
        unique = ["country_code", "org_id", "source_id", "line"]
