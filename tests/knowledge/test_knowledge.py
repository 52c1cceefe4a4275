"""pipeline/knowledge: every data file loads, holds what the extractors rely on, and a bad edit fails loudly."""

import shutil

import pycountry
import pytest

import pipeline.knowledge as knowledge
from pipeline.documents.parse import detect_format
from pipeline.extract.inflection import inflections
from pipeline.resolve.countries import display_name, home_country, resolve_country


@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    """A writable copy of the knowledge folder that the loaders read instead (caches cleared before and after)."""
    folder = tmp_path / "knowledge"
    shutil.copytree(knowledge.KNOWLEDGE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", folder)
    for loader in (knowledge.home_country_code, knowledge.publisher_countries, knowledge.web_page_chrome):
        loader.cache_clear()
    yield folder
    for loader in (knowledge.home_country_code, knowledge.publisher_countries, knowledge.web_page_chrome):
        loader.cache_clear()


def test_the_home_country_is_canada_and_a_real_code():
    assert knowledge.home_country_code() == "CAN"
    assert home_country().name == "Canada"
    assert pycountry.countries.get(alpha_3=knowledge.home_country_code()) is not None


def test_a_home_country_that_is_not_a_code_is_refused(knowledge_copy):
    (knowledge_copy / "dataset.toml").write_text('home_country = "Canada"\n')
    with pytest.raises(knowledge.KnowledgeError, match=r"dataset.toml: home_country must be an ISO 3166 alpha-3 code"):
        knowledge.home_country_code()


def test_every_publisher_speaks_for_a_country_that_resolves():
    publishers = knowledge.publisher_countries()
    assert publishers["Government of Canada"] == "Canada"
    assert all(resolve_country(country) is not None for country in publishers.values())


def test_web_page_chrome_separates_navigation_footer_and_content():
    chrome = knowledge.web_page_chrome()
    assert chrome.is_chrome("Skip to main content") and chrome.is_chrome("SEARCH")
    assert chrome.starts_footer("Report a problem on this page")
    assert chrome.is_chrome("Date modified: 2024-03-01")
    assert chrome.identifies_web_page("Date modified: 2024-03-01") and not chrome.identifies_web_page("Search")
    assert not chrome.is_chrome("Canada and the Americas")
    assert detect_format(["A page title", "", "Some text.", "", "Date modified: 2024-03-01"]) == "web_page"


def test_a_chrome_row_with_an_unknown_role_names_its_line(knowledge_copy):
    path = knowledge_copy / "web_page_chrome.csv"
    path.write_text(path.read_text() + "Sign in,header,no,\n")
    with pytest.raises(knowledge.KnowledgeError, match=r"web_page_chrome.csv:8: role must be one of"):
        knowledge.web_page_chrome()


def test_a_missing_column_or_empty_cell_names_the_file_and_line(knowledge_copy):
    (knowledge_copy / "publishers.csv").write_text("publisher\nGovernment of Canada\n")
    with pytest.raises(knowledge.KnowledgeError, match=r"publishers.csv:1: missing columns \['country'\]"):
        knowledge.publisher_countries()
    (knowledge_copy / "demonyms.csv").write_text("demonym,code,source,note\nCanadian,CAN,curated,\nKenyan,KEN,,\n")
    with pytest.raises(knowledge.KnowledgeError, match=r"demonyms.csv:3: empty source"):
        knowledge.demonym_rows()


def test_every_country_alias_names_a_known_code_or_nothing():
    rows = knowledge.country_alias_rows()
    assert {"alias": "Soviet Union", "code": "SUN"}.items() <= next(
        r for r in rows if r["alias"] == "Soviet Union"
    ).items()
    for row in rows:
        if row["code"]:
            assert display_name(row["code"]), row
    assert resolve_country("Kosovo").code == "XKX" and resolve_country("Latin America") is None


def test_every_demonym_names_a_known_code_or_none():
    rows = knowledge.demonym_rows()
    canadian = next(r for r in rows if r["demonym"] == "Canadian")
    assert canadian["code"] == "CAN" and canadian["source"].startswith("world-countries")
    assert all(display_name(row["code"]) for row in rows if row["code"])
    assert {r["demonym"] for r in rows if not r["code"]} >= {"Congolese", "Dominican", "Guinean", "Georgian"}


def test_territories_are_iso_codes_of_places_that_are_not_states():
    codes = {row["code"] for row in knowledge.territory_rows()}
    assert {"GRL", "PRI", "HKG"} <= codes and not codes & {"DNK", "USA", "CAN"}
    assert all(display_name(code) for code in codes)


def test_organization_registry_rows_have_ids_and_names():
    rows = knowledge.organization_rows()
    nato = next(r for r in rows if r["org_id"] == "nato")
    assert nato["acronym"] == "NATO" and nato["name"]
    assert len({r["org_id"] for r in rows}) == len(rows)


def test_organization_name_words_have_their_roles():
    words = knowledge.organization_name_words()
    assert {"Group", "Council", "Plan", "Summit"} <= words.head
    assert "summit" in words.modifier and "Treaty" in words.same_org
    assert not words.head & {"summit", "meeting"}  # a lower-case word never makes a name


def test_an_organization_name_word_with_an_unknown_role_names_its_line(knowledge_copy):
    knowledge.organization_name_words.cache_clear()
    with (knowledge_copy / "organization_name_words.csv").open("a") as handle:
        handle.write("Bloc,noun,\n")
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"organization_name_words.csv:\d+: role must be one of"):
            knowledge.organization_name_words()
    finally:
        knowledge.organization_name_words.cache_clear()


