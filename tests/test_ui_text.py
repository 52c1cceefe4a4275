"""Text the Dagster UI shows renders as written: no description or markdown metadata holds a raw angle bracket.

The UI renders descriptions (of assets, checks, jobs, ops, sensors, resources, loggers, config fields and table
columns) and markdown metadata through a sanitizer that drops anything shaped like an HTML tag, so `<version>`
written outside a code span simply vanishes. The scan reads the code location's snapshot, which is what the
webserver is sent, so a kind of definition added later is covered without this test naming it.
"""

import json
import re

import dagster as dg
import pandas as pd
import pytest
from dagster._core.remote_representation.external_data import RepositorySnap
from dagster_shared.serdes import serialize_value

from pipeline.assets.metadata import escape_markup, markdown_table, markdown_text
from pipeline.definitions import defs

# A code span or fenced block (`<v>`, ``a`b<c>``, ```...```) shows its text as written.
CODE = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


def raw_markup(markdown: str) -> list[str]:
    """Angle brackets the sanitizer would act on: outside code spans and not backslash-escaped."""
    prose = re.sub(r"\\.", "", CODE.sub("", markdown))
    return re.findall(r"<[^>\n]*>?|>", prose)


def ui_texts(definitions: dg.Definitions) -> dict[str, str]:
    """Every description and markdown metadata value of the code location's snapshot, with where it was found."""
    return texts_in(RepositorySnap.from_def(definitions.get_repository_def()))


def texts_in(value) -> dict[str, str]:
    """Every description and markdown metadata value in a serializable Dagster object, with where it was found."""
    snapshot = json.loads(serialize_value(value))
    found: dict[str, str] = {}

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            name = node.get("name") or node.get("key") or ""
            here = f"{where}/{name}" if isinstance(name, str) and name else where
            for key, value in node.items():
                if key in ("description", "md_str") and isinstance(value, str):
                    found.setdefault(value, f"{here}.{key}")
                walk(value, here)
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(snapshot, "")
    return found


def test_every_description_and_markdown_value_in_the_code_location_renders_as_written():
    texts = ui_texts(defs)
    offending = {where: raw_markup(text) for text, where in texts.items() if raw_markup(text)}
    assert not offending, f"angle brackets the UI would drop (use backticks or words): {offending}"


def test_the_scan_reaches_every_kind_of_description():
    """The walk must see assets, ops, checks, jobs, sensors, resources, loggers and column descriptions."""
    texts = set(ui_texts(defs))
    graph = defs.resolve_asset_graph()
    expected = {
        graph.get(dg.AssetKey("dataset_release")).description,
        graph.get_check_spec(dg.AssetCheckKey(dg.AssetKey("quality_issues"), "every_document_extracted")).description,
        defs.resolve_job_def("build_all").description,
        defs.resolve_sensor_def("raw_files_sensor").description,
        defs.resolve_job_def("build_all")
        .graph.node_named("document_tables")
        .definition.node_named("patch_state")
        .definition.description,
        defs.loggers["progress"].description,
        "Values between steps as files under `base_dir/<run_id>/` (default: the instance's storage folder).",
        "Stable slug of the file name.",  # a column of sources
    }
    assert expected <= texts, expected - texts


def test_the_scan_finds_a_tag_in_a_description():
    @dg.asset(description="Cut into outputs/releases/<version>/ when the tables changed.")
    def tagged():
        return None

    texts = ui_texts(dg.Definitions(assets=[tagged]))
    assert [raw_markup(text) for text in texts if "outputs/releases" in text] == [["<version>"]]


@pytest.mark.slow
def test_the_markdown_a_build_records_renders_as_written(raw_copy, tmp_path):
    """Tables of refused files, per-document counts and check failures hold data: missing lines, any text."""
    from pipeline.run import run_build

    (raw_copy / "noise <draft>.txt").write_bytes(b"\xff" + bytes(range(256)))  # a legal name, and refused
    outside = tmp_path / "outside.txt"
    outside.write_text("Canada is a member of NATO.\n")
    (raw_copy / "linked.txt").symlink_to(outside)  # refused before it is read: its issue has no line
    run = run_build(raw_dir=raw_copy, outputs_dir=tmp_path / "outputs")
    markdown = {text: where for event in run.result.all_events for text, where in texts_in(event).items()}
    assert any("linked" in text and r"noise \<draft\>.txt" in text for text in markdown), (
        "no table of the refused files"
    )
    offending = {where: raw_markup(text) for text, where in markdown.items() if raw_markup(text)}
    assert not offending


def test_a_table_cell_shows_missing_values_tags_and_pipes_as_written():
    frame = pd.DataFrame(
        {
            "line": pd.array([1, None], dtype="Int64"),
            "detail": ["type list<item: string> | other", "two\nlines"],
            "codes": [["CAN", "USA"], []],
        }
    )
    markdown = markdown_table(frame).md_str
    assert raw_markup(markdown) == [], markdown
    assert "<NA>" not in markdown and "|  | two lines |" in markdown
    assert r"type list\<item: string\> \| other" in markdown


def test_a_changelog_keeps_its_types_and_its_code_spans():
    notes = "- `funding`: column `amount` changed type double → list<item: double>\n- `x`: key `<k>` kept\n"
    escaped = markdown_text(notes).md_str
    assert raw_markup(escaped) == []
    assert r"list\<item: double\>" in escaped and "`<k>`" in escaped
    assert escape_markup("no markup") == "no markup"
