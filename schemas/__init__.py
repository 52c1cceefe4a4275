"""The executable form of DATA_CONTRACT.md: one Pandera model per published table.

TABLES is the single list of what the dataset publishes, in order; the
pipeline, the publishers and the release tooling all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandera.pandas as pa

from schemas._base import Provenance
from schemas.bilateral_relations import BilateralRelationsSchema
from schemas.diplomatic_relations import DiplomaticRelationsSchema
from schemas.export_controls import ExportControlsSchema
from schemas.agreements import AgreementsSchema
from schemas.disputes import DisputesSchema
from schemas.envoys import EnvoysSchema
from schemas.funding import FundingSchema
from schemas.memberships import MembershipsSchema
from schemas.missions import MissionsSchema
from schemas.organizations import OrganizationsSchema
from schemas.quality_issues import QualityIssuesSchema
from schemas.sources import SourcesSchema


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: type[pa.DataFrameModel]
    primary_key: tuple[str, ...]
    foreign_keys: dict[str, str] = field(default_factory=dict)  # column -> "table.column"

    @cached_property
    def dataframe_schema(self) -> pa.DataFrameSchema:
        """The model as a DataFrameSchema, built once: DataFrameModel.validate rebuilds it on every call."""
        return self.schema.to_schema()

    @property
    def description(self) -> str:
        return self.schema.Config.description

    @property
    def columns(self) -> list[str]:
        """Contract order: the table's own columns first, provenance (source_id, line, evidence) last."""
        names = list(self.dataframe_schema.columns)
        if not issubclass(self.schema, Provenance):
            return names
        return [n for n in names if n not in PROVENANCE_COLUMNS] + [n for n in PROVENANCE_COLUMNS if n in names]


PROVENANCE_COLUMNS = ("source_id", "line", "evidence")
_FROM_SOURCE = {"source_id": "sources.source_id"}

TABLES: tuple[TableSpec, ...] = (
    TableSpec("sources", SourcesSchema, ("source_id",)),
    TableSpec("organizations", OrganizationsSchema, ("org_id",)),
    TableSpec("memberships", MembershipsSchema, ("country_code", "org_id", "source_id", "line"), {**_FROM_SOURCE, "org_id": "organizations.org_id"}),
    TableSpec("bilateral_relations", BilateralRelationsSchema, ("source_id", "line"), dict(_FROM_SOURCE)),
    TableSpec("diplomatic_relations", DiplomaticRelationsSchema, ("source_id", "line"), dict(_FROM_SOURCE)),
    TableSpec(
        "missions",
        MissionsSchema,
        ("source_id", "line", "sending_country_code", "city", "mission_type", "accredited_to"),
        {**_FROM_SOURCE, "accredited_to": "organizations.org_id"},
    ),
    TableSpec("envoys", EnvoysSchema, ("source_id", "line", "person", "role"), dict(_FROM_SOURCE)),
    TableSpec("agreements", AgreementsSchema, ("agreement_id", "source_id", "line"), dict(_FROM_SOURCE)),
    TableSpec("disputes", DisputesSchema, ("dispute_id", "source_id", "line"), {**_FROM_SOURCE, "resolution_body_org_id": "organizations.org_id"}),
    TableSpec("export_controls", ExportControlsSchema, ("source_id", "line", "list_name", "country_name"), dict(_FROM_SOURCE)),
    TableSpec("funding", FundingSchema, ("source_id", "line", "amount", "currency"), dict(_FROM_SOURCE)),
    # No foreign key: an issue may concern a file that was refused before it became a source.
    TableSpec("quality_issues", QualityIssuesSchema, ("issue_id",)),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}
