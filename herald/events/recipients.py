"""events.recipients: when an event's recipient is another event, its party is the recipient.

"The UN condemned the launch", "China opposes such moves": what is condemned is an act, and
PLOVER codes who did it as the recipient. When a recipient is no one in particular (no known
actor, sector or country) and its head word names an event the article told before ("North
Korea launched a missile ... the launch"), the parties acting in that event take its place.
A judgement by a known actor (an ACCUSE, REJECT or SUPPORT) looks further: an event whose
type the word can name ("fired a missile ... the launch", a MOBILIZE), else, for a word
naming any deed ("the move", "such steps", cue kind ``deed``), the latest material deed. A
deed is no party: a recipient that names one whose doer is not found is dropped, whatever
the event.
A denial of allegations no words say whose ("Beijing denies the allegations") answers the
latest accusation the article told of its denier: its accusers are the recipient.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import herald.actors.lexicon as lexicon
from herald.events.coreference import same_word
from herald.events.plover import cues, deed_types, plover_types
from herald.events.roles import JUDGING_TYPES
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
        anyone = _anyone(ref)
        if _allegation(ref):
            # its accusers, else no one: an allegation no accusation answers is dropped
            act = _accusation_of(event.actor, earlier) if anyone else None
        else:
            deed = _deed_types(ref) if anyone else None
            # only a judgement by someone known says whose deed, of those told, it judges
            judged = event.actor and event.type in JUDGING_TYPES
            act = _act_named_by(ref, deed if judged else None, earlier) if anyone else None
            if act is None and deed is None:
                refs.append(ref)
                continue
        changed = True
        doers = act.actor if act is not None else ()
        refs.extend(a for a in doers if a not in refs and a not in event.actor)
    return replace(event, recipient=tuple(refs)) if changed else event


def _allegation(ref: ActorRef) -> bool:
    words = ref.text.lower().split()
    return bool(words) and words[-1].removesuffix("s") in cues("allegation")


def _accusation_of(parties: Sequence[ActorRef], earlier: Sequence[Event]) -> Event | None:
    """The latest earlier accusation of the parties ("The United States has accused Beijing
    of genocide ... Beijing denies the allegations"): a denial answers its accusers."""
    ids = {p.actor_id for p in parties if p.actor_id}
    countries = {p.country for p in parties if p.country}
    return next(
        (
            e
            for e in reversed(earlier)
            if e.type == "ACCUSE"
            and e.actor
            and any(r.actor_id in ids or r.country in countries for r in e.recipient)
        ),
        None,
    )


def _anyone(ref: ActorRef) -> bool:
    return ref.actor_id is None and ref.sector is None and ref.country is None


def _act_named_by(
    ref: ActorRef, deed: frozenset[str] | None, earlier: Sequence[Event]
) -> Event | None:
    """The latest earlier event (of this sentence or before) with an actor of its own whose
    trigger is the recipient's head word, else whose type ``deed`` holds (any material
    deed when it is empty; None: the word names no deed)."""
    words = ref.text.split()
    if not words:
        return None
    acts = [e for e in reversed(earlier) if e.actor]
    same = next((e for e in acts if same_word(e.trigger.text, words[-1])), None)
    if same is not None or deed is None:
        return same
    return next((e for e in acts if e.type in deed or (not deed and _material(e.type))), None)


def _deed_types(ref: ActorRef) -> frozenset[str] | None:
    """The types of event the recipient's head word can name ("the launch", "the
    shelling"), empty for a word that names any deed ("the move"); None when it names none."""
    words = ref.text.lower().split()
    if not words:
        return None
    word = words[-1]
    forms = (word, word.removesuffix("s"), word.removesuffix("es"))
    found = [types for form in forms if (types := deed_types(form)) is not None]
    if frozenset() in found:
        return frozenset()
    # "the delegation", "the opposition": nouns that name deeds and parties are parties
    party = any(form in lexicon.agent_nouns() or lexicon.role_for(form) for form in forms)
    return frozenset().union(*found) if found and not party else None


def _material(event_type: str) -> bool:
    return plover_types()[event_type].quad.startswith("material")
