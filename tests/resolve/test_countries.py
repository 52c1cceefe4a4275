"""Country names resolve exactly, or not at all; aliases are data and every row earns its place."""

import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from pipeline.resolve import countries
from pipeline.resolve.countries import (
    Country,
    countries_in_title,
    find_countries,
    resolve_country,
    resolve_demonym,
)

# --- resolve_country -------------------------------------------------------------

REQUIRED_NAMES = [
    ("the Bahamas", "BHS"),
    ("Bahamas", "BHS"),
    ("The Commonwealth of The Bahamas", "BHS"),
    ("Commonwealth of the Bahamas", "BHS"),
    ("Holy See", "VAT"),
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("North Macedonia", "MKD"),
    ("Macedonia", "MKD"),
    ("Kosovo", "XKX"),
    ("Taiwan", "TWN"),
    ("Republic of China", "TWN"),
    ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"),
    ("Korea, South", "KOR"),
    ("North Korea", "PRK"),
    ("DPRK", "PRK"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("People's Republic of China", "CHN"),
    ("China", "CHN"),
    ("Czech Republic", "CZE"),
    ("Czechia", "CZE"),
    ("Soviet Union", "SUN"),
    ("USSR", "SUN"),
    ("Union of Soviet Socialist Republics", "SUN"),
    ("North Yemen", "YEM"),
    ("Yemen Arab Republic", "YEM"),
    ("South Yemen", "YMD"),
    ("People's Democratic Republic of Yemen", "YMD"),
    ("Yemen", "YEM"),
    ("United States", "USA"),
    ("U.S.", "USA"),
    ("US", "USA"),
    ("U.S.A.", "USA"),
    ("USA", "USA"),
    ("United States of America", "USA"),
    ("America", "USA"),
    ("United Kingdom", "GBR"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("Russia", "RUS"),
    ("Russian Federation", "RUS"),
    ("Iran", "IRN"),
    ("Vietnam", "VNM"),
    ("Viet Nam", "VNM"),
    ("Syria", "SYR"),
    ("Laos", "LAO"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    ("Moldova", "MDA"),
    ("Brunei", "BRN"),
    ("Micronesia", "FSM"),
    ("Turkey", "TUR"),
    ("Türkiye", "TUR"),
    ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"),
    ("Cape Verde", "CPV"),
    ("Eswatini", "SWZ"),
    ("Swaziland", "SWZ"),
    ("East Timor", "TLS"),
    ("Burma", "MMR"),
    ("Myanmar", "MMR"),
    ("Palestine", "PSE"),
    ("the Netherlands", "NLD"),
    ("Holland", "NLD"),
    ("Czechoslovakia", "CSK"),
    ("East Germany", "DDR"),
    ("German Democratic Republic", "DDR"),
    ("Yugoslavia", "YUG"),
    ("Democratic Republic of the Congo", "COD"),
    ("Republic of the Congo", "COG"),
    ("Georgia", "GEO"),
    ("Canada", "CAN"),
]


@pytest.mark.parametrize("name, code", REQUIRED_NAMES)
def test_required_names_resolve_to_their_code(name, code):
    country = resolve_country(name)
    assert country is not None, name
    assert country.code == code


ARMS_CONTROL_LIST = (
    "Albania, Australia, Belgium, Botswana, Bulgaria, Colombia, Croatia, Czech Republic, Denmark, Estonia, "
    "Finland, France, Germany, Greece, Hungary, Iceland, Italy, Latvia, Lithuania, Luxembourg, Netherlands, "
    "New Zealand, Norway, Poland, Portugal, Romania, Saudi Arabia, Slovakia, Slovenia, Spain, Sweden, Turkey, "
    "United Kingdom, the United States"
).split(", ")


def test_the_arms_control_list_resolves_to_34_distinct_codes():
    codes = [resolve_country(name).code for name in ARMS_CONTROL_LIST]
    assert len(ARMS_CONTROL_LIST) == 34
    assert len(set(codes)) == 34
    assert codes[:3] == ["ALB", "AUS", "BEL"]
    assert codes[7] == "CZE"
    assert codes[-3:] == ["TUR", "GBR", "USA"]


@pytest.mark.parametrize("name", ["Atlantis", "", "   ", "Korea", "Europe", "the Americas", "Iraq War", "Canadian"])
def test_unknown_names_are_none(name):
    assert resolve_country(name) is None


def test_kosovo_is_xkx_never_serbia():
    assert resolve_country("Kosovo") == Country("XKX", "Kosovo", "user-assigned code XKX, not in ISO 3166-1")


def test_republic_of_korea_is_south_korea_never_north():
    assert resolve_country("Republic of Korea") == Country("KOR", "South Korea")
    assert resolve_country("Democratic People's Republic of Korea") == Country("PRK", "North Korea")


def test_fuzzy_search_is_never_used(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("search_fuzzy must not be called")

    monkeypatch.setattr(pycountry.countries, "search_fuzzy", refuse)
    monkeypatch.setattr(pycountry.countries, "lookup", refuse)
    assert resolve_country("Kosovo").code == "XKX"
    assert resolve_country("Atlantis") is None
    assert resolve_country("Republc of Korea") is None


@pytest.mark.parametrize(
    "written, code",
    [
        ("  the   United\u00a0States  ", "USA"),
        ("THE UNITED STATES", "USA"),
        ("the russian federation", "RUS"),
        ("Democratic People\u2019s Republic of Korea", "PRK"),
        ("People\u2019s Democratic Republic of Yemen", "YMD"),
        ("C\u00f4te d\u2019Ivoire", "CIV"),
        ("the State of Palestine", "PSE"),
        ("State of Eritrea", "ERI"),
    ],
)
def test_names_are_normalised_before_lookup(written, code):
    assert resolve_country(written).code == code


def test_alpha_3_codes_resolve_only_when_written_as_codes():
    assert resolve_country("CAN") == Country("CAN", "Canada")
    assert resolve_country("SUN") == Country("SUN", "Soviet Union")
    assert resolve_country("can") is None


@pytest.mark.parametrize(
    "name, display",
    [
        ("Russian Federation", "Russia"),
        ("Korea, Republic of", "South Korea"),
        ("United States of America", "United States"),
        ("Taiwan, Province of China", "Taiwan"),
        ("Commonwealth of the Bahamas", "Bahamas"),
        ("Holy See (Vatican City State)", "Holy See"),
        ("Macedonia", "North Macedonia"),
        ("Islamic Republic of Iran", "Iran"),
        ("Viet Nam", "Vietnam"),
        ("Czech Republic", "Czechia"),
        ("Brunei Darussalam", "Brunei"),
        ("USSR", "Soviet Union"),
        ("Yemen, Democratic, People's Democratic Republic of", "South Yemen"),
        ("German Democratic Republic", "East Germany"),
        ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
    ],
)
def test_display_name_is_the_common_english_name(name, display):
    assert resolve_country(name).name == display


def test_north_yemen_carries_a_note_united_yemen_does_not():
    assert resolve_country("North Yemen") == Country("YEM", "Yemen", "North Yemen, now part of Yemen")
    assert resolve_country("Yemen Arab Republic").note == "North Yemen, now part of Yemen"
    assert resolve_country("Yemen") == Country("YEM", "Yemen")
    assert resolve_country("South Yemen") == Country("YMD", "South Yemen")


# --- the alias table -------------------------------------------------------------

ALIAS_ROWS = list(countries.aliases().values())
COUNTRY_ROWS = [row for row in ALIAS_ROWS if row.code]
NOT_A_COUNTRY_ROWS = [row for row in ALIAS_ROWS if not row.code]


def _is_valid_code(code):
    return (
        code == "XKX"
        or pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


@pytest.mark.parametrize("row", COUNTRY_ROWS, ids=lambda row: row.alias)
def test_every_alias_row_resolves_to_a_valid_code(row):
    assert _is_valid_code(row.code)
    assert resolve_country(row.alias).code == row.code


@pytest.mark.parametrize("row", COUNTRY_ROWS, ids=lambda row: row.alias)
def test_every_alias_row_is_needed(row):
    """A row is needed when pycountry's exact name lookups alone miss the name or give another code."""
    assert countries.pycountry_code(countries.normalise(row.alias)) != row.code


@pytest.mark.parametrize("row", NOT_A_COUNTRY_ROWS, ids=lambda row: row.alias)
def test_not_a_country_rows_resolve_to_none_and_say_why(row):
    assert resolve_country(row.alias) is None
    assert row.note


def test_every_alias_code_has_a_plain_display_name():
    for row in COUNTRY_ROWS:
        name = countries.display_name(row.code)
        assert "," not in name and "(" not in name, (row.code, name)


def test_the_alias_table_stays_short():
    assert len(ALIAS_ROWS) <= 60


@pytest.mark.parametrize(
    "name, code",
    [
        ("Canada", "CAN"),
        ("France", "FRA"),
        ("Czech Republic", "CZE"),
        ("Bahamas", "BHS"),
        ("Commonwealth of the Bahamas", "BHS"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("People's Republic of China", "CHN"),
        ("Viet Nam", "VNM"),
        ("Iran", "IRN"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Eswatini", "SWZ"),
        ("Netherlands", "NLD"),
        ("United States of America", "USA"),
        ("Russian Federation", "RUS"),
        ("German Democratic Republic", "DDR"),
    ],
)
def test_pycountry_alone_resolves_plain_names(name, code):
    assert countries.pycountry_code(countries.normalise(name)) == code


# --- countries_in_title ------------------------------------------------------------


def codes(countries_found):
    return [country.code for country in countries_found]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Foreign relations of Canada", ["CAN"]),
        ("Foreign relations of Australia", ["AUS"]),
        ("Foreign relations of the Soviet Union", ["SUN"]),
        ("Canada–Russia relations", ["CAN", "RUS"]),
        ("Argentina–Canada relations", ["ARG", "CAN"]),
        ("Canada-United States relations", ["CAN", "USA"]),
        ("Canada–North Korea relations", ["CAN", "PRK"]),
        ("Canada–Holy See relations", ["CAN", "VAT"]),
        ("Canada–Czech Republic relations", ["CAN", "CZE"]),
        ("Canada–United Arab Emirates relations", ["CAN", "ARE"]),
        ("Canada–Soviet Union relations", ["CAN", "SUN"]),
        ("Canada – Russia relations", ["CAN", "RUS"]),
        ("Guinea-Bissau–Canada relations", ["GNB", "CAN"]),
        ("Canada–Guinea-Bissau relations", ["CAN", "GNB"]),
        ("Timor-Leste–Canada relations", ["TLS", "CAN"]),
        ("Trinidad and Tobago–Canada relations", ["TTO", "CAN"]),
        ("Canada–Latin America relations", ["CAN"]),
        ("Canada–NATO relations", ["CAN"]),
        ("Canada–Europe and Canada–European Union relations", ["CAN"]),
        ("Canada and the Americas", ["CAN"]),
        ("Canada and the Iraq War", ["CAN"]),
        ("Canada and the United States", ["CAN", "USA"]),
        ("Canada and Bosnia and Herzegovina", ["CAN", "BIH"]),
        ("Embassy of Ukraine in Ottawa", []),
        ("Canada’s relations within the Americas", []),
        ("Relations with international groups", []),
        ("Trade and investment agreements", []),
        ("", []),
    ],
)
def test_countries_in_title(title, expected):
    assert codes(countries_in_title(title)) == expected


def test_title_countries_carry_display_names():
    assert countries_in_title("Canada–Russia relations") == [Country("CAN", "Canada"), Country("RUS", "Russia")]


# --- find_countries ---------------------------------------------------------------

RAW = Path(__file__).resolve().parents[2] / "raw"


def found(text):
    return [(m.country.code, m.text) for m in find_countries(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Commonwealth of The Bahamas and Canada are two of fifteen commonwealth realms",
            [("BHS", "Commonwealth of The Bahamas"), ("CAN", "Canada")],
        ),
        (
            "Canada established diplomatic relations with the People's Republic of China",
            [("CAN", "Canada"), ("CHN", "People's Republic of China")],
        ),
        ("the People\u2019s Republic of China", [("CHN", "People\u2019s Republic of China")]),
        ("Canada and the U.S.", [("CAN", "Canada"), ("USA", "U.S.")]),
        ("sanctions on North Korea", [("PRK", "North Korea")]),
        ("NORTH KOREA", [("PRK", "NORTH KOREA")]),
        (
            "the Republic of Korea and the Democratic People's Republic of Korea",
            [("KOR", "Republic of Korea"), ("PRK", "Democratic People's Republic of Korea")],
        ),
        ("the Russian Federation maintains an Embassy in Ottawa", [("RUS", "Russian Federation")]),
        (
            "Canada-Russia Relations and Canada–Soviet Union relations",
            [("CAN", "Canada"), ("RUS", "Russia"), ("CAN", "Canada"), ("SUN", "Soviet Union")],
        ),
        ("Canada's and Russia’s", [("CAN", "Canada"), ("RUS", "Russia")]),
        ("visits to the USSR", [("SUN", "USSR")]),
        (
            "Guinea-Bissau and Papua New Guinea and Equatorial Guinea",
            [("GNB", "Guinea-Bissau"), ("PNG", "Papua New Guinea"), ("GNQ", "Equatorial Guinea")],
        ),
        ("the Democratic Republic of the Congo", [("COD", "Democratic Republic of the Congo")]),
        ("Canada–Kosovo relations", [("CAN", "Canada"), ("XKX", "Kosovo")]),
        ("Canada–Georgia relations", [("CAN", "Canada"), ("GEO", "Georgia")]),
        (
            "1975-12 (North Yemen) 1976-05 (South Yemen) 1989-09 (united Yemen)",
            [("YEM", "North Yemen"), ("YMD", "South Yemen"), ("YEM", "Yemen")],
        ),
        ("the\u00a0United\u00a0States", [("USA", "United\u00a0States")]),
        ("NATO members (except Turkey)", [("TUR", "Turkey")]),
    ],
)
def test_find_countries(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fine chinaware",
        "a roast turkey",
        "china and turkey",
        "Canadian and American and Russian",
        "the North American Aerospace Defense Command",
        "Latin America and the Caribbean, South America, Central America",
        "New Mexico, New Jersey and New Guinea",
        "Belfast, Northern Ireland",
        "the Americas",
        "ODA reached CAD$9.6 billion (US$7.4 billion)",
        "Korea",
        "the Koreans",
    ],
)
def test_find_countries_ignores_words_that_are_not_country_mentions(text):
    assert found(text) == []


def test_mentions_give_offsets_into_the_original_text():
    text = "Ties with the\u00a0U.K. and Côte d\u2019Ivoire."
    mentions = find_countries(text)
    assert [(m.country.code, m.start, m.end) for m in mentions] == [("GBR", 14, 18), ("CIV", 23, 36)]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_mentions_carry_the_resolved_country():
    (mention,) = find_countries("Relations with North Yemen began in 1975.")
    assert mention.country == Country("YEM", "Yemen", "North Yemen, now part of Yemen")


def test_every_spelling_in_the_index_resolves_like_a_single_name():
    for spelling in countries._spellings():
        row = countries.aliases().get(countries.normalise(spelling))
        if row is not None and row.code is None:
            continue
        assert resolve_country(spelling) is not None, spelling


def test_the_arms_control_list_is_found_in_the_raw_text():
    text = (RAW / "foreign-relations-of-canada.txt").read_text(encoding="utf-8")
    start = text.index("(Albania")
    mentions = find_countries(text[start : text.index(")", start)])
    assert [m.country.code for m in mentions] == [resolve_country(name).code for name in ARMS_CONTROL_LIST]


def test_the_unfriendly_countries_sentence():
    text = (RAW / "canada-russia-relations.txt").read_text(encoding="utf-8")
    start = text.index("On May 8, Russia")
    sentence = text[start : text.index("\n", start)]
    assert [m.country.code for m in find_countries(sentence)] == [
        "RUS",
        "CAN",
        "TWN",
        "KOR",
        "JPN",
        "SGP",
        "USA",
        "TUR",
        "AUS",
        "NZL",
        "CHE",
        "FSM",
        "UKR",
    ]


def test_raw_texts_mentions_agree_with_single_name_resolution():
    for path in sorted(RAW.glob("*.txt")):
        for mention in find_countries(path.read_text(encoding="utf-8")):
            assert resolve_country(mention.text) == mention.country, (path.name, mention)


def test_latin_america_in_the_raw_text_is_not_the_united_states():
    text = (RAW / "canada-and-the-americas.txt").read_text(encoding="utf-8")
    assert "Latin America" in text
    assert [m.text for m in find_countries(text) if m.country.code == "USA"] == ["United States"]


def test_the_name_index_is_built_on_first_use_not_at_import():
    code = (
        "from pipeline.resolve import countries as c\n"
        "assert c._name_pattern.cache_info().currsize == 0\n"
        "assert c.aliases.cache_info().currsize == 0\n"
        "assert c.demonyms.cache_info().currsize == 0\n"
        "c.find_countries('Canada')\n"
        "assert c._name_pattern.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=RAW.parent, check=True)


# --- resolve_demonym ---------------------------------------------------------------


@pytest.mark.parametrize(
    "word, code",
    [
        ("American", "USA"),
        ("Canadian", "CAN"),
        ("Russian", "RUS"),
        ("Soviet", "SUN"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("Chinese", "CHN"),
        ("Mexican", "MEX"),
        ("Ukrainian", "UKR"),
        ("Japanese", "JPN"),
        ("Dutch", "NLD"),
        ("German", "DEU"),
        ("Americans", "USA"),
        ("Canadians", "CAN"),
        (" russian ", "RUS"),
    ],
)
def test_resolve_demonym(word, code):
    assert resolve_demonym(word).code == code


def test_demonyms_carry_display_names():
    assert resolve_demonym("Soviet") == Country("SUN", "Soviet Union")
    assert resolve_demonym("Russian") == Country("RUS", "Russia")


@pytest.mark.parametrize("word", ["Martian", "", "Korean", "Latin American", "s"])
def test_unknown_demonyms_are_none(word):
    assert resolve_demonym(word) is None


def test_every_demonym_row_names_a_valid_code_or_is_ambiguous():
    table = countries.demonyms()
    assert len(table) >= 240  # every ISO 3166-1 country's, from the maintained dataset
    for demonym, code in table.items():
        if code is None:
            assert resolve_demonym(demonym) is None, demonym
            continue
        assert _is_valid_code(code), demonym
        assert resolve_demonym(demonym).code == code


@pytest.mark.parametrize(
    "word, code",
    [
        ("Kenyan", "KEN"),
        ("Soviet", "SUN"),
        ("Yugoslav", "YUG"),
        ("East German", "DDR"),
        ("New Zealanders", "NZL"),
        ("French", "FRA"),
        ("American", "USA"),
        ("Congolese", None),
        ("Dominican", None),
        ("Guinean", None),
        ("Georgian", None),
    ],
)
def test_demonyms_resolve_exactly_and_ambiguous_ones_to_nothing(word, code):
    resolved = resolve_demonym(word)
    assert (resolved.code if resolved else None) == code


def test_multiword_demonyms_are_read_whole_in_prose():
    from pipeline.extract.prose import countries_named

    named = [
        (m.country.code, m.text)
        for m in countries_named(
            "Equatorial Guinean and South African diplomats met Latin American and Congolese envoys"
        )
    ]
    assert named == [("GNQ", "Equatorial Guinean"), ("ZAF", "South African")]


@pytest.mark.parametrize(
    "name, code",
    [("Zaire", "ZAR"), ("Upper Volta", "HVO"), ("Serbia and Montenegro", "SCG"), ("Southern Rhodesia", "RHO")],
)
def test_historic_states_resolve_to_their_iso_3166_3_codes(name, code):
    assert resolve_country(name).code == code


def test_places_inside_a_country_and_territories_are_told_from_states():
    from pipeline.resolve.countries import is_territory, subdivision_country

    assert resolve_country("Alaska") is None and subdivision_country("Alaska").code == "USA"
    assert subdivision_country("Quebec").code == "CAN"
    assert subdivision_country("Punjab") is None  # India's and Pakistan's: ambiguous, no guess
    assert resolve_country("Greenland").code == "GRL" and is_territory("GRL") and not is_territory("DNK")
    assert not is_territory("SUN")
