"""events: typed PLOVER events with actors, date, place, modality and evidence.

Per sentence:

1. **Triggers**: every verb, noun or adjective whose lemma is in the lexicon
   (``herald/data/plover_triggers.csv``); hyphenated words are looked up whole ("co-host",
   "cease-fire"). When a lemma has several entries, one whose ``requires`` word is present
   ("hunger strike", "missile test", "call for") beats one without; then the higher weight.
   A speech verb whose complement says someone "must"/"should" act is a REQUEST.
2. **Frames**: a verbal trigger whose complement holds another trigger frames it. For
   irrealis frames (AGREE, CONCEDE, CONSULT, REQUEST, REJECT, THREATEN) the framed trigger is
   only promised, discussed, asked, refused or threatened: it is not an event of its own but
   gives the frame its mode ("called for talks" = REQUEST meet) and, if the frame has none,
   its recipient. "discuss the meeting" is therefore one CONSULT event. Factive frames
   (ACCUSE, SUPPORT: "condemned the attack") keep both events.
3. **Participants** (``herald.event_roles``), mapped to the actors stage's actors; a nominal
   participant it did not return becomes ``ActorRef(actor_id=None, kind=group|country|...)``;
   an unresolved pronoun is dropped. A trigger without any participant is not an event
   ("the conference will take place in January").
4. **When / where** (``herald.event_syntax.governing_item``), **modality**
   (``herald.modality``), **attribution** (``herald.quotes.attribution_for``), **contexts**
   (trigger's own + context words of the sentence), **CAMEO** code when unambiguous.

herald keeps the underlying type plus modality: "will meet" is CONSULT/planned, not the
manual's AGREE (``herald.plover.manual_type`` folds it back when needed).

Confidence (0..1, to be calibrated): 0.2 + 0.4 x lexicon weight + 0.15 if an actor was found
+ 0.1 if a recipient was found or the type needs none + 0.1 for a verb trigger (0.08 for a
noun with a light verb, 0.04 as the object of another verb, 0 for a bare noun) + 0.05 for a
frame that absorbed an event; minus 0.1 for negated or hypothetical events, 0.05 when a
participant came from a pronoun guess and 0.05 per adverbial/relative clause (at most two)
between the trigger and the main clause. Clamped to [0.05, 0.99], then calibrated
(``herald.calibration``: a binned isotonic map fitted on the PLOVER dev half) so that it
reads as the chance that the event's type is right.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from herald import calibration
from herald import quotes as quotes_module
from herald.event_roles import Roles, actor_ref, find_roles, unit_head
from herald.event_syntax import SentenceView, Span, governing_item, token_ranges
from herald.modality import modality_of
from herald.plover import (
    TriggerEntry,
    cameo_code,
    context_words,
    cues,
    frame_mode,
    plover_types,
    trigger_lexicon,
)
from herald.records import (
    Actor,
    ActorRef,
    Document,
    Event,
    Evidence,
    Mention,
    ParsedText,
    Place,
    Quote,
    TimeValue,
)

_POS_GROUP = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "PROPN": "NOUN"}
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "attr", "oprd", "acomp", "acl"})
_CONTENT_PREPS = frozenset({"for", "to", "of", "on", "about", "over", "against"})
_CONSULT_CONTENT_PREPS = frozenset({"about", "on", "over", "regarding"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
# Clauses through which a locative phrase still locates the event above them ("when he
# travelled to Havana", "a meeting to be held in Vancouver"); a coordinated or prepositional
# clause ("focused on exerting pressure on X") has its own place.
_LOCATING_CLAUSES = frozenset({"advcl", "acl", "relcl", "xcomp", "ROOT"})
T = TypeVar("T")
_MUST_REQUEST = TriggerEntry("say", "VERB", "REQUEST", None, (), (), "topic", frozenset(), 0.6)


@dataclass(slots=True)
class Candidate:
    """A trigger of one sentence on its way to becoming an Event."""

    unit: tuple[int, ...]  # the trigger's tokens ("co", "-", "host")
    entry: TriggerEntry
    type: str
    mode: str | None
    roles: Roles | None = None
    framed_by: Candidate | None = None
    framed: list[Candidate] = field(default_factory=list)
    depth: int = 0  # subordinate clauses between the trigger and the main clause

    @property
    def head(self) -> int:
        return self.unit[-1]


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
    for index in range(len(parsed.sentences)):
        view = SentenceView.of(parsed, index)
        candidates = sentence_candidates(view, cities)
        for candidate in candidates:
            blocked = view_blocked(view, candidate, candidates)
            event = _to_event(
                doc, view, candidate, actors, (time_spans, place_spans, blocked), quotes
            )
            if event is not None:
                events.append(event)
    return tuple(_renumber(event, f"{doc.doc_id}:e{n}") for n, event in enumerate(events, start=1))


def _renumber(event: Event, event_id: str) -> Event:
    return replace(event, event_id=event_id)


# --------------------------------------------------------------------------- triggers


def sentence_candidates(
    view: SentenceView, cities: frozenset[int] = frozenset()
) -> list[Candidate]:
    """The triggers of one sentence that stand as events, after framing. ``cities``: tokens
    of places below country level (they modify a trigger as a location, not an actor)."""
    contexts = sentence_contexts(view)
    found = [c for i in range(view.start, view.end) if (c := _trigger_at(view, i, contexts))]
    found += _must_requests(view, {c.head for c in found})
    heads = {i for c in found for i in c.unit}
    for candidate in found:
        candidate.roles = find_roles(view, candidate.unit, candidate.entry, heads, cities)
        candidate.depth = _subordination(view, unit_head(view, candidate.unit))
        if candidate.entry is _MUST_REQUEST:
            candidate.roles.recipients = _obliged(view, candidate.head)
    _apply_frames(view, found)
    return sorted((c for c in found if not _absorbed(c)), key=lambda c: c.unit[0])


def _absorbed(candidate: Candidate) -> bool:
    frame = candidate.framed_by
    return frame is not None and plover_types()[frame.type].embeds == "irrealis"


def _lookup_keys(view: SentenceView, i: int) -> list[str]:
    token = view.tok(i)
    lemma = token.lemma.lower()
    keys = [lemma]
    if i - 2 >= view.start and view.tok(i - 1).text == "-":
        prefix = view.tok(i - 2)
        if not prefix.whitespace and not view.tok(i - 1).whitespace:
            keys = [f"{prefix.text.lower()}-{lemma}", f"{prefix.text.lower()}{lemma}", lemma]
    return keys


def _trigger_at(view: SentenceView, i: int, contexts: tuple[str, ...]) -> Candidate | None:
    token = view.tok(i)
    group = _POS_GROUP.get(token.pos)
    if group is None or (token.dep in ("compound", "amod") and group != "ADJ"):
        return None
    if token.pos == "PROPN" and token.ent_type:
        return None
    lexicon = trigger_lexicon()
    for key in _lookup_keys(view, i):
        entries = lexicon.get((key, group), ())
        best = _best_entry(view, i, entries, contexts)
        if best is not None:
            unit = (i - 2, i - 1, i) if "-" in key or key != token.lemma.lower() else (i,)
            return Candidate(unit, best, best.type, best.mode)
    return None


def _best_entry(
    view: SentenceView, i: int, entries: Sequence[TriggerEntry], contexts: tuple[str, ...]
) -> TriggerEntry | None:
    ranked = []
    for entry in entries:
        if not entry.requires:
            ranked.append((0, entry.weight, entry))
        elif _requirement_met(view, i, entry.requires, contexts):
            ranked.append((1, entry.weight, entry))
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _requirement_met(
    view: SentenceView, i: int, requires: tuple[str, ...], contexts: tuple[str, ...]
) -> bool:
    near = {view.tok(c).lemma.lower() for c in view.children(i)}
    near |= {view.tok(c).text.lower() for c in view.children(i)}
    head = view.head(i)
    if head is not None:
        near.add(view.tok(head).lemma.lower())
        if view.tok(head).pos == "ADP" and view.head(head) is not None:
            near.add(view.tok(view.head(head)).lemma.lower())  # type: ignore[arg-type]
    if i - 2 >= view.start and view.tok(i - 1).text == "-":
        near.add(view.tok(i - 2).lemma.lower())
    for need in requires:
        if need.startswith("ctx:"):
            if need[4:] in contexts:
                return True
        elif need in near:
            return True
    return False


def _must_requests(view: SentenceView, taken: set[int]) -> list[Candidate]:
    """A REQUEST: "X said Y must/should do Z": by X of Y (the speech verb is the trigger)."""
    found = []
    for i in range(view.start, view.end):
        if i in taken or view.tok(i).lemma.lower() not in cues("speech"):
            continue
        for comp in view.children(i, "ccomp"):
            auxes = {view.tok(a).lemma.lower() for a in view.children(comp, "aux")}
            if auxes & cues("obligation"):
                found.append(Candidate((i,), _MUST_REQUEST, "REQUEST", None))
                break
    return found


def _subordination(view: SentenceView, i: int) -> int:
    """How many adverbial, relative or purpose clauses the trigger sits in ("staged
    demonstrations to demand reforms": the demand is the purpose, the protest the event).
    Complements of speech verbs do not count: reported events are main events."""
    depth = 0
    current: int | None = i
    while current is not None:
        if view.tok(current).dep in ("advcl", "relcl", "acl"):
            depth += 1
        current = view.head(current)
    return min(depth, 2)


def _obliged(view: SentenceView, speech: int) -> list[int]:
    """Subjects of the must/should complement of a speech verb: who is asked to act."""
    found: list[int] = []
    for comp in view.children(speech, "ccomp"):
        auxes = {view.tok(a).lemma.lower() for a in view.children(comp, "aux")}
        if auxes & cues("obligation"):
            found += [c for s in view.children(comp, "nsubj") for c in view.with_conjuncts(s)]
    return found


def sentence_contexts(view: SentenceView) -> tuple[str, ...]:
    """PLOVER contexts evoked by the words (and two-word phrases) of the sentence."""
    table = context_words()
    found: list[str] = []
    words = [view.tok(i).lemma.lower() for i in range(view.start, view.end)]
    texts = [view.tok(i).text.lower() for i in range(view.start, view.end)]
    phrases = words + texts + [f"{a} {b}" for a, b in itertools.pairwise(texts)]
    for phrase in phrases:
        for context in table.get(phrase, ()):
            if context not in found:
                found.append(context)
    return tuple(found)


# --------------------------------------------------------------------------- frames


def _content_zone(view: SentenceView, candidate: Candidate) -> set[int]:
    """Tokens of the complement of a framing trigger (what is promised, asked, discussed)."""
    zone: set[int] = set()
    owners = list(candidate.unit)
    if candidate.roles is not None and candidate.roles.path == "light":
        governor = view.head(candidate.head)
        if governor is not None:
            owners.append(governor)
    preps = _CONSULT_CONTENT_PREPS if candidate.type == "CONSULT" else _CONTENT_PREPS
    deps = {"dobj"} if candidate.type == "CONSULT" else _CONTENT_DEPS
    for owner in owners:
        for child in view.children(owner):
            dep = view.tok(child).dep
            if child in candidate.unit:
                continue
            if dep in deps or (dep == "prep" and _content_prep(view, child, preps)):
                zone |= set(view.subtree(child))
    return zone


def _content_prep(view: SentenceView, prep: int, preps: frozenset[str]) -> bool:
    """A preposition that introduces content ("talks on trade"), not a time ("on Monday")."""
    if view.tok(prep).lemma.lower() not in preps:
        return False
    return not any(view.tok(o).ent_type in _TIME_ENTS for o in view.children(prep, "pobj"))


def _apply_frames(view: SentenceView, found: list[Candidate]) -> None:
    framing = [c for c in found if plover_types()[c.type].embeds in ("irrealis", "factive")]
    zones = {id(c): _content_zone(view, c) for c in framing}
    for inner in found:
        holders = [f for f in framing if f is not inner and inner.head in zones[id(f)]]
        if not holders:
            continue
        frame = min(holders, key=lambda f: len(zones[id(f)]))
        inner.framed_by = frame
        frame.framed.append(inner)
    for frame in framing:
        if frame.framed and plover_types()[frame.type].embeds == "irrealis":
            _take_from_content(frame, frame.framed[0])


def _take_from_content(frame: Candidate, content: Candidate) -> None:
    """Mode (and for AGREE-to-retreat, type) and a missing recipient from the framed event."""
    if frame.entry.mode is None:
        changed = frame_mode(frame.type, content.type, content.mode)
        if changed is not None:
            frame.type, frame.mode = changed
    if frame.roles is None or content.roles is None or frame.roles.recipients:
        return
    if frame.type == "CONSULT":
        return  # the parties to a talk are not those of its topic
    others = [a for a in content.roles.actors if a not in frame.roles.actors]
    frame.roles.recipients = others or [
        r for r in content.roles.recipients if r not in frame.roles.actors
    ]


# --------------------------------------------------------------------------- events


def _refs(
    view: SentenceView, actors: Sequence[Actor], tokens: list[int]
) -> tuple[tuple[ActorRef, ...], bool]:
    refs: list[ActorRef] = []
    guessed = False
    for i in tokens:
        ref, guess = actor_ref(view, actors, i)
        if ref is not None and all(
            (ref.actor_id or ref.name) != (r.actor_id or r.name) for r in refs
        ):
            refs.append(ref)
            guessed = guessed or guess
    return tuple(refs), guessed


def _place_ok(
    view: SentenceView, span: Span[Place], participants: set[int], candidate: Candidate
) -> bool:
    """A place governs an event through a locative preposition on the path from the place up
    to the trigger, as a modifier of a noun trigger ("the Vancouver meeting"), or as the
    destination of a visit; never as one of the event's participants ("sanctions on Russia"
    does not happen in Russia) and never from inside a participant or topic noun phrase
    ("discuss the crises in Ukraine" does not happen in Ukraine)."""
    inside = range(span.start, span.end)
    heads = [i for i in inside if view.head(i) is None or view.head(i) not in inside]
    unit = candidate.unit
    for i in heads:
        token = view.tok(i)
        prep = view.head(i)
        governor = view.head(prep) if prep is not None else None
        if token.dep == "pobj" and prep is not None and governor is not None:
            word = view.tok(prep).lemma.lower()
            visit = word in ("to", "in") and _is_visit(view, governor)
            # "pressure on North Korea": a country after "on" is a target, not a location
            on_country = word in ("on", "off") and span.item.feature == "country"
            locative = word in cues("locative") and not on_country
            located = visit or (locative and i not in participants)
            if located and _reaches_trigger(view, governor, candidate):
                return True
        named_below_country = span.item.feature not in (None, "country")
        if token.dep in ("compound", "nmod") and prep in unit and named_below_country:
            return True
    return False


def _reaches_trigger(view: SentenceView, governor: int, candidate: Candidate) -> bool:
    """Whether a locative phrase hanging from ``governor`` locates the trigger: the path up
    from it may pass verbs, event nouns and other locative phrases ("at the State Department
    in Washington"), and for material events the direct object of the trigger ("shelled a
    village in the north"); any other noun (a topic, a participant) stops it."""
    unit = set(candidate.unit)
    above = _trigger_ancestors(view, unit_head(view, candidate.unit))
    material = plover_types()[candidate.type].quad.startswith("material")
    current: int | None = governor
    for _ in range(12):
        if current is None:
            return False
        if current in unit or current in above:
            return True
        token = view.tok(current)
        parent = view.head(current)
        if (token.pos in ("VERB", "AUX") and token.dep in _LOCATING_CLAUSES) or _is_event_noun(
            view, current
        ):
            current = parent
            continue
        if _locative(view, current) or (
            token.dep == "pobj" and parent is not None and _locative(view, parent)
        ):
            current = parent
            continue
        return material and token.dep in ("dobj", "nsubjpass") and parent in unit
    return False


def _locative(view: SentenceView, i: int) -> bool:
    return view.tok(i).pos == "ADP" and view.tok(i).lemma.lower() in cues("locative")


def _trigger_ancestors(view: SentenceView, anchor: int) -> set[int]:
    found: set[int] = set()
    current = view.head(anchor)
    while current is not None and current not in found:
        found.add(current)
        current = view.head(current)
    return found


def _is_event_noun(view: SentenceView, i: int) -> bool:
    token = view.tok(i)
    if token.pos not in ("NOUN", "PROPN") or token.ent_type:
        return False
    return any(trigger_lexicon().get((key, "NOUN"), ()) for key in _lookup_keys(view, i))


def _is_visit(view: SentenceView, i: int) -> bool:
    keys = _lookup_keys(view, i)
    group = _POS_GROUP.get(view.tok(i).pos, "")
    return any(e.mode == "visit" for key in keys for e in trigger_lexicon().get((key, group), ()))


def _to_event(
    doc: Document,
    view: SentenceView,
    candidate: Candidate,
    actors: Sequence[Actor],
    spans: tuple[Sequence[Span[TimeValue]], Sequence[Span[Place]], list[range]],
    quotes: Sequence[Quote],
) -> Event | None:
    roles = candidate.roles
    assert roles is not None
    actor_refs, guess_a = _refs(view, actors, roles.actors)
    recipient_refs, guess_r = _refs(view, actors, roles.recipients)
    recipient_refs = tuple(r for r in recipient_refs if r not in actor_refs)
    if not actor_refs and not recipient_refs:
        return None
    parsed = view.parsed
    time_spans, place_spans, blocked = spans
    participants = set(roles.actors) | set(roles.recipients)
    anchor = unit_head(view, candidate.unit)
    when = governing_item(
        view, anchor, _in_sentence(view, time_spans), blocked, unit=candidate.unit
    )
    where = governing_item(
        view,
        anchor,
        _in_sentence(view, place_spans),
        blocked,
        ok=lambda span: _place_ok(view, span, participants, candidate),
        unit=candidate.unit,
    )
    if when is None or when.value is None:
        # a vague expression ("weeks after reports") says nothing a reader can place on a
        # calendar: the publication date, marked as such, is the better answer
        when = _publication(doc) or when
    attribution = quotes_module.attribution_for(parsed, anchor, quotes, actors)
    modality = modality_of(
        parsed, anchor, when=when, published=doc.published, attribution=attribution, view=view
    )
    contexts = _event_contexts(view, candidate)
    first, last = parsed.tokens[candidate.unit[0]], parsed.tokens[candidate.unit[-1]]
    sentence = parsed.sentences[first.sent]
    confidence = _confidence(
        candidate, bool(actor_refs), bool(recipient_refs), modality, guess_a or guess_r
    )
    return Event(
        event_id="",
        doc_id=doc.doc_id,
        type=candidate.type,
        mode=candidate.mode,
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
        cameo=cameo_code(candidate.type, candidate.mode, contexts),
    )


def view_blocked(
    view: SentenceView, candidate: Candidate, others: Sequence[Candidate]
) -> list[range]:
    """Subtrees of the other events of the sentence that do not contain this trigger: their
    times and places are their own."""
    ranges = []
    for other in others:
        if other is candidate:
            continue
        block = view.subtree(other.unit[0] if other.roles and other.roles.path != "light"
                             else other.head)  # fmt: skip
        if candidate.head not in block:
            ranges.append(block)
    return ranges


def _in_sentence(view: SentenceView, spans: Sequence[Span[T]]) -> list[Span[T]]:
    return [s for s in spans if view.start <= s.start < view.end]


def _publication(doc: Document) -> TimeValue | None:
    published = doc.published
    if published is None:
        return None
    return TimeValue(
        text=published.text,
        value=published.value,
        precision=published.precision,
        anchor="publication",
    )


def _event_contexts(view: SentenceView, candidate: Candidate) -> tuple[str, ...]:
    found = list(candidate.entry.contexts)
    if candidate.mode in ("cyber", "misinformation"):
        found.append(candidate.mode)
    if candidate.mode == "unconventional":
        found.append("cbrn")
    for context in sentence_contexts(view):
        if context not in found:
            found.append(context)
    return tuple(dict.fromkeys(found))


def _confidence(
    candidate: Candidate, has_actor: bool, has_recipient: bool, modality: str, guessed: bool
) -> float:
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
    return calibration.calibrate(round(min(max(score, 0.05), 0.99), 3))
