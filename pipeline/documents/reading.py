"""Reading raw files: bytes, checksums, decoding and the sources manifest.

Decoding is explicit: UTF-8 with or without a byte order mark is accepted and
anything else is rejected with the file and line of the first bad byte, so a
text is never silently mangled.
"""

from __future__ import annotations

import csv
import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "sources.csv"
# The largest real source is 26 KB; extraction costs about 2 s per MB. A file over this
# size is a dump or a mistake, and is rejected rather than stalling every build.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MANIFEST_COLUMNS = ("source_id", "file_name", "title", "publisher", "document_format")  # required
# Optional manifest columns saying where a document came from, published in `sources` as given (empty: unknown).
PROVENANCE_COLUMNS = ("url", "retrieved", "revision")
RAW_SUFFIXES = (".txt",)


class RawInputError(ValueError):
    """A raw file that cannot be read as text; the message names the file and line."""


@dataclass(frozen=True)
class RawDocument:
    source_id: str
    file_name: str
    data: bytes
    sha256: str
    manifest: dict[str, str] | None
    rejection: str | None = None  # set when the file was refused before its bytes could be trusted

    @property
    def bytes(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class ListedDocument:
    """A raw file as a build lists it: everything that identifies it (see pipeline.state.document_key), not its bytes.

    A build reads every file to list it, but extracts only the new and changed ones; the listing is what the
    other steps share, so a 5,000-file build does not pass 60 MB of unchanged bytes from step to step.
    """

    source_id: str
    file_name: str
    sha256: str
    manifest: dict[str, str] | None
    rejection: str | None
    bytes: int

    @classmethod
    def of(cls, raw: RawDocument) -> ListedDocument:
        return cls(raw.source_id, raw.file_name, raw.sha256, raw.manifest, raw.rejection, raw.bytes)


@dataclass(frozen=True)
class DecodedText:
    lines: list[str]
    had_bom: bool
    final_newline: bool


_NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """A stable lowercase slug: accents folded, anything else but letters and digits becomes '-'."""
    folded = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_IN_SLUG.sub("-", folded.lower()).strip("-") or "document"


def source_id_for(file_name: str) -> str:
    """The file name without its suffix (Path.stem's rule, without making a Path per name), as a slug."""
    dot = file_name.rfind(".")
    return slugify(file_name[:dot] if 0 < dot < len(file_name) - 1 else file_name)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, file_name: str) -> DecodedText:
    """Split raw bytes into lines numbered as an editor shows them: CRLF, LF and a lone CR (old Mac files) each end
    one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RawInputError(
            f"{file_name}:1: UTF-16 text (byte order mark {data[:2].hex()}); only UTF-8 is accepted, save the file as "
            f"UTF-8"
        )
    had_bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if had_bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if had_bom else 0)
        line = len(_LINE_END.findall(data[:offset].decode("utf-8", "replace"))) + 1
        raise RawInputError(
            f"{file_name}:{line}: not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = len(_LINE_END.findall(text[: text.index("\x00")])) + 1
        raise RawInputError(
            f"{file_name}:{line}: contains NUL characters; this is binary data or UTF-16, not UTF-8 text"
        )
    if not text:
        return DecodedText([], had_bom, False)
    lines = _LINE_END.split(text)
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    return DecodedText(lines, had_bom, final_newline)


_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")


def line_count(data: bytes) -> int:
    """Lines as an editor counts them in bytes that may not decode: every line end, plus an unended last line."""
    ends = len(_BYTE_LINE_END.findall(data))
    return ends + (1 if data and not data.endswith((b"\n", b"\r")) else 0)


def read_manifest(raw_dir: Path) -> dict[str, dict[str, str]]:
    """The curated manifest keyed by file name; a missing manifest is an empty one."""
    path = raw_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:  # spreadsheet programs save a byte order mark
        reader = csv.DictReader(handle)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RawInputError(f"{path}:1: manifest lacks columns {missing}")
        entries: dict[str, dict[str, str]] = {}
        for number, row in enumerate(reader, start=2):
            if row["file_name"] in entries:
                raise RawInputError(f"{path}:{number}: file {row['file_name']!r} is listed twice")
            entries[row["file_name"]] = {k: (v or "").strip() for k, v in row.items() if k}
        return entries


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Raw text files directly in `raw_dir`, sorted by name (code point order) so builds are deterministic."""
    names = (p for p in raw_dir.iterdir() if p.suffix.lower() in RAW_SUFFIXES and not p.name.startswith("."))
    return sorted(names, key=lambda path: path.name)


def read_raw_document(path: Path, manifest: dict[str, dict[str, str]]) -> RawDocument:
    """Read one file's bytes once; refuse what cannot be trusted (see `_refusal` and `_mismatch`) with the reason."""
    entry = manifest.get(path.name)
    source_id = entry["source_id"] if entry and entry.get("source_id") else source_id_for(path.name)
    rejection = refusal_before_reading(path)
    if rejection:
        return _refused(source_id, path.name, entry, rejection)
    try:
        before = path.stat()
        data = path.read_bytes()
        after = path.stat()
    except OSError as error:
        return _refused(source_id, path.name, entry, f"{path.name}: cannot be read: {error.strerror or error}")
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        return _refused(
            source_id,
            path.name,
            entry,
            f"{path.name}: changed while it was being read; run the build again once it is written",
        )
    digest = sha256_hex(data)
    expected = (entry or {}).get("sha256")
    if expected and expected != digest:
        reason = (
            f"{path.name}: its sha256 is {digest} but {MANIFEST_NAME} says {expected}; "
            f"if the file was edited (or renamed) on purpose, update its row in {MANIFEST_NAME}"
        )
        return _refused(source_id, path.name, entry, reason, digest)
    return RawDocument(source_id, path.name, data, digest, entry)


