"""The offline gazetteer: lookups, ranking with context, data tables, distances, disk index."""

from __future__ import annotations

import csv
import os
import pickle
import re
import time
from pathlib import Path

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import herald.places.gazetteer.cache as gazetteer_cache
from herald.data_files import data_path
from herald.places.gazetteer.build import build_gazetteer
from herald.places.gazetteer.cache import (
    DiskGazetteer,
    cached_gazetteer,
    index_path,
    load_gazetteer,
    write_index,
)
from herald.places.gazetteer.entries import Context, Entry, Gazetteer, distance_km, name_key
from herald.places.gazetteer.lookup import best, country_of_place, rank
from herald.settings import cache_dir

US = Context(countries=frozenset({"USA"}))
CANADA = Context(countries=frozenset({"CAN"}))


def _table(name: str) -> list[dict[str, str]]:
    path = data_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_vancouver_in_a_canadian_context_is_in_british_columbia() -> None:
    entry = best("Vancouver", CANADA)
    assert entry is not None
    assert entry.country == "CAN"
    assert distance_km(entry.lat or 0, entry.lon or 0, 49.25, -123.1) < 20


def test_vancouver_in_washington_state_context_is_vancouver_wa() -> None:
    state = load_gazetteer().admin1["US.WA"]
    entry = best("Vancouver", Context(frozenset({"USA"}), frozenset({"US.WA"})))
    assert entry is not None and entry.country == "USA"
    assert entry.admin1 == state.name == "Washington"


def test_country_names_of_the_actor_table_name_places_no_other_place_has() -> None:
    for name, iso3 in (("ROK", "KOR"), ("DPRK", "PRK"), ("Bosnia", "BIH"), ("KSA", "SAU")):
        entry = best(name)
        assert entry is not None and (entry.feature, entry.country) == ("country", iso3)
    salvador = best("Salvador")  # an alias of El Salvador, but first a Brazilian city
    assert salvador is not None and (salvador.feature, salvador.country) == ("city", "BRA")


def test_paris_without_context_is_the_french_capital() -> None:
    entry = best("Paris")
    assert entry is not None
    assert (entry.country, entry.feature) == ("FRA", "city")
    assert entry.geonameid == 2988507


def test_paris_within_texas_is_paris_texas() -> None:
    entry = best("Paris", Context(within_admin1="US.TX"))
    assert entry is not None and entry.admin1 == "Texas"


def test_georgia_is_the_country_alone_and_the_state_next_to_us_places() -> None:
    alone = best("Georgia")
    in_us = best("Georgia", US)
    assert alone is not None and (alone.country, alone.feature) == ("GEO", "country")
    assert in_us is not None and (in_us.country, in_us.feature) == ("USA", "admin1")


def test_washington_is_in_the_usa_and_means_the_capital() -> None:
    assert country_of_place("Washington") == "USA"
    entry = best("Washington")
    assert entry is not None and entry.capital


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Ottawa", "CAN"),
        ("Beijing", "CHN"),
        ("U.S.", "USA"),
        ("Britain", "GBR"),
        ("DRC", "COD"),
        ("Toronto", "CAN"),
        ("São Paulo", "BRA"),
        ("Sao Paulo", "BRA"),
    ],
)
def test_country_of_place_for_capitals_cities_and_short_forms(name: str, iso3: str) -> None:
    assert country_of_place(name) == iso3


def test_unknown_name_has_no_country() -> None:
    assert country_of_place("Xqzzyville") is None
    assert rank("Xqzzyville") == ()


def test_a_country_beats_a_city_of_the_same_name() -> None:
    entry = best("Mexico", Context(countries=frozenset({"MEX"}), admin1=frozenset({"MX.09"})))
    assert entry is not None and entry.feature == "country"


def test_new_york_is_the_state_and_new_york_city_the_city() -> None:
    state = load_gazetteer().admin1["US.NY"]
    city = best("New York City")
    assert best("New York") == best("NY") == state
    assert city is not None and city.feature == "city" and city.admin1_key == "US.NY"


def test_regions_and_continents_resolve() -> None:
    middle_east = best("the Middle East")
    europe = best("Europe")
    assert middle_east is not None and middle_east.feature == "region"
    assert europe is not None and europe.feature == "continent"


def test_name_key_folds_accents_dots_case_and_the() -> None:
    assert name_key("The U.S.") == "us"
    assert name_key("Québec") == name_key("Quebec") == "quebec"
    assert name_key("Winston-Salem") == "winston salem"


def test_short_forms_of_fort_and_saint_find_the_city() -> None:
    fort_worth = best("Ft. Worth")
    assert fort_worth is not None and fort_worth.name == "Fort Worth"
    st_louis = best("St. Louis", Context(within_admin1="US.MO"))
    assert st_louis is not None and st_louis.population > 250_000


