"""Participants of a trigger (herald.events.roles) and the codes read from their own words
(herald.events.participants)."""

from __future__ import annotations

import pytest

import herald
from herald.events.participants import actor_ref, is_agent, phrase_country, phrase_sector
from herald.events.stage import find_events
from herald.events.syntax import SentenceView
from herald.parse.model import parse
from herald.records import Document, Event


def view_of(text: str) -> SentenceView:
    return SentenceView.of(parse(text), 0)


def token(view: SentenceView, word: str) -> int:
    return next(i for i in range(view.start, view.end) if view.tok(i).text == word)


def events_of(text: str) -> tuple[Event, ...]:
    doc = Document(doc_id="t", id="t", source="test", text=text)
    return find_events(doc, parse(text), [], [], [], [])


def top(text: str, ptype: str) -> Event:
    found = [e for e in events_of(text) if e.type == ptype]
    assert found, [(e.type, e.trigger.text) for e in events_of(text)]
    return max(found, key=lambda e: e.confidence)


@pytest.mark.parametrize(
    ("text", "head", "country"),
    [
        ("Palestinian prisoners rioted at the jail.", "prisoners", "PSE"),
        ("Palestinians blamed the army for the attack.", "Palestinians", "PSE"),
        ("Opposition groups in Zimbabwe demanded reforms.", "groups", "ZWE"),
        ("Ethnic Albanians in Serbia demanded a vote.", "Albanians", "SRB"),
        ("Sierra Leonean refugees fled the camp.", "refugees", "SLE"),
        ("The farmers blocked the road.", "farmers", None),
    ],
)
def test_phrase_country_reads_modifiers_places_and_demonyms(
    text: str, head: str, country: str | None
) -> None:
    view = view_of(text)
    assert phrase_country(view, [], token(view, head)) == country


def test_a_time_the_parser_took_for_a_subject_is_no_party() -> None:
    view = view_of("This past weekend formally committed both nations to the accord.")
    assert actor_ref(view, [], token(view, "weekend")) == (None, False)


def test_one_who_speaks_for_a_body_is_of_its_country() -> None:
    view = view_of("A spokesman for the Egyptian army denied the report.")
    assert phrase_country(view, [], token(view, "spokesman")) == "EGY"
    view = view_of("Aid for Ukraine arrived.")  # what is meant for a country is not of it
    assert phrase_country(view, [], token(view, "Aid")) is None


def test_phrase_sector_reads_the_role_of_the_head_noun() -> None:
    view = view_of("Security forces and soldiers arrested the farmers near the bridge.")
    assert phrase_sector(view, token(view, "soldiers")) == "MIL"
    assert phrase_sector(view, token(view, "bridge")) is None


def test_unlisted_participants_get_their_country_from_their_words() -> None:
    event = top("Israeli soldiers arrested more than 100 Palestinians on Saturday.", "COERCE")
    assert [r.country for r in event.actor] == ["ISR"]
    assert [r.country for r in event.recipient] == ["PSE"]


def test_a_deed_object_gives_way_to_the_party_it_names() -> None:
    event = top("President Bush threatened further action against Russia.", "THREATEN")
    assert [r.text for r in event.recipient] == ["Russia"]


def test_a_thing_object_keeps_its_place_when_its_phrase_names_no_party() -> None:
    text = "Rebels said Turkish drones had been striking Syrian army positions on the frontline."
    event = top(text, "ASSAULT")
    assert [r.text for r in event.recipient] == ["Syrian army positions"]


def test_lifting_a_burden_reaches_those_it_was_imposed_on() -> None:
    text = "The president lifted a travel ban imposed on Chadian citizens."
    event = top(text, "CONCEDE")
    assert [r.text for r in event.recipient] == ["Chadian citizens"]


def test_a_withdrawal_names_the_place_left_through_its_of_phrase() -> None:
    text = "The United States sped up the withdrawal of some forces from Panama."
    event = top(text, "RETREAT")
    assert [r.text for r in event.recipient] == ["Panama"]


