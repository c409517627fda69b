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

A batch, in bounded memory (nothing grows with the square of anything):

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
   the other: a cost of two articles, not of the archive). A lone link between two
   articles that agree on nothing else is a weak link: it is counted and joins nothing;
4. an event joins the story of an event it links to; when it links to several stories they
   merge and every event of the merged stories takes the new id (re-labelling); the
   ``stories`` rows of the stories that changed are rewritten.

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
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from herald.errors import HeraldError
from herald.link.rules import (
    COARSE_FEATURES,
    SUPPORT_EVENTS,
    EventFeatures,
    Participant,
    PlaceInfo,
    blocking_keys,
    content_words,
    corroborated,
    date_window,
    fold_name,
    linked,
    participants_of,
)
from herald.link.stories import refresh_stories
from herald.store.arrow_tables import with_arrow_table
from herald.store.database import Store
from herald.store.schema import transaction

# Pending events linked per transaction: bounds the memory of a batch (features, pairs).
BATCH_EVENTS = 4000
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
    cache = _RunCache(store.con)
    try:
        for batch in _pending_batches(store.con, batch_events):
            with transaction(store.con):
                total += _link_batch(store.con, batch, cap, cache)
            if progress is not None:
                progress(len(batch))
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


def _pending_batches(con: duckdb.DuckDBPyConnection, size: int) -> Iterator[list[str]]:
    """The pending events in batches, earliest first, so that a batch spans a short stretch
    of time. They are numbered once, in a temporary table: sorting the pending events again
    for every batch would cost the square of their number."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _herald_pending AS "
        "SELECT e.event_id, row_number() OVER ("
        "ORDER BY coalesce(e.event_date, d.published_date) NULLS LAST, e.event_id) AS n "
        "FROM events e LEFT JOIN documents d USING (doc_id) WHERE e.story_id IS NULL"
    )
    start = 0
    while batch := [
        row[0]
        for row in con.execute(
            "SELECT event_id FROM _herald_pending WHERE n > ? AND n <= ? ORDER BY n",
            [start, start + size],
        ).fetchall()
    ]:
        yield batch
        start += size
    con.execute("DROP TABLE _herald_pending")


# What one run keeps from one batch to the next: the features of the events read lately
# (the candidates and articles a batch reads are mostly those of the batches just before,
# as batches go by date) and whether two articles corroborate each other.
CACHE_EVENTS = 60_000
CACHE_ARTICLE_PAIRS = 400_000


class _RunCache:
    """Event features and article agreements of one run, the oldest forgotten first beyond
    ``CACHE_EVENTS`` and ``CACHE_ARTICLE_PAIRS`` entries. Neither changes during a run:
    only the ``story_id`` of events does, and neither reads it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.features: dict[str, EventFeatures] = {}
        self.agree: dict[tuple[str, str], bool] = {}

    def load(self, event_ids: Iterable[str]) -> dict[str, EventFeatures]:
        wanted = set(event_ids)
        found = {event: self.features[event] for event in wanted if event in self.features}
        read = load_features(self.con, wanted - found.keys())
        self.keep_features(read)
        return found | read

    def keep_features(self, features: dict[str, EventFeatures]) -> None:
        self.features.update(features)
        _forget_oldest(self.features, CACHE_EVENTS)

    def keep_agreement(self, agree: dict[tuple[str, str], bool]) -> None:
        self.agree.update(agree)
        _forget_oldest(self.agree, CACHE_ARTICLE_PAIRS)


def _forget_oldest(kept: dict, size: int) -> None:
    for oldest in list(kept)[: max(0, len(kept) - size)]:
        del kept[oldest]


def _link_batch(
    con: duckdb.DuckDBPyConnection, batch: list[str], cap: int, cache: _RunCache
) -> LinkSummary:
    features = load_features(con, batch)
    cache.keep_features(features)
    _insert_keys(con, features.values())
    pairs = candidate_pairs(con, batch, cap)
    others = {event for pair in pairs for event in pair} - features.keys()
    features.update(cache.load(others))
    story_of = _stories_of(con, sorted(others))
    found = [(a, b) for a, b in pairs if linked(features[a], features[b])]
    agreeing = _corroborating_articles(con, features, found, cache)
    forest = _Forest(batch)
    links = 0
    for a, b in found:
        first, second = features[a].doc_id, features[b].doc_id
        if first == second or (min(first, second), max(first, second)) in agreeing:
            links += 1
            forest.union(_node(a, story_of), _node(b, story_of))
    assignments, relabels = _labels(con, forest.groups())
    _apply(con, assignments, relabels)
    written = set(assignments.values())
    refresh_stories(con, removed=set(relabels), written=written)
    return LinkSummary(len(batch), len(written), len(pairs), links, len(found) - links)


