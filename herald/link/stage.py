"""The ``link`` stage: group the stored reports of one real event into stories.

A story is a connected component of the link relation of ``herald.link.rules`` (symmetric,
a function of two events alone) over the events of the database. Its id is a hash of the
smallest ``event_id`` in the component. Both facts together make the stories independent
of the order in which documents arrive: whatever the order, the same events end up with
the same edges, hence the same components and the same ids.

Linking is its own step, with its state in the database: an event whose ``story_id`` is
NULL is pending. ``link_new`` takes the pending events in batches (ordered by date, so that
a batch touches one stretch of time), links them batch by batch, and writes the stories it
gave at its end, or every ``WRITE_EVENTS`` events (``run_stories.RunStories``: written
once a batch, they cost a pass over the archive a batch). A run cut short (killed, out of
memory, a closed connection) keeps the stories it wrote, and the next ``herald link``
carries on with the rest. Nothing of the documents is touched but their coverage: once the
events are linked, ``documents.link_documents`` groups the pending documents into
coverages, the reports of one news story (``stories_of_documents``).

A run keeps the features it reads (``features.RunFeatures``): the candidates and articles
a batch needs were mostly read by the batches just before it. A batch, in bounded memory
(nothing grows with the square of anything):

1. its events write their blocking keys (type family + named participant or place, see
   ``rules.blocking_keys``) and date windows to ``link_keys``;
2. DuckDB finds the candidates: the events sharing a key whose windows overlap. Per key,
   events are ranked by date and only the ``CANDIDATE_CAP`` nearest ranks on either side
   are joined (an equality join on key and rank bucket, never the whole key), and each new
   event keeps its ``CANDIDATE_CAP`` best candidates: most keys in common, then those
   already in a story (so that a flood of new reports of one event still reaches the
   story the earlier ones made), then nearest in date, then smallest id. A batch therefore
   compares at most ``CANDIDATE_CAP`` pairs per event, whatever the size of the archive;
3. Python scores those pairs with ``rules.linked``; a pair that links is an edge when both
   events are of one article, or when their two articles corroborate it
   (``rules.corroborated``, which scores every event of one article against every event of
   the other, unless a bound read in one pass over each already says no: a cost of two
   articles, not of the archive). A lone link between two
   articles that agree on nothing else is a weak link: it is counted and joins nothing;
4. an event joins the story of an event it links to; when it links to several stories they
   merge and every event of the merged stories takes the new id (re-labelling; the run
   keeps each story's smallest event, so it reads only those of stories made before it).
   The run keeps these decisions, and writes the story ids and the ``stories`` rows of the
   stories that changed when it writes (``RunStories.write``).

Why corroboration: the link relation alone chained stories in a dense archive. Where the
same organisations, towns and lead actors recur every week, unrelated articles each share
one such key with the next, and a component of pairwise links grew to thousands of
documents (4,709 of a 100,000-document synthetic archive, docs/scale-log.md). Requiring two
articles to agree on more than one event (or on most of the shorter one) breaks those
chains while the reports of one event, which agree on most of what they tell, still join.
Corroboration reads the two articles alone and only ever adds edges as documents arrive, so
the components, and therefore the stories, stay independent of the order of arrival.

The cap is what keeps a batch bounded; the price is that when more than ``CANDIDATE_CAP``
events on one key overlap an event in time, the farther ones are not compared with it. As
those are reports of the same named actor within days, they are almost always already in
the story of a nearer one, so the stories stay the same whatever the order; the tests
check order independence on archives where the cap does not bind.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, replace

import duckdb

from herald.errors import HeraldError
from herald.link.components import (
    STORIES,
    Forest,
    candidates,
    capped_memory,
    group_node,
    insert_keys,
    labels,
)
from herald.link.documents import link_documents, merge_by_stories
from herald.link.features import Recent, RunFeatures, load_features
from herald.link.rules import (
    SUPPORT_EVENTS,
    EventFeatures,
    blocking_keys,
    corroborated,
    linked,
)
from herald.link.run_stories import RunStories, forget_unwritten
from herald.store import link_rows
from herald.store.database import Store
from herald.store.schema import transaction

# Pending events linked per batch: bounds the memory of a batch (features, pairs).
# Each batch also reads its rows by id, statements that scan whole tables, so the number of
# batches times the archive is a cost that grows with the square of the archive: 16,000 a
# batch instead of 4,000 cut a 100,000-document relink from 1,156 to 744 CPU s for
# 1.7 GB at the peak instead of 1.3 (docs/scale-log.md, sixth round).
BATCH_EVENTS = 16_000
# Candidates compared per event, and ranks joined on either side of it per key.
CANDIDATE_CAP = 20
# Events a run links before it writes their stories (``run_stories``), and at its end: each
# write is a pass over ``events`` and its stories' reports, so writing once a batch cost
# the number of batches times the archive. A run that dies loses what it had not written.
WRITE_EVENTS = 1_000_000
# DuckDB's memory limit while the stories are written: the blocks the batches read are
# dropped from its cache, and it spills the sort of the stories' reports (822,000 rows at
# 100,000 documents) rather than hold it on top of them. Uncapped, that write was the peak
# of a 100,000-document relink: 2,023 MiB; under 512 MB 1,803 (docs/scale-log.md, sixteenth
# round).
STORIES_MEMORY = "256MB"

Progress = Callable[[int], None]


class LinkError(HeraldError):
    """Linking stopped; what was stored stays stored and ``herald link`` resumes."""


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What one ``link_new`` call did."""

    events_linked: int  # events that had no story and now have one
    stories_written: int  # stories created, grown or merged (counted once per batch)
    candidate_pairs: int  # pairs compared
    links: int  # pairs found to report the same event (edges of the stories)
    weak_links: int = 0  # pairs that link but whose articles do not corroborate it
    documents_covered: int = 0  # documents that had no coverage and now have one
    coverage_links: int = 0  # pairs of documents found to report one news story

    def __add__(self, other: LinkSummary) -> LinkSummary:
        return LinkSummary(
            *(mine + theirs for mine, theirs in zip(astuple(self), astuple(other), strict=True))
        )