def test_a_protest_is_aimed_at_whom_its_purpose_clause_names() -> None:
    text = "Thousands of students staged demonstrations to demand reforms by Suharto's government."
    events = events_of(text)
    assert [e.type for e in events] == ["PROTEST"], "the demand is the protest's aim"
    assert [r.text for r in events[0].recipient] == ["Suharto's government"]
    strike = top("Hundreds of Turks began a hunger strike to protest against Sweden's decision.",
                 "PROTEST")  # fmt: skip
    assert [r.text for r in strike.recipient] == ["Sweden"]


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes() -> None:
    # passive as well as active: "Ruiz, who was sanctioned" is Ruiz sanctioned
    text = "Rights groups praised Ana Ruiz, who was sanctioned by the European Union in 2024."
    event = top(text, "SANCTION")
    assert [r.text for r in event.recipient] == ["Ana Ruiz"]
    assert [r.text for r in event.actor] == ["European Union"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The ministry warned that it would keep up pressure on Belgrade.", ["Belgrade"]),
        ("The army warned that it would hunt down the militants.", ["militants"]),
    ],
)
def test_a_threat_of_harm_no_trigger_names_is_aimed_at_whom_the_harm_falls_on(
    text: str, target: list[str]
) -> None:
    assert [r.text for r in top(text, "THREATEN").recipient] == target


def test_a_warning_of_what_befalls_no_one_has_no_target() -> None:
    assert all(not e.recipient for e in events_of("The minister warned that prices would rise."))


@pytest.mark.slow
def test_a_participle_the_tagger_named_is_no_doer() -> None:
    strikes = top("Coordinated airstrikes by the Somali army killed 50 militants.", "ASSAULT")
    assert [party.text for party in strikes.actor] == ["Somali army"]
    quoted = "\u201cCoordinated airstrikes by the Somali army and its partners in the region have "
    quoted += "killed at least 50 militants,\u201d the ministry said."  # tagged ADJ here
    actors = [party.text for party in top(quoted, "ASSAULT").actor]
    assert actors == ["Somali army", "its partners"]  # both do it; "Coordinated" does not
    raids = top("Israeli airstrikes killed 50 militants in Gaza.", "ASSAULT")
    assert [party.country for party in raids.actor] == ["ISR"]


@pytest.mark.parametrize(
    ("text", "ptype", "recipient"),
    [
        ("The European Union imposed a ban on imports from Brazil.", "COERCE", "Brazil"),
        ("The coalition bombed the headquarters of the militia.", "ASSAULT", "militia"),
        # a national word already says whose: the thing stays, with its country
        (
            "Turkish drones struck Syrian army positions near the town.",
            "ASSAULT",
            "Syrian army positions",
        ),
        ("Warplanes struck positions held by the rebels.", "ASSAULT", "positions"),
    ],
)
def test_a_thing_done_to_stands_for_the_party_it_is_of(
    text: str, ptype: str, recipient: str
) -> None:
    assert [r.name for r in top(text, ptype).recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "ptype", "actor", "recipient"),
    [
        # the parser hangs the one object on the last of two coordinated verbs
        ("Police arrested and charged three men in Lagos.", "COERCE", "Police", "three men"),
        ("Soldiers beat and detained dozens of protesters.", "ASSAULT", "Soldiers", "protesters"),
        # and the agent of two coordinated participles on the last of them
        ("Crutcher was shot and killed by an officer in Tulsa.", "ASSAULT", "officer", "Crutcher"),
        ("The man was arrested and charged by police.", "COERCE", "police", "man"),
    ],
)
def test_coordinated_verbs_share_their_object_and_their_agent(
    text: str, ptype: str, actor: str, recipient: str
) -> None:
    event = top(text, ptype)
    assert ([a.name for a in event.actor], [r.name for r in event.recipient]) == (
        [actor],
        [recipient],
    )


@pytest.mark.slow
def test_a_verb_shares_no_object_with_a_clause_of_another_subject() -> None:
    assert not [
        e
        for e in events_of("Police arrived and protesters burned the police station.")
        if e.type == "COERCE"
    ]
    arrival = [
        e
        for e in events_of("Police fired and the crowd attacked the station.")
        if e.trigger.text == "fired"
    ]
    assert all(not e.recipient for e in arrival)


