"""Score event modality against herald's hand-annotated sample.

The sample (``herald/eval/modality_gold/modality_annotations.jsonl``, made as its README
says) names event mentions by document and trigger offsets in herald's cleaned text, with the
modality a reader gives them. Documents: ``demo:<file>`` (the demo folder of the shared data),
``samples:<file>`` (``herald/data/samples``), ``news_cluster:<file>`` (the shared
news_cluster articles, analysed with their ``date_publish``). The demo and the samples are
analysed with publication date 2017-12-18. Record id: ``<doc>:<start>`` (dev/test halves).

A mention is matched to herald's telling with the same trigger offsets (an event's own, or
one of the other tellings merged into it, ``Event.mentions``, each with its own modality),
else the nearest telling with the same trigger text within 80 characters; an unmatched
mention counts as wrong (``missing``). Accuracy is given overall and per gold modality.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from herald.data_files import data_path
from herald.eval.gold import gold_path
from herald.eval.scoring import Report
from herald.eval.splits import Split, select
from herald.events.coreference import telling
from herald.pipeline import process_batch
from herald.records import Event, RawDocument, Telling
from herald.settings import Options

NAME = "modality"
DESCRIPTION = "hand-annotated event mentions: modality accuracy per class"
ANNOTATIONS = Path(__file__).resolve().parent / "modality_gold" / "modality_annotations.jsonl"
SAMPLE_DATE = dt.date(2017, 12, 18)
NEAR = 80


@dataclass(frozen=True, slots=True)
class Mention:
    doc: str
    start: int
    end: int
    trigger: str
    modality: str
    key: str | None = None  # the first offsets' id, kept when a cleaning change moved them

    @property
    def id(self) -> str:
        """The record id the dev/test split hashes: stable when the offsets move."""
        return self.key or f"{self.doc}:{self.start}"


def load(path: Path = ANNOTATIONS) -> list[Mention]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Mention(**json.loads(line)) for line in lines if line.strip()]


def _raw(doc: str) -> tuple[RawDocument, dt.date | None]:
    folder, name = doc.split(":", 1)
    if folder == "demo":
        path = gold_path("demo", name)
        return RawDocument(str(path), name, path.read_bytes(), "text"), SAMPLE_DATE
    if folder == "samples":
        path = data_path(f"samples/{name}")
        return RawDocument(str(path), name, path.read_bytes(), "text"), SAMPLE_DATE
    path = gold_path("news_cluster", "data", name)
    article = json.loads(path.read_text(encoding="utf-8"))
    raw = RawDocument(
        str(path), name, article["text"], "text", published=article.get("date_publish")
    )
    return raw, None


def _events(doc: str) -> tuple[Event, ...]:
    raw, date = _raw(doc)
    # The hand labels cover non-political articles too: modality, not relevance, is scored.
    (result,) = process_batch([raw], Options(date=date, strict=False, all_events=True))
    return tuple(getattr(result, "events", ()))


def match(mention: Mention, events: Sequence[Event]) -> Telling | None:
    """herald's telling of an annotated mention (see the module docstring)."""
    tellings = [t for event in events for t in (telling(event), *event.mentions)]
    for told in tellings:
        if (told.start, told.end) == (mention.start, mention.end):
            return told
    near = [
        t for t in tellings if t.text == mention.trigger and abs(t.start - mention.start) <= NEAR
    ]
    return min(near, key=lambda t: abs(t.start - mention.start), default=None)


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    mentions = list(select(load(), lambda m: m.id, split, limit))
    report = Report(NAME, split, records=len(mentions), limit=limit)
    cache: dict[str, tuple[Event, ...]] = {}
    confusion: dict[tuple[str, str], int] = {}
    for mention in mentions:
        if mention.doc not in cache:
            cache[mention.doc] = _events(mention.doc)
        told = match(mention, cache[mention.doc])
        predicted = told.modality if told is not None else "missing"
        right = predicted == mention.modality
        report.ratio("modality_accuracy").add(right)
        report.ratio(f"modality_accuracy:{mention.modality}").add(right)
        if told is None:
            report.count("missing")
        confusion[(mention.modality, predicted)] = (
            confusion.get((mention.modality, predicted), 0) + 1
        )
    for (gold, predicted), n in sorted(confusion.items()):
        if gold != predicted:
            report.count(f"confused:{gold}->{predicted}", n)
    report.notes.append(
        "gold = herald/eval/modality_gold/modality_annotations.jsonl (hand labels, see its "
        "README); a mention herald has no event for counts as wrong"
    )
    return report
