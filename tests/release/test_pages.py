"""The release pages, built from copies of the committed releases and checked against their files,
then opened in headless Chromium."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.publish.files import sha256_file
from pipeline.release.layout import PAGE, read_checksums
from pipeline.release.pages import PageError, release_page, releases_index_page, write_release_page
from tests.browser import Chromium
from tests.conftest import PROJECT_ROOT

RELEASES = PROJECT_ROOT / "outputs" / "releases"
VOID = {"meta", "br", "link", "img", "input", "hr", "col", "area", "base", "source", "wbr", "track", "embed"}
SVG_SELF_CLOSING = {"rect", "line", "circle", "polyline", "path"}


@pytest.fixture
def release(tmp_path) -> Path:
    """A writable copy of the committed release 1.1.0."""
    return Path(shutil.copytree(RELEASES / "1.1.0", tmp_path / "1.1.0"))


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def resource(folder: Path, name: str) -> dict:
    return next(r for r in json.loads((folder / "datapackage.json").read_text())["resources"] if r["name"] == name)


class Cells(HTMLParser):
    """The text of every table row, by the id of the section (or, in the dictionary, the h3) it follows."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: dict[str | None, list[list[str]]] = {}
        self.section = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("section", "h3") and dict(attrs).get("id"):
            self.section = dict(attrs)["id"]
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.rows.setdefault(self.section, []).append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def row_starting(html: str, section: str, first: str) -> list[str]:
    rows = [row for row in Cells(html).rows.get(section, []) if row and row[0] == first]
    assert len(rows) == 1, f"one row {first!r} in section {section!r}, found {rows}"
    return rows[0]


class Structure(HTMLParser):
    """Problems a validator would report: unclosed or stray tags, duplicate ids."""

    def __init__(self, html: str):
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.ids: Counter = Counter()
        self.feed(html)
        self.problems += [f"unclosed <{tag}>" for tag in self.open]
        self.problems += [f"duplicate id {i!r}" for i, n in self.ids.items() if n > 1]

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")
        if tag not in VOID and tag not in SVG_SELF_CLOSING:
            self.problems.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1] if self.open else 'nothing'}")
            return
        self.open.pop()


# The page, from a copy of release 1.1.0


def test_page_shows_the_release_facts_from_the_manifest(release):
    html = write_release_page(release).read_text()
    manifest = manifest_of(release)
    assert row_starting(html, "tables", "memberships")[1] == str(manifest["tables"]["memberships"]["rows"]) == "104"
    total = sum(t["rows"] for t in manifest["tables"].values())
    assert row_starting(html, "tables", "all tables")[1] == f"{total:,}"
    for fact in ("<dt>Version</dt><dd>1.1.0</dd>", "<dt>Schema version</dt><dd>1.1</dd>", "1.0.0 (bump: minor)"):
        assert fact in html
    assert manifest["code_version"] in html
    assert "not recorded in manifest.json" in html  # no created date in 1.1.0's manifest: none is invented


def test_page_shows_a_created_date_when_the_manifest_has_one(release):
    manifest = manifest_of(release)
    (release / "manifest.json").write_text(json.dumps({**manifest, "created": "2026-05-01"}))
    assert "<dt>Release date</dt><dd>2026-05-01</dd>" in release_page(release)


def test_downloads_list_every_file_with_the_sha256_from_sha256sums(release):
    html = release_page(release)
    lines = (release / "SHA256SUMS").read_text().splitlines()
    listed = {name: digest for digest, name in (line.split("  ") for line in lines)}
    file, contents, size, digest = row_starting(html, "downloads", "memberships.parquet")
    assert digest == listed["memberships.parquet"] == "1f9676515358edb216c0296a45869b40d8d9295ef8b50eca4eee2c7bd254a8d2"
    assert contents == "table memberships, 104 rows" and size == "7.9 kB"
    names = [row[0] for row in Cells(html).rows["downloads"][1:]]
    assert sorted(names) == sorted({p.name for p in release.iterdir()} | {"index.html"})
    assert row_starting(html, "downloads", "SHA256SUMS")[3] == row_starting(html, "downloads", "index.html")[3] == ""
    assert row_starting(html, "downloads", "manifest.json")[2:] == ["", ""]  # it holds the page's hash (after 1.1.0)


def test_data_dictionary_comes_from_the_datapackage(release):
    html = release_page(release)
    fields = {f["name"]: f for f in resource(release, "memberships")["schema"]["fields"]}
    status = row_starting(html, "table-memberships", "status")
    assert status[1:3] == ["string", "required"]
    assert status[3] == "one of " + ", ".join(fields["status"]["constraints"]["enum"])
    assert status[4] == fields["status"]["description"]
    since = row_starting(html, "table-memberships", "since")
    assert since[2:] == ["nullable", "", "ISO date at the precision the text gives."]
    assert row_starting(html, "table-memberships", "since_precision")[3] == "one of day, month, year"
    key = ", ".join(f"<code>{c}</code>" for c in resource(release, "memberships")["schema"]["primaryKey"])
    assert key == "<code>country_code</code>, <code>org_id</code>, <code>source_id</code>, <code>line</code>"
    assert f"Primary key: {key}." in html


