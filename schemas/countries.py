"""countries: the reference table (not extracted) of every country code any table uses.

Built across documents (pipeline.assemble) from the codes in every column that references
`countries.country_code`, with reference data from pipeline/knowledge/countries.csv
(world-countries and pycountry; pipeline.knowledge.reference_sources() names the versions).
A code with no reference data fails the build, naming the code and where it is used.
Added to the contract's columns: `is_user_assigned` (named by the contract in the key's description).
"""

import re

import pandera.pandas as pa

from schemas._base import ISO3_PATTERN, ContractModel, NullableBool, String, row_check

# The alpha-3 ranges ISO 3166-1 leaves to its users (AAA-AAZ, QMA-QZZ, XAA-XZZ, ZZA-ZZZ): Kosovo's XKX is one.
USER_ASSIGNED_PATTERN = r"^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z][A-Z]|ZZ[A-Z])$"


class CountriesSchema(ContractModel):
    """Names, region and subregion of every country code the tables use, from maintained datasets."""

    country_code: String = pa.Field(
        str_matches=ISO3_PATTERN,
        description="ISO 3166-1 alpha-3 code; ISO 3166-3 for a state that no longer exists (SUN); "
        "a user-assigned code (Kosovo's XKX) marked by is_user_assigned.",
    )
    alpha_2: String = pa.Field(
        str_matches=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code; for a historical code the one the state had, which ISO may have given "
        "again since (SU, CS).",
    )
    name: String = pa.Field(
        str_length={"min_value": 1},
        description="The common English name the dataset shows beside the code ('Russia', 'South Korea').",
    )
    official_name: String = pa.Field(
        str_length={"min_value": 1},
        description="ISO's full name where it gives one ('United States of America'), else its name ('Canada'); "
        "for a historical code the ISO 3166-3 name; Kosovo's from world-countries.",
    )
    region: String = pa.Field(
        nullable=True,
        description="Region (Africa, Americas, Antarctic, Asia, Europe, Oceania) from world-countries; "
        "null for a historical code, which the dataset does not cover.",
    )
    subregion: String = pa.Field(
        nullable=True,
        description="Subregion ('North America', 'Eastern Europe') from world-countries; null where it gives none.",
    )
    # The nullable boolean dtype, so that a missing value fails `not_nullable` instead of being coerced to False.
    historical: NullableBool = pa.Field(
        nullable=False, description="True for the code of a state that no longer exists (ISO 3166-3)."
    )
    is_user_assigned: NullableBool = pa.Field(
        nullable=False,
        description="True for a code in a range ISO 3166-1 leaves to its users, not assigned by ISO (XKX).",
    )

    @row_check("is_user_assigned_matches_the_code")
    def user_assigned_matches_the_code(cls, df):
        """A code is marked user-assigned exactly when it lies in one of ISO's user-assigned ranges."""
        in_range = [bool(_USER_ASSIGNED.match(code)) for code in df["country_code"].tolist()]
        return df["is_user_assigned"] == in_range

    class Config:
        name = "countries"
        description = (
            "Reference table (not extracted): one row per country code any table uses, with its names, region and "
            "subregion from maintained datasets (world-countries, pycountry)."
        )
        unique = ["country_code"]


_USER_ASSIGNED = re.compile(USER_ASSIGNED_PATTERN)
