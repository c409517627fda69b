"""The ``link`` stage: group the stored reports of one real event into stories.

A story is a connected component of the link relation of ``herald.link.rules`` (symmetric,
a function of two events alone) over every event of the database. Its id is a hash of the
smallest ``event_id`` in the component. Both facts together make the stories independent
of the order in which documents arrive: whatever the order, the same events end up with
the same edges, hence the same components and the same ids.

Incremental: ``link_new`` links only the events that have no story yet. Each event writes
its blocking keys (quad class + participant) and date window to ``link_keys``; the new
events are compared with the events that share a key and whose windows overlap, and
nothing else. A new event joins the story of an event it links to; when it links to
several stories they merge and every event of the merged stories takes the new id
(re-labelling). The ``stories`` table is then rewritten for the stories that changed.

The CLI calls ``link_new(store)`` after each ``extract --db`` run; ``relink_all`` recomputes
everything (after a change of the rules).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from herald.link.rules import (
    EventFeatures,
    PlaceInfo,
    blocking_keys,
    content_words,
    date_window,
    linked,
    participants_of,
)
from herald.link.stories import refresh_stories
from herald.store.database import Store
from herald.store.schema import transaction

_KEY_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("key", pa.string()), ("lo", pa.date32()), ("hi", pa.date32())]
)
_LABEL_SCHEMA = pa.schema([("old", pa.string()), ("new", pa.string())])


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What one ``link_new`` call did."""

    events_linked: int  # events that had no story and now have one
    stories_written: int  # stories created, grown or merged
    candidate_pairs: int  # pairs compared
    links: int  # pairs found to report the same event


def story_id_for(smallest_event_id: str) -> str:
    """The id of the story whose smallest event id is the one given."""
    return "st-" + hashlib.sha1(smallest_event_id.encode("utf-8")).hexdigest()[:16]


def link_new(store: Store) -> LinkSummary:
    """Give every event without a story one, joining or merging the stories it links to."""
    with transaction(store.con):
        return _link_pending(store.con)


def relink_all(store: Store) -> LinkSummary:
    """Forget every story and link the whole database again (after a change of the rules)."""
    with transaction(store.con):
        store.con.execute("DELETE FROM link_keys; DELETE FROM stories")
        store.con.execute("UPDATE events SET story_id = NULL")
        return _link_pending(store.con)


# --------------------------------------------------------------------------------- steps


def _link_pending(con: duckdb.DuckDBPyConnection) -> LinkSummary:
    pending = [
        row[0]
        for row in con.execute(
            "SELECT event_id FROM events WHERE story_id IS NULL ORDER BY event_id"
        ).fetchall()
    ]
    if not pending:
        return LinkSummary(0, 0, 0, 0)
    features = load_features(con, pending)
    _insert_keys(con, features.values())
    pairs = _candidate_pairs(con, pending)
    others = {event for pair in pairs for event in pair} - features.keys()
    features.update(load_features(con, others))
    story_of = _stories_of(con, sorted(others))
    forest = _Forest(pending)
    links = 0
    for a, b in pairs:
        if linked(features[a], features[b]):
            links += 1
            forest.union(_node(a, story_of), _node(b, story_of))
    assignments, relabels = _labels(con, forest.groups())
    _apply(con, assignments, relabels)
    written = set(assignments.values())
    refresh_stories(con, removed=set(relabels), written=written)
    return LinkSummary(len(pending), len(written), len(pairs), links)


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
    return {row[0]: _features(row, participants[row[0]]) for row in rows}


LINKING_BASES = frozenset({None, "governs", "sentence"})  # None: stored before the ladder

_FEATURE_SQL = """
    SELECT e.event_id, e.doc_id, e.type, e.when_value, e.when_precision, e.when_anchor,
        e.when_modifier, d.published_date, e.where_name, e.where_country, p.feature, e.where_lat,
        e.where_lon, e.sentence, e.where_basis
    FROM events e
    LEFT JOIN documents d USING (doc_id)
    LEFT JOIN (
        SELECT doc_id, geonameid, min(feature) AS feature FROM places
        WHERE geonameid IS NOT NULL GROUP BY ALL
    ) p ON p.doc_id = e.doc_id AND p.geonameid = e.where_geonameid
    WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))
"""


def _features(
    row: tuple, participants: list[tuple[str, str, str | None, str | None]]
) -> EventFeatures:
    (event_id, doc_id, type_, value, precision, anchor, modifier, published, where_name,
     where_country, feature, lat, lon, sentence, basis) = row  # fmt: skip
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
    )


def _insert_keys(con: duckdb.DuckDBPyConnection, features: Iterable[EventFeatures]) -> None:
    rows = [
        {"event_id": f.event_id, "key": key, "lo": f.lo, "hi": f.hi}
        for f in features
        for key in blocking_keys(f)
    ]
    if rows:
        _with_table(
            con,
            "_herald_link_keys",
            pa.Table.from_pylist(rows, schema=_KEY_SCHEMA),
            "INSERT INTO link_keys BY NAME SELECT * FROM _herald_link_keys",
        )


def _candidate_pairs(con: duckdb.DuckDBPyConnection, pending: list[str]) -> list[tuple[str, str]]:
    """Each unordered pair (pending event, any event) sharing a key with overlapping windows."""
    rows = con.execute(
        """
        SELECT DISTINCT least(a.event_id, b.event_id), greatest(a.event_id, b.event_id)
        FROM link_keys a JOIN link_keys b
            ON a.key = b.key AND a.lo <= b.hi AND b.lo <= a.hi AND a.event_id <> b.event_id
        WHERE a.event_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY 1, 2
        """,
        [pending],
    ).fetchall()
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
        _with_table(
            con,
            "_herald_relabels",
            table,
            "UPDATE events SET story_id = r.new FROM _herald_relabels r "
            "WHERE events.story_id = r.old",
        )
    table = pa.Table.from_pylist(
        [{"old": event, "new": story} for event, story in assignments.items()], schema=_LABEL_SCHEMA
    )
    _with_table(
        con,
        "_herald_labels",
        table,
        "UPDATE events SET story_id = l.new FROM _herald_labels l WHERE events.event_id = l.old",
    )


def _with_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str) -> None:
    """Run ``sql`` with an arrow table registered under ``name``, then drop it."""
    con.register(name, table)
    try:
        con.execute(sql)
    finally:
        con.unregister(name)


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
    "LinkSummary",
    "link_new",
    "load_features",
    "relink_all",
    "stories_of_documents",
    "story_id_for",
]