def test_decade_chart_counts_the_established_dates(release):
    html = release_page(release)
    established = pq.read_table(release / "bilateral_relations.parquet").column("established").to_pylist()
    forties = sum(1 for value in established if value and value.startswith("194"))
    assert forties == 15
    assert f"<title>1940s: {forties} bilateral_relations rows</title>" in html
    undated = sum(value is None for value in established)
    assert f"bilateral_relations {undated} of {len(established)}" in html
    assert "diplomatic_relations 196 of 196" in html  # no row of 1.1.0's list has a date


def test_membership_chart_shows_each_source_s_year(release):
    html = release_page(release)
    norad = "North American Aerospace Defense Command: since"
    assert f"{norad} 1957 (member), according to canada-united-states-relations" in html
    assert f"{norad} 1958 (founding member), according to foreign-relations-of-canada" in html
    oas = "Organization of American States: since 1990 (member)"
    assert f"{oas}, according to foreign-relations-of-canada, 2 statements" in html
    assert html.count('class="dot"') == 6


def test_release_notes_are_rendered(release):
    html = release_page(release)
    assert "<h3>1.1.0</h3>" in html and "<h4>Schema</h4>" in html
    assert "<li><code>agreements</code>: table added</li>" in html


def test_every_value_is_escaped(release):
    package = json.loads((release / "datapackage.json").read_text())
    package["resources"][2]["schema"]["fields"][0]["description"] = '<table onclick="x">&'
    (release / "datapackage.json").write_text(json.dumps(package))
    (release / "CHANGELOG.md").write_text("# 1.1.0\n\n<table><script>alert(1)</script>\n")
    organizations = pq.read_table(release / "organizations.parquet")
    names = [f"<b>{n}</b>" if n == "United Nations" else n for n in organizations.column("name").to_pylist()]
    pq.write_table(organizations.set_column(1, "name", pa.array(names)), release / "organizations.parquet")
    html = release_page(release)
    assert "&lt;table onclick=&quot;x&quot;&gt;&amp;" in html
    assert "&lt;table&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;United Nations&lt;/b&gt;: since 1945" in html
    assert "<table onclick" not in html and "<script" not in html and "<b>" not in html


def test_the_same_folder_gives_the_same_bytes(release, tmp_path):
    first = write_release_page(release).read_bytes()
    second = write_release_page(release).read_bytes()
    assert first == second
    other = Path(shutil.copytree(release, tmp_path / "elsewhere" / "1.1.0"))
    assert write_release_page(other).read_bytes() == first  # nothing of where the folder is
    assert str(tmp_path).encode() not in first


def test_pages_are_well_formed_html(release):
    for html in (release_page(release), releases_index_page(RELEASES)):
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert Structure(html).problems == []
        assert html.count("<h1>") == 1
        assert "<script" not in html and "<link" not in html and " src=" not in html and "url(" not in html
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_release_1_0_0_without_relations_tables_still_has_a_page(tmp_path):
    folder = Path(shutil.copytree(RELEASES / "1.0.0", tmp_path / "1.0.0"))
    html = release_page(folder)
    assert 'id="chart-memberships"' in html and 'id="chart-decades"' not in html
    assert row_starting(html, "tables", "memberships")[1] == "104"


def test_a_missing_manifest_is_named(release):
    (release / "manifest.json").unlink()
    with pytest.raises(PageError, match=r"1\.1\.0/manifest\.json: missing"):
        release_page(release)


def test_a_malformed_sha256sums_line_is_named(release):
    lines = (release / "SHA256SUMS").read_text().splitlines()
    lines[2] = "not-a-hash  datapackage.json"
    (release / "SHA256SUMS").write_text("\n".join(lines) + "\n")
    with pytest.raises(PageError, match=r"1\.1\.0/SHA256SUMS:3: malformed line 'not-a-hash  datapackage.json'"):
        release_page(release)


def test_a_file_sha256sums_does_not_list_is_named(release):
    (release / "notes.txt").write_text("added later")
    with pytest.raises(PageError, match=r"SHA256SUMS: does not list notes\.txt"):
        release_page(release)


def test_a_bad_established_date_is_named(release):
    table = pq.read_table(release / "bilateral_relations.parquet")
    values = table.column("established").to_pylist()
    values[0] = "the forties"
    index = table.schema.get_field_index("established")
    pq.write_table(table.set_column(index, "established", pa.array(values)), release / "bilateral_relations.parquet")
    with pytest.raises(PageError, match=r"bilateral_relations\.parquet: established 'the forties' is not an ISO date"):
        release_page(release)


# The releases index


