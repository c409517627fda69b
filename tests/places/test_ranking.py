"""Reading place names together: neighbours, containers and the article's country."""

from __future__ import annotations

from herald.places.gazetteer.cache import load_gazetteer
from herald.places.gazetteer.entries import name_key
from herald.places.ranking import rank_together


def _top(*names: str) -> dict[str, tuple[str | None, str | None]]:
    gazetteer = load_gazetteer()
    ranked = rank_together({name_key(n): gazetteer.candidates(n) for n in names})
    return {key: (r[0].entry.country, r[0].entry.admin1) for key, r in ranked.items()}


def test_a_name_alone_takes_its_best_known_reading() -> None:
    assert _top("Paris")["paris"] == ("FRA", None)


def test_a_neighbouring_town_pulls_a_name_to_its_state() -> None:
    # Decatur alone is the Illinois city (the biggest); next to Avondale Estates, which
    # exists only in Georgia, it is the Georgia one a few km away.
    assert _top("Decatur")["decatur"] == ("USA", "Illinois")
    assert _top("Decatur", "Avondale Estates")["decatur"] == ("USA", "Georgia")


def test_a_state_named_beside_a_city_decides_which_one() -> None:
    assert _top("Athens")["athens"] == ("GRC", None)
    assert _top("Athens", "Ohio")["athens"] == ("USA", "Ohio")
    assert _top("Athens", "Tennessee")["athens"] == ("USA", "Tennessee")


def test_one_foreign_name_does_not_outvote_several_local_ones() -> None:
    top = _top("Mansfield", "Lima", "Elida", "Wapakoneta", "Oxford")
    assert top["mansfield"] == ("USA", "Ohio")


def test_a_country_keeps_its_name_next_to_its_own_cities() -> None:
    top = _top("Georgia", "Tbilisi", "Gori")
    assert top["georgia"] == ("GEO", None)


def test_fixed_dateline_place_supports_readings() -> None:
    gazetteer = load_gazetteer()
    springfield = gazetteer.candidates("Springfield")
    illinois = next(
        e.entry for e in gazetteer.candidates("Illinois") if e.entry.feature == "admin1"
    )
    ranked = rank_together({"springfield": springfield}, fixed=[illinois])
    assert ranked["springfield"][0].entry.admin1 == "Illinois"


def test_unknown_names_are_left_out() -> None:
    assert rank_together({"nowhere": ()}) == {}


def test_one_country_named_three_ways_speaks_once() -> None:
    top = _top("Vancouver", "U.S.", "United States", "America", "Canada")
    assert top["vancouver"] == ("CAN", None)


def test_silent_names_are_ranked_but_support_nothing() -> None:
    gazetteer = load_gazetteer()
    names = {k: gazetteer.candidates(k) for k in ("ottawa", "us")}
    assert rank_together(names)["ottawa"][0].entry.country == "USA"
    ranked = rank_together(names, silent=frozenset({"us"}))
    assert ranked["ottawa"][0].entry.country == "CAN"
    assert ranked["us"][0].entry.country == "USA"
