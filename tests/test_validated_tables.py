"""The real raw folder passes every table's schema and foreign keys, new tables included."""

from collections import Counter


def test_the_full_pipeline_validates(tables):
    assert len(tables["bilateral_relations"]) == 77 + 2  # table rows, plus Russia and China from prose
    assert len(tables["diplomatic_relations"]) == 196
    assert len(tables["export_controls"]) == 34
    issues = tables["quality_issues"]
    ours = issues[issues["table_name"].isin(["bilateral_relations", "diplomatic_relations", "export_controls"])]
    assert Counter(zip(ours["table_name"], ours["kind"])) == {
        ("bilateral_relations", "unresolved_country"): 9,
        ("diplomatic_relations", "unresolved_country"): 1,
    }
