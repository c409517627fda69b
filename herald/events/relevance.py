"""events.relevance: is this a political event between political actors, and is the article
about politics at all?

Analysts want "who did what to whom" among governments, armed forces, parties, courts,
armed groups, international bodies and the people who protest or fight them; a takeover
bid, a rocket launch or a film premiere is news but no political event. Two scores in 0..1,
stored with the records so users can filter or lower the bar:

- an event's ``relevance`` comes from its parties: a state, an official body or an armed or
  political group on the acting side counts most, on the receiving side a little less;
  violence, coercion and protest by groups or unnamed people count too (the stuff of
  conflict data; between two named persons it is crime). Parties known to be companies,
  media, scientists or private people, or no party able to act, make an event irrelevant;
  parties of unknown sector (a name the tables do not know) leave it undecided (0.5);
- a document's ``relevance`` averages three signals: its events (how densely it tells surely
  political ones, about one in five sentences counting fully, or one in the lede, the first
  sentences where news says what it is about), its actors (how densely it names officials,
  governments, armed forces and parties: about four such mentions per hundred words is
  political news; a country's name does not count, for a story about dentists in Vietnam
  names the country as densely as a war report does, as a place) and its words
  (``herald.events.topic``, a learned chance that it is world news). The actors carry more
  evidence than the few events of a short story; the events tell a science story that quotes
  a minister from a political one; the words tell a story about a moon mission that names
  states throughout.

By default (``Options.all_events`` off) herald drops the events below ``EVENT_THRESHOLD``,
hypothetical events (on our whole-article gold, 1 in 17 of them was an event a coder lists),
negated ones (what did not happen or will not: 2 in 9 were listed), and every event of a
document below ``DOCUMENT_THRESHOLD`` when the document is long enough to judge
(``MIN_SENTENCES``: one sentence says too little about its article); with it, every event is
kept with its scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from herald.events.participants import POLITICAL_SECTORS, political_roles
from herald.events.plover import cues
from herald.events.syntax import SentenceView
from herald.events.topic import article_words, world_affairs_score
from herald.events.triggers import craft_strikes_a_thing
from herald.records import Actor, ActorRef, Document, Event, ParsedText, Token

EVENT_THRESHOLD = 0.5
DOCUMENT_THRESHOLD = 0.5
POLITICAL_MENTIONS_PER_100_WORDS = 4.0  # this density of political actors counts fully
POLITICAL_EVENTS_PER_100_WORDS = 0.8  # and this density of political events (one in 5 sentences)
LEDE_SENTENCES = 3  # a political event among these makes the article about politics
LEAD_SENTENCES = 2  # the events these tell are the article's lead events
MIN_SENTENCES = 4  # shorter texts (a sentence, a snippet) are not judged as documents

_MATERIAL_CONFLICT = frozenset({"PROTEST", "ASSAULT", "COERCE", "MOBILIZE"})
# Hostages rescued or freed, the wounded evacuated: the other side of the same conflicts.
_RELIEF = frozenset({"AID", "RETREAT"})
_RELIEF_WORDS = ("rescu", "free", "releas", "evacua")
_RESCUE_WORDS = ("rescu", "evacua")
_ASKING = frozenset({"REQUEST", "ACCUSE", "CONSULT"})  # a journalist's question, inquiry, interview
_ACTING, _RECEIVING, _COLLECTIVE, _UNKNOWN, _NONE = 0.9, 0.7, 0.6, 0.5, 0.2


def is_political(party: ActorRef) -> bool:
    """A state, a body or person of a political sector or role, or a national group
    ("Palestinians")."""
    if party.kind == "country" or party.sector in POLITICAL_SECTORS:
        return True
    if any(role.lower() in political_roles() for role in party.roles):
        return True
    return party.kind == "group" and party.country is not None and party.sector is None


def event_relevance(event: Event) -> float:
    """How surely ``event`` is a political event between political actors."""
    if _newsgathering(event) or _private_visit(event):
        return _NONE
    if any(is_political(party) for party in event.actor):
        return _ACTING
    if any(is_political(party) for party in event.recipient):
        return _RECEIVING
    if event.type == "PROTEST" and event.actor:
        return _RECEIVING  # a protest is political by nature: someone protests something
    if event.type in _MATERIAL_CONFLICT and _collective(event):
        return _COLLECTIVE
    if _relief(event):
        return _COLLECTIVE
    if any(p.sector is None and p.kind != "group" for p in (*event.actor, *event.recipient)):
        return _UNKNOWN
    return _NONE


def _relief(event: Event) -> bool:
    """Captives rescued, freed or evacuated by someone unnamed ("339 passengers were
    rescued"): the other side of the conflicts the story is about."""
    return (
        event.type in _RELIEF
        and not event.actor
        and event.trigger.text.lower().startswith(_RELIEF_WORDS)
    )


def _private_visit(event: Event) -> bool:
    """A visit or meeting whose visitors are all known to be private people, businesses or
    the press ("2.8 million Chinese tourists traveled to Vietnam"): no diplomacy, whatever
    country they go to."""
    return (
        event.type == "CONSULT"
        and bool(event.actor)
        and all(party.sector and not is_political(party) for party in event.actor)
    )


def _newsgathering(event: Event) -> bool:
    """The press asking, interviewing or inquiring ("asked by a reporter whether ...", "a VOA
    request for comment") is how news is made, not a political event, whoever is asked."""
    return (
        event.type in _ASKING
        and bool(event.actor)
        and all(party.sector == "MED" for party in event.actor)
    )


def _collective(event: Event) -> bool:
    """Violence, coercion or protest by a group or by someone unnamed ("at least five people
    were killed"): the stuff of conflict data. By a named person it is crime. Such events
    count for their sentence but do not make an article political (``document_relevance``)."""
    return not any(p.kind == "person" for p in event.actor)


def document_relevance(
    events: Sequence[Event], actors: Sequence[Actor], words: int, lede_end: int, topic: float
) -> float:
    """How surely the article is about political events (see the module docstring);
    ``topic``: the learned chance that it is world news (``herald.events.topic``)."""
    signals = (_event_signal(events, lede_end, words), _actor_signal(actors, words), topic)
    return round(sum(signals) / len(signals), 3)


def _event_signal(events: Sequence[Event], lede_end: int, words: int) -> float:
    """How densely the article tells surely political events (``POLITICAL_EVENTS_PER_100_WORDS``
    counts fully), or a political event in the lede (evidence starting before ``lede_end``).
    A density, not a share of the events: dropping an event that is not political (a junk
    "supplying instruments" read as aid) must not make a science story more political."""
    political = [e for e in events if e.relevance > _COLLECTIVE]
    in_lede = any(e.evidence.start < lede_end for e in political)
    density = 100 * len(political) / max(words, 1)
    return max(min(1.0, density / POLITICAL_EVENTS_PER_100_WORDS), _ACTING if in_lede else 0.0)


def _actor_signal(actors: Sequence[Actor], words: int) -> float:
    """Mentions of political actors other than countries per hundred words, scaled to 0..1.
    Countries acting ("Russia warned ...") count through the event signal."""
    mentions = sum(
        len(actor.mentions)
        for actor in actors
        if actor.kind != "country" and actor.sector in POLITICAL_SECTORS
    )
    density = 100 * mentions / max(words, 1)
    return min(1.0, density / POLITICAL_MENTIONS_PER_100_WORDS)


def judge_relevance(
    doc: Document,
    parsed: ParsedText,
    actors: Sequence[Actor],
    events: Sequence[Event],
    keep_all: bool = False,
) -> tuple[Document, tuple[Event, ...]]:
    """The document with its relevance, and the events to keep: all of them with
    ``keep_all``, else the political events of a political document."""
    lede = end_of_sentences(parsed, LEDE_SENTENCES)
    # an accident's toll first: the dead and hurt of a flood tell no conflict to rescue from
    events = relief_in_conflict(tolls_of_accidents(events, parsed, lede))
    topic = world_affairs_score(article_words(doc.title, doc.text))
    relevance = document_relevance(events, actors, len(doc.text.split()), lede, topic)
    doc = replace(doc, relevance=relevance)
    events = mark_lead(events, end_of_sentences(parsed, LEAD_SENTENCES))
    if keep_all:
        return doc, tuple(events)
    if relevance < DOCUMENT_THRESHOLD and len(parsed.sentences) >= MIN_SENTENCES:
        return doc, ()
    return doc, tuple(e for e in events if e.relevance >= EVENT_THRESHOLD and _occurs(e))


def relief_in_conflict(events: Sequence[Event]) -> list[Event]:
    """Rescues and evacuations by no one named are the other side of a conflict
    (``_relief``) only in an article that tells one: after a fireworks barge caught fire,
    "the crowd was evacuated" is no political event. Captives freed stay: a release ends
    a detention, which is political whoever holds it."""
    if any(e.type in _MATERIAL_CONFLICT and e.relevance >= _COLLECTIVE for e in events):
        return list(events)
    return [
        replace(e, relevance=_NONE)
        if _relief(e) and e.trigger.text.lower().startswith(_RESCUE_WORDS)
        else e
        for e in events
    ]


def tolls_of_accidents(events: Sequence[Event], parsed: ParsedText, lede_end: int) -> list[Event]:
    """The dead and hurt that no hand is named for, in a story whose lede tells an accident or
    a disaster (cue kinds ``mishap`` and ``hazard``: a plane crash, a ship's collision, an
    earthquake; a craft striking a thing) and that names no one doing violence, are its toll,
    no political event: "Police say 27 people are injured" after a tourist ship hit a bridge,
    and any harm told with no one doing it. So is an inquiry into no one in such a story:
    "officials are investigating what caused the crash" looks for a cause, not for a
    culprit. So is the arrest of a private person there: "police arrested a man suspected of
    driving under the influence" after a car hit a pedestrian is the law's course after an
    accident. The sentence alone cannot tell it (``triggers`` reads the accident when the
    sentence names it)."""
    if any(e.type in _MATERIAL_CONFLICT and e.actor and not _private_arrest(e) for e in events):
        return list(events)
    if not _tells_accident(parsed, lede_end):
        return list(events)
    return [
        replace(e, relevance=_NONE) if _toll(e) or _inquiry(e) or _private_arrest(e) else e
        for e in events
    ]


def _toll(event: Event) -> bool:
    """Harm with no one named who did it: the dead and hurt counted, or what the accident
    did ("the boat shooting the fireworks")."""
    return event.type == "ASSAULT" and not event.actor


def _private_arrest(event: Event) -> bool:
    """An arrest of private people only (no party of a political sector or a country)."""
    return (
        event.type == "COERCE"
        and event.mode == "arrest"
        and bool(event.recipient)
        and all(p.sector in (None, "CVL") and not p.country for p in event.recipient)
    )


def _inquiry(event: Event) -> bool:
    """An investigation of no party: of what happened, not of whom."""
    return event.type == "ACCUSE" and event.mode == "investigate" and not event.recipient


def _tells_accident(parsed: ParsedText, lede_end: int) -> bool:
    # a name is no accident ("North Korea's Storm Corps"), and a hazard is a thing, not a
    # deed ("gunmen stormed a village")
    return any(
        (lemma in cues("mishap") or (lemma in cues("hazard") and t.pos == "NOUN"))
        and t.pos != "PROPN"
        and not t.ent_type
        and not _figurative(parsed, t)
        for t in parsed.tokens
        if t.idx < lede_end and (lemma := t.lemma.lower())
    ) or any(
        _industrial_blast({t.lemma.lower() for t in parsed.tokens[s.start : s.end]})
        or _collision(parsed, index)
        for index, s in enumerate(parsed.sentences)
        if s.start_char < lede_end
    )


def _collision(parsed: ParsedText, sentence: int) -> bool:
    """A sentence that tells a craft of no force striking a thing ("a tourist ship has struck
    a highway bridge")."""
    view = SentenceView.of(parsed, sentence)
    return any(
        craft_strikes_a_thing(view, t.i, view.children(t.i, "nsubj"))
        for t in parsed.tokens[view.start : view.end]
        if t.pos == "VERB"
    )


def _figurative(parsed: ParsedText, token: Token) -> bool:
    """A mishap or hazard "of" something other than a craft is a figure of speech or a
    disclosure: "a leak of documents", "a flood of refugees", "a storm of criticism"; not
    "the crash of a small plane" (cue kind ``conveyance``)."""
    return any(
        obj.lemma.lower() not in cues("conveyance")
        for prep in parsed.children(token.i)
        if prep.dep == "prep" and prep.lemma.lower() == "of"
        for obj in parsed.children(prep.i)
        if obj.dep == "pobj"
    )


def _industrial_blast(lemmas: set[str]) -> bool:
    """A sentence that tells something blowing up where fuel or an installation is and no
    weapon: "workers were hurt when a tank at the gas plant exploded", "a cooking gas
    container exploded" (cue kinds ``explosion``, ``installation``, ``fuel``; a bomb, a
    shell or a grenade, cue kind ``projectile``, makes it an attack)."""
    return (
        bool(lemmas & cues("explosion"))
        and bool(lemmas & (cues("installation") | cues("fuel")))
        and not lemmas & (cues("projectile") | cues("explosive"))
    )


def _occurs(event: Event) -> bool:
    """Whether the event happened, happens or is planned: a hypothetical one (a condition,
    a possibility, what someone can do) or a negated one ("Russia has not agreed to the
    ceasefire", "no passengers were killed") is kept only with ``all_events``."""
    return event.modality not in ("hypothetical", "negated")


def end_of_sentences(parsed: ParsedText, count: int) -> int:
    """The character offset where the text's first ``count`` sentences end."""
    return parsed.sentences[:count][-1].end_char if parsed.sentences else 0


def mark_lead(events: Sequence[Event], lede_end: int) -> list[Event]:
    """The article's lead events marked: the political events its lede tells (news says
    first what it is about), else its first political event; events that happen or are
    planned, not what may happen or did not ("may seek a nuclear body")."""
    occurring = [e for e in events if _occurs(e)]
    # in the lede, a deed done to someone by an unnamed hand counts too ("the gang leader
    # was killed in a gun battle with police"): what the story is about, told first
    lede = [e for e in occurring if e.relevance >= _COLLECTIVE and e.evidence.start < lede_end]
    lead = lede or [e for e in occurring if e.relevance > _COLLECTIVE][:1]
    chosen = {id(e) for e in lead}
    return [replace(e, lead=True) if id(e) in chosen else e for e in events]
