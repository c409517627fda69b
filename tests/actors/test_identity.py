"""Cross-document actor identity: which spellings are one actor, decided from the set alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herald.actors.identity import Variant, is_named, name_key, resolve


def ids(variants: list[Variant]) -> dict[str, str]:
    return {
        f"{v.name}/{v.country}": identity.identity_id for v, identity in resolve(variants).items()
    }


def test_spellings_of_one_name_merge():
    found = resolve(
        [
            Variant("Kim Jong Un", "person", "PRK"),
            Variant("Kim Jong-un", "person", "PRK"),
            Variant("KIM JONG UN", "person", "PRK"),
            Variant("José Martí", "person", "CUB"),
            Variant("Jose Marti", "person", "CUB"),
        ]
    )
    kim = {
        found[Variant(n, "person", "PRK")].identity_id
        for n in ("Kim Jong Un", "Kim Jong-un", "KIM JONG UN")
    }
    assert len(kim) == 1
    assert (
        found[Variant("Jose Marti", "person", "CUB")].identity_id
        == found[Variant("José Martí", "person", "CUB")].identity_id
    )
    merged = found[Variant("Kim Jong-un", "person", "PRK")]
    assert merged.rule == "spelling"
    assert merged.evidence == ("KIM JONG UN", "Kim Jong Un")


def test_honorifics_titles_and_middle_initials_do_not_make_another_person():
    assert name_key("Mr. Trump", "person") == "trump"
    assert name_key("President Emmanuel Macron", "person") == "emmanuel macron"
    assert name_key("Secretary of State Rex Tillerson", "person") == "rex tillerson"
    assert name_key("Donald J. Trump", "person") == "donald trump"
    assert name_key("President", "person") == "president"  # nothing left: the word stays


def test_a_surname_joins_the_one_full_name_it_can_stand_for():
    found = resolve(
        [
            Variant("Donald Trump", "person", "USA"),
            Variant("Trump", "person", "USA"),
            Variant("Mr. Trump", "person", None),
        ]
    )
    full = found[Variant("Donald Trump", "person", "USA")].identity_id
    for short in (Variant("Trump", "person", "USA"), Variant("Mr. Trump", "person", None)):
        assert found[short].identity_id == full
    assert found[Variant("Trump", "person", "USA")].rule == "surname"
    assert found[Variant("Trump", "person", "USA")].evidence == ("Donald Trump",)


def test_an_ambiguous_surname_stays_on_its_own():
    found = resolve(
        [
            Variant("Donald Trump", "person", "USA"),
            Variant("Melania Trump", "person", "USA"),
            Variant("Trump", "person", "USA"),
        ]
    )
    alone = found[Variant("Trump", "person", "USA")]
    assert alone.rule == "own"
    assert alone.identity_id not in {
        found[Variant(n, "person", "USA")].identity_id for n in ("Donald Trump", "Melania Trump")
    }


def test_people_sharing_a_surname_in_different_countries_stay_apart():
    found = resolve(
        [
            Variant("Moon Jae-in", "person", "KOR"),
            Variant("Keith Moon", "person", "GBR"),
            Variant("Moon", "person", "GBR"),
            Variant("Ban Ki-moon", "person", "KOR"),
            Variant("Lee", "person", "KOR"),
            Variant("Barbara Lee", "person", "USA"),
        ]
    )
    assert (
        found[Variant("Moon", "person", "GBR")].identity_id
        == found[Variant("Keith Moon", "person", "GBR")].identity_id
    )
    # A Korean "Lee" is not the American Barbara Lee.
    assert found[Variant("Lee", "person", "KOR")].rule == "own"


def test_a_name_without_country_takes_the_one_country_it_is_known_with():
    found = resolve(
        [
            Variant("State Department", "organization", None),
            Variant("State Department", "organization", "USA"),
            Variant("Foreign Ministry", "organization", None),
            Variant("Foreign Ministry", "organization", "CHN"),
            Variant("Foreign Ministry", "organization", "RUS"),
        ]
    )
    filled = found[Variant("State Department", "organization", None)]
    assert filled.rule == "country_of_name"
    assert (
        filled.identity_id == found[Variant("State Department", "organization", "USA")].identity_id
    )
    # Two foreign ministries: the one without a country stays apart from both.
    ministries = {
        found[Variant("Foreign Ministry", "organization", c)].identity_id
        for c in (None, "CHN", "RUS")
    }
    assert len(ministries) == 3


def test_a_full_name_is_one_person_whatever_country_an_article_gave_it():
    found = resolve(
        [
            Variant("Donald Trump", "person", "USA"),
            Variant("Donald Trump", "person", "PRK"),
            Variant("Donald Trump", "person", None),
            Variant("Trump", "person", "PRK"),
        ]
    )
    assert len({identity.identity_id for identity in found.values()}) == 1


def test_a_country_is_its_code_whatever_the_name():
    found = resolve([Variant("U.S.", "country", "USA"), Variant("United States", "country", "USA")])
    assert len({identity.identity_id for identity in found.values()}) == 1


@pytest.mark.parametrize(
    ("name", "kind", "named"),
    [
        ("8", "person", False),
        ("-", "group", False),
        ("63 percent", "group", False),
        ("40%", "organization", False),
        ("help", "person", False),
        ("Officials", "group", False),
        ("senior state department official", "person", False),
        ("Many people", "group", False),
        ("teenage Palestinian girl", "person", False),
        ("South Korean authorities", "group", False),
        ("Russian President", "person", False),
        ("Palestinians", "group", True),
        ("Kim Jong Un", "person", True),
        ("G20", "organization", True),
        ("White House", "organization", True),
        ("Ukraine", "country", True),
    ],
)
def test_junk_names_are_not_named(name: str, kind: str, named: bool):
    assert is_named(name, kind) is named


NAMES = [
    ("Donald Trump", "USA"),
    ("Trump", "USA"),
    ("Trump", None),
    ("Melania Trump", "USA"),
    ("Kim Jong Un", "PRK"),
    ("Kim Jong-un", None),
    ("Kim", "PRK"),
    ("Moon Jae-in", "KOR"),
    ("Moon", None),
    ("Keith Moon", "GBR"),
    ("Mr. Macron", None),
    ("Emmanuel Macron", "FRA"),
]


@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=12, unique=True).flatmap(st.permutations)
)
def test_identities_do_not_depend_on_the_order_of_the_names(names: list[tuple[str, str | None]]):
    variants = [Variant(name, "person", country) for name, country in names]
    assert ids(variants) == ids(list(reversed(variants)))
    assert ids(variants) == ids(sorted(variants, key=lambda v: (v.name, v.country or "")))
