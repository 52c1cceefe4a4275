"""Static HTML pages for releases: one per release folder (index.html), and one listing every release.

A release page is built only from the files in its folder (manifest.json, datapackage.json,
SHA256SUMS, CHANGELOG.md and the Parquet files), so it can be rebuilt from a downloaded release
and never states anything the release does not hold. Pages are self-contained (inline CSS and
SVG, no script, no external font or image) so they open from a local folder, and deterministic
(no timestamps; the same folder gives the same bytes). Every value from a file is escaped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq
from markdown_it import MarkdownIt

from pipeline.publish.files import TEMP_PREFIX, write_atomic
from pipeline.release.layout import (
    CHECKSUMS,
    DATAPACKAGE,
    INDEX,
    LATEST,
    MANIFEST,
    NOTES,
    PAGE,
    list_releases,
    read_checksums,
)
from pipeline.release.plots import DecadeSeries, SinceDot, decade_of, decades_chart, since_chart

SUBJECT = "CAN"  # the country the dataset is about: the membership chart shows its memberships
DATED_TABLES = ("bilateral_relations", "diplomatic_relations")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FILE_ROLES = {
    "canada_relations.duckdb": "every table in one DuckDB file, with _release (manifest facts) and _columns",
    MANIFEST: "every file's sha256 and size, the previous release's manifest sha256, versions, row counts",
    DATAPACKAGE: "Frictionless Data Package descriptor: the data dictionary as JSON",
    NOTES: "release notes: schema changes, rows added, removed and changed",
    CHECKSUMS: "sha256 of every other file: check with sha256sum -c SHA256SUMS",
    PAGE: "this page",
}
# No file can state its own hash: SHA256SUMS lists the others, and manifest.json lists this page's hash (releases
# after 1.1.0), so the page cannot show the manifest's.
UNHASHED = (PAGE, CHECKSUMS, MANIFEST)


class PageError(ValueError):
    """A release folder's files cannot make a page; the message names the file."""


@dataclass(frozen=True)
class Release:
    """What a release page shows, read from the folder's own files."""

    folder: Path
    manifest: dict
    package: dict
    checksums: dict[str, str]
    notes: str
    files: list[str]

    @property
    def version(self) -> str:
        return str(self.manifest["version"])


# Reading the folder


def load_release(folder: Path) -> Release:
    """Read and cross-check a release folder: every file listed in SHA256SUMS, every listed file present."""
    manifest = _read_json(folder / MANIFEST, required=("version", "tables"))
    package = _read_json(folder / DATAPACKAGE, required=("resources",))
    checksums = _read_checksums(folder)
    files = _folder_files(folder)
    unlisted = [name for name in files if name not in checksums and name not in UNHASHED]
    if unlisted:
        raise PageError(f"{folder / CHECKSUMS}: does not list {', '.join(unlisted)}")
    absent = [name for name in checksums if name not in files]
    if absent:
        raise PageError(f"{folder / CHECKSUMS}: lists {', '.join(absent)}, not in the folder")
    notes = _read_text(folder / NOTES)
    return Release(folder, manifest, package, checksums, notes, _download_order(manifest, files))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PageError(f"{path}: missing; a release page is built from the release folder's own files") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PageError(f"{path}: cannot be read: {error}") from None


def _read_json(path: Path, required: tuple[str, ...]) -> dict:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise PageError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise PageError(f"{path}: expected a JSON object")
    missing = [key for key in required if key not in data]
    if missing:
        raise PageError(f"{path}: has no {', '.join(repr(key) for key in missing)}")
    return data


def _read_checksums(folder: Path) -> dict[str, str]:
    _read_text(folder / CHECKSUMS)  # a missing file fails with the same message as the others
    try:
        return read_checksums(folder)
    except ValueError as error:
        raise PageError(str(error)) from None


def _folder_files(folder: Path) -> set[str]:
    """The files a reader can download, and this page, which may not be written yet."""
    names = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(TEMP_PREFIX)}
    return names | set(UNHASHED)


