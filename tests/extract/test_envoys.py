"""envoys: infobox title/name pairs and prose that puts a person beside a title."""

import pytest

from pipeline.extract import extract_document
from pipeline.extract.envoys import read_title
from tests.conftest import WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, raw_from_text


def envoys(results, source_id):
    return results[source_id].extraction.rows.get("envoys", [])


def one(rows, **wanted):
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_both_infobox_envoys_with_their_titles(results):
    rows = envoys(results, WIKI_RUSSIA)
    taylor = one(rows, person="Sarah Taylor", line=8)  # the Envoy1 line; the evidence quotes Envoytitle1 too
    assert (taylor["role"], taylor["title_raw"], taylor["sending_country_code"], taylor["receiving_country_code"]) == (
        "ambassador",
        "Ambassador of Canada to Russia",
        "CAN",
        "RUS",
    )
    assert taylor["evidence"] == "Envoytitle1: Ambassador of Canada to Russia\nEnvoy1: Sarah Taylor"
    stepanov = one(rows, person="Oleg Stepanov", line=10)
    assert (stepanov["title_raw"], stepanov["sending_country_code"], stepanov["receiving_country_code"]) == (
        "Ambassador of Russia to Canada",
        "RUS",
        "CAN",
    )


def test_appointed_in_a_month_sets_since_at_month_precision(results):
    taylor = one(envoys(results, WIKI_RUSSIA), person="Sarah Taylor", line=82)
    assert (taylor["since"], taylor["since_precision"], taylor["as_of"]) == ("2023-11", "month", None)
    assert (taylor["sending_country_code"], taylor["receiving_country_code"]) == ("CAN", "RUS")
    assert taylor["evidence"] == "The Canadian ambassador to Russia is Sarah Taylor, appointed in November 2023."


def test_possessive_title_in_prose(results):
    stepanov = one(envoys(results, WIKI_RUSSIA), person="Oleg Stepanov", line=82)
    assert (
        stepanov["title_raw"],
        stepanov["sending_country_code"],
        stepanov["receiving_country_code"],
        stepanov["since"],
    ) == ("Russia's ambassador to Canada", "RUS", "CAN", None)


def test_official_named_with_a_demonym_title_is_dated_as_of_not_since(results):
    wilkins = one(envoys(results, WIKI_CANADA), person="David Wilkins")
    assert (wilkins["role"], wilkins["sending_country_code"], wilkins["receiving_country_code"]) == (
        "ambassador",
        "USA",
        "CAN",
    )
    assert (wilkins["as_of"], wilkins["as_of_precision"], wilkins["since"]) == ("2006-01", "month", None)


def test_participants_listed_with_their_posts(results):
    rows = envoys(results, WIKI_RUSSIA)
    mamedov = one(rows, person="Georgiy Mamedov")
    assert (mamedov["sending_country_code"], mamedov["receiving_country_code"]) == ("RUS", "CAN")
    sloan = one(rows, person="Joan Sloan")
    assert (sloan["sending_country_code"], sloan["receiving_country_code"]) == ("CAN", "RUS")


def test_heads_of_government_are_not_envoys(results):
    people = {r["person"] for source in results for r in envoys(results, source)}
    assert people == {"Sarah Taylor", "Oleg Stepanov", "David Wilkins", "Georgiy Mamedov", "Joan Sloan"}
    assert envoys(results, WEB_UNITED_STATES) == []


