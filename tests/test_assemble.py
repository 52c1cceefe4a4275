"""Assembly from the build state: keys stay unique per document, rows sorted by key, foreign keys checked."""

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from pipeline.assemble import assemble, cross_document_inputs
from pipeline.batch import extract_batch
from pipeline.documents.reading import read_raw_documents
from pipeline.rows import CROSS_DOCUMENT_TABLES, DOCUMENT_TABLES, MEMBERSHIP_COLUMNS, cross_document_rows
from pipeline.state import BuildState, Fragment
from pipeline.validate import foreign_key_failures
from schemas import TABLES, TABLES_BY_NAME
from schemas.arrow import from_arrow, sorted_by_key
from tests.conftest import RAW_DIR


def test_every_document_table_key_includes_source_id():
    """Why keys checked one batch of documents at a time stay unique once documents are put together."""
    assert set(DOCUMENT_TABLES) | set(CROSS_DOCUMENT_TABLES) == {spec.name for spec in TABLES}
    for name in DOCUMENT_TABLES:
        assert "source_id" in TABLES_BY_NAME[name].primary_key or name == "quality_issues", name
    issues = assemble(seed_state()).tables["quality_issues"].to_pylist()
    assert all(
        issue["issue_id"].startswith(issue["source_id"] + ":") for issue in issues
    )  # source ids are slugs: no ':' in them
    assert (
        sum(issue["kind"] == "conflict" and issue["table_name"] == "memberships" for issue in issues) == 4
    )  # NORAD, found across documents


def test_an_extractor_reporting_a_cross_document_conflict_is_refused(results):
    from pipeline.extract.base import Issue
    from pipeline.rows import document_rows

    result = results["canada-russia-relations"]
    result.extraction.issues.append(Issue("memberships", "canada-russia-relations", 5, "conflict", "made up"))
    try:
        with pytest.raises(ValueError, match="found across documents"):
            document_rows([result])
    finally:
        result.extraction.issues.pop()


def test_sorting_puts_nulls_last_in_every_key_like_the_contract_says():
    table = assemble(seed_state()).tables["missions"]
    shuffled = table.take(pa.array(list(range(table.num_rows))[::-1]))
    again = sorted_by_key("missions", shuffled)
    assert again.equals(table)
    frame = table.to_pandas()
    assert frame.equals(
        frame.sort_values(
            list(TABLES_BY_NAME["missions"].primary_key), kind="mergesort", na_position="last"
        ).reset_index(drop=True)
    )
    assert frame["accredited_to"].isna().any() and frame["accredited_to"].notna().any()


def test_a_foreign_key_to_a_missing_organization_names_its_row():
    tables = assemble(seed_state()).tables
    without_un = tables["organizations"].filter(pc.not_equal(tables["organizations"]["org_id"], "un"))
    failures = foreign_key_failures(dict(tables, organizations=without_un))
    cases = failures["memberships"]
    assert set(cases["failure_case"]) == {"un"}
    assert ("foreign-relations-of-canada", "9") in set(zip(cases["source_id"], cases["line"]))
    as_pandas = foreign_key_failures(
        {name: from_arrow(table) for name, table in dict(tables, organizations=without_un).items()}
    )
    assert failures.keys() == as_pandas.keys()  # the assembled Arrow tables and pandas frames: the same cases
    for name, frame in failures.items():
        pd.testing.assert_frame_equal(frame, as_pandas[name])
    frames = {name: from_arrow(table) for name, table in dict(tables, organizations=without_un).items()}
    frames["memberships"].index += 1000  # a frame's rows are named by its own index, not by position
    shifted = foreign_key_failures(frames)["memberships"]
    assert list(shifted["index"]) == [str(int(i) + 1000) for i in cases["index"]]
    assert list(zip(shifted["source_id"], shifted["line"])) == list(zip(cases["source_id"], cases["line"]))
    assert foreign_key_failures(tables) == {}  # null references (missions without accredited_to) are not broken


def seed_state() -> BuildState:
    documents = read_raw_documents(RAW_DIR)
    return BuildState.empty().patched(documents, extract_batch(documents))


def test_the_cross_document_tables_read_a_reduction_of_the_memberships_that_gives_what_all_of_them_give():
    state = seed_state()
    memberships = state.tables["memberships"]
    inputs = cross_document_inputs(state)
    dated = [row for row in memberships.to_pylist() if row["since"]]
    assert len(dated) == 9 and len([row for row in inputs["memberships"] if row["since"]]) == len(dated)
    assert {row["org_id"] for row in inputs["memberships"]} == set(memberships["org_id"].to_pylist())
    assert len(inputs["memberships"]) < memberships.num_rows
    every = dict(inputs, memberships=memberships.select(list(MEMBERSHIP_COLUMNS)).to_pylist())
    assert cross_document_rows(inputs) == cross_document_rows(every)


def test_an_empty_build_state_assembles_into_empty_tables_that_pass():
    assembled = assemble(BuildState.empty().patched([], Fragment()))
    assert assembled.passed
    assert [name for name, table in assembled.tables.items() if table.num_rows] == []
    assert list(assembled.tables) == [spec.name for spec in TABLES]


def test_a_conflict_names_three_disagreeing_sources_and_counts_the_rest():
    """Many sources stating one membership with other dates: each row's issue names the first three rows of other
    sources (in source_id, line order) and counts the rest; a source's own rows are never named against it."""
    from pipeline.rows import membership_conflicts

    def row(source_id, line, since):
        return {"country_code": "CAN", "org_id": "norad", "since": since, "source_id": source_id, "line": line}

    rows = [row("a", 1, "1958"), row("a", 9, "1957"), *(row(f"s{n}", 2, "1957") for n in range(5)), row("z", 3, "1958")]
    details = {(i.source_id, i.line): i.detail for i in membership_conflicts(rows)}
    assert details[("a", 1)] == (
        "CAN in norad since 1958 here, but s0 line 2 says 1957; s1 line 2 says 1957; s2 line 2 says 1957; and 2 more"
    )
    assert details[("z", 3)] == (
        "CAN in norad since 1958 here, but a line 9 says 1957; s0 line 2 says 1957; s1 line 2 says 1957; and 3 more"
    )
    assert details[("s4", 2)] == "CAN in norad since 1957 here, but a line 1 says 1958; z line 3 says 1958"
    assert details[("a", 9)] == "CAN in norad since 1957 here, but z line 3 says 1958"
    assert len(details) == 8  # every row has a disagreeing row of another source
