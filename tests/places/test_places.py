"""find_places on sentences parsed with the real model."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest

from herald.data_files import data_path
from herald.parse.model import parse
from herald.places.gazetteer.entries import name_key
from herald.places.gazetteer.lookup import best
from herald.places.mentions import _unlabelled_known_mentions
from herald.places.stage import find_places
from herald.records import Place


def _places(text: str, dateline: str | None = None) -> tuple[Place, ...]:
    return find_places(parse(text), dateline=dateline)


def _by_text(places: tuple[Place, ...]) -> dict[str, Place]:
    return {place.text: place for place in places}


def test_vancouver_meeting_resolves_to_canada_with_offsets() -> None:
    text = "The meeting will be held in Vancouver in January."
    places = _places(text)
    assert len(places) == 1
    place = places[0]
    assert text[place.start : place.end] == place.text == "Vancouver"
    assert (place.country, place.feature) == ("CAN", "city")
    assert place.lat == pytest.approx(49.25, abs=0.1)
    assert place.lon == pytest.approx(-123.1, abs=0.1)
    assert place.geonameid is not None


def test_us_as_a_title_premodifier_is_not_a_place() -> None:
    text = "U.S. Secretary of State Rex Tillerson arrived in Ottawa on Tuesday."
    places = _by_text(_places(text))
    assert "U.S." not in places
    assert places["Ottawa"].country == "CAN"


def test_a_legislators_party_and_state_tag_is_not_a_place() -> None:
    text = "Sen. Ted Cruz, R-Texas, criticized the bill at a rally in Texas."
    assert [(p.text, p.start) for p in _places(text)] == [("Texas", text.rindex("Texas"))]
    assert not _places("Sen. Kamala Harris, D-Calif., called the record problematic.")


def test_a_peoples_adjective_is_not_the_region_named_after_it() -> None:
    text = "More than 600,000 Jewish people live in settlements in the West Bank."
    assert [p.text for p in _places(text)] == ["West Bank"]


def test_us_after_a_preposition_is_a_place() -> None:
    text = "The talks will take place in the U.S. next month."
    places = _by_text(_places(text))
    assert places["U.S."].country == "USA"
    assert places["U.S."].feature == "country"


def test_dotted_initials_are_not_the_town_their_letters_spell() -> None:
    # "E.U." is the European Union, not Eu in Normandy; initials that an alias spells out stay
    places = _by_text(_places("If the E.U. retaliates, talks will follow in the U.S. and the U.K."))
    assert places["E.U."].name is None
    assert (places["U.S."].country, places["U.K."].country) == ("USA", "GBR")


def test_possessive_is_trimmed_north_korea() -> None:
    text = "North Korea's threat worried its neighbours."
    places = _places(text)
    assert [p.text for p in places] == ["North Korea"]
    assert places[0].country == "PRK"
    assert text[places[0].start : places[0].end] == "North Korea"


def test_regions_are_places() -> None:
    text = "Tensions rose in the Middle East and on the Korean Peninsula, Canada said."
    places = _by_text(_places(text))
    assert places["Middle East"].feature == "region"
    assert places["Korean Peninsula"].feature == "region"
    assert places["Canada"].country == "CAN"
    assert all(text[p.start : p.end] == p.text for p in places.values())


def test_city_state_pattern_picks_the_city_in_that_state() -> None:
    text = "She grew up in Portland, Maine, before moving to Texas."
    places = _by_text(_places(text))
    assert places["Portland"].admin1 == "Maine"
    assert places["Maine"].feature == "admin1"


def test_article_country_context_moves_vancouver() -> None:
    text = "Officials in Vancouver and Spokane met with police in Seattle, Washington."
    places = _by_text(_places(text))
    assert places["Vancouver"].country == "USA"
    assert places["Vancouver"].admin1 == "Washington"


def test_dateline_gives_context() -> None:
    text = "Leaders gathered in London on Monday to discuss trade."
    assert _by_text(_places(text))["London"].country == "GBR"
    in_ontario = _by_text(_places(text, dateline="TORONTO"))
    assert in_ontario["London"].country == "CAN"
    # a story filed from two cities is first the first's
    assert _by_text(_places(text, dateline="TORONTO/OTTAWA"))["London"].country == "CAN"


@pytest.mark.parametrize(
    "text",
    [
        # the tagger takes "Tahir Hussain" and one "Hussain" for places, the other for a person
        "Police filed a case against Tahir Hussain in Delhi. Hussain, a councillor, has "
        "rejected the charges. The police registered the FIR against Hussain on Monday.",
        # one "Soltan" for a place, the full name for a person
        "The suit asserts Beblawi directed the abuse of Soltan, who worked in Cairo. Mohamed "
        "Soltan, a U.S. citizen, was freed in 2015.",
    ],
)
def test_an_unknown_name_the_text_gives_a_person_is_no_place(text: str) -> None:
    assert {p.text for p in _places(text) if p.name is None} == set()


def test_unknown_place_keeps_its_span_only() -> None:
    text = "The convoy reached Xqzzyville late at night."
    places = [p for p in _places(text) if p.text == "Xqzzyville"]
    for place in places:
        assert place.name is None and place.country is None and place.lat is None


def test_counties_take_a_point_in_their_state() -> None:
    text = "Deputies in Walker County, Georgia, said the fire began near LaFayette, Georgia."
    places = _by_text(_places(text))
    county = places["Walker County"]
    assert county.feature == "admin2" and county.admin1 == "Georgia"
    assert county.lat is not None


def test_directional_qualifier_is_dropped_when_only_the_name_is_known() -> None:
    text = "Floods hit northern Georgia and the Atlanta suburbs."
    places = _by_text(_places(text))
    assert places["Georgia"].country == "USA"


def test_no_entities_no_places() -> None:
    assert _places("Nothing happened here at all.") == ()


def test_place_qualifiers_table_is_lowercase_words() -> None:
    path = data_path("places/place_qualifiers.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["word"].islower() and " " not in row["word"] for row in rows)
    assert {"northern", "downtown"} <= {row["word"] for row in rows}


def test_a_direction_alone_is_not_a_place() -> None:
    text = "He said the North must earn its way to talks with South Korea."
    places = _by_text(_places(text))
    assert "North" not in places
    assert places["South Korea"].country == "KOR"


def test_demo_article_places(demo_article: str) -> None:
    places = find_places(parse(demo_article))
    by_text = _by_text(places)
    assert all(demo_article[p.start : p.end] == p.text for p in places)
    assert by_text["Ottawa"].country == "CAN"
    assert by_text["Vancouver"].country == "CAN"
    assert by_text["Washington"].admin1 == "District of Columbia"
    assert by_text["North Korea"].country == "PRK"


def test_unknown_facility_name_keeps_its_known_leading_place() -> None:
    text = "He was taken to the Guernsey County Jail in Cambridge on Monday."
    places = _by_text(_places(text))
    county = places["Guernsey County"]
    assert text[county.start : county.end] == "Guernsey County"
    assert (county.admin1, county.country) == ("Ohio", "USA")
    # the county's state then pulls the city home
    assert places["Cambridge"].admin1 == "Ohio"


def test_name_in_a_list_of_states_is_the_state() -> None:
    places = _by_text(_places("The storm hit Oregon, Idaho, Montana and Washington on Monday."))
    assert (places["Washington"].feature, places["Washington"].admin1) == ("admin1", "Washington")


def test_washington_alone_stays_the_capital() -> None:
    places = _by_text(_places("The senator flew to Washington on Monday."))
    assert places["Washington"].feature == "city"


def test_local_institutions_table_is_lowercase_words() -> None:
    path = data_path("places/local_institutions.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["word"].islower() and row["kind"] for row in rows)
    assert len({row["word"] for row in rows}) == len(rows)


def test_bodies_named_after_their_place_give_the_place() -> None:
    text = (
        "Officers of the Huntsville Police Department and deputies of the Walker County "
        "Sheriff's Office searched the house, and the Texas Department of Public Safety helped."
    )
    places = _by_text(_places(text))
    assert places["Huntsville"].admin1 == "Texas"
    assert places["Walker County"].admin1 == "Texas"
    assert places["Texas"].feature == "admin1"


def test_a_county_prefix_wins_over_a_shorter_town_name() -> None:
    text = "Volunteers of the Licking County Genealogy Society met in Newark, Ohio."
    places = _by_text(_places(text))
    assert "Licking" not in places
    assert places["Licking County"].admin1 == "Ohio"


def test_a_capitalized_direction_before_a_known_name_reads_as_that_name() -> None:
    places = _by_text(_places("The family moved to North Texas in 1973."))
    assert places["Texas"].feature == "admin1"
    places = _by_text(_places("Troops entered South Ossetia on Friday."))
    assert "South" not in places


def test_a_state_used_as_an_adjective_stays_a_place() -> None:
    text = "Georgia authorities in Atlanta and Savannah said the Georgia man was charged."
    places = [p for p in _places(text) if p.text == "Georgia"]
    assert places and all(p.country == "USA" for p in places)


def test_a_kind_word_after_the_name_picks_that_kind() -> None:
    places = _by_text(_places("A cow from a Washington state farm tested positive."))
    assert places["Washington"].feature == "admin1"
    places = _by_text(_places("The senator flew to Washington on Monday."))
    assert places["Washington"].feature == "city"


def test_a_name_split_at_of_is_joined_back() -> None:
    places = _places("Polio rose in Angola, Chad, and Democratic Republic of the Congo.")
    assert "COD" in {p.country for p in places}
    assert "COG" not in {p.country for p in places}


def test_a_municipal_wrapper_gives_the_name_inside() -> None:
    places = _by_text(_places("Officials from the City of Santa Ana, California, met."))
    assert places["Santa Ana"].admin1 == "California"


def test_a_gazetteer_word_before_another_name_is_not_a_place() -> None:
    places = _by_text(_places("Swans were found on the coast of Lake Erie in Michigan."))
    assert "Lake" not in places


def test_a_name_taken_for_a_person_is_a_place_where_only_a_place_fits() -> None:
    from herald.places.mentions import _placed
    from herald.records import Entity

    parsed = parse("A restaurant in Gainesville was robbed, and Gainesville police came.")
    first, second = (t.i for t in parsed.tokens if t.text == "Gainesville")
    assert _placed(parsed, Entity(first, first + 1, "PERSON", "Gainesville", 0, 0))
    assert _placed(parsed, Entity(second, second + 1, "PERSON", "Gainesville", 0, 0))
    parsed = parse("Austin said Gainesville was right.")
    assert not _placed(parsed, Entity(0, 1, "PERSON", "Austin", 0, 6))


def test_a_large_city_a_deed_of_war_is_done_to_is_a_place_whatever_its_label() -> None:
    # the small model labels both names ORG
    places = _by_text(_places("Russia launched a missile attack on Kharkiv."))
    assert places["Kharkiv"].country == "UKR"
    places = _by_text(_places("Rebels broke the siege of Aleppo."))
    assert places["Aleppo"].country == "SYR"


def test_a_surname_of_a_person_named_in_full_is_no_place_whatever_its_label() -> None:
    from dataclasses import replace

    from herald.places.mentions import _person_names, _relabelled_mentions
    from herald.records import Entity

    def as_org(text: str) -> list[str]:
        """The place names taken back when the parser labels the last "Zamora" an ORG (as
        it did in a real article); "Zamora" is also a Spanish province."""
        parsed = parse(text)
        last = max(t.i for t in parsed.tokens if t.text == "Zamora")
        token = parsed.tokens[last]
        org = Entity(last, last + 1, "ORG", "Zamora", token.idx, token.end)
        kept = tuple(e for e in parsed.entities if not e.start <= last < e.end)
        relabelled = replace(parsed, entities=(*kept, org))
        found = _relabelled_mentions(relabelled, set(), _person_names(relabelled))
        return [m.text for m in found]

    assert as_org("Journalist Jose Ruben Zamora was jailed. Zamora said he would appeal.") == []
    assert as_org("Officials met in Zamora on Monday.") == ["Zamora"]


def test_a_name_called_a_town_is_a_place_whatever_the_parser_says() -> None:
    # the parser takes "Beledweyne" for a person; "the central town of" says what it is
    places = _by_text(_places("Gunmen laid siege to a hotel in the central town of Beledweyne."))
    assert places["Beledweyne"].country == "SOM"
    # here the parser gives it no label at all
    places = _by_text(_places("Gunmen stormed a hotel in the Somali city of Beledweyne."))
    assert places["Beledweyne"].country == "SOM"
    # a name in apposition to "capital": the parser takes "Niamey" for an organisation or a
    # person
    for text in ("Leaders met in the capital Niamey.", "They met in the Nigerien capital, Niamey."):
        assert _by_text(_places(text))["Niamey"].country == "NER"


def test_a_seat_of_power_visited_is_its_city_and_speaking_is_no_place() -> None:
    places = _by_text(
        _places("Starmer paid a visit to the White House. Talks in the Kremlin ended.")
    )
    assert (places["White House"].name, places["White House"].country) == ("Washington", "USA")
    assert places["Kremlin"].name == "Moscow"
    assert not _places("The White House said it would respond.")
    briefing = _by_text(_places("He told reporters at the Pentagon that the strikes worked."))
    assert (briefing["Pentagon"].name, briefing["Pentagon"].country) == ("Washington", "USA")
    assert not _places("The Pentagon said the strikes worked.")


def test_where_a_journey_goes_is_a_place_whatever_the_parser_says() -> None:
    # the parser takes "Mauritius" for a person and "Quetta" for an organisation
    places = _by_text(
        _places(
            "Modi is due to travel to Mauritius on Tuesday. "
            "During a visit to Quetta for a security meeting, Sharif spoke."
        )
    )
    assert places["Mauritius"].country == "MUS"
    assert places["Quetta"].country == "PAK"


def test_a_name_the_gazetteer_lacks_is_a_place_of_the_kind_the_text_gives() -> None:
    text = (
        "Airstrikes in the Middle Shabelle region killed 50 militants. "
        "The plane crashed in Deh Yak district of Ghazni."
    )
    places = _by_text(_places(text))
    shabelle = places["Middle Shabelle"]
    assert (shabelle.name, shabelle.feature, shabelle.lat, shabelle.country) == (
        "Middle Shabelle", "province", None, None,
    )  # fmt: skip
    assert (places["Deh Yak"].name, places["Deh Yak"].feature) == ("Deh Yak", "district")


def test_a_name_the_text_calls_a_village_or_town_before_it_is_a_place() -> None:
    # made-up names the gazetteer lacks, one the tagger reads as a person's
    text = (
        "Soldiers burned houses in the village of Tumbun Gini on Friday. "
        "Weekly marches are held in the hill town of Yusuf Abdallah."
    )
    places = _by_text(_places(text))
    assert (places["Tumbun Gini"].name, places["Tumbun Gini"].feature) == ("Tumbun Gini", "city")
    assert places["Yusuf Abdallah"].feature == "city"
    assert places["Yusuf Abdallah"].country is None
    # "of" after a word that names no kind of place says nothing
    assert "Yusuf Abdallah" not in _by_text(_places("The release of Yusuf Abdallah was ordered."))


def test_a_name_the_gazetteer_lacks_stays_unresolved_without_a_kind_word() -> None:
    places = _by_text(_places("Elders of Middle Shabelle met in Nairobi."))
    shabelle = places["Middle Shabelle"]
    assert (shabelle.name, shabelle.feature) == (None, None)


def test_a_news_outlet_named_after_a_place_names_no_place() -> None:
    told = _places("Nigerian troops attacked the camp, officials told The New York Times.")
    assert "New York" not in _by_text(told)
    # a body named after its place still names it
    assert "Ohio" in _by_text(_places("The Ohio Department of Health closed the clinic."))


def test_a_name_the_parser_left_unlabelled_is_a_place_the_article_names_elsewhere() -> None:
    text = (
        "Iraqi special forces said al-Rufay\u2019i was killed Thursday in an airstrike targeting "
        "his location in Iraq\u2019s Anbar desert. Security forces in Anbar arrested seven men."
    )
    found = [p for p in _places(text) if p.text == "Anbar"]
    assert len(found) == 2
    assert all(p.country == "IRQ" for p in found)


def test_an_unlabelled_outlet_is_no_place_whatever_the_article_names_so() -> None:
    parsed = parse("It was swell of the Telegraph and the Guardian to mention it.")
    # as the parser leaves it now and then: "Telegraph" with no label
    tokens = tuple(replace(t, ent_type="") if t.text == "Telegraph" else t for t in parsed.tokens)
    unlabelled = replace(parsed, tokens=tokens)
    assert _unlabelled_known_mentions(unlabelled, {name_key("Telegraph")}) == []
    text = "Fighting went on in Anbar province."
    tokens = tuple(replace(t, ent_type="") for t in parse(text).tokens)
    unlabelled = replace(parse(text), tokens=tokens)
    found = _unlabelled_known_mentions(unlabelled, {name_key("Anbar")})
    assert [m.text for m in found] == ["Anbar"]


def test_a_name_before_a_kind_of_division_is_that_division() -> None:
    text = "Reports came from locals in Ghazni province and in Kandahar province."
    found = {p.text: p for p in _places(text)}
    assert (found["Ghazni"].feature, found["Ghazni"].country) == ("province", "AFG")
    assert (found["Kandahar"].feature, found["Kandahar"].country) == ("province", "AFG")
    # a state, a city or a port in a name is the name's own word
    found = {p.text for p in _places("She studied at Wayne State University in Detroit.")}
    assert "Wayne" not in found


def test_a_lowercase_noun_after_a_name_is_not_part_of_it() -> None:
    # the parser's span "Normandy beach" is a beach in Normandy, not the US town of that name
    text = "The minister spoke during a visit to a Normandy beach on Saturday."
    (place,) = _places(text)
    assert (place.text, place.country) == ("Normandy", "FRA")
    assert text[place.start : place.end] == "Normandy"


def test_regions_news_names_in_english_are_known() -> None:
    for name, country in [("Brittany", "FRA"), ("Hesse", "DEU"), ("Donbass", "UKR")]:
        entry = best(name)
        assert entry is not None and entry.country == country, name


def test_a_bodys_acronym_after_a_preposition_is_not_a_town_spelt_otherwise() -> None:
    # "in NATO": the parser's ORG stays a body though a Philippine town is called Nato
    text = "He said U.S. involvement in NATO may need to be diminished."
    assert "NATO" not in _by_text(_places(text))


def test_a_persons_surname_the_parser_takes_for_a_place_is_no_place() -> None:
    text = "Terry Strada spoke on Monday. Strada accused the government of delays."
    assert "Strada" not in _by_text(_places(text))
    # a country of the same name stays a place
    text = "Michael Jordan spoke on Monday. He flew to Jordan on Tuesday."
    assert _by_text(_places(text))["Jordan"].country == "JOR"


def test_a_national_capital_the_parser_takes_for_a_person_is_a_place() -> None:
    text = "Reports put the number of dead at ten. Tbilisi says the separatists attacked first."
    assert _by_text(_places(text))["Tbilisi"].country == "GEO"


def test_in_a_cased_text_a_name_without_a_capital_is_no_place() -> None:
    text = "Police in Dayton said so. They can't find the metro line."
    assert set(_by_text(_places(text))) == {"Dayton"}
    # a text typed all in lower case still names its places
    text = "protesters gathered in cairo on friday."
    assert _by_text(_places(text))["cairo"].country == "EGY"


def test_a_place_that_names_a_virus_is_no_place() -> None:
    text = "Because Marburg virus kills more slowly, victims have more time. Luanda is calm."
    assert set(_by_text(_places(text))) == {"Luanda"}
