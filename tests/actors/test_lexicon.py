"""The lookup tables of herald/data: well-formed, unique keys, known facts."""

from __future__ import annotations

import csv
import re

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import herald.actors.lexicon as lexicon
from herald.actors.phrases import match_phrases
from herald.data_files import data_path
from herald.parse.model import parse

SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "COP",
    "SPY",
    "PTY",
    "OPP",
    "REB",
    "IGO",
    "NGO",
    "MED",
    "BUS",
    "EDU",
    "REL",
    "CVL",
    "LAB",
    "AGR",
    "REF",
    "UAF",
}


def _rows(name: str) -> list[dict[str, str]]:
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_countries_table() -> None:
    rows = _rows("actors/countries.csv")
    assert len(rows) >= 193 + 2  # every UN member state and the two observer states
    isos = [row["iso3"] for row in rows]
    assert len(set(isos)) == len(isos)
    for row in rows:
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]) and row["name"]
        assert row["iso3"] == "XKX" or pycountry.countries.get(alpha_3=row["iso3"]), row
    owner: dict[str, str] = {}
    for row in rows:
        for cell in ("name", "aliases", "demonyms", "capitals"):
            for word in filter(None, row[cell].split("|")):
                key = lexicon.normalize(word)
                assert owner.setdefault(key, row["iso3"]) == row["iso3"], (word, row["iso3"])
    assert lexicon.country_for("Canadian") == "CAN"
    assert lexicon.country_for("Pyongyang") == "PRK"
    assert lexicon.country_for("North Korean") == "PRK"
    assert lexicon.country_for("the United States") == "USA"
    assert lexicon.country_for("U.S.") == lexicon.country_for("America") == "USA"
    assert lexicon.country_for("Washington") == "USA"
    assert lexicon.country_for("OTTAWA") == "CAN"  # datelines are in capitals
    assert lexicon.country_for("Chad") == "TCD"
    assert lexicon.country_for("chad") is None  # single words need their capital letter
    assert lexicon.country_for("the North") is None  # depends on the article, not a table
    assert lexicon.country_word("Havana") == ("CUB", "capital")
    assert lexicon.country_word("Cuban") == ("CUB", "demonym")


@given(st.text(max_size=40))
def test_country_for_never_fails(text: str) -> None:
    found = lexicon.country_for(text)
    assert found is None or found in lexicon.country_by_iso3()


def test_roles_table() -> None:
    rows = _rows("actors/roles.csv")
    roles = [row["role"] for row in rows]
    assert len(set(roles)) == len(roles)
    for row in rows:
        assert row["role"] == row["role"].lower().strip()
        assert row["sector"] in SECTORS or row["sector"] == "", row
        assert row["kind"] in ("person", "group", "organization"), row
        assert row["descriptor"] in ("yes", "no"), row
    foreign = lexicon.role_for("Secretary of State")
    assert foreign is not None and foreign.role_class == "foreign" and foreign.sector == "GOV"
    diplomat = lexicon.role_for("top diplomat")
    assert diplomat is not None and diplomat.descriptor and diplomat.role_class == "foreign"
    assert lexicon.role_for("Prime Minister").role_class == "head"
    assert lexicon.role_for("senator").sector == "LEG"
    assert lexicon.role_for("police").sector == "COP"
    assert lexicon.role_for("general").sector == "MIL"
    assert lexicon.role_for("rebels").sector == "REB"
    assert lexicon.role_form("rebels") == (lexicon.role_for("rebel"), True)
    assert lexicon.role_for("foreign minister").head_word == "minister"
    assert lexicon.role_for("secretary of state").head_word == "secretary"


def test_organizations_table() -> None:
    rows = _rows("actors/organizations.csv")
    forms: dict[str, str] = {}
    for row in rows:
        assert row["sector"] in SECTORS, row
        assert row["country"] == "" or row["country"] in lexicon.country_by_iso3(), row
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            key = lexicon.normalize(form).casefold()
            assert forms.setdefault(key, row["name"]) == row["name"], form
    state = lexicon.organization_for("the State Department")
    assert state is not None and state.country == "USA" and state.sector == "GOV"
    assert "department" in state.generics
    assert lexicon.organization_for("CIA").sector == "SPY"
    assert lexicon.organization_for("U.N.").sector == "IGO"
    assert lexicon.organization_for("NATO").country is None
    assert lexicon.organization_for("Kremlin").country == "RUS"
    assert lexicon.organization_for("Reuters") is None
    assert "department" in lexicon.organization_generics()
    # armed groups and parties carry their country: the text seldom names it
    for form, country, sector in [
        ("UNITA", "AGO", "REB"),
        ("Tamil Tigers", "LKA", "REB"),
        ("Rapid Support Forces", "SDN", "MIL"),
        ("Islamic Salvation Front", "DZA", "OPP"),
        ("BJP", "IND", "PTY"),
    ]:
        found = lexicon.organization_for(form)
        assert found is not None and (found.country, found.sector) == (country, sector), form
    # names several countries' bodies bear are not in the table
    for form in ("National Front", "Democratic Progressive Party", "Congress party", "Majlis"):
        assert lexicon.organization_for(form) is None, form


def test_media_table() -> None:
    rows = _rows("actors/media.csv")
    names = [row["name"] for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        assert row["country"] in lexicon.country_by_iso3(), row
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            assert lexicon.organization_for(form) is None, form  # never both
    assert lexicon.is_media("Reuters")
    assert lexicon.is_media("The Globe and Mail") and lexicon.is_media("Globe and Mail")
    assert lexicon.is_media("The New York Times")
    assert lexicon.is_media("AP")
    assert not lexicon.is_media("State Department")
    assert lexicon.media_for("The Globe and Mail").country == "CAN"


def test_media_name_endings_table() -> None:
    rows = _rows("actors/media_name_endings.csv")
    endings = [row["ending"] for row in rows]
    assert len(set(endings)) == len(endings) and all(e == e.lower() for e in endings)
    assert {"times", "post", "journal"} <= set(lexicon.media_name_endings())
    assert lexicon.looks_like_media("The Denver Post")
    assert not lexicon.looks_like_media("State Department")


def test_honorifics_and_pronouns_tables() -> None:
    honorifics = lexicon.honorifics()
    assert honorifics["Mr."] == "male" and honorifics["Ms."] == "female"
    assert honorifics["Dr."] is None
    pronouns = lexicon.pronouns()
    assert pronouns["him"] == ("male", "object")
    assert {gender for gender, _ in pronouns.values()} == {"male", "female"}


@pytest.mark.slow
def test_match_phrases_finds_longest_forms() -> None:
    parsed = parse("U.S. Secretary of State Rex Tillerson met Reuters at the State Department.")
    found = {(parsed.span_text(m.start, m.end), m.category) for m in match_phrases(parsed)}
    assert ("U.S.", "country") in found
    assert ("Secretary of State", "role") in found
    assert ("Reuters", "media") in found
    assert ("State Department", "organization") in found
    assert not any(text == "State" for text, _ in found)  # inside longer phrases only


def test_acronyms_with_inner_capitals_match_letter_for_letter() -> None:
    parsed = parse("Let's be clear: the LeT did not claim it.")
    found = [(parsed.span_text(m.start, m.end), m.key) for m in match_phrases(parsed)]
    assert found == [("LeT", "Lashkar-e-Taiba")]  # not the "Let" that opens the sentence