# Python's collector traverses every object alive each time it collects its oldest
# generation, and a run keeps many (the features, articles and stories of its caches): 13
# of 87 CPU s of a 30,000-document relink, a share that grew with the archive (17.5% of the
# CPU at 10,000 documents, 23.5% at 100,000; docs/scale-log.md, thirteenth round). What a run
# keeps and drops forms no reference cycles (frozen records in dicts and tuples), so
# reference counting frees it; the run leaves the oldest generation alone (its peak memory
# did not change) and collects the young ones as usual.
_NEVER = 2**31 - 1


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """Within the block, Python collects its young generations only."""
    young, middle, oldest = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, oldest)


def story_id_for(smallest_event_id: str) -> str:
    """The id of the story whose smallest event id is the one given."""
    return STORIES.id_for(smallest_event_id)


def pending_events(store: Store) -> int:
    """How many events have no story yet."""
    return int(
        store.con.execute("SELECT count(*) FROM events WHERE story_id IS NULL").fetchone()[0]
    )


@_young_collections_only()
def link_new(
    store: Store,
    batch_events: int = BATCH_EVENTS,
    cap: int = CANDIDATE_CAP,
    progress: Progress | None = None,
    write_events: int = WRITE_EVENTS,
) -> LinkSummary:
    """Give every event without a story one, batch by batch; the stories are written once
    ``write_events`` events have one, and at the end (``run_stories.RunStories``).

    ``progress`` is called with the number of events of each batch once it is linked.
    A failure of the database raises ``LinkError``; the stories already written stay.
    """
    total = LinkSummary(0, 0, 0, 0)
    written = 0  # events whose stories are written
    coverages: Recent = Recent(CACHE_STORIES)
    try:
        with transaction(store.con):
            forget_unwritten(store.con)
            link_rows.complete(store.con)
        run = _Run(
            RunFeatures(store.con),
            RunStories(store.con),
            covered=_any_covered(store.con),
            coverages=coverages,
        )
        for batch in _pending_batches(run.features, batch_events):
            with transaction(store.con):
                total += _link_batch(store.con, batch, cap, run)
            if run.stories.unwritten >= write_events:
                written += _write_stories(store.con, run)
            if progress is not None:
                progress(len(batch))
        # On a failure the table stays until the connection closes (or the next run
        # replaces it): the connection may be the very thing that failed.
        run.features.drop()  # and its features, freed before the stories are written
        written += _write_stories(store.con, run)
        del run
        covered, links = link_documents(store.con, coverages)
        total = replace(total, documents_covered=covered, coverage_links=links)
    except duckdb.Error as error:
        raise LinkError(
            f"linking stopped after {written} events ({error}); the stored "
            "documents are kept: run herald link --db FILE to finish"
        ) from error
    return total


def _write_stories(con: duckdb.DuckDBPyConnection, run: _Run) -> int:
    """Write the stories the run gave since it last wrote (one transaction); returns how
    many events they were given to. The coverages of the documents anchored in them merge."""
    events = run.stories.unwritten
    with capped_memory(con, STORIES_MEMORY), transaction(con):
        stories = run.stories.write()
        if run.covered:
            merge_by_stories(con, stories, run.coverages)
    return events


def relink_all(
    store: Store,
    batch_events: int = BATCH_EVENTS,
    cap: int = CANDIDATE_CAP,
    progress: Progress | None = None,
    write_events: int = WRITE_EVENTS,
) -> LinkSummary:
    """Forget every story and link the whole database again (after a change of the rules)."""
    with transaction(store.con):
        store.con.execute("DELETE FROM link_keys; DELETE FROM stories; DELETE FROM coverage_keys")
        store.con.execute("UPDATE events SET story_id = NULL WHERE story_id IS NOT NULL")
        store.con.execute("UPDATE documents SET coverage_id = NULL WHERE coverage_id IS NOT NULL")
    return link_new(store, batch_events, cap, progress, write_events)


# --------------------------------------------------------------------------------- steps


