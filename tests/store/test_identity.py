"""Actor identities in a real DuckDB store: decided at store time, incrementally, and the
same whatever the order in which the names arrive."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from herald.actors.identity import Variant, resolve
from herald.store.database import Store
from herald.store.identity import attach_missing, identify, reidentify_all
from herald.store.schema import transaction

NAMES = [
    Variant("Donald Trump", "person", "USA"),
    Variant("Trump", "person", "USA"),
    Variant("Mr. Trump", "person", None),
    Variant("Melania Trump", "person", "USA"),
    Variant("Kim Jong Un", "person", "PRK"),
    Variant("Kim Jong-un", "person", None),
    Variant("KIM JONG UN", "person", "PRK"),
    Variant("Moon Jae-in", "person", "KOR"),
    Variant("Moon", "person", None),
    Variant("Keith Moon", "person", "GBR"),
    Variant("Moon", "person", "GBR"),
    Variant("United States", "country", "USA"),
    Variant("U.S.", "country", "USA"),
    Variant("63 percent", "group", None),
]


def stored(store: Store) -> dict[Variant, tuple[str, str, tuple[str, ...]]]:
    found = store.con.execute(
        "SELECT name, kind, country, identity_id, rule, evidence FROM actor_variants"
    ).fetchall()
    return {
        Variant(name, kind, country): (identity, rule, tuple(evidence))
        for name, kind, country, identity, rule, evidence in found
    }


def expected(variants: list[Variant]) -> dict[Variant, tuple[str, str, tuple[str, ...]]]:
    return {v: (i.identity_id, i.rule, i.evidence) for v, i in resolve(variants).items()}


@settings(max_examples=60, deadline=None)
@given(
    st.permutations(NAMES).flatmap(
        lambda names: st.tuples(
            st.just(names), st.lists(st.integers(0, len(names)), max_size=5).map(sorted)
        )
    )
)
def test_batches_in_any_order_give_the_identities_of_the_whole_set(arrival):
    names, cuts = arrival
    bounds = [0, *cuts, len(names)]
    with Store.open(":memory:") as store:
        for start, end in itertools.pairwise(bounds):
            with transaction(store.con):
                identify(store.con, names[start:end])
        assert stored(store) == expected(NAMES)


def test_a_name_seen_again_changes_nothing_and_reidentifying_agrees():
    with Store.open(":memory:") as store:
        with transaction(store.con):
            identify(store.con, NAMES)
        before = stored(store)
        with transaction(store.con):
            assert identify(store.con, NAMES[:3]) == 0
        assert stored(store) == before
        store.con.execute(
            "INSERT INTO actors VALUES ('d:a1', 'd', 'Kim Jong-un', 'person', NULL, NULL, [], '[]')"
        )
        with transaction(store.con):
            reidentify_all(store.con)
        assert set(stored(store)) == {Variant("Kim Jong-un", "person", None)}


def test_the_identities_view_names_each_actor_once_with_its_variants():
    with Store.open(":memory:") as store:
        with transaction(store.con):
            identify(store.con, NAMES)
        rows = store.con.execute(
            "SELECT name, kind, country, named, variants FROM actor_identities "
            "WHERE list_contains(variants, 'Kim Jong-un')"
        ).fetchall()
        assert rows == [
            ("Kim Jong Un", "person", "PRK", True, ["KIM JONG UN", "Kim Jong Un", "Kim Jong-un"])
        ]
        trump = store.con.execute(
            "SELECT name, variants FROM actor_identities WHERE list_contains(variants, 'Trump')"
        ).fetchall()
        assert trump == [("Trump", ["Mr. Trump", "Trump"])]  # Donald or Melania: left alone
        junk = store.con.execute(
            "SELECT named FROM actor_identities WHERE name = '63 percent'"
        ).fetchall()
        assert junk == [(False,)]


def add_participant(store: Store, event_id: str, variant: Variant) -> None:
    store.con.execute(
        "INSERT INTO event_actors (event_id, role, position, name, kind, country) "
        "VALUES (?, 'actor', 0, ?, ?, ?)",
        [event_id, variant.name, variant.kind, variant.country],
    )


def test_participant_rows_follow_their_variants_identity():
    trump, donald = Variant("Trump", "person", "USA"), Variant("Donald Trump", "person", "USA")
    with Store.open(":memory:") as store:
        with transaction(store.con):
            add_participant(store, "e1", trump)
            identify(store.con, [trump])
            attach_missing(store.con)
        with transaction(store.con):
            add_participant(store, "e2", donald)
            add_participant(store, "e3", trump)  # a name already known: attached too
            identify(store.con, [donald, trump])  # moves e1 to Donald Trump
            attach_missing(store.con)
        found = dict(store.con.execute("SELECT event_id, identity_id FROM event_actors").fetchall())
        assert (
            found["e1"]
            == found["e2"]
            == found["e3"]
            == resolve([trump, donald])[donald].identity_id
        )
        assert set(found.values()) == {stored(store)[donald][0]}


def test_a_file_from_before_identities_gets_them_when_opened(tmp_path):
    path = tmp_path / "old.duckdb"
    kim, kim_hyphen = (
        Variant("Kim Jong Un", "person", "PRK"),
        Variant("Kim Jong-un", "person", None),
    )
    with Store.open(path) as store:
        for n, variant in enumerate((kim, kim_hyphen)):
            add_participant(store, f"e{n}", variant)
        # Back to the schema of step 8 as far as identities go.
        store.con.execute(
            "DROP VIEW actor_identities; DROP TABLE actor_variants; "
            "ALTER TABLE event_actors DROP COLUMN identity_id; "
            "DELETE FROM schema_migrations WHERE version IN (9, 10)"
        )
    with Store.open_reader(path) as store:
        ids = dict(store.con.execute("SELECT name, identity_id FROM event_actors").fetchall())
        assert ids["Kim Jong Un"] == ids["Kim Jong-un"] is not None
