"""Smoke test of the benchmark's corpus generator, so they do not rot between benchmark runs (a few seconds)."""

from __future__ import annotations

from collections import Counter

from pipeline.build import validated_tables
from pipeline.documents.reading import read_raw_documents
from pipeline.extract import RELEASE_BLOCKING_KINDS, extract_document
from pipeline.extract.subject import document_subject
from pipeline.resolve.countries import resolve_country
from tests.benchmarks.corpus import PARTNERS, SUBJECTS, change_one_document, generate_corpus, swap_country

N = 6


def test_every_subject_and_partner_is_a_country_the_pipeline_resolves():
    names = [*SUBJECTS, *(p for partners in PARTNERS.values() for p in partners)]
    assert [n for n in names if resolve_country(n) is None] == []


def test_swapping_the_subject_swaps_both_ways_and_keeps_other_words():
    text = "Canada and Kenya; Canadians and Kenyans; a Canadian in Canadian-Kenyan talks; Canadaville. CANADA"
    assert swap_country(text, "Kenya") == "Kenya and Canada; Kenyans and Canadians; a Kenyan in Kenyan-Canadian talks; Canadaville. KENYA"


def test_the_corpus_is_deterministic_and_varied(tmp_path):
    first = generate_corpus(tmp_path / "a", N, seed=3)
    second = generate_corpus(tmp_path / "b", N, seed=3)
    other = generate_corpus(tmp_path / "c", N, seed=4)
    assert [d.path.read_bytes() for d in first] == [d.path.read_bytes() for d in second]
    assert [d.path.read_bytes() for d in first] != [d.path.read_bytes() for d in other]
    assert len({d.path.name for d in first}) == N


def test_the_corpus_builds_cleanly_in_all_three_formats(tmp_path):
    documents = generate_corpus(tmp_path, N)
    results = [extract_document(raw) for raw in read_raw_documents(tmp_path)]
    assert Counter(r.source["document_format"] for r in results) == {"wiki_article": 3, "web_page": 2, "fact_sheet": 1}
    assert [i for r in results for i in r.extraction.issues if i.kind in RELEASE_BLOCKING_KINDS] == []
    for document, result in zip(documents, results):  # each document is about its swapped-in subject
        assert document_subject(result.source["title"], None).primary == resolve_country(document.subject), result.source["title"]
    tables = validated_tables(results)  # raises ValidationFailed if a generated document breaks the contract
    assert len(tables["bilateral_relations"]) > 78  # the seed's tables, made longer
    assert tables["organizations"]["in_registry"].eq(False).any()  # renamed organizations


def test_changing_one_document_changes_exactly_one_file(tmp_path):
    generate_corpus(tmp_path, N)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    changed = change_one_document(tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert [name for name in before if before[name] != after[name]] == [changed.name]

