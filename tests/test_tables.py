"""The lookup tables of herald/data: well-formed, unique keys, known facts."""

from __future__ import annotations

import csv
import re

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald import tables
from herald.parsing import parse

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
    with (tables.DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_countries_table() -> None:
    rows = _rows("countries.csv")
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
                key = tables.normalize(word)
                assert owner.setdefault(key, row["iso3"]) == row["iso3"], (word, row["iso3"])
    assert tables.country_for("Canadian") == "CAN"
    assert tables.country_for("Pyongyang") == "PRK"
    assert tables.country_for("North Korean") == "PRK"
    assert tables.country_for("the United States") == "USA"
    assert tables.country_for("U.S.") == tables.country_for("America") == "USA"
    assert tables.country_for("Washington") == "USA"
    assert tables.country_for("OTTAWA") == "CAN"  # datelines are in capitals
    assert tables.country_for("Chad") == "TCD"
    assert tables.country_for("chad") is None  # single words need their capital letter
    assert tables.country_for("the North") is None  # depends on the article, not a table
    assert tables.country_word("Havana") == ("CUB", "capital")
    assert tables.country_word("Cuban") == ("CUB", "demonym")


@given(st.text(max_size=40))
def test_country_for_never_fails(text: str) -> None:
    found = tables.country_for(text)
    assert found is None or found in tables.country_by_iso3()


def test_roles_table() -> None:
    rows = _rows("roles.csv")
    roles = [row["role"] for row in rows]
    assert len(set(roles)) == len(roles)
    for row in rows:
        assert row["role"] == row["role"].lower().strip()
        assert row["sector"] in SECTORS or row["sector"] == "", row
        assert row["kind"] in ("person", "group", "organization"), row
        assert row["descriptor"] in ("yes", "no"), row
    foreign = tables.role_for("Secretary of State")
    assert foreign is not None and foreign.role_class == "foreign" and foreign.sector == "GOV"
    diplomat = tables.role_for("top diplomat")
    assert diplomat is not None and diplomat.descriptor and diplomat.role_class == "foreign"
    assert tables.role_for("Prime Minister").role_class == "head"
    assert tables.role_for("senator").sector == "LEG"
    assert tables.role_for("police").sector == "COP"
    assert tables.role_for("general").sector == "MIL"
    assert tables.role_for("rebels").sector == "REB"
    assert tables.role_form("rebels") == (tables.role_for("rebel"), True)
    assert tables.role_for("foreign minister").head_word == "minister"
    assert tables.role_for("secretary of state").head_word == "secretary"


def test_organizations_table() -> None:
    rows = _rows("organizations.csv")
    forms: dict[str, str] = {}
    for row in rows:
        assert row["sector"] in SECTORS, row
        assert row["country"] == "" or row["country"] in tables.country_by_iso3(), row
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            key = tables.normalize(form).casefold()
            assert forms.setdefault(key, row["name"]) == row["name"], form
    state = tables.organization_for("the State Department")
    assert state is not None and state.country == "USA" and state.sector == "GOV"
    assert "department" in state.generics
    assert tables.organization_for("CIA").sector == "SPY"
    assert tables.organization_for("U.N.").sector == "IGO"
    assert tables.organization_for("NATO").country is None
    assert tables.organization_for("Kremlin").country == "RUS"
    assert tables.organization_for("Reuters") is None
    assert "department" in tables.organization_generics()


def test_media_table() -> None:
    rows = _rows("media.csv")
    names = [row["name"] for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        assert row["country"] in tables.country_by_iso3(), row
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            assert tables.organization_for(form) is None, form  # never both
    assert tables.is_media("Reuters")
    assert tables.is_media("The Globe and Mail") and tables.is_media("Globe and Mail")
    assert tables.is_media("The New York Times")
    assert tables.is_media("AP")
    assert not tables.is_media("State Department")
    assert tables.media_for("The Globe and Mail").country == "CAN"


def test_media_name_endings_table() -> None:
    rows = _rows("media_name_endings.csv")
    endings = [row["ending"] for row in rows]
    assert len(set(endings)) == len(endings) and all(e == e.lower() for e in endings)
    assert {"times", "post", "journal"} <= set(tables.media_name_endings())
    assert tables.looks_like_media("The Denver Post")
    assert not tables.looks_like_media("State Department")


def test_honorifics_and_pronouns_tables() -> None:
    honorifics = tables.honorifics()
    assert honorifics["Mr."] == "male" and honorifics["Ms."] == "female"
    assert honorifics["Dr."] is None
    pronouns = tables.pronouns()
    assert pronouns["him"] == ("male", "object")
    assert {gender for gender, _ in pronouns.values()} == {"male", "female"}


@pytest.mark.slow
def test_match_phrases_finds_longest_forms() -> None:
    parsed = parse("U.S. Secretary of State Rex Tillerson met Reuters at the State Department.")
    found = {(parsed.span_text(m.start, m.end), m.category) for m in tables.match_phrases(parsed)}
    assert ("U.S.", "country") in found
    assert ("Secretary of State", "role") in found
    assert ("Reuters", "media") in found
    assert ("State Department", "organization") in found
    assert not any(text == "State" for text, _ in found)  # inside longer phrases only
