"""The arithmetic every scorer shares: counts, precision/recall/F1, span matching, the
161 km rule, clustering scores (B-cubed, pairwise) and the report with its table.

Nothing here knows about a particular gold set, so each rule is tested once on small
hand-made cases (tests/test_eval_scoring.py) and every scorer uses the same code.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from herald.places.stage import distance_km

Span = tuple[int, int]  # character range [start, end)
Status = Literal["ok", "not_implemented"]

# The normal quantile of a two-sided 95% interval.
Z_95 = 1.959963984540054
# A resolved place counts as right within this distance: 100 miles, the usual geoparsing
# tolerance ("accuracy@161km"), wide enough to forgive a city centre vs its gazetteer point.
TOLERANCE_KM = 161.0


# --------------------------------------------------------------------------- counts


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    """An accuracy-like figure: how many of ``total`` were right."""

    correct: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.correct += int(right)
        self.total += 1

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wilson's 95% score interval: the rates the figure is consistent with, for
        ``total`` independent items (it stays inside [0, 1] and is not zero-wide at 0/n or
        n/n, unlike the plain normal interval). Items of one article are not independent
        (one misread story costs several events), so for article figures the true
        uncertainty is wider: read it as a floor, enough to see that 25 right of 56 is
        anywhere from 0.32 to 0.58."""
        if not self.total:
            return None
        n, share, z2 = self.total, self.correct / self.total, Z_95 * Z_95
        centre = (share + z2 / (2 * n)) / (1 + z2 / n)
        half = Z_95 * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    def to_dict(self) -> dict[str, Any]:
        interval = self.interval
        return {
            "value": self.value,
            "correct": self.correct,
            "total": self.total,
            "interval_95": [round(bound, 4) for bound in interval] if interval else None,
        }


def _ratio(part: int, whole: int) -> float | None:
    # None, not 0: "nothing to measure" must not look like "measured and all wrong"
    return part / whole if whole else None


def set_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Counts of two sets of labels (duplicates collapse)."""
    gold_set, predicted_set = set(gold), set(predicted)
    return Counts(
        tp=len(gold_set & predicted_set),
        fp=len(predicted_set - gold_set),
        fn=len(gold_set - predicted_set),
    )


def label_counts(pairs: Iterable[tuple[str, str]]) -> dict[str, Counts]:
    """Per-label counts of single-label classification from (gold, predicted) pairs."""
    table: dict[str, Counts] = {}
    for gold, predicted in pairs:
        if gold == predicted:
            table.setdefault(gold, Counts()).tp += 1
            continue
        table.setdefault(gold, Counts()).fn += 1
        table.setdefault(predicted, Counts()).fp += 1
    return dict(sorted(table.items()))


def macro_f1(table: Mapping[str, Counts], skip: Iterable[str] = ()) -> float | None:
    """The mean F1 over labels that occur in gold (labels in ``skip`` left out)."""
    left_out = set(skip)
    scores = [
        counts.f1 or 0.0
        for label, counts in table.items()
        if label not in left_out and counts.tp + counts.fn > 0
    ]
    return sum(scores) / len(scores) if scores else None


# --------------------------------------------------------------------------- spans


def overlaps(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _overlap_size(first: Span, second: Span) -> int:
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def match_spans(
    gold: Sequence[Span], predicted: Sequence[Span], relaxed: bool = True
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs.

    Strict: identical boundaries. Relaxed: any overlap; the largest overlaps pair first so
    that one long prediction cannot take the credit for several gold spans.
    """
    if not relaxed:
        where = {span: i for i, span in reversed(list(enumerate(predicted)))}
        pairs, used = [], set()
        for g, span in enumerate(gold):
            p = where.get(span)
            if p is not None and p not in used:
                pairs.append((g, p))
                used.add(p)
        return pairs
    candidates = sorted(
        (
            (-_overlap_size(gs, ps), g, p)
            for (g, gs), (p, ps) in itertools.product(enumerate(gold), enumerate(predicted))
            if overlaps(gs, ps)
        ),
    )
    pairs, gold_used, predicted_used = [], set(), set()
    for _, g, p in candidates:
        if g not in gold_used and p not in predicted_used:
            pairs.append((g, p))
            gold_used.add(g)
            predicted_used.add(p)
    return sorted(pairs)


def span_counts(gold: Sequence[Span], predicted: Sequence[Span], relaxed: bool = True) -> Counts:
    matched = len(match_spans(gold, predicted, relaxed))
    return Counts(tp=matched, fp=len(predicted) - matched, fn=len(gold) - matched)


