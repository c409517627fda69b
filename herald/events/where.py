"""events.where: every event's place by a ladder of evidence, each rung named in
``where.basis`` so that users can keep only the places they trust.

1. ``governs``: a place that governs the trigger ("talks in Jeddah", "the Vancouver meeting";
   ``herald.events.place``), or the place a visit goes to ("Putin visited China"), the
   surest;
   ``home``: for a deed a government does at home (a test, an arrest, a ban), the town or
   province that does it ("Although Bali banned the trade", "Ankara testing a system");
   ``seat``: for the act of a body that sits in one city (``seats_of_bodies.csv``: the U.N.
   Security Council in New York, the international courts at The Hague), that city;
2. ``sentence``: a town, district or province of the same sentence that none of the event's
   parties names, that does not stand for its government ("Kabul pledged",
   ``herald.events.place.acting_places``), that stands where something can happen (after
   "in", "at", "near", the goal of a journey; not "angering Pyongyang" nor "Senator Lopez
   of Nevada": ``herald.events.place.loose_places``) and that the sentence does not tell
   for another event ("supported the decision, but the attacks in Cologne changed their minds",
   ``herald.events.place.foreign_places``; no later rung carries such a town to it either)
   ("Gunmen stormed a hotel on Tuesday ... in Beledweyne");
3. ``previous``: for a deed (a material event), the town of the deed told just before
   (within about two sentences), when its own sentence gave one: news names the town once
   and goes on;
   ``scene``: for a deed, the town of the deed the lede tells (the story's scene);
4. ``dateline``: the place the article is filed from ("MOGADISHU —"), for news told from the
   scene;
5. ``article``: the town, district or province the article names most often (twice or more),
   for the events of a story set in one place (a city or a state only if the lede names
   it or the article three times: "the New York businessman" sets no scene; for words,
   here and below, only in a country of a speaker: "South Korea condemned" is not said in
   Pyongyang, nor in North Korea);
   ``home``: for a coercion by a state's organ (police, a ministry, an intelligence agency),
   that state's country, where the article names it;
6. ``sentence``: for a deed, the one country its sentence puts it in, none of its parties
   naming it ("the opposition leader in Tanzania was shot");
7. ``article``: the country the article names most often (twice or more).

An event the text dates in a year before the article's (background: "the 1999 shooting")
takes no rung of the story's setting (3, 4 and the article's town of 5): it happened
wherever it happened, not where the story is filed or set.

A measure one state takes against another (a sanction, a tariff, an embargo) takes no place
in its target's country at any rung but ``governs``: it is decided where its actor is.

A country of the sentence comes this late because it is as often the topic ("discuss the
crises in Ukraine") as the place: it only beats the article's country.

Finer places come first because a country is where most places of a story are: the
analyst who wants "Beledweyne" learns little from "Somalia", yet "Somalia" beats nothing.

A dateline is no part of ``Document.text`` (the cleaner splits it off into
``Document.dateline``): a dateline place has ``start == end == 0``, and so has a seat.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from herald.data_files import read_rows
from herald.events.plover import plover_types
from herald.events.when import own_time
from herald.places.gazetteer.lookup import best, dateline_entry
from herald.places.mentions import place_kinds
from herald.places.stage import entry_place
from herald.records import ActorRef, Document, Event, Place
from herald.time.partial import bounds

MIN_ARTICLE_MENTIONS = 2
# How far back (in characters, about two sentences) a town told for an earlier event carries.
CARRY_CHARS = 400
_OWN_BASES = frozenset({"governs", "sentence", "previous"})
# Places too wide to say where an event happened when a finer one is at hand.
COARSE = frozenset({"country", "continent", "region", None})


@dataclass(frozen=True, slots=True)
class Setting:
    """What the ladder reads of the article besides its places.

    ``lede_end``: where the article's lede ends (character offset), whose deed's town is the
    story's scene. ``acting``: the mentions that stand for a government ("Moscow
    denounced"), no place of their sentence's events, though they still count towards the
    article's places. ``foreign``: by trigger start, the places its sentence tells for
    another event (``herald.events.place.foreign_places``). ``loose``: the mentions the
    parse puts in no locative position ("angering Pyongyang",
    ``herald.events.place.loose_places``), no place of their sentence's events unless they
    govern the trigger."""

    lede_end: int = 0
    acting: frozenset[Place] = frozenset()
    foreign: Mapping[int, frozenset[Place]] = field(default_factory=dict)
    loose: frozenset[Place] = frozenset()


def place_events(
    events: Sequence[Event],
    doc: Document,
    places: Sequence[Place],
    setting: Setting = Setting(),
) -> list[Event]:
    """The events with a place wherever a rung of the ladder gives one."""
    towns = [p for p in places if p.feature not in COARSE]
    countries = [p for p in places if p.feature == "country"]
    located = [p for p in places if p not in setting.acting]
    dateline, country = dateline_place(doc.dateline), main_place(countries)
    town = _story_town(towns, setting.lede_end)
    placed: list[Event] = []
    scene: Place | None = None
    for event in events:
        foreign = setting.foreign.get(event.trigger.start, frozenset())
        own = _own_located(located, foreign)
        local = _local_place(event, places, [p for p in own if p not in setting.loose])
        home = _home_country(event, countries)
        # the story's own setting (the deed before, the scene, the dateline, its town)
        setting_rungs = (_previous_place(event, placed), scene, dateline, town)
        rungs = (
            *_own_rungs(local, _acting_home(event, setting.acting), _seat(event)),
            *(setting_rungs if not _of_an_earlier_year(event, doc) else ()),
            home,
            _sentence_country(event, own),
            country,
        )
        apart = _told_apart(foreign)
        where = next(
            (rung for rung in rungs if rung is not None and _fits(event, rung, apart)), None
        )
        placed.append(replace(event, where=where) if where is not None else event)
        if scene is None and _sets_scene(event, local, setting.lede_end):
            scene = replace(local, basis="scene")  # type: ignore[arg-type]
    return placed


# Rungs that read the event's own sentence: the people a deed is done to there are of its
# country.
_SENTENCE_BASES = frozenset({"governs", "sentence", "home"})


def of_the_place(event: Event) -> Event:
    """The event with the unnamed groups a deed is done to in a place of its own sentence
    ("arresting political opponents" in Haiti, "killing 12" in Cairo), and the crowd that
    protests there, given that place's country, when the text gives them none: event data
    code them so (PLOVER, ICEWS: "Haiti opposition"), as ``record._crowd_of`` does a crowd
    with no name. A named party or a person keeps what the text says of them. Applied after
    relevance is judged: a country so given says where, not that the event is political."""
    where = event.where
    if where is None or where.basis not in _SENTENCE_BASES or where.country is None:
        return event
    if not _material(event):
        return event
    recipients = tuple(_localised(ref, where.country) for ref in event.recipient)
    actors = event.actor
    if event.type == "PROTEST":
        actors = tuple(
            _localised(ref, where.country) if ref.sector == "CVL" else ref for ref in actors
        )
    return replace(event, actor=actors, recipient=recipients)


def _localised(ref: ActorRef, country: str) -> ActorRef:
    """``ref`` of ``country`` when it is a group of people with none of its own: not armed
    forces, which as often fight abroad ("its soldiers were killed in shelling in Idlib"),
    nor a thing ("banned large bags"); a count is of people ("killing 12")."""
    if ref.country is not None or ref.kind != "group" or ref.sector in _ABROAD:
        return ref
    if ref.sector is None and not _COUNT.match(ref.text):
        return ref
    return replace(ref, country=country)


# Sectors of parties often abroad, and international ones.
_ABROAD = frozenset({"MIL", "IGO", "NGO", "UAF"})
_COUNT = re.compile(r"^(?:more than |at least |nearly |about |some |over )?(?:\d|dozens\b|"
                    r"hundreds\b|thousands\b|scores\b)", re.IGNORECASE)  # fmt: skip


def _story_town(towns: Sequence[Place], lede_end: int) -> Place | None:
    """The article's town, unless it is a city or a state named only twice, both times
    after the lede: a city or state named so is more often where someone comes from or
    works ("the New York businessman", "a Cleveland debate") than the setting of the story's
    events. Provinces and districts are not held to it: a province a story names twice is
    its theatre ("clashes in Ghazni")."""
    town = main_place(towns)
    if town is None or town.feature in _THEATRES:
        return town
    mentions = [p for p in towns if p.name == town.name]
    if len(mentions) < 3 and not any(p.start < lede_end for p in mentions):
        return None
    return town


# Divisions whose naming sets a story's scene even when named only twice (places.gazetteer
# features: the world table's first-level and lower divisions).
_THEATRES = frozenset({"province", "district"})


def _told_apart(foreign: frozenset[Place]) -> frozenset[tuple[int, int]]:
    """Where the places an event's sentence tells for another event (``foreign``) are: no
    rung carries them to this one either ("arrested five men who attacked a hotel in
    Kismayo, and the army later bombed militant camps": the bombing is not in Kismayo by the
    arrest's town)."""
    return frozenset((p.start, p.end) for p in foreign)


def _own_located(located: Sequence[Place], foreign: frozenset[Place]) -> list[Place]:
    """The places that may locate an event from its sentence: those that do not stand for a
    government (``located``), but those its sentence tells for another event."""
    return [p for p in located if p not in foreign]


# Sectors of the organs of a state: what they do to people by force they do at home.
_STATE_ORGANS = frozenset({"GOV", "COP", "JUD", "SPY", "MIL", "LEG"})


def _own_rungs(
    local: Place | None, home: Place | None, seat: Place | None
) -> tuple[Place | None, ...]:
    """A place governing the trigger first, then the seat of the body or of the government
    that does the deed, then the nearest town of the sentence: "Turkish media report Ankara
    testing a Russian anti-aircraft system, despite threats of Washington sanctions" is in
    Ankara, and "after a bombing in Kabul, the Security Council imposed sanctions" was
    decided in New York."""
    if local is not None and local.basis == "governs":
        return local, seat, home
    return seat, home, local


@functools.cache
def _seats() -> dict[str, Place]:
    """The city each sited body acts in, by the body's actor name (seats_of_bodies.csv)."""
    return {
        row["body"]: entry_place(row["seat"], 0, 0, best(row["seat"]))
        for row in read_rows("places/seats_of_bodies.csv")
    }


def _seat(event: Event) -> Place | None:
    """For the act of a body that sits in one city, when a body of that city is its only
    actor: that city, whatever country the story is about ("the Security Council imposed
    sanctions on North Korea" was decided in New York, not in Pyongyang; the International
    Court of Justice rules at The Hague). The place's text is the body's name, the words that
    tell it; like a dateline's, its offsets are 0, since the city is not in the text."""
    seats = {_seats().get(party.name) for party in event.actor}
    if len(seats) != 1 or (seat := seats.pop()) is None:
        return None
    return replace(seat, text=event.actor[0].name, basis="seat")


# Deeds a government does within its own bounds: tests and drills, arrests, bans.
_DONE_AT_HOME = frozenset({"MOBILIZE", "COERCE", "SANCTION"})


def _acting_home(event: Event, acting: frozenset[Place]) -> Place | None:
    """For a deed done at home, the town or province of its sentence that does it ("Although
    Bali banned the trade", "Ankara testing a Russian anti-aircraft system"): a government
    named by its seat tests, arrests and bans there. A country doing it is left to the later
    rungs (a finer place may be told), and so are blows, which land elsewhere."""
    if event.type not in _DONE_AT_HOME:
        return None
    doers = {party.text.lower() for party in event.actor}
    found = (
        p
        for p in _resolved_in_sentence(event, sorted(acting, key=lambda p: p.start))
        if p.feature not in COARSE and p.text.lower() in doers
    )
    place = next(found, None)
    return replace(place, basis="home") if place is not None else None


def _home_country(event: Event, countries: Sequence[Place]) -> Place | None:
    """For a coercion by a state's organ (an arrest, a ban, a raid, a curfew), that state's
    country when the article names it: "the Moroccan counterterror agency broke up a cell"
    happened in Morocco, whatever country the article names most."""
    if event.type != "COERCE":
        return None
    # a party of unknown sector with a country ("the Moroccan counterterror agency") too
    homes = {
        p.country for p in event.actor if p.country and (p.sector in _STATE_ORGANS or not p.sector)
    }
    found = next((c for c in countries if c.country in homes and c.name is not None), None)
    return replace(found, basis="home") if found is not None else None


def _sets_scene(event: Event, local: Place | None, lede_end: int) -> bool:
    """Whether the event is the lede's deed with a town of its own: "Security forces killed
    six attackers who laid siege to a hotel in the central town of Beledweyne" sets where
    the story's later deeds happen, unless they say otherwise."""
    return (
        local is not None
        and local.feature not in COARSE
        and event.evidence.start < lede_end
        and _material(event)
    )


def _local_place(event: Event, places: Sequence[Place], located: Sequence[Place]) -> Place | None:
    """The place the event's own sentence gives it: one governing its trigger, the place
    visited (a host too: "France hosted the talks"), else the nearest town of the sentence
    among ``located``, the places that do not stand for a government."""
    if event.where is not None:
        return replace(event.where, basis="governs")
    visited = _visited_place(event, places)
    if visited is not None:
        return visited
    found = sentence_places(event, located)
    near_town = next((p for p in found if p.feature not in COARSE), None)
    return replace(near_town, basis="sentence") if near_town is not None else None


def _sentence_country(event: Event, places: Sequence[Place]) -> Place | None:
    """For a deed, the one country its sentence puts it in ("in Tanzania"), none of its
    parties naming it, as a last resort before the article's: in a story that names no town
    for it, "the leader of the opposition in Tanzania was shot" happened in Tanzania, whatever
    country the article names most. Words and visits are left out: what is said, discussed
    or visited for names its topic ("discuss the crises in Ukraine", "his visit comes amid a
    rift on North Korea"), and a country after another preposition is a goal ("left Abuja for
    Germany") as often as a place. (On the dev articles, where right: 0.631 before, 0.643
    with this; with any event's country, 0.655, but topics became places.)"""
    if not _material(event):
        return None
    found = [
        p
        for p in sentence_places(event, places)
        if p.feature == "country" and _after_locative(event, p)
    ]
    if len({p.name for p in found}) != 1:
        return None
    return replace(found[0], basis="sentence")


# Prepositions that put what follows them at a place ("shot in Tanzania"), not a goal ("left
# for Germany") or a topic ("pressure on Iran").
_LOCATIVES = frozenset({"in", "inside", "across", "throughout", "within", "near"})


def _after_locative(event: Event, place: Place) -> bool:
    """Whether the word before the place, in the event's sentence, is a locative preposition."""
    return _word_before(event, place) in _LOCATIVES


def _word_before(event: Event, place: Place) -> str:
    """The word before a place of the event's sentence, in lower case ("" at its start)."""
    before = event.evidence.sentence[: place.start - event.evidence.start].split()
    return before[-1].lower() if before else ""


def _visited_place(event: Event, places: Sequence[Place]) -> Place | None:
    """The place a visit goes to when the text names it as the one visited ("Putin visited
    China", "Ishiba visited Taiwan"): the recipient of the visit and where it happened, or
    the name that opens it ("a visit to a Normandy beach", "visited the Kabul airport")."""
    if event.type != "CONSULT" or event.mode != "visit":
        return None
    visited = [party.text.lower() for party in event.recipient]
    found = (
        p
        for p in _resolved_in_sentence(event, places)
        if any(_names_or_opens(p.text.lower(), party) for party in visited)
    )
    place = next(found, None)
    return replace(place, basis="governs") if place is not None else None


def _names_or_opens(place: str, party: str) -> bool:
    """Whether a party is the place or a thing of it, named by a common noun after it ("a
    Normandy beach"); a kind of place after it makes another name ("the Sunshine state")."""
    if not party.startswith(f"{place} "):
        return party == place
    noun = party[len(place) + 1 :]
    return " " not in noun and noun not in place_kinds()


def _previous_place(event: Event, placed: Sequence[Event]) -> Place | None:
    """The town of the event told just before, when its sentence gave one and it ends at
    most ``CARRY_CHARS`` before this one, both being deeds: news names the town once and goes
    on ("Gunmen stormed a hotel in Beledweyne. ... Seven people were killed.")."""
    if not _material(event):
        return None
    for earlier in reversed(placed):
        where = earlier.where
        if where is None or where.basis not in _OWN_BASES or where.feature in COARSE:
            continue
        if event.evidence.start - earlier.evidence.end > CARRY_CHARS or not _material(earlier):
            return None
        return replace(where, basis="previous")
    return None


def _material(event: Event) -> bool:
    """A deed done somewhere (an attack, an arrest, aid delivered), not words: a statement
    after a report of an attack is seldom made where the attack was."""
    return plover_types()[event.type].quad.startswith("material")


def _of_an_earlier_year(event: Event, doc: Document) -> bool:
    """Whether the text dates the event in a year, or a decade, before the article's:
    background ("the 1999 shooting", "a treaty signed in the 1970s") happened wherever it
    happened, not where the story is filed or set, so only its own sentence places it."""
    own = own_time(event.when)
    dated = bounds(own.value) if own is not None else None
    published = bounds(doc.published.value) if doc.published is not None else None
    # "in the 1990s" (value "199") is as much an earlier year as "in 1999"
    return dated is not None and published is not None and dated[1].year < published[0].year


def _fits(event: Event, place: Place, apart: frozenset[tuple[int, int]]) -> bool:
    """A place of the event's own sentence, or its body's seat, fits it; a town carried from
    before, the dateline or the article's main place only when one of its parties belongs to
    that country (for words, one of its actors), or none has a country: North Korea's test
    does not happen in Vancouver because the article is about a meeting there. None fits
    whose mention its sentence tells for another event (``apart``), nor, for a measure
    against a state, one in that state's country, unless it governs the trigger."""
    if place.basis in ("governs", "seat"):
        return True
    if (place.start, place.end) in apart or _in_the_targets_country(event, place):
        return False
    if place.basis == "sentence":
        return True
    if place.basis == "scene" and not _material(event):
        return False
    if (speakers := _speakers_countries(event)) is not None:
        return place.country in speakers
    countries = {p.country for p in (*event.actor, *event.recipient) if p.country}
    return not countries or place.country in countries


def _in_the_targets_country(event: Event, place: Place) -> bool:
    """Whether a measure one state takes against another (a sanction, a tariff, an embargo,
    cut ties, expelled envoys) would be placed in its target's country: "Washington imposed
    sanctions on North Korea" was decided in Washington, and North Korea, however often the
    article names it, is what the measure is aimed at. A court's sentence or fine, and a
    withdrawal of peacekeepers, happen where their party is."""
    if event.type != "SANCTION" or {"legal", "peacekeeping"} & set(event.contexts):
        return False
    targets = {p.country for p in event.recipient if p.country}
    return place.country in targets - {p.country for p in event.actor if p.country}


def _speakers_countries(event: Event) -> set[str] | None:
    """For words (a statement, a demand, a threat), the countries of its actors, if any: a
    place not in one of them is no place of the words. "South Korea condemned North Korea"
    was said in Seoul, not in Pyongyang nor anywhere in North Korea, however often the
    article names them: the country words speak of is their topic (on the unlabelled dev
    news, each of the 17 statements this took out of the country of their recipient had been
    said elsewhere; one dev gold call for a government "in Syria" was placed there by its
    coder). Meetings and visits are left out: they happen at either party's."""
    if _material(event) or event.type == "CONSULT":
        return None
    return {p.country for p in event.actor if p.country} or None


def sentence_places(event: Event, places: Sequence[Place]) -> list[Place]:
    """The resolved places of the event's sentence that none of its parties names ("sanctions
    on Russia" do not happen in Russia) and that do not speak or own ("Seoul said", "Kyiv's
    air force said": a capital standing for its government), nearest the trigger first."""
    parties = [p.text.lower() for p in (*event.actor, *event.recipient)]
    inside = [
        place
        for place in _resolved_in_sentence(event, places)
        if not any(place.text.lower() in party for party in parties)
        and not _speaks_or_owns(event, place)
    ]
    return sorted(inside, key=lambda p: abs(p.start - event.trigger.start))


# What follows a place that stands for its government: its voice or its possessions.
_VOICE = frozenset({
    "said", "says", "told", "tells", "announced", "announces", "reported", "reports",
    "warned", "warns", "added", "stated", "claimed", "claims", "insisted",
})  # fmt: skip
_POSSESSIVE = ("'s", "\u2019s")


# Words before a place that make it the object of a phrase, not a subject that speaks or a
# possessor that owns: "women in the city of Cologne reported", "in Kyiv's suburbs".
_PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "near", "outside", "inside", "across"})


