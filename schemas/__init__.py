"""The executable form of the data contract: one Pandera model per published table, and the list of them.

Everything about a table is declared once, in its model: the columns, their
types, nullability, vocabularies and descriptions (Fields), the primary key
(`Config.unique`), foreign keys (a Field's `references` metadata), the
table's name and description (`Config`). TableSpec only reads them, and
every consumer (extractors, validation, Arrow and Parquet, DuckDB, the
datapackage, the data dictionary, Dagster's column schema) goes through
TableSpec. Adding a table is adding its model to MODELS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandera.pandas as pa

import schemas._pandera  # noqa: F401  (first: Pandera without its Dask types, see the module)
from schemas._base import ContractModel, Provenance
from schemas.agreements import AgreementsSchema
from schemas.bilateral_relations import BilateralRelationsSchema
from schemas.countries import CountriesSchema
from schemas.diplomatic_relations import DiplomaticRelationsSchema
from schemas.disputes import DisputesSchema
from schemas.envoys import EnvoysSchema
from schemas.export_controls import ExportControlsSchema
from schemas.funding import FundingSchema
from schemas.memberships import MembershipsSchema
from schemas.missions import MissionsSchema
from schemas.organizations import OrganizationsSchema
from schemas.quality_issues import QualityIssuesSchema
from schemas.sources import SourcesSchema

PROVENANCE_COLUMNS = ("source_id", "line", "evidence")


@dataclass(frozen=True)
class TableSpec:
    """A published table as its model declares it."""

    schema: type[ContractModel]

    @cached_property
    def name(self) -> str:
        return self.schema.Config.name

    @cached_property
    def description(self) -> str:
        return self.schema.Config.description

    @cached_property
    def primary_key(self) -> tuple[str, ...]:
        """The key rows are unique on and sorted by: the model's Config.unique."""
        return tuple(self.schema.Config.unique)

    @cached_property
    def dataframe_schema(self) -> pa.DataFrameSchema:
        """The model as a DataFrameSchema, built once: DataFrameModel.validate rebuilds it on every call."""
        return self.schema.to_schema()

    @cached_property
    def foreign_keys(self) -> dict[str, str]:
        """{column: "table.column"} from each Field's `references` metadata."""
        columns = self.dataframe_schema.columns
        return {
            name: columns[name].metadata["references"]
            for name in self.columns
            if "references" in (columns[name].metadata or {})
        }

    @cached_property
    def item_foreign_keys(self) -> dict[str, str]:
        """{list column: "table.column"} whose every item is a key of another table (a Field's `item_references`)."""
        columns = self.dataframe_schema.columns
        return {
            name: columns[name].metadata["item_references"]
            for name in self.columns
            if "item_references" in (columns[name].metadata or {})
        }

    def columns_referencing(self, target: str) -> list[str]:
        """The columns whose values, or whose list items, are keys of `target` ("table.column"), in column order."""
        references = self.foreign_keys | self.item_foreign_keys
        return [name for name in self.columns if references.get(name) == target]

    @cached_property
    def columns(self) -> list[str]:
        """Contract order: the table's own columns first, provenance (source_id, line, evidence) last."""
        names = list(self.dataframe_schema.columns)
        if not issubclass(self.schema, Provenance):
            return names
        return [n for n in names if n not in PROVENANCE_COLUMNS] + [n for n in PROVENANCE_COLUMNS if n in names]

    def description_of(self, column: str) -> str:
        return self.dataframe_schema.columns[column].description or ""


MODELS: tuple[type[ContractModel], ...] = (
    SourcesSchema,
    OrganizationsSchema,
    CountriesSchema,
    MembershipsSchema,
    BilateralRelationsSchema,
    DiplomaticRelationsSchema,
    MissionsSchema,
    EnvoysSchema,
    AgreementsSchema,
    DisputesSchema,
    ExportControlsSchema,
    FundingSchema,
    QualityIssuesSchema,
)

TABLES: tuple[TableSpec, ...] = tuple(TableSpec(model) for model in MODELS)
TABLES_BY_NAME = {table.name: table for table in TABLES}
