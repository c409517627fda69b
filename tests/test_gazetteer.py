"""The offline gazetteer: lookups, ranking with context, its data tables, distances."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.gazetteer import (
    Context,
    best,
    country_of_place,
    distance_km,
    load_gazetteer,
    name_key,
    rank,
)

US = Context(countries=frozenset({"USA"}))
CANADA = Context(countries=frozenset({"CAN"}))


def _table(name: str) -> list[dict[str, str]]:
    path = Path(str(resources.files("herald") / "data" / name))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_vancouver_in_a_canadian_context_is_in_british_columbia() -> None:
    entry = best("Vancouver", CANADA)
    assert entry is not None
    assert entry.country == "CAN"
    assert distance_km(entry.lat or 0, entry.lon or 0, 49.25, -123.1) < 20


def test_vancouver_in_washington_state_context_is_vancouver_wa() -> None:
    state = load_gazetteer().admin1["US.WA"]
    entry = best("Vancouver", Context(frozenset({"USA"}), frozenset({"US.WA"})))
    assert entry is not None and entry.country == "USA"
    assert entry.admin1 == state.name == "Washington"


def test_paris_without_context_is_the_french_capital() -> None:
    entry = best("Paris")
    assert entry is not None
    assert (entry.country, entry.feature) == ("FRA", "city")
    assert entry.geonameid == 2988507


def test_paris_within_texas_is_paris_texas() -> None:
    entry = best("Paris", Context(within_admin1="US.TX"))
    assert entry is not None and entry.admin1 == "Texas"


def test_georgia_is_the_country_alone_and_the_state_next_to_us_places() -> None:
    alone = best("Georgia")
    in_us = best("Georgia", US)
    assert alone is not None and (alone.country, alone.feature) == ("GEO", "country")
    assert in_us is not None and (in_us.country, in_us.feature) == ("USA", "admin1")


def test_washington_is_in_the_usa_and_means_the_capital() -> None:
    assert country_of_place("Washington") == "USA"
    entry = best("Washington")
    assert entry is not None and entry.capital


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Ottawa", "CAN"),
        ("Beijing", "CHN"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("DRC", "COD"),
        ("Toronto", "CAN"),
        ("São Paulo", "BRA"),
        ("Sao Paulo", "BRA"),
    ],
)
def test_country_of_place_for_capitals_cities_and_short_forms(name: str, iso3: str) -> None:
    assert country_of_place(name) == iso3


def test_unknown_name_has_no_country() -> None:
    assert country_of_place("Xqzzyville") is None
    assert rank("Xqzzyville") == ()


def test_a_country_beats_a_city_of_the_same_name() -> None:
    entry = best("Mexico", Context(countries=frozenset({"MEX"}), admin1=frozenset({"MX.09"})))
    assert entry is not None and entry.feature == "country"


def test_new_york_is_the_state_and_new_york_city_the_city() -> None:
    state = load_gazetteer().admin1["US.NY"]
    city = best("New York City")
    assert best("New York") == best("NY") == state
    assert city is not None and city.feature == "city" and city.admin1_key == "US.NY"


def test_regions_and_continents_resolve() -> None:
    middle_east = best("the Middle East")
    europe = best("Europe")
    assert middle_east is not None and middle_east.feature == "region"
    assert europe is not None and europe.feature == "continent"


def test_name_key_folds_accents_dots_case_and_the() -> None:
    assert name_key("The U.S.") == "us"
    assert name_key("Québec") == name_key("Quebec") == "quebec"
    assert name_key("Winston-Salem") == "winston salem"


def test_short_forms_of_fort_and_saint_find_the_city() -> None:
    fort_worth = best("Ft. Worth")
    assert fort_worth is not None and fort_worth.name == "Fort Worth"
    st_louis = best("St. Louis", Context(within_admin1="US.MO"))
    assert st_louis is not None and st_louis.population > 250_000


def test_distance_km_known_pairs() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    # Paris - London: about 344 km
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)
    # a quarter of the equator
    assert distance_km(0, 0, 0, 90) == pytest.approx(10007.5, abs=1)


@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180))
def test_distance_km_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    there = distance_km(a, b, c, d)
    assert there == pytest.approx(distance_km(c, d, a, b), abs=1e-6)
    assert 0 <= there <= 20016  # half the circumference


def test_country_points_table_has_valid_codes_and_coordinates() -> None:
    rows = _table("country_points.csv")
    assert len(rows) > 100
    for row in rows:
        assert pycountry.countries.get(alpha_3=row["iso3"]) is not None, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    canada = load_gazetteer().countries["CAN"]
    assert canada.lat is not None and canada.lat > 45


def test_place_aliases_table_points_at_known_countries() -> None:
    countries = load_gazetteer().countries
    for row in _table("place_aliases.csv"):
        if row["iso3"] in countries:
            assert best(row["alias"]) == countries[row["iso3"]], row


def test_regions_table_rows_are_well_formed_and_divisions_match_geonames() -> None:
    gazetteer = load_gazetteer()
    for row in _table("regions.csv"):
        assert row["feature"] in {"region", "admin1", "continent"}
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        if row["gn_admin1"]:
            assert (
                row["gn_admin1"].split(".")[0]
                == pycountry.countries.get(alpha_3=row["country"]).alpha_2
            )
            assert gazetteer.admin1[row["gn_admin1"]].name == row["name"]
    vancouver = best("Vancouver", Context(within_admin1="CA.02"))
    assert vancouver is not None and vancouver.country == "CAN"


def test_us_state_abbreviations_table_covers_every_state() -> None:
    rows = _table("us_state_abbreviations.csv")
    assert len(rows) == 51
    admin1 = load_gazetteer().admin1
    for row in rows:
        state = admin1.get(f"US.{row['code']}")
        if state is not None:
            assert best(row["ap"]) == state, row
    assert best("Ga.") == admin1["US.GA"]


def test_only_the_biggest_namesake_is_the_capital() -> None:
    small = [e for e in rank("Washington") if e.feature == "city" and e.admin1 == "Georgia"]
    assert small and not small[0].capital