def test_a_title_naming_no_country_takes_the_order_of_the_document_title():
    text = (
        "= Canada–Japan relations =\n\nInfobox\n- Envoytitle1: Ambassador\n- Envoy1: Ann "
        "Example\n- Envoytitle2: Ambassador\n- Envoy2: Ken Sample\n\nText.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["envoys"]
    assert [(r["person"], r["sending_country_code"], r["receiving_country_code"]) for r in rows] == [
        ("Ann Example", "CAN", "JPN"),
        ("Ken Sample", "JPN", "CAN"),
    ]


def test_an_unresolvable_side_is_null_with_a_quality_issue():
    text = "= Foreign relations of Canada =\n\nJane Roe, the ambassador to Atlantis, spoke.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["envoys"]
    assert (row["person"], row["sending_country_code"], row["receiving_country_code"]) == ("Jane Roe", None, None)
    assert sorted(i.kind for i in result.extraction.issues if i.table_name == "envoys") == [
        "unresolved_country",
        "unresolved_country",
    ]


@pytest.mark.parametrize(
    ("title", "role", "sender", "receiver"),
    [
        ("Ambassador of Canada to Russia", "ambassador", "CAN", "RUS"),
        ("the Canadian High Commissioner to India", "high commissioner", "CAN", "IND"),
        ("Consul-General of Japan to Canada", "consul general", "JPN", "CAN"),
        ("Ambassador", "ambassador", None, None),
    ],
)
def test_read_title(title, role, sender, receiver):
    read = read_title(title)
    assert (read.role, read.sender.code if read.sender else None, read.receiver.code if read.receiver else None) == (
        role,
        sender,
        receiver,
    )


# --- phenomena read from short texts written for the tests ----------------------------------------------


def rows_of(text: str) -> list[dict]:
    return extract_document(raw_from_text(text)).extraction.rows.get("envoys", [])


def sides(row) -> tuple:
    return (row["sending_country_code"], row["receiving_country_code"])


def dated(row) -> tuple:
    return (row["since"], row["since_precision"], row["as_of"], row["as_of_precision"])


def test_infobox_pairs_by_number_not_by_adjacency_with_the_other_country_listed_first():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Envoytitle2: Ambassador of Canada to Peru\n- Envoy1: Ken Sample\n"
        "- Envoytitle1: Ambassador of Peru to Canada\n- Envoy2: Ann Example\n\nText.\n"
    )
    rows = rows_of(text)
    assert {(r["person"], *sides(r)) for r in rows} == {("Ken Sample", "PER", "CAN"), ("Ann Example", "CAN", "PER")}


def test_a_bare_infobox_title_takes_the_reverse_of_the_other_side():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Envoytitle1: High Commissioner of Peru to "
        "Canada\n- Envoy1: Ken Sample\n"
        "- Envoytitle2: Ambassador ()\n- Envoy2: , Ann Example\n\nText.\n"
    )
    ann = one(rows_of(text), person="Ann Example")
    assert (ann["role"], *sides(ann)) == ("ambassador", "CAN", "PER")


def test_a_vacant_post_gives_no_row_but_an_issue_and_two_names_give_two_rows():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Envoytitle1: Ambassador of Peru to Canada\n- "
        "Envoy1: Vacant\n- Envoytitle2: Ambassador of Canada to Peru\n- Envoy2: Ann Example; Ken "
        "Sample\n\nText.\n"
    )
    result = extract_document(raw_from_text(text))
    assert sorted(r["person"] for r in result.extraction.rows["envoys"]) == ["Ann Example", "Ken Sample"]
    assert [i.kind for i in result.extraction.issues if i.table_name == "envoys"] == ["vacant_post"]


def test_first_ambassador_was_a_person_who_served_from_a_year():
    (row,) = rows_of(
        "= Canada–Peru relations =\n\nThe first ambassador of Canada to Peru was Ann Example, who "
        "served from 1944 to 1946.\n"
    )
    assert (row["person"], row["role"], *sides(row), *dated(row)) == (
        "Ann Example",
        "ambassador",
        "CAN",
        "PER",
        "1944",
        "year",
        None,
        None,
    )


def test_appointed_on_a_day_and_the_other_side_from_the_document():
    (row,) = rows_of("= Canada–Peru relations =\n\nAnn Example was appointed Ambassador to Peru on 3 March 1944.\n")
    assert (row["person"], *sides(row), *dated(row)) == ("Ann Example", "CAN", "PER", "1944-03-03", "day", None, None)


def test_a_possessive_title_after_the_person_and_its_own_possessive_pronoun():
    text = (
        "= Canada–India relations =\n\nOn 3 May 2021 India named Raj Sample, until then its "
        "ambassador to Spain, as High Commissioner to Canada.\n"
    )
    rows = rows_of(text)
    current = one(rows, role="high commissioner")
    assert (current["person"], *sides(current), *dated(current)) == (
        "Raj Sample",
        "IND",
        "CAN",
        "2021-05-03",
        "day",
        None,
        None,
    )
    former = one(rows, role="ambassador")
    assert (former["person"], *sides(former)) == ("Raj Sample", "IND", "ESP")


def test_person_comma_title_with_since():
    (row,) = rows_of(
        "= Canada–India relations =\n\nAnn Example, Canada's high commissioner to India since 2019, spoke.\n"
    )
    assert (row["person"], row["role"], *sides(row), *dated(row)) == (
        "Ann Example",
        "high commissioner",
        "CAN",
        "IND",
        "2019",
        "year",
        None,
        None,
    )


