from tests.schemas.helpers import assert_valid, failed_checks

GOOD = {
    "source_id": "canada-russia-relations",
    "file_name": "canada-russia-relations.txt",
    "title": "Canada–Russia relations",
    "publisher": "Wikipedia",
    "document_format": "wiki_article",
    "sha256": "e" * 64,
    "bytes": 15889,
    "lines": 102,
    "url": "https://en.wikipedia.org/wiki/Canada%E2%80%93Russia_relations",
    "retrieved": None,
    "revision": None,
}


def test_good_frame_is_coerced():
    frame = assert_valid("sources", [GOOD])
    assert str(frame["bytes"].dtype) == "int64" and str(frame["title"].dtype).startswith("string")


def test_bad_frame_names_each_failed_check():
    bad = {**GOOD, "source_id": "Not A Slug", "document_format": "pdf", "sha256": "xyz", "bytes": -1}
    assert {
        "str_matches('^[a-z0-9][a-z0-9-]*$')",
        "isin(['wiki_article', 'web_page', 'fact_sheet', 'plain_text', 'unreadable'])",
        "greater_than_or_equal_to(0)",
    } <= failed_checks("sources", [bad])
    assert "multiple_fields_uniqueness" in failed_checks("sources", [GOOD, GOOD])


def test_provenance_is_a_url_and_a_day_or_nothing():
    assert (
        assert_valid("sources", [{**GOOD, "url": None, "retrieved": "2026-11-30", "revision": "1234567"}]).loc[
            0, "revision"
        ]
        == "1234567"
    )
    checks = failed_checks("sources", [{**GOOD, "url": "en.wikipedia.org/wiki/X", "retrieved": "30 November 2026"}])
    assert {"str_matches('^https?://\\S+$')", "str_matches('^\\d{4}-\\d{2}-\\d{2}$')"} <= checks
