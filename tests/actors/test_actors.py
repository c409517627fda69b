"""The actors stage on short parsed sentences and on the demo article."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.actors.stage import (
    actor_at,
    actor_for_token,
    display_name,
    find_actors,
    load_dictionary,
)
from herald.parse.model import parse
from herald.records import Actor, Document, TimeValue

pytestmark = pytest.mark.slow


def _actors(text: str, **fields: object) -> tuple[Actor, ...]:
    doc = Document(doc_id="d", id="t", source="test", text=text, **fields)  # type: ignore[arg-type]
    return find_actors(doc, parse(text))


def _named(actors: tuple[Actor, ...], name: str) -> Actor:
    found = [actor for actor in actors if actor.name == name]
    assert found, f"{name!r} not among {[a.name for a in actors]}"
    return found[0]


def _texts(actor: Actor) -> list[str]:
    return [mention.text for mention in actor.mentions]


def test_titles_before_names_give_role_country_and_sector() -> None:
    actors = _actors(
        "U.S. Secretary of State Rex Tillerson met Cuban President Raul Castro and "
        "CIA director Mike Pompeo."
    )
    tillerson = _named(actors, "Rex Tillerson")
    assert (tillerson.kind, tillerson.country, tillerson.sector) == ("person", "USA", "GOV")
    assert tillerson.roles == ("Secretary of State",)
    assert _texts(tillerson) == ["U.S. Secretary of State Rex Tillerson"]
    castro = _named(actors, "Raul Castro")
    assert (castro.country, castro.sector, castro.roles) == ("CUB", "GOV", ("President",))
    pompeo = _named(actors, "Mike Pompeo")
    assert (pompeo.country, pompeo.sector) == ("USA", "SPY")


def test_ids_follow_first_mention_and_offsets_index_the_text() -> None:
    text = "Rex Tillerson met Justin Trudeau in Ottawa. Canada welcomed him."
    actors = _actors(text)
    assert [a.actor_id for a in actors] == [f"d:a{n}" for n in range(1, len(actors) + 1)]
    firsts = [a.mentions[0].start for a in actors]
    assert firsts == sorted(firsts)
    for actor in actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_surname_honorific_and_pronouns_join_the_full_name() -> None:
    actors = _actors(
        "Rex Tillerson arrived in Ottawa. Mr. Tillerson said he would meet Ms. Freeland. "
        "Chrystia Freeland said she was ready."
    )
    tillerson = _named(actors, "Rex Tillerson")
    assert _texts(tillerson) == ["Rex Tillerson", "Mr. Tillerson", "he"]
    freeland = _named(actors, "Chrystia Freeland")
    assert _texts(freeland) == ["Ms. Freeland", "Chrystia Freeland", "she"]
    assert not any(a.name == "Freeland" for a in actors)


def test_pronoun_prefers_subject_and_respects_gender() -> None:
    actors = _actors("Mr. Trudeau met Ms. Joly. He thanked her for her work.")
    trudeau = _named(actors, "Trudeau")
    joly = _named(actors, "Joly")
    assert "He" in _texts(trudeau) and "her" not in _texts(trudeau)
    assert _texts(joly).count("her") == 2


def test_a_pronoun_two_people_could_take_teaches_neither_a_gender() -> None:
    # "She" may be Fowler as well as Rendell: read as Rendell, it must not make Rendell a
    # woman, who is "he" in the next sentence
    text = (
        "Don Fowler spoke on Monday. Ed Rendell agreed. She said the plan was good. "
        "Rendell said he expects a quick recovery."
    )
    rendell = _named(_actors(text), "Ed Rendell")
    assert "he" in _texts(rendell)


def test_an_object_pronoun_is_not_the_subject_of_its_clause() -> None:
    # binding holds through coordinated verbs and prepositions, and for every name of X
    actors = _actors(
        "Mr. Trudeau spoke in Ottawa. Mr. Trudeau met President Raul Castro in Havana "
        "and discussed the idea with him."
    )
    assert "him" in _texts(_named(actors, "Raul Castro"))
    assert "him" not in _texts(_named(actors, "Trudeau"))


def test_an_object_pronoun_is_not_the_subject_its_infinitive_shares() -> None:
    # Netanyahu congratulates: "him" is Morrison; but in "asked X to help him", X helps
    actors = _actors("Benjamin Netanyahu called Scott Morrison on Wednesday to congratulate him.")
    assert "him" in _texts(_named(actors, "Scott Morrison"))
    assert "him" not in _texts(_named(actors, "Benjamin Netanyahu"))
    asked = _actors("Barack Obama asked Vladimir Putin to help him.")
    assert "him" not in _texts(_named(asked, "Vladimir Putin"))
    # a reflexive is the subject it shares
    spoken = _actors("Jessica Ditto said that Mr. Trump is going to defend himself.")
    assert "himself" in _texts(_named(spoken, "Trump"))


def test_apposition_gives_the_title() -> None:
    actors = _actors("The White House chose Mike Pompeo, the CIA director, to lead the talks.")
    pompeo = _named(actors, "Mike Pompeo")
    assert (pompeo.country, pompeo.sector) == ("USA", "SPY")
    assert "the CIA director" in _texts(pompeo)
    assert not any(a.name == "CIA director" for a in actors)


def test_title_alone_and_equivalent_office_refer_back() -> None:
    actors = _actors(
        "Prime Minister Justin Trudeau met U.S. Secretary of State Rex Tillerson. "
        "The Prime Minister said the top diplomat was welcome."
    )
    assert "The Prime Minister" in _texts(_named(actors, "Justin Trudeau"))
    assert "the top diplomat" in _texts(_named(actors, "Rex Tillerson"))
    assert len([a for a in actors if a.kind == "person"]) == 2


def test_unnamed_officials_group_by_role_and_country() -> None:
    actors = _actors(
        "A senior State Department official said the talks would go on. "
        "The official did not say when. A Canadian government official disagreed."
    )
    us_official = [a for a in actors if a.kind == "person" and a.country == "USA"]
    assert len(us_official) == 1
    assert _texts(us_official[0]) == ["A senior State Department official", "The official"]
    canadian = [a for a in actors if a.kind == "person" and a.country == "CAN"]
    assert len(canadian) == 1 and canadian[0].sector == "GOV"


def test_groups_police_rebels_protesters() -> None:
    actors = _actors("Police fired on protesters in the capital. The protesters fled.")
    police = _named(actors, "Police")
    assert (police.kind, police.sector) == ("group", "COP")
    protesters = [a for a in actors if a.sector == "CVL"]
    assert len(protesters) == 1 and len(protesters[0].mentions) == 2


def test_youths_and_settlers_are_civilians_whose_demonym_is_their_own() -> None:
    # "Palestinian" is the youths' own word: it gives the soldiers no country
    actors = _actors("Palestinian youths threw stones at soldiers.")
    youths = _named(actors, "Palestinian youths")
    assert (youths.kind, youths.country, youths.sector) == ("group", "PSE", "CVL")
    assert _named(actors, "soldiers").country is None


def test_organizations_and_their_short_forms() -> None:
    actors = _actors("The State Department said the department would review NATO plans.")
    state = _named(actors, "State Department")
    assert (state.kind, state.country, state.sector) == ("organization", "USA", "GOV")
    assert _texts(state) == ["The State Department", "the department"]
    assert _named(actors, "NATO").sector == "IGO"


def test_a_bare_body_noun_is_the_body_of_that_kind_named_before() -> None:
    actors = _actors(
        "Chile boycotted a hearing at the U.N.'s top court in its dispute with Peru. "
        "The court said it regretted the decision."
    )
    court = _named(actors, "International Court of Justice")
    assert _texts(court) == ["the U.N.'s top court", "The court"]
    assert court.country is None


def test_an_organ_named_with_its_article_keeps_its_sector() -> None:
    # the tagger's ORG entity holds "The": no sign of a private body
    assert (
        _named(_actors("The Supreme Court rejected the appeal."), "Supreme Court").sector == "JUD"
    )
    assert _named(_actors("The Air Force grounded the jets."), "Air Force").sector == "MIL"


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("A grand jury indicted six officials on Monday.", "grand jury", "JUD"),
        ("A military tribunal sentenced the commander.", "military tribunal", "JUD"),
        ("The sheriff arrested two men.", "sheriff", "COP"),
    ],
)
def test_courts_and_officers_of_the_law_are_organs_of_the_state(
    text: str, name: str, sector: str
) -> None:
    assert _named(_actors(text), name).sector == sector


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("The leader of the teachers union criticized the minister.", "leader", "EDU"),
        ("Leaders of some of the largest labor unions warned the governor.", "Leaders", "LAB"),
        ("The head of the International Monetary Fund met Erdogan.", "head", "IGO"),
    ],
)
def test_a_role_of_a_body_is_of_that_bodys_sector(text: str, name: str, sector: str) -> None:
    # "leader" alone would be a government's
    assert _named(_actors(text), name).sector == sector


def test_the_country_after_a_title_and_of_is_the_titles() -> None:
    text = (
        "North Korea fired a missile. The DPRK said it was a test. "
        "The Government of Japan condemned the launch by the DPRK."
    )
    government = _named(_actors(text), "Government of Japan")
    assert government.country == "JPN"  # not the paragraph's PRK


def test_a_ministry_the_tables_do_not_name_is_still_a_ministry() -> None:
    actors = _actors("Costa Rica's Public Safety Ministry posted photographs of the site.")
    ministry = _named(actors, "Public Safety Ministry")
    assert (ministry.country, ministry.sector) == ("CRI", "GOV")


def test_an_organ_named_with_of_keeps_its_whole_name_and_its_state() -> None:
    actors = _actors("The Government of the Republic of Korea condemned the launch.")
    government = _named(actors, "Government of the Republic of Korea")
    assert (government.country, government.sector) == ("KOR", "GOV")


def test_capitals_are_governments_only_when_they_act() -> None:
    acting = _actors("Washington warned that Beijing's response was too slow.")
    usa = _named(acting, "United States")
    assert (usa.kind, usa.country, _texts(usa)) == ("country", "USA", ["Washington"])
    assert _named(acting, "China").mentions[0].text == "Beijing"
    travel = _actors("The minister will travel to Ottawa on Tuesday.")
    assert not any(a.kind == "country" for a in travel)


def test_the_north_after_north_korea() -> None:
    actors = _actors("Talks with North Korea stalled. The U.S. said the North must disarm.")
    korea = _named(actors, "North Korea")
    assert _texts(korea) == ["North Korea", "the North"]
    nothing = _actors("Voters in the North were unhappy.")
    assert not any(a.kind == "country" for a in nothing)


def test_media_are_not_actors() -> None:
    actors = _actors(
        "Reuters reported that Canada will host the meeting, The New York Times said, "
        "and Prime Minister Justin Trudeau told The Globe and Mail."
    )
    names = {a.name for a in actors}
    assert names.isdisjoint({"Reuters", "The New York Times", "The Globe and Mail"})
    assert "Canada" in names and "Justin Trudeau" in names


def test_unqualified_minister_takes_the_paragraph_country() -> None:
    text = (
        "Foreign Affairs Minister Chrystia Freeland spoke during a visit to Canada's north. "
        "Canada and the United States will co-host the meeting."
    )
    freeland = _named(_actors(text), "Chrystia Freeland")
    assert (freeland.country, freeland.roles) == ("CAN", ("Foreign Affairs Minister",))


def test_a_province_or_state_in_a_title_gives_its_country_when_only_one_has_it() -> None:
    actors = _actors(
        "Ohio Sen. Mary Kline criticized the plan on Monday. North Carolina Gov. Sam Hurd met "
        "Punjab Chief Minister Ali Raza."
    )
    assert _named(actors, "Mary Kline").country == "USA"
    assert _named(actors, "Sam Hurd").country == "USA"
    # provinces named Punjab are Indian and Pakistani: the title alone says neither
    assert _named(actors, "Ali Raza").country is None


def test_a_governor_of_a_name_both_a_country_and_a_state_governs_the_state() -> None:
    actors = _actors(
        "Georgia Gov. Sam Hurd signed the bill. Georgia Foreign Minister Ana Beridze spoke."
    )
    assert _named(actors, "Sam Hurd").country == "USA"
    assert _named(actors, "Ana Beridze").country == "GEO"


def test_a_state_or_province_after_of_gives_a_title_its_country() -> None:
    actors = _actors(
        "The President of Georgia met the governor of Texas. The governor of Georgia spoke. "
        "The premier of Ontario criticized the plan."
    )
    governors = [a for a in actors if a.name == "governor"]
    assert governors and all(a.country == "USA" for a in governors)
    assert _named(actors, "premier").country == "CAN"
    assert _named(actors, "President").country == "GEO"


def test_unqualified_title_without_cues_uses_dateline_or_stays_unknown() -> None:
    text = "Prime Minister Jane Doe said the plan would work."
    assert _named(_actors(text), "Jane Doe").country is None
    assert _named(_actors(text, dateline="CANBERRA"), "Jane Doe").country == "AUS"
    assert _named(_actors(text, publisher="The Globe and Mail"), "Jane Doe").country == "CAN"


def test_any_town_of_a_dateline_gives_the_home_country_but_two_towns_give_none() -> None:
    text = "Police Chief Jane Doe said the officers would be questioned."
    assert _named(_actors(text, dateline="DALLAS"), "Jane Doe").country == "USA"
    assert _named(_actors(text, dateline="KYIV, Ukraine"), "Jane Doe").country == "UKR"
    assert _named(_actors(text, dateline="TOKYO/SEOUL"), "Jane Doe").country is None


def test_user_dictionary_codes_actors_by_date(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,country,sector,valid_from,valid_to\n"
        "Jane Doe,J. Doe|Doe,XYZ,GOV,2017-01-01,2018-12-31\n"
        "Jane Doe,,XYZ,BUS,2019-01-01,\n",
        encoding="utf-8",
    )
    dictionary = load_dictionary(path)
    text = "Jane Doe met Mr. Smith. Ms. Doe said little."
    parsed = parse(text)

    def doe(day: str | None) -> Actor:
        published = None
        if day is not None:
            published = TimeValue(text=day, value=day, precision="day", anchor="absolute")
        doc = Document(doc_id="d", id="t", source="s", text=text, published=published)
        return _named(find_actors(doc, parsed, dictionary=dictionary), "Jane Doe")

    assert (doe("2017-12-18").country, doe("2017-12-18").sector) == ("XYZ", "GOV")
    assert doe("2020-05-01").sector == "BUS"
    assert doe(None).sector == "GOV"  # no date: the first entry listed
    plain = find_actors(Document(doc_id="d", id="t", source="s", text=text), parsed)
    assert _named(plain, "Jane Doe").country is None


def test_actor_for_token_and_actor_at() -> None:
    text = "CIA director Mike Pompeo met a senior Canadian official in Ottawa."
    parsed = parse(text)
    actors = find_actors(Document(doc_id="d", id="t", source="s", text=text), parsed)
    by_text = {token.text: token.i for token in parsed.tokens}
    assert actor_for_token(actors, parsed, by_text["Pompeo"]).name == "Mike Pompeo"
    assert actor_for_token(actors, parsed, by_text["official"]).country == "CAN"
    assert actor_for_token(actors, parsed, by_text["met"]) is None
    start = text.index("CIA")
    assert actor_at(actors, start, start + 3).name == "Central Intelligence Agency"  # nested
    assert actor_at(actors, text.index("Pompeo"), text.index("Pompeo") + 6).name == "Mike Pompeo"


def _demo_actors(demo_article: str) -> tuple[Actor, ...]:
    # Approximate the cleaner: drop the menu line and the caption before the story.
    lines = demo_article.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("U.S. Secretary of State"))
    text = "".join(lines[first:])
    return find_actors(Document(doc_id="x", id="demo", source="demo", text=text), parse(text))


def test_demo_article(demo_article: str) -> None:
    actors = _demo_actors(demo_article)
    tillerson = _named(actors, "Rex Tillerson")
    assert (tillerson.country, tillerson.sector, tillerson.roles) == (
        "USA",
        "GOV",
        ("Secretary of State",),
    )
    assert _texts(tillerson).count("Mr. Tillerson") >= 10
    assert "the top diplomat" in _texts(tillerson)
    freeland = _named(actors, "Chrystia Freeland")
    assert (freeland.sector, freeland.roles, freeland.country) == (
        "GOV",
        ("Foreign Affairs Minister",),
        "CAN",
    )
    trudeau = _named(actors, "Justin Trudeau")
    assert (trudeau.sector, trudeau.roles) == ("GOV", ("Prime Minister",))
    trump = _named(actors, "Donald Trump")
    assert (trump.country, trump.sector, trump.roles) == ("USA", "GOV", ("President",))
    castro = _named(actors, "Raul Castro")
    assert (castro.country, castro.sector, castro.roles) == ("CUB", "GOV", ("President",))
    pompeo = _named(actors, "Mike Pompeo")
    assert (pompeo.country, pompeo.sector) == ("USA", "SPY")
    korea = _named(actors, "North Korea")
    assert (korea.kind, korea.country) == ("country", "PRK")
    assert "the North" in _texts(korea)
    for name in ("State Department", "White House"):
        body = _named(actors, name)
        assert (body.kind, body.country, body.sector) == ("organization", "USA", "GOV")
    names = {a.name for a in actors}
    assert names.isdisjoint({"Reuters", "The New York Times", "The Globe and Mail", "Globe"})


def test_unqualified_head_of_government_takes_the_home_country_on_a_tie() -> None:
    # a prime minister herald's table of leaders does not know (herald.actors.known)
    text = (
        "U.S. Secretary of State Rex Tillerson will travel to Ottawa, where he will meet "
        "with Prime Minister Anne Tremblay to talk about North Korea."
    )
    plain = _named(_actors(text), "Anne Tremblay")
    assert plain.country is None  # Canada and North Korea are named once each
    signed = _named(_actors(text, credits=("JANE DOE/The Globe and Mail",)), "Anne Tremblay")
    assert signed.country == "CAN"


def test_a_coordinated_qualified_title_excludes_its_country() -> None:
    text = (
        "Foreign Affairs Minister Chrystia Freeland and U.S. Secretary of State Rex "
        "Tillerson met at the State Department in Washington.\n\n"
        "Ms. Freeland later flew back to Canada."
    )
    actors = _actors(text)
    assert _named(actors, "Chrystia Freeland").country == "CAN"
    assert _named(actors, "Rex Tillerson").country == "USA"


def test_the_country_a_party_acts_on_is_not_its_own() -> None:
    # China is where the authorities send the Uyghurs, Thailand whose custody they left
    text = (
        "Eight Uyghurs remain in Thailand's custody since the authorities deported 40 "
        "others to China last month."
    )
    assert _named(_actors(text), "authorities").country == "THA"
    # where it acts ("in") still names its state
    text = "Since January the authorities in Thailand have deported 40 Uyghurs."
    assert _named(_actors(text), "authorities").country == "THA"
    # the target of the deed its object names is not its state either
    text = "The senator demanded tougher sanctions on Russia on Monday."
    assert _named(_actors(text), "senator").country is None


def test_apposition_role_must_head_the_apposition() -> None:
    text = "Sergei Roldugin, a lifelong friend of Russian President Vladimir Putin, spoke."
    actors = _actors(text)
    assert _named(actors, "Sergei Roldugin").roles == ()
    putin = _named(actors, "Vladimir Putin")
    assert (putin.country, putin.sector) == ("RUS", "GOV")


def test_organization_premodifiers_give_country_and_sector() -> None:
    actors = _actors("The ship was chartered by Taiwanese company Billions Bunker Group.")
    body = _named(actors, "Billions Bunker Group")
    assert (body.kind, body.country, body.sector) == ("organization", "TWN", "BUS")


def test_known_organization_tagged_as_person_stays_an_organization() -> None:
    actors = _actors("Boko Haram freed 21 girls on Thursday, officials said.")
    body = _named(actors, "Boko Haram")
    assert (body.kind, body.country, body.sector) == ("organization", "NGA", "REB")


def test_a_name_written_in_lower_case_as_the_table_writes_it_is_found() -> None:
    actors = _actors("The militant group al-Shabab claimed the attack. The group bombs hotels.")
    body = _named(actors, "al-Shabaab")
    assert (body.kind, body.sector) == ("organization", "REB")
    assert _texts(body) == ["al-Shabab", "The group"]


def test_a_building_named_like_an_organization_is_no_actor() -> None:
    actors = _actors("Video shows parts of the Qahira Hotel reduced to rubble.")
    assert not any("Hotel" in actor.name for actor in actors)


def test_a_capitalized_participle_tagged_as_an_organization_is_no_actor() -> None:
    actors = _actors("Coordinated airstrikes by the Somali army killed 50 militants.")
    assert "Coordinated" not in [actor.name for actor in actors]


def test_a_dotted_country_abbreviation_is_the_country() -> None:
    actors = _actors("Cameroon and C.A.R. officials met in Yaounde on Monday.")
    assert (_named(actors, "Central African Republic").kind) == "country"


def test_demo_article_through_the_pipeline(demo_article: str) -> None:
    """Every person of the demo with role, country and sector, as herald.extract codes them."""
    import herald

    result = herald.extract(demo_article)
    people = {a.name: (a.roles, a.country, a.sector) for a in result.actors if a.kind == "person"}
    assert people["Rex Tillerson"] == (("Secretary of State",), "USA", "GOV")
    assert people["Justin Trudeau"] == (("Prime Minister",), "CAN", "GOV")
    assert people["Chrystia Freeland"] == (("Foreign Affairs Minister",), "CAN", "GOV")
    assert people["Donald Trump"] == (("President",), "USA", "GOV")
    assert people["Raul Castro"] == (("President",), "CUB", "GOV")
    assert people["Mike Pompeo"] == (("director",), "USA", "SPY")
    assert people["senior state department official"] == (("official",), "USA", "GOV")
    assert people["Canadian government official"][1:] == ("CAN", "GOV")
    quotes = {(q.kind, q.text[:30]): q for q in result.quotes}
    direct = quotes[("direct", "It will include South Korea, J")]
    assert direct.anonymous and direct.speaker is not None
    assert direct.speaker.name == "a senior state department official"
    assert (direct.speaker.country, direct.speaker.sector) == ("USA", "GOV")
    said = [q for q in result.quotes if q.speaker and q.speaker.name == "Justin Trudeau"]
    assert len(said) == 2 and all(q.speaker.country == "CAN" for q in said)
    assert not any(q.text.startswith("exactly when") for q in result.quotes)  # "did not say"
    reuters = [q for q in result.quotes if q.speaker_text == "Reuters"]
    assert reuters and not reuters[0].anonymous


def test_a_wire_agency_lends_its_country_to_nobody() -> None:
    # a prime minister herald's table of leaders does not know (herald.actors.known)
    text = (
        "U.S. Secretary of State Rex Tillerson will travel to Ottawa, where he will meet "
        "with Prime Minister Anne Tremblay to talk about North Korea."
    )
    for outlet in ("Reuters", "Associated Press"):
        signed = _named(_actors(text, publisher=outlet), "Anne Tremblay")
        assert signed.country is None, outlet  # a wire reports from everywhere
    national = _named(_actors(text, publisher="The Globe and Mail"), "Anne Tremblay")
    assert national.country == "CAN"


def test_a_surname_without_its_arabic_article_is_the_same_person() -> None:
    text = (
        "Syrian President Bashar al-Assad met rebel envoys. Assad said the talks went well. "
        "Egypt's Abdel Fattah el-Sisi called Sisi's critics traitors."
    )
    people = [a for a in _actors(text) if a.kind == "person"]
    assert [a.name for a in people] == ["Bashar al-Assad", "Abdel Fattah el-Sisi"]
    assert _texts(people[0]) == ["Syrian President Bashar al-Assad", "Assad"]


def test_a_house_of_representatives_is_not_the_american_one_unless_the_text_says_so() -> None:
    thai = _actors("Thailand's House of Representatives rejected the bill.")
    assert all(a.country != "USA" for a in thai)
    us = _named(
        _actors("The U.S. House of Representatives passed the bill."),
        "U.S. House of Representatives",
    )
    assert (us.country, us.sector) == ("USA", "LEG")


def test_a_country_inside_an_organization_name_is_the_organization() -> None:
    actors = _actors("The Sudan Liberation Movement rejected the deal, the U.S. Embassy said.")
    movement = _named(actors, "Sudan Liberation Movement")
    assert (movement.kind, movement.country) == ("organization", "SDN")
    assert "Sudan" not in {a.name for a in actors}  # the rebels are not the state
    assert _named(actors, "U.S. Embassy").country == "USA"
    korea = _actors("The Democratic People's Republic of Korea fired a missile.")
    assert [(a.name, a.kind) for a in korea] == [("North Korea", "country")]


def test_a_known_name_inside_a_longer_one_is_another_party() -> None:
    japan = _named(
        _actors("He supports Abe's ruling Liberal Democratic Party."), "Liberal Democratic Party"
    )
    assert (japan.country, japan.sector) == (None, "PTY")
    germany = _named(
        _actors("Merkel held talks with the Free Democrats in Berlin."), "Free Democrats"
    )
    # a party of the country its paragraph names (Merkel, a leader the tables know)
    assert (germany.country, germany.sector) == ("DEU", "PTY")
    # a body the tables know and a place before the name leave it the known one
    senate = _named(_actors("Senate Democrats criticized the bill."), "Democratic Party")
    assert senate.country == "USA"


def test_an_international_body_takes_no_country_from_its_paragraph() -> None:
    text = "The International Court of Justice rejected Kenya's request on Monday."
    court = _named(_actors(text), "International Court of Justice")
    assert (court.country, court.sector) == (None, "JUD")
    # a court the text does not name for the world still does
    assert _named(_actors("The court rejected Kenya's appeal."), "court").country == "KEN"


def test_a_surname_the_tagger_missed_is_the_full_name_again() -> None:
    # the tagger labels the second "Varondo" a product; a full name's surname is its person
    actors = _actors(
        "Defense Minister Alkis Varondo flew to Athens on Monday. "
        "This marks Varondo\u2019s third trip abroad this year."
    )
    assert _texts(_named(actors, "Alkis Varondo")) == ["Defense Minister Alkis Varondo", "Varondo"]


def test_a_title_makes_a_person_of_the_name_after_it() -> None:
    # the tagger takes "Ilkay Demir" for an organization; "adviser" says it is a person
    actors = _actors("Presidential adviser Ilkay Demir said on Monday that Ankara would respond.")
    demir = _named(actors, "Ilkay Demir")
    assert (demir.kind, demir.roles) == ("person", ("Presidential adviser",))


def test_a_possessor_country_is_the_role_nouns_but_a_person_possessor_is_not() -> None:
    ministry = _named(
        _actors("Afghanistan's Ministry of Foreign Affairs called Pakistan's claims baseless."),
        "Ministry of Foreign Affairs",  # the whole name the tagger reads it in
    )
    assert ministry.country == "AFG"
    actors = _actors("Kim Jong Un's spokesman denied the report.")
    assert _texts(_named(actors, "spokesman")) == ["spokesman"]


def test_a_group_of_many_states_takes_no_country_from_its_paragraph() -> None:
    actors = _actors(
        "Russia's war in Ukraine entered its third year. "
        "Western politicians have called on China to stop its support for Russia."
    )
    assert _named(actors, "Western politicians").country is None
    arab = _actors("Arab diplomats met in Cairo on Monday, a week after Egypt hosted the talks.")
    assert _named(arab, "Arab diplomats").country is None
    # a national title still says it
    police = _actors("South African police arrested five men.")
    assert _named(police, "South African police").country == "ZAF"


def test_an_administration_named_for_a_known_leader_is_of_the_leaders_state() -> None:
    text = "Rights groups accused Egypt of pressing the Trump administration to drop the suit."
    administration = _named(_actors(text), "Trump administration")
    assert (administration.country, administration.sector) == ("USA", "GOV")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ('"local authorities', "local authorities"),
        ("\u2019s Sergey Roldugin", "Sergey Roldugin"),
        ("-year-old German student", "German student"),
        ('Marcia "', "Marcia"),
        ("AFL-CIO", "AFL-CIO"),
        ("@NASA", "@NASA"),
    ],
)
def test_display_name_strips_edge_debris(name: str, shown: str) -> None:
    assert display_name(name) == shown


def test_a_country_words_are_aimed_at_is_no_cue_to_whose_people_speak() -> None:
    text = "While pressure was needed toward North Korea, talks were vital, said Mayor Jane Doe."
    assert _named(_actors(text, dateline="ERIMO"), "Jane Doe").country == "JPN"
    # nor is a country a verb acts on
    text = "The senator said the administration should sanction Russia and expel it from the G8."
    assert _named(_actors(text), "senator").country is None
