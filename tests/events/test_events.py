"""The events stage on parsed sentences with hand-built actors, and on the demo article."""

from __future__ import annotations

import re

import pytest

import herald
from herald.events.stage import find_events
from herald.parse.model import parse
from herald.places.stage import find_places
from herald.records import Actor, Document, Event, Mention, Place, TimeValue

PUBLISHED = TimeValue("Dec. 18, 2017", "2017-12-18", "day", "absolute")


def mentions(text: str, *phrases: str) -> tuple[Mention, ...]:
    found = []
    for phrase in phrases:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text):
            found.append(Mention(phrase, match.start(), match.end()))
    return tuple(found)


def actor(text: str, n: int, name: str, kind: str, country: str | None, *phrases: str) -> Actor:
    return Actor(
        actor_id=f"t:a{n}",
        doc_id="t",
        name=name,
        kind=kind,  # type: ignore[arg-type]
        country=country,
        mentions=mentions(text, *(phrases or (name,))),
    )


def timex(text: str, phrase: str, value: str, precision: str, nth: int = 0) -> TimeValue:
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][nth]
    return TimeValue(phrase, value, precision, "relative", start=start, end=start + len(phrase))  # type: ignore[arg-type]


def places(text: str, **features: str) -> list[Place]:
    return [
        Place(name, m.start(), m.end(), name=name, feature=feature)
        for name, feature in features.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]


def events_of(text: str, actors=(), timexes=(), where=()) -> tuple[Event, ...]:
    doc = Document(doc_id="t", id="t", source="test", text=text, published=PUBLISHED)
    return find_events(doc, parse(text), list(actors), list(timexes), list(where), [])


def types(text: str) -> list[str]:
    """The types of every event ``herald.extract`` finds in ``text``, whole pipeline."""
    return [e.type for e in herald.extract(text, date="2017-08-30", all_events=True).events]


def only(events: tuple[Event, ...], ptype: str) -> Event:
    found = [e for e in events if e.type == ptype]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def names(refs) -> list[str]:
    return [r.name for r in refs]


# --------------------------------------------------------------------------- sentences


def test_passive_voice_swaps_actor_and_recipient() -> None:
    text = "Dozens of Palestinians were arrested by Israeli soldiers on Saturday."
    israel = actor(text, 1, "Israeli soldiers", "group", "ISR")
    event = only(events_of(text, [israel]), "COERCE")
    assert event.mode == "arrest"
    assert names(event.actor) == ["Israeli soldiers"]
    assert event.actor[0].actor_id == "t:a1"
    assert [r.text for r in event.recipient] == ["Palestinians"]  # "Dozens of" is a count
    assert event.cameo == "173"


def test_coordinated_subjects_are_all_actors() -> None:
    text = "Canada and the United States will co-host the meeting in Vancouver in January."
    cast = [
        actor(text, 1, "Canada", "country", "CAN"),
        actor(text, 2, "United States", "country", "USA", "the United States"),
    ]
    when = [timex(text, "January", "2018-01", "month")]
    event = only(events_of(text, cast, when, places(text, Vancouver="city")), "CONSULT")
    assert names(event.actor) == ["Canada", "United States"]
    assert event.trigger.text == "co-host"
    assert event.modality == "planned"
    assert event.where is not None and event.where.name == "Vancouver"
    assert event.when is not None and event.when.text == "January"


def test_request_frame_absorbs_the_requested_event_and_takes_its_recipient() -> None:
    text = "Archbishop Desmond Tutu on Sunday called for sanctions against Nigeria."
    events = events_of(text)
    assert [e.type for e in events] == ["REQUEST"]
    assert events[0].mode == "change"
    assert [r.text for r in events[0].recipient] == ["Nigeria"]
    assert events[0].recipient[0].actor_id is None  # not an actor of the actors stage
    # the demand's "that" clause, hung on the verb once a word comes between them
    text = "The council renewed its demand yesterday that Russia withdraw its troops."
    demand = events_of(text)
    assert [e.type for e in demand] == ["REQUEST"]
    assert [r.text for r in demand[0].recipient] == ["Russia"]
    assert events[0].recipient[0].kind == "country"


def test_speech_verb_is_not_an_event_but_its_content_is() -> None:
    events = events_of("Officials said that Iran attacked Iraq last week.")
    assert [(e.type, e.trigger.text) for e in events] == [("ASSAULT", "attacked")]
    assert [r.text for r in events[0].actor] == ["Iran"]
    assert [r.text for r in events[0].recipient] == ["Iraq"]


def test_speaker_saying_someone_must_act_is_a_request() -> None:
    text = "The British minister said that Libya must hand over the bombers."
    event = only(events_of(text), "REQUEST")
    assert [r.text for r in event.actor] == ["British minister"]
    assert [r.text for r in event.recipient] == ["Libya"]
    # what must be done, by whoever can: still asked
    assert only(events_of("The EU said military intervention must be avoided."), "REQUEST")


def test_saying_what_should_be_true_asks_nothing_of_anyone() -> None:
    said = '"Immunity deals should not be a requirement for a hearing," the chairman said.'
    assert not [e for e in events_of(said) if e.type == "REQUEST"]
    ours = '"We should throw as many wrenches into the works as possible," the minister said.'
    assert not [e for e in events_of(ours) if e.type == "REQUEST"]
    # a passive asks it of whoever can, but not of "you" or "we"
    yours = '"First, you must be liberated," the opposition leader said.'
    assert not [e for e in events_of(yours) if e.type == "REQUEST"]
    theirs = "The minister said they must be punished."
    assert only(events_of(theirs), "REQUEST")
    # "he" after one speaker is the speaker: saying what one should do asks no one
    assert not events_of("The minister said he must resign.")
    assert only(events_of("Lawmakers said he must resign."), "REQUEST")
    # two speakers joined by "and" are not one: "he" is someone else
    assert only(events_of("Smith and Jones said he must resign."), "REQUEST")


@pytest.mark.parametrize("verb", ["contended", "asserted", "argued", "stressed"])
def test_verbs_of_claiming_report_a_request(verb: str) -> None:
    (request,) = events_of(f"The minister {verb} that Iran must release the prisoners.")
    assert request.type == "REQUEST" and names(request.recipient) == ["Iran"]


def test_what_is_asked_for_is_no_one_asked() -> None:
    peace = only(
        events_of("In his address, the leader called for peace on the peninsula."), "REQUEST"
    )
    assert not peace.recipient
    repeal = only(
        events_of("The senator has called for the complete repeal of the law."), "REQUEST"
    )
    assert not repeal.recipient
    text = "The secretary-general called on the North Korean leadership to cease testing."
    asked = only(events_of(text), "REQUEST")
    assert [r.text for r in asked.recipient] == ["North Korean leadership"]


def test_a_phrase_before_a_verb_is_not_its_particle() -> None:
    # "On a site ..., called the Liberty Front": a name given, no "called on" anyone
    text = (
        "On a site set up on Monday, called the Liberty Front, run by a group of activists, "
        "a message included a single word."
    )
    assert not [e for e in events_of(text) if e.type == "REQUEST"]
    text = "On Monday, the president called on Congress to act."
    assert names(only(events_of(text), "REQUEST").recipient) == ["Congress"]


def test_telling_someone_to_act_is_a_request_to_them() -> None:
    text = "The governor told city officials to draft a ban on the trade."
    event = only(events_of(text), "REQUEST")
    assert [r.text for r in event.actor] == ["governor"]
    assert [r.text for r in event.recipient] == ["city officials"]
    # telling a thing is no request
    assert not [e for e in events_of("The governor told reporters the ban was near.")]


@pytest.mark.parametrize(
    ("sentence", "ptype", "actors", "recipients"),
    [
        # CAMEO 085 (ease economic sanctions, boycott, embargo) is a RETREAT in PLOVER;
        # easing administrative restrictions (081) stays a CONCEDE
        ("The United States lifted its sanctions against Sudan.", "RETREAT", ["United States"],
         ["Sudan"]),
        ("Japan's sanctions on India were lifted on Friday.", "RETREAT", ["Japan"], ["India"]),
        ("Washington rolled back its tariffs last year.", "RETREAT", ["Washington"], []),
        ("Serbia lifted its ban on the Kosovo party.", "CONCEDE", ["Serbia"], ["Kosovo party"]),
        # a military measure lifted is a de-escalation at once (CAMEO 087)
        ("Saudi Arabia lifted its blockade of Yemen.", "RETREAT", ["Saudi Arabia"], ["Yemen"]),
        # suspending one's own protest is a concession, no protest
        ("The protesters ended their hunger strike.", "CONCEDE", ["protesters"], []),
        ("The miners called off their strike against the government.", "CONCEDE", ["miners"],
         ["government"]),
        ("An appeals court overturned the conviction of Smith.", "CONCEDE", ["appeals court"],
         ["Smith"]),
    ],
)  # fmt: skip
def test_lifting_a_measure_undoes_it(
    sentence: str, ptype: str, actors: list[str], recipients: list[str]
) -> None:
    events = events_of(sentence)
    assert [e.type for e in events] == [ptype]
    assert names(events[0].actor) == actors
    assert names(events[0].recipient) == recipients


@pytest.mark.parametrize(
    "sentence",
    [
        "The government provided technical assistance to the police.",
        "Washington supplied Kyiv with air defence weapons.",
        "Aid was delivered to the refugees on Monday.",
        "The money provided by Japan paid for the school.",
        "The bank allocated new loans to the farmers.",
        "Japan shipped medical supplies to the clinics.",
        "The ministry sent a team of doctors, equipment and medicine to the clinic.",
        "Norway gave fifty million dollars to the relief agency.",
    ],
)
def test_giving_aid_is_aid(sentence: str) -> None:
    assert only(events_of(sentence), "AID")


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry provided further details to reporters.",
        "The ship delivered its cargo to the port.",
        "The new charter grants vast powers to the president.",
        "Airbus delivered thirty aircraft to the airline.",
        "The council allocated two seats to the observers.",
        "He said so, according to a translation provided by the SITE Intelligence Group.",
        "The guards are there to give the visitors a sense of security.",
    ],
)
def test_giving_other_things_is_no_aid(sentence: str) -> None:
    assert not [e for e in events_of(sentence) if e.type == "AID"]


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("The army halted its offensive on the city.", "RETREAT"),
        ("The rebels ceased hostilities on Sunday.", "RETREAT"),
        ("The junta declared a cessation of hostilities in the north.", "RETREAT"),
        ("The two navies held joint drills near the strait.", "COOPERATE"),
        ("The government relaxed the curfew in the capital.", "CONCEDE"),
        ("Jordan reopened its border with Syria.", "CONCEDE"),
        ("Libya gave up its nuclear ambitions for sanctions relief and aid.", "CONCEDE"),
    ],
)
def test_easing_and_joint_operations_are_material_cooperation(sentence: str, ptype: str) -> None:
    assert only(events_of(sentence), ptype)


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States voiced concern over the crackdown on protesters.",
        "The envoy said she was deeply concerned about the mutiny.",
        "The mayor expressed outrage, sympathy and frustration over the attack.",
        "China expressed anger over the arrest of its citizens.",
    ],
)
def test_concern_voiced_over_a_deed_is_disapproval(sentence: str) -> None:
    accuse = only(events_of(sentence), "ACCUSE")
    assert accuse.mode == "disapprove"


@pytest.mark.parametrize(
    "sentence",
    ["The decision concerns the budget of the ministry.", "Security is a matter of concern."],
)
def test_concern_as_a_topic_is_no_accusation(sentence: str) -> None:
    assert not [e for e in events_of(sentence) if e.type == "ACCUSE"]


def test_a_party_of_two_nations_is_one_party_per_nation() -> None:
    both = only(events_of("Senior Hungarian and Romanian officials agreed to cooperate."), "AGREE")
    assert [r.country for r in both.actor] == ["HUN", "ROU"]
    # no coordination, one party: Syrian forces that the United States backs
    backed = only(events_of("U.S.-backed Syrian forces attacked the town."), "ASSAULT")
    assert [r.country for r in backed.actor] == ["SYR"]


def test_delivering_blows_is_an_assault() -> None:
    text = "The rebels threatened to deliver heavy blows to the army."
    threat = only(events_of(text), "THREATEN")
    assert [r.text for r in threat.recipient] == ["army"]


def test_advice_is_no_threat() -> None:
    text = "The consultant warned against hospital care in Vietnam."
    assert not [e for e in events_of(text) if e.type == "THREATEN"]


def test_a_charge_needs_someone_or_something_charged() -> None:
    assert only(events_of("Prosecutors charged the minister on Monday."), "ACCUSE")
    assert only(events_of("The opposition leader was charged with treason."), "ACCUSE")
    assert not events_of("Vietnam charges less than Thailand for surgery.")


def test_a_violent_confrontation_is_an_assault() -> None:
    text = "Dozens were injured in violent confrontations with Israeli police."
    assert "confrontations" in {e.trigger.text for e in events_of(text) if e.type == "ASSAULT"}


def test_things_that_travel_pay_no_visit() -> None:
    assert not events_of("The first batch of Sinovac vaccines arrived in Manila on Sunday.")
    assert not events_of("The train was traveling to Peshawar.")
    assert only(events_of("The delegation traveled to Kyiv."), "CONSULT")
    # people carried somewhere visit no one
    assert not events_of("The freed hostages were flown by helicopter to the capital.")


def test_a_medical_test_is_no_weapons_test() -> None:
    text = (
        "Officials reported a new death, a 70-year-old woman in the county who tested "
        "positive Oct. 3 and died a week later."
    )
    assert not [e for e in events_of(text) if e.type == "MOBILIZE"]
    assert only(events_of("The army tested a new missile on Monday."), "MOBILIZE")


def test_rounding_up_takes_people() -> None:
    assert not events_of("The ministry rounded up a list of the measures it has taken.")
    rounded = only(events_of("Police rounded up dozens of protesters."), "COERCE")
    assert names(rounded.recipient) == ["protesters"]


def test_meeting_what_is_asked_is_no_meeting() -> None:
    assert not events_of("The agency failed to meet the deadline for the report.")
    met = only(events_of("The government met the strikers' demands on Monday."), "CONCEDE")
    assert names(met.recipient) == ["strikers"]
    assert only(events_of("The premier met the strikers on Monday."), "CONSULT")
    # ships that meet at sea hold no talks
    assert not events_of("Some tankers met Norland vessels at sea, the report said.")


def test_armed_forces_that_arrive_are_deployed() -> None:
    assert only(events_of("Russian troops arrived in the border town on Tuesday."), "MOBILIZE")
    assert only(events_of("Hundreds of soldiers traveled to the front."), "MOBILIZE")
    assert only(events_of("The president arrived in Paris on Tuesday."), "CONSULT")


def test_striking_a_deal_is_an_agreement_and_a_tone_no_blow() -> None:
    assert only(events_of("Israel and Hamas struck a deal on Tuesday."), "AGREE")
    assert not events_of("The prime minister struck a conciliatory note in his speech.")
    assert only(events_of("Israeli jets struck targets in Gaza."), "ASSAULT")


def test_a_blow_at_no_body_is_no_attack() -> None:
    assert not events_of("This decision destroys credibility and faith in our justice system.")
    assert not events_of("The grey sky seemed to capture the ambiguity of the day.")
    assert not events_of("The senator attacked the ideology of the movement.")
    assert not events_of("He hopes the Supreme Court strikes down the law.")
    assert only(events_of("Turkish forces shot down two Syrian planes."), "ASSAULT")
    # nor is killing animals political violence
    assert not events_of("Millions of dogs are killed for their meat every year.")
    assert not events_of("Hunters will kill and sacrifice animals during the holiday.")
    assert not events_of("The killing of a gorilla at the zoo triggered outrage.")
    assert not events_of("Spy satellites captured photos of the tankers at sea.")
    # what is filmed or caught on video is recorded, not shot or captured
    assert not events_of("The streak of light was seen across the region and captured on video.")
    assert not events_of("The beverage company's commercial was shot in Mexico.")
    assert only(events_of("The hostages were shot on camera by the militants."), "ASSAULT")
    assert only(events_of("The killing of two soldiers triggered outrage."), "ASSAULT")
    assert only(events_of("Gunmen killed dozens of people in the market."), "ASSAULT")
    assert only(events_of("Soldiers destroyed three tanks near the border."), "ASSAULT")
    assert only(events_of("The army fought against the rebels."), "ASSAULT")


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("Protesters blocked the main road into the capital.", "PROTEST"),
        ("The government blocked access to the messaging app.", "COERCE"),
        ("Police blocked the road to the square.", "COERCE"),
        ("The Senate blocked the bill.", "REJECT"),
    ],
)
def test_what_a_state_blocks_it_restricts_or_rejects(text: str, ptype: str) -> None:
    assert [e.type for e in events_of(text)] == [ptype]


def test_a_law_an_order_or_a_lawsuit_blocked_by_anyone_is_rejected() -> None:
    events = events_of("Republicans sued to block the governor's order.")
    assert [e.type for e in events if e.trigger.text == "block"] == ["REJECT"]


def test_a_strike_at_a_target_is_a_blow_not_a_walkout() -> None:
    struck = "Amid the trade dispute, the army struck a military airport on Monday."
    assert [e.type for e in events_of(struck)] == ["ASSAULT"]
    walkout = "Amid the trade dispute, dock workers struck for higher wages on Monday."
    assert [e.type for e in events_of(walkout)] == ["PROTEST"]
    # a deadly strike is a blow: no walkout is counted by its dead
    deadly = "It was the deadliest strike against the national army in a decade."
    assert [e.type for e in events_of(deadly)] == ["ASSAULT"]


def test_a_hyphened_ing_adjective_tells_no_event() -> None:
    said = (
        "A police spokesman said \u201cher injuries are serious but not thought to be "
        "life-threatening\u201d."
    )
    assert not herald.extract(said, "2020-05-01", all_events=True).events
    assert only(events_of("Russian-backed rebels attacked the town."), "ASSAULT")


def test_a_disease_named_like_a_party_does_not_act() -> None:
    assert not events_of("COVID-19 demands that the state act now.")
    fueling = "The increasing number of COVID-19 cases among voters is fueling demands for Congress"
    fueling += " to help fund mail voting, the group reported Monday."
    found = herald.extract(fueling, "2020-05-01", all_events=True).events
    assert all(party.name != "COVID-19" for event in found for party in event.actor)


def test_harm_done_by_nature_is_no_attack() -> None:
    assert not events_of("The earthquake struck the region on Monday.")
    assert not events_of("Floods destroyed 300 homes and killed 12 people.")
    assert not events_of("Twelve people were killed by the storm.")
    assert only(events_of("Gunmen killed 12 people in the village."), "ASSAULT")


