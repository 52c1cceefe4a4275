"""memberships: the 82 list items with their qualifiers, prose statements with years, and conflicts."""

import pandas as pd
import pytest

from pipeline.extract import extract_document
from tests.conftest import (
    FACT_SHEET,
    WEB_AMERICAS,
    WEB_UNITED_STATES,
    WIKI_CANADA,
    WIKI_RUSSIA,
    assembled_tables,
    raw_from_text,
)

LIST_LINES = range(68, 150)


@pytest.fixture(scope="module")
def memberships(tables):
    return tables["memberships"]


def rows(frame, **where):
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame[mask]


def test_every_list_item_is_one_row(memberships):
    listed = memberships[(memberships.source_id == WIKI_CANADA) & memberships.line.isin(LIST_LINES)]
    assert len(listed) == 82
    assert sorted(listed.line) == list(LIST_LINES)
    assert set(listed.country_code) == {"CAN"}


@pytest.mark.parametrize(
    "org_id, status, status_raw",
    [
        ("adb", "nonregional member", "nonregional member"),
        ("afdb", "nonregional member", "nonregional member"),
        ("cdb", "nonregional member", "nonregional member"),
        ("acs", "observer and partner", "observer and partner"),
        ("asean", "dialogue partner", "dialogue partner"),
        ("pif", "partner", "partner"),
        ("seci", "observer", "observer"),
        ("nato", "member", None),
        ("g7", "member", None),
        ("ibrd", "member", None),
        ("oif", "member", None),
        ("interpol", "member", None),
        ("minustah", "member", None),
        ("upaep", "member", None),
        ("zangger-committee", "member", None),
    ],
)
def test_list_qualifiers(memberships, org_id, status, status_raw):
    listed = memberships[
        (memberships.source_id == WIKI_CANADA) & memberships.line.isin(LIST_LINES) & (memberships.org_id == org_id)
    ]
    assert len(listed) == 1
    row = listed.iloc[0]
    assert (row.status, row.status_raw if pd.notna(row.status_raw) else None) == (status, status_raw)
    assert pd.isna(row.since)


def test_list_item_qualifier_counts(memberships):
    listed = memberships[(memberships.source_id == WIKI_CANADA) & memberships.line.isin(LIST_LINES)]
    assert listed.status.value_counts().to_dict() == {
        "member": 75,
        "nonregional member": 3,
        "observer and partner": 1,
        "dialogue partner": 1,
        "partner": 1,
        "observer": 1,
    }


@pytest.mark.parametrize(
    "source_id, line, country, org_id, status, since",
    [
        (WIKI_CANADA, 9, "CAN", "un", "founding member", "1945"),
        (WIKI_CANADA, 9, "CAN", "norad", "founding member", "1958"),
        (WIKI_CANADA, 9, "USA", "norad", "founding member", "1958"),
        (WIKI_CANADA, 9, "CAN", "oas", "member", "1990"),
        (WIKI_CANADA, 49, "CAN", "oas", "member", "1990"),
        (WIKI_CANADA, 9, "CAN", "wto", "member", None),
        (WIKI_CANADA, 9, "CAN", "five-eyes", "member", None),
        (WIKI_CANADA, 9, "CAN", "g7", "member", None),
        (WIKI_CANADA, 9, "CAN", "oecd", "member", None),
        (WIKI_CANADA, 9, "CAN", "apec", "member", None),
        (WIKI_CANADA, 7, "CAN", "commonwealth-of-nations", "member", None),
        (WIKI_CANADA, 7, "CAN", "oif", "member", None),
        (WIKI_CANADA, 57, "CAN", "commonwealth-of-nations", "member", None),
        (WEB_AMERICAS, 19, "CAN", "pacific-alliance", "observer", "2012"),
        (FACT_SHEET, 7, "CAN", "nato", "founding member", "1949"),
        (FACT_SHEET, 11, "CAN", "norad", "member", None),
        (WEB_UNITED_STATES, 36, "CAN", "norad", "member", "1957"),
        (WEB_UNITED_STATES, 36, "USA", "norad", "member", "1957"),
        (WIKI_RUSSIA, 87, "CAN", "osce", "member", None),
        (WIKI_RUSSIA, 87, "RUS", "osce", "member", None),
        (WIKI_RUSSIA, 87, "CAN", "iihf", "member", None),
        (WIKI_RUSSIA, 87, "RUS", "iihf", "member", None),
    ],
)
def test_prose_memberships(memberships, source_id, line, country, org_id, status, since):
    found = rows(memberships, source_id=source_id, line=line, country_code=country, org_id=org_id)
    assert len(found) == 1, (source_id, line, country, org_id)
    row = found.iloc[0]
    assert row.status == status
    assert (row.since if pd.notna(row.since) else None) == since
    assert (row.since_precision if pd.notna(row.since_precision) else None) == ("year" if since else None)
    assert row.evidence in open_raw_line(source_id, line)


