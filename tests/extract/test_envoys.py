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
    taylor = one(rows, person="Sarah Taylor", line=7)
    assert (taylor["role"], taylor["title_raw"], taylor["sending_country_code"], taylor["receiving_country_code"]) == ("ambassador", "Ambassador of Canada to Russia", "CAN", "RUS")
    assert taylor["evidence"] == "Envoytitle1: Ambassador of Canada to Russia\nEnvoy1: Sarah Taylor"
    stepanov = one(rows, person="Oleg Stepanov", line=9)
    assert (stepanov["title_raw"], stepanov["sending_country_code"], stepanov["receiving_country_code"]) == ("Ambassador of Russia to Canada", "RUS", "CAN")


def test_appointed_in_a_month_sets_since_at_month_precision(results):
    taylor = one(envoys(results, WIKI_RUSSIA), person="Sarah Taylor", line=82)
    assert (taylor["since"], taylor["since_precision"], taylor["as_of"]) == ("2023-11", "month", None)
    assert (taylor["sending_country_code"], taylor["receiving_country_code"]) == ("CAN", "RUS")
    assert taylor["evidence"] == "The Canadian ambassador to Russia is Sarah Taylor, appointed in November 2023."


def test_possessive_title_in_prose(results):
    stepanov = one(envoys(results, WIKI_RUSSIA), person="Oleg Stepanov", line=82)
    assert (stepanov["title_raw"], stepanov["sending_country_code"], stepanov["receiving_country_code"], stepanov["since"]) == ("Russia's ambassador to Canada", "RUS", "CAN", None)


def test_official_named_with_a_demonym_title_is_dated_as_of_not_since(results):
    wilkins = one(envoys(results, WIKI_CANADA), person="David Wilkins")
    assert (wilkins["role"], wilkins["sending_country_code"], wilkins["receiving_country_code"]) == ("ambassador", "USA", "CAN")
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
    text = "= Canada–Japan relations =\n\nInfobox\n- Envoytitle1: Ambassador\n- Envoy1: Ann Example\n- Envoytitle2: Ambassador\n- Envoy2: Ken Sample\n\nText.\n"
    rows = extract_document(raw_from_text(text)).extraction.rows["envoys"]
    assert [(r["person"], r["sending_country_code"], r["receiving_country_code"]) for r in rows] == [("Ann Example", "CAN", "JPN"), ("Ken Sample", "JPN", "CAN")]


def test_an_unresolvable_side_is_null_with_a_quality_issue():
    text = "= Foreign relations of Canada =\n\nJane Roe, the ambassador to Atlantis, spoke.\n"
    result = extract_document(raw_from_text(text))
    (row,) = result.extraction.rows["envoys"]
    assert (row["person"], row["sending_country_code"], row["receiving_country_code"]) == ("Jane Roe", None, None)
    assert sorted(i.kind for i in result.extraction.issues if i.table_name == "envoys") == ["unresolved_country", "unresolved_country"]


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
    assert (read.role, read.sender.code if read.sender else None, read.receiver.code if read.receiver else None) == (role, sender, receiver)
