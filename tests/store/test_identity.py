"""Actor identities in a real DuckDB store: decided at store time, incrementally, and the
same whatever the order in which the names arrive."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from herald.actors.identity import Variant, resolve
from herald.records import Actor, Attribution, Extraction
from herald.store.database import Store
from herald.store.identity import attach_missing, identify, reidentify_all
from herald.store.schema import transaction
from tests.store.test_store import make_extraction

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


# Names that share words across kinds and countries: full names, their surnames with and
# without a title, and organisations ending with a surname or with a common word.
WORDS = [
    "Donald Trump",
    "Melania Trump",
    "Ivanka Trump",
    "Donald J. Trump",
    "Trump",
    "Mr. Trump",
    "TRUMP",
    "Keith Moon",
    "Moon",
    "Moon Jae-in",
    "Jae-in",
    "Barbara Lee",
    "Robert E. Lee",
    "Lee",
    "Trump Organization",
    "Ministry of Defence",
    "Defence",
    "the ministry",
    "police",
]
ANY_VARIANT = st.builds(
    Variant,
    st.sampled_from(WORDS),
    st.sampled_from(["person", "organization", "group"]),
    st.sampled_from([None, "USA", "GBR", "KOR"]),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(ANY_VARIANT, min_size=1, max_size=14, unique=True),
    st.lists(st.integers(0, 14), max_size=5).map(sorted),
)
def test_any_names_in_any_batches_give_the_identities_of_the_whole_set(names, cuts):
    # A batch re-decides only the names it may change, and reads only what those decisions
    # read: the stored rows are still those of deciding every name at once.
    bounds = [0, *(min(cut, len(names)) for cut in cuts), len(names)]
    with Store.open(":memory:") as store:
        for start, end in itertools.pairwise(bounds):
            with transaction(store.con):
                identify(store.con, names[start:end])
        assert stored(store) == expected(names)


def test_a_surname_finds_its_one_compatible_full_name_among_many_in_any_order():
    # A batch reads two candidates per (surname, country): they must be compatible ones.
    names = [
        Variant("Alice Moon", "person", "GBR"),
        Variant("Bob Moon", "person", "GBR"),
        Variant("Carl Moon", "person", "GBR"),
        Variant("Jae Moon", "person", "KOR"),
        Variant("Moon", "person", "KOR"),
    ]
    assert expected(names)[names[-1]][1] == "surname"
    rotations = [names[n:] + names[:n] for n in range(len(names))]
    for order in rotations + [order[::-1] for order in rotations]:
        with Store.open(":memory:") as store:
            for variant in order:
                with transaction(store.con):
                    identify(store.con, [variant])
            assert stored(store) == expected(names)


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


# ------------------------------------------------------------- through Store.write


def naming(key: str, variants: list[Variant]) -> Extraction:
    """A document whose one event has each of ``variants`` as an actor (and an actor of
    the document too), built on the complete extraction of the store's tests."""
    base = make_extraction(key, events=1)
    doc_id = base.doc.doc_id
    actors = tuple(
        Actor(f"{doc_id}:a{n}", doc_id, v.name, v.kind, v.country)  # type: ignore[arg-type]
        for n, v in enumerate(variants)
    )
    event = replace(
        base.events[0],
        actor=tuple(actor.ref() for actor in actors),
        recipient=(),
        attribution=Attribution("publisher"),
    )
    return replace(base, actors=actors, events=(event,), quotes=())


def participant_identities(store: Store) -> dict[tuple[str, int], str | None]:
    rows = store.con.execute("SELECT event_id, position, identity_id FROM event_actors").fetchall()
    return {(event, position): identity for event, position, identity in rows}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.integers(0, 8), max_size=4).map(sorted),
)
def test_participant_rows_written_in_batches_get_the_identities_of_a_full_reidentify(
    documents, cuts
):
    # Each batch's rows get their identities before they are inserted and only the rows of
    # variants whose identity a later batch changes are rewritten: in the end every row
    # holds what deciding the whole store again gives it.
    extractions = [naming(f"p{n}", variants) for n, variants in enumerate(documents)]
    bounds = [0, *(min(cut, len(extractions)) for cut in cuts), len(extractions)]
    with Store.open(":memory:") as store:
        for start, end in itertools.pairwise(bounds):
            store.write(extractions[start:end])
        written = participant_identities(store)
        with transaction(store.con):
            reidentify_all(store.con)
        assert written == participant_identities(store)
        assert None not in written.values()
        whole = resolve({v for variants in documents for v in variants})
        by_variant = {
            Variant(name, kind, country): identity
            for name, kind, country, identity in store.con.execute(
                "SELECT name, kind, country, identity_id FROM event_actors"
            ).fetchall()
        }
        assert by_variant == {v: whole[v].identity_id for v in by_variant}


def test_a_batch_rewrites_only_the_stored_rows_whose_identity_changes():
    moon, moon_caps = (
        Variant("Moon Jae-in", "person", "KOR"),
        Variant("MOON JAE-IN", "person", "KOR"),
    )
    trump, donald = Variant("Trump", "person", "USA"), Variant("Donald Trump", "person", "USA")
    with Store.open(":memory:") as store:
        store.write([naming("old", [moon, trump])])
        before = stored(store)
        # A marker on the stored rows: a statement that rewrote them would erase it.
        store.con.execute("UPDATE event_actors SET identity_id = 'marker'")
        store.write([naming("new", [moon_caps, donald])])
        after = stored(store)
        rows = dict(
            store.con.execute(
                "SELECT name, identity_id FROM event_actors WHERE event_id LIKE 'doc-old%'"
            ).fetchall()
        )
        # Moon Jae-in was decided again (his folded name came back) to the same identity:
        # his row is left alone. Trump now stands for Donald Trump: his row moves.
        assert after[moon][0] == before[moon][0] == after[moon_caps][0]
        assert rows["Moon Jae-in"] == "marker"
        assert after[trump][0] == after[donald][0] != before[trump][0]
        assert rows["Trump"] == after[donald][0]
