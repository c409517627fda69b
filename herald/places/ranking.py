"""places.ranking: read each place name of an article in the way that fits the others best.

Every name has readings (gazetteer candidates), each with a prior: the gazetteer's
context-free ``score`` (population, feature, alternate name or not). The names of one article
lie together: a local story names neighbouring towns, their county and state; a foreign
story a country and its cities. So a reading gains *support* from every other name that has
a likely reading near it, in the same division or country, or containing it (a state, a
country) or contained by it.

"Likely" is soft: each name's readings are weighted by a softmax of their current totals,
and support is recomputed a few rounds. A first guess that is wrong ("Decatur" read in
Illinois because that one is biggest) thus does not lock the other names into its state:
"Avondale Estates", which exists only in Georgia, pulls "Decatur" there, since its Georgia
reading lies 3 km away. Why not the context votes of country and state codes used before:
votes by first guesses spread such errors, and codes cannot tell neighbouring towns from
towns at both ends of Texas.

Support from one other name is the best of its (weighted) links, so a name counts once
however often it is repeated; the total over names is capped, so that ten US towns do not
drown the population prior of a foreign capital named beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from herald.places.gazetteer.entries import Context, Entry, PlaceCandidate, score

# How many readings of one name are weighed (best priors first): enough for "Springfield".
MAX_READINGS = 25
ROUNDS = 3
# Softmax temperature on the prior's scale (1.0 = a factor ten in population).
TEMPERATURE = 1.0
# Link strengths between two readings, on the prior's scale; the kinds add up.
SAME_COUNTRY_LINK = 4.0
SAME_ADMIN1_LINK = 3.0
NEAR_LINK = 3.0
CONTAINS_LINK = 2.0  # one is the country or first-level division of the other
# Towns and counties this close support each other, linearly less up to this distance.
NEAR_KM = 150.0
POINT_FEATURES = frozenset({"city", "admin2"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a name and its final total (prior plus support)."""

    entry: Entry
    total: float


def _priors(candidates: Sequence[PlaceCandidate]) -> list[tuple[PlaceCandidate, float]]:
    scored = [(c, score(c, Context())) for c in candidates]
    scored.sort(key=lambda pair: pair[1], reverse=True)
    return scored[:MAX_READINGS]


def _codes(values: list[str | None]) -> np.ndarray:
    """Small integers for codes (-1 for none), so equality tests run on arrays."""
    table: dict[str, int] = {}
    return np.array([table.setdefault(v, len(table)) if v else -1 for v in values])


def _links(entries: list[Entry]) -> np.ndarray:
    """The link strength between every two readings (rows support-receivers)."""
    country = _codes([e.country for e in entries])
    admin1 = _codes([e.admin1_key for e in entries])
    feature = [e.feature for e in entries]
    is_country = np.array([f == "country" for f in feature])
    is_admin1 = np.array([f in ("admin1", "province") for f in feature])
    same_country = (country[:, None] == country[None, :]) & (country[:, None] >= 0)
    same_admin1 = (admin1[:, None] == admin1[None, :]) & (admin1[:, None] >= 0)
    contains = (same_country & (is_country[:, None] | is_country[None, :])) | (
        same_admin1 & (is_admin1[:, None] | is_admin1[None, :])
    )
    return (
        SAME_COUNTRY_LINK * same_country
        + SAME_ADMIN1_LINK * same_admin1
        + CONTAINS_LINK * contains
        + NEAR_LINK * _nearness(entries)
    )


def _nearness(entries: list[Entry]) -> np.ndarray:
    """1 for the same point, falling linearly to 0 at NEAR_KM; 0 for areas and unknown points."""
    placed = np.array(
        [e.feature in POINT_FEATURES and e.lat is not None and e.lon is not None for e in entries]
    )
    lat = np.radians([e.lat if e.lat is not None else 0.0 for e in entries])
    lon = np.radians([e.lon if e.lon is not None else 0.0 for e in entries])
    # An equirectangular distance: exact enough within the few hundred km that matter here.
    x = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    y = lat[:, None] - lat[None, :]
    km = 6371.0 * np.sqrt(x * x + y * y)
    near = np.clip(1.0 - km / NEAR_KM, 0.0, 1.0)
    return np.where(placed[:, None] & placed[None, :], near, 0.0)


def _weights(totals: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    """A softmax of the totals within each name's readings."""
    top = np.full(count, -np.inf)
    np.maximum.at(top, groups, totals)
    exp = np.exp((totals - top[groups]) / TEMPERATURE)
    sums = np.zeros(count)
    np.add.at(sums, groups, exp)
    return exp / sums[groups]


def _support(
    links: np.ndarray,
    weights: np.ndarray,
    groups: np.ndarray,
    starts: np.ndarray,
    voices: np.ndarray,
) -> np.ndarray:
    """For each reading, the mean over the other voices of their best weighted link to it.

    A voice is the names that most likely mean one place ("U.S.", "US", "United States"):
    it counts once, or a country named three ways would outweigh one named once.
    """
    by_name = np.maximum.reduceat(links * weights[None, :], starts, axis=1)
    by_voice = np.zeros((len(groups), int(voices.max()) + 1))
    for voice in range(by_voice.shape[1]):
        by_voice[:, voice] = by_name[:, voices == voice].max(axis=1)
    by_voice[np.arange(len(groups)), voices[groups]] = 0.0  # a place does not support itself
    return by_voice.sum(axis=1) / max(by_voice.shape[1] - 1, 1)


def _voices(rows: list[tuple[int, Entry, float]], count: int) -> np.ndarray:
    """For each name, the number of its voice: names whose likeliest reading is the same.
    A name's rows come best prior first (``_priors``), so its first row is that reading."""
    best: dict[int, Entry] = {}
    for group, entry, _ in rows:
        best.setdefault(group, entry)
    numbers: dict[Entry, int] = {}
    return np.array([numbers.setdefault(best[g], len(numbers)) for g in range(count)])


def rank_together(
    names: dict[str, Sequence[PlaceCandidate]],
    fixed: Sequence[Entry] = (),
    silent: frozenset[str] = frozenset(),
) -> dict[str, list[Reading]]:
    """The readings of every name, best first, each name read in the light of the others.

    ``fixed`` entries (the dateline's place) support readings but are not ranked; ``silent``
    names are ranked but support none ("U.S." in "U.S. Secretary of State" says whose
    official, not where the story is).
    """
    keys = [key for key, candidates in names.items() if candidates]
    rows: list[tuple[int, Entry, float]] = []
    for group, key in enumerate(keys):
        rows += [(group, c.entry, prior) for c, prior in _priors(names[key])]
    rows += [(len(keys) + i, entry, 0.0) for i, entry in enumerate(fixed)]
    if not keys:
        return {}
    groups = np.array([row[0] for row in rows])
    priors = np.array([row[2] for row in rows])
    count = int(groups.max()) + 1
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    voices = _voices(rows, count)
    links = _links([row[1] for row in rows])
    speaks = np.array([group >= len(keys) or keys[group] not in silent for group, _, _ in rows])
    links = links * speaks[None, :]
    totals = priors.copy()
    for _ in range(ROUNDS):
        weights = _weights(totals, groups, count)
        totals = priors + _support(links, weights, groups, starts, voices)
    ranked: dict[str, list[Reading]] = {key: [] for key in keys}
    for (group, entry, _), total in zip(rows, totals, strict=True):
        if group < len(keys):
            ranked[keys[group]].append(Reading(entry, float(total)))
    for readings in ranked.values():
        readings.sort(key=lambda r: r.total, reverse=True)
    return ranked