def open_raw_line(source_id, line):
    from tests.conftest import raw_document

    return raw_document(source_id).data.decode("utf-8").split("\n")[line - 1]


def test_prose_that_is_not_a_membership_is_ignored(memberships):
    # 'cooperate in ... programs including the UN, APEC, and NATO-Russia Council' states cooperation, not membership.
    assert rows(memberships, source_id=WIKI_RUSSIA, line=85).empty
    # 'meeting members of the Union of Soviet Composers' names no registry organization.
    assert rows(memberships, source_id=WIKI_RUSSIA, line=62).empty
    # 'reform ... institutions such as the United Nations' is not a membership statement.
    assert rows(memberships, source_id=WEB_UNITED_STATES, line=85).empty


def test_norad_conflict_is_recorded_and_both_rows_stay(tables):
    issues = tables["quality_issues"]
    conflicts = issues[(issues.kind == "conflict") & (issues.table_name == "memberships")]
    assert set(zip(conflicts.source_id, conflicts.line)) == {(WIKI_CANADA, 9), (WEB_UNITED_STATES, 36)}
    assert conflicts.detail.str.contains("norad").all()
    norad = rows(tables["memberships"], country_code="CAN", org_id="norad")
    assert set(norad.since.dropna()) == {"1957", "1958"}


def test_subject_comes_from_the_document_not_canada():
    text = (
        "= Foreign relations of Australia =\n\nAustralia was a founding member of the United Nations in "
        "1945.\n\n===International organizations===\n- Pacific Islands Forum (PIF)\n- Widget Union (WU) (associate "
        "member)\n"
    )
    raw = raw_from_text(text, "australia.txt")
    tables = assembled_tables([raw])
    members = tables["memberships"]
    assert set(members.country_code) == {"AUS"}
    assert rows(members, org_id="un").iloc[0].since == "1945"
    widget = rows(members, org_id="wu").iloc[0]
    assert (widget.status, widget.status_raw) == ("other", "associate member")
    kinds = set(tables["quality_issues"].kind)
    assert {"unknown_status", "unregistered_organization"} <= kinds
    organizations = tables["organizations"].set_index("org_id")
    assert organizations.loc["wu", "name"] == "Widget Union" and not organizations.loc["wu", "in_registry"]


# --- phrasings, on short texts written for the test -------------------------------------------------


def _members_of(text: str, file_name: str = "canada-norway-relations.txt"):
    result = extract_document(raw_from_text(text, file_name))
    rows_ = sorted(
        (r["country_code"], r["org_id"], r["status"], r["since"], r["line"])
        for r in result.extraction.rows.get("memberships", [])
    )
    return rows_, result.extraction.issues


def test_inline_list_after_both_countries_gives_one_row_per_country_and_organization():
    rows_, _ = _members_of(
        "= Canada–Norway relations =\n\nBoth countries are members of the United Nations, the G20 and Asia-Pacific "
        "Economic Cooperation (APEC).\n"
    )
    assert rows_ == [(c, o, "member", None, 3) for c in ("CAN", "NOR") for o in ("apec", "g20", "un")]