def test_distance_km_known_pairs() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    # Paris - London: about 344 km
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)
    # a quarter of the equator
    assert distance_km(0, 0, 0, 90) == pytest.approx(10007.5, abs=1)


@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180))
def test_distance_km_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    there = distance_km(a, b, c, d)
    assert there == pytest.approx(distance_km(c, d, a, b), abs=1e-6)
    assert 0 <= there <= 20016  # half the circumference


def test_country_points_table_has_valid_codes_and_coordinates() -> None:
    rows = _table("places/country_points.csv")
    assert len(rows) > 100
    for row in rows:
        assert pycountry.countries.get(alpha_3=row["iso3"]) is not None, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    canada = load_gazetteer().countries["CAN"]
    assert canada.lat is not None and canada.lat > 45


def test_place_aliases_table_points_at_known_countries() -> None:
    countries = load_gazetteer().countries
    for row in _table("places/place_aliases.csv"):
        if row["iso3"] in countries:
            assert best(row["alias"]) == countries[row["iso3"]], row


def test_regions_table_rows_are_well_formed_and_divisions_match_geonames() -> None:
    gazetteer = load_gazetteer()
    for row in _table("places/regions.csv"):
        assert row["feature"] in {"region", "admin1", "continent"}
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        if row["gn_admin1"]:
            assert (
                row["gn_admin1"].split(".")[0]
                == pycountry.countries.get(alpha_3=row["country"]).alpha_2
            )
            assert gazetteer.admin1[row["gn_admin1"]].name == row["name"]
    vancouver = best("Vancouver", Context(within_admin1="CA.02"))
    assert vancouver is not None and vancouver.country == "CAN"


def test_us_state_abbreviations_table_covers_every_state() -> None:
    rows = _table("places/us_state_abbreviations.csv")
    assert len(rows) == 51
    admin1 = load_gazetteer().admin1
    for row in rows:
        state = admin1.get(f"US.{row['code']}")
        if state is not None:
            assert best(row["ap"]) == state, row
    assert best("Ga.") == admin1["US.GA"]


def test_only_the_biggest_namesake_is_the_capital() -> None:
    small = [e for e in rank("Washington") if e.feature == "city" and e.admin1 == "Georgia"]
    assert small and not small[0].capital


# --------------------------------------------------------------------------- on-disk index


def _tiny_gazetteer() -> Gazetteer:
    """Two equal but distinct "Springfield" objects (both kept) and one listed twice."""
    state = Entry("Ohio", "admin1", "USA", 40.3, -82.8, 5165418, 1, "Ohio", "US.OH")
    one = Entry("Springfield", "city", "USA", 39.9, -83.8, 4525353, 58_000, "Ohio", "US.OH")
    twin = Entry("Springfield", "city", "USA", 39.9, -83.8, 4525353, 58_000, "Ohio", "US.OH")
    country = Entry("Canada", "country", "CAN", 56.0, -96.0, 6251999, 38_000_000)
    capital = Entry("Saint Louis", "city", "USA", 38.6, -90.2, None, 300_000, capital=True)
    return Gazetteer(
        names={
            "springfield": (one, twin, one),
            "canada": (country,),
            "ohio": (state,),
            "saint louis": (capital,),
        },
        aliases={"springfield": (state, twin), "st louis": (country,)},
        countries={"CAN": country},
        admin1={"US.OH": state},
    )


def test_disk_index_keeps_order_duplicates_and_types_of_the_memory_one(tmp_path: Path) -> None:
    memory = _tiny_gazetteer()
    write_index(memory, tmp_path / "tiny.sqlite")
    disk = DiskGazetteer(tmp_path / "tiny.sqlite")
    for name in ("Springfield", "St. Louis", "Saint Louis", "the Canada", "Ohio", "Nowhere"):
        assert disk.candidates(name) == memory.candidates(name), name
        assert [repr(c) for c in disk.candidates(name)] == [
            repr(c) for c in memory.candidates(name)
        ]
    assert len(disk.candidates("Springfield")) == 3  # one, its twin, the state as an alias
    assert disk.countries == memory.countries and disk.admin1 == memory.admin1


