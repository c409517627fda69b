"""events.recipients: when an event's recipient is another event, its party is the recipient.

"The UN condemned the launch", "China opposes such moves": what is condemned is an act, and
PLOVER codes who did it as the recipient. When a recipient is no one in particular (no known
actor, sector or country) and its head word names an event the article told before ("North
Korea launched a missile ... the launch"), the parties acting in that event take its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from herald.records import ActorRef, Event

STEM = 4  # letters two forms of one word share ("launch", "launches", "launched")


def recipients_from_acts(events: Sequence[Event]) -> list[Event]:
    """The events, a recipient that names an earlier act replaced by that act's actors."""
    done: list[Event] = []
    for event in events:
        done.append(_resolved(event, done))
    return done


def _resolved(event: Event, earlier: Sequence[Event]) -> Event:
    refs: list[ActorRef] = []
    changed = False
    for ref in event.recipient:
        act = _act_named_by(ref, event, earlier) if _anyone(ref) else None
        if act is None:
            refs.append(ref)
            continue
        changed = True
        refs.extend(a for a in act.actor if a not in refs and a not in event.actor)
    return replace(event, recipient=tuple(refs)) if changed else event


def _anyone(ref: ActorRef) -> bool:
    return ref.actor_id is None and ref.sector is None and ref.country is None


def _act_named_by(ref: ActorRef, event: Event, earlier: Sequence[Event]) -> Event | None:
    """The latest earlier event (or one of the same sentence) whose trigger is the
    recipient's head word, with an actor of its own."""
    words = ref.text.lower().split()
    if not words:
        return None
    head = words[-1]
    for other in reversed(earlier):
        word = other.trigger.text.lower()
        if other.actor and len(head) >= STEM and word[:STEM] == head[:STEM] and other is not event:
            return other
    return None
