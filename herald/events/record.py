"""events.record: one ``Event`` record from one trigger candidate, with its confidence.

Participants (``herald.events.participants``); an event needs at least one, but for a
protest by an unnamed crowd and violence placed by its sentence with no one named. When
(``herald.events.when``), where (``herald.events.place``), attribution
(``herald.quotes.stage.attribution_for``), modality (``herald.events.modality``), contexts
(``herald.events.modes``) and the CAMEO code when unambiguous. Two readings change the type:
a refused cooperation ("will no longer recognize") is a REJECT, and harm a named speaker says
their own side will or could do ("Iran said it will strike Israel if attacked") is that
speaker's THREATEN, voiced now, whatever day the harm is set for.

Confidence (0..1): 0.2 + 0.4 x lexicon weight + 0.15 if an actor was found + 0.1 if a
recipient was found or the type needs none + 0.1 for a verb trigger (0.08 for a noun with a
light verb, 0.04 as the object of another verb, 0 for a bare noun) + 0.05 for a frame that
absorbed an event; minus 0.1 for negated or hypothetical events, 0.05 when a participant
came from a pronoun guess and 0.05 per adverbial/relative clause (at most two) between the
trigger and the main clause. Clamped to [0.05, 0.99], then calibrated (``herald.events.confidence``:
a binned isotonic map fitted on the PLOVER dev half) so that it reads as the chance that the
event's type is right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

import herald.events.confidence as confidence
import herald.quotes.stage as quotes_module
from herald.actors.identity import is_named
from herald.events.modality import (
    announces_decision,
    condition_subjects,
    in_condition,
    is_after,
    is_refusal,
    may_only,
    modality_of,
    non_specific,
    tells_capability,
    wished,
)
from herald.events.modes import event_contexts
from herald.events.participants import participant_refs, quoted_speaker
from herald.events.place import event_place
from herald.events.plover import cameo_code, cues, frame_mode, plover_types
from herald.events.roles import unit_head
from herald.events.syntax import SentenceView, Span
from herald.events.triggers import ASSAIL, TriggerCandidate
from herald.events.when import event_time, own_time, planned_weekday
from herald.records import (
    Actor,
    ActorRef,
    Attribution,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Quote,
    TimeValue,
)

T = TypeVar("T")


def own_date(
    doc: Document,
    view: SentenceView,
    candidate: TriggerCandidate,
    time_spans: Sequence[Span[TimeValue]],
    blocked: list[range],
) -> TimeValue | None:
    """The date the text gives a trigger of its own ("the Feb. 27 deportations"), else None."""
    anchor = unit_head(view, candidate.unit)
    spans = in_sentence(view, time_spans)
    return own_time(event_time(view, anchor, candidate.unit, spans, blocked, _publication(doc)))


def to_event(
    doc: Document,
    view: SentenceView,
    candidate: TriggerCandidate,
    actors: Sequence[Actor],
    spans: tuple[Sequence[Span[TimeValue]], Sequence[Span[Place]], list[range]],
    quotes: Sequence[Quote],
) -> Event | None:
    """The Event of ``candidate`` (without its id), or None when it has no participant.

    ``spans``: the document's dated time expressions and places as token spans, and the
    subtrees of the sentence's other events (their times and places are their own).
    """
    roles = candidate.roles
    assert roles is not None
    time_spans, place_spans, blocked = spans
    actor_refs, guess_a = participant_refs(view, actors, roles.actors, place_spans, agents=True)
    actor_refs = actor_refs or quoted_speaker(view, roles.actors, quotes)
    # words are said to someone: "warned the United States against arms sales to Taiwan" is
    # addressed to the United States, not to the sales (a deed judged with no party named,
    # "condemned the attack", stays the recipient)
    verbal = plover_types()[candidate.type].quad.startswith("verbal")
    recipient_refs, guess_r = participant_refs(
        view, actors, roles.recipients, place_spans, agents=verbal
    )
    # what is asked for is no one asked ("called for peace", "for the repeal of the law")
    if verbal and not recipient_refs and candidate.type != "REQUEST":
        recipient_refs, guess_r = participant_refs(view, actors, roles.recipients, place_spans)
    # one party is never its own recipient, however it is named ("Mr. Trudeau ... he")
    actor_ids = {r.actor_id for r in actor_refs if r.actor_id is not None}
    recipient_refs = tuple(
        r for r in recipient_refs if r not in actor_refs and r.actor_id not in actor_ids
    )
    if _campaign_rally(view, candidate, actor_refs) or _talks_alone(
        view, candidate, actor_refs, recipient_refs
    ):
        return None
    unnamed = not actor_refs and not recipient_refs
    counted = unnamed and _counted_crowd(view, candidate)
    unclaimed = unnamed and _unclaimed_violence(view, candidate)
    if unnamed and not (counted or unclaimed or _crowd_deed(view, candidate)):
        return None
    parsed = view.parsed
    participants = set(roles.actors) | set(roles.recipients)
    anchor = unit_head(view, candidate.unit)
    when = event_time(
        view, anchor, candidate.unit, in_sentence(view, time_spans), blocked, _publication(doc)
    )
    where = event_place(view, candidate, in_sentence(view, place_spans), blocked, participants)
    if unclaimed and where is None:
        return None  # no one and nowhere: a deed the sentence only mentions
    if unnamed and not unclaimed:
        crowd = _crowd_of(where, counted=counted)
        if crowd is None:
            return None
        actor_refs = (crowd,)
    attribution = quotes_module.attribution_for(parsed, anchor, quotes, actors)
    modality = modality_of(
        parsed,
        anchor,
        when=when,
        published=doc.published,
        attribution=attribution,
        view=view,
        threat=candidate.type == "THREATEN",
    )
    if modality == "planned":
        when = planned_weekday(when, doc.published)
    when = _bounded(when, modality)
    event_type, mode = candidate.type, candidate.mode
    if _quarrel(view, candidate, actor_refs, recipient_refs):
        event_type, mode = "ACCUSE", "disapprove"
    if modality == "negated" and _cooperative(event_type) and is_refusal(view, anchor):
        event_type, mode, modality = "REJECT", None, "asserted"
    speaker = _threatening_speaker(
        event_type, modality, attribution, actors, actor_refs, recipient_refs
    )
    if speaker is not None and (
        wished(view, anchor) or in_condition(view, anchor) or non_specific(view, anchor)
    ):
        # a wish is no threat ("hopes the court strikes down the law"), nor is a condition
        # ("even if they were arrested") or a deed in general ("opposed any sanctions"):
        # only what follows from one is
        speaker = None
    put_to = (
        None
        if speaker or not actor_refs
        else _threat_on_condition(event_type, modality, view, anchor)
    )
    if speaker is not None and not (
        tells_capability(view, anchor) or announces_decision(view, anchor)
    ):
        event_type, mode = _threat_of(event_type, mode)
        actor_refs, modality = (speaker,), "asserted"
        # the threat is made when it is voiced, not on the day of the harm it announces
        when = _bounded(_publication(doc), modality) if is_after(when, doc.published) else when
    elif put_to is not None:
        # "the United States will impose sanctions if Turkey buys the missiles": harm set
        # on a condition is a threat to whoever the condition is put to
        event_type, mode = _threat_of(event_type, mode)
        modality = "asserted"
        conditioned, _ = participant_refs(view, actors, put_to, place_spans, agents=True)
        recipient_refs = recipient_refs or tuple(r for r in conditioned if r not in actor_refs)
    contexts = event_contexts(view, candidate)
    first, last = parsed.tokens[candidate.unit[0]], parsed.tokens[candidate.unit[-1]]
    sentence = parsed.sentences[first.sent]
    confidence = _confidence(
        candidate, bool(actor_refs), bool(recipient_refs), modality, guess_a or guess_r
    )
    return Event(
        event_id="",
        doc_id=doc.doc_id,
        type=event_type,
        mode=mode,
        trigger=Mention(parsed.text[first.idx : last.end], first.idx, last.end),
        evidence=Evidence(parsed.sentence_text(first.sent), sentence.start_char, sentence.end_char),
        actor=actor_refs,
        recipient=recipient_refs,
        contexts=contexts,
        when=when,
        where=where,
        modality=modality,
        attribution=attribution,
        confidence=confidence,
        cameo=cameo_code(event_type, mode, contexts),
    )


def _quarrel(
    view: SentenceView,
    candidate: TriggerCandidate,
    actors: Sequence[ActorRef],
    recipients: Sequence[ActorRef],
) -> bool:
    """An attack by persons named on persons named is made in words: "Reid has been
    pounding Trump", "Trump attacked Clinton over her emails". Armies, police, gunmen and
    mobs attack bodily; named people attack each other in speeches and posts (the parser's
    own labels miss many of them: ``frames`` reads a clash between persons). So do parties
    and their candidates, on whoever they attack: "the attacks from Democrats over the
    court pick", "Republicans will continue their legislative attacks"."""
    if candidate.type != "ASSAULT" or view.tok(candidate.head).lemma.lower() not in ASSAIL:
        return False
    if actors and all(p.sector == "PTY" for p in actors):
        return True
    return bool(actors and recipients) and all(_named_person(p) for p in (*actors, *recipients))


