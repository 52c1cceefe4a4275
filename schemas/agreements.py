"""agreements: named treaties, conventions, protocols, agreements, acts, regulations and roadmaps."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import (
    COUNTRY_KEY,
    SLUG_PATTERN,
    Evidence,
    NullableBool,
    String,
    date_matches_precision,
    list_field,
    precision_field,
    row_check,
    vocabulary,
)
from schemas.vocabularies import AGREEMENT_KINDS


class AgreementsSchema(Evidence):
    """One row per statement naming an instrument: the same treaty named in two places is two rows with one
    agreement_id."""

    agreement_id: String = pa.Field(
        str_matches=SLUG_PATTERN, description="Stable slug of the name as written ('ottawa-treaty')."
    )
    name: String = pa.Field(
        str_length={"min_value": 1}, description="The instrument's name as written, without a trailing acronym or date."
    )
    aliases: Series[object] = list_field(
        "Other names the same statement gives ('Mine Ban Treaty') and acronyms in parentheses ('SEMRR')."
    )
    kind: String = vocabulary(AGREEMENT_KINDS)
    kind_raw: String = pa.Field(
        nullable=True,
        description="The word the kind was read from, as written ('Protocol', 'Covenant', 'treaties' from a list "
        "heading).",
    )
    date: String = pa.Field(nullable=True, description="ISO date at the precision the text gives.")
    date_precision: String = precision_field()
    date_event: String = pa.Field(
        nullable=True,
        description="The verb that says what happened on `date` ('acceded', 'enacted', 'committed'), when the "
        "statement has one.",
    )
    signed_in_canada: NullableBool = pa.Field(
        nullable=True,
        description="True when listed under a heading such as 'treaties signed in Canada'; false under one naming "
        "another "
        "country; null when the text does not say.",
    )
    parties: Series[object] = list_field(
        "ISO 3166 alpha-3 codes of the countries the statement names as parties ('Canada and the United States "
        "committed "
        "to ...'); null when it names none.",
        nullable=True,
        items="iso3_codes",
        item_references=COUNTRY_KEY,
    )

    @row_check("date_matches_precision")
    def date_matches_precision(cls, df):
        return date_matches_precision(df, "date")

    class Config:
        name = "agreements"
        description = (
            "Named treaties, conventions, protocols, agreements, acts, regulations and roadmaps, one row per statement."
        )
        unique = ["agreement_id", "source_id", "line"]
