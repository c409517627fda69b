"""What a linking run reads and keeps (herald.link.features); the corroboration bound."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from herald.link import features, rules
from herald.link.features import Ahead, Recent, RunFeatures, load_features
from herald.link.rules import EventFeatures, Participant, corroborated, linked
from herald.link.stage import link_new
from herald.records import TimeValue
from tests.link.test_link import partition, report, stored
from tests.link.test_stage import CHINA, dense_story, same_meeting


def all_events(store) -> list[str]:
    return [row[0] for row in store.con.execute("SELECT event_id FROM events").fetchall()]


def test_a_run_reads_the_same_features_as_the_archive_tables() -> None:
    store = stored(*dense_story(3), *same_meeting(2), report("x", "2018-03-01", actor=(CHINA,)))
    expected = load_features(store.con, all_events(store))
    run = RunFeatures(store.con)
    assert run.number_pending() == len(expected) == 12
    # Numbered by date: the report of March 2018 comes after the eleven of December 2017.
    assert list(run.batch(11, 5)) == ["doc-x:e0"]
    batches = [run.batch(start, 4) for start in range(0, 12, 4)]
    assert {k: v for batch in batches for k, v in batch.items()} == expected
    # Each event comes with the ids of its whole article, for the corroboration test.
    assert run.articles_of(["doc-d1"]) == {"doc-d1": ("doc-d1:e0", "doc-d1:e1", "doc-d1:e2")}
    run.drop()


def test_events_linked_before_the_run_are_read_from_the_archive() -> None:
    store = stored(*same_meeting(2))
    link_new(store)
    store.write([report("late", "2017-12-19")])
    run = RunFeatures(store.con)
    assert run.number_pending() == 1  # only the new report is pending
    earlier = load_features(store.con, ["doc-m000:e0"])
    assert run.load(["doc-m000:e0", "doc-late:e0"]) == {
        **earlier,
        **load_features(store.con, ["doc-late:e0"]),
    }
    assert run.articles_of(["doc-m000"]) == {"doc-m000": ("doc-m000:e0",)}
    run.drop()
    link_new(store)
    assert len(set(partition(store).values())) == 1


def recalling(key: str, published: str, recalled: str) -> list:
    """An article of ``published`` that also recalls a meeting of the day ``recalled``."""
    extraction = report(key, published)
    (event,) = extraction.events
    when = TimeValue(recalled, recalled, "day", "absolute")
    earlier = replace(event, event_id=f"doc-{key}:e1", when=when)
    return [replace(extraction, events=(event, earlier))]


def test_a_pending_event_read_before_its_batch_is_read_once(monkeypatch) -> None:
    # doc-late (March) recalls the December meeting: its event of March is read with the
    # article, in December's batch, and must still be there when March's batch comes,
    # however little the run keeps of the events read lately.
    store = stored(*recalling("late", "2018-03-01", "2017-12-18"), *same_meeting(2))
    monkeypatch.setattr(features, "CACHE_EVENTS", 1)
    made = []
    make = features._features
    monkeypatch.setattr(features, "_features", lambda row: made.append(row[0]) or make(row))
    run = RunFeatures(store.con)
    assert run.number_pending() == 4
    december = run.batch(0, 2)
    assert list(december) == ["doc-late:e1", "doc-m000:e0"]
    whole = run.load(run.articles_of(["doc-late"])["doc-late"])  # as corroboration reads it
    assert list(run.batch(2, 1)) == ["doc-m001:e0"]  # forgets the article's March event...
    march = run.batch(3, 1)  # ... of the events read lately, not of those to come
    assert made.count("doc-late:e0") == 1
    assert march == {"doc-late:e0": whole["doc-late:e0"]}
    assert march == load_features(store.con, ["doc-late:e0"])
    run.drop()


def test_the_next_batch_is_read_with_the_first_read_of_the_batch_before(monkeypatch) -> None:
    # Each read of the archive scans its tables whole: a batch that reads anything (its
    # own events, candidates, articles) also reads the next batch's events, so that the
    # next batch reads nothing of its own. Counted, not timed: the statements made.
    store = stored(*same_meeting(1))
    link_new(store)
    store.write([report(f"late{n}", f"2018-0{n}-01") for n in range(1, 5)])
    reads = []
    read = features._read
    monkeypatch.setattr(
        features,
        "_read",
        lambda con, ids, *args: reads.append(sorted(ids)) or read(con, ids, *args),
    )
    run = RunFeatures(store.con)
    assert run.number_pending() == 4
    batches = [run.batch(0, 1), run.batch(1, 1)]  # the second came with the first
    earlier = run.load(["doc-m000:e0"])  # a candidate linked before the run, and the third
    batches += [run.batch(2, 1), run.batch(3, 1)]  # the fourth: no read before it, its own
    assert [ids for ids in reads if ids] == [
        ["doc-late1:e0", "doc-late2:e0"],
        ["doc-late3:e0", "doc-m000:e0"],
        ["doc-late4:e0"],
    ]
    late = [f"doc-late{n}:e0" for n in range(1, 5)]
    assert {k: v for batch in batches for k, v in batch.items()} == load_features(store.con, late)
    assert earlier == load_features(store.con, ["doc-m000:e0"])
    run.drop()


def test_ahead_forgets_the_events_whose_batch_is_farthest_first() -> None:
    kept = Ahead(2)
    rows = {
        name: (dt.date(2018, month, 1), report(name, f"2018-{month:02d}-01").events[0].event_id)
        for name, month in (("a", 5), ("b", 1), ("c", 3))
    }
    read = load_features(
        stored(*(report(n, f"{d:%Y-%m-%d}") for n, (d, _) in rows.items())).con,
        [e for _, e in rows.values()],
    )
    kept.keep(((False, day, event), read[event]) for day, event in rows.values())
    assert sorted(kept.kept) == ["doc-b:e0", "doc-c:e0"]  # doc-a's batch (May) is farthest
    assert kept.take(["doc-b:e0", "doc-x:e0"]) == {"doc-b:e0": read["doc-b:e0"]}
    assert kept.get("doc-b:e0") is None and kept.get("doc-c:e0") == read["doc-c:e0"]


def test_recent_forgets_the_least_recently_used_first() -> None:
    kept = Recent(2)
    kept.keep([("a", 1), ("b", 2)])
    assert kept.get_recent("a") == 1  # "a" is now the more recent of the two
    kept.keep([("c", 3)])
    assert dict(kept) == {"a": 1, "c": 3}


# ------------------------------------------------------------------ the corroboration bound

NAMES = ["P:ann", "P:bob", "O:un", "C:USA", "C:CHN", "L:ottawa"]
TYPES = ["CONSULT", "AGREE", "ACCUSE", "ASSAULT"]


def event(
    doc: str, n: int, type_: str, participants: list[str], day: int, leads: list[str]
) -> EventFeatures:
    """An event of ``doc`` naming ``participants`` (keys of NAMES), dated ``day`` of 2017."""
    people = tuple(
        Participant(key[2:], {"P": "person", "O": "organization"}[key[0]], None, None)
        if key[0] in "PO"
        else Participant(key[2:].lower(), "country", key[2:], None)
        for key in participants
        if not key.startswith("L:")
    )
    day_one = dt.date(2017, 1, 1) + dt.timedelta(days=day)
    return EventFeatures(
        event_id=f"{doc}:e{n}",
        doc_id=doc,
        type=type_,
        participants=people,
        lo=day_one - dt.timedelta(days=1),
        hi=day_one + dt.timedelta(days=1),
        dated=True,
        place=None,
        words=frozenset({"met", type_.lower()}),
        setting="ottawa" if "L:ottawa" in participants else None,
        leads=frozenset(key for key in leads if key[0] in "PO"),
    )


EVENTS = st.lists(
    st.tuples(
        st.sampled_from(TYPES),
        st.lists(st.sampled_from(NAMES), max_size=3, unique=True),
        st.integers(0, 6),
    ),
    min_size=1,
    max_size=5,
)


def article(doc: str, events: list[tuple], leads: list[str]) -> list[EventFeatures]:
    return [event(doc, n, type_, named, day, leads) for n, (type_, named, day) in enumerate(events)]


def every_pair(first: list[EventFeatures], second: list[EventFeatures]) -> bool:
    """The corroboration test by its definition: every pair scored, then counted."""
    left = {a.event_id for a in first for b in second if linked(a, b)}
    right = {b.event_id for a in first for b in second if linked(a, b)}
    return rules._supported(len(left), len(first), len(right), len(second))


@settings(max_examples=300, deadline=None)
@given(
    first=EVENTS,
    second=EVENTS,
    leads=st.tuples(
        st.lists(st.sampled_from(NAMES[:3]), max_size=2), st.lists(st.sampled_from(NAMES[:3]))
    ),
)
def test_the_bound_never_changes_the_answer_of_corroboration(first, second, leads) -> None:
    a, b = article("a", first, leads[0]), article("b", second, leads[1])
    assert corroborated(a, b) == every_pair(a, b) == corroborated(b, a)


def test_articles_that_share_one_lead_alone_are_not_scored_pair_by_pair(monkeypatch) -> None:
    first = article("a", [("CONSULT", ["P:ann"], 1), ("AGREE", ["O:un"], 1)], ["P:bob"])
    second = article("b", [("CONSULT", ["C:CHN"], 1), ("ACCUSE", [], 2)], ["P:bob"])

    def scored(a: EventFeatures, b: EventFeatures) -> bool:
        raise AssertionError("no pair needs scoring: each event shares one key at most")

    monkeypatch.setattr(rules, "linked", scored)
    assert not corroborated(first, second)
