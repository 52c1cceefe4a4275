"""disputes: territorial and boundary disputes, one row per disputed place per statement."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import (
    COUNTRY_KEY,
    SLUG_PATTERN,
    Evidence,
    NullableInt,
    String,
    list_field,
    references,
    row_check,
    vocabulary,
)
from schemas.vocabularies import DISPUTE_STATUSES


class DisputesSchema(Evidence):
    """Disputed places and zones wherever a document states a dispute, a claim or a settlement, with the countries on
    the other side."""

    dispute_id: String = pa.Field(
        str_matches=SLUG_PATTERN, description="Stable slug of the disputed place as written ('gulf-of-maine')."
    )
    name: String = pa.Field(
        str_length={"min_value": 1},
        description="The disputed place as written ('Gulf of Maine', 'Strait of Juan de Fuca').",
    )
    counterpart_codes: Series[object] = list_field(
        "ISO 3166 alpha-3 codes of the other countries the statement names (the document's own country left out); "
        "empty when it names none.",
        items="iso3_codes",
        item_references=COUNTRY_KEY,
    )
    status: String = vocabulary(DISPUTE_STATUSES, "ongoing or resolved.")
    resolved_year: NullableInt = pa.Field(
        nullable=True, ge=1000, le=2199, description="The year of the ruling or settlement, for resolved disputes."
    )
    resolution_body: String = pa.Field(nullable=True, description="The court or tribunal that ruled, as written.")
    resolution_body_org_id: String = pa.Field(
        nullable=True,
        str_matches=SLUG_PATTERN,
        description="organizations.org_id of the resolution body, when it is in the registry.",
        **references("organizations.org_id"),
    )

    @row_check("only_resolved_disputes_have_a_resolution")
    def resolution_only_when_resolved(cls, df):
        ongoing = df["status"] == "ongoing"
        return ~ongoing | (df["resolved_year"].isna() & df["resolution_body"].isna())

    class Config:
        name = "disputes"
        description = "Territorial and boundary disputes, one row per disputed place per statement."
        unique = ["dispute_id", "source_id", "line"]