def _named_person(party: ActorRef) -> bool:
    """A person the text names ("Reid", "Mrs. Clinton"), not one described ("a senator")."""
    return party.kind == "person" and is_named(party.name, party.kind)


# Words of a crowd on the move that a candidate's campaign uses as well.
_CAMPAIGN_WORDS = frozenset({"rally", "march"})
# Sectors whose rallies are campaigns or shows of unity: parties, governments, legislatures.
_RALLYING_SECTORS = frozenset({"PTY", "GOV", "LEG"})


def _campaign_rally(
    view: SentenceView, candidate: TriggerCandidate, actors: Sequence[ActorRef]
) -> bool:
    """A rally or march held by a named person, a party or officials is a campaign's or a
    show of unity ("Mrs. Clinton has held rallies before largely black crowds", "she will
    continue her march toward Election Day", "world leaders rallied to condemn the test"),
    no protest: protesters are many and mostly unnamed. A protest named as one ("protest
    march") stays."""
    head = candidate.head
    if candidate.type != "PROTEST" or view.tok(head).lemma.lower() not in _CAMPAIGN_WORDS:
        return False
    if any(view.tok(c).lemma.lower() == "protest" for c in view.children(head, "compound")):
        return False
    return bool(actors) and all(_named_person(a) or a.sector in _RALLYING_SECTORS for a in actors)