def test_person_is_and_has_been_title():
    text = (
        "= Canada–Chile relations =\n\nAnn Example is Canada's Ambassador to Chile. Ken Sample has "
        "been Chile's ambassador to Canada since June 2022.\n"
    )
    rows = rows_of(text)
    assert (*sides(one(rows, person="Ann Example")), *dated(one(rows, person="Ann Example"))) == (
        "CAN",
        "CHL",
        None,
        None,
        None,
        None,
    )
    assert (*sides(one(rows, person="Ken Sample")), *dated(one(rows, person="Ken Sample"))) == (
        "CHL",
        "CAN",
        "2022-06",
        "month",
        None,
        None,
    )


def test_a_capitalised_title_before_a_name_and_a_title_comma_name_take_the_sender_from_the_nearest_demonym():
    text = (
        "= Canada–China relations =\n\nBeijing expelled three Canadian diplomats, among them "
        "Ambassador Ann Example; Ottawa then received the Chinese chargé d'affaires, Ken Sample, "
        "once.\n"
    )
    rows = rows_of(text)
    assert (one(rows, person="Ann Example")["role"], *sides(one(rows, person="Ann Example"))) == (
        "ambassador",
        "CAN",
        "CHN",
    )
    assert (one(rows, person="Ken Sample")["role"], *sides(one(rows, person="Ken Sample"))) == (
        "chargé d'affaires",
        "CHN",
        "CAN",
    )


def test_a_receiver_that_is_not_a_country_stays_null():
    (row,) = rows_of(
        "= Canada-European Union relations =\n\nAnn Example has been Canada's Ambassador to the "
        "European Union since November 30, 2020.\n"
    )
    assert (*sides(row), *dated(row)) == ("CAN", None, "2020-11-30", "day", None, None)


def test_that_year_is_the_last_year_the_paragraph_named():
    text = (
        "= Canada–Ghana relations =\n\nThe two countries established relations in 1957. Ann "
        "Example was posted to Accra that year as Canada's first High Commissioner to Ghana.\n"
    )
    (row,) = rows_of(text)
    assert (row["person"], *sides(row), *dated(row)) == ("Ann Example", "CAN", "GHA", "1957", "year", None, None)


def test_the_current_post_is_kept_before_a_former_one_of_the_same_role():
    text = (
        "= Canada–Peru relations =\n\nAnn Example, who had been Canada's ambassador to Chile "
        "since 2015, was named ambassador to Peru in March 2019.\n"
    )
    (row,) = rows_of(text)
    assert (*sides(row), *dated(row)) == ("CAN", "PER", "2019-03", "month", None, None)


def test_a_predecessor_replaced_in_the_same_post():
    text = (
        "= Canada–France relations =\n\nAnn Example was appointed Ambassador to France in June "
        "2022, replacing Ken Sample, who had held the post from 2017 to 2021.\n"
    )
    rows = rows_of(text)
    assert (*sides(one(rows, person="Ken Sample")), *dated(one(rows, person="Ken Sample"))) == (
        "CAN",
        "FRA",
        "2017",
        "year",
        None,
        None,
    )


def test_a_heads_of_mission_table_gives_one_row_per_person_with_the_countries_of_its_heading():
    text = (
        "= Canada–Italy relations =\n\n==Canadian heads of mission in Rome==\n| Name | Title | Took up post |\n"
        "| Ann Example | Ambassador | 3 March 1944 |\n| Ken Sample | Chargé d'affaires | 1950 |\n| Vacant | | 1951 |\n"
    )
    result = extract_document(raw_from_text(text))
    rows = result.extraction.rows["envoys"]
    assert [(r["person"], r["role"], *sides(r), *dated(r)) for r in rows] == [
        ("Ann Example", "ambassador", "CAN", "ITA", "1944-03-03", "day", None, None),
        ("Ken Sample", "chargé d'affaires", "CAN", "ITA", "1950", "year", None, None),
    ]
    assert [i.kind for i in result.extraction.issues if i.table_name == "envoys"] == ["vacant_post"]


