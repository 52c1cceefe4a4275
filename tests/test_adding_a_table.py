"""Adding a table or a column is the edits the README lists, and nothing else.

A copy of the code gets exactly those edits (a model and its entry in
schemas.MODELS, an extractor and its entry in EXTRACTORS; a Field and the
value its extractor writes), then the CLI builds in a subprocess. The new
table and column must reach every place a table is published: Dagster's
assets and checks, Parquet, DuckDB (with comments), the release's
datapackage.json and CSV copies, and the data dictionary in the DuckDB file.
"""

import json
import os
import re
import shutil
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow

TOY_MODEL = '''"""toy_notes: one row per 'NOTE:' paragraph (a table added by a test)."""

import pandera.pandas as pa

from schemas._base import Evidence, String


class ToyNotesSchema(Evidence):
    note: String = pa.Field(str_length={"min_value": 1}, description="The note after 'NOTE:'.")

    class Config:
        name = "toy_notes"
        description = "One row per paragraph that starts with NOTE:."
        unique = ["source_id", "line"]
'''

TOY_EXTRACTOR = '''"""toy_notes: paragraphs that start with 'NOTE:'."""

from pipeline.extract.base import DocumentContext, Extraction


def extract(context: DocumentContext) -> Extraction:
    result = Extraction()
    for paragraph in context.document.paragraphs:
        if paragraph.text.startswith("NOTE:"):
            row = {"note": paragraph.text[5:].strip(), "source_id": context.source_id, "line": paragraph.line}
            result.add("toy_notes", {**row, "evidence": paragraph.text})
    return result
'''

DOCUMENT = "= Foreign relations of Canada =\n\nCanada joined the OAS in 1990.\n\nNOTE: added by a test.\n"


def edit(path, pattern: str, replacement: str) -> None:
    text = path.read_text()
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, f"{path}: {pattern!r} not found"
    path.write_text(changed)


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the project with a new table (toy_notes) and a new column (sources.title_words), built once."""
    root = tmp_path_factory.mktemp("project")
    for name in ("pipeline", "schemas", "pyproject.toml"):
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    # A new table: its model and its line in MODELS, its extractor and its line in EXTRACTORS.
    (root / "schemas" / "toy_notes.py").write_text(TOY_MODEL)
    edit(
        root / "schemas" / "__init__.py",
        r"^(from schemas.sources import SourcesSchema)$",
        r"\1\nfrom schemas.toy_notes import ToyNotesSchema",
    )
    edit(root / "schemas" / "__init__.py", r"^(    QualityIssuesSchema,)$", r"\1\n    ToyNotesSchema,")
    (root / "pipeline" / "extract" / "toy_notes.py").write_text(TOY_EXTRACTOR)
    edit(root / "pipeline" / "extract" / "__init__.py", r"^(    organizations,)$", r"\1\n    toy_notes,")
    edit(root / "pipeline" / "extract" / "__init__.py", r"^(    funding\.extract,)$", r"\1\n    toy_notes.extract,")
    # A new column: its Field, and the value its extractor writes.
    edit(
        root / "schemas" / "sources.py",
        r"^(    lines: .*)$",
        r'\1\n    title_words: Series[int] = pa.Field(ge=0, description="Words in the title.")',
    )
    edit(
        root / "pipeline" / "extract" / "__init__.py",
        r'^(        "lines": lines,)$',
        r'\1\n        "title_words": len((title or "").split()),',
    )
    raw = root / "raw"
    raw.mkdir()
    (raw / "notes.txt").write_text(DOCUMENT)
    outputs = root / "outputs"
    env = {key: value for key, value in os.environ.items() if key != "DAGSTER_HOME"}
    env["PYTHONPATH"] = str(root)
    command = [sys.executable, "-m", "pipeline.cli", "build", "--raw-dir", str(raw), "--outputs-dir", str(outputs)]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return outputs, done.stdout


def test_the_new_table_is_an_asset_with_a_blocking_check_and_a_parquet_file(extended):
    outputs, printed = extended
    assert "check toy_notes.pandera_schema: passed" in printed
    assert "toy_notes=1" in printed
    table = pq.read_table(outputs / "parquet" / "toy_notes.parquet")
    assert table.to_pylist() == [
        {"note": "added by a test.", "source_id": "notes", "line": 5, "evidence": "NOTE: added by a test."}
    ]
    assert table.schema.field("note").metadata[b"description"] == b"The note after 'NOTE:'."


def test_the_new_table_and_column_are_in_duckdb_with_their_comments(extended):
    outputs, _ = extended
    connection = duckdb.connect(str(outputs / "canada_relations.duckdb"), read_only=True)
    try:
        assert connection.execute("SELECT note FROM toy_notes").fetchall() == [("added by a test.",)]
        comment = "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?"
        assert connection.execute(comment, ["sources", "title_words"]).fetchone()[0] == "Words in the title."
        assert connection.execute("SELECT title_words FROM sources").fetchall() == [(4,)]
    finally:
        connection.close()


def test_the_release_describes_the_new_table_and_column(extended):
    outputs, _ = extended
    release = outputs / "releases" / "1.0.0"
    descriptor = json.loads((release / "datapackage.json").read_text())
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert resources["toy_notes"]["schema"]["primaryKey"] == ["source_id", "line"]
    assert "title_words" in [field["name"] for field in resources["sources"]["schema"]["fields"]]
    assert (release / "toy_notes.csv").read_text().splitlines()[1] == "added by a test.,notes,5,NOTE: added by a test."
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["tables"]["toy_notes"]["rows"] == 1