def test_like_x_it_belongs_to_names_both_countries():
    text = (
        "= Canada–Norway relations =\n\nNorway is a founding member of the North Atlantic Treaty Organization. "
        "Like Canada, it belongs to the G7 and the Organisation for Economic Co-operation and Development (OECD).\n"
    )
    rows_, _ = _members_of(text)
    assert ("NOR", "nato", "founding member", None, 3) in rows_
    assert {(c, o) for c, o, s, _, _ in rows_ if s == "member"} == {
        (c, o) for c in ("CAN", "NOR") for o in ("g7", "oecd")
    }


def test_organization_before_of_which_and_unregistered_names_are_rows():
    text = (
        "= Canada–Norway relations =\n\nAid grew under the Widget Plan, of which both countries were founding "
        "members. Norway belongs to the Fjord Group of fishing nations in the WTO.\n"
    )
    rows_, issues = _members_of(text)
    assert ("CAN", "widget-plan", "founding member", None, 3) in rows_ and (
        "NOR",
        "widget-plan",
        "founding member",
        None,
        3,
    ) in rows_
    assert ("NOR", "fjord-group", "member", None, 3) in rows_
    assert not any(o == "wto" for _, o, _, _, _ in rows_)  # 'in the WTO' qualifies the group; it is no membership
    assert {"unregistered_organization"} <= {i.kind for i in issues}


def test_observer_there_refers_back_and_each_clause_has_its_own_subject():
    text = (
        "= Canada–Norway relations =\n\nNorway has been a member of the Council of Widgets since 1995, and Canada "
        "is an observer there.\n"
    )
    rows_, _ = _members_of(text)
    assert rows_ == [
        ("CAN", "council-of-widgets", "observer", None, 3),
        ("NOR", "council-of-widgets", "member", "1995", 3),
    ]


def test_joined_others_in_forming_makes_every_one_a_founding_member_with_the_opening_year():
    text = (
        "= Foreign relations of Norway =\n\nIn 1950 Norway joined Denmark and Sweden in forming the Nordic Widget "
        "Commission to promote trade.\n"
    )
    rows_, _ = _members_of(text, "foreign-relations-of-norway.txt")
    assert rows_ == [(c, "nordic-widget-commission", "founding member", "1950", 3) for c in ("DNK", "NOR", "SWE")]


def test_aspirations_negations_organ_seats_and_events_give_no_row():
    text = (
        "= Canada–Norway relations =\n\n"
        "Canada supports Norway's path toward membership in the European Union. Norway applied to join the Widget "
        "Union. "
        "Norway is not a member of the African Union. Norway is a permanent member of the Widget Security Council. "
        "Canada took part in the G20 summit. Officials met members of the Union of Widget Makers.\n"
    )
    rows_, issues = _members_of(text)
    assert rows_ == []
    kinds = [i.kind for i in issues if i.table_name == "memberships"]
    assert kinds.count("membership_aspiration") == 2 and "membership_negated" in kinds and "organ_seat" in kinds


def test_member_states_list_after_a_lead_in_names_the_organization_by_its_head_noun():
    text = (
        "= Canada and the Arctic =\n\nCanada has chaired the Arctic Council twice.\n\nThe Council's member states "
        "are:\n\n"
        "- Canada\n- the Kingdom of Denmark (including Greenland)\n- Atlantis\n"
    )
    rows_, issues = _members_of(text, "canada-and-the-arctic.txt")
    assert rows_ == [("CAN", "arctic-council", "member", None, 7), ("DNK", "arctic-council", "member", None, 8)]
    assert any(i.kind == "unresolved_country" and i.line == 9 for i in issues)


def test_list_after_a_lead_in_takes_its_members_and_status():
    text = (
        "= Canada–Norway relations =\n\nBoth countries are observers to:\n\n- Pacific Alliance\n- Widget Forum "
        "(WF) (member)\n"
    )
    rows_, _ = _members_of(text)
    assert ("CAN", "pacific-alliance", "observer", None, 5) in rows_ and (
        "NOR",
        "pacific-alliance",
        "observer",
        None,
        5,
    ) in rows_
    assert ("NOR", "wf", "member", None, 6) in rows_