def test_cache_folder_follows_herald_cache_then_xdg(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("HERALD_CACHE", raising=False)
    assert cache_dir() == tmp_path / "xdg" / "herald"
    monkeypatch.setenv("HERALD_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    assert index_path(1000).parent == tmp_path / "mine"
    assert index_path(1000) == index_path(1000) != index_path(15000)


def test_cached_gazetteer_builds_once_then_opens_the_only_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    builds: list[int] = []

    def fake_build(min_population: int) -> Gazetteer:
        builds.append(min_population)
        # the file appears only complete, by rename: never while it is written
        assert not index_path(1000).exists()
        return _tiny_gazetteer()

    monkeypatch.setenv("HERALD_CACHE", str(tmp_path))
    stale = tmp_path / "gazetteer-0123456789abcdef.sqlite"
    stale.write_bytes(b"an index of older inputs")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    monkeypatch.setattr(gazetteer_cache, "build_gazetteer", fake_build)
    first = cached_gazetteer(1000)
    second = cached_gazetteer(1000)
    assert isinstance(first, DiskGazetteer) and isinstance(second, DiskGazetteer)
    assert builds == [1000]
    # no temp file left, and the older index is gone
    assert [p.name for p in tmp_path.iterdir()] == [index_path(1000).name]
    assert second.candidates("Ohio") == _tiny_gazetteer().candidates("Ohio")


def test_an_index_of_other_inputs_written_today_is_kept_for_whoever_runs_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # another checkout's batch may be starting workers that open that file by name
    monkeypatch.setenv("HERALD_CACHE", str(tmp_path))
    other = tmp_path / "gazetteer-0123456789abcdef.sqlite"
    other.write_bytes(b"an index another herald is reading")
    monkeypatch.setattr(gazetteer_cache, "build_gazetteer", lambda _: _tiny_gazetteer())
    assert isinstance(cached_gazetteer(1000), DiskGazetteer)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, index_path(1000).name])


def test_unwritable_cache_folder_falls_back_to_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HERALD_CACHE", str(blocker / "herald"))
    monkeypatch.setattr(gazetteer_cache, "build_gazetteer", lambda _: _tiny_gazetteer())
    gazetteer = cached_gazetteer(1000)
    assert isinstance(gazetteer, Gazetteer)
    assert gazetteer.candidates("Canada")[0].entry.country == "CAN"


def test_disk_index_works_in_a_forked_worker(tmp_path: Path) -> None:
    write_index(_tiny_gazetteer(), tmp_path / "tiny.sqlite")
    disk = DiskGazetteer(tmp_path / "tiny.sqlite")
    disk.candidates("Ohio")  # the parent's connection is open before the fork
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: must open its own connection
        try:
            os.write(writing, disk.candidates("Canada")[0].entry.name.encode())
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(child, 0)
    with os.fdopen(reading, "rb") as pipe:
        assert pipe.read() == b"Canada"
    assert pickle.loads(pickle.dumps(disk)).candidates("Canada") == disk.candidates("Canada")


def _names_in_place_tests() -> list[str]:
    """Capitalized names (and runs of them) of tests/test_places.py's sentences."""
    text = (Path(__file__).parent / "test_places.py").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"[A-Z][\w.']*(?:,? [A-Z][\w.']*)*", text)))


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory: pytest.TempPathFactory) -> tuple[Gazetteer, DiskGazetteer]:
    memory = build_gazetteer()
    path = tmp_path_factory.mktemp("index") / "gazetteer.sqlite"
    write_index(memory, path)
    return memory, DiskGazetteer(path)


def test_disk_index_finds_the_same_candidates_as_the_memory_build(
    both_ways: tuple[Gazetteer, DiskGazetteer],
) -> None:
    memory, disk = both_ways
    keys = sorted(set(memory.names) | set(memory.aliases))
    sample = keys[:: len(keys) // 3000]  # every n-th: deterministic, spread over the alphabet
    names = [*sample, *(key.title() for key in sample[::3]), *_names_in_place_tests()]
    names += ["St. Louis", "Ft. Worth", "Mt. Vernon", "São Paulo", "The U.S.", "Ga.", "Xqzzy"]
    assert len(names) > 4000
    for name in names:
        assert disk.candidates(name) == memory.candidates(name), name
    assert disk.countries == memory.countries
    assert disk.admin1 == memory.admin1


def test_load_gazetteer_gives_the_memory_build_results(
    both_ways: tuple[Gazetteer, DiskGazetteer],
) -> None:
    memory, _ = both_ways
    loaded = load_gazetteer()
    for name in ("Paris", "Georgia", "Vancouver", "New York", "Washington", "DRC"):
        assert loaded.candidates(name) == memory.candidates(name), name


def test_a_name_is_found_without_its_arabic_article() -> None:
    anbar = best("Anbar")
    assert anbar is not None and (anbar.name, anbar.country) == ("Al Anbar", "IRQ")
    # a name the article-free form would leave too short keeps its article
    assert all(entry.country != "ARE" for entry in rank("Ain"))