def test_the_toll_of_an_accident_is_no_attack() -> None:
    assert not events_of("A small plane crash on Sunday killed 12 people.")
    assert not events_of("Five soldiers were killed in a helicopter crash on Monday.")
    assert not events_of("The plane crashed in a wooded area, killing all aboard.")
    assert not events_of("Two people were injured when a barge caught fire at the beach.")
    assert not events_of("A tourist ship struck a highway bridge on the Rhine.")
    crash_toll = (
        "Investigators are looking into what caused a charter aircraft to crash in woods "
        "soon after takeoff, killing 10 US citizens."
    )
    assert not events_of(crash_toll)
    # what crashed was sent, or the deed has a doer of its own
    assert only(
        events_of("A drone crashed into an apartment building, killing three people."), "ASSAULT"
    )
    assert only(
        events_of("Gunmen stopped the bus after it crashed, killing 10 passengers."), "ASSAULT"
    )
    assert only(events_of("Israeli jets struck a bridge over the river."), "ASSAULT")


def test_an_installation_that_blows_up_or_leaks_attacks_no_one() -> None:
    assert not events_of("Six people were killed when a chemical plant exploded on Thursday.")
    assert not events_of("A chemical leak at the plant has killed ten people.")
    assert not events_of("One laborer was killed as the boiler of the factory exploded.")
    # a bomb is no installation, and an installation attacked is a target
    bomb = "Five soldiers were killed when a bomb exploded near their convoy."
    assert only(events_of(bomb), "ASSAULT")
    assert only(events_of("Militants attacked the refinery."), "ASSAULT")


def test_a_question_asked_is_no_request() -> None:
    asked = "Asked about the failures, the spokesman said on Thursday that they warrant analysis."
    assert not events_of(asked)
    assert not events_of("He also asked how it was possible that the gunman breached security.")
    pressed = "Pressed on how sure he was, the police chief said the body had been identified."
    assert not [e for e in events_of(pressed) if e.type == "REQUEST"]
    # the question left unsaid: "asked why", "when asked"
    why = "Later, when the freeze was lifted and Reyes was asked why, he said it was not clear."
    assert not [e for e in events_of(why) if e.type == "REQUEST"]
    when = "The budget chief told the Pentagon to keep the freeze when asked in August."
    assert [e.trigger.text for e in events_of(when) if e.type == "REQUEST"] == ["told"]
    # asked to do something, or for something, on some day: a request
    blacklist = "Washington on Thursday asked the Security Council to blacklist 10 ships."
    assert only(events_of(blacklist), "REQUEST")
    assert only(events_of("The minister asked for international help."), "REQUEST")
    assert only(events_of("China demanded that the United States cancel the sale."), "REQUEST")


def test_asking_after_a_quoted_question_is_no_request() -> None:
    assert not events_of('"Why would anyone vote for the governor?" the senator asked.')
    # a quoted plea, or a question before a request of its own, is asked of someone
    assert only(events_of('"Please send the army," the mayor asked.'), "REQUEST")
    ruling = "Is this fair? The senator asked the court to intervene."
    assert only(events_of(ruling), "REQUEST")


def test_support_a_poll_measures_is_no_act_of_support() -> None:
    polled = "When the poll asked about the candidates, Clinton was supported by 42 percent."
    assert not events_of(polled)
    assert not events_of("Trump has just 5 percent support of the black vote in Florida.")
    # a share elsewhere in the sentence measures nothing of the support
    voted = "Russia supported the resolution, which passed with 80 percent of the votes."
    assert only(events_of(voted), "SUPPORT")


def test_testing_people_is_no_weapons_test() -> None:
    assert not events_of("The governor and his wife tested negative for the virus on Sunday.")
    assert not events_of("Health authorities are testing millions of people in the city.")
    assert not events_of("A virus that has killed almost 1.4 million people spread again.")
    assert only(events_of("North Korea tested two long-range rockets on Friday."), "MOBILIZE")
    assert only(events_of("Russia tested the Sarmat on Friday."), "MOBILIZE")


def test_leaving_hospital_frees_no_captive() -> None:
    assert not events_of("Four people were released from hospital on Wednesday.")
    assert only(events_of("The rebels released three hostages on Wednesday."), "RETREAT")


def test_force_and_retaliation_are_assaults_and_their_conditions_threats() -> None:
    def told(text: str) -> set[str]:  # the whole pipeline: the speaker is an actor
        return {e.type for e in herald.extract(text, date="2017-12-18", all_events=True).events}

    assert only(events_of("The army will use force against the protesters."), "ASSAULT")
    assert not events_of("The ministry used the force of law to close the paper.")
    assert "THREATEN" in told("Iran said it will retaliate if attacked.")
    # two negations cancel: it will use force, if they escalate
    said = '"If they escalate, we will not hesitate to use force," the president said.'
    assert "THREATEN" in told(said)
    assert {e.type for e in events_of("Europe retaliated with tariffs on U.S. exports.")} == {
        "SANCTION"
    }


def test_a_dire_state_of_affairs_blames_no_one() -> None:
    told = "The envoy told reporters that the situation in Sudan is catastrophic."
    assert not [e for e in events_of(told) if e.type == "ACCUSE"]
    said = "Japan said the launch was a reckless breach of UN resolutions."
    assert only(events_of(said), "ACCUSE")
    # a damning word in what the speaker is ready to do judges no one
    ready = "Seoul said it was ready to defend itself from the northern threat."
    assert not [e for e in events_of(ready) if e.type == "ACCUSE"]


def test_opposition_voiced_is_a_rejection_and_the_opposition_no_event() -> None:
    assert only(events_of("Britain voiced opposition to the ban."), "REJECT")
    assert only(events_of("The hunts face opposition from European countries."), "REJECT")
    assert not events_of("The opposition won the election.")
    assert not events_of("Its popularity stands in opposition to other nations.")


def test_a_launch_of_what_appeared_to_be_a_missile_is_a_launch_on_its_own_date() -> None:
    # the parser makes a clause of the free relative; its noun and its date are the verb's
    text = "The North fired what appeared to be a ballistic missile on Tuesday."
    (launch,) = herald.extract(text, date="2017-12-18").events
    assert (launch.type, launch.mode) == ("MOBILIZE", "weapons")
    assert launch.when is not None and launch.when.value == "2017-12-12"


def test_a_measure_a_free_relative_names_is_the_verbs_one_event() -> None:
    text = "Canada levied what officials said was a 40% tariff on Chilean copper."
    (tariff,) = herald.extract(text, date="2025-03-13").events
    assert tariff.type == "SANCTION"
    assert [a.name for a in tariff.actor] == ["Canada"]
    assert [r.text for r in tariff.recipient] == ["Chilean copper"]


def test_projectiles_sent_at_a_target_are_an_assault_and_a_launch_a_test() -> None:
    drones = only(events_of("Russia launched 120 drones at Ukraine overnight."), "ASSAULT")
    assert [r.text for r in drones.recipient] == ["Ukraine"]
    assert only(events_of("Militants fired mortar shells at army positions."), "ASSAULT")
    assert only(events_of("North Korea launched a ballistic missile on Sunday."), "MOBILIZE")
    assert only(events_of("North Korea fired a missile into the sea."), "MOBILIZE")


def test_going_on_strike_is_a_protest_by_the_strikers_and_carrying_one_out_an_attack() -> None:
    teachers = only(events_of("Thousands of teachers went on strike over pay."), "PROTEST")
    assert [a.text for a in teachers.actor] == ["teachers"]
    hunger = only(events_of("The prisoners have been on hunger strike for a week."), "PROTEST")
    assert [a.text for a in hunger.actor] == ["prisoners"]
    assert only(events_of("Israel carried out a strike on Gaza."), "ASSAULT")


def test_sexual_violence_and_ground_recovered_are_assaults() -> None:
    violence = events_of("Sexual violence against Rohingya women by the military went on.")
    assert only(violence, "ASSAULT").mode == "sexual"
    rape = only(events_of("The rape of a schoolgirl by two soldiers sparked protests."), "ASSAULT")
    assert [a.text for a in rape.actor] == ["two soldiers"]
    regained = events_of("The army recovered the regions close to the border.")
    assert [e.type for e in regained] == ["ASSAULT"]
    # violence of no kind named, and a recovery of no ground, are no deed
    assert not events_of("Political violence is rising.")
    assert not events_of("The economy recovered last year.")


def test_a_passive_commitment_to_a_deed_is_its_subjects_and_allowing_a_return_yields() -> None:
    committed = only(events_of("Vietnam is committed to opening up the economy."), "AGREE")
    assert [a.text for a in committed.actor] == ["Vietnam"]
    # what is pledged is no party
    pledged = only(events_of("Aid was pledged to Ukraine."), "AGREE")
    assert not pledged.actor
    allowed = events_of("Israel allowed the return of displaced residents to the north.")
    assert [a.text for a in only(allowed, "RETREAT").actor] == ["Israel"]


def test_a_threat_of_a_measure_is_voiced_by_whom_would_impose_it() -> None:
    # the measure is only threatened: no sanctions imposed
    threat = events_of("The threat of U.S. sanctions hangs over the talks.")
    assert [(e.type, [a.text for a in e.actor]) for e in threat] == [("THREATEN", ["U.S."])]
    # a danger is no threat voiced
    assert not events_of("The threat of war looms over the region.")
    # a threat defied was made all the same; a standing measure defied is no deed
    defied = events_of("Pyongyang fired the missile despite threats of Washington sanctions.")
    assert [a.text for a in only(defied, "THREATEN").actor] == ["Washington"]
    assert not [e for e in defied if e.type == "SANCTION"]
    assert not events_of("The ship sailed despite the ban on exports.")


def test_an_owners_arms_named_as_a_threat_are_a_danger_not_a_threat_made() -> None:
    dealt = events_of("Seoul will work with its allies to deal with Norland's nuclear threat.")
    assert not [e for e in dealt if e.type == "THREATEN"]
    assert not events_of("Norland's missile threats worry the region.")
    # made against someone, or with no arms named, it is a threat voiced
    against = events_of("Norland's nuclear threats against Southland alarmed Tokyo.")
    assert names(only(against, "THREATEN").recipient) == ["Southland"]
    assert only(events_of("Norland's threats grew louder on Monday."), "THREATEN").actor


def test_a_harm_threatened_with_is_no_event_of_its_own() -> None:
    threat = events_of("The president threatened the bloc with tariffs on its cars.")
    assert [(e.type, e.mode) for e in threat] == [("THREATEN", "relations")]
    assert names(threat[0].recipient) == ["bloc"]


def test_a_protest_or_support_named_as_the_manner_of_a_deed_is_its_subjects() -> None:
    students = events_of("Students walked out of classes in protest against the new law.")
    assert [a.text for a in only(students, "PROTEST").actor] == ["Students"]
    walkout = events_of("Opposition lawmakers walked out of parliament in protest.")
    assert [a.text for a in only(walkout, "PROTEST").actor] == ["Opposition lawmakers"]
    prayers = events_of("Mosques broadcast prayers in support of the Palestinians.")
    assert [a.text for a in only(prayers, "SUPPORT").actor] == ["Mosques"]
    # a verb that is a deed of its own keeps its parties
    deployed = events_of("Troops were deployed in support of the government.")
    assert [e.type for e in deployed] == ["MOBILIZE"]


def test_a_capital_that_acts_speaks_or_owns_is_not_where_things_happen() -> None:
    def places(text: str) -> list[str | None]:
        found = herald.extract(text, date="2024-05-01", all_events=True).events
        return [e.where.name if e.where else None for e in found]

    assert places("North Korea fired a missile into the sea, Seoul said.") == [None]
    assert places("Gunmen stormed a hotel in Beledweyne, Seoul's envoy said.") == ["Beledweyne"]
    # a capital that acts is its government, whatever the verb
    assert places("Gunmen attacked the convoy as Kabul pledged to hold talks.") == [None, None]
    # nor is the agent of a passive
    text = "The hotline, cut by Pyongyang in 2016, was restored after Seoul proposed talks."
    assert places(text) == [None]
    # what befalls a place does not make it act
    assert places("Gunmen attacked a convoy as Kabul experienced a rise in attacks.") == ["Kabul"]
    # and the host of talks is where they are held
    assert places("France hosted the peace talks on Monday.") == ["France"]


def test_a_fight_is_against_a_party_not_an_ill() -> None:
    fought = only(events_of("The army fought the rebels near Goma."), "ASSAULT")
    assert names(fought.recipient) == ["rebels"]
    assert only(events_of("The war against Islamic State goes on."), "ASSAULT")
    assert not [e for e in events_of("Obama will stay active in fighting climate change.")]
    assert not [e for e in events_of("The war on poverty was declared in 1964.")]


def test_seizing_on_a_matter_is_no_seizure() -> None:
    assert only(events_of("Police seized weapons in the raid."), "COERCE")
    assert only(events_of("Troops inspected the firearms the army seized."), "COERCE")
    assert only(events_of("The coast guard seized and inspected a vessel."), "COERCE")
    assert not [e for e in events_of("The party seized on the scandal as a weapon.")]


def test_who_tells_of_looks_on_at_or_stops_a_deed_does_not_do_it() -> None:
    told = events_of("The reporter was criticised for describing the massacre as a performance.")
    assert "reporter" not in [a.text for e in told if e.type == "ASSAULT" for a in e.actor]
    survived = only(events_of("The minister survived an attack by gunmen."), "ASSAULT")
    assert (names(survived.actor), names(survived.recipient)) == (["gunmen"], ["minister"])


def test_who_is_blamed_or_punished_for_a_deed_did_it() -> None:
    shot = only(events_of("Clinton criticized officer Betty Shelby for shooting a man."), "ASSAULT")
    assert names(shot.actor) == ["officer Betty Shelby"]
    threat = only(events_of("Police arrested the man for threatening the mayor."), "THREATEN")
    assert names(threat.actor) == ["man"]
    attack = only(events_of("Israel was accused of attacking Gaza."), "ASSAULT")
    assert names(attack.actor) == ["Israel"]
    pressed = events_of("The president pressured Ukraine into investigating his rivals.")
    assert [names(e.actor) for e in pressed if e.trigger.text == "investigating"] == [["Ukraine"]]
    # what is sought for a deed is not its doer; a passive befalls the one it inherits
    shot = only(events_of("Soltan is seeking damages for being shot in Cairo."), "ASSAULT")
    assert (names(shot.actor), names(shot.recipient)) == ([], ["Soltan"])
    freed = only(events_of("The court ordered the activists to be released."), "RETREAT")
    assert names(freed.recipient) == ["activists"]


def test_people_named_by_their_trade_are_the_target_not_their_home() -> None:
    charge = only(events_of("Prosecutors charged two Vermont developers with fraud."), "ACCUSE")
    assert [r.text for r in charge.recipient] == ["two Vermont developers"]


def test_a_named_happening_is_no_party() -> None:
    assaults = events_of("The New Year's Eve assaults shocked Germany.")
    assert not [a for e in assaults for a in e.actor]


def test_an_appeal_asks_for_something_or_of_someone() -> None:
    assert only(events_of("Kenya launched an appeal for aid."), "REQUEST")
    assert only(events_of("The Pope's appeal for peace was ignored."), "REQUEST")
    assert not events_of("Geopolitical factors have elevated Burma's bipartisan appeal.")


def test_cutting_funding_is_a_sanction_not_aid() -> None:
    cut = only(events_of("Congress cut funding for the pilot program."), "SANCTION")
    assert cut.trigger.text == "cut"


def test_words_are_addressed_to_parties_not_to_things() -> None:
    text = "China warned the United States against arms sales to Taiwan."
    warning = only(events_of(text), "THREATEN")
    assert [r.text for r in warning.recipient] == ["United States"]


def test_naming_something_is_no_call_for_it() -> None:
    text = "Trump hosted Erdogan at the White House for what Erdogan called a great meeting."
    assert not [e for e in events_of(text) if e.type == "REQUEST"]
    assert only(events_of("Erdogan called for an end to the sanctions."), "REQUEST")


def test_a_probe_is_an_inquiry_only_when_someone_holds_it() -> None:
    assert only(events_of("Prosecutors opened a probe into the deal."), "ACCUSE")
    assert only(events_of("The FBI probe found no evidence of collusion."), "ACCUSE")
    assert not events_of("China's lunar probe will land on the far side of the moon next year.")


def test_a_thing_that_meets_with_opposition_holds_no_meeting() -> None:
    assert events_of("The documentation met with opposition from China's U.N. mission.") == ()


@pytest.mark.parametrize(
    ("sentence", "ptype", "mode"),
    [
        ("The White House sent a delegation to the inauguration.", "CONSULT", "visit"),
        ("Workers in Seoul began a hunger strike on Monday.", "PROTEST", "hunger"),
        ("Israel carried out an air strike on Gaza.", "ASSAULT", "aerial"),
        ("North Korea carried out a missile test on Sunday.", "MOBILIZE", "weapons"),
        ("Thousands of students staged demonstrations against the government.", "PROTEST", "demo"),
        ("The president telephoned the Russian foreign minister.", "CONSULT", "phone"),
        ("The rebels declared a ceasefire on Wednesday.", "RETREAT", "ceasefire"),
        ("Sudan's government imposed a curfew in Darfur.", "COERCE", "curfew"),
        ("The United States imposed sanctions on the Taliban.", "SANCTION", "discontinue"),
        ("Zimbabwe's premier accused the United States of arrogance.", "ACCUSE", "disapprove"),
        ("The prosecutor accused the minister of corruption.", "ACCUSE", "allege"),
        ("The Palestinians rejected the proposed changes.", "REJECT", None),
        (
            "Pakistan threatened to break off diplomatic relations with Congo.",
            "THREATEN",
            "relations",
        ),
        ("The minister resigned on Sunday.", "RETREAT", "resign"),
        ("Gunmen stormed a hotel in Beledweyne.", "ASSAULT", "firearms"),
        ("Militants laid siege to the hotel.", "ASSAULT", None),
        ("Rebels ambushed an army convoy.", "ASSAULT", "firearms"),
        ("The man was gunned down outside his home.", "ASSAULT", "firearms"),
        ("Moroccan police broke up a terrorist cell.", "COERCE", "arrest"),
    ],
)
def test_trigger_types_and_modes(sentence: str, ptype: str, mode: str | None) -> None:
    event = max(events_of(sentence), key=lambda e: e.confidence)
    assert (event.type, event.mode) == (ptype, mode)


def test_sentences_without_political_content_give_no_event() -> None:
    assert events_of("The weather was sunny in Paris on Monday.") == ()
    assert events_of("She bought a new car and drove to the lake.") == ()
    # a trigger with no participant is not an event
    assert events_of("The conference will take place in January.") == ()


