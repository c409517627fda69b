"""The ``link`` stage: group the stored reports of one real event into stories.

A story is a connected component of the link relation of ``herald.link.rules`` (symmetric,
a function of two events alone) over the events of the database. Its id is a hash of the
smallest ``event_id`` in the component. Both facts together make the stories independent
of the order in which documents arrive: whatever the order, the same events end up with
the same edges, hence the same components and the same ids.

Linking is its own step, with its state in the database: an event whose ``story_id`` is
NULL is pending. ``link_new`` takes the pending events in batches (ordered by date, so that
a batch touches one stretch of time) and links each batch in its own transaction: a run
cut short (killed, out of memory, a closed connection) keeps the batches it finished, and
the next ``herald link`` carries on with the rest. Nothing of the documents is touched.

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
   keeps each story's smallest event, so it reads only those of stories made before it);
   the ``stories`` rows of the stories that changed are rewritten.

Why corroboration: the link relation alone chained stories in a dense archive. Where the
same organisations, towns and lead actors recur every week, unrelated articles each share
one such key with the next, and a component of pairwise links grew to thousands of
documents (4,709 of a 100,000-document synthetic archive, README "Scale"). Requiring two
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

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from herald.errors import HeraldError
from herald.link.features import ANCHOR_ORDER, Recent, RunFeatures, load_features
from herald.link.rules import (
    SUPPORT_EVENTS,
    EventFeatures,
    blocking_keys,
    corroborated,
    linked,
)
from herald.link.stories import refresh_stories
from herald.store.arrow_tables import with_arrow_table
from herald.store.database import Store
from herald.store.schema import transaction

# Pending events linked per transaction: bounds the memory of a batch (features, pairs).
# Each batch also reads its rows by id, statements that scan whole tables, so the number of
# batches times the archive is a cost that grows with the square of the archive: 16,000 a
# batch instead of 4,000 cut a 100,000-document relink from 1,156 to 744 CPU s for
# 1.7 GB at the peak instead of 1.3 (README "Scale").
BATCH_EVENTS = 16_000
# Candidates compared per event, and ranks joined on either side of it per key.
CANDIDATE_CAP = 20

_KEY_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("key", pa.string()), ("lo", pa.date32()), ("hi", pa.date32())]
)
_LABEL_SCHEMA = pa.schema([("old", pa.string()), ("new", pa.string())])

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

    def __add__(self, other: LinkSummary) -> LinkSummary:
        return LinkSummary(
            self.events_linked + other.events_linked,
            self.stories_written + other.stories_written,
            self.candidate_pairs + other.candidate_pairs,
            self.links + other.links,
            self.weak_links + other.weak_links,
        )


def story_id_for(smallest_event_id: str) -> str:
    """The id of the story whose smallest event id is the one given."""
    return "st-" + hashlib.sha1(smallest_event_id.encode("utf-8")).hexdigest()[:16]


def pending_events(store: Store) -> int:
    """How many events have no story yet."""
    return int(
        store.con.execute("SELECT count(*) FROM events WHERE story_id IS NULL").fetchone()[0]
    )


def link_new(
    store: Store,
    batch_events: int = BATCH_EVENTS,
    cap: int = CANDIDATE_CAP,
    progress: Progress | None = None,
) -> LinkSummary:
    """Give every event without a story one, batch by batch (one transaction each).

    ``progress`` is called with the number of events of each batch once it is committed.
    A failure of the database raises ``LinkError``; the batches already done stay done.
    """
    total = LinkSummary(0, 0, 0, 0)
    run = _Run(RunFeatures(store.con))
    try:
        for batch in _pending_batches(run.features, batch_events):
            with transaction(store.con):
                total += _link_batch(store.con, batch, cap, run)
            if progress is not None:
                progress(len(batch))
        # On a failure the table stays until the connection closes (or the next run
        # replaces it): the connection may be the very thing that failed.
        run.features.drop()
    except duckdb.Error as error:
        raise LinkError(
            f"linking stopped after {total.events_linked} events ({error}); the stored "
            "documents are kept: run herald link --db FILE to finish"
        ) from error
    return total


def relink_all(
    store: Store,
    batch_events: int = BATCH_EVENTS,
    cap: int = CANDIDATE_CAP,
    progress: Progress | None = None,
) -> LinkSummary:
    """Forget every story and link the whole database again (after a change of the rules)."""
    with transaction(store.con):
        store.con.execute("DELETE FROM link_keys; DELETE FROM stories")
        store.con.execute("UPDATE events SET story_id = NULL WHERE story_id IS NOT NULL")
    return link_new(store, batch_events, cap, progress)


# --------------------------------------------------------------------------------- steps


def _pending_batches(run: RunFeatures, size: int) -> Iterator[dict[str, EventFeatures]]:
    """The features of the pending events in batches, earliest first, so that a batch
    spans a short stretch of time. They are numbered once (``RunFeatures.number_pending``):
    sorting the pending events again for every batch would cost the square of their number."""
    pending = run.number_pending()
    for start in range(0, pending, size):
        yield run.batch(start, size)


# Stories whose smallest event a run keeps (``_labels``); beyond, the oldest are read again.
CACHE_STORIES = 200_000


@dataclass
class _Run:
    """What one ``link_new`` keeps from batch to batch: the features, and each story's
    smallest event (a story's id is the hash of it, so it never changes under that id)."""

    features: RunFeatures
    smallest: Recent = field(default_factory=lambda: Recent(CACHE_STORIES))


def _link_batch(
    con: duckdb.DuckDBPyConnection,
    features: dict[str, EventFeatures],
    cap: int,
    run: _Run,
) -> LinkSummary:
    keys = _insert_keys(con, features.values())
    pairs, story_of = _candidates(con, keys, cap)
    batch = list(features)
    others = {event for pair in pairs for event in pair} - features.keys()
    features = features | run.features.load(others)
    found = [(a, b) for a, b in pairs if linked(features[a], features[b])]
    agreeing = _corroborating_articles(features, found, run.features)
    forest = _Forest(batch)
    links = 0
    for a, b in found:
        first, second = features[a].doc_id, features[b].doc_id
        if first == second or (min(first, second), max(first, second)) in agreeing:
            links += 1
            forest.union(_node(a, story_of), _node(b, story_of))
    assignments, relabels = _labels(con, forest.groups(), run.smallest)
    _apply(con, assignments, relabels)
    written = set(assignments.values())
    refresh_stories(con, removed=set(relabels), written=written)
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


def _node(event_id: str, story_of: dict[str, str]) -> str:
    """An event without a story stands for itself; a linked one stands for its story."""
    story = story_of.get(event_id)
    return f"story:{story}" if story else event_id


def _insert_keys(con: duckdb.DuckDBPyConnection, features: Iterable[EventFeatures]) -> pa.Table:
    """Write the batch's blocking keys to ``link_keys``; returns them."""
    table = pa.Table.from_pylist(
        [
            {"event_id": f.event_id, "key": key, "lo": f.lo, "hi": f.hi}
            for f in features
            for key in blocking_keys(f)
        ],
        schema=_KEY_SCHEMA,
    )
    if table.num_rows:
        with_arrow_table(
            con,
            "_herald_link_keys",
            table,
            "INSERT INTO link_keys BY NAME SELECT * FROM _herald_link_keys",
        )
    return table


# The candidates of a batch (``_herald_batch_keys``: its rows of ``link_keys``, ``$lo`` and
# ``$hi`` the stretch of time their windows cover). ``ranked``: the key rows that share a
# key with the batch and overlap that stretch, numbered per key by date and cut into
# buckets of ``cap`` ranks; each batch row is joined with its own bucket and the two beside
# it only, so a key shared by thousands of events costs 3 * cap rows per event, not
# thousands. The stretch is given as constants so that DuckDB skips the blocks of
# ``link_keys`` that end before it. Each candidate comes with its story (NULL: pending).
_CANDIDATES_SQL = """
    WITH mine AS (SELECT * FROM _herald_batch_keys),
    ranked AS (
        SELECT k.event_id, k.key, k.lo, k.hi,
            (row_number() OVER (PARTITION BY k.key ORDER BY k.lo, k.event_id)) // $cap AS bucket
        FROM link_keys k
        WHERE k.key IN (SELECT DISTINCT key FROM mine) AND k.lo <= $hi AND k.hi >= $lo
    ),
    probes AS (
        SELECT r.event_id, r.key, r.lo, r.hi, unnest([r.bucket - 1, r.bucket, r.bucket + 1]) AS near
        FROM ranked r SEMI JOIN mine USING (event_id)
    ),
    scored AS (
        SELECT p.event_id AS a, r.event_id AS b, count(*) AS shared,
            min(abs(date_diff('day', p.lo, r.lo))) AS gap
        FROM probes p JOIN ranked r ON r.key = p.key AND r.bucket = p.near
        WHERE r.event_id <> p.event_id AND r.lo <= p.hi AND p.lo <= r.hi
        GROUP BY ALL
    ),
    marked AS (
        SELECT s.*, e.story_id FROM scored s JOIN events e ON e.event_id = s.b
    )
    SELECT DISTINCT least(a, b), greatest(a, b), CASE WHEN story_id IS NOT NULL THEN b END,
        story_id
    FROM marked
    QUALIFY row_number() OVER (PARTITION BY a ORDER BY shared DESC, story_id IS NULL, gap, b)
        <= $cap
    ORDER BY 1, 2
"""


def _candidates(
    con: duckdb.DuckDBPyConnection, keys: pa.Table, cap: int
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(unordered pairs to compare, the story of each candidate that has one) for the
    batch whose ``link_keys`` rows are ``keys``: at most ``cap`` pairs per batch event."""
    if not keys.num_rows:
        return [], {}
    span = {"lo": pc.min(keys["lo"]).as_py(), "hi": pc.max(keys["hi"]).as_py(), "cap": cap}
    con.register("_herald_batch_keys", keys)
    try:
        rows = con.execute(_CANDIDATES_SQL, span).fetchall()
    finally:
        con.unregister("_herald_batch_keys")
    # A pair of two batch events may come twice, with no story: DISTINCT keeps one.
    return [(a, b) for a, b, _, _ in rows], {b: s for _, _, b, s in rows if s is not None}


def candidate_pairs(
    con: duckdb.DuckDBPyConnection, batch: list[str], cap: int = CANDIDATE_CAP
) -> list[tuple[str, str]]:
    """Unordered pairs (batch event, keyed event) to compare: at most ``cap`` per batch event."""
    keys = con.sql(
        "SELECT event_id, key, lo, hi FROM link_keys "
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
        params=[batch],
    ).to_arrow_table()
    return _candidates(con, keys.cast(_KEY_SCHEMA), cap)[0]


def _labels(
    con: duckdb.DuckDBPyConnection, groups: list[list[str]], smallest: Recent
) -> tuple[dict[str, str], dict[str, str]]:
    """(pending event -> story id, old story id -> new story id) for the components found.

    ``smallest`` keeps each story's smallest event, so that only the stories this run has
    not seen are read (a scan of every event)."""
    old = {node[6:] for group in groups for node in group if node.startswith("story:")}
    unknown = sorted(story for story in old if smallest.get_recent(story) is None)
    if unknown:
        smallest.keep(
            con.execute(
                "SELECT story_id, min(event_id) FROM events "
                "WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id",
                [unknown],
            ).fetchall()
        )
    assignments: dict[str, str] = {}
    relabels: dict[str, str] = {}
    for group in groups:
        stories = [node[6:] for node in group if node.startswith("story:")]
        events = [node for node in group if not node.startswith("story:")]
        first = min(events + [smallest[s] for s in stories])
        story = story_id_for(first)
        smallest.keep([(story, first)])
        assignments.update(dict.fromkeys(events, story))
        relabels.update({s: story for s in stories if s != story})
    return assignments, relabels


def _apply(
    con: duckdb.DuckDBPyConnection, assignments: dict[str, str], relabels: dict[str, str]
) -> None:
    """Write the story ids: first re-label merged stories, then label the new events."""
    if relabels:
        table = pa.Table.from_pylist(
            [{"old": old, "new": new} for old, new in relabels.items()], schema=_LABEL_SCHEMA
        )
        with_arrow_table(
            con,
            "_herald_relabels",
            table,
            "UPDATE events SET story_id = r.new FROM _herald_relabels r "
            "WHERE events.story_id = r.old",
        )
    table = pa.Table.from_pylist(
        [{"old": event, "new": story} for event, story in assignments.items()], schema=_LABEL_SCHEMA
    )
    with_arrow_table(
        con,
        "_herald_labels",
        table,
        "UPDATE events SET story_id = l.new FROM _herald_labels l WHERE events.event_id = l.old",
    )


class _Forest:
    """Union-find over node names; groups come out sorted so that labelling is deterministic."""

    def __init__(self, nodes: Iterable[str]) -> None:
        self.parent: dict[str, str] = {node: node for node in nodes}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            members[self.find(node)].append(node)
        return sorted(members.values())


def stories_of_documents(store: Store) -> dict[str, str | None]:
    """Document id -> the story of its anchor, the event it reports first (its first lead
    event, else its first event); None when it has no event or its anchor no story yet.

    What an article's lede reports is what the article is about; the story holding most
    of its events, as before, may be that of its background (on the dev half of
    news_cluster: B-cubed F1 0.642 with it, 0.646 with the anchor's story).
    """
    rows = store.con.execute(
        f"SELECT d.doc_id, arg_min(e.story_id, {ANCHOR_ORDER}) FROM documents d "
        "LEFT JOIN events e USING (doc_id) GROUP BY d.doc_id"
    ).fetchall()
    return dict(rows)


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