def _pending_batches(run: RunFeatures, size: int) -> Iterator[dict[str, EventFeatures]]:
    """The features of the pending events in batches, earliest first, so that a batch
    spans a short stretch of time. They are numbered once (``RunFeatures.number_pending``):
    sorting the pending events again for every batch would cost the square of their number."""
    pending = run.number_pending()
    for start in range(0, pending, size):
        yield run.batch(start, size)


# Coverages whose smallest document a run keeps (``labels``); beyond, the oldest are read
# again.
CACHE_STORIES = 200_000


@dataclass
class _Run:
    """What one ``link_new`` keeps from batch to batch: the features, the stories it gave
    (written every ``WRITE_EVENTS`` events and at the end), each coverage's smallest
    document (an id is the hash of it, so it never changes under that id), and whether any
    document had a coverage when it started."""

    features: RunFeatures
    stories: RunStories
    covered: bool
    coverages: Recent


def _any_covered(con: duckdb.DuckDBPyConnection) -> bool:
    """Does a document have a coverage? Events linked before the documents (a relink, a
    first link) have none to merge."""
    return bool(
        con.execute(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE coverage_id IS NOT NULL)"
        ).fetchone()[0]
    )


def _link_batch(
    con: duckdb.DuckDBPyConnection,
    features: dict[str, EventFeatures],
    cap: int,
    run: _Run,
) -> LinkSummary:
    keys = insert_keys(
        con,
        STORIES,
        [
            {"event_id": f.event_id, "key": key, "lo": f.lo, "hi": f.hi}
            for f in features.values()
            for key in blocking_keys(f)
        ],
    )
    pairs, story_of = candidates(con, STORIES, keys, cap, run.stories.groups_of)
    batch = list(features)
    others = {event for pair in pairs for event in pair} - features.keys()
    features = features | run.features.load(others)
    found = [(a, b) for a, b in pairs if linked(features[a], features[b])]
    agreeing = _corroborating_articles(features, found, run.features)
    forest = Forest(batch)
    links = 0
    for a, b in found:
        first, second = features[a].doc_id, features[b].doc_id
        if first == second or (min(first, second), max(first, second)) in agreeing:
            links += 1
            forest.union(group_node(a, story_of), group_node(b, story_of))
    assignments, relabels = labels(con, STORIES, forest.groups(), run.stories.smallest)
    run.stories.record(assignments, relabels)
    written = set(assignments.values())
    return LinkSummary(len(batch), len(written), len(pairs), links, len(found) - links)


def _corroborating_articles(
    features: dict[str, EventFeatures],
    found: list[tuple[str, str]],
    run: RunFeatures,
) -> set[tuple[str, str]]:
    """The (smaller, larger) document id pairs among the links found that corroborate them.

    Every event of the documents concerned is read (their features join ``features``), so
    the answer is about the two whole articles, whichever of their events the batch holds.
    """
    linked_events: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for a, b in found:
        first, second = features[a].doc_id, features[b].doc_id
        if first != second:
            if first > second:
                (first, a), (second, b) = (second, b), (first, a)
            sides = linked_events.setdefault((first, second), (set(), set()))
            sides[0].add(a)
            sides[1].add(b)
    # Links the batch found already are a lower bound of the articles' links: when they
    # are enough on each side, the answer is yes without reading the whole articles.
    sure = {
        pair
        for pair, (left, right) in linked_events.items()
        if min(len(left), len(right)) >= SUPPORT_EVENTS
    }
    pairs = set(linked_events)
    unknown = sorted(pairs - sure - run.agree.keys())
    if unknown:
        events = run.articles_of({doc for pair in unknown for doc in pair})
        missing = {event for ids in events.values() for event in ids} - features.keys()
        features.update(run.load(missing))
        run.agree.keep(
            (
                (first, second),
                corroborated(
                    [features[e] for e in events[first]], [features[e] for e in events[second]]
                ),
            )
            for first, second in unknown
        )
    return sure | {pair for pair in pairs if run.agree.get(pair)}


def candidate_pairs(
    con: duckdb.DuckDBPyConnection, batch: list[str], cap: int = CANDIDATE_CAP
) -> list[tuple[str, str]]:
    """Unordered pairs (batch event, keyed event) to compare: at most ``cap`` per batch event."""
    keys = con.sql(
        "SELECT event_id, key, lo, hi FROM link_keys "
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
        params=[batch],
    ).to_arrow_table()
    return candidates(con, STORIES, keys.cast(STORIES.key_schema()), cap)[0]


def stories_of_documents(store: Store) -> dict[str, str | None]:
    """Document id -> its coverage (``herald.link.documents``): the documents that report
    one news story, by their titles and ledes or through the story of the event each
    reports first; None when it is not linked yet.

    Before coverages, an article's story was that of its anchor event alone, and articles
    without a linked event stayed apart (on news_cluster, B-cubed F1 0.671 on the dev half
    and 0.590 on all; README "Measured quality").
    """
    return dict(store.con.execute("SELECT doc_id, coverage_id FROM documents").fetchall())


__all__ = [
    "LinkError",
    "LinkSummary",
    "candidate_pairs",
    "link_new",
    "load_features",
    "pending_events",
    "relink_all",
    "stories_of_documents",
    "story_id_for",
]