def test_discussing_a_meeting_is_one_consult_event() -> None:
    events = events_of("Officials say Mr. Tillerson and Ms. Freeland will discuss the meeting.")
    assert [(e.type, e.trigger.text) for e in events] == [("CONSULT", "discuss")]
    assert [r.text for r in events[0].actor] == ["Mr. Tillerson", "Ms. Freeland"]


def test_target_country_is_a_recipient_not_the_place() -> None:
    text = "The United States imposed sanctions on Russia."
    event = only(events_of(text, where=places(text, Russia="country")), "SANCTION")
    assert [r.text for r in event.recipient] == ["Russia"]
    assert event.where is None


def test_place_inside_the_topic_is_not_where_the_event_happens() -> None:
    text = "Mr. Tillerson will discuss border security and the crises in Ukraine with Ms. Freeland."
    event = only(events_of(text, where=places(text, Ukraine="country")), "CONSULT")
    assert event.where is None
    text = "The leaders held talks on North Korea in Vancouver."
    event = only(events_of(text, where=places(text, Vancouver="city")), "CONSULT")
    assert event.where is not None and event.where.name == "Vancouver"


def test_place_through_a_locative_chain_and_a_material_object() -> None:
    text = "Mr. Tillerson met Ms. Freeland at the State Department in Washington."
    event = only(events_of(text, where=places(text, Washington="city")), "CONSULT")
    assert event.where is not None and event.where.name == "Washington"
    text = "Rebels attacked a village in Syria."
    event = only(events_of(text, where=places(text, Syria="country")), "ASSAULT")
    assert event.where is not None and event.where.name == "Syria"
    text = "Officials want to increase pressure on Iran."
    assert all(e.where is None for e in events_of(text, where=places(text, Iran="country")))
    text = "U.S. forces carried out airstrikes against IS in Syria."
    event = only(events_of(text, where=places(text, Syria="country")), "ASSAULT")
    assert event.where is not None and event.where.name == "Syria"


@pytest.mark.parametrize(
    ("sentence", "ptype", "recipient"),
    [
        ("The PRC on Tuesday demanded that the US cancel the plan.", "REQUEST", "US"),
        ("Finland will give Tanzania a grant of 580 million shillings.", "AID", "Tanzania"),
        ("Bangladesh rejected an Indian proposal for a trade agreement.", "REJECT", "Indian"),
        ("Iran rejected Iraqi President Saddam Hussein's proposal for a truce.", "REJECT",
         "Iraqi President Saddam Hussein"),
        ("The ministers agreed to provide aid for Romania.", "AGREE", "Romania"),
    ],
)  # fmt: skip
def test_recipients_beyond_the_direct_object(sentence: str, ptype: str, recipient: str) -> None:
    events = [e for e in events_of(sentence) if e.type == ptype]
    assert events, [(e.type, e.trigger.text) for e in events_of(sentence)]
    assert recipient in [r.text for e in events for r in e.recipient]


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        # a party withdrawing itself from an accord, talks or a body of states
        ("Canada withdrew from the fisheries treaty in 2019.", "SANCTION"),
        ("Brazil pulled out of the trade deal on Monday.", "SANCTION"),
        ("Three juntas quit the regional bloc on Sunday.", "SANCTION"),
        # forces withdrawn from ground
        ("Russia withdrew its troops from Kherson on Friday.", "RETREAT"),
    ],
)  # fmt: skip
def test_withdrawing_from_an_accord_or_a_body_is_a_sanction(sentence: str, ptype: str) -> None:
    (event,) = events_of(sentence)
    assert (event.type, event.mode) == (ptype, "withdraw")


@pytest.mark.parametrize(
    ("sentence", "ptype", "mode"),
    [
        # the PLOVER manual: withdrawing a demand is a CONCEDE, withdrawing aid a SANCTION,
        # halting negotiations a SANCTION withdraw (CAMEO 164)
        ("The union withdrew its demand for a pay rise on Monday.", "CONCEDE", None),
        ("The rebels dropped their demand that the governor resign.", "CONCEDE", None),
        ("Ottawa withdrew its development aid to the junta.", "SANCTION", "discontinue"),
        ("The cabinet suspended talks with the strikers.", "SANCTION", "withdraw"),
    ],
)  # fmt: skip
def test_withdrawing_a_demand_aid_or_talks(sentence: str, ptype: str, mode: str | None) -> None:
    (event,) = events_of(sentence)
    assert (event.type, event.mode) == (ptype, mode)


@pytest.mark.parametrize(
    ("sentence", "ptype", "recipients"),
    [
        # the PLOVER manual: regret or remorse for an action concedes; regret for another
        # party's choice reproaches it
        ("The minister expressed regret for the failed raid.", "CONCEDE", []),
        ("The tribunal regrets the decision of Ghana to stay away.", "ACCUSE", ["Ghana"]),
        ("Paris regretted Rome's move to close the port.", "ACCUSE", ["Rome"]),
    ],
)  # fmt: skip
def test_regret_concedes_or_reproaches(sentence: str, ptype: str, recipients: list[str]) -> None:
    (event,) = [e for e in events_of(sentence) if e.trigger.text.startswith("regret")]
    assert (event.type, [r.text for r in event.recipient]) == (ptype, recipients)
    assert not events_of("We regret to say that the summit will not take place.")


def test_an_arrest_warrant_threatens_arrest() -> None:
    # the PLOVER manual codes an arrest ordered in absentia a THREATEN arrest, not a COERCE
    text = "A tribunal issued an arrest warrant for the exiled general on Tuesday."
    (event,) = events_of(text)
    assert (event.type, event.mode, [r.text for r in event.recipient]) == (
        "THREATEN",
        "arrest",
        ["exiled general"],
    )
    assert not events_of("Detectives obtained a search warrant for the warehouse.")


def test_no_time_in_the_sentence_falls_back_to_publication_date() -> None:
    event = only(events_of("Israeli soldiers arrested 12 protesters."), "COERCE")
    assert event.when is not None
    assert (event.when.value, event.when.anchor) == ("2017-12-18", "publication")
    assert event.when.start is None


def test_negated_and_hypothetical_events_lose_confidence() -> None:
    plain = only(events_of("Israel attacked Gaza."), "ASSAULT")
    negated = only(events_of("Israel did not attack Gaza."), "ASSAULT")
    hypothetical = only(events_of("Israel could attack Gaza."), "ASSAULT")
    assert negated.modality == "negated" and hypothetical.modality == "hypothetical"
    assert negated.confidence < plain.confidence
    assert hypothetical.confidence < plain.confidence


# --------------------------------------------------------------------------- demo


@pytest.fixture(scope="module")
def demo(demo_article: str) -> tuple[str, tuple[Event, ...]]:
    text = demo_article[demo_article.index("U.S. Secretary of State") :]
    cast = [
        actor(text, 1, "Rex Tillerson", "person", "USA", "U.S. Secretary of State Rex Tillerson",
              "Mr. Tillerson"),
        actor(text, 2, "Justin Trudeau", "person", "CAN", "Prime Minister Justin Trudeau",
              "Mr. Trudeau"),
        actor(text, 3, "Chrystia Freeland", "person", "CAN",
              "Foreign Affairs Minister Chrystia Freeland", "Ms. Freeland"),
        actor(text, 4, "Canada", "country", "CAN"),
        actor(text, 5, "United States", "country", "USA", "the United States"),
        actor(text, 6, "North Korea", "country", "PRK"),
        actor(text, 7, "Raul Castro", "person", "CUB", "Cuban President Raul Castro"),
        actor(text, 8, "Cuba", "country", "CUB"),
    ]  # fmt: skip
    times = [
        timex(text, "Tuesday", "2017-12-19", "day"),
        timex(text, "early next year", "2018", "year"),
        timex(text, "January", "2018-01", "month"),
        timex(text, "January", "2018-01", "month", nth=1),
        timex(text, "last year", "2016", "year"),
        timex(text, "November", "2017-11", "month"),
    ]
    where = places(text, Ottawa="city", Vancouver="city", Havana="city", Canada="country")
    doc = Document(doc_id="demo", id="demo", source="test", text=text, published=PUBLISHED)
    return text, find_events(doc, parse(text), cast, times, where, [])


def find(events: tuple[Event, ...], trigger: str, **where: str) -> list[Event]:
    return [
        e
        for e in events
        if e.trigger.text == trigger and all(w in e.evidence.sentence for w in where.values())
    ]


def test_demo_tillerson_travels_to_ottawa_and_meets_trudeau(demo) -> None:
    _, events = demo
    (travel,) = find(events, "travel")
    assert (travel.type, travel.mode, travel.modality) == ("CONSULT", "visit", "planned")
    assert names(travel.actor) == ["Rex Tillerson"]
    assert [r.text for r in travel.recipient] == ["Ottawa"]
    assert travel.where is not None and travel.where.name == "Ottawa"
    assert travel.when is not None and travel.when.value == "2017-12-19"
    (meet,) = find(events, "meet", s="Trudeau")
    assert (meet.type, meet.modality) == ("CONSULT", "planned")
    assert names(meet.actor) == ["Rex Tillerson"]  # "he", resolved in the sentence
    assert names(meet.recipient) == ["Justin Trudeau"]
    assert meet.when is not None and meet.when.text == "Tuesday"


def test_demo_meeting_with_freeland_and_the_vancouver_meeting(demo) -> None:
    _, events = demo
    (freeland,) = find(events, "meet", s="during his first visit")
    assert names(freeland.recipient) == ["Chrystia Freeland"]
    assert freeland.modality == "planned"
    (vancouver,) = find(events, "meeting", s="to be held in Vancouver")
    assert (vancouver.type, vancouver.modality) == ("CONSULT", "planned")
    assert vancouver.where is not None and vancouver.where.name == "Vancouver"
    # "early next year" here, "in January" where the article tells it again as co-hosting:
    # one event, with the finer date (events.coreference)
    assert vancouver.when is not None and vancouver.when.value == "2018-01"
    assert "co-host" in {m.text for m in vancouver.mentions}


def test_demo_cohosting_by_canada_and_the_united_states(demo) -> None:
    _, events = demo
    # the co-hosting is the Vancouver meeting told again: merged into it
    (cohost,) = [e for e in events if "co-host" in {m.text for m in e.mentions}]
    assert names(cohost.actor) == ["Canada", "United States"]
    assert cohost.modality == "planned"
    assert cohost.where is not None and cohost.where.name == "Vancouver"
    assert "cbrn" in cohost.contexts and "diplomatic" in cohost.contexts


def test_demo_missile_test_is_mobilize_weapons_by_north_korea(demo) -> None:
    _, events = demo
    (test,) = find(events, "test")
    assert (test.type, test.mode) == ("MOBILIZE", "weapons")
    assert names(test.actor) == ["North Korea"]
    assert "military" in test.contexts


def test_demo_trudeau_discussion_with_castro_is_historical(demo) -> None:
    _, events = demo
    (talk,) = find(events, "discussed")
    assert talk.type == "CONSULT"
    assert names(talk.actor) == ["Justin Trudeau"]
    assert names(talk.recipient) == ["Raul Castro"]
    assert talk.modality == "historical"
    assert talk.where is not None and talk.where.name == "Havana"


def test_demo_sentences_without_political_content_give_nothing(demo) -> None:
    _, events = demo
    quiet = ("The change came after", "However, Mr. Tillerson does not appear")
    assert not [e for e in events if e.evidence.sentence.startswith(quiet)]


def test_demo_records_are_consistent(demo) -> None:
    text, events = demo
    assert len(events) >= 8
    assert [e.event_id for e in events] == [f"demo:e{n}" for n in range(1, len(events) + 1)]
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence
        assert event.evidence.start <= event.trigger.start < event.trigger.end
        assert event.trigger.end <= event.evidence.end
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert 0 <= event.confidence <= 1
        assert event.actor or event.recipient
        assert event.attribution is not None


# --------------------------------------------------------------------------- whole pipeline


@pytest.fixture(scope="module")
def demo_run(shared_data):
    import datetime as dt

    from herald.pipeline import process_batch
    from herald.records import RawDocument
    from herald.settings import Options

    path = shared_data / "demo" / "globe-tillerson-ottawa.txt"
    raw = RawDocument(source=str(path), id="demo", content=path.read_bytes(), kind="text")
    (result,) = process_batch([raw], Options(date=dt.date(2017, 12, 18), strict=True))
    return result.events


def _with(events, trigger: str, recipient: str | None = None) -> list[Event]:
    return [
        e
        for e in events
        if e.trigger.text == trigger and (recipient is None or recipient in names(e.recipient))
    ]


def test_pipeline_demo_every_meeting_has_date_place_and_modality(demo_run) -> None:
    meetings = [e for e in demo_run if e.type == "CONSULT"]
    assert len(meetings) >= 8
    for event in meetings:
        assert event.when is not None and event.when.value  # own date or the publication's
        assert event.modality in ("planned", "asserted", "reported", "historical", "hypothetical")
    (trudeau,) = _with(demo_run, "meet", "Justin Trudeau")
    assert (trudeau.when.value, trudeau.modality) == ("2017-12-19", "planned")
    assert trudeau.where is not None and trudeau.where.name == "Ottawa"
    (freeland,) = _with(demo_run, "meet", "Chrystia Freeland")
    assert freeland.modality == "planned" and freeland.when.anchor == "publication"
    # never a topic's country read off the sentence; the article's main places are guesses
    # and say so (where.basis)
    read = {e.where.name for e in meetings if e.where and e.where.basis in ("governs", "sentence")}
    assert read <= {"Ottawa", "Vancouver", "Canada", "Havana"}


def test_pipeline_demo_vancouver_meeting_planned_for_january_2018(demo_run) -> None:
    (cohost,) = [e for e in demo_run if "co-host" in {m.text for m in e.mentions}]
    assert names(cohost.actor) == ["Canada", "United States"]
    assert (cohost.when.value, cohost.when.precision, cohost.modality) == (
        "2018-01",
        "month",
        "planned",
    )
    assert cohost.where is not None and (cohost.where.name, cohost.where.country) == (
        "Vancouver",
        "CAN",
    )


def test_pipeline_demo_missile_test_and_havana_talks(demo_run) -> None:
    (test,) = _with(demo_run, "test")
    assert (test.type, test.mode, names(test.actor)) == ("MOBILIZE", "weapons", ["North Korea"])
    # "announced the meeting in November after North Korea said it had carried out a
    # missile test": the test happened before the November announcement
    assert test.modality == "asserted"
    assert (test.when.value, test.when.precision, test.when.modifier) == (
        "2017-11",
        "month",
        "before",
    )
    (havana,) = _with(demo_run, "discussed", "Raul Castro")
    assert names(havana.actor) == ["Justin Trudeau"]
    assert (havana.when.value, havana.modality) == ("2016", "historical")
    assert havana.where is not None and havana.where.name == "Havana"


def test_pipeline_demo_topic_places_are_not_where(demo_run) -> None:
    # "discuss the crises in Ukraine": Ukraine is what is discussed, never where
    told = [(e.trigger.text, *(m.text for m in e.mentions)) for e in demo_run]
    assert any("discuss" in triggers for triggers in told)
    assert all(e.where is None or e.where.name != "Ukraine" for e in demo_run)


def test_assault_mode_comes_from_the_weapon_the_sentence_names() -> None:
    blast = only(events_of("Two suicide bombers blew themselves up in Beirut."), "ASSAULT")
    assert blast.mode == "suicide-attack"
    raid = events_of("Saudi jets fired missiles at a village, killing six people.")
    assert {e.mode for e in raid if e.type == "ASSAULT"} == {"aerial"}


def test_a_weapon_that_was_hit_is_not_the_weapon_used() -> None:
    downed = only(events_of("Turkish forces shot two Syrian warplanes."), "ASSAULT")
    assert downed.mode == "firearms"


def test_a_verb_that_describes_a_noun_trigger_is_the_same_event() -> None:
    events = events_of("Three days of talks hosted by the Kenyan government ended on Friday.")
    assert [e.trigger.text for e in events if e.type == "CONSULT"] == ["talks"]


@pytest.mark.parametrize(
    ("text", "threatens"),
    [
        ("North Korea repeated its threats against Guam.", True),
        ("Iran issued a threat to close the strait.", True),
        ("Algeria is facing an increasing threat from militants.", False),
        ("The army failed to address the threat posed by the rebels.", False),
    ],
)
def test_a_threat_is_an_event_when_someone_voices_it(text: str, threatens: bool) -> None:
    assert any(e.type == "THREATEN" for e in events_of(text)) is threatens


@pytest.mark.parametrize(
    ("text", "sanctions"),
    [
        ("The EU imposed sanctions on Russia.", True),
        ("Kim carried out missile tests, flouting international sanctions.", False),
        ("Ships for Iran, which is under U.S. sanctions, are at risk.", False),
    ],
)
def test_sanctions_named_as_a_standing_state_are_no_event(text: str, sanctions: bool) -> None:
    assert any(e.type == "SANCTION" for e in events_of(text)) is sanctions


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("The United States resumed aid to Ukraine.", {"AID"}),
        ("The two presidents disagreed over U.S. aid to Ukraine.", set()),
        ("Modi met Ramgoolam to discuss upgrading defense ties with Mauritius.", {"CONSULT"}),
        ("The ministers argued over U.S. sanctions on Iran.", set()),
        # a deed of force is still told when it is what is argued about
        ("The ministers argued over Russia's attack on Kyiv.", {"ASSAULT"}),
    ],
)
def test_an_act_named_as_a_topic_of_talk_is_no_event(text: str, types: set[str]) -> None:
    assert {e.type for e in events_of(text)} == types


@pytest.mark.parametrize(
    "text",
    [
        "Iran's Foreign Ministry did not reply to an email requesting comment.",
        "The ministry did not respond to a request for comment.",
        "Reuters asked the embassy for an interview.",
    ],
)
def test_the_press_asking_for_comment_is_no_request(text: str) -> None:
    assert [e.type for e in events_of(text)] == []


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Japan called the launch reckless.", ["ACCUSE"]),
        ("Tehran has called the abduction allegations baseless.", ["REJECT"]),
        ("Kabul called Pakistan's assertions baseless on Thursday.", ["REJECT"]),
    ],
)
def test_damning_an_allegation_denies_it(text: str, types: list[str]) -> None:
    assert [e.type for e in events_of(text)] == types


