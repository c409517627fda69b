"""Score event typing and actor coding against the PLOVER gold-standard records.

Record id: the record's ``id`` ("PLOVER-GSR01-AGREE-0001"). Each sentence goes through
herald alone (publication date 2000-01-01, as in the gold). The predicted event of a
sentence is herald's highest-confidence event; its type is folded into the manual's
convention with ``herald.events.plover.manual_type`` (planned cooperation is AGREE, and so on)
because the gold was coded by the manual.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pycountry

from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, analyse_items, top_event
from herald.eval.scoring import Report, label_counts, macro_f1, set_counts
from herald.eval.splits import Split, select
from herald.events.confidence import reliability
from herald.events.plover import manual_type
from herald.records import ActorRef, Event

NAME = "plover"
DESCRIPTION = "PLOVER gold records: event type, actor/recipient country and sector, triples"
GOLD_DATE = dt.date(2000, 1, 1)
NO_EVENT = "none"
CONFIDENT = 0.8

# PLOVER 0.5b1 names (the gold's) -> today's (type, mode); modes of renamed types only.
RENAMED: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "FIGHT": ("ASSAULT", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}
# Actor codes that stand for a kind of organization rather than a country.
ORGANIZATION_CODES = frozenset({"IGO", "NGO"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    text: str
    type: str
    mode: str | None
    actors: tuple[GoldActor, ...]
    recipients: tuple[GoldActor, ...]


@functools.cache
def _iso3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def _gold_actor(raw: dict[str, str]) -> GoldActor:
    code = (raw.get("code") or "").upper()
    # sectors carry ethnic/religious suffixes ("CVLalb", "REBkur"); the first three letters
    # are the sector proper; "***" means "not coded".
    sector = (raw.get("sector") or "")[:3].upper() or None
    if sector == "***":
        sector = None
    if sector is None and code in ORGANIZATION_CODES:
        sector = code
    # Codes that are not ISO 3166 alpha-3 (IGO, JAP, ITL, ...) give no country to compare.
    country = code if code in _iso3_codes() else None
    return GoldActor(text=raw.get("actorText", ""), country=country, sector=sector)


def _gold_actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()  # "" or absent: no recipient in the gold
    return tuple(_gold_actor(item) for item in value if isinstance(item, dict))


def to_gold(record: dict[str, object]) -> GoldSentence:
    """One gold record with its 0.5b1 type renamed to today's PLOVER."""
    old_type = str(record["event"])
    new_type, renamed_mode = RENAMED.get(old_type, (old_type, None))
    mode = renamed_mode or (str(record.get("mode") or "") or None)
    return GoldSentence(
        id=str(record["id"]),
        text=str(record["text"]),
        type=new_type,
        mode=mode,
        actors=_gold_actors(record.get("source")),
        recipients=_gold_actors(record.get("target")),
    )


def load() -> list[GoldSentence]:
    """Every coded sentence (the DOCUMENT header record is skipped)."""
    path = gold_path("plover", "PLOVER_GSR_CAMEO.txt")
    records = json.loads(path.read_text(encoding="utf-8"))
    return [to_gold(record) for record in records if record.get("event") != "DOCUMENT"]


def _countries(actors: Iterable[GoldActor | ActorRef]) -> set[str]:
    return {actor.country for actor in actors if actor.country}


def _sectors(actors: Iterable[GoldActor | ActorRef]) -> set[str]:
    return {actor.sector for actor in actors if actor.sector}


def triples(actors: set[str], kind: str, recipients: set[str]) -> set[tuple[str, str, str]]:
    """(actor country, type, recipient country) triples; "-" stands for "no country"."""
    return {(a, kind, r) for a in (actors or {"-"}) for r in (recipients or {"-"})}


def predicted_type(event: Event | None) -> str:
    return NO_EVENT if event is None else manual_type(event.type, event.modality)


def score_sentence(report: Report, gold: GoldSentence, event: Event | None) -> tuple[str, str]:
    """Add one sentence's counts to ``report``; returns the (gold, predicted) type pair."""
    kind = predicted_type(event)
    actors = event.actor if event is not None else ()
    recipients = event.recipient if event is not None else ()
    report.ratio("type_accuracy").add(kind == gold.type)
    if event is not None:
        report.ratio("type_accuracy_unfolded").add(event.type == gold.type)
    if gold.type == "ACCUSE" and gold.mode:
        report.ratio("accuse_mode_accuracy").add(
            event is not None and event.type == "ACCUSE" and event.mode == gold.mode
        )
    fields = {
        "actor_country": (_countries(gold.actors), _countries(actors)),
        "recipient_country": (_countries(gold.recipients), _countries(recipients)),
        "actor_sector": (_sectors(gold.actors), _sectors(actors)),
        "recipient_sector": (_sectors(gold.recipients), _sectors(recipients)),
    }
    for name, (gold_values, predicted_values) in fields.items():
        report.field_counts(name).add(set_counts(gold_values, predicted_values))
    gold_triples = triples(_countries(gold.actors), gold.type, _countries(gold.recipients))
    predicted_triples = (
        triples(_countries(actors), kind, _countries(recipients)) if event is not None else set()
    )
    report.field_counts("triple").add(set_counts(gold_triples, predicted_triples))
    return gold.type, kind


def _predictions(
    sentences: list[GoldSentence], show_progress: bool
) -> Iterator[tuple[GoldSentence, Event | None, bool]]:
    items = [TextItem(s.id, s.text, GOLD_DATE) for s in sentences]
    analysed = analyse_items(items, NAME, show_progress)
    for sentence, (_, extraction) in zip(sentences, analysed, strict=True):
        event = top_event(extraction.events) if extraction is not None else None
        yield sentence, event, extraction is None


def add_reliability(report: Report, scored: list[tuple[float, bool]]) -> None:
    """The reliability table: type accuracy per confidence bin, and among confident events
    (confidence >= 0.8, which should be right at least 80% of the time)."""
    for low, high, _, _ in reliability([]):
        name = f"reliability:conf_{low:.1f}-{high:.1f}"
        for value, right in scored:
            if low <= value < high or (high == 1 and value == 1):
                report.ratio(name).add(right)
    for value, right in scored:
        if value >= CONFIDENT:
            report.ratio("type_accuracy_confident").add(right)


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    sentences = list(select(load(), lambda s: s.id, split, limit))
    report = Report(NAME, split, records=len(sentences), limit=limit)
    pairs = []
    scored: list[tuple[float, bool]] = []
    for gold, event, failed in _predictions(sentences, show_progress):
        if failed:
            report.count("failed")
        pairs.append(score_sentence(report, gold, event))
        if event is not None:
            scored.append((event.confidence, pairs[-1][0] == pairs[-1][1]))
    add_reliability(report, scored)
    types = label_counts(pairs)
    for label, counts in types.items():
        report.fields[f"type:{label}"] = counts
    report.figures["type_macro_f1"] = macro_f1(types, skip=[NO_EVENT])
    report.count("no_event", sum(1 for _, predicted in pairs if predicted == NO_EVENT))
    report.notes.append(
        "type = herald's highest-confidence event, folded to the manual's convention "
        "(manual_type); gold 0.5b1 names renamed (DEMAND->REQUEST, FIGHT->ASSAULT, "
        "DISAPPROVE/INVESTIGATE->ACCUSE modes); gold codes that are not ISO alpha-3 "
        "(IGO, NGO, JAP, ...) are not compared as countries"
    )
    return report