def test_the_registry_keeps_its_curated_ids_and_grows_from_named_packages():
    rows = knowledge.organization_rows()
    curated = [r for r in rows if r["source"] == "curated"]
    assert len(curated) == 99 and rows[:99] == curated  # published ids: first, unchanged
    assert {"nato", "un", "commonwealth-of-nations", "ioc", "icc", "icct", "g20"} <= {r["org_id"] for r in curated}
    generated = [r for r in rows if r["source"] != "curated"]
    assert generated and all(
        r["source"].startswith(("OECD DAC channel codes", "worldcountrygroups")) for r in generated
    )


def test_generated_registry_rows_resolve_and_risky_acronyms_were_left_out():
    from pipeline.resolve.organizations import lookup

    assert lookup("Council of Europe").org_id == "coe" and lookup("CoE").org_id == "coe"
    assert lookup("Cairns Group").org_id == "cairns-group" and lookup("Colombo Plan").org_id == "colombo-plan"
    assert lookup("CAN") is None  # the Andean Community's acronym is Canada's ISO code
    assert lookup("IDEA") is None and lookup("CP") is None  # an English word; two letters
    assert lookup("IOC").org_id == "ioc"  # a curated row keeps its spelling


def test_relation_words_name_their_relation():
    words = {w.word: w.relation for w in knowledge.relation_words()}
    assert words["embassy"] == "mission" and words["member"] == "membership" and words["treaty"] == "agreement"
    assert words["boundary"] == "dispute" and words["ambassador"] == "envoy"


def test_a_relation_word_with_an_unknown_relation_names_its_line(knowledge_copy):
    knowledge.relation_words.cache_clear()
    with (knowledge_copy / "relation_words.csv").open("a") as handle:
        handle.write("tariff,trade,NOUN,,\n")
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"relation_words.csv:\d+: relation must be one of"):
            knowledge.relation_words()
    finally:
        knowledge.relation_words.cache_clear()


def test_dispute_words_are_lemmas_with_roles_and_frames():
    words = {(w.word, w.pos): w for w in knowledge.dispute_words()}
    assert words[("quarrel", "NOUN")].role == "contest" and words[("quarrel", "NOUN")].frame == "object"
    assert words[("reject", "VERB")].role == "body_decides" and words[("end", "VERB")].frame == "passive"
    assert words[("rule", "VERB")].exclude == ("rules",) and words[("area", "NOUN")].role == "place_noun"


def test_a_dispute_word_with_an_unknown_frame_names_its_line(knowledge_copy):
    knowledge.dispute_words.cache_clear()
    with (knowledge_copy / "dispute_words.csv").open("a") as handle:
        handle.write("squabble,NOUN,contest,somewhere,,\n")
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"dispute_words.csv:\d+: role must be one of"):
            knowledge.dispute_words()
    finally:
        knowledge.dispute_words.cache_clear()