def nearest_occurrence(text: str, needle: str, near: Span) -> Span | None:
    """The occurrence of ``needle`` in ``text`` closest to ``near`` (None when absent).

    Records give some words (a quote's cue, an event's actor) without offsets; this puts
    them back on the text where the stage most likely found them.
    """
    if not needle:
        return None
    best: Span | None = None
    best_distance = 0
    start = text.find(needle)
    while start != -1:
        span = (start, start + len(needle))
        distance = max(0, near[0] - span[1], span[0] - near[1])
        if best is None or distance < best_distance:
            best, best_distance = span, distance
        start = text.find(needle, start + 1)
    return best


# --------------------------------------------------------------------------- places


def within_tolerance(
    gold: tuple[float, float], predicted: tuple[float, float], km: float = TOLERANCE_KM
) -> bool:
    """The 161 km rule: a resolution is right when its point is this close to the gold one."""
    return distance_km(gold[0], gold[1], predicted[0], predicted[1]) <= km


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


# --------------------------------------------------------------------------- clusters


def _members(assignment: Mapping[Hashable, Hashable]) -> dict[Hashable, set[Hashable]]:
    clusters: dict[Hashable, set[Hashable]] = {}
    for item, cluster in assignment.items():
        clusters.setdefault(cluster, set()).add(item)
    return clusters


def b_cubed(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> tuple[float | None, float | None, float | None]:
    """B-cubed precision, recall and F1 over the items of ``gold``.

    For each item: precision is the share of its predicted cluster that shares its gold
    cluster, recall the share of its gold cluster found in its predicted cluster. Items
    missing from ``predicted`` count as singletons.
    """
    items = list(gold)
    if not items:
        return None, None, None
    full = {item: predicted.get(item, ("singleton", item)) for item in items}
    gold_members, predicted_members = _members(gold), _members(full)
    precision = recall = 0.0
    for item in items:
        same_gold = gold_members[gold[item]]
        same_predicted = predicted_members[full[item]]
        both = len(same_gold & same_predicted)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(assignment: Mapping[Hashable, Hashable]) -> set[frozenset[Hashable]]:
    return {
        frozenset(pair)
        for members in _members(assignment).values()
        for pair in itertools.combinations(sorted(members, key=repr), 2)
    }


def pairwise_counts(
    gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]
) -> Counts:
    """Counts over item pairs: a pair is positive when both items share a cluster."""
    known = {item: predicted[item] for item in gold if item in predicted}
    return set_counts(_pairs(gold), _pairs(known))


# --------------------------------------------------------------------------- the report


@dataclass
class Report:
    """What one scorer measured, as a table for people and a dict for JSON."""

    name: str
    split: str
    records: int = 0
    limit: int | None = None
    status: Status = "ok"
    fields: dict[str, Counts] = field(default_factory=dict)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    figures: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def field_counts(self, name: str) -> Counts:
        return self.fields.setdefault(name, Counts())

    def ratio(self, name: str) -> Ratio:
        return self.ratios.setdefault(name, Ratio())

    def count(self, name: str, amount: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + amount

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "split": self.split,
            "records": self.records,
            "limit": self.limit,
            "status": self.status,
            "fields": {key: value.to_dict() for key, value in self.fields.items()},
            "ratios": {key: value.to_dict() for key, value in self.ratios.items()},
            "figures": dict(self.figures),
            "counts": dict(self.counts),
            "notes": list(self.notes),
        }

    def render(self) -> str:
        return render_report(self)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _fmt_interval(interval: tuple[float, float] | None) -> str:
    return "-" if interval is None else f"{interval[0]:.2f}-{interval[1]:.2f}"


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]


def render_report(report: Report) -> str:
    """The plain-text table: one line per field, then accuracies, figures, counts, notes."""
    limit = f", limit {report.limit}" if report.limit is not None else ""
    lines = [f"herald eval {report.name}: split {report.split}, {report.records} records{limit}"]
    if report.status != "ok":
        return "\n".join([*lines, *report.notes])
    if report.fields:
        rows = [["field", "P", "R", "F1", "tp", "fp", "fn"]]
        rows += [
            [name, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1), str(c.tp), str(c.fp), str(c.fn)]
            for name, c in report.fields.items()
        ]
        lines += ["", *_columns(rows)]
    if report.ratios:
        rows = [["measure", "value", "95% interval", "correct", "total"]]
        rows += [
            [name, _fmt(r.value), _fmt_interval(r.interval), str(r.correct), str(r.total)]
            for name, r in report.ratios.items()
        ]
        lines += ["", *_columns(rows)]
    if report.figures:
        lines += ["", *(f"{name}: {_fmt(value)}" for name, value in report.figures.items())]
    if report.counts:
        lines += ["", "counts: " + ", ".join(f"{k} {v}" for k, v in report.counts.items())]
    lines += [f"note: {note}" for note in report.notes]
    return "\n".join(lines)


def write_report(report: Report, path: Path) -> None:
    path.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
