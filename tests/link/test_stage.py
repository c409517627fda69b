"""The link stage at scale: blocking, the candidate cap, batches, resuming, confidence."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.link import run_stories, stage
from herald.link.stage import (
    LinkError,
    candidate_pairs,
    link_new,
    pending_events,
    relink_all,
)
from herald.link.stories import list_stories
from herald.records import ActorRef, Document, Extraction, Mention, TimeValue
from herald.store.database import Store
from tests.link.test_link import (
    CANADA_GOV,
    CHINA,
    OTTAWA,
    PARIS,
    TILLERSON,
    USA,
    meeting,
    partition,
    report,
    stored,
)

POLICE = ActorRef(None, "police", "group", "USA", "COP", (), "police")
PROTESTERS = ActorRef(None, "protesters", "group", "USA", "CVL", (), "protesters")


def same_meeting(count: int, start: str = "2017-12-18") -> list[Extraction]:
    """``count`` reports of one meeting, each by its own outlet, one day apart at most."""
    day = dt.date.fromisoformat(start)
    return [report(f"m{n:03d}", (day + dt.timedelta(days=n % 2)).isoformat()) for n in range(count)]


# ---------------------------------------------------------------------------- blocking


def test_a_generic_actor_alone_makes_no_story() -> None:
    sentence = "Police clashed with protesters outside the parliament on Monday."
    generic = {
        "type_": "PROTEST",
        "actor": (POLICE,),
        "recipient": (PROTESTERS,),
        "where": None,
        "sentence": sentence,
    }
    store = stored(report("a", "2017-12-18", **generic), report("b", "2017-12-18", **generic))
    summary = link_new(store)
    assert summary.candidate_pairs == 0
    assert len(set(partition(store).values())) == 2
    # The same two reports with one named participant in common do link.
    named = {**generic, "actor": (POLICE, TILLERSON)}
    store = stored(report("a", "2017-12-18", **named), report("b", "2017-12-18", **named))
    link_new(store)
    assert len(set(partition(store).values())) == 1


def test_two_different_named_actors_never_link_on_a_shared_place() -> None:
    store = stored(
        report("a", "2017-12-18", actor=(TILLERSON,), recipient=()),
        report("b", "2017-12-18", actor=(CHINA,), recipient=()),
    )
    link_new(store)
    assert len(set(partition(store).values())) == 2


def test_each_event_compares_at_most_the_cap_of_candidates() -> None:
    reports = same_meeting(60)
    store = stored(*reports)
    summary = link_new(store, batch_events=25, cap=4)
    assert summary.candidate_pairs <= 4 * 60
    batch = [f"doc-m{n:03d}:e0" for n in range(60)]
    pairs = candidate_pairs(store.con, batch, cap=4)
    assert pairs and len(pairs) <= 4 * len(batch)
    # The nearest candidates are enough to chain sixty reports of one meeting together.
    assert len(set(partition(store).values())) == 1


# -------------------------------------------------------------------- order independence

REPORT_CHOICES = st.tuples(
    st.integers(0, 20),  # day of December
    st.sampled_from(["CONSULT", "AGREE", "ACCUSE", "ASSAULT"]),
    st.sampled_from([(TILLERSON,), (USA,), (CHINA,), (CANADA_GOV, USA), (POLICE,)]),
    st.sampled_from([(CHINA,), (USA,), ()]),
    st.sampled_from([OTTAWA, PARIS, None]),
)


def reports_from(choices: list[tuple]) -> list[Extraction]:
    return [
        report(
            f"r{n:02d}",
            (dt.date(2017, 12, 1) + dt.timedelta(days=day)).isoformat(),
            type_,
            actor,
            recipient,
            where=where,
            domain=f"outlet{n % 5}",
        )
        for n, (day, type_, actor, recipient, where) in enumerate(choices)
    ]


def linked_in(
    order: list[Extraction], write_batch: int, link_batch: int, write_events: int = 4000
) -> tuple:
    with Store.open(":memory:") as store:
        for start in range(0, len(order), write_batch):
            store.write(order[start : start + write_batch])
            link_new(store, batch_events=link_batch, write_events=write_events)
        stories = store.con.execute("SELECT * FROM stories ORDER BY story_id").fetchall()
        return partition(store), stories


# Each example links a store a few times: fewer examples, no deadline on a shared machine.
@settings(max_examples=40, deadline=None)
@given(
    choices=st.lists(REPORT_CHOICES, min_size=2, max_size=14),
    permutation=st.randoms(use_true_random=False),
    write_batch=st.integers(1, 5),
    link_batch=st.integers(1, 6),
    write_events=st.integers(1, 8),
)
def test_stories_do_not_depend_on_order_or_batches(
    choices: list[tuple], permutation, write_batch: int, link_batch: int, write_events: int
) -> None:
    reports = reports_from(choices)
    expected = linked_in(reports, len(reports), 4000)
    shuffled = reports[:]
    permutation.shuffle(shuffled)
    # Stories written during a run (every ``write_events`` events) may merge later in it.
    assert linked_in(shuffled, write_batch, link_batch, write_events) == expected


# ---------------------------------------------------------------------- resuming


@pytest.mark.parametrize(("write_events", "written"), [(2, 2), (1_000, 0)])
def test_an_interrupted_link_keeps_the_documents_and_resumes(
    tmp_path: Path, write_events: int, written: int
) -> None:
    path = tmp_path / "events.duckdb"
    reports = [*same_meeting(6), report("other", "2018-03-01", actor=(CHINA,), recipient=())]
    with Store.open(path) as store:
        store.write(reports)
        # The connection closes under the linker after its first batch of two: the next
        # query fails for real, as it would when the process loses its database. The
        # stories it had written stay; the keys of the batch it had not written its
        # stories for stay too, and the next run forgets them.
        with pytest.raises(LinkError, match=f"after {written} events.*herald link"):
            link_new(
                store,
                batch_events=2,
                progress=lambda _done: store.con.close(),
                write_events=write_events,
            )
    with Store.open(path) as store:
        assert store.counts()["documents"] == 7
        assert pending_events(store) == 7 - written
        keyed = store.con.execute("SELECT count(DISTINCT event_id) FROM link_keys").fetchone()
        assert keyed == (2,)
        summary = link_new(store, batch_events=2)
        assert summary.events_linked == 7 - written and pending_events(store) == 0
        # each key once: those of the batch whose stories were not written were forgotten
        rows, distinct = store.con.execute(
            "SELECT count(*), count(DISTINCT (event_id, key, lo, hi)) FROM link_keys"
        ).fetchone()
        assert rows == distinct
        resumed = partition(store)
    assert resumed == linked_in(reports, len(reports), 4000)[0]
    assert len(set(resumed.values())) == 2


def count_calls(monkeypatch, module: ModuleType, name: str, calls: list[str]) -> None:
    """From now on, each call of ``module.name`` appends its name to ``calls``."""
    function = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)


@pytest.mark.parametrize(("write_events", "writes"), [(1_000, 1), (2, 4)])
def test_a_run_writes_its_stories_once_not_once_a_batch(
    monkeypatch, write_events: int, writes: int
) -> None:
    # Each write is a pass over events (story ids) and over its stories' reports: once a
    # batch, that cost the number of batches times the archive. Counted: the writes made.
    calls: list[str] = []
    for name in ("apply", "refresh_stories"):
        count_calls(monkeypatch, run_stories, name, calls)
    reports = [*same_meeting(6), report("other", "2018-03-01", actor=(CHINA,), recipient=())]
    store = stored(*reports)
    summary = link_new(store, batch_events=2, write_events=write_events)
    assert summary.events_linked == 7 and pending_events(store) == 0
    assert calls == ["apply", "refresh_stories"] * writes
    assert partition(store) == linked_in(reports, len(reports), 4000)[0]


def test_relinking_everything_gives_the_same_stories_again() -> None:
    store = stored(*same_meeting(5), report("other", "2018-03-01", actor=(CHINA,)))
    link_new(store)
    before = partition(store), list_stories(store.con)
    summary = relink_all(store, batch_events=2)
    assert summary.events_linked == 6 and pending_events(store) == 0
    assert (partition(store), list_stories(store.con)) == before


# ----------------------------------------------------------------------- collector


@contextmanager
def collector(threshold: tuple[int, int, int]) -> Iterator[list[int]]:
    """Python's collector set to ``threshold``; yields the generations it collects. What
    is alive before is frozen, so that the oldest generation is small and what the block
    keeps soon outgrows a quarter of it (the collector's own rule for a full collection)."""
    collected: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "stop":
            collected.append(info["generation"])

    before = gc.get_threshold()
    gc.freeze()
    gc.collect()
    gc.set_threshold(*threshold)
    gc.callbacks.append(record)
    try:
        yield collected
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*before)
        gc.unfreeze()