def test_fora_such_as_is_not_a_membership_lead_in():
    text = (
        "= Canada–Norway relations =\n\nThe two countries cooperate in multilateral fora, such as:\n\n- the United "
        "Nations\n- the G20\n"
    )
    rows_, _ = _members_of(text)
    assert rows_ == []


def test_as_fellow_members_takes_the_subject_that_follows():
    text = (
        "= Canada–Norway relations =\n\nAs fellow members of the Nordic Widget Council, the two countries exchange "
        "envoys. As members of the G20, Canada and Mexico agree.\n"
    )
    rows_, _ = _members_of(text)
    assert {(c, o) for c, o, _, _, _ in rows_} == {
        ("CAN", "nordic-widget-council"),
        ("NOR", "nordic-widget-council"),
        ("CAN", "g20"),
        ("MEX", "g20"),
    }


def test_a_list_item_may_give_the_year_it_joined():
    text = (
        "= Foreign relations of Norway =\n\n===International organizations===\n- World Trade Organization (WTO) "
        "(since 1995)\n- Arctic Council\n"
    )
    rows_, _ = _members_of(text, "foreign-relations-of-norway.txt")
    assert rows_ == [("NOR", "arctic-council", "member", None, 5), ("NOR", "wto", "member", "1995", 4)]


def test_a_person_who_is_a_member_is_no_country_membership():
    text = (
        "= Canada–Norway relations =\n\nSenator Jean Dupont, a member of the Widget Assembly Council, visited Oslo.\n"
    )
    rows_, _ = _members_of(text)
    assert rows_ == []


# --- word families and roles (generalization) -----------------------------------------------------


def _pairs(text: str, file_name: str = "canada-norway-relations.txt"):
    rows_, issues = _members_of(text, file_name)
    return {(c, o, s, since) for c, o, s, since, _ in rows_}, [i.kind for i in issues if i.table_name == "memberships"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway acceded to the World Trade Organization in 1995.",
        "Norway accedes to the World Trade Organization in 1995.",
        "In 1995 Norway became the first Nordic state to accede to the World Trade Organization.",
        "Norway chose to accede to the World Trade Organization in 1995.",
    ],
)
def test_every_form_of_a_verb_family_states_the_membership(sentence):
    pairs, _ = _pairs(f"= Canada–Norway relations =\n\n{sentence}\n")
    assert pairs == {("NOR", "wto", "member", "1995")}


def test_auxiliaries_and_perfect_tenses_need_no_listing():
    text = (
        "= Canada–Norway relations =\n\nNorway has been part of NATO ever since. "
        "Norway has sat as an observer on the "
        "Arctic Council since May 2013. Norway has long belonged to the Council of Europe.\n"
    )
    pairs, _ = _pairs(text)
    assert pairs == {
        ("NOR", "nato", "member", None),
        ("NOR", "arctic-council", "observer", "2013-05"),
        ("NOR", "coe", "member", None),
    }


def test_status_nouns_with_status_and_fellow_membership_nouns():
    text = (
        "= Canada–Norway relations =\n\nNorway has associate status in the Widget Union. "
        "Canada and Norway are Allies in NATO and partners in the G7 and the G20.\n"
    )
    pairs, kinds = _pairs(text)
    assert ("NOR", "widget-union", "other", None) in pairs
    members = {(c, o) for c, o, s, _ in pairs if s == "member"}
    assert members == {(c, o) for c in ("CAN", "NOR") for o in ("nato", "g7", "g20")}
    assert "unknown_status" in kinds


def test_a_possessed_partner_or_ally_is_someone_else():
    pairs, _ = _pairs("= Canada–Norway relations =\n\nNorway is Canada's closest partner in the Arctic Council.\n")
    assert pairs == set()


def test_signatory_and_party_read_only_registry_organizations():
    text = (
        "= Canada–Norway relations =\n\nNorway is a signatory to the Comprehensive and Progressive Agreement for "
        "Trans-Pacific Partnership. Norway is a party to the Widget Convention on Fish.\n"
    )
    pairs, _ = _pairs(text)
    assert pairs == {("NOR", "cptpp", "member", None)}