@pytest.mark.parametrize(
    "text",
    ["An appeals court overturned the conviction.", "The court quashed the ban on the party."],
)
def test_undoing_a_sanction_is_a_concession(text: str) -> None:
    assert [e.type for e in events_of(text)] == ["CONCEDE"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The operation resulted in the deaths of 16 al-Shabab militants.", "ASSAULT"),
        ("The agency closed 12 media outlets linked to al-Shabab.", "COERCE"),
        ("The EU levied tariffs on American whiskey.", "SANCTION"),
    ],
)
def test_deaths_closures_and_levies_are_events(text: str, event_type: str) -> None:
    assert [e.type for e in events_of(text)] == [event_type]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Poland agreed with Germany to hold regular talks.", ["AGREE"]),
        ("The minister said she agreed with the officials' concerns.", []),
        ('"The danger has not passed yet," agreed Polat Sayim, a Uyghur activist.', []),
        # a person agreeing with a person, or with no one named, shares a view
        ("Tom Anderson largely agreed with Mary Jones about the outreach.", []),
        ("The presidential spokesman agreed.", []),
        ("Ukraine agreed.", ["AGREE"]),
    ],
)
def test_agreeing_with_a_view_is_no_agreement(text: str, types: list[str]) -> None:
    assert [e.type for e in events_of(text)] == types


def test_a_clause_of_what_else_goes_on_is_not_what_is_warned_of() -> None:
    text = (
        "The United States warned that it will keep up the pressure on Iran in order to stop "
        "its program, as Tehran rejected its offer for new talks."
    )
    events = events_of(text)
    assert sorted(e.type for e in events) == ["REJECT", "THREATEN"]
    # "in order to" names a purpose, not a party
    assert "order" not in names(only(events, "THREATEN").recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Washington suspended military aid to Ukraine.",
        "The EU froze cooperation with Niger.",
        "Japan ended its aid to Myanmar.",
    ],
)
def test_a_sanction_that_stops_aid_absorbs_the_aid(text: str) -> None:
    (event,) = events_of(text)
    assert (event.type, event.mode) == ("SANCTION", "discontinue")


def test_harm_a_speaker_says_their_side_will_do_is_their_threat() -> None:
    def told(text: str) -> list[Event]:  # the whole pipeline: the speaker is an actor
        return list(herald.extract(text, date="2017-12-18", all_events=True).events)

    events = told("Iran said it will strike Israel if attacked.")
    threat = only(tuple(events), "THREATEN")
    assert (names(threat.actor), names(threat.recipient)) == (["Iran"], ["Israel"])
    assert threat.modality == "asserted"
    # harm to the speaker's own side ("if attacked") is a condition, not a threat
    assert {e.type for e in events} == {"THREATEN", "ASSAULT"}
    # harm another party will do, or what a weapon can do, is no vow of the speaker's
    assert [e.type for e in told("Zelensky said Russia would attack Kyiv again.")] == ["ASSAULT"]
    capable = told("The army said the missile was capable of striking the base.")
    assert "THREATEN" not in {e.type for e in capable}
    # harm that is itself the condition is supposed, not vowed
    supposed = told(
        "The police chief says that many victims can not identify their attackers and "
        "don\u2019t think they\u2019ll be able to, even if they were arrested."
    )
    assert "THREATEN" not in {e.type for e in supposed}
    # a decision made known is the planned deed itself, not a threat
    announced = told("The United States announced that it would cease military aid to Ukraine.")
    assert [(e.type, e.modality) for e in announced] == [("SANCTION", "planned")]
    # forces sent against no one are shown to no one: a deployment, no threat
    sent = told("President Emmanuel Macron said more soldiers would be deployed for security.")
    assert [(e.type, e.modality) for e in sent] == [("MOBILIZE", "planned")]


@pytest.mark.parametrize(
    ("text", "ptype"),
    [
        ("Thousands demonstrated against the law in Minsk.", "PROTEST"),
        ("Wright said North Korea demonstrated that it could reach Guam.", None),
        ("The footage released on state TV captures the launch.", None),
        ("Exports of coal were also banned last month.", "SANCTION"),
        ("The government banned the opposition party.", "COERCE"),
    ],
)
def test_sense_from_the_arguments(text: str, ptype: str | None) -> None:
    # a verb that takes a clause is no street protest; a made thing does no deed; a ban on
    # trade is a sanction
    assert [e.type for e in events_of(text)] == ([ptype] if ptype else [])


def test_a_toll_told_without_its_doer_in_the_same_town_is_that_deed() -> None:
    def told(text: str) -> list[Event]:  # the whole pipeline: places come from the gazetteer
        return list(herald.extract(text, date="2017-12-18", all_events=True).events)

    lede = "Gunmen stormed a hotel in the Somali town of Beledweyne on Tuesday. "
    (attack,) = told(lede + "Witnesses said the attack began at dawn. Seven people were killed.")
    assert [m.text for m in attack.mentions] == ["killed"]
    # a deed in another town is another deed
    assert len(told(lede + "In Mogadishu, seven people were killed in a separate bombing.")) == 2


def test_the_state_and_the_regime_take_up_the_country_named_before() -> None:
    text = "North Korea fired a missile. The secretive state ramped up its threats towards Japan."
    korea = actor(text, 1, "North Korea", "country", "PRK", "North Korea")
    threat = only(events_of(text, actors=[korea]), "THREATEN")
    assert names(threat.recipient) == ["Japan"]  # "towards" names whom a threat is aimed at


def test_a_states_coercion_happens_at_home() -> None:
    text = (
        "Burkina Faso has faced attacks. The Moroccan counterterror agency broke up a cell "
        "on Monday, officials in Morocco said. Burkina Faso and Mali remain hit."
    )
    events = herald.extract(text, date="2025-03-11", all_events=True).events
    cell = only(tuple(events), "COERCE")
    assert cell.where is not None and (cell.where.name, cell.where.basis) == ("Morocco", "home")
    # a deed of force is not placed at its doer's home: armies strike abroad
    assert only(tuple(events), "ASSAULT").where is None


def test_a_deed_happens_in_the_country_its_sentence_puts_it_in() -> None:
    text = (
        "South Africa's opposition leader spoke in South Africa on Monday. "
        '"We live in a continent where the leader of the opposition in Tanzania is shot," '
        "he said. "
        "South Africa holds elections in 2024, he said in South Africa."
    )
    events = herald.extract(text, date="2019-12-23", all_events=True).events
    shot = only(tuple(events), "ASSAULT")
    assert shot.where is not None and (shot.where.name, shot.where.basis) == (
        "Tanzania",
        "sentence",
    )


def test_a_visit_happens_in_the_place_visited() -> None:
    text = "Russian President Vladimir Putin visited China last week. Trade was discussed."
    events = herald.extract(text, date="2024-06-02", all_events=True).events
    visit = only(tuple(events), "CONSULT")
    assert visit.where is not None and (visit.where.name, visit.where.basis) == ("China", "governs")
    assert names(visit.recipient) == ["China"]


def test_a_claim_about_another_party_is_an_accusation() -> None:
    text = "The army spokesman claimed the attackers were in touch with handlers in Kabul."
    (claim,) = [e for e in events_of(text) if e.type == "ACCUSE"]
    assert claim.trigger.text == "claimed"
    for text in ("The group claimed responsibility.", "Two men claim to be its leader."):
        assert not [e for e in events_of(text) if e.type == "ACCUSE"]


@pytest.mark.parametrize(
    ("text", "threatens"),
    [
        # told to do something for their own safety, private people are advised, not threatened
        ("Japan warned its residents to take cover.", False),
        ("Japan warned Norland to stop its missile tests.", True),
        ("The minister warned that police will no longer tolerate rallies.", True),
        ("The army warned that terrorists will not be spared.", True),
        ("Putin's spokesman warned the launch will cause a spike in tensions.", False),
        ("Officials warned residents that they could face flooding.", False),
        ("Police warned protesters that they would face arrest.", True),
        # advice to private people about their own doings; protesters are threatened
        ("Health officials warned residents against swimming in the river.", False),
        ("Police warned protesters against marching to the palace.", True),
    ],
)
def test_a_warning_threatens_when_it_warns_of_an_act(text: str, threatens: bool) -> None:
    assert any(e.type == "THREATEN" for e in events_of(text)) is threatens


def test_a_warning_of_what_a_party_is_doing_accuses_it() -> None:
    text = "Rights groups warned that the government was blocking aid to the region."
    (warned,) = [e for e in events_of(text) if e.trigger.text == "warned"]
    assert (warned.type, [r.text for r in warned.recipient]) == ("ACCUSE", ["government"])
    # what is yet to come through a noun ("it was time to ...") is threatened
    time = "Rebel leaders warned that it was time to drive the army out of the city."
    assert [e.type for e in events_of(time) if e.trigger.text == "warned"] == ["THREATEN"]


def test_a_warning_to_private_people_about_their_doings_asks_them_to_refrain() -> None:
    text = "Health officials warned residents against swimming in the river."
    assert [(e.type, e.trigger.text) for e in events_of(text)] == [("REQUEST", "warned")]
    text = "The officials warned residents to stay indoors on Friday."
    assert [(e.type, e.trigger.text) for e in events_of(text)] == [("REQUEST", "warned")]
    # told what to do, a party is threatened
    text = "The army warned the rebels to lay down their arms."
    assert [(e.type, e.trigger.text) for e in events_of(text)] == [("THREATEN", "warned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump attacked The Wall Street Journal for refusing to back his plans.", "ACCUSE"),
        ("The senator attacked the report.", "ACCUSE"),
        ("Gunmen attacked a police station in Kano on Monday.", "ASSAULT"),
        ("It followed the clash between President Donald Trump and Volodymyr Zelenskyy.",
         "ACCUSE"),
        ("Protesters clashed with police in Nairobi on Monday.", "PROTEST"),  # a riot
        ("The governor attacked the mayor in a series of tweets.", "ACCUSE"),
        ("The rival camp stepped up its personal attacks on the mayor.", "ACCUSE"),
        ("The opposition denounced attacks on the new policy.", "ACCUSE"),
        ("Gunmen attacked a news conference in the capital.", "ASSAULT"),
    ],
)  # fmt: skip
def test_an_attack_in_words_is_an_accusation(text: str, expected: str) -> None:
    assert [e.type for e in events_of(text) if e.trigger.text.startswith(("attack", "clash"))] == [
        expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser takes the bare surname for an organisation; the article names the person
        ("Donald Trump spoke in Ohio on Monday. Senator Jane Doe has been steadily "
         "attacking Trump for weeks.", "ACCUSE"),
        ("A gunman attacked Governor John Roe on Tuesday.", "ASSAULT"),
    ],
)  # fmt: skip
def test_named_persons_attack_each_other_in_words(text: str, expected: str) -> None:
    events = herald.extract(text, date="2016-09-20", all_events=True).events
    assert [e.type for e in events if e.trigger.text.startswith("attack")] == [expected]


def test_a_damning_predicate_a_speaker_reports_is_an_accusation() -> None:
    text = 'Stoltenberg said the launch was "another reckless breach of UN resolutions".'
    (said,) = events_of(text)
    assert (said.type, said.trigger.text) == ("ACCUSE", "said")
    assert not events_of("The minister said the talks were productive.")


def test_a_promise_of_retribution_is_a_threat() -> None:
    (vow,) = events_of("Johnson vowed to punish North Korea.")
    assert (vow.type, vow.trigger.text) == ("THREATEN", "vowed")
    (pledge,) = events_of("Johnson vowed to help North Korea.")
    assert pledge.type == "AGREE"


def test_what_a_trip_is_for_is_the_trip_itself() -> None:
    text = "Rubio will travel to Canada on Wednesday for meetings with G7 foreign ministers."
    (trip,) = [e for e in events_of(text) if e.type == "CONSULT"]
    assert trip.trigger.text == "travel"
    assert "G7 foreign ministers" in [r.text for r in trip.recipient]


def test_a_trigger_without_parties_does_not_hide_a_place() -> None:
    text = "The two sides signed the agreement in Nairobi on Thursday."
    places = find_places(parse(text))
    event = next(e for e in events_of(text, where=places) if e.trigger.text == "signed")
    assert event.where is not None and event.where.name == "Nairobi"


def test_an_infinitive_after_a_promise_is_promised_even_as_an_adverbial_clause() -> None:
    text = (
        "The ceasefire holds in the east.\n\n"
        '"Both delegations have committed to stop all attacks," said a mediator.'
    )
    assert not [e for e in events_of(text) if e.type == "ASSAULT"]


def test_a_refused_cooperation_is_a_rejection() -> None:
    (refusal,) = events_of("The United States will not send troops to Ukraine.")
    assert (refusal.type, refusal.modality) == ("REJECT", "asserted")
    assert names(refusal.actor) == ["United States"]
    (stopped,) = events_of("Russia will no longer recognize the agreement.")
    assert stopped.type == "REJECT"
    (past,) = events_of("The United States did not send troops to Ukraine.")
    assert (past.type, past.modality) == ("AID", "negated")  # a fact that did not happen
    (going,) = events_of("Norland is not going to attend the summit in Vienna.")
    assert (going.type, going.modality) == ("REJECT", "asserted")  # "going to": a future


def test_yielding_to_pressure_is_a_concession_and_refusing_to_a_rejection() -> None:
    (bowed,) = events_of("Norland bowed to pressure from its allies and dropped the tax.")
    assert (bowed.type, names(bowed.actor)) == ("CONCEDE", ["Norland"])
    (caved,) = events_of("The council caved in to the demands of the strikers.")
    assert caved.type == "CONCEDE"
    for text in (
        "Norland will not bend to pressure from its neighbours, the minister said.",
        "The Norland government will not budge on its position.",
    ):
        (refusal,) = events_of(text)
        assert (refusal.type, refusal.modality) == ("REJECT", "asserted"), text


def test_i_in_reported_words_is_the_speaker() -> None:
    (request,) = events_of("I urge the Taliban to release the prisoners, the envoy said.")
    assert request.type == "REQUEST"
    assert names(request.actor) == ["envoy"] and names(request.recipient) == ["Taliban"]


def test_tariffs_are_sanctions_not_attacks() -> None:
    (tariffs,) = events_of("Washington imposed tariffs on Chinese goods.")
    assert tariffs.type == "SANCTION"
    trade_war = events_of("The trade war between China and the United States deepened.")
    assert {e.type for e in trade_war} == {"SANCTION"}


def test_a_call_for_someone_to_act_is_the_callers_request_to_them() -> None:
    (request,) = events_of("The opposition called for the government to lift the ban on protests.")
    assert (request.type, request.trigger.text) == ("REQUEST", "called")
    assert names(request.actor) == ["opposition"] and names(request.recipient) == ["government"]


def test_the_publication_day_is_only_a_bound_for_an_undated_event() -> None:
    (past,) = events_of("Police arrested dozens of protesters in the capital.")
    assert (past.when.value, past.when.anchor) == (PUBLISHED.value, "publication")
    assert past.when.modifier == "on_or_before"
    (plan,) = events_of("The minister will meet the rebels.")
    assert plan.when.modifier == "on_or_after"


def test_an_act_named_as_recipient_gives_its_actor() -> None:
    text = (
        "North Korea launched a ballistic missile over Japan on Friday. "
        "The United Nations condemned the launch."
    )
    condemned = only(events_of(text), "ACCUSE")
    assert names(condemned.recipient) == ["North Korea"]


@pytest.mark.parametrize(
    ("judging", "doer"),
    [
        # a word the deed's type can name, not the trigger's own word
        ("Japan called the launch a reckless act.", ["North Korea"]),
        # a word that names any deed
        ("Russia condemned such moves.", ["North Korea"]),
        ("Seoul called the move a provocation.", ["North Korea"]),
    ],
)
def test_a_deed_judged_in_other_words_gives_its_doer(judging: str, doer: list[str]) -> None:
    text = f"North Korea fired a ballistic missile over Japan on Friday. {judging}"
    judged = [e for e in events_of(text) if e.type != "MOBILIZE"]
    assert [names(e.recipient) for e in judged] == [doer]


def test_a_deed_whose_doer_is_untold_is_no_recipient() -> None:
    # the shelling is an event of its own sentence, with no doer named there: the
    # condemnation's recipient is who shelled, told before, else no one
    told = "Russian troops shelled Kharkiv on Monday. Germany condemned the shelling."
    assert names(only(events_of(told), "ACCUSE").recipient) == ["Russian troops"]
    untold = events_of("Germany condemned the shelling. France condemned the move.")
    assert [e.recipient for e in untold if e.type == "ACCUSE"] == [(), ()]


def test_a_bare_past_participle_tells_what_befell_its_subject() -> None:
    text = "One of the group's most senior leaders is dead, killed in a joint operation."
    (killing,) = events_of(text)
    assert not killing.actor and "leaders" in names(killing.recipient)[0]
    (attack,) = events_of("The army has attacked the rebels.")
    assert names(attack.actor) == ["army"]  # a perfect stays active


def test_a_town_named_for_one_event_carries_to_the_next_but_not_to_other_parties() -> None:
    text = (
        "Gunmen attacked a hotel in Beledweyne on Tuesday. The militants killed seven people. "
        "Kenya and Ethiopia agreed on Wednesday to share intelligence."
    )
    parties = [
        actor(text, 1, "Kenya", "country", "KEN"),
        actor(text, 2, "Ethiopia", "country", "ETH"),
    ]
    beledweyne = [
        Place(
            "Beledweyne",
            text.index("Beledweyne"),
            text.index("Beledweyne") + 10,
            name="Beledweyne",
            country="SOM",
            feature="city",
        )
    ]
    events = events_of(text, actors=parties, where=beledweyne)
    attack, killing = find(events, "attacked")[0], find(events, "killed")[0]
    assert (attack.where.name, attack.where.basis) == ("Beledweyne", "governs")
    assert (killing.where.name, killing.where.basis) == ("Beledweyne", "previous")
    # Kenya and Ethiopia's agreement is no event of that Somali town
    assert only(events, "AGREE").where is None


def test_the_town_of_the_ledes_deed_is_the_scene_of_later_deeds() -> None:
    text = (
        "Gunmen attacked a hotel in Beledweyne on Tuesday. "
        "The hotel, built in the 1990s, has forty rooms, a garden and a large hall that "
        "local elders often rent for weddings, funerals and long evenings of poetry. "
        "It stands on the main road out of town, near the market and the old cinema, and "
        "most travellers heading north to the border stop there for a meal and a night. "
        "Its owner, a former teacher, bought it from his uncle and painted it blue. "
        "Its kitchen is known for goat stew and sweet tea. "
        "Residents said a soldier was shot overnight. "
        "The president condemned the attack in a statement."
    )
    town = text.index("Beledweyne")
    beledweyne = [Place("Beledweyne", town, town + 10, name="Beledweyne", country="SOM",
                        feature="city")]  # fmt: skip
    events = events_of(text, where=beledweyne)
    # the scene puts the doerless shooting in Beledweyne, where it is the attack's toll
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.where is not None and attack.where.name == "Beledweyne"
    assert "shot" in [m.text for m in attack.mentions]
    assert all(e.where is None for e in events if e.type == "ACCUSE")  # words, not deeds