def _corroborating_articles(
    con: duckdb.DuckDBPyConnection,
    features: dict[str, EventFeatures],
    found: list[tuple[str, str]],
    cache: _RunCache,
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
    unknown = sorted(pairs - sure - cache.agree.keys())
    if unknown:
        documents = sorted({doc for pair in unknown for doc in pair})
        events: dict[str, list[str]] = defaultdict(list)
        for doc_id, event_id in con.execute(
            "SELECT doc_id, event_id FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY doc_id, event_id",
            [documents],
        ).fetchall():
            events[doc_id].append(event_id)
        missing = {event for ids in events.values() for event in ids} - features.keys()
        features.update(cache.load(missing))
        cache.keep_agreement(
            {
                (first, second): corroborated(
                    [features[e] for e in events[first]], [features[e] for e in events[second]]
                )
                for first, second in unknown
            }
        )
    return sure | {pair for pair in pairs if cache.agree.get(pair)}


def _node(event_id: str, story_of: dict[str, str]) -> str:
    """An event without a story stands for itself; a linked one stands for its story."""
    story = story_of.get(event_id)
    return f"story:{story}" if story else event_id


def load_features(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]
) -> dict[str, EventFeatures]:
    """The link features of the given stored events."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    participants: dict[str, list[tuple[str, str, str | None, str | None]]] = defaultdict(list)
    for event_id, *participant in con.execute(
        "SELECT event_id, name, kind, country, sector FROM event_actors "
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall():
        participants[event_id].append(tuple(participant))  # type: ignore[arg-type]
    rows = con.execute(_FEATURE_SQL, [ids]).fetchall()
    documents = sorted({row[1] for row in rows})
    leads: dict[str, set[str]] = defaultdict(set)
    for doc_id, name, kind in con.execute(_LEADS_SQL, [documents, LEAD_ACTORS]).fetchall():
        leads[doc_id] |= Participant(fold_name(name), kind, None, None).identities()
    place_kinds = {
        (doc_id, geonameid): kind
        for doc_id, geonameid, kind in con.execute(
            "SELECT doc_id, geonameid, min(feature) FROM places "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND geonameid IS NOT NULL GROUP BY ALL",
            [documents],
        ).fetchall()
    }
    return {
        row[0]: _features(
            (*row[:-1], place_kinds.get((row[1], row[-1]))), participants[row[0]], leads[row[1]]
        )
        for row in rows
    }


# An article's lead actors: its LEAD_ACTORS most mentioned people and organisations. The
# queries of ``load_features`` name the documents they read (no join with a whole table):
# the linker calls them a few times per batch, and a scan of every place or actor of the
# archive each time grew with the square of the archive.
LEAD_ACTORS = 3
_LEADS_SQL = """
    SELECT doc_id, name, kind FROM actors
    WHERE kind IN ('person', 'organization') AND doc_id IN (SELECT unnest($1::VARCHAR[]))
    QUALIFY row_number() OVER (
        PARTITION BY doc_id ORDER BY json_array_length(mentions) DESC, actor_id
    ) <= $2
"""


LINKING_BASES = frozenset({None, "governs", "sentence"})  # None: stored before the ladder

# The last column, the event's geonameid, is replaced by the feature (city, country...) of
# that place in the article's places.
_FEATURE_SQL = """
    SELECT e.event_id, e.doc_id, e.type, e.when_value, e.when_precision, e.when_anchor,
        e.when_modifier, d.published_date, e.where_name, e.where_country, e.where_lat,
        e.where_lon, e.sentence, e.where_basis, e.where_geonameid
    FROM events e
    LEFT JOIN documents d USING (doc_id)
    WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))
