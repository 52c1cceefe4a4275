"""export_controls: one row per country named on an export control list.

Key: (`source_id`, `line`, `list_name`, `country_name`): one sentence names
one list and each country on it once, but a line may name two lists, so the
list is part of the key. `country_name` is the name as written, which is
never null, so the key holds for countries that could not be resolved.

Added to the contract's columns: `list_country_code` (whose list it is: the
document's subject, by the rule that rows carry the subject country's code)
and `evidence` (the sentence).
"""

import pandera.pandas as pa

from schemas._base import COUNTRY_KEY, Evidence, NullableInt, String, country_code_field, references


class ExportControlsSchema(Evidence):
    """Countries on a named export control list, as of the year the text gives."""

    list_name: String = pa.Field(
        str_length={"min_value": 1},
        description="The list's name as written ('Automatic Firearms Country Control List').",
    )
    list_country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the country whose list it is (the document's subject).", **references(COUNTRY_KEY)
    )
    country_code: String = country_code_field(
        "ISO 3166 alpha-3 code of the listed country; null when unresolved (see quality_issues).",
        **references(COUNTRY_KEY),
    )
    country_name: String = pa.Field(
        str_length={"min_value": 1}, description="The listed country as written, without a leading 'and'/'the'."
    )
    as_of_year: NullableInt = pa.Field(
        nullable=True,
        ge=1000,
        le=2199,
        description="The year the text says the list is as of; null when it gives none.",
    )

    class Config:
        name = "export_controls"
        description = "Countries on export control lists."
        unique = ["source_id", "line", "list_name", "country_name"]
