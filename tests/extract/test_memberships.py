"""memberships: the 82 list items with their qualifiers, prose statements with years, and conflicts."""

import pandas as pd
import pytest

from pipeline.extract import extract_document
from tests.conftest import FACT_SHEET, WEB_AMERICAS, WEB_UNITED_STATES, WIKI_CANADA, WIKI_RUSSIA, assembled_tables, raw_from_text

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
    listed = memberships[(memberships.source_id == WIKI_CANADA) & memberships.line.isin(LIST_LINES) & (memberships.org_id == org_id)]
    assert len(listed) == 1
    row = listed.iloc[0]
    assert (row.status, row.status_raw if pd.notna(row.status_raw) else None) == (status, status_raw)
    assert pd.isna(row.since)


def test_list_item_qualifier_counts(memberships):
    listed = memberships[(memberships.source_id == WIKI_CANADA) & memberships.line.isin(LIST_LINES)]
    assert listed.status.value_counts().to_dict() == {"member": 75, "nonregional member": 3, "observer and partner": 1, "dialogue partner": 1, "partner": 1, "observer": 1}


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
    text = "= Foreign relations of Australia =\n\nAustralia was a founding member of the United Nations in 1945.\n\n===International organizations===\n- Pacific Islands Forum (PIF)\n- Widget Union (WU) (associate member)\n"
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
