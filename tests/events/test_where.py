"""events.where on sentences parsed with the real model: places told for another event,
and deeds of a seat of government at home."""

from __future__ import annotations

import herald
from herald.records import Event
from tests.events.test_events import events_of, places


def _where(events: tuple[Event, ...], trigger: str) -> tuple[str | None, str | None] | None:
    (event,) = [e for e in events if e.trigger.text == trigger]
    return (event.where.name, event.where.basis) if event.where is not None else None


def _all_events(text: str, published: str) -> tuple[Event, ...]:
    """Every event the whole pipeline finds in ``text`` (places come from its own stage)."""
    return herald.extract(text, date=published, all_events=True).events


def test_a_town_in_another_events_noun_phrase_is_not_this_events() -> None:
    text = (
        "Many Germans supported the decision of Angela Merkel, but the attacks by migrants "
        "in Cologne changed their minds."
    )
    events = events_of(text, where=places(text, Cologne="city"))
    assert _where(events, "attacks") == ("Cologne", "governs")
    assert _where(events, "supported") is None
    text = "After the attack by gunmen on a hotel in Kabul, the president met the ambassador."
    assert _where(events_of(text, where=places(text, Kabul="city")), "met") is None


def test_a_town_of_a_clause_on_a_party_is_its_events_but_not_carried_past_it() -> None:
    text = (
        "Police arrested five men who attacked a hotel in Kismayo, and the army later bombed "
        "militant camps."
    )
    events = events_of(text, where=places(text, Kismayo="city"))
    # the men were arrested where they attacked; the bombing is no deed of that town
    assert _where(events, "arrested") == ("Kismayo", "sentence")
    assert _where(events, "bombed") is None


def test_a_meeting_or_visit_at_which_an_event_happens_shares_its_town() -> None:
    text = "NATO leaders at their summit in Warsaw agreed to deploy four battalions to Poland."
    events = events_of(text, where=places(text, Warsaw="city", Poland="country"))
    assert _where(events, "agreed") == ("Warsaw", "sentence")
    text = (
        "Speaking during a visit to the Japanese city of Osaka, British Prime Minister "
        "Theresa May called on China to put more pressure on North Korea."
    )
    assert _where(events_of(text, where=places(text, Osaka="city")), "called") == (
        "Osaka",
        "sentence",
    )
    # a place that opens the name of what is visited is where the visit goes
    text = "The French minister made a visit to a Normandy beach on Saturday."
    assert _where(_all_events(text, "2020-05-16"), "visit") == ("Normandy", "governs")


def test_a_town_named_beside_its_kind_governs_the_event() -> None:
    # "in the capital, Niamey", "in the central town of Beledweyne": the phrase of the kind
    # of place locates the event, the name beside it says which
    text = "The army chiefs met in the Nigerien capital, Niamey, on Thursday."
    assert _where(_all_events(text, "2016-10-14"), "met") == ("Niamey", "governs")
    text = "Gunmen stormed a hotel in the central town of Beledweyne on Tuesday."
    assert _where(_all_events(text, "2024-03-14"), "stormed") == ("Beledweyne", "governs")


def test_unnamed_people_a_deed_is_done_to_in_a_place_are_of_its_country() -> None:
    text = "Police dispersed demonstrators in Cairo on Monday, arresting 12."
    events = _all_events(text, "2024-03-14")
    assert {(e.type, r.text, r.country) for e in events for r in e.recipient} == {
        ("COERCE", "demonstrators", "EGY"),
        ("COERCE", "12", "EGY"),
    }
    # armed forces are as often abroad; a thing is of no country
    text = "Rebels killed two soldiers in shelling in Idlib on Monday."
    (killed,) = [e for e in _all_events(text, "2020-03-02") if e.type == "ASSAULT"]
    assert [(r.text, r.country) for r in killed.recipient] == [("two soldiers", None)]


def test_a_seat_of_government_doing_a_deed_at_home_is_its_place() -> None:
    text = (
        "Although Bali banned the trade in 2017, authorities found many food stalls "
        "serving dog meat in Jakarta."
    )
    found = places(text, Bali="province", Jakarta="city")
    assert _where(events_of(text, where=found), "banned") == ("Bali", "home")


def test_the_act_of_a_body_that_sits_in_one_city_is_in_that_city() -> None:
    text = (
        "North Korea tested a missile near Pyongyang on Sunday. Crowds in Pyongyang cheered "
        "the test. The U.N. Security Council imposed new sanctions on North Korea on Monday. "
        "Separately, the International Court of Justice rejected a request by Guyana."
    )
    events = _all_events(text, "2017-09-12")
    # decided in New York and at The Hague, not in the town the story is set in
    assert _where(events, "sanctions") == ("New York City", "seat")
    assert _where(events, "rejected") == ("The Hague", "seat")
    # a place that governs the trigger still comes first; a body with others is no rung
    text = (
        "The U.N. Human Rights Council met in Vienna on Monday. The Human Rights Council and "
        "Norway condemned the killings."
    )
    events = _all_events(text, "2017-09-12")
    assert _where(events, "met") == ("Vienna", "governs")
    assert _where(events, "condemned") is None