def test_releases_index_lists_every_release_newest_first(tmp_path):
    releases = Path(shutil.copytree(RELEASES, tmp_path / "releases"))
    html = releases_index_page(releases)
    rows = Cells(html).rows["releases"]
    assert [row[0] for row in rows[1:]] == ["1.2.1 latest", "1.2.0", "1.1.0", "1.0.0"]
    for row in rows[1:]:
        version = row[0].split()[0]
        manifest = manifest_of(releases / version)
        assert row[1:6] == [
            manifest["bump"],
            manifest["schema_version"],
            manifest["previous_version"] or "none",
            str(len(manifest["tables"])),
            str(sum(t["rows"] for t in manifest["tables"].values())),
        ]
        assert read_checksums(releases / version)["manifest.json"] in row[6]
    assert 'href="1.0.0/manifest.json"' in html and 'href="1.0.0/CHANGELOG.md"' in html
    assert 'href="1.2.1/index.html"' in html and 'href="1.2.0/index.html"' in html
    assert 'href="1.1.0/index.html"' not in html  # releases cut before pages existed have none
    write_release_page(releases / "1.1.0")
    assert 'href="1.1.0/index.html"' in releases_index_page(releases)


def test_committed_releases_index_is_current():
    assert (RELEASES / PAGE).read_text() == releases_index_page(RELEASES), (
        "outputs/releases/index.html is stale: `make build` rewrites it; commit it"
    )


# In a browser


PAGE_FACTS = """(() => {
  const box = e => { const r = e.getBoundingClientRect(); return {width: r.width, height: r.height}; };
  return {
    charts: [...document.querySelectorAll('figure svg')].map(svg => ({
      id: svg.closest('figure').id, box: box(svg), label: svg.getAttribute('aria-label'),
      bars: [...svg.querySelectorAll('rect.bar')].filter(r => box(r).height > 0).length,
      dots: [...svg.querySelectorAll('circle.dot')].filter(c => box(c).width > 0).length})),
    links: [...document.querySelectorAll('a[href]')].map(a => ({href: a.getAttribute('href'), url: a.href})),
    hashes: [...document.querySelectorAll('code.hash[data-file]')]
      .map(c => ({file: c.dataset.file, text: c.textContent})),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
})()"""


@pytest.fixture(scope="module")
def browser():
    with Chromium() as chromium:
        yield chromium


def check_links_and_hashes(page: Path, facts: dict) -> None:
    """Every local link opens an existing file whose sha256 is the one shown and the one SHA256SUMS lists."""
    for link in facts["links"]:
        href = link["href"]
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in page.read_text(), f"{href}: no such anchor"
            continue
        if href.startswith("https://"):
            continue
        target = Path(unquote(urlparse(link["url"]).path))
        assert target.is_file(), f"{href}: no such file"
        if (target.parent / "SHA256SUMS").is_file() and target.name in read_checksums(target.parent):
            assert sha256_file(target) == read_checksums(target.parent)[target.name], f"{href}: sha256 differs"
    for shown in facts["hashes"]:
        target = page.parent / shown["file"]
        assert sha256_file(target) == shown["text"] == read_checksums(target.parent)[target.name], shown


@pytest.mark.browser
def test_release_page_in_chromium(browser, release, tmp_path):
    page = write_release_page(release)
    browser.open(page.as_uri())
    assert browser.errors() == []
    facts = browser.evaluate(PAGE_FACTS)
    charts = {chart["id"]: chart for chart in facts["charts"]}
    assert charts["chart-decades"]["box"]["width"] > 600 and charts["chart-decades"]["box"]["height"] > 200
    established = pq.read_table(release / "bilateral_relations.parquet").column("established").to_pylist()
    assert charts["chart-decades"]["bars"] == len({value[:3] for value in established if value}) == 10
    assert "1940s 15" in charts["chart-decades"]["label"]
    assert charts["chart-memberships"]["box"]["height"] > 150 and charts["chart-memberships"]["dots"] == 6
    downloads = {link["href"] for link in facts["links"] if not link["href"].startswith(("#", "https://"))}
    assert downloads == {p.name for p in release.iterdir()}
    assert {h["file"] for h in facts["hashes"]} == downloads - {"index.html", "SHA256SUMS", "manifest.json"}
    check_links_and_hashes(page, facts)
    assert facts["overflow"] <= 0, "the page scrolls sideways on a 1366 px wide screen"
    assert browser.screenshot(tmp_path / "release.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
def test_releases_index_in_chromium(browser, tmp_path):
    page = RELEASES / PAGE
    browser.open(page.as_uri())
    assert browser.errors() == []
    facts = browser.evaluate(PAGE_FACTS)
    local = {link["href"] for link in facts["links"] if not link["href"].startswith(("#", "https://"))}
    assert {"1.1.0/manifest.json", "1.1.0/CHANGELOG.md", "1.0.0/manifest.json", "CHANGELOG.md"} <= local
    assert {h["file"] for h in facts["hashes"]} == {f"{v}/manifest.json" for v in ("1.2.1", "1.2.0", "1.1.0", "1.0.0")}
    check_links_and_hashes(page, facts)
    assert facts["overflow"] <= 0
    assert browser.screenshot(tmp_path / "releases.png").read_bytes().startswith(b"\x89PNG")
