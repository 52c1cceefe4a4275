"""funding: monetary figures, one row per figure per statement."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas._base import Evidence, String, row_check, vocabulary
from schemas.vocabularies import CURRENCY_SOURCES


class FundingSchema(Evidence):
    """Amounts of money stated in the texts, in units of their currency (9.7 billion is 9700000000)."""

    amount: Series[float] = pa.Field(
        ge=0, description="The figure in currency units; for a range ('$2 to $3 billion'), its low bound."
    )
    amount_raw: String = pa.Field(
        str_length={"min_value": 1},
        description="The figure as written, escapes included ('CAD$9.6 billion', 'US$7.4 billion').",
    )
    amount_qualifier: String = pa.Field(
        nullable=True,
        description="A hedge written before the figure: 'approximately', 'more than', 'up to'; 'between' for a range, "
        "whose whole text is in amount_raw ('about; between' when hedged).",
    )
    currency: String = pa.Field(
        nullable=True,
        iso4217_currency=(),
        description="ISO 4217 code; null when neither the figure nor the document states the currency.",
    )
    currency_resolved_from: String = vocabulary(
        CURRENCY_SOURCES,
        "'amount' when written with the figure ('US$'), 'document' when set by a note such as "
        "'* Figures are in Canadian dollars' or 'Unless noted otherwise, all figures are in Canadian dollars', "
        "'note' when set by the note of a footnote marker the figure carries ('$5.9 billion†' with '† In US dollars').",
        nullable=True,
    )
    is_conversion: Series[bool] = pa.Field(
        description="True for a figure in parentheses that restates the one before it in another currency "
        "('CAD$9.6 billion (US$7.4 billion)'); leave these out when summing."
    )
    period_raw: String = pa.Field(
        nullable=True,
        description="The time the figure covers, as written ('Since 2022', 'In the 2023-2024 fiscal year', 'over "
        "twenty years').",
    )
    purpose: String = pa.Field(
        nullable=True,
        description="What the money is for, as written ('foreign aid', 'multifaceted support to Ukraine').",
    )

    @row_check("currency_and_its_source_together")
    def currency_has_source(cls, df):
        return df["currency"].isna() == df["currency_resolved_from"].isna()

    class Config:
        name = "funding"
        description = "Monetary figures, one row per figure per statement."
        unique = ["source_id", "line", "amount", "currency"]