def _download_order(manifest: dict, files: set[str]) -> list[str]:
    """Table files in manifest order first, then the other files by name."""
    tables = [facts["file"] for facts in manifest["tables"].values() if facts.get("file") in files]
    return tables + sorted(files - set(tables))


def _column(path: Path, column: str) -> list:
    try:
        return pq.read_table(path, columns=[column]).column(column).to_pylist()
    except (OSError, pa.ArrowException, KeyError) as error:
        raise PageError(f"{path}: cannot read column {column!r}: {error}") from None


# The charts' data


def decade_series(release: Release, table: str) -> DecadeSeries:
    """`established` of one table counted per decade; a value that is not an ISO date is an error."""
    path = release.folder / release.manifest["tables"][table]["file"]
    values = _column(path, "established")
    for value in values:
        if value is not None and not ISO_DATE.match(value):
            raise PageError(f"{path}: established {value!r} is not an ISO date")
    decades = Counter(decade_of(value) for value in values if value is not None)
    return DecadeSeries(table, decades, sum(value is None for value in values))


def since_dots(release: Release, subject: str = SUBJECT) -> list[SinceDot]:
    """The subject's memberships that state a year, one dot per organization, year and source."""
    tables = release.manifest["tables"]
    memberships = release.folder / tables["memberships"]["file"]
    organizations = release.folder / tables["organizations"]["file"]
    names = dict(zip(_column(organizations, "org_id"), _column(organizations, "name")))
    columns = ("country_code", "org_id", "since", "source_id", "status")
    rows = zip(*(_column(memberships, name) for name in columns))
    statements: Counter = Counter()
    for country, org_id, since, source_id, status in rows:
        if country != subject or since is None:
            continue
        if not ISO_DATE.match(since):
            raise PageError(f"{memberships}: since {since!r} is not an ISO date")
        if org_id not in names:
            raise PageError(f"{memberships}: org_id {org_id!r} is not in {organizations.name}")
        statements[(names[org_id] or org_id, int(since[:4]), since, source_id, status)] += 1
    return [SinceDot(*key, count) for key, count in sorted(statements.items())]


# The release page


def release_page(folder: Path) -> str:
    """The release's index.html as text."""
    release = load_release(folder)
    title = f"{release.package.get('title') or release.package.get('name', 'Dataset')} {release.version}"
    sections = [
        _facts_section(release),
        _tables_section(release),
        _charts_section(release),
        _downloads_section(release),
        _sources_section(release),
        _dictionary_section(release),
        _notes_section(release),
    ]
    navigation = [
        ("tables", "Tables"),
        ("charts", "Charts"),
        ("downloads", "Downloads"),
        ("sources", "Sources"),
        ("dictionary", "Data dictionary"),
        ("notes", "Release notes"),
    ]
    header = f'<p class="kicker">{_e(release.package.get("name", ""))} release</p><h1>{_e(title)}</h1>'
    header += f'<p class="lead">{_e(release.package.get("description", ""))}</p>'
    return _document(title, header, navigation, sections, _release_footer())


def write_release_page(folder: Path) -> Path:
    """Write folder/index.html atomically (a reader never sees half a page)."""
    path = folder / PAGE
    write_atomic(path, release_page(folder).encode("utf-8"))
    return path


def _facts_section(release: Release) -> str:
    manifest = release.manifest
    previous = manifest.get("previous_version")
    bump = manifest.get("bump") or "unknown"
    created = manifest.get("created")
    facts = [
        ("Version", _e(release.version)),
        ("Release date", _e(created) if created else '<span class="muted">not recorded in manifest.json</span>'),
        ("Schema version", _e(manifest.get("schema_version", "unknown"))),
        ("Previous version", f"{_e(previous)} (bump: {_e(bump)})" if previous else f"none (bump: {_e(bump)})"),
        ("Code version", f"<code>{_e(manifest.get('code_version') or 'unknown')}</code>"),
    ]
    if manifest.get("extractor_version"):
        facts.append(("Extractor version", f"<code>{_e(manifest['extractor_version'])}</code>"))
    dependencies = manifest.get("dependencies") or {}
    if dependencies:
        facts.append(("Libraries", ", ".join(f"{_e(k)} {_e(v or 'unknown')}" for k, v in dependencies.items())))
    licenses = release.package.get("licenses") or []
    if licenses:
        facts.append(("Licenses", "<br>".join(_license(item) for item in licenses)))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    return f'<section id="release"><h2>Release</h2><dl class="facts">{items}</dl></section>'


