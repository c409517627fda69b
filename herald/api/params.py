"""Query parameters shared by several endpoints, parsed and checked once.

Lists travel as comma-separated values (``type=CONSULT,AGREE``) so that a link copied from
the browser's address bar is short and readable. Every bad value is a 422 naming the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from herald.api.errors import invalid
from herald.events.plover import PLOVER_TYPES
from herald.store.filters import MODALITIES, EventFilters, modes, quads


def split_list(
    field: str, value: str | None, allowed: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """``"a, b"`` -> ("a", "b"), each checked against ``allowed`` when given."""
    if not value:
        return ()
    items = tuple(part.strip() for part in value.split(",") if part.strip())
    if allowed is not None:
        wrong = [item for item in items if item not in allowed]
        if wrong:
            raise invalid(field, f"{wrong[0]!r} is not one of {', '.join(allowed)}")
    return items


def event_filters(
    type: Annotated[str | None, Query(description="PLOVER types, comma-separated")] = None,
    quad: Annotated[str | None, Query(description="quad class, e.g. verbal_conflict")] = None,
    mode: Annotated[str | None, Query(description="PLOVER modes, comma-separated")] = None,
    modality: Annotated[str | None, Query(description="modalities, comma-separated")] = None,
    actor: Annotated[str | None, Query(description="actor side: name contains, or ISO3")] = None,
    recipient: Annotated[str | None, Query(description="recipient side: name or ISO3")] = None,
    participant: Annotated[str | None, Query(description="either side: name or ISO3")] = None,
    sector: Annotated[
        str | None, Query(description="a participant's sector: GOV, MIL, ...")
    ] = None,
    since: Annotated[dt.date | None, Query(description="event date on or after")] = None,
    until: Annotated[dt.date | None, Query(description="event date on or before")] = None,
    place: Annotated[str | None, Query(description="place name contains, or ISO3")] = None,
    q: Annotated[str | None, Query(description="words in the evidence sentence")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    doc_id: Annotated[str | None, Query(description="one document's events")] = None,
    story_id: Annotated[str | None, Query(description="one story's events")] = None,
    identity: Annotated[
        str | None, Query(description="one actor across documents (an identity_id of /api/actors)")
    ] = None,
    actor_identity: Annotated[str | None, Query(description="that actor on the actor side")] = None,
    recipient_identity: Annotated[
        str | None, Query(description="that actor on the recipient side")
    ] = None,
) -> EventFilters:
    """The event filters of a request (a FastAPI dependency)."""
    upper_types = ",".join(part.upper() for part in type.split(",")) if type else None
    if quad is not None and quad not in quads():
        raise invalid("quad", f"{quad!r} is not one of {', '.join(quads())}")
    if since and until and since > until:
        raise invalid("until", "is before since")
    return EventFilters(
        types=split_list("type", upper_types, PLOVER_TYPES),
        quad=quad,
        modes=split_list("mode", mode, modes()),
        modalities=split_list("modality", modality, MODALITIES),
        actor=actor or None,
        recipient=recipient or None,
        participant=participant or None,
        sector=sector or None,
        since=since,
        until=until,
        place=place or None,
        q=q or None,
        min_confidence=min_confidence,
        doc_id=doc_id or None,
        story_id=story_id or None,
        identity=identity or None,
        actor_identity=actor_identity or None,
        recipient_identity=recipient_identity or None,
    )
