"""Linking reports into stories: the link relation, incremental linking, order independence."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import herald.link.rules as link_rules
from herald.cli.stories import stories_command
from herald.link.stage import (
    link_new,
    load_features,
    relink_all,
    stories_of_documents,
    story_id_for,
)
from herald.link.stories import list_stories, one_row_per_story, source_of
from herald.records import (
    Actor,
    ActorRef,
    Document,
    Event,
    Evidence,
    Extraction,
    Mention,
    Place,
    TimeValue,
)
from herald.store.database import Store
from herald.store.filters import event_filters

OTTAWA = Place("Ottawa", 0, 6, "Ottawa", "CAN", "ON", 45.42, -75.7, 6094817, "city")
TORONTO = Place("Toronto", 0, 7, "Toronto", "CAN", "ON", 43.65, -79.38, 6167865, "city")
CANADA = Place("Canada", 0, 6, "Canada", "CAN", None, 60.0, -95.0, 6251999, "country")
PARIS = Place("Paris", 0, 5, "Paris", "FRA", None, 48.85, 2.35, 2988507, "city")
USA = ActorRef(None, "United States", "country", "USA", "GOV", (), "Washington")
TILLERSON = ActorRef(None, "Rex Tillerson", "person", "USA", "GOV", (), "Tillerson")
CANADA_GOV = ActorRef(None, "Canada", "country", "CAN", "GOV", (), "Ottawa")
CHINA = ActorRef(None, "China", "country", "CHN", "GOV", (), "Beijing")
FREELAND = ActorRef(None, "Chrystia Freeland", "person", "CAN", "GOV", (), "Freeland")


def report(
    key: str,
    published: str,
    type_: str = "CONSULT",
    actor: tuple[ActorRef, ...] = (TILLERSON,),
    recipient: tuple[ActorRef, ...] = (CANADA_GOV,),
    when: TimeValue | None = None,
    where: Place | None = OTTAWA,
    sentence: str = "Tillerson met Canadian officials in Ottawa to discuss North Korea.",
    domain: str | None = None,
) -> Extraction:
    """One document with one event, published on ``published`` by ``domain``."""
    doc_id = f"doc-{key}"
    day = TimeValue(published, published, "day", "absolute")
    doc = Document(
        doc_id, key, key, sentence, url=f"https://www.{domain or key}.com/{key}", published=day
    )
    when = when or TimeValue("", published, "day", "publication")
    event = meeting(f"{doc_id}:e0", type_, sentence, actor, recipient, when, where)
    return Extraction(doc, events=(event,), places=(where,) if where else ())


MET = Mention("met", 10, 13)  # the trigger of report()'s sentence


def meeting(
    event_id: str,
    type_: str,
    sentence: str,
    actor: tuple[ActorRef, ...],
    recipient: tuple[ActorRef, ...],
    when: TimeValue,
    where: Place | None,
    trigger: Mention = MET,
) -> Event:
    """One stored event whose evidence is the whole ``sentence``, as the linker reads it."""
    return Event(
        event_id=event_id,
        doc_id=event_id.rsplit(":", 1)[0],
        type=type_,
        mode=None,
        trigger=trigger,
        evidence=Evidence(sentence, 0, len(sentence)),
        actor=actor,
        recipient=recipient,
        when=when,
        where=where,
        confidence=0.8,
    )


def stored(*extractions: Extraction) -> Store:
    store = Store.open(":memory:")
    store.write(list(extractions))
    return store


def partition(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, story_id FROM events").fetchall())


def features(store: Store) -> dict[str, link_rules.EventFeatures]:
    ids = [row[0] for row in store.con.execute("SELECT event_id FROM events").fetchall()]
    return load_features(store.con, ids)


# ------------------------------------------------------------------------------ the rules


def test_publication_dates_give_a_wide_weak_window() -> None:
    lo, hi, dated = link_rules.date_window(
        "2017-12-18", "day", "publication", dt.date(2017, 12, 18)
    )
    assert not dated and hi - lo > dt.timedelta(days=3)
    lo, hi, dated = link_rules.date_window("2017-12-19", "day", "relative", dt.date(2017, 12, 18))
    assert dated and lo <= dt.date(2017, 12, 19) <= hi and (hi - lo).days <= 2


def test_a_relation_to_the_date_opens_the_window_on_its_side() -> None:
    published = dt.date(2017, 12, 18)
    plain = link_rules.date_window("2017-11", "month", "absolute", published)
    before = link_rules.date_window("2017-11", "month", "absolute", published, "before")
    after = link_rules.date_window("2017-11", "month", "absolute", published, "on_or_after")
    assert before[0] < plain[0] and before[1] == plain[1]
    assert after[1] > plain[1] and after[0] == plain[0]


def test_the_relation_is_symmetric() -> None:
    store = stored(
        report("a", "2017-12-18"),
        report("b", "2017-12-19", where=CANADA, actor=(USA,)),
        report("c", "2017-12-19", type_="ACCUSE", recipient=(CHINA,)),
    )
    found = list(features(store).values())
    for first in found:
        for second in found:
            assert link_rules.link_score(first, second) == link_rules.link_score(second, first)


def test_content_words_drop_function_words() -> None:
    assert link_rules.content_words("The talks with the Minister of Canada") == {
        "talks",
        "minister",
        "canada",
    }


# ---------------------------------------------------------------------------- linking


def test_two_outlets_reporting_one_meeting_make_one_story() -> None:
    store = stored(report("a", "2017-12-18"), report("b", "2017-12-19"))
    summary = link_new(store)
    assert summary.events_linked == 2 and summary.links == 1
    assert len(set(partition(store).values())) == 1
    (row,) = list_stories(store.con)
    assert row["story_id"] == story_id_for("doc-a:e0")
    assert (row["documents"], row["sources"], row["events"]) == (2, 2, 2)
    assert row["source_domains"] == ["a.com", "b.com"]
    assert (row["first_report"], row["last_report"]) == (
        dt.date(2017, 12, 18),
        dt.date(2017, 12, 19),
    )
    assert row["type"] == "CONSULT" and row["quad"] == "verbal_cooperation"
    assert row["where_name"] == "Ottawa"
    # Both reports at 0.8 from two sources (0.75), agreeing in full (cohesion 1).
    assert row["cohesion"] == 1.0
    assert row["confidence"] == pytest.approx(0.8 * 0.75)


@pytest.mark.parametrize(
    "other",
    [
        report("b", "2017-12-19", type_="ASSAULT"),  # another quad class
        report("b", "2017-12-19", actor=(CHINA,), recipient=()),  # nobody in common
        report("b", "2018-03-01"),  # months apart
        report("b", "2017-12-19", where=PARIS),  # another country
        report(
            "b",
            "2017-12-19",
            where=Place(
                "Vancouver", 0, 9, "Vancouver", "CAN", "BC", 49.25, -123.1, 6173331, "city"
            ),
        ),
    ],
)
def test_incompatible_reports_stay_apart(other: Extraction) -> None:
    store = stored(report("a", "2017-12-18"), other)
    link_new(store)
    assert len(set(partition(store).values())) == 2
    assert store.con.execute("SELECT count(*) FROM stories").fetchone() == (2,)


def test_a_city_is_nested_in_its_country() -> None:
    store = stored(report("a", "2017-12-18"), report("b", "2017-12-18", where=CANADA))
    link_new(store)
    assert len(set(partition(store).values())) == 1


def test_a_text_date_outside_the_other_window_blocks_the_link() -> None:
    last_month = TimeValue("last month", "2017-11", "month", "relative")
    store = stored(report("a", "2017-12-18"), report("b", "2017-12-18", when=last_month))
    link_new(store)
    assert len(set(partition(store).values())) == 2


def test_linking_twice_changes_nothing() -> None:
    store = stored(report("a", "2017-12-18"), report("b", "2017-12-19"))
    link_new(store)
    before = partition(store)
    assert link_new(store).events_linked == 0
    assert partition(store) == before


def test_a_bridging_report_merges_two_stories_and_relabels_them() -> None:
    # a and c are too far apart in time to link; b falls between and links to both.
    store = stored(report("a", "2017-12-01"), report("c", "2017-12-24"))
    link_new(store)
    assert len(set(partition(store).values())) == 2
    store.write([report("b", "2017-12-12")])
    summary = link_new(store)
    assert summary.events_linked == 1
    assert set(partition(store).values()) == {story_id_for("doc-a:e0")}
    (row,) = list_stories(store.con)
    assert row["documents"] == 3


def many_reports() -> list[Extraction]:
    """Reports of a few events, spread over days, outlets, places and participants."""
    rng = random.Random(7)
    extractions = []
    for n in range(40):
        day = dt.date(2017, 12, 1) + dt.timedelta(days=rng.randrange(30))
        type_ = rng.choice(["CONSULT", "AGREE", "ACCUSE", "ASSAULT"])
        actor = rng.choice([(TILLERSON,), (USA,), (CHINA,), (CANADA_GOV, USA)])
        where = rng.choice([OTTAWA, TORONTO, CANADA, PARIS, None])
        extractions.append(
            report(
                f"r{n:02d}",
                day.isoformat(),
                type_,
                actor,
                (rng.choice([CHINA, USA]),),
                where=where,
                domain=f"outlet{n % 7}",
            )
        )
    return extractions


def linked_in_batches(extractions: list[Extraction], batch: int) -> dict[str, str]:
    store = Store.open(":memory:")
    for start in range(0, len(extractions), batch):
        store.write(extractions[start : start + batch])
        link_new(store)
    result = partition(store)
    stories = store.con.execute("SELECT * FROM stories ORDER BY story_id").fetchall()
    store.close()
    return result | {"__stories__": repr(stories)}


def test_stories_do_not_depend_on_the_order_documents_arrive() -> None:
    extractions = many_reports()
    expected = linked_in_batches(extractions, len(extractions))
    assert len(set(expected.values())) < len(extractions)  # some reports did link
    for seed, batch in ((1, 1), (2, 3), (3, 7)):
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        assert linked_in_batches(shuffled, batch) == expected


def test_relinking_everything_gives_the_incremental_result() -> None:
    store = Store.open(":memory:")
    for extraction in many_reports():
        store.write([extraction])
        link_new(store)
    incremental = partition(store) | stories_of_documents(store)
    relink_all(store)
    assert partition(store) | stories_of_documents(store) == incremental


def test_each_document_is_covered_through_the_story_of_the_event_it_reports_first() -> None:
    # Article a opens with a meeting in Ottawa nobody else reports, then tells twice of
    # Chinese talks that article b reports: most of its events are b's story, its lede not.
    talks = "Chinese officials met Canadian officials in Toronto to discuss trade."
    lede = report("a", "2017-12-18")
    day = TimeValue("", "2017-12-18", "day", "publication")
    later = [
        replace(
            meeting(f"doc-a:e{n}", "CONSULT", talks, (CHINA,), (CANADA_GOV,), day, TORONTO),
            evidence=Evidence(talks, 100 * n, 100 * n + len(talks)),
        )
        for n in (1, 2)
    ]
    a = replace(lede, events=lede.events + tuple(later))
    b = report("b", "2017-12-19", actor=(CHINA,), where=TORONTO, sentence=talks)
    store = stored(a, b)
    link_new(store)
    stories = partition(store)
    assert stories["doc-a:e1"] == stories["doc-b:e0"] != stories["doc-a:e0"]
    coverages = stories_of_documents(store)
    assert coverages["doc-a"] != coverages["doc-b"]


def titled(key: str, published: str, title: str, **given: object) -> Extraction:
    """``report`` with a title."""
    found = report(key, published, **given)  # type: ignore[arg-type]
    return replace(found, doc=replace(found.doc, title=title))


MEETING_TITLE = "Tillerson meets Canadian leaders in Ottawa over North Korea"


def test_one_headline_joins_reports_that_read_their_lead_differently() -> None:
    # Two outlets, one news item: b's reading of its lede is another quad class, which
    # keeps two untitled reports apart (test_incompatible_reports_stay_apart).
    store = stored(
        titled("a", "2017-12-18", MEETING_TITLE),
        titled("b", "2017-12-19", "Tillerson in Ottawa for North Korea talks", type_="ASSAULT"),
    )
    link_new(store)
    assert len(set(partition(store).values())) == 1


@pytest.mark.parametrize(
    "other",
    [
        # the same words a week later
        titled("b", "2017-12-25", MEETING_TITLE, type_="ASSAULT"),
        # the same words about other people (a shares only a country and a town with b)
        replace(
            titled("b", "2017-12-19", MEETING_TITLE, type_="ASSAULT", actor=(FREELAND,)),
            actors=(Actor("doc-b:a0", "doc-b", "Chrystia Freeland", "person", "CAN", "GOV"),),
        ),
    ],
)
def test_one_headline_does_not_join_other_news(other: Extraction) -> None:
    first = titled("a", "2017-12-18", MEETING_TITLE)
    tillerson = Actor("doc-a:a0", "doc-a", "Rex Tillerson", "person", "USA", "GOV")
    store = stored(replace(first, actors=(tillerson,)), other)
    link_new(store)
    assert len(set(partition(store).values())) == 2


# --------------------------------------------------------------------- reading stories


def test_source_is_the_domain_without_www() -> None:
    assert source_of("https://www.bbc.co.uk/news/1", None) == "bbc.co.uk"
    assert source_of(None, "The Globe and Mail") == "the globe and mail"
    assert source_of(None, None) is None


def test_list_stories_filters() -> None:
    store = stored(
        report("a", "2017-12-18"),
        report("b", "2017-12-19"),
        report("c", "2017-12-19", type_="ASSAULT", actor=(CHINA,), recipient=()),
    )
    link_new(store)
    assert [r["documents"] for r in list_stories(store.con)] == [2, 1]
    assert len(list_stories(store.con, min_sources=2)) == 1
    by_chn = list_stories(store.con, event_filters(participant="chn"))
    assert [r["type"] for r in by_chn] == ["ASSAULT"]
    by_tillerson = list_stories(store.con, event_filters(participant="tillerson"))
    assert [r["type"] for r in by_tillerson] == ["CONSULT"]
    later_assaults = event_filters(type="assault", since=dt.date(2018, 1, 1))
    assert list_stories(store.con, later_assaults) == []


def test_one_row_per_story_keeps_the_surest_report() -> None:
    rows = [
        {"event_id": "x:e0", "doc_id": "x", "story_id": "s1", "confidence": 0.5},
        {"event_id": "y:e0", "doc_id": "y", "story_id": "s1", "confidence": 0.9},
        {"event_id": "z:e0", "doc_id": "z", "story_id": None, "confidence": 0.1},
    ]
    cut = one_row_per_story(rows)
    assert [r["event_id"] for r in cut] == ["y:e0", "z:e0"]
    assert cut[0]["story_reports"] == 2 and cut[0]["story_documents"] == 2


def test_stories_command_lists_stories_as_json(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with Store.open(path) as store:
        store.write([report("a", "2017-12-18"), report("b", "2017-12-19")])
    runner = CliRunner()
    linked = runner.invoke(stories_command, ["--db", str(path), "--link", "--format", "json"])
    assert linked.exit_code == 0, linked.output
    listed = runner.invoke(
        stories_command, ["--db", str(path), "--min-sources", "2", "--format", "csv"]
    )
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0].startswith("story_id,events,documents,sources")
    assert len(listed.output.splitlines()) == 2


@pytest.mark.slow
def test_stories_scorer_runs_on_a_few_articles(shared_data: Path) -> None:
    from herald.eval import scorer

    report_ = scorer("stories").evaluate("dev", 6, show_progress=False)
    assert report_.status == "ok" and report_.records == 6
    assert report_.figures["b_cubed_f1"] is not None
    assert report_.figures["b_cubed_precision"] >= report_.figures["singletons_b_cubed_f1"] - 1
