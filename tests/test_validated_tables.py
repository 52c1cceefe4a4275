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


def test_an_empty_batch_table_is_validated_once_with_the_outcome_pandera_gives(monkeypatch):
    """The empty frames of a one-document batch reuse one Pandera outcome per model: the same frame, the same types;
    an empty frame that is not contract-shaped still goes to Pandera and fails, and a model that refused no rows
    would refuse them every time."""
    import copy

    import pandas as pd
    import pandera.pandas as pa_pandas

    from pipeline import validate
    from pipeline.rows import rows_frame
    from schemas import TABLES, TABLES_BY_NAME

    validate._validated_empty.cache_clear()
    for spec in TABLES:
        reused, cases = validate.validate_frame(spec.name, rows_frame(spec.name, []))
        direct, _ = validate._validated(spec.name, rows_frame(spec.name, []))
        pd.testing.assert_frame_equal(reused, direct)
        assert cases.empty
        reused.loc[0] = None  # a caller that changes what it got changes nothing for the next one
        again, _ = validate.validate_frame(spec.name, rows_frame(spec.name, []))
        pd.testing.assert_frame_equal(again, direct)
    assert validate._validated_empty.cache_info().hits == len(TABLES)  # each model was validated once
    missing_column = rows_frame("memberships", []).drop(columns=["org_id"])
    failed, cases = validate.validate_frame("memberships", missing_column)
    assert failed is None and "org_id" in " ".join(cases["failure_case"])

    strict = copy.deepcopy(TABLES_BY_NAME["funding"].dataframe_schema)
    strict.checks = [*strict.checks, pa_pandas.Check(lambda frame: len(frame) > 0, name="some_rows")]
    model = type(TABLES_BY_NAME["funding"])(TABLES_BY_NAME["funding"].schema)
    model.__dict__["dataframe_schema"] = strict  # a cached_property's value: the spec itself is frozen
    monkeypatch.setitem(TABLES_BY_NAME, "funding", model)
    validate._validated_empty.cache_clear()
    try:
        for _ in range(2):
            refused, cases = validate.validate_frame("funding", rows_frame("funding", []))
            assert refused is None and not cases.empty
    finally:
        validate._validated_empty.cache_clear()