def test_the_group_and_the_country_take_up_the_actor_named_before() -> None:
    text = (
        "Al-Shabab claimed the attack on Tuesday. The group often attacks hotels. "
        "A group of protesters attacked the police. Sudan is at war. "
        "Children suffer from the country's war."
    )
    named = [
        actor(text, 1, "al-Shabab", "organization", None, "Al-Shabab"),
        actor(text, 2, "Sudan", "country", "SDN"),
    ]
    events = events_of(text, actors=named)
    assert names(find(events, "attacks")[0].actor) == ["al-Shabab"]
    # "a group of protesters" says who they are
    assert names(find(events, "attacked")[0].actor) == ["protesters"]
    (war,) = [e for e in events if e.trigger.text == "war" and e.trigger.start > 120]
    assert names(war.actor) == ["Sudan"]


def test_releasing_a_video_is_no_release_of_captives() -> None:
    text = "Boko Haram released a video on Sunday. Hamas released three hostages on Saturday."
    events = events_of(text)
    assert [e.trigger.text for e in events if e.type == "RETREAT"] == ["released"]
    assert names(only(events, "RETREAT").recipient) == ["three hostages"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator released his tax returns on Friday.",
        "The campaign released an advertisement this week.",
        "Attorneys for the family released it to reporters.",
        "The minister authorized the release of $1.2 billion for the schools.",
        "The company said the smartphone release was delayed by a month.",
        # the parser hangs the participle on "said"; it still describes the memo
        "The director said so in a memo, released as part of a court filing.",
    ],
)
def test_releasing_what_no_one_holds_is_no_release_of_captives(sentence: str) -> None:
    assert all(e.type != "RETREAT" for e in events_of(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels freed the tanker on Monday.",
        "The 21 were freed before dawn.",
        "Police released him on Tuesday.",
    ],
)
def test_freeing_people_or_their_craft_is_a_release(sentence: str) -> None:
    assert any(e.type == "RETREAT" for e in events_of(sentence))


def test_people_named_by_their_trade_can_act() -> None:
    text = "Chicken sellers protested the restrictions. Organizers said vendors would march."
    events = events_of(text)
    assert [names(e.actor) for e in events if e.type == "PROTEST"] == [
        ["Chicken sellers"],
        ["vendors"],
    ]


def test_a_damning_verdict_is_an_accusation_by_the_judge() -> None:
    text = "Jenrick described the plan as a betrayal. Kenya called the talks productive."
    events = events_of(text, actors=[actor(text, 1, "Robert Jenrick", "person", "GBR", "Jenrick")])
    accusation = only(events, "ACCUSE")
    assert (accusation.trigger.text, names(accusation.actor)) == ("described", ["Robert Jenrick"])
    # praise is no accusation; "called a meeting" with a clause of refusals neither
    calm = events_of(
        "Abe called emergency meetings, during which he said he could not accept the provocations."
    )
    assert all(e.type != "ACCUSE" for e in calm)


def test_telling_that_someone_did_wrong_is_an_accusation_by_the_speaker() -> None:
    accusation = only(
        events_of("The United States said Iran is violating its commitments."), "ACCUSE"
    )
    assert accusation.trigger.text == "said" and accusation.mode == "allege"
    assert (names(accusation.actor), names(accusation.recipient)) == (["United States"], ["Iran"])
    text = "Six ships that U.S. authorities say are violating sanctions are Chinese-owned."
    charged = only(events_of(text), "ACCUSE")  # the relative pronoun stands for the ships
    assert (names(charged.actor), names(charged.recipient)) == (["U.S. authorities"], ["Six ships"])
    # a denial, a confession and a report of a deed are no accusation
    for text in (
        "Iran said it is not violating the deal.",
        "The minister said we broke the rules.",
        "Officials said that Iran attacked Iraq last week.",
    ):
        assert all(e.type != "ACCUSE" for e in events_of(text)), text


def test_someone_sent_or_held_in_custody_is_coerced() -> None:
    text = "A Guatemalan judge ordered journalist Jose Ruben Zamora back to prison on Monday."
    arrest = only(events_of(text), "COERCE")
    assert (arrest.trigger.text, arrest.mode) == ("ordered", "arrest")
    assert names(arrest.recipient) == ["journalist Jose Ruben Zamora"]
    taken = only(events_of("Police took three protesters into custody."), "COERCE")
    assert names(taken.actor) == ["Police"] and names(taken.recipient) == ["three protesters"]
    # a thing sent to a prison named with its article is a delivery, not custody
    assert not events_of("The ministry said the shipment was sent to the prison.")
    # staying in custody: the subject is held, by whoever's custody it is
    held = only(events_of("Eight Uyghurs who remain in Thailand's custody are at risk."), "COERCE")
    assert (names(held.actor), names(held.recipient)) == (["Thailand"], ["Eight Uyghurs"])
    assert not events_of("He died in prison in 2020.")


def test_an_infinitive_marker_is_no_required_to() -> None:
    # "decline" is a REJECT when someone declines to do something, not when a number falls
    assert not events_of("As Japan's population continues to decline, incomes fall.")
    refusal = events_of("The Iranian delegation declined to attend the talks with Washington.")
    assert "REJECT" in {e.type for e in refusal}


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministry declined to comment on the report.",
        "The embassy declined comment.",
        "The minister refused to say whether troops would be sent.",
        "The army refused to confirm the number of soldiers killed.",
    ],
)
def test_declining_comment_rejects_no_one(text: str) -> None:
    assert "REJECT" not in {e.type for e in events_of(text)}


def test_a_warning_of_what_befalls_threatens_no_one() -> None:
    text = "EU leaders warn that if the bloc fails its citizens, it could rapidly fall apart."
    assert "THREATEN" not in {e.type for e in events_of(text)}
    (threat,) = events_of("North Korea warned that it would sink Japan.")
    assert (threat.type, names(threat.recipient)) == ("THREATEN", ["Japan"])


def test_recognizing_a_fact_recognizes_no_state() -> None:
    text = "The aides were pleased, perhaps recognizing that imitation is flattery."
    assert "SUPPORT" not in {e.type for e in events_of(text)}
    (recognition,) = events_of("Israel recognized Somaliland on Friday.")
    assert (recognition.type, names(recognition.recipient)) == ("SUPPORT", ["Somaliland"])


@pytest.mark.parametrize(
    ("text", "agreed"),
    [
        # what is accepted is something put to a party
        ("Iran accepted the invitation to the talks.", True),
        ("Colorado accepted Syrian refugees last year.", True),
        ("Denmark accepted a formula for ending the dispute.", True),
        ("The minister has accepted himself as he is.", False),
        ("The party accepted $2 million in donations.", False),
        # what is offered is cooperation
        ("The rebels offered talks to the government on Monday.", True),
        ("The president offered to mediate between the two sides.", True),
        ("Egypt offered a ceasefire plan to both parties.", True),
        ("The senator offered some blunt advice to the governor.", False),
        ("The island offers a wealth of benefits to foreign banks.", False),
    ],
)
def test_what_is_accepted_or_offered_is_an_agreement(text: str, agreed: bool) -> None:
    assert ("AGREE" in {e.type for e in events_of(text)}) is agreed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council denied port access to four ships on Thursday.", ["COERCE"]),
        ("Hungary denied entry to the refugees.", ["COERCE"]),
        ("Iran denied the accusations.", ["REJECT"]),
        ("The spokeswoman lashed out at the opposition on Wednesday.", ["ACCUSE"]),
        ("The rebels often lash out with raids of their own.", []),
    ],
)
def test_denying_access_restricts_and_lashing_out_accuses(text: str, expected: list[str]) -> None:
    assert [e.type for e in events_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "mobilized"),
    [
        ("Russia mobilized 300,000 reservists on Wednesday.", True),
        ("The governor mobilized the National Guard.", True),
        ("Azerbaijan mobilized on Sunday.", True),
        ("Democratic party insiders are trying to mobilize black Florida voters.", False),
    ],
)
def test_what_is_mobilized_is_armed_forces(text: str, mobilized: bool) -> None:
    assert ("MOBILIZE" in types(text)) is mobilized


def test_welcoming_a_date_backs_no_one() -> None:
    text = (
        "While Germans are stocking up on firecrackers and Champagne to welcome the New Year, "
        "officials are setting up roadblocks."
    )
    assert "SUPPORT" not in types(text)
    (backing,) = events_of("Seoul welcomed the decision of North Korea.")
    assert backing.type == "SUPPORT"
    # welcoming guests is hosting them, no backing
    assert "SUPPORT" not in types("The governor welcomed two hundred visitors to the fair.")


def test_an_endorsement_of_someone_with_no_owner_is_theirs() -> None:
    text = "Clinton was thrilled to receive the endorsement of LeBron James on Monday."
    events = herald.extract(text, date="2016-09-26", all_events=True).events
    assert names(only(tuple(events), "SUPPORT").actor) == ["LeBron James"]


def test_what_is_broken_up_is_a_gathering() -> None:
    assert "COERCE" in types("Police broke up the protest in Minsk on Sunday.")
    assert "COERCE" in types("Police broke up a terrorist cell in Brussels.")
    assert "COERCE" not in types("Clinton wants to break up the big banks.")


def test_arriving_in_a_body_visits_no_one() -> None:
    assert "CONSULT" not in types("He arrived in Congress in 1993 and voted against the bill.")
    assert "CONSULT" in types("Trump arrived in Japan on Sunday.")


def test_an_invasion_is_of_land() -> None:
    assert "ASSAULT" not in types("There was an attempted invasion of the theater on Friday.")
    assert "ASSAULT" in types("Russia's invasion of Ukraine killed thousands.")


def test_an_execution_kills_people_not_plans() -> None:
    (killing,) = events_of("Islamic State executed 12 prisoners in Raqqa.")
    assert (killing.type, killing.mode) == ("ASSAULT", "targeted")
    assert not events_of("The senator entered the debate with a plan and executed it.")


def test_what_is_declined_may_be_a_thing_offered() -> None:
    (refusal,) = events_of("The government declined humanitarian assistance from Japan.")
    assert refusal.type == "REJECT"


def test_what_someone_undergoes_comes_from_its_giver() -> None:
    text = "Syria's new constitution is facing criticism from legal experts."
    criticism = only(events_of(text), "ACCUSE")
    assert names(criticism.actor) == ["legal experts"]
    assert names(criticism.recipient) == ["Syria's new constitution"]  # not the critic
    aid = only(events_of("Ukraine received military aid from the United States."), "AID")
    assert (names(aid.actor), names(aid.recipient)) == (["United States"], ["Ukraine"])


def test_a_claim_of_responsibility_names_the_attacker_told_before() -> None:
    text = (
        "Gunmen stormed a hotel in the town of Beledweyne on Tuesday, killing five people. "
        "Al-Shabab militants claimed responsibility for the attack."
    )
    events = herald.extract(text, date="2025-03-12").events
    attack = only(events, "ASSAULT")  # one attack, told twice; the gunmen were unidentified
    assert attack.trigger.text == "stormed" and [t.text for t in attack.mentions][-1] == "attack"
    assert [a.text for a in attack.actor] == ["Al-Shabab militants"]
    # words between the article and the deed: "for the hotel attack"
    hotel = text.replace("for the attack", "for the hotel attack")
    assert len(herald.extract(hotel, date="2025-03-12").events) == 1


def test_the_owner_of_a_thing_welcomed_or_condemned_is_the_party() -> None:
    welcome = only(events_of("The minister welcomed Tuesday's announcement by Ukraine."), "SUPPORT")
    assert names(welcome.recipient) == ["Ukraine"]
    # the parser takes the object of a verdict for its predicate ("oprd")
    denial = only(events_of("The ministry called Pakistan's assertions baseless."), "REJECT")
    assert names(denial.recipient) == ["Pakistan"]
    # a party named as the object stays the party
    support = only(events_of("The minister welcomed Ukraine's envoy."), "SUPPORT")
    assert names(support.recipient) == ["Ukraine's envoy"]


def test_what_is_opposed_decides_between_accuse_and_reject() -> None:
    deed = events_of("Russia opposed the sanctions imposed by the European Union.")
    assert {e.type for e in deed} == {"ACCUSE", "SANCTION"}  # the deed stays an event
    proposal = events_of("The senator opposes the bill.")
    assert [e.type for e in proposal] == ["REJECT"]


def test_a_photo_released_by_an_agency_is_no_release() -> None:
    text = "Pictures released on Friday by the agency show the launch."
    assert all(e.type != "RETREAT" for e in events_of(text))


def test_who_proclaims_a_decision_takes_it_but_only_reports_violence() -> None:
    truce = only(events_of("The rival governments announced an immediate ceasefire."), "RETREAT")
    assert names(truce.actor) == ["rival governments"]
    sent = only(events_of("Ghana announced the deployment of troops to Mali."), "MOBILIZE")
    assert names(sent.actor) == ["Ghana"]
    text = "The army announced the killing of ten soldiers in an ambush."
    assert not [a for e in events_of(text) if e.type == "ASSAULT" for a in e.actor]


def test_the_owner_of_a_deed_done_to_someone_else_does_it() -> None:
    invasion = only(events_of("Russia's invasion of Ukraine drew sanctions."), "ASSAULT")
    assert (names(invasion.actor), names(invasion.recipient)) == (["Russia"], ["Ukraine"])
    held = only(events_of("The journalist's arrest by police drew criticism."), "COERCE")
    assert (names(held.actor), names(held.recipient)) == (["police"], ["journalist"])


@pytest.mark.parametrize(
    ("sentence", "ptype", "actor"),
    [
        ("Rebel fighters violated the truce twice overnight.", "ASSAULT", "Rebel fighters"),
        ("The militias will lay down their weapons on Friday.", "RETREAT", "militias"),
        ("Demonstrators burned an effigy of the governor.", "PROTEST", "Demonstrators"),
        ("Dock workers stopped work on Monday over pay.", "PROTEST", "Dock workers"),
        ("The army began an operation against the insurgents.", "ASSAULT", "army"),
        ("Iran launched cyber warfare against Israel.", "ASSAULT", "Iran"),
        ("The teachers took to the streets of the capital.", "PROTEST", "teachers"),
        ("Militants set off a bomb near the market.", "ASSAULT", "Militants"),
        ("An angry mob set fire to the police station.", "PROTEST", "angry mob"),
        # force used by rioters is a riot (PROTEST riot, CAMEO 145)
        ("Rioters went on a looting spree in the city.", "PROTEST", "Rioters"),
        ("The rebels have retaken the town from the army.", "ASSAULT", "rebels"),
    ],
)
def test_idioms_of_fighting_disarming_and_protest(sentence: str, ptype: str, actor: str) -> None:
    assert names(only(events_of(sentence), ptype).actor) == [actor]


def test_a_deed_used_as_an_instrument_is_done_by_the_subject_to_the_object() -> None:
    text = "Warplanes hit the rebel bases with airstrikes on Sunday."
    strikes = only(events_of(text), "ASSAULT")
    assert (names(strikes.actor), names(strikes.recipient)) == (["Warplanes"], ["rebel bases"])
    assert not [a for e in events_of("The senators sympathized with the attack.") for a in e.actor]


def test_a_frame_around_a_deed_passes_on_its_verb() -> None:
    emergency = only(events_of("Peru declared a state of emergency."), "COERCE")
    assert names(emergency.actor) == ["Peru"]
    arrests = only(events_of("Police carried out a wave of arrests."), "COERCE")
    assert names(arrests.actor) == ["Police"]


@pytest.mark.parametrize(
    ("sentence", "actors", "recipients"),
    [
        ("Germany announced 20 million euros in aid for Yemen.", ["Germany"], ["Yemen"]),
        ("Kenya received 20 tons of aid from China.", ["China"], ["Kenya"]),
        ("Malaysia secured $5 billion in loans from China.", ["China"], ["Malaysia"]),
    ],
)
def test_a_sum_a_deed_is_counted_in_passes_on_its_verb(
    sentence: str, actors: list[str], recipients: list[str]
) -> None:
    aid = only(events_of(sentence), "AID")
    assert (names(aid.actor), names(aid.recipient)) == (actors, recipients)


def test_forces_sent_to_keep_the_peace_are_aid() -> None:
    # CAMEO 074, "provide military protection or peacekeeping", is an AID in PLOVER
    text = "Nigeria announced the deployment of 230 troops to Liberia on a peacekeeping mission."
    peacekeeping = only(events_of(text), "AID")
    assert (names(peacekeeping.actor), names(peacekeeping.recipient)) == (["Nigeria"], ["Liberia"])
    assert only(events_of("Russia deployed troops to the border."), "MOBILIZE")


def test_returning_what_was_taken_is_a_retreat_and_going_back_is_nothing() -> None:
    # PLOVER's RETREAT covers the return of property and the repatriation of refugees
    text = "Italy returned the stolen paintings to Egypt."
    returned = only(events_of(text), "RETREAT")
    assert (names(returned.actor), names(returned.recipient)) == (["Italy"], ["Egypt"])
    assert only(events_of("Kenya repatriated 500 refugees to Somalia."), "RETREAT")
    assert not events_of("The refugees returned to Syria with their families.")
    assert only(events_of("The soldiers returned fire on the militants."), "ASSAULT")


def test_a_protest_with_no_named_protester_is_the_protest_of_the_place_it_names() -> None:
    found = herald.extract("Violent protests erupted in Colombia on Tuesday.", "2019-11-27")
    protest = only(found.events, "PROTEST")
    assert [(a.name, a.country, a.sector) for a in protest.actor] == [("protesters", "COL", "CVL")]
    # a rally of a campaign, or a demonstration of resolve, is no crowd protesting
    for text in (
        "At a rally in Ohio, the senator praised the plan.",
        "The flight was a demonstration of resolve in Japan.",
        "Protests are a right in any democracy.",
    ):
        found = herald.extract(text, "2019-11-27", all_events=True)
        assert "PROTEST" not in {e.type for e in found.events}, text


def test_violence_no_one_is_named_for_is_kept_where_its_sentence_places_it() -> None:
    # conflict data codes a placed deed with its doer unknown; with no place, or told by a
    # noun or an infinitive, a deed with no party is a mention, not a report
    for text, ptype in (
        ("A stash of firearms and ammunition was found in a dam near Oudtshoorn.", "COERCE"),
        ("A cache of rockets was discovered near the main market in Kabul.", "COERCE"),
    ):
        found = herald.extract(text, "2021-03-04")
        deed = only(found.events, ptype)
        assert (deed.actor, deed.recipient, deed.where is not None) == ((), (), True), text
    for text in (
        "A cache of rockets was discovered on Friday.",
        "The attack in Maiduguri shocked the country.",
        "They failed to prevent a massacre in South Sudan.",
        "Someone was jailed at the Capitol.",
    ):
        found = herald.extract(text, "2021-03-04")
        assert not [e for e in found.events if not e.actor and not e.recipient], text