def test_an_event_noun_argument_or_a_participle_shares_its_town() -> None:
    text = "Suicide bombings Sunday and Monday in Surabaya killed 26 people."
    events = events_of(text, where=places(text, Surabaya="city"))
    assert all(e.where is not None and e.where.name == "Surabaya" for e in events)
    text = (
        "An airstrike in the northern Syrian province of Idlib destroyed a makeshift clinic "
        "on Monday, killing and wounding several people."
    )
    events = events_of(text, where=places(text, Idlib="province"))
    assert all(
        e.where is not None and e.where.name == "Idlib" for e in events if e.type == "ASSAULT"
    )
    text = (
        "A militant was killed when a primitive explosive device, emplaced by militants, "
        "detonated targeting their vehicle in Rada district."
    )
    events = events_of(text, where=places(text, Rada="district"))
    assert _where(events, "killed") == ("Rada", "sentence")


def test_an_event_noun_set_off_beside_another_shares_its_town() -> None:
    text = (
        "Turkey stepped up its intervention in response to the killing of 34 Turkish soldiers "
        "in Idlib last week, the deadliest strike against the Turkish army in decades."
    )
    events = events_of(text, where=places(text, Idlib="province", Turkey="country"))
    # the strike restates the killing: one event, told twice, in Idlib
    assert _where(events, "killing") == ("Idlib", "governs")
    assert [m.text for e in events if e.trigger.text == "killing" for m in e.mentions] == ["strike"]
    text = (
        "Police detained 30 students in Dhaka on Monday, the largest protest crackdown on "
        "campus in a decade."
    )
    events = events_of(text, where=places(text, Dhaka="city"))
    assert _where(events, "crackdown") == ("Dhaka", "sentence")


def test_a_place_that_says_who_someone_is_locates_nothing() -> None:
    text = "The Ohio senator called for an inquiry into the shooting."
    assert _where(events_of(text, where=places(text, Ohio="admin1")), "called") is None
    text = "Protesters in Denver called for an inquiry into the shooting."
    assert _where(events_of(text, where=places(text, Denver="city")), "called") == (
        "Denver",
        "sentence",
    )
    text = "Workers of the Ohio Department of Health marched to demand higher pay."
    assert _where(events_of(text, where=places(text, Ohio="admin1")), "marched") is None


def test_where_a_person_set_beside_a_name_works_locates_nothing() -> None:
    text = (
        "North Korea will launch more missiles, said Maria Olsen, a senior fellow at the "
        "Baltic Policy Institute in Denver."
    )
    assert _where(_all_events(text, "2017-08-30"), "launch") is None
    # people who are somewhere, no description of a named person, still place their deed
    text = "Hundreds of women in the city of Denver reported being attacked by gangs of men."
    assert _where(_all_events(text, "2017-08-30"), "attacked") == ("Denver", "sentence")


def test_a_measure_against_a_state_is_not_placed_in_its_country() -> None:
    text = (
        "Crowds in Pyongyang marched on Sunday. The United States imposed new sanctions on "
        "North Korea on Monday. North Korea fired a missile from Pyongyang."
    )
    events = _all_events(text, "2017-08-30")
    # decided in Washington: neither the town the article names most nor the target's country
    assert _where(events, "sanctions") is None
    # a court's sentence is passed where its party is
    text = "A court in Nairobi sentenced the Kenyan opposition leader to five years."
    assert _where(_all_events(text, "2017-08-30"), "sentenced") == ("Nairobi", "sentence")


def test_a_capital_after_on_is_the_state_aimed_at_and_no_place() -> None:
    text = "The minister urged Brazil to use its leverage on Caracas."
    assert _where(_all_events(text, "2019-05-02"), "urged") is None
    # an attack on a capital still happens there
    text = "Rebels launched an attack on Caracas on Monday."
    assert _where(_all_events(text, "2019-05-02"), "attack") == ("Caracas", "governs")


def test_words_take_the_articles_place_only_in_their_speakers_country() -> None:
    text = (
        "North Korea fired a ballistic missile from Pyongyang on Sunday. "
        "Crowds in Pyongyang celebrated the launch. "
        "South Korea condemned North Korea over the launch. "
        "North Korea warned Japan against any response."
    )
    events = _all_events(text, "2017-08-30")
    # said in Seoul: neither the town the article names most nor the country it speaks of
    assert _where(events, "condemned") is None
    assert _where(events, "warned") == ("Pyongyang", "article")


