"""Metadata Dagster shows for a table: its column schema from the Pandera model and its row count."""


import dagster as dg
import pandas as pd

from pipeline.publish.arrow import arrow_schema


def column_schema(table_name: str) -> dg.TableSchema:
    schema = arrow_schema(table_name)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(f.name, str(f.type), description=f.metadata[b"description"].decode(), constraints=dg.TableColumnConstraints(nullable=f.nullable))
            for f in schema
        ]
    )


def failures_markdown(failures: pd.DataFrame, limit: int = 20) -> dg.MetadataValue:
    shown = failures.head(limit).astype(str)
    header = "| " + " | ".join(shown.columns) + " |\n|" + "---|" * len(shown.columns) + "\n"
    body = "".join("| " + " | ".join(v.replace("|", "\\|") for v in row) + " |\n" for row in shown.itertuples(index=False))
    return dg.MetadataValue.md(header + body)