def test_crowd_control_with_its_weapons_named_is_an_assault() -> None:
    # PLOVER's ASSAULT crowd-control asks for an explicit weapon or tactic of crowd control
    gassed = only(events_of("Riot police fired tear gas to disperse the protesters."), "ASSAULT")
    assert gassed.mode == "crowd-control"
    assert only(events_of("Police dispersed the protesters on Monday."), "COERCE")
    air_raid = only(events_of("Saudi jets carried out an air raid on Marib."), "ASSAULT")
    assert air_raid.mode == "aerial"
    assert only(events_of("Police raided the house of the opposition leader."), "COERCE")


def test_what_one_comes_under_is_suffered_not_a_standing_state() -> None:
    attack = only(events_of("The convoy came under attack near Gao on Tuesday."), "ASSAULT")
    assert names(attack.recipient) == ["convoy"]
    assert not events_of("A ship under United States sanctions docked in Iran.")


def test_the_dead_of_an_explosion_of_an_installation_are_no_victims_of_anyone() -> None:
    text = "Six people were killed and two others injured when a chemical plant exploded."
    assert not events_of(text)


def test_who_died_of_a_deed_that_names_no_doer_are_its_victims() -> None:
    attack = only(events_of("Five soldiers died in the attack on Tuesday."), "ASSAULT")
    assert names(attack.recipient) == ["Five soldiers"]
    tortured = only(events_of("The prisoner died as a result of torture in jail."), "ASSAULT")
    assert names(tortured.recipient) == ["prisoner"]
    assert not events_of("The president died in a car accident.")


def test_a_toll_told_with_the_deed_that_caused_it_is_that_deed() -> None:
    # one event: the deed with its doer (a gerund's "by" phrase) and the toll's victims
    text = "Two soldiers were killed in shelling by Syrian government forces in Idlib."
    shelling = only(events_of(text), "ASSAULT")
    assert (names(shelling.actor), names(shelling.recipient)) == (
        ["Syrian government forces"],
        ["Two soldiers"],
    )
    text = "A roadside bombing killed one U.S. soldier and wounded two others."
    bombing = only(events_of(text), "ASSAULT")
    assert (bombing.trigger.text, names(bombing.recipient)) == (
        "bombing",
        ["one U.S. soldier", "two others"],
    )
    # who dies in a fight died at the hands of the side it was fought with
    text = "The gang leader was killed in a gun battle with police in the capital."
    battle = only(events_of(text), "ASSAULT")
    assert (names(battle.actor), names(battle.recipient)) == (["police"], ["gang leader"])
    # "when" the deed was done, and shared by verbs joined together
    text = "Two soldiers were killed and three wounded when rebels attacked the base."
    attack = only(events_of(text), "ASSAULT")
    # (the wounded too: "three wounded", its "were" left out, were wounded)
    sides = (names(attack.actor), names(attack.recipient))
    assert sides == (["rebels"], ["base", "Two soldiers", "three"])
    # a toll beside another toll, or after a deed, is not that deed
    text = "Dozens of people were killed and hundreds were injured when gunmen opened fire."
    assert "people" in {name for e in events_of(text) for name in names(e.recipient)}
    text = "Three people were killed on Monday, a week after the attack on the base."
    assert ["Three people"] in [names(e.recipient) for e in events_of(text)]


def test_military_formations_and_troops_by_their_trade_act_for_their_side() -> None:
    text = "Relations soured in 2010 after Israeli commandos stormed the Mavi Marmara."
    stormed = only(events_of(text), "ASSAULT")
    assert [(a.name, a.country) for a in stormed.actor] == [("Israeli commandos", "ISR")]
    shelled = only(events_of("A battalion shelled the village on Monday."), "ASSAULT")
    assert [a.sector for a in shelled.actor] == ["MIL"]


def test_driving_someone_out_is_force_only_where_forces_do_it() -> None:
    for text in ("The senator pushed the bill out of committee.", "She drove her car out of town."):
        assert not events_of(text), text


def test_reducing_aid_ending_talks_and_cancelling_visits_reduce_relations() -> None:
    # CAMEO 162 (reduce or stop aid), 164 (halt negotiations): SANCTION in PLOVER
    cut = only(events_of("Britain reduced humanitarian aid to Liberia."), "SANCTION")
    assert (cut.mode, names(cut.recipient)) == ("discontinue", ["Liberia"])
    ended = events_of("Iran and France ended their talks in Geneva.")
    assert [(e.type, e.mode) for e in ended] == [("SANCTION", "withdraw")]
    cancelled = only(
        events_of("The prime minister cancelled a planned visit to Washington."), "REJECT"
    )
    assert cancelled.mode == "meet"


def test_it_stands_for_the_body_that_speaks() -> None:
    text = "The army says it has ceased its military operations near the capital."
    ceased = only(events_of(text), "RETREAT")
    assert names(ceased.actor) == ["army"]
    text = "The army command says it has ceased its operations near the capital."
    assert names(only(events_of(text), "RETREAT").actor) == ["army command"]
    # the parser tags a body noun after a possessor as a proper noun
    text = "Norland's foreign ministry said it would not accept the ruling of the tribunal."
    assert names(only(events_of(text), "REJECT").actor) == ["Norland's foreign ministry"]


def test_armed_forces_that_leave_a_country_withdraw() -> None:
    left = only(events_of("The French troops left Mali last year."), "RETREAT")
    assert (left.mode, names(left.actor), names(left.recipient)) == (
        "withdraw",
        ["French troops"],
        ["Mali"],
    )
    assert not [e for e in events_of("The minister left the hall early.") if e.type == "RETREAT"]


def test_being_ready_to_act_is_an_intent() -> None:
    ready = events_of("Iran is ready to talk with the United States.")
    assert [e.type for e in ready] == ["AGREE"]
    assert not events_of("The army is ready for the vote.")
    # an intent to do no deed the lexicon knows agrees to nothing
    assert not events_of("The minister is ready to answer questions.")
    assert not events_of("The senator was willing to walk close to the line.")


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Hamas vowed to attack Israel.", "THREATEN"),
        ("Russia promised to impose sanctions on Ukraine.", "THREATEN"),
        ("The president pledged to stop the fighting.", "AGREE"),
        ("The two navies agreed to hold joint drills.", "AGREE"),
        ("Officials promise arrests if corruption continues.", "THREATEN"),
        ("The army vowed fresh attacks on the rebels.", "THREATEN"),
        ("The minister promised talks with the unions.", "AGREE"),
    ],
)
def test_a_commitment_to_harm_is_a_threat(sentence: str, ptype: str) -> None:
    assert [e.type for e in events_of(sentence)] == [ptype]


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Kim vowed to defy the international community.", "REJECT"),
        ("Kim showed his willingness to defy the international community.", "REJECT"),
        ("Russia expressed its willingness to resume talks with Ukraine.", "AGREE"),
        ("Nigeria expresses willingness to cooperate on a security framework.", "AGREE"),
    ],
)
def test_an_intent_to_refuse_is_a_refusal(sentence: str, ptype: str) -> None:
    # PLOVER's AGREE is an intent to cooperate; willingness to do what another type names
    # is that type's intent, and to refuse or defy is a REJECT
    assert [e.type for e in events_of(sentence)] == [ptype]


@pytest.mark.parametrize("verb", ["reached", "finalized", "sealed", "clinched", "inked"])
def test_an_agreement_made_final_is_an_agreement(verb: str) -> None:
    made = only(events_of(f"Britain {verb} a deal with Mauritius on Monday."), "AGREE")
    assert (names(made.actor), names(made.recipient)) == (["Britain"], ["Mauritius"])


@pytest.mark.parametrize("verb", ["restored", "resumed", "established", "normalized"])
def test_diplomatic_relations_taken_up_are_support(verb: str) -> None:
    found = only(events_of(f"India and Mexico {verb} diplomatic relations."), "SUPPORT")
    assert names(found.actor) == ["India", "Mexico"]
    assert not events_of("The two armies resumed their positions.")


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Prosecutors charged the commander with murdering two police officers.", ["commander"]),
        # a pronoun stands for someone the sentence does not name: not the accuser
        ("Police accused him of attacking the officer.", []),
        ("The army helped the police with arresting the suspects.", ["army"]),
    ],
)
def test_who_is_charged_with_a_deed_does_it(sentence: str, actor: list[str]) -> None:
    deed = next(e for e in events_of(sentence) if e.type in ("ASSAULT", "COERCE"))
    assert names(deed.actor) == actor


@pytest.mark.parametrize(
    ("sentence", "ptype", "actor"),
    [
        ("Parliament passed a law banning the opposition party.", "COERCE", ["Parliament"]),
        ("Trump signed an executive order imposing sanctions on Iran.", "SANCTION", ["Trump"]),
        ("A decree banning the party was issued by the junta.", "COERCE", ["junta"]),
        # who judges an instrument did not make it
        ("The minister criticized a law banning the party.", "COERCE", []),
    ],
)
def test_who_makes_an_instrument_does_what_it_does(
    sentence: str, ptype: str, actor: list[str]
) -> None:
    assert names(only(events_of(sentence), ptype).actor) == actor


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Indonesia and India signed a billion dollar aid package.", "AID"),
        ("Canada and Chile ratified a new cooperation agreement.", "COOPERATE"),
        ("Kenya and Canada signed a ceasefire.", "RETREAT"),
        # an accord that names no such deed stays the endorsement of signing it
        ("The two leaders signed a joint statement.", "SUPPORT"),
        # backing an aid package is no aid
        ("The United States supported the aid package.", "SUPPORT"),
    ],
)
def test_an_accord_signed_is_the_deed_it_names(sentence: str, ptype: str) -> None:
    assert [e.type for e in events_of(sentence)] == [ptype]


def test_signing_a_law_supports_no_one() -> None:
    assert not events_of("The president signed the bill into law on Friday.")
    assert not events_of("It was signed into law in 1935 by the president.")
    signed = events_of("Trump signed an executive order imposing sanctions on Iran.")
    assert [e.type for e in signed] == ["SANCTION"]
    assert [e.type for e in events_of("The two leaders signed a joint statement.")] == ["SUPPORT"]


def test_disapproval_voiced_is_an_accusation() -> None:
    voiced = only(
        events_of("Kenyan voters expressed widespread disapproval of the leader."), "ACCUSE"
    )
    assert names(voiced.recipient) == ["leader"]
    assert not events_of("The ruling drew disapproval from many lawyers.")


def test_a_blow_at_military_bases_is_an_attack() -> None:
    # the lemmatizer reads "bases" as "basis", an abstraction no blow falls on
    attack = only(events_of("Militants attacked two military bases in Mali."), "ASSAULT")
    assert names(attack.actor) == ["Militants"]
    assert not events_of("The scandal destroyed the basis of trust.")


def test_a_date_owns_no_deed() -> None:
    text = "The two ministers will attend Saturday's meeting in Jakarta."
    assert names(only(events_of(text), "CONSULT").actor) == ["two ministers"]


def test_a_deed_named_before_the_effort_that_frames_it_is_the_efforts_doer() -> None:
    text = "The envoy launched a mediation mission between Sudan and Chad."
    talks = only(events_of(text), "CONSULT")
    assert (names(talks.actor), names(talks.recipient)) == (["envoy"], ["Sudan", "Chad"])
    assert not [e for e in events_of("The protest leaders met on Monday.") if e.type == "PROTEST"]


def test_who_sparks_a_protest_is_its_target_not_a_protester() -> None:
    protest = only(events_of("The minister sparked protests in the capital."), "PROTEST")
    assert (names(protest.actor), names(protest.recipient)) == ([], ["minister"])


def test_hailing_someone_is_support_and_hailing_from_somewhere_is_not() -> None:
    hailed = only(events_of("Putin hailed the court's decision."), "SUPPORT")
    assert names(hailed.actor) == ["Putin"]
    assert not events_of("The senator hails from Texas.")


def test_who_gathers_for_a_deed_or_takes_part_in_it_does_it() -> None:
    vigil = only(events_of("Students gathered outside the court for a vigil."), "PROTEST")
    assert names(vigil.actor) == ["Students"]
    march = only(events_of("Nurses participated in the march."), "PROTEST")
    assert names(march.actor) == ["Nurses"]
    hurt = only(events_of("Ten people were injured in the protest."), "ASSAULT")
    assert names(hurt.recipient) == ["Ten people"]


def test_a_deed_that_breaks_out_between_parties_is_theirs() -> None:
    text = "Clashes broke out between police and students on Saturday."
    clashes = only(events_of(text), "ASSAULT")
    assert names(clashes.actor) == ["police", "students"]


@pytest.mark.parametrize(
    ("sentence", "actor", "recipient"),
    [
        ("Gunmen opened fire on the convoy near the border.", "Gunmen", "convoy"),
        ("Three soldiers raped a woman at the checkpoint.", "Three soldiers", "woman"),
        ("The guards abused the detainees for weeks.", "guards", "detainees"),
        ("Soldiers looted the shops on Main Street.", "Soldiers", "shops"),
        ("Settlers threw stones at the car.", "Settlers", "car"),
        ("Youths pelted the soldiers with stones.", "Youths", "soldiers"),
        # hacked to death is no cyber attack
        ("Gunmen hacked five villagers to death.", "Gunmen", "five villagers"),
    ],
)
def test_violence_the_lemmatizer_or_the_lexicon_missed(
    sentence: str, actor: str, recipient: str
) -> None:
    assault = only(events_of(sentence), "ASSAULT")
    assert (names(assault.actor), names(assault.recipient)) == ([actor], [recipient])


def test_abusing_power_or_looting_money_is_no_assault() -> None:
    assert not events_of("The pitcher threw the ball at the plate.")
    assert not events_of("The minister abused his power.")
    assert not events_of("The developers looted millions of dollars from investors.")


def test_harm_set_on_a_condition_is_a_threat_to_whom_the_condition_is_put() -> None:
    text = "Japan will impose sanctions if Moscow annexes the islands."
    threat = only(events_of(text), "THREATEN")
    assert (names(threat.actor), names(threat.recipient), threat.modality) == (
        ["Japan"],
        ["Moscow"],
        "asserted",
    )
    assert not [e for e in events_of("Japan will impose sanctions.") if e.type == "THREATEN"]
    asked = "If Moscow annexes the islands, how hard should Japan retaliate?"
    assert not [e for e in events_of(asked) if e.type == "THREATEN"]


def test_protesters_who_gather_demonstrate_and_leaders_who_gather_do_not() -> None:
    protest = only(events_of("Hundreds of protesters gathered outside the embassy."), "PROTEST")
    assert names(protest.actor) == ["protesters"]
    assert not events_of("European leaders gathered in Brussels on Monday.")


def test_the_police_catching_or_capturing_people_arrest_them() -> None:
    caught = only(events_of("Police caught the escaped prisoners on Sunday."), "COERCE")
    assert (caught.mode, names(caught.recipient)) == ("arrest", ["escaped prisoners"])
    captured = only(events_of("The fugitives were captured by police in Lagos."), "COERCE")
    assert names(captured.actor) == ["police"]
    assert only(events_of("Rebels captured the town on Friday."), "ASSAULT")


def test_a_light_verb_whose_object_the_parser_made_a_clause_subject_lends_its_subject() -> None:
    text = "China conducted the military drills encircling Taiwan last week."
    assert names(only(events_of(text), "MOBILIZE").actor) == ["China"]


def test_aid_given_to_support_someone_is_one_aid_to_them() -> None:
    text = "The United States provided $1.7 billion in assistance to support Syrian refugees."
    events = events_of(text)
    assert [e.type for e in events] == ["AID"]
    assert names(events[0].recipient) == ["Syrian refugees"]
    # aid given to a party keeps it, and the support is not an event of its own
    gave = events_of("China gave weapons to Serbia to support its army.")
    assert [(e.type, names(e.recipient)) for e in gave] == [("AID", ["Serbia"])]


def test_withdrawing_envoys_or_peacekeepers_reduces_relations_and_troops_retreat() -> None:
    recalled = only(events_of("Turkey withdrew its ambassador from the Netherlands."), "SANCTION")
    assert (recalled.mode, names(recalled.recipient)) == ("withdraw", ["Netherlands"])
    peacekeepers = events_of("The UN withdrew peacekeepers from the Golan Heights.")
    assert [(e.type, e.mode) for e in peacekeepers] == [("SANCTION", "expel")]
    assert only(events_of("Russia withdrew its troops from Kherson."), "RETREAT").mode == "withdraw"


@pytest.mark.parametrize(
    ("sentence", "ptype", "actor"),
    [
        ("The army put its troops on high alert.", "MOBILIZE", "army"),
        ("The government called up 300,000 reservists.", "MOBILIZE", "government"),
        ("Authorities shut down the independent newspaper.", "COERCE", "Authorities"),
        ("The regime used chemical weapons against civilians.", "ASSAULT", "regime"),
        ("Russian hackers attacked the ministry's computer systems.", "COERCE", "Russian hackers"),
        ("UN peacekeepers protected civilians in the camp.", "AID", "UN peacekeepers"),
        ("Police were deployed across the capital ahead of the vote.", "MOBILIZE", "Police"),
    ],
)
def test_deeds_of_plovers_table_the_lexicon_missed(sentence: str, ptype: str, actor: str) -> None:
    assert names(only(events_of(sentence), ptype).actor) == [actor]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("The army used chemical weapons on civilians.", ["civilians"]),
        ("Police used tear gas on protesters.", ["protesters"]),
    ],
)
def test_weapons_used_on_someone_attack_them(sentence: str, target: list[str]) -> None:
    assert names(only(events_of(sentence), "ASSAULT").recipient) == target
    assert not events_of("The government used the money on schools.")


def test_a_strike_with_a_weapon_or_a_military_word_is_an_attack() -> None:
    assert only(events_of("The army launched a retaliatory strike on the camp."), "ASSAULT")
    assert only(events_of("The dock workers went on strike on Monday."), "PROTEST")


