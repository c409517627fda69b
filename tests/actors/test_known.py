"""Well-known political leaders: the table of people and its use by the actors stage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import herald.actors.known as known
from herald.actors.known import known_people, person_key
from herald.actors.lexicon import countries
from herald.actors.stage import find_actors
from herald.data_files import read_rows
from herald.parse.model import parse
from herald.records import Actor, Document, TimeValue


@pytest.fixture
def small_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    rows = [
        {"name": "Ann Lee", "aliases": "Lee", "country": "SGP", "from": "2001", "to": "2004"},
        {"name": "Bo Lee", "aliases": "Lee", "country": "KOR", "from": "", "to": ""},
        {"name": "Carl Dunn", "aliases": "Dunn", "country": "USA", "from": "1990", "to": "1994"},
        {"name": "Carl Dunn", "aliases": "Dunn", "country": "USA", "from": "2010", "to": ""},
        {"name": "Di Dunn", "aliases": "", "country": "USA", "from": "2003", "to": "2007"},
    ]
    for row in rows:
        row.setdefault("sector", "LEG" if row["name"] == "Di Dunn" else "")
        row.setdefault("gender", "female" if row["name"] in ("Ann Lee", "Di Dunn") else "male")
    monkeypatch.setattr(known, "read_rows", lambda name: rows)
    known_people.cache_clear()
    yield
    known_people.cache_clear()


def test_keys_drop_honorifics_initials_and_accents_but_keep_a_lone_title() -> None:
    assert person_key("Mr. George W. Bush") == "george bush"
    assert person_key("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert person_key("Ayatollah Ali Khamenei") == "ali khamenei"
    # "Hussein" alone is many people: a title before one word stays
    assert person_key("King Hussein") == "king hussein"


@pytest.mark.usefixtures("small_table")
def test_a_name_of_two_countries_is_no_key_and_terms_add_up() -> None:
    people = known_people()
    assert "lee" not in people
    assert people["ann lee"].country == "SGP"
    dunn = people["dunn"]
    sectors = [term.sector if (term := dunn.office(y)) else None for y in (1992, 2025, 2000)]
    assert sectors == ["GOV", "GOV", None]
    assert people["bo lee"].office(2001) is None  # no years: a country, no office
    di_dunn = people["di dunn"].office(2005)
    assert di_dunn is not None and di_dunn.sector == "LEG"
    assert (people["dunn"].gender, people["di dunn"].gender) == ("male", "female")


def test_the_shipped_table_is_well_formed() -> None:
    codes = {country.iso3 for country in countries()}
    rows = read_rows("actors/people.csv")
    assert len(rows) > 500
    for row in rows:
        # an office of an international body serves no country
        assert row["country"] in codes or (row["country"], row["sector"]) == ("", "IGO"), row
        assert row["sector"] in ("", "LEG", "MIL", "IGO"), row
        assert row["gender"] in ("male", "female"), row
        start, end = row["from"], row["to"]
        assert not end or (start and int(start) <= int(end)), row


def _actors(text: str, day: str | None) -> dict[str, Actor]:
    published = TimeValue(text=day, value=day, precision="day", anchor="absolute") if day else None
    doc = Document(doc_id="d", id="t", source="test", text=text, published=published)
    return {actor.name: actor for actor in find_actors(doc, parse(text))}


@pytest.mark.slow
def test_a_known_leader_keeps_his_country_whatever_the_paragraph_names() -> None:
    # the paragraph rule alone gives the president the paragraph's country: Russia
    actors = _actors("President Bush threatened further action against Russia.", "1991-05-02")
    assert (actors["Bush"].country, actors["Bush"].sector) == ("USA", "GOV")


@pytest.mark.slow
def test_a_surname_alone_is_coded_and_the_office_follows_the_date() -> None:
    text = "Putin offered to negotiate with the president of Armenia."
    putin = _actors(text, "2005-09-29")["Putin"]
    assert (putin.country, putin.sector) == ("RUS", "GOV")
    gorbachev = _actors("Gorbachev criticized the plan.", "2015-01-10")["Gorbachev"]
    # after every office the table gives: a former leader, one of the elites (PLOVER's ELI)
    assert (gorbachev.country, gorbachev.sector) == ("RUS", "ELI")
    clinton = _actors("Hillary Clinton criticized the plan.", "2016-09-21")["Hillary Clinton"]
    assert (clinton.country, clinton.sector) == ("USA", "ELI")
    # before it the person may hold an office the table leaves out (a senator, in 2020)
    rubio = _actors("Rubio criticized the plan.", "2020-05-01")["Rubio"]
    assert (rubio.country, rubio.sector) == ("USA", None)


@pytest.mark.slow
def test_in_a_text_with_no_date_a_known_office_holder_is_a_political_figure() -> None:
    # which office, if any, is held that day cannot be told; that one was held can
    putin = _actors("Putin offered to negotiate with Armenia.", None)["Putin"]
    assert (putin.country, putin.sector) == ("RUS", "ELI")


@pytest.mark.slow
def test_an_international_office_is_not_the_home_country() -> None:
    text = "NATO Secretary General Jens Stoltenberg warned Russia on Monday."
    stoltenberg = _actors(text, "2019-06-03")["Jens Stoltenberg"]
    assert (stoltenberg.country, stoltenberg.sector) == (None, "IGO")
    # no title: the table's office on the day says whose he is
    text = "Mr. Stoltenberg said the alliance would stand by its members."
    at_nato = _actors(text, "2019-06-03")["Stoltenberg"]
    assert (at_nato.country, at_nato.sector) == (None, "IGO")
    at_home = _actors(text, "2008-06-03")["Stoltenberg"]
    assert (at_home.country, at_home.sector) == ("NOR", "GOV")


@pytest.mark.slow
def test_a_known_leader_names_his_country_for_the_officials_of_his_paragraph() -> None:
    text = "Putin chaired the meeting. The defence minister said the troops would stay."
    minister = _actors(text, "2019-06-03")["defence minister"]
    assert (minister.country, minister.sector) == ("RUS", "GOV")


@pytest.mark.slow
def test_a_known_leader_the_tagger_took_for_a_body_is_a_person() -> None:
    prodi = _actors("Romano Prodi has declined to resign despite growing pressure.", "2007-05-02")
    assert (prodi["Romano Prodi"].kind, prodi["Romano Prodi"].country) == ("person", "ITA")


def test_a_known_woman_named_in_full_is_not_he() -> None:
    text = "Hillary Clinton met Don Fowler on Monday. He said the party needs a plan."
    actors = _actors(text, "2016-09-12")
    assert "He" in [m.text for m in actors["Don Fowler"].mentions]
    assert "He" not in [m.text for m in actors["Hillary Clinton"].mentions]
