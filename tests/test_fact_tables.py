"""The fact tables pass validation together with everything else, and publish to DuckDB."""

import duckdb

from pipeline.publish.duckdb_file import build_duckdb

FACT_TABLES = ("missions", "envoys", "agreements", "disputes", "funding")


def test_full_pipeline_validates(tables):
    for name in FACT_TABLES:
        frame = tables[name]
        assert len(frame) > 0, name
        assert frame["source_id"].notna().all() and frame["line"].notna().all() and frame["evidence"].notna().all()


def test_every_row_with_an_unresolved_country_has_a_quality_issue(tables):
    issues = tables["quality_issues"]
    flagged = set(zip(issues["table_name"], issues["source_id"], issues["line"]))
    missions = tables["missions"]
    for _, row in missions[missions["host_country_code"].isna() | missions["city"].isna()].iterrows():
        assert ("missions", row["source_id"], row["line"]) in flagged
    funding = tables["funding"]
    for _, row in funding[funding["currency"].isna()].iterrows():
        assert ("funding", row["source_id"], row["line"]) in flagged


def test_missions_distinct_view_counts_every_statement_of_one_mission(arrow_tables, tmp_path):
    path = tmp_path / "relations.duckdb"
    build_duckdb(arrow_tables, path)
    connection = duckdb.connect(str(path), read_only=True)
    try:
        moscow = connection.execute(
            "SELECT sources, statements FROM missions_distinct WHERE city = 'Moscow' AND mission_type = 'embassy'"
        ).fetchall()
        consulates = connection.execute(
            "SELECT count(*) FROM missions_distinct WHERE sending_country_code = 'CAN' AND host_country_code = 'USA' "
            "AND mission_type = 'consulate general'"
        ).fetchone()
    finally:
        connection.close()
    assert moscow == [(["canada-russia-relations"], 2)]  # the infobox and the 'Diplomatic relations' sentence
    assert consulates == (12,)