def test_expelling_envoys_reduces_relations_and_expelling_a_person_deports() -> None:
    envoys = only(events_of("Russia expelled two US Embassy staff members."), "SANCTION")
    assert envoys.mode == "expel"
    described = only(events_of("Russian diplomats expelled by the US left Washington."), "SANCTION")
    assert names(described.actor) == ["US"]
    person = only(events_of("The government expelled the BBC correspondent."), "COERCE")
    assert (person.mode, names(person.recipient)) == ("deport", ["BBC correspondent"])


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Israeli jets pounded targets in southern Lebanon.", "ASSAULT"),
        ("Russia moved tanks towards the border.", "MOBILIZE"),
        ("The committee turned down the request.", "REJECT"),
        ("Armenia handed back the villages to Azerbaijan.", "RETREAT"),
        ("The rebels vowed to continue fighting.", "THREATEN"),
        ("Militants burned down a school in Borno state.", "ASSAULT"),
        ("The army drove the rebels out of the town.", "ASSAULT"),
        ("Troops dislodged the insurgents from the hills.", "ASSAULT"),
        ("Gunmen burned shops and cars in the city centre.", "ASSAULT"),
        ("The opposition attacked the minister as a traitor.", "ACCUSE"),
    ],
)
def test_phrasings_of_common_deeds(sentence: str, ptype: str) -> None:
    assert only(events_of(sentence), ptype)


def test_a_counted_crowd_that_marches_protests() -> None:
    text = "Thousands marched through the capital on Sunday."
    protest = only(events_of(text), "PROTEST")
    assert (names(protest.actor), protest.actor[0].sector) == (["protesters"], "CVL")


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Beijing lodged a protest with Tokyo over the visit.", "ACCUSE"),
        ("Kyiv held Moscow responsible for the blast.", "ACCUSE"),
        ("Lawmakers grilled the defence minister over the failures.", "ACCUSE"),
        ("The opposition questioned the legitimacy of the election.", "ACCUSE"),
        ("The prime minister ruled out early elections.", "REJECT"),
        ("Hungary blocked the EU aid package for Ukraine.", "REJECT"),
        ("The WFP distributed food to 2 million people.", "AID"),
        ("China raised its military readiness.", "MOBILIZE"),
        ("Workers downed tools in protest.", "PROTEST"),
        ("The government nationalised the mines.", "COERCE"),
    ],
)
def test_more_phrasings_of_plover_deeds(sentence: str, ptype: str) -> None:
    assert only(events_of(sentence), ptype)


def test_who_is_put_under_a_measure_suffers_it_and_what_a_deed_hits_is_struck() -> None:
    arrest = only(events_of("Authorities put the opposition leader under house arrest."), "COERCE")
    assert names(arrest.actor) == ["Authorities"]
    assert names(arrest.recipient) == ["opposition leader"]
    assert not events_of("A ship under US sanctions docked in Iran.")
    strike = only(events_of("An airstrike hit a school in the north."), "ASSAULT")
    assert names(strike.recipient) == ["school"]


def test_a_war_of_words_is_a_quarrel_between_its_sides() -> None:
    text = "The war of words between Pyongyang and Washington continued on Tuesday."
    quarrel = only(events_of(text), "ACCUSE")
    assert names(quarrel.actor) == ["Pyongyang", "Washington"]
    assert only(events_of("The war between Russia and Ukraine entered its third year."), "ASSAULT")


def test_agreeing_that_something_is_so_is_a_view_and_agreeing_what_will_be_is_a_deal() -> None:
    assert not events_of("The two leaders agreed that North Korea poses a grave danger.")
    assert only(events_of("The ministers agreed that sanctions should stay."), "AGREE")
    assert not events_of("Western nations want to strike a blow to political elites.")


def test_fighting_to_do_something_is_striving_not_fighting() -> None:
    assert not events_of("The senator says he has fought to push through new policies.")
    assert only(events_of("The army fought the rebels near Goma."), "ASSAULT")


def test_saying_someone_committed_an_offence_or_is_to_blame_accuses_them() -> None:
    text = "Kyiv said Russian forces had committed war crimes in Bucha."
    crimes = only(events_of(text), "ACCUSE")
    assert (names(crimes.actor), names(crimes.recipient)) == (["Kyiv"], ["Russian forces"])
    blamed = only(
        events_of("The minister said the opposition was responsible for the unrest."), "ACCUSE"
    )
    assert names(blamed.recipient) == ["opposition"]
    assert not [e for e in events_of("Militants committed atrocities.") if e.type == "AGREE"]
    assert only(events_of("Russia committed to talks with Ukraine."), "AGREE")


def test_displeasure_voiced_accuses_and_criticism_brushed_aside_is_rejected() -> None:
    text = "China expressed strong dissatisfaction with the US decision."
    assert names(only(events_of(text), "ACCUSE").actor) == ["China"]
    assert only(events_of("Beijing brushed aside the criticism."), "REJECT")
    assert only(events_of("North Korea shrugged off the new sanctions."), "REJECT")


def test_a_reported_would_not_refuses_and_a_named_deed_that_would_not_matter_does_not() -> None:
    (refusal,) = events_of("The government said it would not negotiate with terrorists.")
    assert (refusal.type, refusal.modality) == ("REJECT", "asserted")
    text = "Trump said praise from Vladimir Putin would not affect his policy."
    assert not [e for e in events_of(text) if e.type == "REJECT"]


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("Kyiv said Moscow was behind the cyberattack.", "Moscow"),
        ("The minister said Israel was trying to destabilise the region.", "Israel"),
        ("Washington said Iran posed a threat to regional stability.", "Iran"),
        # a deed said to amount to an offence, and a verb of harassment or oppression
        ("Ankara said Israel's actions amounted to genocide.", "Israel's actions"),
        ("The ministry said Beijing was harassing Philippine fishermen.", "Beijing"),
        # harm a party does
        ("Seoul said Pyongyang was endangering regional security.", "Pyongyang"),
    ],
)
def test_saying_someone_is_behind_a_deed_tries_a_wrong_or_is_a_danger_accuses_them(
    text: str, accused: str
) -> None:
    assert names(only(events_of(text), "ACCUSE").recipient) == [accused]


def test_saying_something_poses_no_threat_accuses_no_one() -> None:
    text = "Akar reiterated that the S-400 poses no threat to NATO systems."
    assert not [e for e in events_of(text) if e.type == "ACCUSE"]
    # harm that no party does is no wrong
    assert not events_of("The minister said the storm damaged hundreds of homes.")


def test_saying_allegations_are_groundless_or_false_denies_them() -> None:
    text = "The ministry said the accusations by Pakistan were groundless."
    denial = only(events_of(text), "REJECT")
    assert (names(denial.actor), names(denial.recipient)) == (["ministry"], ["Pakistan"])
    assert only(events_of("The rebels said the claims were false."), "REJECT")


def test_granting_a_right_in_words_or_standing_with_a_party_supports_it() -> None:
    text = "Washington said Israel had the right to defend itself."
    right = only(events_of(text), "SUPPORT")
    assert names(right.recipient) == ["Israel"]
    assert names(only(events_of("Britain said it stands with Ukraine."), "SUPPORT").recipient) == [
        "Ukraine"
    ]
    assert only(events_of("Several countries have sided with Morocco in the dispute."), "SUPPORT")
    assert not events_of("The senator stood with his arms crossed and smiled.")


def test_a_deed_met_with_a_reprisal_threatens_and_a_plan_met_with_criticism_meets_no_one() -> None:
    threat = only(
        events_of("Iran said any attack would be met with a crushing response."), "THREATEN"
    )
    assert (names(threat.actor), threat.recipient) == (["Iran"], ())
    assert not events_of("The plan was met with criticism from the opposition.")
    assert only(events_of("Putin met with Xi in Beijing."), "CONSULT")


def test_a_warning_of_a_reprisal_threatens_and_one_of_a_disaster_does_not() -> None:
    assert only(events_of("Beijing warned of countermeasures if the sale goes ahead."), "THREATEN")
    assert not events_of("The UN warned of a humanitarian catastrophe in the region.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Moscow has backed Assad throughout the war.", "SUPPORT"),
        ("The government backed down on the tax increase.", "CONCEDE"),
        ("Under pressure from the unions, Washington backed out.", "RETREAT"),
        ("The parliament voted down the proposal.", "REJECT"),
        ("Iran has resisted pressure to curb its nuclear program.", "REJECT"),
    ],
)
def test_backing_backing_down_or_out_voting_down_and_resisting_pressure(
    text: str, kind: str
) -> None:
    assert only(events_of(text), kind)


def test_a_party_described_as_backed_or_claims_backed_with_records_support_no_one() -> None:
    assert not events_of("Militants backed by Ankara took control of the hills.")
    assert not events_of("Beijing cites historic records to back its claims.")


def test_a_verdict_of_praise_supports_and_a_denied_verdict_judges_nothing() -> None:
    deal = only(events_of("The minister called the agreement historic."), "SUPPORT")
    assert names(deal.actor) == ["minister"]
    assert only(events_of("The bloc said the election was free and fair."), "SUPPORT")
    assert not events_of("The opposition said the vote was not fair.")
    assert not [
        e for e in events_of("Tehran did not call the sanctions illegal.") if e.type == "ACCUSE"
    ]


def test_readiness_to_use_nuclear_weapons_threatens() -> None:
    assert only(events_of("North Korea said it was ready to use nuclear weapons."), "THREATEN")
    assert only(events_of("Syria used chemical weapons in Ghouta."), "ASSAULT")


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("The governor sought federal assistance.", "REQUEST", "assist"),
        ("The two leaders spoke by phone.", "CONSULT", "phone"),
        ("Putin and Erdogan talked over the phone on Monday.", "CONSULT", "phone"),
        ("China sent medical teams to Italy.", "AID", None),
    ],
)
def test_aid_sought_talks_by_phone_and_medical_teams_sent(
    text: str, kind: str, mode: str | None
) -> None:
    assert only(events_of(text), kind).mode == mode


def test_a_speaker_encouraged_by_progress_asks_no_one() -> None:
    assert not events_of("Germany said it was encouraged by the progress in the talks.")
    assert only(events_of("The minister encouraged voters to turn out."), "REQUEST")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("China sent warships near the island.", "MOBILIZE"),
        ("Turkey voted to send troops to Libya to support its government.", "AID"),
        ("The opposition leader was placed under house arrest by the junta.", "COERCE"),
        ("The president received the Saudi foreign minister.", "CONSULT"),
        ("Police in both countries worked together to dismantle the network.", "COOPERATE"),
        ("Authorities shut down the internet in the region.", "COERCE"),
    ],
)
def test_forces_sent_house_arrest_in_the_passive_a_visitor_received_and_working_together(
    text: str, kind: str
) -> None:
    assert only(events_of(text), kind)
    assert not events_of("The president received a letter from Kim.")


def test_forces_sent_to_a_country_are_aid_and_its_refusal_a_rejection() -> None:
    assert only(events_of("The United States sent troops to Ukraine."), "AID")
    assert only(events_of("China sent troops to the border."), "MOBILIZE")


def test_a_seizure_coerces_and_a_buildup_of_forces_is_theirs() -> None:
    seizure = only(events_of("The seizure of the tanker by Iran raised tensions."), "COERCE")
    assert (names(seizure.actor), names(seizure.recipient)) == (["Iran"], ["tanker"])
    buildup = only(
        events_of("The buildup of Russian troops near the border worried NATO."), "MOBILIZE"
    )
    assert names(buildup.actor) == ["Russian troops"]
    assert not events_of("He suffered a seizure during the match.")


def test_news_welcomed_is_welcomed_for_whom_it_tells_of() -> None:
    text = "Lawmakers welcomed the announcement that Ukraine had agreed to a ceasefire."
    assert names(only(events_of(text), "SUPPORT").recipient) == ["Ukraine"]
    assert names(only(events_of("Greece supported the French proposal."), "SUPPORT").recipient) == [
        "French"
    ]


def test_an_event_dated_long_ago_is_history_whoever_tells_it() -> None:
    text = "Khalid Mehdiyev told jurors that he was arrested in July 2022 in Brooklyn."
    arrest = only(herald.extract(text, "2025-03-13", all_events=True).events, "COERCE")
    assert arrest.modality == "historical"
    text = "Police said the suspect was arrested on Monday."
    assert only(herald.extract(text, "2025-03-13", all_events=True).events, "COERCE").modality == (
        "reported"
    )


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "During a visit to Quetta, Sharif told the media that 339 were rescued.",
            "Sharif",
        ),
        ("After talks with Putin, Erdogan said the deal was ready.", "Erdogan"),
        ("Macron made the remarks at a meeting with Scholz in Berlin.", "Macron"),
    ],
)
def test_who_speaks_at_a_meeting_was_at_it(text: str, actor: str) -> None:
    assert names(only(events_of(text), "CONSULT").actor) == [actor]


@pytest.mark.parametrize(
    "text",
    [
        'President Karl Norberg said, "We are strong. I will not attend the summit."',
        '"We are strong," President Karl Norberg said. "I will not attend the summit."',
    ],
)
def test_i_in_a_quote_told_across_sentences_stands_for_its_speaker(text: str) -> None:
    refusal = only(herald.extract(text, date="2017-08-30", all_events=True).events, "REJECT")
    assert names(refusal.actor) == ["Karl Norberg"]


def test_speaking_to_someone_named_is_a_meeting_and_to_the_press_is_not() -> None:
    talk = only(events_of("Macron spoke to Putin for two hours on Monday."), "CONSULT")
    assert (names(talk.actor), names(talk.recipient)) == (["Macron"], ["Putin"])
    assert not events_of("The minister spoke to Reuters on Monday.")
    assert not events_of("The president spoke to reporters in Paris.")


def test_a_news_conference_or_a_talk_with_journalists_is_no_meeting() -> None:
    assert not events_of("Trump said on Saturday during a news conference that he was ready.")
    text = "In a conversation with journalists, Joseph said he was a representative."
    assert not [e for e in events_of(text) if e.actor]
    text = "Esper spoke at a news conference with French Minister Florence Parly."
    assert only(events_of(text), "CONSULT")


def test_air_defence_systems_delivered_are_aid() -> None:
    aid = only(events_of("Germany will deliver air defence systems to Ukraine."), "AID")
    assert names(aid.recipient) == ["Ukraine"]


def test_a_call_for_a_release_is_made_of_the_holder_not_the_captive() -> None:
    call = only(events_of("Rights groups called for the release of the journalist."), "REQUEST")
    assert call.recipient == ()
    urged = only(events_of("The UN urged Iran to release the journalist."), "REQUEST")
    assert names(urged.recipient) == ["Iran"]


def test_a_judged_deed_is_judged_against_its_doer_where_the_parser_hangs_by_on_the_verb() -> None:
    condemned = only(events_of("Russia condemned the launch by North Korea."), "ACCUSE")
    assert names(condemned.recipient) == ["North Korea"]


def _extracted(text: str) -> tuple[Event, ...]:
    """The events of ``text`` through the whole pipeline (actors, quotes, places)."""
    import datetime as dt

    from herald.pipeline import process_batch
    from herald.records import RawDocument
    from herald.settings import Options

    raw = RawDocument(source="t.txt", id="t", content=text.encode(), kind="text")
    (result,) = process_batch([raw], Options(date=dt.date(2024, 3, 4), strict=True))
    return result.events


def test_a_denial_of_allegations_answers_the_accusers() -> None:
    text = (
        "The United States has accused Beijing of genocide in Xinjiang. "
        "Beijing denies the allegations."
    )
    (denial,) = [e for e in _extracted(text) if e.type == "REJECT"]
    assert names(denial.recipient) == ["United States"]
    # with no accusation of the denier told before, the allegations name no one
    (alone,) = [e for e in _extracted("Beijing denies the allegations.") if e.type == "REJECT"]
    assert alone.recipient == ()


def test_both_countries_and_the_two_presidents_are_the_two_named_last() -> None:
    text = (
        "Turkey and Israel restored ties in 2016. "
        "Both countries withdrew their ambassadors in 2018 over the crackdown."
    )
    (withdrawal,) = [e for e in _extracted(text) if e.trigger.text == "withdrew"]
    assert names(withdrawal.actor) == ["Türkiye", "Israel"]
    text = (
        "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan met in "
        "Sochi on Monday. The two presidents agreed to cooperate in Syria."
    )
    (agreement,) = [e for e in _extracted(text) if e.type == "AGREE"]
    assert names(agreement.actor) == ["Vladimir Putin", "Recep Tayyip Erdogan"]
    # words that say which two are meant are taken as they are
    (pact,) = _extracted(text + " The two countries of the region signed a pact.")[-1:]
    assert names(pact.actor) == ["two countries"]
    # two named apart are not a pair: a story names its main party everywhere
    apart = "Russia warned North Korea. China urged restraint. Both countries met on Friday."
    (meeting,) = [e for e in _extracted(apart) if e.type == "CONSULT"]
    assert names(meeting.actor) == ["countries"]


@pytest.mark.parametrize(
    ("headline", "doers", "undergoers"),
    [
        ("Four killed in air strike", [], ["Four"]),
        ("Six protesters arrested by police in Lagos", ["police"], ["Six protesters"]),
        # what a count at the root counts undergoes it
        ("Dozens of captives released in Manila", [], ["captives"]),
        # a past tense the parser reads as a participle keeps its object
        ("Gunman killed 50 people", ["Gunman"], ["50 people"]),
    ],
)
def test_a_headlines_passive_without_auxiliary_befalls_its_noun(
    headline: str, doers: list[str], undergoers: list[str]
) -> None:
    (event,) = events_of(headline)
    assert (names(event.actor), names(event.recipient)) == (doers, undergoers)


@pytest.mark.parametrize(
    ("sentence", "ptype", "mode"),
    [
        ("Protesters attacked the police station in Lagos.", "PROTEST", "riot"),
        ("Rioters torched cars in the capital.", "PROTEST", "riot"),
        ("A man was beaten by an angry mob in the market.", "PROTEST", "riot"),
        ("The party headquarters was invaded on Friday by activists.", "PROTEST", "riot"),
        # force used on protesters, or by others beside them, is no riot
        ("Police attacked the protesters in Lagos.", "ASSAULT", None),
        ("Gunmen and protesters attacked the police station.", "ASSAULT", "firearms"),
    ],
)
def test_force_used_by_protesters_or_a_mob_is_a_riot(
    sentence: str, ptype: str, mode: str | None
) -> None:
    (event,) = events_of(sentence)
    assert (event.type, event.mode) == (ptype, mode)


@pytest.mark.parametrize(
    ("sentence", "ptype", "recipients"),
    [
        # thanks voiced to someone (CAMEO 051, praise: verbal cooperation)
        ("Indonesia expressed gratitude to Japan for the aid.", "SUPPORT", ["Japan"]),
        # borders closed to someone restrict movement (PLOVER COERCE restrict)
        ("Hungary sealed its border with Serbia.", "COERCE", ["Serbia"]),
        ("Pakistan closed its airspace to Indian aircraft.", "COERCE", ["Indian aircraft"]),
    ],
)
def test_voiced_thanks_and_closed_borders(sentence: str, ptype: str, recipients: list[str]) -> None:
    (event,) = events_of(sentence)
    assert (event.type, names(event.recipient)) == (ptype, recipients)


