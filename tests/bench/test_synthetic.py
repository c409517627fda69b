"""The synthetic archive: clones of real-shaped extractions, in bounded batches, unlinked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from herald.bench.synthetic import Span, build_synthetic_store, true_story, variants
from herald.link.stage import link_new, pending_events
from herald.store.database import Store
from tests.link.test_link import CHINA, report

SEEDS = [
    report("a", "2017-12-18"),
    report("b", "2017-12-20", type_="ACCUSE", actor=(CHINA,), recipient=()),
]


def test_variants_make_stories_of_one_to_five_reports() -> None:
    made = list(variants(seeds=2, documents=200, seed=3))
    assert len(made) == 200
    reports = Counter(variant.story for _index, variant in made)
    assert set(reports.values()) <= {1, 2, 3, 5} | {min(reports.values())}
    assert max(reports.values()) > 1  # some true repeats
    assert list(variants(2, 200, 3)) == made  # reproducible from the seed


def test_a_later_round_moves_its_story_no_farther_than_the_spread() -> None:
    made = [variant for _i, variant in variants(seeds=2, documents=400, seed=5, spread_days=10)]
    moved = [v.shift_days for v in made]
    later = [v.shift_days for v in made if v.round]
    assert later and all(-10 <= shift <= 10 + 2 for shift in later)  # plus the jitter
    assert max(abs(shift) for shift in moved) > 2  # moved beyond the jitter alone


def test_a_span_publishes_every_story_within_it_whatever_its_seeds_date() -> None:
    # Seeds published years apart: moved around its own seed's date, each story kept its
    # seed's year, and a longer archive overlapped more of them (denser where they met).
    start = dt.date(2015, 1, 1)
    span = Span(start, 30, (dt.date(2013, 6, 1), dt.date(2017, 12, 20)))
    made = list(variants(seeds=2, documents=400, seed=5, span=span))
    published = [span.seed_days[i] + dt.timedelta(days=v.shift_days) for i, v in made]
    assert min(published) >= start
    assert max(published) <= start + dt.timedelta(days=30 + 2)  # plus the jitter
    days = Counter(published)
    assert len(days) > 25  # spread over the span, not piled on a few days


def test_the_store_can_be_written_in_order_of_publication(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.duckdb"
    build_synthetic_store(path, 40, seed=1, seeds=SEEDS, batch_documents=7, in_order=True)
    with Store.open(path) as store:
        days = [
            row[0]
            for row in store.con.execute(
                "SELECT published_date FROM documents ORDER BY rowid"
            ).fetchall()
        ]
    assert len(days) == 40 and len(set(days)) > 4
    assert days == sorted(days)


def test_the_store_holds_the_documents_asked_for_unlinked(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.duckdb"
    assert build_synthetic_store(path, 40, seed=1, seeds=SEEDS, batch_documents=7) == 40
    with Store.open(path) as store:
        counts = store.counts()
        assert counts["documents"] == 40 and counts["events"] == 40
        assert pending_events(store) == 40
        names = {row[0] for row in store.con.execute("SELECT name FROM event_actors").fetchall()}
        dates = store.con.execute(
            "SELECT count(DISTINCT published_date) FROM documents"
        ).fetchone()[0]
    # Later rounds swap the named participants among the seeds' and move in time.
    assert {"Rex Tillerson", "China", "Canada"} <= names
    assert dates > 4
    # The same call again adds nothing: the clones' ids are reproducible.
    assert build_synthetic_store(path, 40, seed=1, seeds=SEEDS) == 0


def test_repeats_of_a_story_link_together(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.duckdb"
    build_synthetic_store(path, 30, seed=2, seeds=SEEDS)
    with Store.open(path) as store:
        link_new(store)
        largest = store.con.execute("SELECT max(documents) FROM stories").fetchone()[0]
    assert largest >= 2


def test_each_clone_names_its_true_story(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.duckdb"
    build_synthetic_store(path, 30, seed=2, seeds=SEEDS)
    with Store.open(path) as store:
        urls = [row[0] for row in store.con.execute("SELECT url FROM documents").fetchall()]
    stories = Counter(true_story(url) for url in urls)
    assert None not in stories and max(stories.values()) > 1
    assert set(stories.values()) <= {1, 2, 3, 5} | {min(stories.values())}
    assert true_story("https://www.example.com/news/1") is None
    assert true_story(None) is None
