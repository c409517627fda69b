"""events.recipients: when an event's recipient is another event, its party is the recipient.

"The UN condemned the launch", "China opposes such moves": what is condemned is an act, and
PLOVER codes who did it as the recipient. When a recipient is no one in particular (no known
actor, sector or country) and its head word names an event the article told before ("North
Korea launched a missile ... the launch"), the parties acting in that event take its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from herald.events.coreference import same_word
from herald.records import ActorRef, Event


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
        act = _act_named_by(ref, earlier) if _anyone(ref) else None
        if act is None:
            refs.append(ref)
            continue
        changed = True
        refs.extend(a for a in act.actor if a not in refs and a not in event.actor)
    return replace(event, recipient=tuple(refs)) if changed else event


def _anyone(ref: ActorRef) -> bool:
    return ref.actor_id is None and ref.sector is None and ref.country is None


def _act_named_by(ref: ActorRef, earlier: Sequence[Event]) -> Event | None:
    """The latest earlier event (of this sentence or before) whose trigger is the
    recipient's head word, with an actor of its own."""
    words = ref.text.split()
    if not words:
        return None
    return next(
        (e for e in reversed(earlier) if e.actor and same_word(e.trigger.text, words[-1])),
        None,
    )
