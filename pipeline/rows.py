"""Rows per table: what documents contribute, and what only the whole corpus can give.

Eleven of the thirteen tables are *document tables*: each row comes from exactly
one document and its key includes `source_id` (a quality issue's id starts
with it). They are kept per document, so a rebuild replaces only the rows of
documents that changed (pipeline.state). What is built across documents,
from the whole, is `organizations` (from every document's mentions, listings
and memberships), `countries` (reference data for every country code the
document tables use) and the `conflict` rows of `quality_issues` (a membership
date one source gives and another contradicts). Extractors hand the inputs of
`organizations` over in *private tables* (names starting with '_'), kept per
document like the others.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import islice

import pandas as pd

from pipeline.extract import DocumentResult
from pipeline.extract.base import Issue, Row
from pipeline.knowledge import CountryReference, country_references
from pipeline.resolve.countries import display_name, home_country
from pipeline.resolve.organizations import registry
from schemas import TABLES, TABLES_BY_NAME
from schemas.dates import at_common_precision

CROSS_DOCUMENT_TABLES = ("organizations", "countries")
DOCUMENT_TABLES = tuple(spec.name for spec in TABLES if spec.name not in CROSS_DOCUMENT_TABLES)
# Columns of the private tables; every one carries source_id, so a document's rows can be replaced.
PRIVATE_TABLES: dict[str, tuple[str, ...]] = {
    "_organization_mentions": ("org_id", "text", "source_id", "line"),
    "_organizations_unregistered": ("org_id", "name", "acronym", "source_id", "line"),
    "_headquarters": ("org_id", "country_code", "source_id", "line"),
}
# The one kind of issue found across documents; no extractor reports it, so its ids never meet a document's.
CONFLICT = ("memberships", "conflict")
# What the cross-document tables read from the memberships table.
MEMBERSHIP_COLUMNS = ("country_code", "org_id", "since", "source_id", "line")


def document_rows(results: Iterable[DocumentResult]) -> dict[str, list[Row]]:
    """The rows these documents contribute, per document table and private table, in source_id order."""
    rows: dict[str, list[Row]] = {name: [] for name in (*DOCUMENT_TABLES, *PRIVATE_TABLES)}
    issues: list[Issue] = []
    for result in sorted(results, key=lambda r: r.source_id):
        if result.source is not None:
            rows["sources"].append(result.source)
        for table, table_rows in result.extraction.rows.items():
            rows[table].extend(table_rows)
        issues.extend(result.extraction.issues)
    if any((issue.table_name, issue.kind) == CONFLICT for issue in issues):
        raise ValueError(f"extractors must not report {CONFLICT}: those issues are found across documents")
    rows["quality_issues"] = quality_issue_rows(issues)
    return rows


def rows_frame(table_name: str, rows: list[Row]) -> pd.DataFrame:
    """Rows as a frame in contract column order, values as extracted (validation coerces them)."""
    return pd.DataFrame(rows, columns=TABLES_BY_NAME[table_name].columns).astype(object)


def cross_document_rows(rows: Mapping[str, list[Row]]) -> dict[str, list[Row]]:
    """The organizations table and the conflict rows of quality_issues, from every document's rows.

    `rows` needs the private tables and, for memberships, at least MEMBERSHIP_COLUMNS.
    """
    return {
        "organizations": organizations_rows(rows),
        "quality_issues": quality_issue_rows(membership_conflicts(rows["memberships"])),
    }


def organizations_rows(rows: Mapping[str, list[Row]]) -> list[Row]:
    known = registry()
    spellings: dict[str, set[str]] = defaultdict(set)
    for mention in rows["_organization_mentions"]:
        spellings[mention["org_id"]].add(mention["text"])
    unregistered: dict[str, Row] = {}
    for row in sorted(
        rows["_organizations_unregistered"],
        key=lambda r: (r["source_id"], r["line"], r["org_id"], r["name"], r["acronym"] or ""),
    ):
        if row["org_id"] not in known:
            unregistered.setdefault(row["org_id"], row)
    headquartered = {row["org_id"] for row in rows["_headquarters"] if row["country_code"] == home_country().code}
    used = set(spellings) | {r["org_id"] for r in rows["memberships"]} | set(unregistered) | headquartered
    result = []
    for org_id in sorted(used):
        if org_id in known:
            organization = known[org_id]
            name, acronym = organization.name, organization.acronym
        else:
            name, acronym = unregistered[org_id]["name"], unregistered[org_id]["acronym"]
        aliases = sorted(s for s in spellings.get(org_id, ()) if s not in (name, acronym))
        result.append(
            {
                "org_id": org_id,
                "name": name,
                "acronym": acronym,
                "aliases": aliases,
                "headquartered_in_canada": org_id in headquartered,
                "in_registry": org_id in known,
            }
        )
    return result


def countries_rows(codes: Iterable[str]) -> list[Row]:
    """One row per code that has reference data (pipeline/knowledge/countries.csv), in code order.

    A code without any is left out here; the caller reports it (see codes_without_reference). The name is the
    display name the dataset shows everywhere, so a code reads the same in every table and here.
    """
    references = country_references()
    return [_country_row(references[code]) for code in sorted(set(codes)) if code in references]


def codes_without_reference(codes: Iterable[str]) -> list[str]:
    """The codes countries_rows leaves out: no row in pipeline/knowledge/countries.csv."""
    return sorted(set(codes) - set(country_references()))


def _country_row(reference: CountryReference) -> Row:
    return {
        "country_code": reference.code,
        "alpha_2": reference.alpha_2,
        "name": display_name(reference.code),
        "official_name": reference.official_name,
        "region": reference.region,
        "subregion": reference.subregion,
        "historical": reference.historical,
        "is_user_assigned": reference.is_user_assigned,
    }


def membership_conflicts(memberships: list[Row]) -> list[Issue]:
    """One issue per row whose start date disagrees with another source's for the same country and organization.

    Compares each row with the distinct dates stated for its pair, not with every other row, so a claim
    repeated by many documents costs one comparison per distinct date; a row's message names three of the
    rows that disagree and counts the rest per source, without a scan of them all for every row. Rows are
    taken in (source_id, line) order, so the sources an issue names do not depend on the order documents
    were rebuilt in.
    """
    by_pair: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in sorted((r for r in memberships if r["since"]), key=lambda r: (r["source_id"], r["line"])):
        by_pair[(row["country_code"], row["org_id"])][row["since"]].append(row)
    issues = []
    for (country, org_id), by_date in sorted(by_pair.items()):
        for since, rows in sorted(by_date.items()):
            disagreeing = [
                r for other, others in sorted(by_date.items()) if not _compatible(other, since) for r in others
            ]
            per_source = Counter(r["source_id"] for r in disagreeing)
            for row in rows:
                count = len(disagreeing) - per_source[row["source_id"]]  # the rows of other sources that disagree
                if count:
                    named = islice((o for o in disagreeing if o["source_id"] != row["source_id"]), 3)
                    said = "; ".join(f"{o['source_id']} line {o['line']} says {o['since']}" for o in named)
                    more = f"; and {count - 3} more" if count > 3 else ""
                    issues.append(
                        Issue(
                            "memberships",
                            row["source_id"],
                            row["line"],
                            "conflict",
                            f"{country} in {org_id} since {since} here, but {said}{more}",
                        )
                    )
    return issues


def _compatible(a: str, b: str) -> bool:
    """Two dates agree when they are equal at the coarser of their two precisions ('1958' and '1958-05' agree)."""
    first, second = at_common_precision(a, b)
    return first == second


def quality_issue_rows(issues: list[Issue]) -> list[Row]:
    """Issues with stable ids: source, line, table and kind, numbered when one line has several.

    Every id starts with its source_id, so ids numbered one document at a time are the ids the
    whole would give: a rebuild renumbers only the documents it extracts.
    """
    ordered = sorted(set(issues), key=lambda i: (i.source_id, i.line or 0, i.table_name, i.kind, i.detail))
    counts: dict[str, int] = defaultdict(int)
    result = []
    for issue in ordered:
        base = f"{issue.source_id}:{issue.line or 0:05d}:{issue.table_name}:{issue.kind}"
        counts[base] += 1
        issue_id = base if counts[base] == 1 else f"{base}:{counts[base]:03d}"
        result.append(
            {
                "issue_id": issue_id,
                "table_name": issue.table_name,
                "source_id": issue.source_id,
                "line": issue.line,
                "kind": issue.kind,
                "detail": issue.detail,
            }
        )
    return result
