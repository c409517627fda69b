"""events.stage: typed PLOVER events with actors, date, place, modality and evidence.

Per sentence:

1. **Triggers** (``herald.events.triggers``): words of the trigger lexicon, hyphenated words
   whole; a speech verb whose complement says someone "must"/"should" act is a REQUEST.
2. **Participants** (``herald.events.roles``): actor and recipient tokens of each trigger.
3. **Frames** (``herald.events.frames``): a trigger inside the complement of an irrealis frame
   ("called for talks") or the purpose clause of a protest is not an event of its own; it
   gives the frame its mode and, if the frame has none, its recipient. Factive frames
   ("condemned the attack") keep both events.
4. **Modes** (``herald.events.modes``): weapon and manner words set the mode ("drone strikes").
5. **Event records** (``herald.events.record``): participants mapped to the actors stage's
   actors (``herald.events.participants``; a trigger without any participant is not an event:
   "the conference will take place in January"), when (``herald.events.when``), where
   (``herald.events.place``), modality, attribution, contexts, CAMEO code and confidence.

herald keeps the underlying type plus modality: "will meet" is CONSULT/planned, not the
manual's AGREE (``herald.events.plover.manual_type`` folds it back when needed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from herald.events.coreference import (
    DatedMention,
    carry_dates,
    merge_mentions,
    merge_placed_tolls,
)
from herald.events.frames import absorbed, apply_frames, attach_aims, attach_stopped
from herald.events.modes import cue_modes, sentence_contexts
from herald.events.place import acting_places, foreign_places, loose_places
from herald.events.plover import cues
from herald.events.recipients import recipients_from_acts
from herald.events.record import in_sentence, own_date, to_event
from herald.events.relevance import LEAD_SENTENCES, end_of_sentences, event_relevance
from herald.events.roles import TOLL_CAUSE_LINKS, caused_verb, find_roles, unit_head
from herald.events.syntax import SentenceView, token_ranges
from herald.events.triggers import (
    CUSTODY_HELD,
    MUST_REQUEST,
    STANCE_ENTRIES,
    TriggerCandidate,
    custody_keepers,
    find_triggers,
    named_by_free_relative,
    obliged_parties,
    stance_parties,
    subordination,
)
from herald.events.where import Setting, of_the_place, place_events
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
    # A duration ("three days", value "P3D") says how long, not when: it never dates an event.
    points = [t for t in timexes if not (t.value or "").startswith("P")]
    time_spans = token_ranges(parsed, points, [(t.start, t.end) for t in points])
    place_spans = token_ranges(parsed, places, [(p.start, p.end) for p in places])
    cities = frozenset(
        i
        for span in place_spans
        if span.item.feature not in (None, "country")
        for i in range(span.start, span.end)
    )
    events: list[Event] = []
    # triggers with no party that date a deed ("the Feb. 27 deportations"): see carry_dates
    dated: list[DatedMention] = []
    foreign: dict[int, frozenset[Place]] = {}
    loose: set[Place] = set()
    for index in range(len(parsed.sentences)):
        view = SentenceView.of(parsed, index)
        own = in_sentence(view, place_spans)
        loose |= loose_places(view, own)
        candidates = sentence_candidates(view, cities)
        for candidate in candidates:
            blocked = other_event_subtrees(view, candidate, candidates)
            event = to_event(
                doc, view, candidate, actors, (time_spans, place_spans, blocked), quotes
            )
            if event is not None:
                events.append(event)
                foreign[event.trigger.start] = foreign_places(view, candidate, own, blocked)
            elif (when := own_date(doc, view, candidate, time_spans, blocked)) is not None:
                dated.append(DatedMention(candidate.type, view.tok(candidate.head).text, when))
    setting = Setting(
        lede_end=end_of_sentences(parsed, LEAD_SENTENCES),
        acting=acting_places(parsed, place_spans),
        foreign=foreign,
        loose=frozenset(loose),
    )
    return tuple(
        of_the_place(
            replace(event, event_id=f"{doc.doc_id}:e{n}", relevance=event_relevance(event))
        )
        for n, event in enumerate(
            merge_placed_tolls(
                place_events(
                    carry_dates(merge_mentions(recipients_from_acts(events)), dated),
                    doc,
                    places,
                    setting,
                )
            ),
            start=1,
        )
    )


def sentence_candidates(
    view: SentenceView, cities: frozenset[int] = frozenset()
) -> list[TriggerCandidate]:
    """The triggers of one sentence that stand as events, after framing, in text order.
    ``cities``: tokens of places below country level (they modify a trigger as a location,
    not an actor)."""
    found = find_triggers(view, sentence_contexts(view))
    heads = {i for c in found for i in c.unit}
    for candidate in found:
        candidate.roles = find_roles(view, candidate.unit, candidate.entry, heads, cities)
        candidate.depth = subordination(view, unit_head(view, candidate.unit))
        if candidate.entry is MUST_REQUEST:
            candidate.roles.recipients = obliged_parties(view, candidate.head)
        elif candidate.entry in STANCE_ENTRIES:
            candidate.roles.recipients = stance_parties(view, candidate.head, candidate.entry)
        elif candidate.entry is CUSTODY_HELD:
            candidate.roles.recipients = candidate.roles.actors
            candidate.roles.actors = custody_keepers(view, candidate.head)
    apply_frames(view, found)
    attach_aims(view, found)
    attach_stopped(view, found)
    cue_modes(view, found)
    kept = _without_tolls(
        view, [c for c in found if not absorbed(c) and not _restates(view, c, found)]
    )
    kept = _without_purposes(view, _without_named_objects(view, kept))
    return sorted(kept, key=lambda c: c.unit[0])


def _without_purposes(view: SentenceView, found: list[TriggerCandidate]) -> list[TriggerCandidate]:
    """The triggers without those that say what another event of their type is for ("will
    travel to Canada for meetings with G7 ministers", "a visit to Quetta for a security
    meeting"): such a noun is that event again, and its recipients join it."""
    return _folded(found, lambda candidate: _purpose_holder(view, candidate, found))


def _without_named_objects(
    view: SentenceView, found: list[TriggerCandidate]
) -> list[TriggerCandidate]:
    """The triggers without a noun of another event's type that a free relative makes that
    event's object ("the EU levied what he said was a 50% tariff on whiskey"): the noun
    names what the verb did, one event; its recipients join the verb's. (The noun as the
    plain object, "levied a tariff", is read through the verb already.)"""
    return _folded(found, lambda candidate: _object_holder(view, candidate, found))


def _object_holder(
    view: SentenceView, candidate: TriggerCandidate, found: Sequence[TriggerCandidate]
) -> TriggerCandidate | None:
    return _other_of_its_type(
        candidate,
        found,
        lambda other: candidate.head in named_by_free_relative(view, unit_head(view, other.unit)),
    )


def _other_of_its_type(
    candidate: TriggerCandidate,
    found: Sequence[TriggerCandidate],
    holds: Callable[[TriggerCandidate], bool],
) -> TriggerCandidate | None:
    """The first other trigger of the candidate's type for which ``holds`` is true."""
    return next(
        (o for o in found if o is not candidate and o.type == candidate.type and holds(o)), None
    )


def _folded(
    found: list[TriggerCandidate],
    holder_of: Callable[[TriggerCandidate], TriggerCandidate | None],
    prepare: Callable[[TriggerCandidate], None] | None = None,
) -> list[TriggerCandidate]:
    """The triggers without those ``holder_of`` finds another event for, their recipients
    joined to it (``prepare``d first)."""
    kept = []
    for candidate in found:
        holder = holder_of(candidate)
        if holder is None or holder.roles is None or candidate.roles is None:
            kept.append(candidate)
            continue
        if prepare is not None:
            prepare(holder)
        holder.roles.recipients += [
            r for r in candidate.roles.recipients if r not in holder.roles.recipients
        ]
    return kept


def _purpose_holder(
    view: SentenceView, candidate: TriggerCandidate, found: Sequence[TriggerCandidate]
) -> TriggerCandidate | None:
    """The event of the same type whose "for" phrase the candidate noun is, if any."""
    prep = view.head(candidate.head)
    if view.tok(candidate.head).dep != "pobj" or prep is None:
        return None
    if view.tok(prep).lemma.lower() != "for":
        return None
    return _other_of_its_type(candidate, found, lambda other: view.head(prep) in other.unit)


def _restates(
    view: SentenceView, candidate: TriggerCandidate, found: Sequence[TriggerCandidate]
) -> bool:
    """A verb that only describes a noun trigger of the same type ("talks hosted by Kenya",
    "the strike carried out by drones") is that event again, not a second one."""
    head = view.head(candidate.head)
    if view.tok(candidate.head).dep != "acl" or head is None:
        return False
    return _other_of_its_type(candidate, found, lambda other: head in other.unit) is not None


def _without_tolls(view: SentenceView, found: list[TriggerCandidate]) -> list[TriggerCandidate]:
    """The triggers without the counts of the dead or hurt that name no doer but the deed
    that did it ("two soldiers were killed in shelling by the army", "a roadside bombing
    killed one soldier and wounded two others"): one event, the deed, its victims joined."""
    return _folded(
        found,
        lambda candidate: _deed_of_toll(view, candidate, found),
        lambda deed: _fought_with(view, deed),
    )


def _fought_with(view: SentenceView, deed: TriggerCandidate) -> None:
    """A fight with no doer that kills ("killed in clashes with the army", "in a gun battle
    with police") is done by the side it is fought "with", among its recipients."""
    if deed.roles is None or deed.roles.actors or "with" not in deed.entry.preps:
        return
    sides = set(view.prep_objects(deed.head, "with"))
    deed.roles.actors = [r for r in deed.roles.recipients if r in sides or view.head(r) in sides]
    deed.roles.recipients = [r for r in deed.roles.recipients if r not in deed.roles.actors]


def _deed_of_toll(
    view: SentenceView, candidate: TriggerCandidate, found: Sequence[TriggerCandidate]
) -> TriggerCandidate | None:
    """The deed of the candidate's type that a doerless toll verb tells as its cause ("killed
    in the attack", "the bombing killed"; "and wounded" shares it), if any."""
    roles = candidate.roles
    if roles is None or roles.actors or not roles.recipients:
        return None
    if view.tok(candidate.head).lemma.lower() not in cues("casualty"):
        return None
    # "killed one soldier and wounded two others", "were killed and three wounded when ...":
    # coordinated verbs share their cause
    verbs = set(view.verbs_after(candidate.head))
    if view.tok(candidate.head).dep == "conj" and (first := view.head(candidate.head)) is not None:
        verbs.add(first)
    return next(
        (o for o in found
         if o is not candidate and o.type == candidate.type and o.head not in roles.recipients
         and (caused_verb(view, o.head, TOLL_CAUSE_LINKS) in verbs
              or _when_clause_of(view, o, verbs))),
        None,
    )  # fmt: skip


def _when_clause_of(view: SentenceView, deed: TriggerCandidate, verbs: set[int]) -> bool:
    """Whether the deed's verb (its own, or the light verb of its noun: "opened fire") is
    the "when" clause of one of ``verbs`` ("two soldiers were killed when rebels attacked
    the base")."""
    verb = view.head(deed.head) if view.tok(deed.head).pos == "NOUN" else deed.head
    return (
        verb is not None
        and view.tok(verb).dep == "advcl"
        and view.head(verb) in verbs
        and any(
            view.tok(m).lemma.lower() in ("when", "as")
            for m in view.children(verb, "mark", "advmod")
        )
    )


def other_event_subtrees(
    view: SentenceView, candidate: TriggerCandidate, others: Sequence[TriggerCandidate]
) -> list[range]:
    """Subtrees of the other events of the sentence that do not contain this trigger: their
    times and places are their own."""
    ranges = []
    for other in others:
        if other is candidate or not _has_parties(other):
            continue  # a trigger with no party yields no event and keeps nothing to itself
        block = view.subtree(other.unit[0] if other.roles and other.roles.path != "light"
                             else other.head)  # fmt: skip
        if candidate.head not in block:
            ranges.append(block)
    return ranges


def _has_parties(candidate: TriggerCandidate) -> bool:
    roles = candidate.roles
    return roles is not None and bool(roles.actors or roles.recipients)
