"""Coverages: documents that report one news story, with or without events."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import herald.link.documents as documents
import herald.link.stage as link_stage
from herald.link.coverage import (
    DocumentFeatures,
    from_keys,
    headline_words,
    keys_of,
    name_keys,
    same_coverage,
)
from herald.link.stage import link_new, relink_all, stories_of_documents
from herald.records import Actor, Document, Evidence, Extraction, Place, TimeValue
from herald.store.database import Store
from tests.link.test_link import (
    CHINA,
    PARIS,
    TILLERSON,
    USA,
    many_reports,
    meeting,
    partition,
    report,
)

MILLBROOK = Place("Millbrook", 0, 9, "Millbrook", "GBR", None, 51.5, -1.2, 1000001, "city")
ASHFORD = Place("Ashford", 0, 7, "Ashford", "GBR", None, 51.1, 0.9, 1000002, "city")
BRITAIN = Place("Britain", 0, 7, "Britain", "GBR", None, 54.0, -2.0, 2635167, "country")

FLOOD = "River bursts its banks and floods the town centre of Millbrook after storm"
FLOOD_AGAIN = "Storm floods Millbrook town centre as the river bursts its banks overnight"
LAUNCH = "Acme Robotics unveils a folding electric scooter at its Millbrook showroom"


def features(
    doc_id: str,
    day: str,
    title: str,
    actors: tuple[tuple[str, str, str | None], ...] = (),
    places: tuple[Place, ...] = (),
) -> DocumentFeatures:
    words = headline_words(title, "")
    located = [(p.name, p.geonameid, p.feature, p.country) for p in places]
    return DocumentFeatures(
        doc_id, dt.date.fromisoformat(day), words, name_keys(words, actors, located)
    )


# ------------------------------------------------------------------------ the relation


def test_two_reports_in_like_words_of_one_town_are_one_coverage() -> None:
    a = features("a", "2018-01-02", FLOOD, places=(MILLBROOK,))
    b = features("b", "2018-01-03", FLOOD_AGAIN, places=(MILLBROOK,))
    assert same_coverage(a, b) and same_coverage(b, a)


def test_like_words_of_another_town_or_another_story_of_the_town_are_not() -> None:
    flood = features("a", "2018-01-02", FLOOD, places=(MILLBROOK,))
    elsewhere = features(
        "b", "2018-01-02", FLOOD_AGAIN.replace("Millbrook", "Ashford"), places=(ASHFORD,)
    )
    launch = features("c", "2018-01-02", LAUNCH, places=(MILLBROOK,))
    assert not same_coverage(flood, elsewhere)
    assert not same_coverage(flood, launch)


def test_reports_days_apart_are_not_one_coverage() -> None:
    a = features("a", "2018-01-02", FLOOD, places=(MILLBROOK,))
    b = features("b", "2018-01-09", FLOOD_AGAIN, places=(MILLBROOK,))
    assert not same_coverage(a, b)


def test_a_country_alone_is_not_enough_two_names_are() -> None:
    words = "Heavy snow closes schools and roads across Britain for a second day, Met Office says"
    again = "Schools and roads closed across Britain as heavy snow falls for a second day"
    britain = (("Britain", "country", "GBR"),)
    a = features("a", "2018-01-02", words, britain)
    b = features("b", "2018-01-02", again, britain)
    assert not same_coverage(a, b)
    office = ("Met Office", "organization", None)
    again += " (Met Office)"
    assert same_coverage(
        features("a", "2018-01-02", words, (*britain, office)),
        features("b", "2018-01-02", again, (*britain, office)),
    )


def test_only_the_names_that_title_and_lede_give_count() -> None:
    words = headline_words("Acme Robotics unveils a scooter", "Its chief said sales begin soon.")
    actors = [("Acme Robotics", "organization", None), ("Jane Doe", "person", None)]
    assert name_keys(words, actors, []) == {"n:acme robotics"}


def test_a_description_is_no_name() -> None:
    words = headline_words("Police spokesperson says the road is closed", "")
    assert name_keys(words, [("police spokesperson", "person", None)], []) == frozenset()


def test_the_features_come_back_from_their_keys() -> None:
    acme = (("Acme Robotics", "organization", None),)
    a = features("a", "2018-01-02", LAUNCH, acme, (MILLBROOK,))
    assert a.names
    assert from_keys("a", a.day, keys_of(a)) == a


# ------------------------------------------------------------------------------ stored


def article(
    key: str, published: str, title: str, places: tuple[Place, ...] = (), org: str | None = None
) -> Extraction:
    """A document with no event: a title (its text too) and what names it."""
    doc_id = f"doc-{key}"
    day = TimeValue(published, published, "day", "absolute")
    doc = Document(
        doc_id, key, key, title, title=title, url=f"https://{key}.example/", published=day
    )
    actors = (Actor(f"{doc_id}:a0", doc_id, org, "organization"),) if org else ()
    return Extraction(doc, actors=actors, places=places)


def happenings() -> list[Extraction]:
    """Reports of a few happenings without events, with decoys, and event reports."""
    rng = random.Random(3)
    found = []
    for n, (title, place, org) in enumerate(
        [
            (FLOOD, MILLBROOK, None),
            (LAUNCH, MILLBROOK, "Acme Robotics"),
            (FLOOD.replace("Millbrook", "Ashford"), ASHFORD, None),
        ]
    ):
        for report_ in range(3):
            words = title.split()
            rng.shuffle(words)  # the same words, told in another order
            day = dt.date(2018, 1, 2 + rng.randrange(3)).isoformat()
            found.append(article(f"h{n}{report_}", day, " ".join(words), (place,), org))
    return found + many_reports()[:12]


def coverages_in_batches(extractions: list[Extraction], batch: int) -> dict[str, str | None]:
    store = Store.open(":memory:")
    for start in range(0, len(extractions), batch):
        store.write(extractions[start : start + batch])
        link_new(store)
    found = stories_of_documents(store) | partition(store)
    store.close()
    return found


def test_documents_without_events_are_grouped_by_their_headlines() -> None:
    found = coverages_in_batches(happenings(), 100)
    assert found["doc-h00"] == found["doc-h01"] == found["doc-h02"] is not None
    assert found["doc-h10"] == found["doc-h11"] == found["doc-h12"] != found["doc-h00"]
    assert found["doc-h20"] != found["doc-h00"]


def test_coverages_do_not_depend_on_the_order_documents_arrive() -> None:
    extractions = happenings()
    expected = coverages_in_batches(extractions, len(extractions))
    for seed, batch in ((1, 1), (2, 3), (3, 7)):
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        assert coverages_in_batches(shuffled, batch) == expected


def test_coverages_leave_the_event_stories_as_they_were(monkeypatch: pytest.MonkeyPatch) -> None:
    with_coverages = coverages_in_batches(happenings(), 5)
    monkeypatch.setattr(link_stage, "link_documents", lambda con, smallest: (0, 0))
    without = coverages_in_batches(happenings(), 5)
    events = {key for key in without if ":" in key}
    assert {key: with_coverages[key] for key in events} == {key: without[key] for key in events}


def test_candidates_read_within_the_batch_stretch_are_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A batch reads its candidates' keys within the stretch of its own: every key row of
    # each candidate is there, as read by the ids alone.
    read = documents._read_features
    compared = []

    def checked(con: Any, doc_ids: set[str], lo: dt.date, hi: dt.date) -> dict:
        found = read(con, doc_ids, lo, hi)
        every_day = read(con, doc_ids, dt.date.min, dt.date.max)
        assert found == every_day and found.keys() == doc_ids
        compared.extend(doc_ids)
        return found

    monkeypatch.setattr(documents, "_read_features", checked)
    coverages_in_batches(happenings(), 2)
    assert compared


def test_a_merge_of_two_stories_merges_the_coverages_anchored_in_them() -> None:
    # a and b report one meeting weeks apart, with nothing else in common: two stories.
    # c opens with another meeting, then dates the first to December: its second event
    # links to both, so their stories merge, and so do a's and b's coverages.
    a = report("a", "2017-12-01")
    b = report("b", "2017-12-20")
    other = meeting(
        "doc-c:e0",
        "CONSULT",
        "Chinese officials met in Paris.",
        (CHINA,),
        (USA,),
        TimeValue("", "2017-12-21", "day", "publication"),
        PARIS,
    )
    december = TimeValue("December", "2017-12", "month", "absolute")
    sentence = "Tillerson met Canadian officials in Ottawa to discuss North Korea."
    bridge = replace(
        meeting(
            "doc-c:e1",
            "CONSULT",
            sentence,
            (TILLERSON,),
            a.events[0].recipient,
            december,
            a.events[0].where,
        ),
        evidence=Evidence(sentence, 100, 100 + len(sentence)),
    )
    c_report = report("c", "2017-12-21", where=PARIS)
    text = "Chinese officials met in Paris on Thursday."
    c = replace(c_report, doc=replace(c_report.doc, text=text), events=(other, bridge))
    store = Store.open(":memory:")
    for extraction in (a, b):
        store.write([extraction])
        link_new(store)
    before = stories_of_documents(store)
    assert before["doc-a"] != before["doc-b"]
    store.write([c])
    link_new(store)
    stories = partition(store)
    assert stories["doc-a:e0"] == stories["doc-b:e0"] == stories["doc-c:e1"] != stories["doc-c:e0"]
    after = stories_of_documents(store)
    assert after["doc-a"] == after["doc-b"] != after["doc-c"]
    relink_all(store)
    assert stories_of_documents(store) == after


def test_grouping_documents_gives_duckdb_its_memory_limit_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store.duckdb") as store:
        limit = "SELECT current_setting('memory_limit')"
        before = store.con.execute(limit).fetchone()
        store.write(happenings())
        summary = link_new(store)
        assert summary.documents_covered == len(happenings())
        assert store.con.execute(limit).fetchone() == before