def test_a_table_whose_heading_names_no_country_takes_the_sides_the_prose_states_for_the_person():
    text = (
        "= Canada–Italy relations =\n\nAnn Example was Canada's first ambassador to Italy.\n\n"
        "===Heads of mission===\n| Name | From | To |\n| Ann Example | 1944 | 1946 |\n| Ken Sample | 1946 | 1950 |\n"
    )
    rows = rows_of(text)
    assert [(r["person"], *sides(r), r["since"]) for r in rows if r["line"] > 4] == [
        ("Ann Example", "CAN", "ITA", "1944"),
        ("Ken Sample", None, None, "1946"),
    ]


def test_no_envoy_from_offices_staff_or_a_title_without_a_name():
    text = (
        "= Canada–France relations =\n\nPrime Minister Ann Example met the French ambassador. "
        "Ken Sample, a consul at the Canadian consulate general in Bordeaux, left. "
        "Canada's deputy ambassador to France, Joe Bloggs, spoke. "
        "The Canadian ambassador stayed in Paris in May 1940.\n"
    )
    assert rows_of(text) == []


def test_extraordinary_and_plenipotentiary_and_a_footnoted_table_name():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Envoytitle1: Ambassador Extraordinary and "
        "Plenipotentiary of Peru to Canada\n"
        "- Envoy1: Ken Sample\n\n==Canadian ambassadors to Peru==\n| Name | Term |\n| Ann Example[1] | 1944–1946 |\n"
    )
    rows = rows_of(text)
    assert {(r["person"], *sides(r), r["since"]) for r in rows} == {
        ("Ken Sample", "PER", "CAN", None),
        ("Ann Example", "CAN", "PER", "1944"),
    }


def test_an_office_of_an_organization_is_not_a_head_of_mission():
    assert (
        rows_of(
            "= Canada and the United Nations =\n\nThe Commissioner-General of UNRWA, Ann Example, visited Ottawa.\n"
        )
        == []
    )


def test_in_a_document_about_one_country_a_section_headed_by_a_country_is_the_other_side():
    text = (
        "= Foreign relations of Chile =\n\n==Bilateral relations==\n===Canada===\nAnn Example is Canada's ambassador.\n"
    )
    (row,) = rows_of(text)
    assert sides(row) == ("CAN", "CHL")


def test_credentials_presented_and_a_successor_with_the_predecessor_undated():
    text = (
        "= Canada–Chile relations =\n\nIn 2020 Ann Example succeeded Ken Sample as Canada's "
        "ambassador to Chile. Joe Bloggs presented his credentials as Chile's ambassador to Canada "
        "on 4 May 2021.\n"
    )
    rows = rows_of(text)
    assert (*sides(one(rows, person="Ann Example")), *dated(one(rows, person="Ann Example"))) == (
        "CAN",
        "CHL",
        "2020",
        "year",
        None,
        None,
    )
    assert (*sides(one(rows, person="Ken Sample")), *dated(one(rows, person="Ken Sample"))) == (
        "CAN",
        "CHL",
        None,
        None,
        None,
        None,
    )
    assert (*sides(one(rows, person="Joe Bloggs")), *dated(one(rows, person="Joe Bloggs"))) == (
        "CHL",
        "CAN",
        "2021-05-04",
        "day",
        None,
        None,
    )


def test_a_period_column_and_a_table_of_ministers_is_not_read():
    text = (
        "= Canada–Italy relations =\n\n==Canadian ambassadors to Italy==\n| Name | From–To |\n| "
        "Ann Example | 1944–1946 |\n\n"
        "==Leaders==\n| Name | Title | Took office |\n| Ken Sample | Prime Minister | 2015 |\n"
    )
    assert [(r["person"], *sides(r), r["since"]) for r in rows_of(text)] == [("Ann Example", "CAN", "ITA", "1944")]


def test_a_date_not_right_after_since_or_from_does_not_date_the_post():
    text = (
        "= Canada–Chile relations =\n\nAnn Example, Canada's ambassador to Chile, returned from Santiago in May 2019.\n"
    )
    (row,) = rows_of(text)
    assert dated(row) == (None, None, None, None)


def test_sides_read_from_the_title_order_are_flagged():
    text = "= Canada–Japan relations =\n\nInfobox\n- Envoytitle1: Ambassador\n- Envoy1: Ann Example\n\nText.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["envoys"]
    assert sides(row) == ("CAN", "JPN")
    assert [i.kind for i in result.extraction.issues if i.table_name == "envoys"] == ["countries_from_title_order"]


