"""Release notes: rows with their values, quality issues with their kind and message, and one writer for the notes of
a release and for `canada-relations diff`, so that the two agree."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.release import changelog
from pipeline.release.changelog import release_notes
from pipeline.release.diff import diff_tables
from pipeline.release.releases import cut_release, releases_dir, snapshots_from_tables
from tests.conftest import PROJECT_ROOT
from tests.release.releasing import with_un_since, without_document

COMMITTED = PROJECT_ROOT / "outputs" / "releases"
REORDER = (
    "- `quality_issues`: columns reordered: issue_id, table_name, kind, detail, source_id, line"
    " → issue_id, table_name, source_id, line, kind, detail"
)


def test_diff_of_the_committed_releases_prints_what_their_files_say(capsys):
    assert main(["diff", "1.0.0", "1.1.0"]) == 0
    notes = capsys.readouterr().out
    assert notes.splitlines()[:3] == [
        "# 1.1.0",
        "",
        "MINOR release after 1.0.0; built from code 5cfa73a34a03862eeda95b8945938746539cacce.",
    ]
    assert REORDER in notes.splitlines()
    assert "### quality_issues (+25 −0 ~0)" in notes and "### memberships" not in notes
    assert (
        "- added: unresolved_currency (funding, canada-russia-relations line 33): '$25 billion' gives no currency "
        "and the document sets none [canada-russia-relations:00033:funding:unresolved_currency]"
    ) in notes.splitlines()
    # The committed notes, written before reorders were reported, stay as published.
    assert "columns reordered" not in (COMMITTED / "1.1.0" / "CHANGELOG.md").read_text()


def test_the_notes_of_a_release_are_what_diff_prints_for_it(tmp_path, arrow_tables, capsys):
    cut_release(arrow_tables, tmp_path)
    cut = cut_release(with_un_since(without_document(arrow_tables), "1946"), tmp_path)
    assert main(["diff", "1.0.0", "1.0.1", "--outputs-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert printed == (cut.folder / "CHANGELOG.md").read_text() == cut.notes
    code = json.loads((cut.folder / "manifest.json").read_text())["code_version"]
    assert f"PATCH release after 1.0.0; built from code {code}." in printed
    lines = printed.splitlines()
    assert '- changed: (CAN, un, foreign-relations-of-canada, 9) since "1945" → "1946"' in lines
    assert (
        "- removed: missing_city (missions, canada-and-the-americas line 15): the permanent mission of CAN is stated "
        "without a city [canada-and-the-americas:00015:missions:missing_city]"
    ) in lines
    assert (
        '- removed: (CAN, pacific-alliance, canada-and-the-americas, 19) status "observer", status_raw "observer to", '
        'since "2012", since_precision "year", evidence "Canada became the first non-Latin American observer to the '
        'Pacific Alliance in 2012 and is committed to deepening its relationship further."'
    ) in lines
    assert "### memberships (+0 −1 ~1)" in lines


@pytest.fixture(scope="module")
def snapshots(arrow_tables):
    return snapshots_from_tables(arrow_tables), snapshots_from_tables(without_document(arrow_tables))


def test_added_rows_are_shown_whole_and_the_first_ones_then_a_count(snapshots, monkeypatch):
    monkeypatch.setattr(changelog, "MAX_ROWS_LISTED", 1)
    full, without = snapshots
    notes = release_notes("1.0.2", "1.0.1", diff_tables(without, full), "abc").splitlines()
    quality = notes.index("### quality_issues (+2 −0 ~0)")
    assert notes[quality + 1 : quality + 4] == [
        "",
        "- added: missing_city (missions, canada-and-the-americas line 15): the permanent mission of CAN is stated "
        "without a city [canada-and-the-americas:00015:missions:missing_city]",
        "- and 1 more added rows",
    ]
    assert (
        '- added: (canada-and-the-americas) file_name "canada-and-the-americas.txt", title "Canada and the Americas", '
        'publisher "Government of Canada", document_format "web_page", '
        'sha256 "c003fe1c48d0ad8a3f2786408660ca35fac703cfde0e54029a272f16ed80e620", bytes 2020, lines 27, '
        "url null, retrieved null, revision null"
    ) in notes


def test_a_null_shows_as_null_and_no_change_says_so(snapshots):
    full, without = snapshots
    notes = release_notes("1.0.1", "1.0.0", diff_tables(full, without), None)
    assert (
        "- removed: (canada-and-the-americas, 15, CAN, null, permanent mission, oas) host_country_code null, "
        'mission_type_raw "Permanent Mission", '
        'evidence "For more information, see Permanent Mission of Canada to the OAS."'
    ) in notes.splitlines()
    same = release_notes("1.0.1", "1.0.0", diff_tables(full, full), None)
    assert same.splitlines()[2] == "No changes from 1.0.0; built from code unknown."


def test_diff_refuses_a_release_that_does_not_verify(tmp_path, arrow_tables, capsys):
    cut_release(arrow_tables, tmp_path)
    cut_release(without_document(arrow_tables), tmp_path)
    (releases_dir(tmp_path) / "1.0.1" / "CHANGELOG.md").write_text("# 1.0.1\n\nAll is well.\n")
    assert main(["diff", "1.0.0", "1.0.1", "--outputs-dir", str(tmp_path)]) == 1
    assert "release 1.0.1 does not verify, so it is not diffed" in capsys.readouterr().err
    assert main(["diff", "1.0.0", "9.9.9", "--outputs-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"no such release 9.9.9 in {releases_dir(tmp_path)} (releases: 1.0.0, 1.0.1)\n"
