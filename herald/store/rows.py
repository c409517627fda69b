"""Rows for the store's tables, built in Python from herald's records.

One function per table (``document_row``, ``event_row``, ...); each returns a plain dict
whose keys are the table's columns, so ``Store.write`` can turn a batch into arrow tables.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from herald.records import (
    Actor,
    ActorRef,
    Document,
    Event,
    Place,
    Quote,
    Rejected,
    TimeValue,
)
from herald.time.partial import first_day

Row = dict[str, Any]


def document_row(doc: Document, ingested_at: dt.datetime) -> Row:
    published = doc.published
    return {
        "doc_id": doc.doc_id,
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "publisher": doc.publisher,
        "byline": doc.byline,
        "language": doc.language,
        "published": published.value if published else None,
        "published_date": first_day(published.value) if published else None,
        "published_precision": published.precision if published else None,
        "published_how": doc.published_how,
        "relevance": doc.relevance,
        "dateline": doc.dateline,
        "text": doc.text,
        "captions": list(doc.captions),
        "credits": list(doc.credits),
        "ingested_at": ingested_at,
    }


def actor_row(actor: Actor) -> Row:
    mentions = [{"text": m.text, "start": m.start, "end": m.end} for m in actor.mentions]
    return {
        "actor_id": actor.actor_id,
        "doc_id": actor.doc_id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": actor.sector,
        "roles": list(actor.roles),
        "mentions": json.dumps(mentions, ensure_ascii=False),
    }


def event_row(event: Event) -> Row:
    when, where, attribution = event.when, event.where, event.attribution
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        **_when_columns(when),
        **_where_columns(where),
        "modality": event.modality,
        "attribution_kind": attribution.kind,
        "attribution_text": attribution.text,
        "attribution_actor_id": attribution.actor_id,
        "sentence": event.evidence.sentence,
        "start": event.evidence.start,
        "end": event.evidence.end,
        "trigger": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "confidence": event.confidence,
        "relevance": event.relevance,
        "lead": event.lead,
        "mentions": json.dumps([m.to_dict() for m in event.mentions], ensure_ascii=False),
        "cameo": event.cameo,
        "story_id": event.story_id,
        **_side_columns("actor", event.actor),
        **_side_columns("recipient", event.recipient),
    }


def _side_columns(role: str, refs: tuple[ActorRef, ...]) -> Row:
    """One side of an event as two strings: names in text order, distinct countries sorted.

    Countries are listed once each because "USA; USA" for two American actors says
    nothing more than "USA"; the full detail stays in ``event_actors``.
    """
    countries = sorted({ref.country for ref in refs if ref.country})
    return {
        f"{role}_names": "; ".join(ref.name for ref in refs) or None,
        f"{role}_countries": "; ".join(countries) or None,
    }


_WHEN_COLUMNS = (
    "when_text",
    "when_value",
    "when_precision",
    "when_anchor",
    "when_modifier",
    "event_date",
)


def _when_columns(when: TimeValue | None) -> Row:
    if when is None:
        return dict.fromkeys(_WHEN_COLUMNS)
    return {
        "when_text": when.text,
        "when_value": when.value,
        "when_precision": when.precision,
        "when_anchor": when.anchor,
        "when_modifier": when.modifier,
        "event_date": first_day(when.value),
    }


def _where_columns(where: Place | None) -> Row:
    keys = ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "basis")
    if where is None:
        return {f"where_{key}": None for key in keys}
    return {f"where_{key}": getattr(where, key) for key in keys}


def event_actor_rows(event: Event) -> Iterator[Row]:
    sides: tuple[tuple[str, tuple[ActorRef, ...]], ...] = (
        ("actor", event.actor),
        ("recipient", event.recipient),
    )
    for role, refs in sides:
        for position, ref in enumerate(refs):
            yield {
                "event_id": event.event_id,
                "actor_id": ref.actor_id,
                "role": role,
                "position": position,
                "name": ref.name,
                "text": ref.text,
                "kind": ref.kind,
                "country": ref.country,
                "sector": ref.sector,
                "roles": list(ref.roles),
            }


def quote_row(quote: Quote) -> Row:
    speaker = quote.speaker
    return {
        "quote_id": quote.quote_id,
        "doc_id": quote.doc_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "cue": quote.cue,
        "speaker_actor_id": speaker.actor_id if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_text": quote.speaker_text,
        "anonymous": quote.anonymous,
    }


_TIMEX_FIELDS = ("text", "start", "end", "value", "precision", "anchor", "modifier")
_PLACE_FIELDS = (
    "text",
    "start",
    "end",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "feature",
)


def timex_row(doc_id: str, n: int, timex: TimeValue) -> Row:
    return {"doc_id": doc_id, "n": n, **{key: getattr(timex, key) for key in _TIMEX_FIELDS}}


def place_row(doc_id: str, n: int, place: Place) -> Row:
    return {"doc_id": doc_id, "n": n, **{key: getattr(place, key) for key in _PLACE_FIELDS}}


def rejection_row(rejected: Rejected, rejected_at: dt.datetime) -> Row:
    rejection = rejected.rejection
    return {
        "source": rejection.source,
        "id": rejection.id,
        "stage": rejection.stage,
        "code": rejection.code,
        "detail": rejection.detail,
        "rejected_at": rejected_at,
    }