# Words of consultation that one person alone uses of talking about something. "talk" is
# as often said of one person (measured: its one dev change dropped a mention the modality
# set labels, under that set's floor), so it is left out.
_TALK_WORDS = frozenset({"discuss", "discussion"})


def _talks_alone(
    view: SentenceView,
    candidate: TriggerCandidate,
    actors: Sequence[ActorRef],
    recipients: Sequence[ActorRef],
) -> bool:
    """One person discussing something with no one named talks about it ("joins the show to
    discuss possible motives", "as he discussed his commitment to veterans at an event"): a
    consultation takes two parties ("the two ministers discussed", "discussed it with
    Putin")."""
    return (
        candidate.type == "CONSULT"
        and view.tok(candidate.head).lemma.lower() in _TALK_WORDS
        and not recipients
        and len(actors) == 1
        and actors[0].kind == "person"
    )


def _threatening_speaker(
    event_type: str,
    modality: str,
    attribution: Attribution,
    actors: Sequence[Actor],
    doers: Sequence[ActorRef],
    sufferers: Sequence[ActorRef],
) -> ActorRef | None:
    """The speaker, when the event is harm someone says their side will or could do: "Iran
    said it will strike Israel if attacked", "the president said the country has the power
    to destroy its neighbour". Voicing it is the PLOVER THREATEN (the manual's future of a
    conflict type); the harm itself has not happened."""
    if modality not in ("planned", "hypothetical") or event_type == "THREATEN":
        return None
    if plover_types()[event_type].future_type != "THREATEN":
        return None
    if event_type == "MOBILIZE" and not sufferers:
        return None  # "additional soldiers would be deployed for security": shown to no one
    if attribution.kind != "named_source" or attribution.actor_id is None:
        return None
    speaker = next((a for a in actors if a.actor_id == attribution.actor_id), None)
    if speaker is None:
        return None
    by_own_side = not doers or any(_same_side(d, speaker) for d in doers)
    # "if attacked": harm to the speaker's side is a fear or a condition, not a threat
    to_own_side = any(_same_side(r, speaker) for r in sufferers)
    return speaker.ref(attribution.text) if by_own_side and not to_own_side else None


def _crowd_deed(view: SentenceView, candidate: TriggerCandidate) -> bool:
    """A deed that only a crowd does, named by a noun of its own (cue kind ``crowd``:
    protests, demonstrations, riots), not one that shows something ("a demonstration of
    resolve") nor a word of other senses ("a rally" of a campaign, "strikes" from the air)."""
    head = candidate.head
    return (
        candidate.type == "PROTEST"
        and view.tok(head).lemma.lower() in cues("crowd")
        and not view.has_preposition(head, "of")
    )


# Words that count people without naming them ("thousands marched").
_COUNTS = frozenset({"hundred", "thousand", "dozen", "score", "million"})


def _unclaimed_violence(view: SentenceView, candidate: TriggerCandidate) -> bool:
    """A deed of violence, or arms seized or found, told by a finite verb whose sentence names
    no one who did or suffered it ("a suicide attack that saw eight people killed in
    Maiduguri", "a stash of firearms was found near the border"). Conflict data codes such an
    event with its doer unknown, so it stands when its sentence places it (``to_event``). A
    noun ("the attack", "the war") or an infinitive ("failed to prevent a massacre") more
    often recalls or weighs a deed than reports one, and arrests or curfews without a party
    are mostly talk of them."""
    head = candidate.head
    violent = candidate.type == "ASSAULT" or (
        candidate.type == "COERCE" and candidate.mode == "seize"
    )
    return violent and view.tok(head).pos == "VERB" and not view.to_infinitive(head)


