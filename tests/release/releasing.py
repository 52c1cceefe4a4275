"""Helpers for release tests: the real tables changed the way a new build would change them, and a release folder
edited the way someone altering it by hand would (then re-listed, so that only the checks beyond hashes see it)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.publish.files import sha256_file
from pipeline.publish.parquet import arrow_parquet_bytes
from pipeline.release.releases import checksums, file_facts

UN_MEMBERSHIP = ("CAN", "un", "foreign-relations-of-canada", 9)  # since 1945 in the real tables


def without_document(tables: dict, source_id: str = "canada-and-the-americas") -> dict:
    """The tables as if a document had been removed: its sources row and every row read from it (pandas or Arrow)."""
    if all(isinstance(t, pa.Table) for t in tables.values()):
        return {
            n: t.filter(pc.not_equal(t["source_id"], source_id)) if "source_id" in t.schema.names else t
            for n, t in tables.items()
        }
    return {
        name: frame[frame.source_id != source_id] if "source_id" in frame else frame for name, frame in tables.items()
    }


def with_un_since(arrow_tables: dict, since: str) -> dict:
    """The tables with the year Canada joined the UN (1945 in the sources) set to `since`."""
    members = arrow_tables["memberships"]
    columns = ("country_code", "org_id", "source_id", "line")
    is_un = pc.and_(*[pc.equal(members[c], v) for c, v in zip(columns[:2], UN_MEMBERSHIP[:2], strict=True)])
    is_un = pc.and_(
        is_un, pc.and_(*[pc.equal(members[c], v) for c, v in zip(columns[2:], UN_MEMBERSHIP[2:], strict=True)])
    )
    column = pc.if_else(is_un, pa.scalar(since, pa.string()), members["since"])
    index = members.schema.get_field_index("since")
    return {**arrow_tables, "memberships": members.set_column(index, members.schema.field(index), column)}


def rewrite_table(folder: Path, table: pa.Table, name: str) -> None:
    """A table file rewritten with the release writer, as a careful editor of a release would."""
    (folder / f"{name}.parquet").write_bytes(arrow_parquet_bytes(table))


def relist(folder: Path) -> None:
    """manifest.json and SHA256SUMS rewritten to match the folder as it now is: an edit hidden from every hash."""
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"] = file_facts(folder)
    for facts in manifest["tables"].values():
        facts["sha256"] = manifest["files"][facts["file"]]["sha256"]
        facts["bytes"] = manifest["files"][facts["file"]]["bytes"]
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    rehash(folder)


def rehash(folder: Path) -> None:
    """SHA256SUMS rewritten from the folder's files, as `sha256sum * > SHA256SUMS` would."""
    (folder / "SHA256SUMS").write_text(checksums(folder))


def without_line(folder: Path, name: str) -> None:
    lines = (folder / "SHA256SUMS").read_text().splitlines(keepends=True)
    (folder / "SHA256SUMS").write_text("".join(line for line in lines if not line.rstrip("\n").endswith(f"  {name}")))


def manifest_sha256(folder: Path) -> str:
    return sha256_file(folder / "manifest.json")