@pytest.mark.slow
def test_a_participle_with_an_object_is_a_misread_past_tense() -> None:
    shooting = top("A gunman killed at least 50 people at a music festival.", "ASSAULT")
    assert [a.name for a in shooting.actor] == ["gunman"]
    # a participle with an agent still tells what befell its noun: the noun does not act
    arrest = top("Protesters arrested by police on Monday were released.", "COERCE")
    assert [a.name for a in arrest.actor] == ["police"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # the party is the object and the thing comes "with"
        ("The United States provided Egypt with military assistance.", "Egypt"),
        ("Russia supplied Armenia with weapons.", "Armenia"),
        # the parser makes the helped party the subject of a bare infinitive clause
        ("The United States helped Ukraine build its air defences.", "Ukraine"),
    ],
)
def test_aid_reaches_the_party_it_equips(text: str, recipient: str) -> None:
    assert [r.name for r in top(text, "AID").recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # the parser reads "implored [lawmakers to act]": the asked party is the clause's
        # subject, as it is the object of "urged lawmakers to act"
        "The governor implored lawmakers to act.",
        "The governor urged lawmakers to act.",
    ],
)
def test_the_party_asked_to_act_is_the_recipient(text: str) -> None:
    assert [r.name for r in top(text, "REQUEST").recipient] == ["lawmakers"]


@pytest.mark.slow
def test_aid_given_with_a_partner_goes_to_no_one_named() -> None:
    assert not top("The ministry provided food with the help of UNICEF.", "AID").recipient
    # help with no doer helps no one in particular
    text = "A military plane used to help troops communicate has crashed."
    assert not [e for e in events_of(text) if e.type == "AID" and e.recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "ptype", "recipient"),
    [
        # the parser hangs the statement's "by" on the verb: an active verb takes no agent
        ("China denied charges by the Chamber of Commerce that it steals.", "REJECT", "Chamber"),
        # a deed or statement is no party; whose it is, is
        ("President Temer conceded to the demands of the truck drivers.", "CONCEDE", "drivers"),
        ("The government gave in to the demands of the strikers.", "CONCEDE", "strikers"),
    ],
)
def test_a_judged_or_granted_statement_stands_for_whose_it_is(
    text: str, ptype: str, recipient: str
) -> None:
    assert [r.text.split()[-1] for r in top(text, ptype).recipient] == [recipient]


@pytest.mark.slow
def test_a_deed_judged_stands_for_who_made_it() -> None:
    text = "The leaders condemned the threats made by the United States Government."
    assert [r.name for r in top(text, "ACCUSE").recipient] == ["United States Government"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A Russian missile hit a school in Kharkiv on Monday.", "RUS"),
        ("An Iranian drone attacked a tanker in the Gulf of Oman.", "IRN"),
    ],
)
def test_a_weapon_that_strikes_stands_for_the_side_its_words_name(text: str, country: str) -> None:
    (actor,) = top(text, "ASSAULT").actor
    assert actor.country == country and actor.kind in ("country", "group")


def test_a_weapon_stands_for_who_fired_it() -> None:
    strike = top("A missile fired by Houthi rebels hit a ship in the Red Sea.", "ASSAULT")
    assert [a.name for a in strike.actor] == ["Houthi rebels"]
    # a weapon no words place with a side still has none
    assert top("A missile hit a school in Kharkiv on Monday.", "ASSAULT").actor == ()


def test_what_is_known_or_asked_of_a_passive_subject_is_its_deed() -> None:
    # the subject of "is known", "are believed", "is scheduled" is the subject of its verb,
    # not the speaker of the sentence
    text = "Johnson said one British national is known to be injured in the attack."
    assert [r.name for r in top(text, "ASSAULT").recipient] == ["one British national"]
    text = "Police said the rebels are believed to have attacked the convoy."
    assert [a.name for a in top(text, "ASSAULT").actor] == ["rebels"]
    # a purpose is the summoner's, not the summoned one's deed
    text = "He said the envoy had been summoned to protest the incident."
    assert "PROTEST" not in {e.type for e in events_of(text)}


def test_who_acts_before_a_meeting_is_not_at_it() -> None:
    text = "The regime will be forced to leave the zone before the summit meeting."
    assert not [e for e in events_of(text) if e.type == "CONSULT" and e.actor]


@pytest.mark.slow
def test_a_possessive_belongs_to_the_subject_of_its_own_clause() -> None:
    # not to the outlet whose report the sentence ends with
    text = "The ministry on Monday announced its ban on poultry imports, the news agency reported."
    assert [a.name for a in top(text, "COERCE").actor] == ["ministry"]


