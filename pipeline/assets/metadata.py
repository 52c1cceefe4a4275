"""Metadata Dagster shows for a table: its column schema from the Pandera model, and frames as markdown."""


import dagster as dg
import pandas as pd

from schemas.arrow import arrow_schema


def column_schema(table_name: str) -> dg.TableSchema:
    schema = arrow_schema(table_name)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(f.name, str(f.type), description=f.metadata[b"description"].decode(), constraints=dg.TableColumnConstraints(nullable=f.nullable))
            for f in schema
        ]
    )


def markdown_table(frame: pd.DataFrame, limit: int | None = None) -> dg.MetadataValue:
    """A frame as a markdown table, written directly: tabulate takes a noticeable part of a rebuild for 1,000 rows."""
    if frame.empty:
        return dg.MetadataValue.md("none")
    shown = (frame.head(limit) if limit else frame).astype(str)
    header = "| " + " | ".join(shown.columns) + " |\n|" + "---|" * len(shown.columns) + "\n"
    body = "".join("| " + " | ".join(v.replace("|", "\\|") for v in row) + " |\n" for row in shown.itertuples(index=False))
    more = f"\n{len(frame) - limit} more rows not shown\n" if limit and len(frame) > limit else ""
    return dg.MetadataValue.md(header + body + more)


def failures_markdown(failures: pd.DataFrame, limit: int = 20) -> dg.MetadataValue:
    return markdown_table(failures, limit)
