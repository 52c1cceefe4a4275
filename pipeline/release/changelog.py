"""Release notes written from the diff: schema changes, then rows added, removed and changed per table.

One function writes them, both for a release being cut (its CHANGELOG.md) and for `canada-relations diff`
between two releases, so the two cannot drift apart: what a release's notes say is what `diff` prints for
the same pair of releases. Rows are shown with their values, since a key alone does not say what changed.
"""

from __future__ import annotations

import json

from pipeline.release.diff import Change, Row, TableDiff, bump_of

MAX_ROWS_LISTED = 25  # per table and per kind (added, removed, changed); a count stands for the rest


def release_notes(version: str, previous: str | None, diffs: list[TableDiff], code_version: str | None) -> str:
    """The notes of `version` after `previous`; the bump comes from the diffs, as the version did."""
    lines = [f"# {version}", "", _summary(previous, bump_of(diffs), code_version), "", "## Schema", ""]
    lines += [line for d in diffs for line in _schema_lines(d)] or ["No schema changes."]
    lines += ["", "## Rows", ""]
    for d in diffs:
        lines += _rows_section(d)
    return "\n".join(lines).rstrip() + "\n"


def _summary(previous: str | None, bump: str | None, code_version: str | None) -> str:
    code = f"built from code {code_version or 'unknown'}"
    if previous is None:
        return f"First release; {code}."
    if bump is None:
        return f"No changes from {previous}; {code}."
    return f"{bump.upper()} release after {previous}; {code}."


def _schema_lines(d: TableDiff) -> list[str]:
    if d.added_table:
        return [f"- `{d.table}`: table added"]
    if d.removed_table:
        return [f"- `{d.table}`: table removed"]
    lines = [f"- `{d.table}`: column `{c}` added" for c in d.columns_added]
    lines += [f"- `{d.table}`: column `{c}` removed" for c in d.columns_removed]
    lines += [f"- `{d.table}`: column `{c}` changed type {a} → {b}" for c, a, b in d.columns_retyped]
    if d.columns_reordered:
        old, new = d.columns_reordered
        lines.append(f"- `{d.table}`: columns reordered: {', '.join(old)} → {', '.join(new)}")
    if d.key_changed:
        lines.append(f"- `{d.table}`: primary key changed {list(d.key_changed[0])} → {list(d.key_changed[1])}")
    return lines


def _rows_section(d: TableDiff) -> list[str]:
    """A new or removed table is counted, not listed: every row of it is new or gone."""
    if d.removed_table:
        return [f"- `{d.table}`: table removed ({len(d.rows_removed)} rows)"]
    if d.added_table:
        return [f"### {d.table} (new table, {len(d.rows_added)} rows)", ""]
    if not (d.rows_added or d.rows_removed or d.rows_changed):
        return []
    lines = [f"### {d.table} (+{len(d.rows_added)} −{len(d.rows_removed)} ~{len(d.rows_changed)})", ""]
    lines += _listed("added", [_row_line("added", d, row) for row in d.rows_added])
    lines += _listed("removed", [_row_line("removed", d, row) for row in d.rows_removed])
    lines += _listed("changed", [_change_line(change) for change in d.rows_changed])
    return lines + [""]


def _listed(kind: str, lines: list[str]) -> list[str]:
    if len(lines) <= MAX_ROWS_LISTED:
        return lines
    return lines[:MAX_ROWS_LISTED] + [f"- and {len(lines) - MAX_ROWS_LISTED} more {kind} rows"]


def _row_line(label: str, d: TableDiff, row: Row) -> str:
    """The whole row: its key, then every other column with its value."""
    key, values = row
    if d.table == "quality_issues":
        return f"- {label}: {_issue_text(values)}"
    shown = ", ".join(f"{c} {_value(v)}" for c, v in values.items() if c not in d.primary_key)
    return f"- {label}: {' '.join(filter(None, (_key_text(key), shown)))}"


def _issue_text(issue: dict) -> str:
    """A quality issue as a reader wants it: what kind, where, and the message, before the id."""
    line = issue.get("line")
    source = f"{issue.get('source_id')} line {line}" if line is not None else issue.get("source_id")
    where = ", ".join(str(part) for part in (issue.get("table_name"), source) if part is not None)
    return f"{issue.get('kind')} ({where}): {issue.get('detail')} [{issue.get('issue_id')}]"


def _change_line(change: Change) -> str:
    key, columns = change
    shown = "; ".join(f"{c} {_value(old)} → {_value(new)}" for c, (old, new) in columns.items())
    return f"- changed: {_key_text(key)} {shown}"


def _key_text(key: tuple) -> str:
    return "(" + ", ".join("null" if v is None else str(v) for v in key) + ")"


def _value(value) -> str:
    """JSON's spelling: strings quoted (so a trailing space or an empty string shows), null, true, [..]."""
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)