def _license(item: dict) -> str:
    name = _e(item.get("name", ""))
    title = _e(item.get("title", ""))
    path = str(item.get("path", ""))
    linked = f'<a href="{_e(path)}">{name}</a>' if path.startswith("https://") else name
    return f"{linked}: {title}" if title else linked


def _tables_section(release: Release) -> str:
    descriptions = {r.get("name"): r.get("description", "") for r in release.package["resources"]}
    rows = [
        [
            f'<a href="#table-{_e(name)}"><code>{_e(name)}</code></a>',
            _count(facts.get("rows")),
            _e(descriptions.get(name, "")),
        ]
        for name, facts in release.manifest["tables"].items()
    ]
    total = sum(int(facts.get("rows") or 0) for facts in release.manifest["tables"].values())
    rows.append(["<strong>all tables</strong>", f"<strong>{_count(total)}</strong>", ""])
    table = _table(["Table", "Rows", "One row is"], rows, numeric=(1,))
    return f'<section id="tables"><h2>Tables</h2><p>Row counts from {MANIFEST}.</p>{table}</section>'


def _charts_section(release: Release) -> str:
    """The charts whose tables this release has (release 1.0.0 has no relations tables)."""
    tables = release.manifest["tables"]
    figures = []
    present = [t for t in DATED_TABLES if t in tables]
    if present:
        figures.append(_decades_figure([decade_series(release, table) for table in present]))
    if "memberships" in tables and "organizations" in tables:
        figures.append(_since_figure(since_dots(release)))
    if not figures:
        figures.append("<p>This release has none of the tables the charts are drawn from.</p>")
    return f'<section id="charts"><h2>Charts</h2>{"".join(figures)}</section>'


def _decades_figure(series: list[DecadeSeries]) -> str:
    undated = "; ".join(f"{s.name} {s.undated} of {s.undated + s.dated}" for s in series)
    caption = (
        "Rows by the decade of their <code>established</code> date, stacked per table. "
        f"Rows without a date are not drawn: {_e(undated)}."
    )
    return _figure("chart-decades", "Relations established per decade", decades_chart(series), caption)


def _since_figure(dots: list[SinceDot]) -> str:
    organizations = len({d.organization for d in dots})
    caption = (
        f"Organizations {_e(SUBJECT)} belongs to, at the year each source says the membership began "
        f"(<code>memberships.since</code>): {len(dots)} dots for {organizations} organizations. "
        "A grey line joins the years when sources disagree. Memberships without a year are not drawn."
    )
    return _figure("chart-memberships", f"When {SUBJECT}'s memberships began", since_chart(dots, SUBJECT), caption)


def _figure(anchor: str, title: str, svg: str, caption: str) -> str:
    return f'<figure id="{anchor}"><h3>{_e(title)}</h3>{svg}<figcaption>{caption}</figcaption></figure>'


def _downloads_section(release: Release) -> str:
    tables = {facts.get("file"): (name, facts) for name, facts in release.manifest["tables"].items()}
    rows = []
    for name in release.files:
        if name in tables:
            table, facts = tables[name]
            role = f"table <code>{_e(table)}</code>, {_count(facts.get('rows'))} rows"
        else:
            role = _e(FILE_ROLES.get(name, ""))
        if name in UNHASHED:
            rows.append([_link(name), role, "", ""])
        else:
            rows.append([_link(name), role, _size(release.folder / name), _hash(release.checksums[name], name)])
    note = (
        f"<p>Hashes from {CHECKSUMS}. {PAGE}, {MANIFEST} and {CHECKSUMS} have none here: {MANIFEST} and "
        f"{CHECKSUMS} hold the hash of {PAGE}, {CHECKSUMS} that of {MANIFEST}, and no file can state its own. "
        f"Check a download with <code>sha256sum -c {CHECKSUMS}</code>, or with "
        "<code>canada-relations verify</code>.</p>"
    )
    table = _table(["File", "Contents", "Size", "sha256"], rows, numeric=(2,))
    return f'<section id="downloads"><h2>Downloads</h2>{note}{table}</section>'