def _refused(source_id: str, file_name: str, entry: dict | None, reason: str, digest: str = "") -> RawDocument:
    """A refused file: no bytes kept; `digest` is its sha256 when it was read, '' when it was not."""
    return RawDocument(source_id, file_name, b"", digest, entry, reason)


def raw_fingerprint(documents: list[RawDocument | ListedDocument], taken: set[str] | None = None) -> dict[str, list]:
    """{file name: [sha256 (None when the file was refused unread), its manifest entry]}: what a build was made from.

    `taken`: the source ids whose bytes the build took (its `sources` rows). A listed file that was not refused
    when listed but is not among them was refused when read again to extract (its bytes changed during the
    build): it is recorded as unread, so the sensor asks for a build even once the file holds its listed bytes
    again. The sensor computes the same for the raw folder as it is now (pipeline.assets.sensors).
    """

    def sha256(document) -> str | None:
        refused_after_listing = taken is not None and not document.rejection and document.source_id not in taken
        return None if refused_after_listing else document.sha256 or None

    return {d.file_name: [sha256(d), d.manifest] for d in sorted(documents, key=lambda d: d.file_name)}


def read_raw_documents(raw_dir: Path) -> list[RawDocument]:
    """Every raw file in name order; a second file whose source_id collides with an earlier one is refused."""
    manifest = read_manifest(raw_dir)
    documents, seen = [], {}
    for path in list_raw_files(raw_dir):
        document = read_raw_document(path, manifest)
        if document.source_id in seen:
            reason = (
                f"{path.name}: its source id {document.source_id!r} is already used by "
                f"{seen[document.source_id]!r}; rename one of them"
            )
            document = _refused(
                document.source_id + "-" + document.sha256[:8], path.name, document.manifest, reason, document.sha256
            )
        seen.setdefault(document.source_id, path.name)
        documents.append(document)
    return documents


def read_listed_document(raw_dir: Path, listed: ListedDocument) -> RawDocument:
    """A listed file's bytes, read again to extract them: refused if they are no longer the bytes listed.

    Between the listing and this read a file may be edited; the document is then refused for this build
    (a refusal blocks the release, and its key differs from the file's, so the next build reads it again).
    """
    if listed.rejection:
        return _refused(listed.source_id, listed.file_name, listed.manifest, listed.rejection, listed.sha256)
    manifest = {listed.file_name: listed.manifest} if listed.manifest else {}
    document = read_raw_document(raw_dir / listed.file_name, manifest)
    if document.sha256 != listed.sha256:  # compared first: new bytes also fail the listed manifest's sha256
        reason = (
            f"{listed.file_name}: changed during the build (sha256 {listed.sha256[:12]} when listed, "
            f"{(document.sha256 or 'unreadable')[:12]} when read to extract); run the whole build again, from "
            "raw_documents (which lists the raw folder anew)"
        )
        return _refused(listed.source_id, listed.file_name, listed.manifest, reason, document.sha256)
    if document.rejection:
        return _refused(listed.source_id, listed.file_name, listed.manifest, document.rejection, document.sha256)
    return RawDocument(listed.source_id, listed.file_name, document.data, document.sha256, listed.manifest)


def refusal_before_reading(path: Path) -> str | None:
    """Why a listed file must not be read at all: a link leading out, not a regular file, hard-linked, too big.

    A hard link is a second name for a file that may live anywhere: a file with more than
    one name is refused, whatever its other names are. Only a symbolic link is resolved.
    """
    if path.is_symlink():
        target = path.resolve()
        if path.parent.resolve() not in target.parents:
            return f"{path.name}: a symbolic link to {target}, outside the raw folder; only files inside it are read"
    try:
        status = path.stat()
    except OSError as error:
        return f"{path.name}: cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(status.st_mode):
        return f"{path.name}: not a regular file"
    if status.st_nlink > 1 and not path.is_symlink():
        return (
            f"{path.name}: a hard link (the file has {status.st_nlink} names, maybe outside the raw folder); "
            "copy it in instead"
        )
    if status.st_size > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        return f"{path.name}: {status.st_size} bytes, over the {limit} MiB limit for one document"
    return None


def raw_folder_fingerprint(raw_dir: Path, cache: dict | None = None) -> tuple[dict, dict]:
    """The raw folder as it is now, in the form `raw_fingerprint` records a build's; and a new stat cache.

    Nothing unsafe is opened (see refusal_before_reading), and a file whose size and mtime are in
    `cache` is not read again: the sensor ticks every 30 s and the CLI checks before every build.
    """
    cache = cache or {}
    try:
        manifest = read_manifest(raw_dir)
    except (RawInputError, OSError, UnicodeDecodeError) as error:  # the build will refuse it too; still a change
        manifest = {"": {"unreadable manifest": str(error)}}
    fingerprint, new_cache = {}, {}
    for path in list_raw_files(raw_dir):
        digest = None if refusal_before_reading(path) else _sha256(path, cache, new_cache)
        fingerprint[path.name] = [digest, manifest.get(path.name)]
    if "" in manifest:
        fingerprint[""] = [None, manifest[""]]
    return fingerprint, new_cache


def _sha256(path: Path, cache: dict, new_cache: dict) -> str | None:
    try:
        status = path.stat()
        known = cache.get(path.name)
        if known and known[:2] == [status.st_size, status.st_mtime_ns]:
            new_cache[path.name] = known
            return known[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    new_cache[path.name] = [status.st_size, status.st_mtime_ns, digest]
    return digest
