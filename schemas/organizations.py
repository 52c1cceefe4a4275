"""organizations: one row per international organization the dataset mentions."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import ContractModel, SLUG_PATTERN, String, is_list_of_strings, list_field


class OrganizationsSchema(ContractModel):
    """International organizations named in the texts, with canonical names from the registry."""

    org_id: String = pa.Field(str_matches=SLUG_PATTERN, unique=True, description="Stable lowercase slug, from the acronym where there is one.")
    name: String = pa.Field(str_length={"min_value": 1}, description="Canonical English name.")
    acronym: String = pa.Field(nullable=True, description="Canonical acronym, if any.")
    aliases: Series[object] = list_field("Other names and acronyms seen in the texts, sorted.")
    headquartered_in_canada: Series[bool] = pa.Field(description="Listed as headquartered in Canada by a source whose subject is Canada.")
    in_registry: Series[bool] = pa.Field(description="False when the organization was read from a list but is not in the registry (see quality_issues).")

    @pa.check("aliases", name="list_of_strings")
    def aliases_are_lists(cls, aliases):
        return is_list_of_strings(aliases)

    class Config:
        name = "organizations"
        description = "One row per international organization the dataset mentions."
