"""envoys: named heads of mission, one row per person and role per statement."""

import pandera.pandas as pa

from schemas._base import (
    COUNTRY_KEY,
    Evidence,
    String,
    country_code_field,
    date_matches_precision,
    precision_field,
    references,
    row_check,
)


class EnvoysSchema(Evidence):
    """Ambassadors, high commissioners and consuls named in infoboxes and prose."""

    person: String = pa.Field(
        str_length={"min_value": 1}, description="The person's name as written, without honorifics ('H.E.')."
    )
    role: String = pa.Field(
        str_length={"min_value": 1},
        description="The office, lower case: ambassador, high commissioner, consul general, ...",
    )
    title_raw: String = pa.Field(
        nullable=True,
        description="The title as written ('Ambassador of Canada to Russia', 'the American ambassador to Canada').",
    )
    sending_country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the country the envoy represents.", **references(COUNTRY_KEY)
    )
    receiving_country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the country the envoy is accredited to.", **references(COUNTRY_KEY)
    )
    since: String = pa.Field(
        nullable=True,
        description="When the person took up the role ('appointed in November 2023'), at the precision the text gives.",
    )
    since_precision: String = precision_field()
    as_of: String = pa.Field(
        nullable=True,
        description="A date at which the text places the person in the role without saying it began then "
        "('In January 2006, David Wilkins, the American ambassador ...').",
    )
    as_of_precision: String = precision_field()

    @row_check("since_matches_precision")
    def since_matches_precision(cls, df):
        return date_matches_precision(df, "since")

    @row_check("as_of_matches_precision")
    def as_of_matches_precision(cls, df):
        return date_matches_precision(df, "as_of")

    class Config:
        name = "envoys"
        description = "Named heads of mission, one row per person and role per statement."
        unique = ["source_id", "line", "person", "role"]
