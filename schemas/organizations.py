"""organizations: one row per international organization the dataset mentions."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import SLUG_PATTERN, ContractModel, String, list_field


class OrganizationsSchema(ContractModel):
    """International organizations named in the texts, with canonical names from the registry."""

    org_id: String = pa.Field(
        str_matches=SLUG_PATTERN, description="Stable lowercase slug, from the acronym where there is one."
    )
    name: String = pa.Field(str_length={"min_value": 1}, description="Canonical English name.")
    acronym: String = pa.Field(nullable=True, description="Canonical acronym, if any.")
    aliases: Series[object] = list_field("Other names and acronyms seen in the texts, sorted.")
    headquartered_in_canada: Series[bool] = pa.Field(
        description="Listed as headquartered in Canada by a source whose subject is Canada."
    )
    in_registry: Series[bool] = pa.Field(
        description="False when the organization was read from a list but is not in the registry (see quality_issues)."
    )

    class Config:
        name = "organizations"
        description = "One row per international organization the dataset mentions."
        unique = ["org_id"]
