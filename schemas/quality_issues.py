"""quality_issues: everything the pipeline could not resolve or found inconsistent."""

import pandera.pandas as pa

from schemas._base import ContractModel, NullableInt, String


class QualityIssuesSchema(ContractModel):
    """What could not be resolved, never silently dropped. `line` is null only for whole-file issues."""

    issue_id: String = pa.Field(description="Stable id: source_id:line:table_name:kind[:n].")
    table_name: String = pa.Field(description="The table the issue concerns.")
    # No foreign key to sources: an issue may concern a file that was refused before it became a source.
    source_id: String = pa.Field(description="The raw document concerned.")
    line: NullableInt = pa.Field(nullable=True, ge=1, description="1-based raw line, null for whole-file issues.")
    kind: String = pa.Field(
        str_matches=r"^[a-z][a-z_]*$", description="unresolved_country, unparsed_date, conflict, unknown_status, ..."
    )
    detail: String = pa.Field(str_length={"min_value": 1}, description="What happened, in words.")

    class Config:
        name = "quality_issues"
        description = "Everything the pipeline could not resolve or found inconsistent."
        unique = ["issue_id"]