def test_a_run_leaves_the_oldest_generation_to_reference_counting() -> None:
    # A full collection traverses every object a run keeps, each time: a growing share of
    # a relink's CPU (docs/scale-log.md, thirteenth round). The young ones still run.
    store = stored(*same_meeting(6), report("other", "2018-03-01", actor=(CHINA,)))
    during: list[int] = []
    with collector((1, 1, 1)) as collected:
        link_new(store, batch_events=2, progress=lambda _done: during.extend(collected))
        assert gc.get_threshold() == (1, 1, 1)  # restored after the run
    assert 0 in during and 2 not in during


def test_the_collector_is_restored_when_a_run_fails() -> None:
    def fail(_done: int) -> None:
        raise RuntimeError("stopped")

    with collector((700, 10, 10)):
        with pytest.raises(RuntimeError):
            link_new(stored(*same_meeting(3)), batch_events=2, progress=fail)
        assert gc.get_threshold() == (700, 10, 10)


# -------------------------------------------------------------------- confidence


def test_story_confidence_grows_with_sources_and_stays_within_zero_and_one() -> None:
    lone = report("lone", "2018-03-01", actor=(CHINA,), recipient=(), where=PARIS)
    agreement = [report(f"n{n}", "2018-01-10", type_="AGREE") for n in range(4)]
    store = stored(*same_meeting(2), *agreement, lone)
    link_new(store)
    rows = {r["documents"]: r for r in list_stories(store.con)}
    assert sorted(rows) == [1, 2, 4]
    confidences = [rows[n]["confidence"] for n in (1, 2, 4)]
    assert all(0.0 <= value <= 1.0 for value in confidences)
    assert confidences == sorted(confidences) and len(set(confidences)) == 3