def _sources_section(release: Release) -> str:
    """The raw documents, from manifest.json (file, bytes, sha256) and datapackage.json (title, publisher)."""
    described = {str(s.get("path", "")).rpartition("/")[2]: s for s in release.package.get("sources") or []}
    rows = []
    for raw in release.manifest.get("raw_files") or []:
        source = described.get(raw.get("file_name"), {})
        rows.append(
            [
                _e(source.get("title", "")),
                _e(source.get("publisher", "")),
                f"<code>{_e(raw.get('file_name', ''))}</code>",
                _count(raw.get("bytes")),
                f'<code class="hash">{_e(raw.get("sha256", ""))}</code>',
            ]
        )
    intro = "<p>The raw documents the tables were extracted from (in the repository's <code>raw/</code>).</p>"
    table = _table(["Title", "Publisher", "File", "Bytes", "sha256"], rows, numeric=(3,))
    return f'<section id="sources"><h2>Sources</h2>{intro}{table}</section>'


def _dictionary_section(release: Release) -> str:
    parts = [f'<section id="dictionary"><h2>Data dictionary</h2><p>From {DATAPACKAGE}.</p>']
    for resource in release.package["resources"]:
        parts.append(_resource_dictionary(resource))
    parts.append("</section>")
    return "".join(parts)


def _resource_dictionary(resource: dict) -> str:
    """One table: what a row is, its key, then every column with its type, nullability and constraints."""
    name = resource.get("name", "")
    schema = resource.get("schema") or {}
    key = schema.get("primaryKey") or []
    references = {
        fk["fields"][0]: f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}"
        for fk in schema.get("foreignKeys") or []
    }
    summary = f"<p>{_e(resource.get('description', ''))} "
    summary += f"Primary key: {', '.join(f'<code>{_e(c)}</code>' for c in key) or 'none'}.</p>"
    rows = [_field_cells(field, key, references) for field in schema.get("fields") or []]
    table = _table(["Column", "Type", "Required", "Allowed values and constraints", "Description"], rows, "columns")
    return f'<h3 id="table-{_e(name)}"><code>{_e(name)}</code></h3>{summary}{table}'


def _field_cells(field: dict, key: list[str], references: dict[str, str]) -> list[str]:
    constraints = field.get("constraints") or {}
    name = f"<code>{_e(field.get('name', ''))}</code>"
    if field.get("name") in key:
        name += ' <span class="tag">key</span>'
    required = "required" if constraints.get("required") else '<span class="muted">nullable</span>'
    rules = _constraint_texts(constraints)
    if field.get("name") in references:
        rules.append(f"refers to <code>{_e(references[field['name']])}</code>")
    return [name, _e(field.get("type", "")), required, "<br>".join(rules), _e(field.get("description", ""))]


def _constraint_texts(constraints: dict) -> list[str]:
    """Table Schema constraints in words; enum values are listed as they are stored."""
    texts = []
    if "enum" in constraints:
        texts.append("one of " + ", ".join(f"<code>{_e(value)}</code>" for value in constraints["enum"]))
    if "pattern" in constraints:
        texts.append(f"matches <code>{_e(constraints['pattern'])}</code>")
    for name, words in (("minimum", "at least"), ("maximum", "at most")):
        if name in constraints:
            texts.append(f"{words} {_e(constraints[name])}")
    for name, words in (("minLength", "at least"), ("maxLength", "at most")):
        if name in constraints:
            count = constraints[name]
            texts.append(f"{words} {_e(count)} character{'' if count == 1 else 's'}")
    if constraints.get("unique"):
        texts.append("unique")
    return texts


def _notes_section(release: Release) -> str:
    notes = _markdown(release.notes)
    return f'<section id="notes"><h2>Release notes</h2><p>From {NOTES}.</p><div class="notes">{notes}</div></section>'


