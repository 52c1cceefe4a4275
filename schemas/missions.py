"""missions: one row per diplomatic mission or office per statement."""

import pandera.pandas as pa

from schemas._base import COUNTRY_KEY, SLUG_PATTERN, Evidence, String, country_code_field, references, vocabulary
from schemas.vocabularies import MISSION_TYPES


class MissionsSchema(Evidence):
    """Embassies, consulates and missions to organizations, as each statement gives them (two statements of one embassy
    are two rows)."""

    sending_country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the country that keeps the mission; "
        "null when the text does not say (see quality_issues).",
        **references(COUNTRY_KEY),
    )
    host_country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the country the mission is in, from the text or a bilateral document's title; "
        "null when neither says (a city alone does not name its country).",
        **references(COUNTRY_KEY),
    )
    city: String = pa.Field(
        nullable=True,
        str_length={"min_value": 1},
        description="The city as written; null when the statement names none ('consulates general across Canada').",
    )
    mission_type: String = vocabulary(MISSION_TYPES)
    mission_type_raw: String = pa.Field(
        nullable=True,
        description="The words that name the mission type, as written ('consulates-general', 'Honorary Consulate', "
        "'Mission').",
    )
    accredited_to: String = pa.Field(
        nullable=True,
        str_matches=SLUG_PATTERN,
        description="organizations.org_id for a mission to an organization, else null.",
        **references("organizations.org_id"),
    )

    class Config:
        name = "missions"
        description = "One row per diplomatic mission or office per statement."
        unique = ["source_id", "line", "sending_country_code", "city", "mission_type", "accredited_to"]