def test_reports_that_disagree_make_a_less_cohesive_story() -> None:
    agreeing = [report(f"a{n}", "2017-12-18") for n in range(3)]
    store = stored(*agreeing, report("x", "2017-12-18", type_="AGREE", recipient=(USA,)))
    link_new(store)
    (row,) = list_stories(store.con)
    assert row["documents"] == 4 and row["type"] == "CONSULT"
    # Three reports agree in full; the fourth has another type of the same quad class
    # (0.5) and names Tillerson as the story does (1): (3 * 1 + 0.75) / 4.
    assert row["cohesion"] == pytest.approx(0.9375)


def test_one_country_alone_is_not_enough_but_two_are() -> None:
    alone = {"actor": (USA,), "recipient": (), "where": None}
    store = stored(report("a", "2017-12-18", **alone), report("b", "2017-12-18", **alone))
    link_new(store)
    assert len(set(partition(store).values())) == 2
    both = {"actor": (USA,), "recipient": (CHINA,), "where": None}
    store = stored(report("a", "2017-12-18", **both), report("b", "2017-12-18", **both))
    link_new(store)
    assert len(set(partition(store).values())) == 1


# ----------------------------------------------------------------------- chaining


def person(name: str) -> ActorRef:
    return ActorRef(None, name, "person", "USA", "GOV", (), name.split()[-1])