def test_a_deed_blamed_on_a_party_is_that_partys_and_the_blame_is_aimed_at_it() -> None:
    events = events_of("Kabul blamed the bombing on the Taliban.")
    (bombing,) = [e for e in events if e.type == "ASSAULT"]
    (blame,) = [e for e in events if e.type == "ACCUSE"]
    assert [a.text for a in bombing.actor] == ["Taliban"] and not bombing.recipient
    assert [r.text for r in blame.recipient] == ["Taliban"]


def test_who_calls_a_deed_something_does_not_do_it() -> None:
    # the verb with an object predicate judges the attack; it names no attacker
    events = events_of("The prime minister called the attack an act of cowardice.")
    assert not [a.text for e in events if e.type == "ASSAULT" for a in e.actor]
    # a strike called is still the caller's
    assert [a.text for a in top("The unions called a general strike.", "PROTEST").actor] == [
        "unions"
    ]


def test_a_named_occasion_or_law_is_no_party() -> None:
    # hosting a sports event is no visit: no guest is named
    assert not [
        e
        for e in events_of("Brazil wished Chile success in hosting the World Cup.")
        if e.type == "CONSULT"
    ]
    view = view_of("The Patriot Act expired on Sunday.")
    assert not is_agent(view, token(view, "Act"))


def test_who_records_or_tallies_deeds_does_not_do_them() -> None:
    for text in (
        "Police in the region recorded 30 attacks on refugees last year.",
        "Monitors tallied 30 attacks on refugees last year.",
    ):
        (attack,) = [e for e in events_of(text) if e.type == "ASSAULT"]
        assert attack.actor == ()


@pytest.mark.parametrize(
    "text",
    [
        "The minister told reporters the raid by the rebels was a cowardly act.",
        "The minister said to the council that the raid by the rebels was a cowardly act.",
    ],
)
def test_whom_a_judgement_is_told_to_is_no_party_to_it(text: str) -> None:
    judged = top(text, "ACCUSE")
    assert [r.text for r in judged.recipient] == ["rebels"]


def test_their_stands_for_no_one_named_person_outside_his_words() -> None:
    text = "Vice President Jane Roe met the freed hostages and expressed joy over their release."
    freed = herald.extract(text, date="2020-01-15", all_events=True).events
    assert all("Jane Roe" not in [r.name for r in e.recipient] for e in freed)
    # two named persons are a "they"
    sealed = top("Mr. Lee and Mr. Obama sealed their agreement.", "AGREE")
    assert [a.name for a in sealed.actor] == ["Mr. Lee"]


def test_the_grounds_of_a_deed_are_no_party_to_it() -> None:
    seized = top("Coast guards seized two ships on suspicion of smuggling fuel.", "COERCE")
    assert [r.text for r in seized.recipient] == ["two ships"]


@pytest.mark.parametrize(
    ("text", "ptype", "target"),
    [
        ("Eastland held naval drills encircling Westland on Monday.", "MOBILIZE", "Westland"),
        ("The bloc adopted sanctions aimed at Northland's banks.", "SANCTION", "Northland's banks"),
        ("The army launched air strikes targeting the rebel camp.", "ASSAULT", "rebel camp"),
    ],
)
def test_a_participle_on_a_deed_names_its_target(text: str, ptype: str, target: str) -> None:
    assert [r.text for r in top(text, ptype).recipient] == [target]
    # what talks are aimed at is their goal, no party
    assert top("The envoys held talks aimed at a lasting peace.", "CONSULT").recipient == ()


def test_a_crackdown_on_a_deed_falls_on_its_doers() -> None:
    crackdown = top("Police launched a crackdown on protests by students.", "COERCE")
    assert [r.text for r in crackdown.recipient] == ["students"]
    banned = top("The council banned the opposition's rallies.", "COERCE")
    assert [r.text for r in banned.recipient] == ["opposition"]


def test_whom_a_speaker_tells_at_a_meeting_is_its_other_side() -> None:
    call = top("President Jane Roe told Prime Minister John Doe in a phone call that talks "
               "would go on.", "CONSULT")  # fmt: skip
    assert ([a.text for a in call.actor], [r.text for r in call.recipient]) == (
        ["President Jane Roe"],
        ["Prime Minister John Doe"],
    )


def test_goods_from_a_region_come_from_that_party() -> None:
    banned = top("Eastland banned imports of poultry from Europe.", "SANCTION")
    assert [r.text for r in banned.recipient] == ["Europe"]
