"""Metadata Dagster shows for a table: its column schema from the Pandera model, and frames as markdown.

The UI renders markdown through a sanitizer that drops anything shaped like an HTML tag, so a
value such as `<NA>` or a type such as `list<item: string>` would vanish from a table cell or a
changelog: text written as markdown here escapes its angle brackets outside code spans.
"""

import re

import dagster as dg
import pandas as pd

from schemas.arrow import arrow_schema

# A code span (`...`, ``...``) or fenced block: shown as written, so left as it is.
_CODE = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_ANGLE = re.compile(r"(?<!\\)([<>])")
_CELL_MARKUP = re.compile(r"[\\|<>]")


def column_schema(table_name: str) -> dg.TableSchema:
    schema = arrow_schema(table_name)
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                f.name,
                str(f.type),
                description=f.metadata[b"description"].decode(),
                constraints=dg.TableColumnConstraints(nullable=f.nullable),
            )
            for f in schema
        ]
    )


def escape_markup(text: str) -> str:
    """Markdown that renders as written: `<` and `>` outside code spans backslash-escaped (the UI drops tags)."""
    parts, start = [], 0
    for code in _CODE.finditer(text):
        parts += [_ANGLE.sub(r"\\\1", text[start : code.start()]), code.group()]
        start = code.end()
    return "".join(parts) + _ANGLE.sub(r"\\\1", text[start:])


def markdown_text(text: str) -> dg.MetadataValue:
    """Markdown metadata (a changelog, say) whose angle brackets survive the UI's sanitizer."""
    return dg.MetadataValue.md(escape_markup(text))


def markdown_table(frame: pd.DataFrame, limit: int | None = None) -> dg.MetadataValue:
    """A frame as a markdown table, written directly: tabulate takes a noticeable part of a rebuild for 1,000 rows."""
    if frame.empty:
        return dg.MetadataValue.md("none")
    shown = frame.head(limit) if limit else frame
    header = "| " + " | ".join(_cell(c) for c in shown.columns) + " |\n|" + "---|" * len(shown.columns) + "\n"
    body = "".join("| " + " | ".join(_cell(v) for v in row) + " |\n" for row in shown.itertuples(index=False))
    more = f"\n{len(frame) - limit} more rows not shown\n" if limit and len(frame) > limit else ""
    return dg.MetadataValue.md(header + body + more)


def _cell(value) -> str:
    """A table cell as written: empty for a missing value (pandas would print `<NA>`), one line, markup escaped."""
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():  # a line number in a column with nulls: 12, not 12.0
        value = int(value)
    return _CELL_MARKUP.sub(lambda found: "\\" + found.group(), " ".join(str(value).splitlines()))


def counted(number: int, noun: str) -> str:
    """`1 file`, `5 files`, `1,050 rows`: counts in the lines a build prints."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def failures_markdown(failures: pd.DataFrame, limit: int = 20) -> dg.MetadataValue:
    return markdown_table(failures, limit)
