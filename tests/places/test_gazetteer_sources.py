"""The second and third gazetteer sources: US postal towns and counties, world divisions."""

from __future__ import annotations

import numpy as np

from herald.places.gazetteer.entries import distance_km
from herald.places.gazetteer.lookup import best, rank
from herald.places.gazetteer.us_postal import postal_places
from herald.places.gazetteer.world_divisions import CityCodes, world_divisions


def test_postal_table_gives_towns_and_counties_with_points() -> None:
    towns, counties = postal_places()
    assert len(towns) > 20_000
    assert len(counties) > 3_000
    assert all(-180 <= t.lon <= 180 and -90 <= t.lat <= 90 for t in towns)
    assert any(c.name == "Hall County" and c.state == "GA" for c in counties)


def test_a_hamlet_below_the_city_table_is_known() -> None:
    # Niota, Tennessee has fewer than 1,000 people: only the postal table names it
    readings = rank("Niota")
    assert {e.admin1 for e in readings} >= {"Tennessee", "Illinois"}
    assert all(e.population == 0 for e in readings)


def test_counties_have_points_inside_their_state() -> None:
    county = next(e for e in rank("Hall County") if e.admin1 == "Georgia")
    gainesville = next(e for e in rank("Gainesville") if e.admin1 == "Georgia")
    assert county.lat is not None and county.lon is not None
    assert gainesville.lat is not None and gainesville.lon is not None
    assert distance_km(county.lat, county.lon, gainesville.lat, gainesville.lon) < 40


def test_world_divisions_skip_asked_countries_and_mark_levels() -> None:
    divisions = world_divisions(skip_countries=frozenset({"US"}))
    assert not any(d.country == "US" for d in divisions)
    sindh = next(d for d in divisions if d.name == "Sindh")
    assert (sindh.country, sindh.first_level) == ("PK", True)
    assert not next(d for d in divisions if d.name == "Barnet").first_level  # a London borough


def test_provinces_resolve_but_big_cities_keep_their_name() -> None:
    sindh = best("Sindh")
    assert sindh is not None and (sindh.feature, sindh.country) == ("province", "PAK")
    dagestan = best("Dagestan")
    assert dagestan is not None and dagestan.country == "RUS"
    lagos = best("Lagos")
    assert lagos is not None and (lagos.feature, lagos.country) == ("city", "NGA")


def test_a_province_takes_the_code_of_its_nearest_cities() -> None:
    codes = CityCodes(
        lat=np.array([10.0, 10.1, 10.2, 20.0, 20.1]),
        lon=np.array([5.0, 5.1, 5.2, 8.0, 8.1]),
        codes=["X.01", "X.01", "X.02", "X.03", "X.03"],
    )
    assert codes.code_near(10.05, 5.05) == "X.01"
    assert codes.code_near(20.0, 8.0) == "X.03"
    assert CityCodes(np.array([]), np.array([]), []).code_near(0.0, 0.0) is None