"""


def _features(
    row: tuple, participants: list[tuple[str, str, str | None, str | None]], leads: set[str]
) -> EventFeatures:
    (event_id, doc_id, type_, value, precision, anchor, modifier, published, where_name,
     where_country, lat, lon, sentence, basis, feature) = row  # fmt: skip
    lo, hi, dated = date_window(value, precision, anchor, published, modifier)
    place = None
    # Only a place read off the event's own sentence may forbid a link: a dateline or the
    # article's main place is a guess (events.where) and would split true stories.
    if (where_name or where_country) and basis in LINKING_BASES:
        place = PlaceInfo(where_name, where_country, feature, lat, lon)
    return EventFeatures(
        event_id=event_id,
        doc_id=doc_id,
        type=type_,
        participants=participants_of(participants),
        lo=lo,
        hi=hi,
        dated=dated,
        place=place,
        words=content_words(sentence or ""),
        leads=frozenset(leads),
        setting=fold_name(where_name) if where_name and feature not in COARSE_FEATURES else None,
    )


def _insert_keys(con: duckdb.DuckDBPyConnection, features: Iterable[EventFeatures]) -> None:
    rows = [
        {"event_id": f.event_id, "key": key, "lo": f.lo, "hi": f.hi}
        for f in features
        for key in blocking_keys(f)
    ]
    if rows:
        with_arrow_table(
            con,
            "_herald_link_keys",
            pa.Table.from_pylist(rows, schema=_KEY_SCHEMA),
            "INSERT INTO link_keys BY NAME SELECT * FROM _herald_link_keys",
        )


# The candidates of a batch. ``ranked``: the key rows that share a key with the batch and
# overlap its stretch of time, numbered per key by date and cut into buckets of ``cap``
# ranks; each batch row is joined with its own bucket and the two beside it only, so a
# key shared by thousands of events costs 3 * cap rows per event, not thousands.
_CANDIDATES_SQL = """
    WITH batch AS (SELECT unnest($1::VARCHAR[]) AS event_id),
    mine AS (SELECT k.* FROM link_keys k SEMI JOIN batch USING (event_id)),
    span AS (SELECT min(lo) AS lo, max(hi) AS hi FROM mine),
    ranked AS (
        SELECT k.event_id, k.key, k.lo, k.hi,
            (row_number() OVER (PARTITION BY k.key ORDER BY k.lo, k.event_id)) // $2 AS bucket
        FROM link_keys k, span
        WHERE k.key IN (SELECT DISTINCT key FROM mine) AND k.lo <= span.hi AND k.hi >= span.lo
    ),
    probes AS (
        SELECT r.event_id, r.key, r.lo, r.hi, unnest([r.bucket - 1, r.bucket, r.bucket + 1]) AS near
        FROM ranked r SEMI JOIN batch USING (event_id)
    ),
    scored AS (
        SELECT p.event_id AS a, r.event_id AS b, count(*) AS shared,
            min(abs(date_diff('day', p.lo, r.lo))) AS gap
        FROM probes p JOIN ranked r ON r.key = p.key AND r.bucket = p.near
        WHERE r.event_id <> p.event_id AND r.lo <= p.hi AND p.lo <= r.hi
        GROUP BY ALL
    ),
    marked AS (
        SELECT s.*, e.story_id IS NULL AS pending FROM scored s JOIN events e ON e.event_id = s.b
    )
    SELECT DISTINCT least(a, b), greatest(a, b) FROM marked
    QUALIFY row_number() OVER (PARTITION BY a ORDER BY shared DESC, pending, gap, b) <= $2
    ORDER BY 1, 2
"""


def candidate_pairs(
    con: duckdb.DuckDBPyConnection, batch: list[str], cap: int = CANDIDATE_CAP
) -> list[tuple[str, str]]:
    """Unordered pairs (batch event, keyed event) to compare: at most ``cap`` per batch event."""
    rows = con.execute(_CANDIDATES_SQL, [batch, cap]).fetchall()
    return [(a, b) for a, b in rows]


def _stories_of(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, str]:
    if not event_ids:
        return {}
    return dict(
        con.execute(
            "SELECT event_id, story_id FROM events WHERE story_id IS NOT NULL "
            "AND event_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(set(event_ids))],
        ).fetchall()
    )


def _labels(
    con: duckdb.DuckDBPyConnection, groups: list[list[str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """(pending event -> story id, old story id -> new story id) for the components found."""
    old = sorted({node[6:] for group in groups for node in group if node.startswith("story:")})
    smallest = (
        dict(
            con.execute(
                "SELECT story_id, min(event_id) FROM events "
                "WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id",
                [old],
            ).fetchall()
        )
        if old
        else {}
    )
    assignments: dict[str, str] = {}
    relabels: dict[str, str] = {}
    for group in groups:
        stories = [node[6:] for node in group if node.startswith("story:")]
        events = [node for node in group if not node.startswith("story:")]
        story = story_id_for(min(events + [smallest[s] for s in stories]))
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
    """Document id -> the story holding most of its events (None when it has no event).

    Ties go to the story with the smaller id, so the answer is deterministic.
    """
    rows = store.con.execute(
        "SELECT d.doc_id, e.story_id, count(e.event_id) FROM documents d "
        "LEFT JOIN events e USING (doc_id) GROUP BY ALL"
    ).fetchall()
    best: dict[str, str | None] = {}
    for doc_id, story, _count in sorted(
        rows, key=lambda r: (r[0], r[1] is None, -r[2], r[1] or "")
    ):
        best.setdefault(doc_id, story)
    return best


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