def test_export_control_words_put_countries_on_a_list_or_take_them_off():
    roles = {w.word: w.role for w in knowledge.export_control_words()}
    assert roles["add"] == roles["name"] == roles["include"] == "on" and roles["remove"] == "off"


def test_currency_signs_map_to_iso_4217_codes():
    signs = knowledge.currency_signs()
    by_written = {}
    for sign in signs:
        by_written.setdefault(sign.written, []).append(sign)
    assert [s.currency for s in by_written["C$"]] == ["CAD"] and [s.currency for s in by_written["€"]] == ["EUR"]
    assert [s.currency for s in by_written["$"]] == [None]  # the dollar sign alone does not say whose dollar
    assert {(s.currency, s.country) for s in by_written["¥"]} == {("JPY", "JPN"), ("CNY", "CHN")}
    assert all(pycountry.currencies.get(alpha_3=s.currency) for s in signs if s.currency)
    assert {s.kind for s in signs} == {"symbol", "word"}
    # a sign shared by several currencies must say, for each, which country's it is
    for written, shared in by_written.items():
        if len([s for s in shared if s.currency]) > 1:
            assert all(s.country for s in shared), written


def test_a_currency_sign_with_a_code_that_is_not_iso_4217_is_refused(knowledge_copy):
    path = knowledge_copy / "currency_signs.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Z$,ZWD,symbol,,\n", encoding="utf-8")
    knowledge.currency_signs.cache_clear()
    try:
        with pytest.raises(
            knowledge.KnowledgeError, match=r"currency_signs.csv:\d+: 'ZWD' is not an ISO 4217 currency code"
        ):
            knowledge.currency_signs()
    finally:
        knowledge.currency_signs.cache_clear()


def test_verb_families_have_known_roles_and_expand_to_every_inflection():
    from pipeline.extract.phrases import verb_forms

    families = knowledge.verb_families()
    roles = {family.role for family in families}
    assert roles == set(knowledge.VERB_ROLES)
    assert ("serve as", "envoy_hold") in {(f.lemma, f.role) for f in families}
    assert set(verb_forms("serve as")) == {"serve as", "serves as", "served as", "serving as"}
    assert set(verb_forms("break off", ("VBD", "VBN"))) == {"broke off", "broken off"}
    assert set(verb_forms("establish", ("VBD", "VBN"))) == {"established"}


def test_a_verb_family_with_an_unknown_role_names_its_line(knowledge_copy):
    knowledge.verb_families.cache_clear()
    with (knowledge_copy / "verb_families.csv").open("a") as handle:
        handle.write("accede,joining,\n")
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"verb_families.csv:\d+: role must be one of"):
            knowledge.verb_families()
    finally:
        knowledge.verb_families.cache_clear()


def test_mission_office_words_are_singular_nouns():
    from pipeline.extract.phrases import noun_forms

    words = knowledge.mission_office_words()
    assert {"agency", "delegation", "office"} <= set(words)
    assert all(word == word.lower() and " " not in word for word in words)
    assert set(noun_forms("agency")) == {"agency", "agencies"}


def test_membership_phrases_hold_lemmas_with_valid_roles():
    phrases = knowledge.membership_phrases()
    words = {(p.words, p.after) for p in phrases}
    assert ("accede", ("to",)) in words and ("observer", ("to", "of", "in", "at", "with", "on")) in words
    for phrase in phrases:
        assert phrase.words == phrase.words.lower()
        assert phrase.words in inflections(phrase.words, "VERB" if phrase.kind == "verb" else "NOUN")
    assert {p.status for p in phrases if p.words in ("signatory", "party")} == {"member"}
    assert all(p.objects == "registry" for p in phrases if p.words in ("signatory", "party", "operate"))


def test_a_membership_phrase_with_an_unknown_status_names_its_line(knowledge_copy):
    path = knowledge_copy / "membership_phrases.csv"
    path.write_text(path.read_text() + "cheer,verb,,fan,no,any,,\n")
    knowledge.membership_phrases.cache_clear()
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"membership_phrases.csv:\d+: kind must be one of"):
            knowledge.membership_phrases()
    finally:
        knowledge.membership_phrases.cache_clear()


def test_membership_status_words_map_onto_the_vocabulary():
    words = knowledge.membership_status_words()
    assert words["founder"] == "founding member" and words["full member"] == "member"
    assert "associate" not in words and "withdrew" not in words