def _counted_crowd(view: SentenceView, candidate: TriggerCandidate) -> bool:
    """A protest whose doers are only counted ("Thousands marched through the capital",
    "Hundreds took to the streets"): a crowd, though no party is named."""
    actors = candidate.roles.actors if candidate.roles is not None else []
    return (
        candidate.type == "PROTEST"
        and bool(actors)
        and all(view.tok(a).tag == "CD" or view.tok(a).lemma.lower() in _COUNTS for a in actors)
    )


def _crowd_of(where: Place | None, counted: bool = False) -> ActorRef | None:
    """Who protests when the text names no one ("protests erupted in Colombia"): the
    people of the place it names, as PLOVER and ACLED code an unnamed crowd (protesters of
    that country); no one when its sentence names no place (``where`` is still the
    sentence's own place here: the article's places come later, in ``events.where``),
    unless the crowd is counted: thousands who march are protesters wherever they are."""
    if where is None and not counted:
        return None
    return ActorRef(
        actor_id=None,
        name="protesters",
        kind="group",
        country=where.country if where is not None else None,
        sector="CVL",
    )


def _threat_on_condition(
    event_type: str, modality: str, view: SentenceView, anchor: int
) -> list[int] | None:
    """The subjects of the conditions, when the event is harm its doer will do if or unless
    something happens, said without a speaker of its own: the PLOVER manual's conditional
    threat. None otherwise, and for what it can or may do ("if the court rules against him,
    the government can deport him")."""
    if modality != "hypothetical" or plover_types()[event_type].future_type != "THREATEN":
        return None
    if event_type == "THREATEN" or tells_capability(view, anchor) or may_only(view, anchor):
        return None
    return condition_subjects(view, anchor)


def _same_side(party: ActorRef, speaker: Actor) -> bool:
    return party.actor_id == speaker.actor_id or (
        party.country is not None and party.country == speaker.country
    )


def _threat_of(event_type: str, mode: str | None) -> tuple[str, str | None]:
    """THREATEN with the mode that says what harm is threatened (plover_frame_modes.csv)."""
    framed = frame_mode("THREATEN", event_type, mode)
    return framed if framed is not None else ("THREATEN", None)


def _bounded(when: TimeValue | None, modality: str) -> TimeValue | None:
    """The publication day standing in for a date the text does not give is a bound, not
    the event's date: a past event happened on or before it, a planned one on or after."""
    if when is None or when.anchor != "publication" or when.modifier is not None:
        return when
    if modality == "planned":
        return replace(when, modifier="on_or_after")
    if modality in ("asserted", "reported", "historical", "negated"):
        return replace(when, modifier="on_or_before")
    return when


def _cooperative(event_type: str) -> bool:
    info = plover_types().get(event_type)
    return info is not None and info.quad in ("verbal_cooperation", "material_cooperation")


def in_sentence(view: SentenceView, spans: Sequence[Span[T]]) -> list[Span[T]]:
    """The spans that start in the sentence of ``view``."""
    return [s for s in spans if view.start <= s.start < view.end]


def _publication(doc: Document) -> TimeValue | None:
    """The publication date as a stand-in date (anchor "publication")."""
    published = doc.published
    if published is None:
        return None
    return TimeValue(
        text=published.text,
        value=published.value,
        precision=published.precision,
        anchor="publication",
    )


def _confidence(
    candidate: TriggerCandidate, has_actor: bool, has_recipient: bool, modality: str, guessed: bool
) -> float:
    """The calibrated confidence that the event's type is right (see the module docstring)."""
    roles = candidate.roles
    path = roles.path if roles is not None else "noun"
    needs_recipient = plover_types()[candidate.type].requires_recipient
    score = 0.2 + 0.4 * candidate.entry.weight
    score += 0.15 if has_actor else 0.0
    score += 0.1 if has_recipient or not needs_recipient else 0.0
    score += {"verb": 0.1, "light": 0.08, "governed": 0.04}.get(path, 0.0)
    score += 0.05 if candidate.framed else 0.0
    score -= 0.1 if modality in ("negated", "hypothetical") else 0.0
    score -= 0.05 if guessed else 0.0
    score -= 0.05 * candidate.depth
    return confidence.calibrate(round(min(max(score, 0.05), 0.99), 3))