def _markdown(text: str) -> str:
    """CommonMark with raw HTML shown as text, headings moved two levels down to sit under the page's h2."""
    parser = MarkdownIt("commonmark", {"html": False})
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    return parser.renderer.render(tokens, parser.options, {})


def _release_footer() -> str:
    return (
        "<footer>Written from the files in this folder by <code>pipeline/release/pages.py</code> "
        "of canada-relations. It opens offline: no scripts, fonts or images are fetched.</footer>"
    )


# The releases index


def releases_index_page(releases: Path) -> str:
    """outputs/releases/index.html as text: every complete release, newest first, LATEST marked."""
    versions = list(reversed(list_releases(releases)))
    latest = _read_text(releases / LATEST).strip() if (releases / LATEST).is_file() else None
    manifests = {v: _read_json(releases / v / MANIFEST, required=("version", "tables")) for v in versions}
    checksums = {v: _read_checksums(releases / v) for v in versions}
    intro = (
        f"<p>Every release of the dataset, newest first. {LATEST} names the newest: "
        f"<strong>{_e(latest or 'none')}</strong>. A release folder never changes once written: "
        f"pin a version, and check its files with <code>sha256sum -c {CHECKSUMS}</code> in its folder.</p>"
    )
    if (releases / INDEX).is_file():
        intro += f"<p>The same list as text: {_link(INDEX)}.</p>"
    listing = _release_rows(releases, versions, manifests, checksums, latest)
    sections = [
        f'<section id="releases"><h2>Releases</h2>{listing}</section>',
        f'<section id="rows"><h2>Rows per table</h2>{_rows_matrix(versions, manifests)}</section>',
    ]
    header = f'<p class="kicker">canada-relations</p><h1>Releases</h1>{intro}'
    footer = (
        "<footer>Written from each release's manifest.json and SHA256SUMS by "
        "<code>pipeline/release/pages.py</code>.</footer>"
    )
    navigation = [("releases", "Releases"), ("rows", "Rows per table")]
    return _document("canada-relations releases", header, navigation, sections, footer)


def write_releases_index(releases: Path) -> Path:
    """Write releases/index.html atomically, only when it changes: a build that cuts nothing writes nothing."""
    path = releases / PAGE
    page = releases_index_page(releases).encode("utf-8")
    if not path.is_file() or path.read_bytes() != page:
        write_atomic(path, page)
    return path


def _release_rows(releases: Path, versions: list[str], manifests: dict, checksums: dict, latest: str | None) -> str:
    """One row per release; the release date column only when some manifest records one."""
    dated = any(manifests[v].get("created") for v in versions)
    headers = ["Version", "Bump", "Schema", "Previous", *(["Release date"] if dated else []), "Tables", "Rows", "Files"]
    rows = []
    for version in versions:
        manifest = manifests[version]
        tables = manifest["tables"]
        has_page = (releases / version / PAGE).is_file()
        label = _link(f"{version}/{PAGE}", version) if has_page else _e(version)
        if version == latest:
            label += ' <span class="tag">latest</span>'
        cells = [label, _e(manifest.get("bump", "")), _e(manifest.get("schema_version", ""))]
        cells.append(_e(manifest.get("previous_version") or "none"))
        if dated:
            cells.append(_e(manifest.get("created") or "not recorded"))
        cells += [_count(len(tables)), _count(sum(int(f.get("rows") or 0) for f in tables.values()))]
        rows.append([*cells, _release_links(version, has_page, checksums[version])])
    numeric = (len(headers) - 3, len(headers) - 2)
    return _table(headers, rows, "releases", numeric)


def _release_links(version: str, has_page: bool, checksums: dict[str, str]) -> str:
    names = ([PAGE] if has_page else []) + [MANIFEST, NOTES, CHECKSUMS]
    links = " · ".join(_link(f"{version}/{name}", name) for name in names)
    pinned = _hash(checksums[MANIFEST], f"{version}/{MANIFEST}")
    return f'{links}<br><span class="muted">{MANIFEST} sha256</span> {pinned}'