def test_operating_a_registry_body_is_membership_but_not_any_name():
    text = (
        "= Canada–Norway relations =\n\nCanada has operated NORAD since May 12, 1958. "
        "Canada operates the Widget Agency.\n"
    )
    pairs, _ = _pairs(text)
    assert pairs == {("CAN", "norad", "member", "1958-05-12")}


def test_an_appositive_country_is_the_member_not_the_sentence_subject():
    text = (
        "= Canada–Norway relations =\n\nNorway has been an observer to the Arctic Council since 2013, a request that "
        "Canada, a founding member of the Council, supported.\n"
    )
    pairs, _ = _pairs(text)
    assert pairs == {("NOR", "arctic-council", "observer", "2013"), ("CAN", "arctic-council", "founding member", None)}


def test_together_with_others_the_pronoun_subject_is_a_founder_too():
    text = (
        "= Foreign relations of Norway =\n\n"
        "Together with Denmark, Sweden and Finland it founded the Nordic Widget Council in 1952.\n"
    )
    pairs, _ = _pairs(text, "foreign-relations-of-norway.txt")
    assert pairs == {(c, "nordic-widget-council", "founding member", "1952") for c in ("DNK", "FIN", "NOR", "SWE")}


def test_a_parenthetical_with_adds_co_members_and_a_relative_clause_states_another_membership():
    text = (
        "= Canada–Norway relations =\n\nNorway is, with Denmark and Iceland, a founding member of the Nordic Widget "
        "Council, in which Canada has held observer status since 2012.\n"
    )
    pairs, _ = _pairs(text)
    founders = {(c, "nordic-widget-council", "founding member", None) for c in ("DNK", "ISL", "NOR")}
    assert pairs == founders | {("CAN", "nordic-widget-council", "observer", "2012")}


def test_an_elliptical_second_object_and_each_date_to_its_organization():
    text = (
        "= Foreign relations of Norway =\n\nNorway is a founding member of the United Nations, whose Charter it signed "
        "in 1945, and of the Organization of American States (1948).\n"
    )
    pairs, _ = _pairs(text, "foreign-relations-of-norway.txt")
    assert pairs == {("NOR", "un", "founding member", "1945"), ("NOR", "oas", "founding member", "1948")}


def test_a_named_subject_that_is_not_a_country_is_never_the_home_country():
    text = (
        "= Canada–Germany relations =\n\nThe Federal Republic joined NATO on May 6, 1955. The European Union joined "
        "the World Trade Organization in 1995.\n"
    )
    pairs, kinds = _pairs(text, "canada-germany-relations.txt")
    assert pairs == {("DEU", "nato", "member", "1955-05-06")}
    assert "unknown_subject" in kinds


def test_a_membership_that_ended_gives_an_issue_not_a_row():
    text = "= Foreign relations of Norway =\n\nNorway withdrew from the Union of South American Nations in 2019.\n"
    pairs, kinds = _pairs(text, "foreign-relations-of-norway.txt")
    assert pairs == set() and "membership_ended" in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials met members of the Widget Council in Oslo.",
        "Canada trained 4,000 members of the Widget Police Force.",
        "Canada worked with members of the Widget Council.",
        "Norway is preparing to join the Widget Council.",
        "Norway will join the Widget Council.",
        "Canada found the Widget Council useful.",
    ],
)
def test_people_plans_and_other_verbs_are_no_membership(sentence):
    pairs, _ = _pairs(f"= Canada–Norway relations =\n\n{sentence}\n")
    assert pairs == set()


