"""Release notes written from the diff: schema changes, then rows added, removed and changed per table."""

from __future__ import annotations

from pipeline.release.diff import TableDiff

MAX_KEYS_LISTED = 40


def release_notes(version: str, previous: str | None, bump: str, diffs: list[TableDiff], code_version: str | None) -> str:
    lines = [f"# {version}", ""]
    lines.append(f"{'First release' if previous is None else f'{bump.upper()} release after {previous}'}; built from code {code_version or 'unknown'}.")
    lines += ["", "## Schema", ""]
    schema_lines = [line for d in diffs for line in _schema_lines(d)]
    lines += schema_lines or ["No schema changes."]
    lines += ["", "## Rows", ""]
    for d in diffs:
        if d.removed_table:
            lines.append(f"- `{d.table}`: table removed ({len(d.rows_removed)} rows)")
            continue
        if d.added_table:
            lines += [f"### {d.table} (new table, {len(d.rows_added)} rows)", ""]
            continue
        if not (d.rows_added or d.rows_removed or d.rows_changed):
            continue
        counts = f"+{len(d.rows_added)} −{len(d.rows_removed)} ~{len(d.rows_changed)}"
        lines.append(f"### {d.table} ({counts})")
        lines += _keys("added", d.rows_added) + _keys("removed", d.rows_removed)
        lines += _changed(d.rows_changed)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _schema_lines(d: TableDiff) -> list[str]:
    if d.added_table:
        return [f"- `{d.table}`: table added"]
    if d.removed_table:
        return [f"- `{d.table}`: table removed"]
    lines = [f"- `{d.table}`: column `{c}` added" for c in d.columns_added]
    lines += [f"- `{d.table}`: column `{c}` removed" for c in d.columns_removed]
    lines += [f"- `{d.table}`: column `{c}` changed type {a} → {b}" for c, a, b in d.columns_retyped]
    if d.columns_reordered:
        lines.append(f"- `{d.table}`: columns reordered")
    if d.key_changed:
        lines.append(f"- `{d.table}`: primary key changed {list(d.key_changed[0])} → {list(d.key_changed[1])}")
    return lines


def _key_text(key: tuple) -> str:
    return "(" + ", ".join("null" if v is None else str(v) for v in key) + ")"


def _keys(label: str, keys: list[tuple]) -> list[str]:
    if not keys:
        return []
    shown = ", ".join(_key_text(k) for k in keys[:MAX_KEYS_LISTED])
    more = f", and {len(keys) - MAX_KEYS_LISTED} more" if len(keys) > MAX_KEYS_LISTED else ""
    return [f"- {label}: {shown}{more}"]


def _changed(changed: list[tuple[tuple, list[str]]]) -> list[str]:
    if not changed:
        return []
    lines = [f"- changed: {_key_text(k)} in {', '.join(columns)}" for k, columns in changed[:MAX_KEYS_LISTED]]
    if len(changed) > MAX_KEYS_LISTED:
        lines.append(f"- and {len(changed) - MAX_KEYS_LISTED} more changed rows")
    return lines
