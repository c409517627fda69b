"""Confidence calibration: map the events stage's raw rule score to a probability of being right.

The raw score (``herald.events.record``) adds up cues (lexicon weight, a found actor, a verb
trigger, ...); it ranks events well but is not a probability.
``herald/data/events/confidence_calibration.csv`` holds a binned isotonic fit of "the event's type
is right" against the raw score, measured on the **dev** half of the PLOVER gold records only
(one top event per sentence): per bin of raw scores the lower and upper bound, the number of
events, how many were right, and the calibrated value (pool-adjacent-violators over the
bins, so it never falls as the raw score rises).

``calibrate(raw)`` interpolates linearly between the bins' mean raw scores and keeps a tenth
of the raw score, so that events the rules rank apart stay apart inside a pooled (flat) bin.
Refit with ``fit_bins`` when the rules change (docs/eval.md, "confidence").
"""

from __future__ import annotations

import bisect
import csv
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from herald.data_files import data_path

TABLE = data_path("events/confidence_calibration.csv")
RAW_SHARE = 0.1  # share of the raw score kept in the calibrated value (tie-breaking)
EDGES = (0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)


@dataclass(frozen=True, slots=True)
class Bin:
    """One bin of raw scores [low, high) with its events and its calibrated value."""

    low: float
    high: float
    mean_raw: float
    events: int
    right: int
    calibrated: float


@functools.cache
def bins() -> tuple[Bin, ...]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Bin(
                float(row["raw_low"]),
                float(row["raw_high"]),
                float(row["mean_raw"]),
                int(row["events"]),
                int(row["right"]),
                float(row["calibrated"]),
            )
            for row in csv.DictReader(handle)
        )


def calibrate(raw: float) -> float:
    """The calibrated confidence of an event whose raw rule score is ``raw``."""
    table = bins()
    xs = [b.mean_raw for b in table]
    ys = [b.calibrated for b in table]
    if raw <= xs[0]:
        fitted = ys[0] * raw / xs[0] if xs[0] > 0 else ys[0]
    elif raw >= xs[-1]:
        fitted = ys[-1]
    else:
        k = bisect.bisect_right(xs, raw)
        share = (raw - xs[k - 1]) / (xs[k] - xs[k - 1])
        fitted = ys[k - 1] + share * (ys[k] - ys[k - 1])
    value = (1 - RAW_SHARE) * fitted + RAW_SHARE * raw
    return round(min(max(value, 0.01), 0.99), 3)


def _pooled(groups: list[tuple[int, int]]) -> list[float]:
    """Pool adjacent violators over (right, events) groups: non-decreasing rates."""
    blocks: list[list[int]] = []  # [right, events, how many groups]
    for right, events in groups:
        blocks.append([right, events, 1])
        while len(blocks) > 1 and _rate(blocks[-2]) > _rate(blocks[-1]):
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]
    rates: list[float] = []
    for block in blocks:
        rates += [_rate(block)] * block[2]
    return rates


def _rate(block: Sequence[int]) -> float:
    return block[0] / block[1] if block[1] else 0.0


def fit_bins(scored: Iterable[tuple[float, bool]], edges: Sequence[float] = EDGES) -> list[Bin]:
    """Bins of (raw score, right) pairs with their isotonic calibrated values; empty bins are
    left out."""
    members: list[list[tuple[float, bool]]] = [[] for _ in edges[:-1]]
    for raw, right in scored:
        index = min(max(bisect.bisect_right(edges, raw) - 1, 0), len(members) - 1)
        members[index].append((raw, right))
    kept = [(i, m) for i, m in enumerate(members) if m]
    rates = _pooled([(sum(r for _, r in m), len(m)) for _, m in kept])
    return [
        Bin(
            edges[i],
            edges[i + 1],
            round(sum(raw for raw, _ in m) / len(m), 4),
            len(m),
            sum(r for _, r in m),
            round(rate, 4),
        )
        for (i, m), rate in zip(kept, rates, strict=True)
    ]


def reliability(
    scored: Iterable[tuple[float, bool]], edges: Sequence[float] = (0, 0.5, 0.6, 0.7, 0.8, 0.9, 1)
) -> list[tuple[float, float, int, int]]:
    """(low, high, events, right) per confidence bin: the reliability table."""
    counts = [[0, 0] for _ in edges[:-1]]
    for value, right in scored:
        index = min(max(bisect.bisect_right(edges, value) - 1, 0), len(counts) - 1)
        counts[index][0] += 1
        counts[index][1] += int(right)
    return [(edges[i], edges[i + 1], n, r) for i, (n, r) in enumerate(counts)]