def test_list_qualifiers_follow_the_contract():
    text = (
        "= Foreign relations of Norway =\n\n===International organizations===\n"
        "- Pacific Alliance (founder)\n"
        "- Union of South American Nations (UNASUR) (withdrew in 2019)\n"
        "- Widget Forum (founding member, 2019)\n"
        "- Southern Common Market – since 1994\n"
        "- Andean Community (CAN) (associate)\n"
        "- Arctic Council (regional observer)\n"
        "- United Nations Stabilization Mission in Haiti (MINUSTAH)\n"
    )
    rows_, issues = _members_of(text, "foreign-relations-of-norway.txt")
    by_line = {line: (c, o, s, since) for c, o, s, since, line in rows_}
    assert by_line[4] == ("NOR", "pacific-alliance", "founding member", None)
    assert by_line[5] == ("NOR", "unasur", "other", None)  # a past membership is no current one; 2019 is no 'since'
    assert by_line[6] == ("NOR", "widget-forum", "founding member", "2019")
    assert by_line[7] == ("NOR", "mercosur", "member", "1994")
    assert by_line[8] == ("NOR", "andean-community", "other", None)  # '(CAN)' is the acronym, not Canada
    assert by_line[9] == ("NOR", "arctic-council", "other", None)
    assert by_line[10] == ("NOR", "minustah", "member", None)
    kinds = {(i.line, i.kind) for i in issues if i.table_name == "memberships"}
    assert {(5, "membership_ended"), (8, "unknown_status"), (9, "unknown_status")} <= kinds
    assert not any(line in (4, 6, 7, 10) and kind in ("unknown_status", "membership_ended") for line, kind in kinds)


def test_both_alone_as_subject_and_countries_after_the_organization():
    text = (
        "= Canada–Norway relations =\n\nBoth belong to the Organization of American States. "
        "Norway has operated NORAD with Denmark since 1990.\n"
    )
    pairs, _ = _pairs(text)
    assert pairs == {
        ("CAN", "oas", "member", None),
        ("NOR", "oas", "member", None),
        ("NOR", "norad", "member", "1990"),
        ("DNK", "norad", "member", "1990"),
    }


def test_a_later_statement_on_the_line_gives_the_date_the_first_did_not():
    text = "= Canada–Germany relations =\n\nBoth are Allies in NATO. The Federal Republic joined NATO on May 6, 1955.\n"
    pairs, _ = _pairs(text, "canada-germany-relations.txt")
    assert pairs == {("CAN", "nato", "member", None), ("DEU", "nato", "member", "1955-05-06")}


def test_we_is_the_publishers_country_and_nobody_in_an_encyclopedia(memberships):
    """'At home, we work together in NORAD' (the fact sheet, line 11): a page the Government of Canada publishes speaks
    for Canada; the seeds' key counts this row, which a raw folder without sources.csv cannot yield."""
    assert len(rows(memberships, source_id=FACT_SHEET, line=11, country_code="CAN", org_id="norad")) == 1
    text = "DEFENDING COMMON INTERESTS\n\nAt home, we work together in NORAD with our allies.\n"
    published = extract_document(raw_from_text(text, "sheet.txt", {"publisher": "Government of Canada"}))
    anonymous = extract_document(raw_from_text(text, "sheet.txt", {"publisher": "Wikipedia"}))
    assert [r["country_code"] for r in published.extraction.rows["memberships"]] == ["CAN"]
    assert anonymous.extraction.rows.get("memberships", []) == []
    assert "unknown_subject" in {issue.kind for issue in anonymous.extraction.issues}


def test_a_lead_in_with_among_others_and_items_that_describe_the_organization():
    text = (
        "= Foreign relations of Norway =\n\n==Multilateral==\nNorway belongs to the following organisations, "
        "among others:\n* Council of Europe (founding member, 1949)\n* the Cairns Group of agricultural exporters\n"
    )
    rows_, _ = _members_of(text, "norway.txt")
    assert rows_ == [("NOR", "cairns-group", "member", None, 6), ("NOR", "coe", "founding member", "1949", 5)]


