"""Combine per-document results into one DataFrame per published table.

This is the only place that looks across documents: it builds the
organizations table from every document's mentions, records conflicts
between sources, gives quality issues their stable ids, and sorts every
table by its primary key so the published bytes are deterministic.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from pipeline.extract import DocumentResult
from pipeline.extract.base import Issue, Row
from pipeline.resolve.organizations import registry
from schemas import TABLES, TABLES_BY_NAME


def combine(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[Row]] = defaultdict(list)
    issues: list[Issue] = []
    for result in sorted(results, key=lambda r: r.source_id):
        if result.source is not None:
            rows["sources"].append(result.source)
        for table, table_rows in result.extraction.rows.items():
            rows[table].extend(table_rows)
        issues.extend(result.extraction.issues)
    rows["organizations"] = organizations_rows(rows)
    issues.extend(membership_conflicts(rows["memberships"]))
    rows["quality_issues"] = quality_issue_rows(issues)
    return {table.name: to_frame(table.name, rows[table.name]) for table in TABLES}


def to_frame(table_name: str, rows: list[Row]) -> pd.DataFrame:
    """Rows in contract column order, sorted by primary key (duplicate keys are left for validation to report)."""
    spec = TABLES_BY_NAME[table_name]
    frame = pd.DataFrame(rows, columns=spec.columns).astype(object)
    frame = frame.sort_values(list(spec.primary_key), kind="mergesort", na_position="last")
    return frame.reset_index(drop=True)


def organizations_rows(rows: dict[str, list[Row]]) -> list[Row]:
    known = registry()
    spellings: dict[str, set[str]] = defaultdict(set)
    for mention in rows.get("_organization_mentions", []):
        spellings[mention["org_id"]].add(mention["text"])
    unregistered: dict[str, Row] = {}
    for row in sorted(rows.get("_organizations_unregistered", []), key=lambda r: (r["source_id"], r["line"])):
        if row["org_id"] not in known:
            unregistered.setdefault(row["org_id"], row)
    headquartered = {row["org_id"] for row in rows.get("_headquarters", []) if row["country_code"] == "CAN"}
    used = set(spellings) | {r["org_id"] for r in rows.get("memberships", [])} | set(unregistered) | headquartered
    result = []
    for org_id in sorted(used):
        if org_id in known:
            organization = known[org_id]
            name, acronym = organization.name, organization.acronym
        else:
            name, acronym = unregistered[org_id]["name"], unregistered[org_id]["acronym"]
        aliases = sorted(s for s in spellings.get(org_id, ()) if s not in (name, acronym))
        result.append({"org_id": org_id, "name": name, "acronym": acronym, "aliases": aliases, "headquartered_in_canada": org_id in headquartered, "in_registry": org_id in known})
    return result


def membership_conflicts(memberships: list[Row]) -> list[Issue]:
    """One issue per row whose start date disagrees with another source's for the same country and organization.

    Compares each row with the distinct dates stated for its pair, not with every other row, so a claim
    repeated by many documents costs one comparison per distinct date.
    """
    by_pair: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in memberships:
        if row["since"]:
            by_pair[(row["country_code"], row["org_id"])][row["since"]].append(row)
    issues = []
    for (country, org_id), by_date in sorted(by_pair.items()):
        for since, rows in sorted(by_date.items()):
            disagreeing = [r for other, others in sorted(by_date.items()) if not _compatible(other, since) for r in others]
            for row in rows:
                others = [o for o in disagreeing if o["source_id"] != row["source_id"]]
                if others:
                    said = "; ".join(f"{o['source_id']} line {o['line']} says {o['since']}" for o in others[:3])
                    more = f"; and {len(others) - 3} more" if len(others) > 3 else ""
                    issues.append(Issue("memberships", row["source_id"], row["line"], "conflict", f"{country} in {org_id} since {since} here, but {said}{more}"))
    return issues


def _compatible(a: str, b: str) -> bool:
    """Two dates agree when they are equal at the coarser of their two precisions ('1958' and '1958-05' agree)."""
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def quality_issue_rows(issues: list[Issue]) -> list[Row]:
    ordered = sorted(set(issues), key=lambda i: (i.source_id, i.line or 0, i.table_name, i.kind, i.detail))
    counts: dict[str, int] = defaultdict(int)
    result = []
    for issue in ordered:
        base = f"{issue.source_id}:{issue.line or 0:05d}:{issue.table_name}:{issue.kind}"
        counts[base] += 1
        issue_id = base if counts[base] == 1 else f"{base}:{counts[base]:03d}"
        result.append({"issue_id": issue_id, "table_name": issue.table_name, "source_id": issue.source_id, "line": issue.line, "kind": issue.kind, "detail": issue.detail})
    return result