def test_a_city_named_twice_only_after_the_lede_sets_no_scene() -> None:
    text = (
        "The senator attacked the governor over the budget on Monday. "
        "She accused him of ignoring voters in rural counties. "
        "The governor rejected the criticism. "
        "The senator was a lawyer in Chicago before politics, and she still lives in Chicago."
    )
    events = _all_events(text, "2019-03-12")
    assert _where(events, "accused") is None
    # a province named so is the story's theatre
    text = (
        "Insurgents attacked a police post on Monday, killing four officers. "
        "The army said it had sent reinforcements. "
        "Helmand province has seen heavy fighting this year, and officials in Helmand say "
        "the roads are unsafe."
    )
    events = _all_events(text, "2019-03-12")
    assert _where(events, "attacked") == ("Helmand", "article")


def test_the_town_an_attack_or_a_coercion_is_done_to_is_where_it_is_done() -> None:
    text = "Rebels attacked the town of Beni on Sunday."
    assert _where(_all_events(text, "2021-05-03"), "attacked") == ("Beni", "governs")
    # a people's label on the name (the small model calls "Aleppo" NORP) still names the town
    text = "Syrian troops shelled the city of Aleppo."
    assert _where(_all_events(text, "2016-10-03"), "shelled") == ("Aleppo", "governs")
    # sanctions "on" a capital are aimed at its government, not done there
    text = "Washington imposed new sanctions on Moscow on Friday."
    assert _where(_all_events(text, "2022-02-25"), "sanctions") != ("Moscow", "governs")


def test_a_town_after_a_preposition_neither_speaks_nor_is_a_title() -> None:
    # "Cologne reported" would be the city's voice; "the city of Cologne reported" is not
    text = (
        "Hundreds of women in the city of Cologne reported being attacked by gangs of men "
        "on New Year's Eve."
    )
    assert _where(_all_events(text, "2016-01-05"), "attacked") == ("Köln", "sentence")
    # a town in a capitalized title says who the speaker is, not where the attack was
    text = 'London Mayor Sadiq Khan wrote on Twitter: "Devastated by this attack on Nice."'
    assert _where(_all_events(text, "2016-07-15"), "attack") != ("London", "sentence")


def test_an_event_the_text_dates_in_an_earlier_year_takes_no_place_of_the_story() -> None:
    text = (
        "DALLAS (AP) — Police arrested two protesters outside city hall on Tuesday. "
        "Officers arrested the same activist in 2012."
    )
    events = _all_events(text, "2016-07-12")
    now, then = sorted(events, key=lambda e: e.trigger.start)
    assert now.where is not None and now.where.basis == "dateline"
    assert then.when is not None and then.when.value == "2012"
    assert then.where is None
    # a decade before the article's year is as much the past
    text = (
        "DALLAS (AP) — Police arrested two protesters outside city hall on Tuesday. "
        "Officers arrested the same activist in the 1990s."
    )
    now, then = sorted(_all_events(text, "2016-07-12"), key=lambda e: e.trigger.start)
    assert then.when is not None and then.when.value == "199"
    assert then.where is None


def test_a_place_the_parse_puts_in_no_locative_position_places_nothing() -> None:
    # the object of a verb, a possible party: the seizure is not in Pyongyang
    text = "Japanese officials seized a tanker on Friday to deter Pyongyang from smuggling fuel."
    assert _where(_all_events(text, "2021-03-05"), "seized") is None
    text = "The new rules angered Pyongyang, and South Korean officials seized a tanker on Friday."
    assert _where(_all_events(text, "2021-03-05"), "seized") is None
    # a state after a person's name says whose senator she is, not where she speaks
    text = "Senator Maria Lopez of Nevada endorsed the bill on Monday."
    assert _where(_all_events(text, "2021-03-05"), "endorsed") is None


def test_a_place_inside_a_locative_phrase_or_a_journeys_goal_still_places_its_sentence() -> None:
    text = (
        "Mourners gathered in the main square of Mombasa on Sunday after gunmen killed four "
        "police officers."
    )
    assert _where(_all_events(text, "2021-03-05"), "killed") == ("Mombasa", "sentence")
    text = "The minister will fly back to Nairobi next week to sign the accord."
    assert _where(_all_events(text, "2021-03-05"), "sign") == ("Nairobi", "sentence")
    # where rockets are fired from is where the launch happens
    text = "The army fired two rockets from the border town of Sderot on Sunday."
    assert _where(_all_events(text, "2021-03-05"), "fired") == ("Sderot", "sentence")
