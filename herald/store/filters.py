"""The one filter-to-SQL builder: ``herald events``, ``herald stories``, the notebook's
``Store.events`` and every API endpoint (events, timeline, network, map) filter through it,
so the same filter finds the same events everywhere.

Every filter becomes a fixed SQL fragment written here with ``?`` placeholders; the user's
values only ever travel as bound parameters. The fragments apply to the ``events_flat``
view under the alias ``f``. ``checked`` normalizes a set of filters and refuses a value
outside a closed vocabulary (types, quads, modes, modalities) with the list of valid ones,
so that a typo is an error rather than an empty answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from herald.errors import UnknownValueError, UsageError
from herald.events.plover import PLOVER_TYPES, plover_types

MODALITIES = ("asserted", "planned", "reported", "negated", "hypothetical", "historical")


def quads() -> tuple[str, ...]:
    """The quad classes in the order charts stack them (cooperation first)."""
    order = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    known = {info.quad for info in plover_types().values()}
    return tuple(q for q in order if q in known) + tuple(sorted(known - set(order)))


def quad_of(event_type: str) -> str | None:
    info = plover_types().get(event_type)
    return info.quad if info else None


def types_of_quad(quad: str) -> list[str]:
    return [name for name, info in plover_types().items() if info.quad == quad]


def modes() -> tuple[str, ...]:
    """Every PLOVER mode of any type, sorted."""
    return tuple(sorted({mode for info in plover_types().values() for mode in info.modes}))


# The name of a field as the CLI flags and the API's query parameters spell it.
PARAMETER_NAMES = {"types": "type", "modes": "mode", "modalities": "modality", "quad": "quad"}


def vocabularies() -> dict[str, tuple[str, ...]]:
    """The valid values of each filter field that takes a closed vocabulary. Sectors are
    open: a user actor dictionary may bring its own."""
    return {"types": PLOVER_TYPES, "quad": quads(), "modes": modes(), "modalities": MODALITIES}


# One participant of the event (either side, or one side) matching a condition.
_PARTY = "EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = f.event_id{side} AND ({test}))"
_WHO = "contains(lower(p.name), lower(?)) OR p.country = upper(?)"
# A participant of that identity (herald.store.identity).
_IDENTITY = (
    "EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = f.event_id{side} "
    "AND p.identity_id = ?)"
)


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What the client asked to see. Empty tuples and None mean "no filter"."""

    types: tuple[str, ...] = ()
    quad: str | None = None
    modes: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    actor: str | None = None  # actor side: name contains, or ISO3 country
    recipient: str | None = None  # recipient side
    participant: str | None = None  # either side
    sector: str | None = None  # a participant's sector (either side)
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None  # place name contains, or the place's ISO3 country
    q: str | None = None  # words in the evidence sentence
    min_confidence: float | None = None
    doc_id: str | None = None
    story_id: str | None = None
    identity: str | None = None  # one actor across documents (actor_identities), either side
    actor_identity: str | None = None  # that actor on the actor side
    recipient_identity: str | None = None  # on the recipient side

    def as_query(self) -> dict[str, Any]:
        """The filters that are set, as the query parameters a link would carry."""
        out: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value in (None, ()):
                continue
            out[item.name] = ",".join(value) if isinstance(value, tuple) else str(value)
        return out


def checked(filters: EventFilters) -> EventFilters:
    """``filters`` with types and sector in upper case, or ``UnknownValueError`` (a usage
    error) naming the valid values of the first field that holds an unknown one."""
    filters = replace(
        filters,
        types=tuple(t.upper() for t in filters.types),
        sector=filters.sector.upper() if filters.sector else None,
    )
    for field, valid in vocabularies().items():
        value = getattr(filters, field)
        for item in value if isinstance(value, tuple) else (value,) if value else ():
            if item not in valid:
                raise UnknownValueError(PARAMETER_NAMES[field], item, valid)
    if filters.min_confidence is not None and not 0 <= filters.min_confidence <= 1:
        raise UsageError(f"min_confidence {filters.min_confidence} is not between 0 and 1")
    if filters.since and filters.until and filters.since > filters.until:
        raise UsageError(f"since {filters.since} is after until {filters.until}")
    return filters


Values = str | Sequence[str] | None


def event_filters(
    *,
    type: Values = None,  # the PLOVER field is called type
    quad: str | None = None,
    mode: Values = None,
    modality: Values = None,
    actor: str | None = None,
    recipient: str | None = None,
    participant: str | None = None,
    sector: str | None = None,
    place: str | None = None,
    text: str | None = None,
    min_confidence: float | None = None,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    doc_id: str | None = None,
    story_id: str | None = None,
) -> EventFilters:
    """Checked filters from the names the CLI flags and the notebook use: lists as
    sequences or comma-separated text (``type="CONSULT,AGREE"``), dates as dates or ISO
    text. Empty values mean no filter."""
    return checked(
        EventFilters(
            types=_items(type),
            quad=quad or None,
            modes=_items(mode),
            modalities=_items(modality),
            actor=actor or None,
            recipient=recipient or None,
            participant=participant or None,
            sector=sector or None,
            since=_day("since", since),
            until=_day("until", until),
            place=place or None,
            q=text or None,
            min_confidence=min_confidence,
            doc_id=doc_id or None,
            story_id=story_id or None,
        )
    )


def _items(value: Values) -> tuple[str, ...]:
    parts = value.split(",") if isinstance(value, str) else value or ()
    return tuple(part.strip() for part in parts if part.strip())


def _day(name: str, value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date; use YYYY-MM-DD") from None


def where_clause(filters: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters for ``filters``."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if filters.types:
        add("f.type IN (SELECT unnest(?::VARCHAR[]))", [t.upper() for t in filters.types])
    if filters.quad:
        add("f.type IN (SELECT unnest(?::VARCHAR[]))", types_of_quad(filters.quad))
    if filters.modes:
        add("f.mode IN (SELECT unnest(?::VARCHAR[]))", list(filters.modes))
    if filters.modalities:
        add("f.modality IN (SELECT unnest(?::VARCHAR[]))", list(filters.modalities))
    _participants(filters, add)
    if filters.since:
        add("f.event_date >= ?", filters.since)
    if filters.until:
        add("f.event_date <= ?", filters.until)
    if filters.place:
        add(
            "(contains(lower(f.where_name), lower(?)) OR f.where_country = upper(?))",
            filters.place,
            filters.place,
        )
    if filters.q:
        add("contains(lower(f.evidence), lower(?))", filters.q)
    if filters.min_confidence is not None:
        add("f.confidence >= ?", filters.min_confidence)
    if filters.doc_id:
        add("f.doc_id = ?", filters.doc_id)
    if filters.story_id:
        add("f.story_id = ?", filters.story_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _participants(filters: EventFilters, add: Any) -> None:
    sides = (
        (filters.actor, " AND p.role = 'actor'"),
        (filters.recipient, " AND p.role = 'recipient'"),
        (filters.participant, ""),
    )
    for who, side in sides:
        if who:
            add(_PARTY.format(side=side, test=_WHO), who, who)
    if filters.sector:
        add(_PARTY.format(side="", test="p.sector = upper(?)"), filters.sector)
    identities = (
        (filters.identity, ""),
        (filters.actor_identity, " AND p.role = 'actor'"),
        (filters.recipient_identity, " AND p.role = 'recipient'"),
    )
    for identity, side in identities:
        if identity:
            add(_IDENTITY.format(side=side), identity)