def test_a_title_naming_no_country_takes_the_sides_the_infobox_states_for_the_same_person():
    text = (
        "= Canada–Peru relations =\n\nInfobox\n- Envoytitle1: Ambassador of Peru to Canada\n- Envoy1: Ken Sample\n\n"
        "The ambassador, Ken Sample, presented his credentials on 5 March 2023.\n"
    )
    prose = one(rows_of(text), person="Ken Sample", line=7)
    assert (*sides(prose), *dated(prose)) == ("PER", "CAN", "2023-03-05", "day", None, None)


def test_offices_for_a_cause_and_goodwill_ambassadors_are_not_heads_of_mission():
    text = (
        "= Canada and the United Nations =\n\nAnn Example, the UN High Commissioner for Human Rights, spoke. "
        "UNICEF Goodwill Ambassador Ken Sample attended.\n"
    )
    assert rows_of(text) == []


# --- a post held or taken up, in any tense (verb families: pipeline/knowledge/verb_families.csv) ------------


@pytest.mark.parametrize(
    "verb",
    ["has served as", "had been serving as", "serves as", "will serve as", "has been", "has long been", "remains"],
)
def test_a_post_held_in_any_tense_names_the_envoy(verb):
    text = f"= Canada–Norway relations =\n\nAnn Example {verb} Ambassador of Canada to Norway since 2022.\n"
    (row,) = rows_of(text)
    assert (row["person"], row["role"], *sides(row), *dated(row)) == (
        "Ann Example",
        "ambassador",
        "CAN",
        "NOR",
        "2022",
        "year",
        None,
        None,
    )


def test_a_post_to_be_taken_up_is_dated_by_its_take_up_verb():
    text = "= Canada–Peru relations =\n\nKen Sample is to become Canada's ambassador to Peru in March 2026.\n"
    (row,) = rows_of(text)
    assert (row["person"], *sides(row), row["since"], row["since_precision"]) == (
        "Ken Sample",
        "CAN",
        "PER",
        "2026-03",
        "month",
    )


def test_a_rank_before_the_name_and_a_post_after_it_give_one_row():
    text = (
        "= Canada and NATO =\n\nAmbassador Ann Example has been Canada's Permanent Representative to the North "
        "Atlantic Council since 2023.\n"
    )
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["envoys"]
    assert (row["person"], row["role"], row["sending_country_code"], row["since"]) == (
        "Ann Example",
        "permanent representative",
        "CAN",
        "2023",
    )


def test_serving_beside_a_title_is_not_holding_it():
    text = (
        "= Canada–Peru relations =\n\nAnn Example has served as an adviser to Canada's ambassador to Peru. "
        "Ken Sample is to meet the Peruvian ambassador.\n"
    )
    assert rows_of(text) == []


def test_a_wikitext_infobox_and_a_minister_posted_to_a_country():
    text = (
        "= Canada–Brazil relations =\n\n{{Infobox bilateral relations\n| Mission1 = Embassy of Canada, Brasília\n"
        "| Envoytitle1 = Ambassador of Canada to Brazil\n| Envoy1 = Jane Example\n}}\n\n"
        "In 1941 Jean Désy, Canada's first minister to Brazil, opened the legation. Canada's Foreign Minister in "
        "Ottawa welcomed it, as did the Prime Minister in London.\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["envoys"]
    found = sorted(
        (r["person"], r["role"], r["sending_country_code"], r["receiving_country_code"], r["line"]) for r in rows
    )
    assert found == [("Jane Example", "ambassador", "CAN", "BRA", 6), ("Jean Désy", "minister", "CAN", "BRA", 9)]


def test_a_heads_of_mission_table_with_took_office_and_left_office_columns():
    text = (
        "= Canada–United Kingdom relations =\n\n===High commissioners of Canada to the United Kingdom===\n"
        "| Name | Took office | Left office |\n| Charles Tupper | 1883 | 1896 |\n| Vincent Massey | 1935 | 1946 |\n"
    )
    rows = extract_document(raw_from_text(text)).extraction.rows["envoys"]
    found = sorted(
        (r["person"], r["role"], r["sending_country_code"], r["receiving_country_code"], r["since"]) for r in rows
    )
    assert found == [
        ("Charles Tupper", "high commissioner", "CAN", "GBR", "1883"),
        ("Vincent Massey", "high commissioner", "CAN", "GBR", "1935"),
    ]