def _speaks_or_owns(event: Event, place: Place) -> bool:
    after = event.evidence.sentence[place.end - event.evidence.start :].split()
    if not after or _word_before(event, place) in _PLACE_PREPOSITIONS:
        return False
    word = after[0].lower().strip(",.;:")
    return word in _VOICE or word.startswith(_POSSESSIVE)


def _resolved_in_sentence(event: Event, places: Sequence[Place]) -> list[Place]:
    """The places of the event's evidence sentence that the gazetteer resolved."""
    return [
        place
        for place in places
        if event.evidence.start <= place.start < event.evidence.end and place.name is not None
    ]


def dateline_place(dateline: str | None) -> Place | None:
    entry = dateline_entry(dateline)
    if dateline is None or entry is None:
        return None
    return replace(entry_place(dateline, 0, 0, entry), basis="dateline")


def main_place(places: Sequence[Place]) -> Place | None:
    """The resolved place the article names most often, when it names it at least twice;
    the first of the most named on ties (text order)."""
    resolved = [p for p in places if p.name is not None]
    counts = Counter(p.name for p in resolved)
    if not counts:
        return None
    top = max(counts.values())
    if top < MIN_ARTICLE_MENTIONS:
        return None
    first = next(p for p in resolved if counts[p.name] == top)
    return replace(first, basis="article")