def article(key: str, published: str, events: list[tuple[str, tuple[ActorRef, ...]]]) -> Extraction:
    """One document of several events, each (type, participants), published on ``published``."""
    doc_id = f"doc-{key}"
    day = TimeValue(published, published, "day", "absolute")
    sentences = [f"{' and '.join(a.name for a in actors)} met in Ottawa." for _, actors in events]
    doc = Document(doc_id, key, key, " ".join(sentences), url=f"https://{key}.com/", published=day)
    undated = TimeValue("", published, "day", "publication")
    found = tuple(
        meeting(f"{doc_id}:e{n}", type_, sentence, actors[:1], actors[1:], undated, OTTAWA,
                trigger=Mention("met", 0, 3))
        for n, ((type_, actors), sentence) in enumerate(zip(events, sentences, strict=True))
    )  # fmt: skip
    return Extraction(doc, events=found, places=(OTTAWA,))


def chain(documents: int) -> list[Extraction]:
    """Articles twelve days apart; each tells two events of its own and one that shares a
    person with the article before it and another with the article after it: every
    neighbour pair links by that one event, and nothing else."""
    start = dt.date(2017, 1, 1)
    return [
        article(
            f"c{n}",
            (start + dt.timedelta(days=12 * n)).isoformat(),
            [
                ("CONSULT", (person(f"Link Person{n}"), person(f"Link Person{n + 1}"))),
                ("ACCUSE", (person(f"Own Person{n}a"),)),
                ("ASSAULT", (person(f"Own Person{n}b"),)),
            ],
        )
        for n in range(documents)
    ]


def dense_story(reports: int) -> list[Extraction]:
    """Reports of one meeting within two days, each telling the meeting, what the two sides
    agreed and one thing of its own."""
    return [
        article(
            f"d{n}",
            f"2017-12-{18 + n % 2}",
            [
                ("CONSULT", (TILLERSON, CANADA_GOV)),
                ("AGREE", (CANADA_GOV, TILLERSON)),
                ("ACCUSE", (person(f"Own Person{n}d"),)),
            ],
        )
        for n in range(reports)
    ]


def test_weak_links_across_time_do_not_chain_articles_into_one_story() -> None:
    links = [f"doc-c{n}:e0" for n in range(6)]
    store = stored(*chain(6))
    summary = link_new(store)
    # Each article's linking event links to its neighbours' (five links), but two articles
    # that share one event of three are no corroboration: the links are weak, nothing joins.
    assert summary.weak_links == 5 and summary.links == 0
    stories = partition(store)
    assert len({stories[event] for event in links}) == 6
    # A true story told by many articles still makes one story, in the same store.
    store.write(dense_story(8))
    link_new(store)
    stories = partition(store)
    assert len({stories[f"doc-d{n}:e0"] for n in range(8)}) == 1
    assert len({stories[f"doc-d{n}:e1"] for n in range(8)}) == 1
    assert len({stories[f"doc-d{n}:e2"] for n in range(8)}) == 8
    assert len({stories[event] for event in links}) == 6


def test_without_corroboration_the_same_articles_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    # The chain above is a chain indeed: taking every link as enough joins all six articles.
    monkeypatch.setattr(stage, "corroborated", lambda first, second: True)
    store = stored(*chain(6))
    link_new(store)
    stories = partition(store)
    assert len({stories[f"doc-c{n}:e0"] for n in range(6)}) == 1


@settings(max_examples=10, deadline=None)
@given(
    permutation=st.randoms(use_true_random=False),
    write_batch=st.integers(1, 7),
    link_batch=st.integers(1, 9),
)
def test_corroborated_stories_do_not_depend_on_order_or_batches(
    permutation, write_batch: int, link_batch: int
) -> None:
    reports = [*chain(5), *dense_story(4), *same_meeting(3, "2017-12-19")]
    expected = linked_in(reports, len(reports), 4000)
    shuffled = reports[:]
    permutation.shuffle(shuffled)
    assert linked_in(shuffled, write_batch, link_batch) == expected