def test_burned_to_death_is_force_and_burned_tyres_a_protest_at_most() -> None:
    (burning,) = events_of("A priest was burned to death by the militants.")
    assert (burning.type, names(burning.recipient)) == ("ASSAULT", ["priest"])
    assert not [e for e in events_of("Farmers burned tyres.") if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police discovered weapons in his home.",
        "The SBU has found a cache of ammunition in Donbass.",
        "The army defused 83 bombs in the province.",
    ],
)
def test_arms_found_or_defused_by_a_force_are_seized(sentence: str) -> None:
    (event,) = events_of(sentence)
    assert (event.type, event.mode) == ("COERCE", "seize")


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("Turkish forces have set up new observation posts in Idlib.", "MOBILIZE"),
        ("US forces established a military checkpoint near the city.", "MOBILIZE"),
        ("The army regained control of the town on Wednesday.", "ASSAULT"),
        ("Iraqi forces liberated several villages from the Islamic State.", "ASSAULT"),
    ],
)
def test_posts_set_up_and_ground_regained_by_forces(sentence: str, ptype: str) -> None:
    assert [e.type for e in events_of(sentence)] == [ptype]
    assert not events_of("The company established a new base in Texas.")


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        ("A missile hit a school in Kharkiv on Monday.", "ASSAULT"),
        ("The warship was hit by a missile in coastal waters.", "ASSAULT"),
        ("Iraqi forces freed several villages from the militants.", "ASSAULT"),
        ("Police freed the hostages.", "RETREAT"),
    ],
)
def test_a_weapon_that_hits_and_towns_freed_are_force(sentence: str, ptype: str) -> None:
    assert [e.type for e in events_of(sentence)] == [ptype]
    assert not events_of("The storm hit the coast on Monday.")


def test_a_discovery_of_no_arms_is_no_seizure() -> None:
    assert not events_of("Scientists discovered a new species of frog.")


def test_a_door_closed_closes_no_border() -> None:
    assert not events_of("The shop closed its doors.")


@pytest.mark.parametrize(
    ("headline", "doers"),
    [
        ("UK to send troops to Estonia", ["UK"]),
        ("Japan to lift curfew in Tokyo", ["Japan"]),
        ("Kenya government to detain journalists", ["Kenya government"]),
    ],
)
def test_a_headlines_infinitive_is_its_subjects_plan(headline: str, doers: list[str]) -> None:
    (event,) = events_of(headline)
    assert (names(event.actor), event.modality) == (doers, "planned")


@pytest.mark.parametrize(
    ("warning", "threatened"),
    [
        ("The army warned that terrorists will not be spared.", ["terrorists"]),
        (
            "The United States warned that it will continue to exert pressure on Iran.",
            ["Iran"],
        ),
    ],
)
def test_a_warnings_clause_names_whom_it_threatens(warning: str, threatened: list[str]) -> None:
    assert names(only(events_of(warning), "THREATEN").recipient) == threatened
    # what suffers is no party: no recipient
    dire = "The Kremlin warned that the economy of Europe will suffer."
    assert all(not e.recipient for e in events_of(dire) if e.type == "THREATEN")


def test_a_mention_with_no_party_gives_its_finer_date_to_the_deed_it_tells() -> None:
    text = (
        "Thai authorities deported 40 Uyghurs to China last month. In a statement addressing "
        "the Feb. 27 deportations, the Thai government said China had asked for their return."
    )
    (deportation,) = [e for e in _extracted(text) if e.type == "COERCE"]
    assert (deportation.when.value, deportation.when.text) == ("2024-02-27", "Feb. 27")
    # a deed the text does not date takes no date from a mention of its kind
    undated = text.replace(" last month", "")
    (deportation,) = [e for e in _extracted(undated) if e.type == "COERCE"]
    assert deportation.when.anchor == "publication"


@pytest.mark.parametrize(
    ("sentence", "doers", "undergoers"),
    [
        # a clash is fought by both sides: with protesters on either, it is their riot
        ("French police clashed with hundreds of protesters in Paris.", ["protesters"],
         ["French police"]),
        ("Clashes broke out between police and Palestinian protesters on Saturday.",
         ["Palestinian protesters"], ["police"]),
    ],
)  # fmt: skip
def test_a_clash_with_protesters_is_their_violent_protest(
    sentence: str, doers: list[str], undergoers: list[str]
) -> None:
    (event,) = events_of(sentence)
    assert (event.type, event.mode) == ("PROTEST", "riot")
    assert (names(event.actor), names(event.recipient)) == (doers, undergoers)


def test_a_clash_of_armed_sides_stays_an_assault() -> None:
    (event,) = events_of("Police clashed with gunmen in Lagos.")
    assert event.type == "ASSAULT"


@pytest.mark.parametrize(
    ("sentence", "ptype"),
    [
        # giving in to what another side demands is a concession (CAMEO 08, yield)
        ("The government accepted the protesters' demands.", "CONCEDE"),
        ("The army agreed to the rebels' demands on Monday.", "CONCEDE"),
        # and so is stopping one's own contested activity; a promise to stop it is the
        # manual's AGREE (no threat: nothing harmful is promised)
        ("Iran halted uranium enrichment.", "CONCEDE"),
        ("Israel agreed to halt settlement construction.", "AGREE"),
        # a demand for talks or help agreed to, or a joint demand, is agreement
        ("Kenya accepted Somalia's request for talks.", "AGREE"),
        ("The two leaders agreed to call for an emergency meeting.", "AGREE"),
        ("Egypt suspended plans to impose curfews in Cairo.", "CONCEDE"),
        # stopping what one gives another is a sanction
        ("The United States suspended military aid to Ukraine.", "SANCTION"),
        ("Russia suspended flights to Georgia.", "SANCTION"),
    ],
)
def test_what_is_stopped_or_agreed_to_decides_concession_or_sanction(
    sentence: str, ptype: str
) -> None:
    assert [e.type for e in events_of(sentence)] == [ptype]


@pytest.mark.parametrize(
    "sentence",
    [
        "The administration halted a rule on data collection.",
        "He suspended his presidential campaign in February.",
    ],
)
def test_stopping_what_no_one_is_given_is_no_sanction(sentence: str) -> None:
    assert [e.type for e in events_of(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "doers", "undergoers"),
    [
        # a headline's passive with its "were" left out: the subject underwent the deed
        ("Five protesters detained after clashes in the capital", [], ["Five protesters"]),
        ("Journalist arrested by police in Cairo", ["police"], ["Journalist"]),
        # an active past with its object stays active
        ("Rebels killed at least ten soldiers.", ["Rebels"], ["at least ten soldiers"]),
    ],
)
def test_a_deed_done_to_its_subject_is_a_passive_without_its_were(
    sentence: str, doers: list[str], undergoers: list[str]
) -> None:
    (event,) = events_of(sentence)
    assert (names(event.actor), names(event.recipient)) == (doers, undergoers)


@pytest.mark.parametrize(
    ("sentence", "doers", "undergoers"),
    [
        # after "with", a participle's subject undergoes any deed; its doer would take -ing
        ("The militia raided the village, with four farmers attacked.", [], ["four farmers"]),
        ("The army withdrew, with the outpost shelled by rebel artillery.", ["rebel artillery"],
         ["outpost"]),
        ("With the rebels attacking the outpost, the army withdrew.", ["rebels"], ["outpost"]),
    ],
)  # fmt: skip
def test_a_participle_after_with_tells_what_its_subject_underwent(
    sentence: str, doers: list[str], undergoers: list[str]
) -> None:
    (event,) = [e for e in events_of(sentence) if e.type == "ASSAULT"]
    assert (names(event.actor), names(event.recipient)) == (doers, undergoers)


@pytest.mark.parametrize(
    ("sentence", "doers"),
    [
        # what a plot spells out has not happened, and who foiled it did not plot it
        ("Police foiled a plot to kill the president.", []),
        ("Police foiled Iran's plot to kill the journalist.", ["Iran"]),
        ("Rebels launched a bid to seize the capital.", ["Rebels"]),
    ],
)
def test_a_deed_a_scheme_spells_out_is_planned_by_its_schemers(
    sentence: str, doers: list[str]
) -> None:
    (event,) = events_of(sentence)
    assert (event.modality, names(event.actor)) == ("planned", doers)


def test_parties_and_candidates_attack_in_words() -> None:
    assert types("The attacks by Democrats on the nominee continued on Wednesday.") == ["ACCUSE"]
    assert types("Republicans in the House will keep up their attacks on the plan.") == ["ACCUSE"]
    assert "ASSAULT" in types("Rebels attacked an army post near the border on Monday.")


def test_what_is_exchanged_decides_the_exchange() -> None:
    assert only(events_of("The two leaders exchanged insults on Twitter."), "ACCUSE")
    assert only(events_of("Indian and Pakistani troops exchanged fire near the border."), "ASSAULT")
    assert only(events_of("The ministers exchanged views on trade."), "COOPERATE")


def test_opposing_any_sanctions_threatens_none() -> None:
    text = "China's envoy said Beijing opposed any unilateral sanctions on North Korea."
    found = herald.extract(text, date="2017-08-30", all_events=True).events
    assert "THREATEN" not in [e.type for e in found]
    assert only(found, "SANCTION").modality == "hypothetical"


def test_help_is_aid_to_someone_not_a_hand_in_an_outcome() -> None:
    assert only(
        events_of("Britain sent trucks to Lebanon to help the country guard its border."), "AID"
    )
    assert only(events_of("The embassy is standing by to help British tourists in Nice."), "AID")
    assert "AID" in [e.type for e in events_of("Foreign troops arrived to help deliver food aid.")]
    assert "AID" not in [e.type for e in events_of("His veto helped polarize the debate on trade.")]
    assert "AID" not in [e.type for e in events_of("The senator helped shape the sentencing law.")]


def test_a_claim_about_the_claimant_itself_accuses_no_one() -> None:
    def accusations(text: str) -> list[Event]:
        return [e for e in events_of(text) if e.type == "ACCUSE"]

    assert not accusations("Pyongyang claims it needs the missiles to defend itself.")
    assert not accusations("The candidate claims he is going to fix the broken system.")
    claim = only(events_of("The minister claimed the rebels had shelled the town."), "ACCUSE")
    assert names(claim.recipient) == ["rebels"]


def test_summoning_an_envoy_is_a_protest_summoning_ones_own_staff_is_not() -> None:
    envoy = "Poland summoned Germany's charge d'affaires in Warsaw on Wednesday."
    assert names(only(events_of(envoy), "ACCUSE").recipient) == ["Germany"]
    assert not events_of("The president summoned his senior climate adviser to his office.")


def test_a_candidates_rally_is_no_protest() -> None:
    assert "PROTEST" not in types("Mrs. Clinton has held rallies before large crowds in Ohio.")
    assert "PROTEST" in types("Thousands of opposition supporters held a rally in the capital.")
    assert "PROTEST" in types("Mayors of several towns led a protest march to the capital.")


def test_leaders_rallying_together_is_no_protest() -> None:
    assert "PROTEST" not in types("Foreign ministers rallied behind the new sanctions on Friday.")
    assert "PROTEST" in types("Hundreds of farmers rallied outside parliament on Friday.")


def test_committing_a_deed_is_no_commitment() -> None:
    assert not events_of("The gunman later committed suicide in a hotel room.")
    assert not events_of("Officials said the bomber had committed an act of cowardice.")
    assert only(events_of("The donor committed $2 million to the relief fund."), "AGREE")
    assert only(events_of("The government said it was committed to the truce."), "AGREE")


def test_hosting_is_a_meeting_only_with_guests_or_talks() -> None:
    assert only(events_of("Japan hosted the talks between the two foreign ministers."), "CONSULT")
    assert only(
        events_of("The prime minister will host a dinner for the Israeli leader."), "CONSULT"
    )
    assert not events_of("Qatar hosted the football tournament last year.")


def test_a_crowd_spread_out_is_not_dispersed_by_anyone() -> None:
    assert not events_of("With the militants dispersed across a wide forest, the search stalled.")
    assert only(events_of("Riot police dispersed the marchers outside the ministry."), "COERCE")


def test_a_deed_something_is_taken_for_is_no_deed() -> None:
    assert "ASSAULT" not in [
        e.type for e in events_of("His allies will try to paint the leak as an attack on him.")
    ]
    assert "ASSAULT" not in [
        e.type for e in events_of("The senator described the tariff plan as an assault on farmers.")
    ]


def test_one_person_discussing_a_topic_consults_no_one() -> None:
    assert "CONSULT" not in types("Senator Tom Reed joined the morning show to discuss his health.")
    assert "CONSULT" in types("Foreign ministers of France and Germany discussed the crisis.")
    assert "CONSULT" in types("Senator Tom Reed discussed the bill with Chinese officials.")


def test_saying_how_someone_should_feel_asks_nothing() -> None:
    assert not [e for e in events_of("The union chief said women should feel safe at night.")]
    assert only(events_of("The minister said Iran must be ready to negotiate."), "REQUEST")


def test_a_thing_that_helps_gives_no_aid() -> None:
    assert "AID" not in [
        e.type for e in events_of("They ran attack ads that helped the opposition win the race.")
    ]
    assert only(events_of("The United States helped Ukraine rebuild its power grid."), "AID")


def test_a_damning_word_denied_accuses_no_one() -> None:
    assert not events_of("This is our reality, not a threat, the general said.")
    assert not events_of("The official said there was no single point of failure.")
    assert only(events_of("The minister said the launch was a reckless provocation."), "ACCUSE")


def test_they_stands_for_people_or_a_party_not_a_thing() -> None:
    text = (
        "Some ships visit the port, though it was unclear on how many of those trips they "
        "met smugglers at sea, the report said."
    )
    assert names(only(events_of(text), "CONSULT").actor) == ["ships"]
    refusal = only(
        events_of("The union's chairman said that they will not end the strike."), "REJECT"
    )
    assert names(refusal.actor) == ["union's chairman"]


def test_advocating_a_measure_asks_for_it() -> None:
    request = only(events_of("The senator advocated tougher sanctions on Moscow."), "REQUEST")
    assert names(request.actor) == ["senator"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verbs of scorn are criticism; a blast that hits no party is an explosion
        ("The senator blasted the governor on Tuesday.", [("ACCUSE", ["governor"])]),
        ("The blast blasted a hole in the wall.", []),
        (
            "The president mocked the opposition leader at a rally.",
            [("ACCUSE", ["opposition leader"])],
        ),
        ("The minister chided Japan for its silence.", [("ACCUSE", ["Japan"])]),
        # a third party brokers an accord between two others
        ("Qatar brokered a ceasefire between the two factions.", [("CONSULT", ["two factions"])]),
        ("Britain stationed troops in Estonia.", [("MOBILIZE", [])]),
        ("The senator exhorted Congress to act.", [("REQUEST", ["Congress"])]),
        ("The president instructed the army to withdraw.", [("REQUEST", ["army"])]),
        ("Norway agreed to resettle 500 refugees.", [("AGREE", ["500 refugees"])]),
        # a contribution of means is aid; contributing to a trend gives nothing
        ("Japan contributed 10 million dollars to Jordan.", [("AID", ["Jordan"])]),
        ("Rising prices contributed to the decline of the party.", []),
        # damage to property by a crowd of protest is its riot; a record smashed is no deed
        ("Shops were smashed by violent protestors in Lagos.", [("PROTEST", ["Shops"])]),
        ("She smashed the world record in Tokyo.", []),
        ("Vandals vandalized a synagogue in Berlin on Sunday.", [("ASSAULT", ["synagogue"])]),
        # where someone is released from is no party released
        (
            "Three journalists were released from prison in Egypt.",
            [("RETREAT", ["Three journalists"])],
        ),
    ],
)
def test_verbs_of_scorn_brokering_giving_and_stationing(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    assert [(e.type, names(e.recipient)) for e in events_of(text)] == expected


def test_words_whose_subject_is_an_event_are_no_ones() -> None:
    text = "The recent spate of police shootings demands that all citizens listen more."
    assert all(e.type != "REQUEST" for e in events_of(text))
    # a group or a body named by an event noun still speaks
    text = "The opposition threatened to storm the presidential residence."
    assert any(e.type == "THREATEN" for e in events_of(text))


def test_dissolving_a_party_is_a_coercion_not_any_dissolving() -> None:
    ban = only(events_of("The court dissolved the main opposition party on Tuesday."), "COERCE")
    assert ban.mode == "restrict"
    assert not events_of("The king dissolved the committee he chaired.")


def test_taking_control_of_a_place() -> None:
    # an armed group is a military context, as an army is: "take control" is its attack
    (took,) = events_of("Insurgents took control of the district headquarters.")
    assert (took.type, names(took.actor)) == ("ASSAULT", ["Insurgents"])
    # what is seized is the place controlled, not "control"
    (seized,) = events_of("The rebels seized control of the airport in Norburg.")
    assert (seized.type, names(seized.recipient)) == ("COERCE", ["airport"])


def test_a_recalled_envoy_names_the_state_recalled_from() -> None:
    for text in (
        "Norland recalled its ambassador to Kenya over the border dispute.",
        "Norland recalled its ambassador from Kenya.",
    ):
        (recall,) = events_of(text)
        assert (recall.type, names(recall.recipient)) == ("SANCTION", ["Kenya"]), text


def test_a_warship_that_rams_attacks() -> None:
    (rammed,) = events_of("Norland warships rammed a fishing boat near the shoal.")
    assert (rammed.type, names(rammed.actor)) == ("ASSAULT", ["Norland warships"])


def test_a_counterpart_is_another_party_than_its_possessor() -> None:
    (met,) = _extracted("The foreign minister met his Kenyan counterpart in Vienna on Friday.")
    assert met.type == "CONSULT"
    assert names(met.actor) == ["foreign minister"]
    assert [(r.name, r.country) for r in met.recipient] == [("his Kenyan counterpart", "KEN")]


def test_a_recipient_that_can_act_is_the_party_not_its_owner() -> None:
    (asked,) = _extracted("Kenya asked its allies for more air defence systems.")
    assert (asked.type, names(asked.recipient)) == ("REQUEST", ["its allies"])


def test_suspending_a_member_or_revoking_a_pact_is_a_sanction() -> None:
    (suspended,) = events_of("The African Union suspended Kenya after the coup.")
    assert (suspended.type, names(suspended.recipient)) == ("SANCTION", ["Kenya"])
    (revoked,) = events_of("Kenya revoked a military agreement with Norland.")
    assert (revoked.type, revoked.mode, names(revoked.recipient)) == (
        "SANCTION",
        "discontinue",
        ["Norland"],
    )
    (left,) = events_of("Norland suspended its participation in the treaty.")
    assert left.type == "SANCTION"