def test_a_founding_verb_in_the_passive_names_the_founders_after_by():
    text = (
        "= Canada–Brazil relations =\n\nIn March 2018, Canada and the Southern Common Market (Mercosur), founded by "
        "Argentina, Brazil, Paraguay and Uruguay, launched talks. NATO was founded in 1949 by twelve countries. "
        "The Pacific Alliance was created by Chile, Colombia, Mexico and Peru in 2011.\n"
    )
    rows_, _ = _members_of(text, "brazil.txt")
    founders = [(c, o, since) for c, o, status, since, _ in rows_ if status == "founding member"]
    assert founders == [
        ("ARG", "mercosur", None),  # 'In March 2018' dates the talks, not the founding
        ("BRA", "mercosur", None),
        ("CHL", "pacific-alliance", "2011"),
        ("COL", "pacific-alliance", "2011"),
        ("MEX", "pacific-alliance", "2011"),
        ("PER", "pacific-alliance", "2011"),
        ("PRY", "mercosur", None),
        ("URY", "mercosur", None),
    ]
    assert not any(o == "nato" for _, o, *_ in rows_)  # 'by twelve countries' names none


def test_an_organization_named_before_the_status_noun():
    text = (
        "= Canada–Philippines relations =\n\nCanada has been an ASEAN dialogue partner since 1977. Canada is a NATO "
        "member. A Widget Union member visited Manila.\n"
    )
    rows_, _ = _members_of(text, "philippines.txt")
    assert rows_ == [("CAN", "asean", "dialogue partner", "1977", 3), ("CAN", "nato", "member", None, 3)]


def test_acceding_to_a_treaty_the_registry_lacks_is_an_agreement_not_a_membership():
    text = (
        "= Canada and the Indo-Pacific =\n\nIn 2010 Canada acceded to the Treaty of Amity and Cooperation in "
        "Southeast Asia.\n"
    )
    result = extract_document(raw_from_text(text, "indo-pacific.txt"))
    assert result.extraction.rows.get("memberships", []) == []
    agreements = result.extraction.rows["agreements"]
    assert [(a["name"], a["kind"]) for a in agreements] == [
        (
            "Treaty of Amity and Cooperation",
            "treaty",
        )  # "in Southeast Asia" is not read into a name: "the Agreement in Ottawa"
    ]


def test_it_after_a_membership_verb_is_the_organization_named_before_in_the_sentence():
    text = (
        "= Canada–Brazil relations =\n\nBrazil was a founding member of the Organization of American States in 1948, "
        "while Canada joined it in 1990. Canada joined it.\n"
    )
    rows_, _ = _members_of(text, "brazil.txt")
    assert [(c, o, status, since) for c, o, status, since, _ in rows_] == [
        ("BRA", "oas", "founding member", "1948"),
        ("CAN", "oas", "member", "1990"),
    ]


def test_as_a_status_after_the_organization_gives_the_status():
    text = (
        "= Canada–Brazil relations =\n\nCanada participates in the Pacific Alliance as an observer since 2012. "
        "Canada joined NATO as a founding member in 1949. Mexico joined as a founding member of the OECD.\n"
    )
    result = extract_document(raw_from_text(text, "brazil.txt"))
    rows_ = sorted(
        (r["country_code"], r["org_id"], r["status"], r["status_raw"], r["since"])
        for r in result.extraction.rows["memberships"]
    )
    assert rows_ == [
        ("CAN", "nato", "founding member", "as a founding member", "1949"),
        ("CAN", "pacific-alliance", "observer", "as an observer", "2012"),
        ("MEX", "oecd", "founding member", "founding member of", None),
    ]


def test_sit_together_as_well_as_in_and_a_later_they_for_both_countries():
    text = (
        "= Canada–Türkiye relations =\n\nThe two countries sit together in the Commonwealth of Nations as well as in "
        "the Group of Seven (G7). The two countries are Allies in the North Atlantic Treaty Organization (NATO), "
        "which Türkiye joined on February 18, 1952, and they work together in the G20. Both are members of the OSCE.\n"
    )
    rows_, _ = _members_of(text, "turkiye.txt")
    assert {(c, o) for c, o, *_ in rows_} == {
        (c, o) for c in ("CAN", "TUR") for o in ("commonwealth-of-nations", "g7", "nato", "g20", "osce")
    }
