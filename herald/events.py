"""events: typed PLOVER events with actors, date, place, modality and evidence. (stub)"""

from __future__ import annotations

from collections.abc import Sequence

from herald.records import Actor, Document, Event, ParsedText, Place, Quote, TimeValue


def find_events(
    doc: Document,
    parsed: ParsedText,
    actors: Sequence[Actor],
    timexes: Sequence[TimeValue],
    places: Sequence[Place],
    quotes: Sequence[Quote],
) -> tuple[Event, ...]:
    """Every political event mention of the document."""
    return ()
