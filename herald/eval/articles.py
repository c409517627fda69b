"""Score whole articles against our own gold (docs/article_gold.md): what an analyst reading
herald's events of an article would find right, missing, duplicated or junk.

Each article goes through the whole pipeline as a user's would (``process_document`` with the
publication day its source gives). A predicted event matches a gold event when its evidence
sentence holds one of the gold event's mentions and its type is the gold type or one of the
types the annotator accepted (``also``); when several fit, the mention nearest the predicted
trigger wins.

- recall: required gold events matched, over required gold events (political articles);
- precision: predictions that are the first match of some gold event (required or optional),
  over all predictions; a second prediction of the same gold event is a duplicate;
- actor, recipient, when, where, modality: over the matched gold events (first match);
  ``where_given`` is ``where`` over the events herald gives a place, the trust a user can
  put in a place shown;
  ``full`` needs type, actor, recipient, date and modality all right;
- events per non-political article: what herald reports where the gold has nothing;
- main event: whether the article's lead event is found, with its who/where/when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from herald.eval.article_gold_files import (
    GoldArticle,
    GoldEvent,
    GoldParty,
    load_gold,
    locate,
    raw_document,
)
from herald.eval.runner import progress
from herald.eval.scoring import Report
from herald.eval.splits import Split, select
from herald.events.when import own_time
from herald.pipeline import process_document
from herald.records import ActorRef, Event, Extraction, Place, TimeValue
from herald.settings import Options
from herald.time.partial import bounds

NAME = "articles"
DESCRIPTION = "whole articles of our own gold: events found, junk, duplicates, who/when/where"
_STOP = frozenset({"the", "of", "and", "for", "in", "on", "to", "a", "an", "state", "states"})


@dataclass(frozen=True, slots=True)
class Match:
    """A prediction and the gold event it reports (None: junk)."""

    event: Event
    gold: int | None
    first: bool  # the first prediction of that gold event (later ones are duplicates)


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    articles = list(select(load_gold(), lambda a: a.doc, split, limit))
    report = Report(NAME, split, records=len(articles), limit=limit)
    with progress(len(articles), NAME, show_progress) as bar:
        for article in articles:
            score_article(report, article, _extract(article))
            bar.update(1)
    _finish(report)
    return report


def _extract(article: GoldArticle) -> Extraction | None:
    result = process_document(raw_document(article), Options())
    return result if isinstance(result, Extraction) else None


def score_article(report: Report, article: GoldArticle, result: Extraction | None) -> None:
    events = result.events if result is not None else ()
    if not article.political:
        report.count("nonpolitical_articles")
        report.count("nonpolitical_events", len(events))
        report.ratio("nonpolitical_without_events").add(not events)
        return
    report.count("political_articles")
    if result is None:
        report.count("rejected_political_articles")
    text = result.doc.text if result is not None else ""
    positions = [[locate(text, m) for m in gold.mentions] for gold in article.events]
    report.count("mentions_lost", sum(p is None for ps in positions for p in ps))
    matches = match_events(events, article.events, positions)
    report.count("predictions", len(matches))
    report.count("duplicates", sum(m.gold is not None and not m.first for m in matches))
    report.count("junk", sum(m.gold is None for m in matches))
    found = {m.gold: m.event for m in matches if m.gold is not None and m.first}
    for index, gold in enumerate(article.events):
        if gold.required:
            report.ratio("recall_required").add(index in found)
        report.ratio("recall_all").add(index in found)
        if index in found:
            _score_fields(report, gold, found[index], article.published)
    if article.main_event is not None:
        main = article.events[article.main_event]
        _score_main(report, main, found.get(article.main_event), article.published)
    report.count("correct", len(found))


def match_events(
    events: Sequence[Event], golds: Sequence[GoldEvent], positions: list[list[int | None]]
) -> list[Match]:
    """Each prediction with the gold event it matches, in text order of the predictions."""
    matches: list[Match] = []
    taken: set[int] = set()
    for event in sorted(events, key=lambda e: (e.evidence.start, e.trigger.start)):
        best: tuple[int, int] | None = None  # (distance to the trigger, gold index)
        for index, gold in enumerate(golds):
            if event.type not in gold.types:
                continue
            for position in positions[index]:
                if position is not None and event.evidence.start <= position < event.evidence.end:
                    distance = abs(position - event.trigger.start)
                    if best is None or distance < best[0]:
                        best = (distance, index)
        gold_index = best[1] if best else None
        matches.append(Match(event, gold_index, gold_index is not None and gold_index not in taken))
        if gold_index is not None:
            taken.add(gold_index)
    return matches


def _score_fields(report: Report, gold: GoldEvent, event: Event, published: str) -> None:
    actor = parties_right(gold.actor, event.actor)
    recipient = parties_right(gold.recipient, event.recipient)
    when = when_right(gold.date, event.when, published)
    modality = event.modality == gold.modality
    report.ratio("actor").add(actor)
    report.ratio("recipient").add(recipient)
    report.ratio("when").add(when)
    report.ratio("modality").add(modality)
    report.ratio("factuality").add(_factual(event.modality) == _factual(gold.modality))
    if gold.place is not None:
        place = place_right(gold.place, event.where)
        report.ratio("where").add(place)
        if event.where is not None:  # how far a place herald gives can be trusted
            report.ratio("where_given").add(place)
    report.ratio("full").add(actor and recipient and when and modality)


def _score_main(report: Report, gold: GoldEvent, event: Event | None, published: str) -> None:
    report.ratio("main_found").add(event is not None)
    report.ratio("main_is_lead").add(event is not None and event.lead)
    report.ratio("main_who").add(event is not None and parties_right(gold.actor, event.actor))
    if gold.place is not None:
        report.ratio("main_where").add(event is not None and place_right(gold.place, event.where))
    if gold.date is not None:
        right = event is not None and when_right(gold.date, event.when, published)
        report.ratio("main_when").add(right)


def _finish(report: Report) -> None:
    predictions = report.counts.get("predictions", 0)
    correct = report.counts.get("correct", 0)
    report.figures["precision"] = round(correct / predictions, 4) if predictions else None
    duplicates = report.counts.get("duplicates", 0)
    report.figures["duplicate_share"] = round(duplicates / predictions, 4) if predictions else None
    # higher is better, for the regression gate (floors.json)
    report.figures["unduplicated_share"] = (
        round(1 - duplicates / predictions, 4) if predictions else None
    )
    nonpolitical = report.counts.get("nonpolitical_articles", 0)
    report.figures["events_per_nonpolitical_article"] = (
        round(report.counts.get("nonpolitical_events", 0) / nonpolitical, 4)
        if nonpolitical
        else None
    )
    report.notes.append(
        "precision counts each gold event's first prediction as right; duplicates and junk "
        "are wrong. Field ratios are over matched gold events; where only over gold events "
        "with a place, where_given over those herald gave one. Gold: "
        "herald/eval/article_gold (docs/article_gold.md)."
    )


# ------------------------------------------------------------------------------ fields


def _words(name: str) -> set[str]:
    return {w for w in name.lower().replace("-", " ").split() if len(w) > 2 and w not in _STOP}


def _same_word(first: str, second: str) -> bool:
    """The same word, or one the stem of the other ("Iraq", "Iraqi")."""
    short, long = sorted((first, second), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def party_matches(gold: GoldParty, predicted: ActorRef) -> bool:
    """Same party: a name word in common (the prediction's name or its text)."""
    names = _words(predicted.name) | _words(predicted.text)
    return any(_same_word(g, p) for g in _words(gold.name) for p in names)


def parties_right(gold: Sequence[GoldParty], predicted: Sequence[ActorRef]) -> bool:
    """One gold party found, or the same set of countries on that side; none for none."""
    if not gold:
        return not predicted
    if any(party_matches(g, p) for g in gold for p in predicted):
        return True
    countries = {g.country for g in gold if g.country}
    return bool(countries) and {p.country for p in predicted if p.country} == countries


def when_right(gold: str | None, when: TimeValue | None, published: str) -> bool:
    """The date the text gives (or none where it gives none): a publication day standing in
    for an undated past event is wrong."""
    own_when = own_time(when)
    own = own_when.value if own_when else None
    if gold is None:
        return own is None
    if own is None:
        return when is not None and when.value == gold and gold == published
    found, wanted = bounds(own), bounds(gold)
    if found is None or wanted is None:
        return False
    return wanted[0] <= found[0] <= found[1] <= wanted[1]


def place_right(gold: GoldParty, where: Place | None) -> bool:
    if where is None:
        return False
    if gold.country is not None and where.country not in (None, gold.country):
        return False
    names = _words(where.name or "") | _words(where.text)
    return any(_same_word(g, p) for g in _words(gold.name) for p in names)


def _factual(modality: str) -> str:
    return {"reported": "asserted", "historical": "asserted"}.get(modality, modality)