def _rows_matrix(versions: list[str], manifests: dict) -> str:
    """Rows of every table in every release: how the dataset grew."""
    tables: list[str] = []
    for version in reversed(versions):
        tables += [t for t in manifests[version]["tables"] if t not in tables]
    rows = []
    for table in tables:
        counts = [manifests[v]["tables"].get(table, {}).get("rows") for v in versions]
        rows.append([f"<code>{_e(table)}</code>", *("–" if c is None else _count(c) for c in counts)])
    return _table(["Table", *versions], rows, "matrix", numeric=tuple(range(1, len(versions) + 1)))


# HTML pieces


STYLE = """
:root { color-scheme: light; --ink: #1d1f23; --muted: #5d6470; --line: #dde1e6; --soft: #f4f6f9; --accent: #2f6db5; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 8px 32px 64px; }
header { border-bottom: 1px solid var(--line); padding-bottom: 8px; }
.kicker { margin: 24px 0 0; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 4px 0 8px; }
.lead { max-width: 60em; color: #333; }
nav { position: sticky; top: 0; background: rgba(255, 255, 255, .96); border-bottom: 1px solid var(--line);
  padding: 8px 0; z-index: 1; }
nav a { margin-right: 18px; font-weight: 600; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h2 { font-size: 1.4rem; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 28px 0 6px; }
h2, h3 { scroll-margin-top: 56px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .86em; }
code.hash { white-space: nowrap; color: #444; font-size: .8em; }
.scroll { overflow-x: auto; }
table.matrix { width: auto; min-width: 50%; }
table.releases td:first-child { white-space: nowrap; }
table.columns td:first-child, table.columns code { white-space: nowrap; }
table.columns { table-layout: fixed; min-width: 880px; }
table.columns th:nth-child(1) { width: 23%; }
table.columns th:nth-child(2) { width: 8%; }
table.columns th:nth-child(3) { width: 9%; }
table.columns th:nth-child(4) { width: 24%; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 20px; margin: 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.muted { color: var(--muted); }
.tag { display: inline-block; padding: 0 7px; border-radius: 9px; background: var(--accent); color: #fff;
  font-size: .72rem; font-weight: 600; vertical-align: 1px; }
figure { margin: 16px 0 32px; }
figure svg { display: block; width: 100%; max-width: 960px; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; max-width: 60em; margin-top: 6px; }
.notes { background: var(--soft); border-radius: 6px; padding: 4px 20px; overflow-wrap: anywhere; }
.notes h3 { margin-top: 16px; }
.notes h4 { font-size: 1.05rem; margin: 16px 0 4px; }
.notes h5 { font-size: .95rem; margin: 14px 0 4px; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .85rem; }
"""


def _document(title: str, header: str, navigation: list[tuple[str, str]], sections: list[str], footer: str) -> str:
    links = "".join(f'<a href="#{anchor}">{_e(text)}</a>' for anchor, text in navigation)
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
    )
    body = f"<header>{header}</header>\n<nav>{links}</nav>\n" + "\n".join(sections) + f"\n{footer}\n"
    return f"{head}<body>\n<main>\n{body}</main>\n</body>\n</html>\n"


def _table(headers: list[str], rows: list[list[str]], css: str = "", numeric: tuple[int, ...] = ()) -> str:
    """A table of ready-made cells (escaped by the caller); `numeric` columns are right-aligned."""

    def cell(tag: str, index: int, content: str) -> str:
        return f'<{tag} class="num">{content}</{tag}>' if index in numeric else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, _e(text)) for i, text in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>\n" for row in rows)
    table = f'<table class="{css}">' if css else "<table>"
    return f'<div class="scroll">{table}<thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table></div>'


def _link(path: str, text: str | None = None) -> str:
    return f'<a href="{_e(quote(path))}">{_e(text if text is not None else path)}</a>'


def _hash(digest: str, path: str) -> str:
    """A shown sha256, with the file it belongs to, so a reader (or a test) can check one against the other."""
    return f'<code class="hash" data-file="{_e(path)}">{_e(digest)}</code>'


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f'<span title="{size:,} bytes">{_e(_human(size))}</span>'


def _human(size: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return str(size)


def _count(value) -> str:
    """An integer with thousands separators; anything else as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return _e(value)


def _e(value) -> str:
    """Escape a value from a file for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)
