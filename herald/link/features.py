"""The link features of stored events, read once per linking run.

``load_features`` reads the features of any stored events: a few queries, each of which
scans its whole table (DuckDB finds rows by a list of ids with a hash join, not with the
primary key's index). A run that did that for every batch scanned the archive once per
batch: its time grew with the square of the archive.

A run therefore reads the features of all its pending events in one pass, into a
temporary table numbered in the order of the batches (``RunFeatures``): a batch reads its
own stretch of numbers, which DuckDB's min/max index of each block of rows skips to,
whatever the size of the archive. The events a batch needs besides its own (its
candidates, the other events of the articles it compares) were mostly read by an earlier
batch and are kept in memory, the least recently used forgotten first; the rest are looked
up in the run's table, and only events outside the run (linked by an earlier run) in the
archive's tables. Each event comes with the ids of every event of its article, which the
corroboration test reads whole.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import duckdb

from herald.link.rules import (
    COARSE_FEATURES,
    EventFeatures,
    Participant,
    PlaceInfo,
    content_words,
    date_window,
    fold_name,
    participants_of,
)

# An article's lead actors: its LEAD_ACTORS most mentioned people and organisations.
LEAD_ACTORS = 3
LINKING_BASES = frozenset({None, "governs", "sentence"})  # None: stored before the ladder

# One row per chosen event (``{chosen}``: a condition on ``events e``) with all that
# ``_features`` reads: its own columns, its document's publication day, its participants,
# its article's lead actors, the feature (city, country...) of its place among the
# article's places, and the ids of every event of its article. Every other table is
# joined through the chosen events and their documents, never read whole.
_ROWS_SQL = """
    WITH chosen AS (
        SELECT e.event_id, e.doc_id, e.type, e.when_value, e.when_precision, e.when_anchor,
            e.when_modifier, e.where_name, e.where_country, e.where_lat, e.where_lon,
            e.sentence, e.where_basis, e.where_geonameid
        FROM events e WHERE {chosen}
    ),
    docs AS (SELECT DISTINCT doc_id FROM chosen),
    participants AS (
        SELECT event_id, list((name, kind, country, sector)) AS participants
        FROM event_actors SEMI JOIN chosen USING (event_id) GROUP BY event_id
    ),
    leads AS (
        SELECT doc_id, list((name, kind)) AS leads FROM (
            SELECT doc_id, name, kind FROM actors SEMI JOIN docs USING (doc_id)
            WHERE kind IN ('person', 'organization')
            QUALIFY row_number() OVER (
                PARTITION BY doc_id ORDER BY json_array_length(mentions) DESC, actor_id
            ) <= {leads}
        ) GROUP BY doc_id
    ),
    kinds AS (
        SELECT doc_id, geonameid, min(feature) AS feature
        FROM places SEMI JOIN docs USING (doc_id) WHERE geonameid IS NOT NULL GROUP BY ALL
    ),
    members AS (
        SELECT doc_id, list(event_id ORDER BY event_id) AS doc_events
        FROM events SEMI JOIN docs USING (doc_id) GROUP BY doc_id
    )
    SELECT c.event_id, c.doc_id, c.type, c.when_value, c.when_precision, c.when_anchor,
        c.when_modifier, d.published_date, c.where_name, c.where_country, c.where_lat,
        c.where_lon, c.sentence, c.where_basis, k.feature, p.participants, l.leads,
        m.doc_events
    FROM chosen c
    LEFT JOIN documents d ON d.doc_id = c.doc_id
    LEFT JOIN participants p ON p.event_id = c.event_id
    LEFT JOIN leads l ON l.doc_id = c.doc_id
    LEFT JOIN kinds k ON k.doc_id = c.doc_id AND k.geonameid = c.where_geonameid
    LEFT JOIN members m ON m.doc_id = c.doc_id
"""
_COLUMNS = (
    "event_id, doc_id, type, when_value, when_precision, when_anchor, when_modifier, "
    "published_date, where_name, where_country, where_lat, where_lon, sentence, where_basis, "
    "feature, participants, leads, doc_events"
)
_BY_IDS = "e.event_id IN (SELECT unnest($ids::VARCHAR[]))"


def rows_sql(chosen: str) -> str:
    """The feature rows of the events that satisfy ``chosen`` (a condition on ``e``)."""
    return _ROWS_SQL.format(chosen=chosen, leads=LEAD_ACTORS)


def load_features(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]
) -> dict[str, EventFeatures]:
    """The link features of the given stored events."""
    read = _read(con, rows_sql(_BY_IDS), {"ids": sorted(set(event_ids))})
    return {features.event_id: features for features, _ in read}


def _read(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: dict[str, Any],
    kept: Mapping[str, EventFeatures] | None = None,
) -> list[tuple[EventFeatures, tuple[str, ...]]]:
    """(features, the ids of every event of its article) of each row of ``sql``; the
    features already ``kept`` are not made again (most of the time of a read)."""
    if params.get("ids") == []:
        return []
    kept = kept or {}
    return [
        (kept.get(row[0]) or _features(row), tuple(row[-1] or ()))
        for row in con.execute(sql, params).fetchall()
    ]


def _features(row: tuple) -> EventFeatures:
    (event_id, doc_id, type_, value, precision, anchor, modifier, published, where_name,
     where_country, lat, lon, sentence, basis, feature, participants, leads, _) = row  # fmt: skip
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
        participants=participants_of(participants or ()),
        lo=lo,
        hi=hi,
        dated=dated,
        place=place,
        words=content_words(sentence or ""),
        leads=frozenset(
            key
            for name, kind in leads or ()
            for key in Participant(fold_name(name), kind, None, None).identities()
        ),
        setting=fold_name(where_name) if where_name and feature not in COARSE_FEATURES else None,
    )


# What one run keeps in memory: the features of the events read lately (a batch's
# candidates and articles are mostly those of the batches just before, as batches go by
# date), the event ids of their articles, and whether two articles corroborate each other.
CACHE_EVENTS = 60_000
CACHE_DOCUMENTS = 30_000
CACHE_ARTICLE_PAIRS = 400_000

RUN_TABLE = "_herald_link_run"


class Recent(OrderedDict):
    """A mapping that forgets its least recently used entries beyond ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_recent(self, key: Hashable) -> Any:
        if key in self:
            self.move_to_end(key)
        return self.get(key)

    def keep(self, items: Iterable[tuple[Hashable, Any]]) -> None:
        for key, value in items:
            self[key] = value
            self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class RunFeatures:
    """The features of one linking run: its pending events numbered in batch order in a
    temporary table, the features and articles used lately in memory.

    Neither features nor articles change during a run (only the ``story_id`` of events
    does, which no feature reads), so what is kept stays true.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.features: Recent = Recent(CACHE_EVENTS)
        self.articles: Recent = Recent(CACHE_DOCUMENTS)
        self.agree: Recent = Recent(CACHE_ARTICLE_PAIRS)

    def number_pending(self) -> int:
        """Write the run's table: every pending event's feature row, numbered (``n``) by
        date, then id, so that a batch is a stretch of numbers. Returns how many."""
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {RUN_TABLE} AS "
            "SELECT row_number() OVER (ORDER BY coalesce(e.event_date, d.published_date) "
            f"NULLS LAST, e.event_id) AS n, f.* "
            f"FROM ({rows_sql('e.story_id IS NULL')}) f "
            "JOIN events e USING (event_id) LEFT JOIN documents d ON d.doc_id = e.doc_id "
            "ORDER BY n"
        )
        return int(self.con.execute(f"SELECT count(*) FROM {RUN_TABLE}").fetchone()[0])

    def drop(self) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {RUN_TABLE}")

    def batch(self, start: int, size: int) -> dict[str, EventFeatures]:
        """The features of the pending events numbered ``start + 1`` to ``start + size``,
        in their order."""
        read = _read(
            self.con,
            f"SELECT {_COLUMNS} FROM {RUN_TABLE} WHERE n > $start AND n <= $end ORDER BY n",
            {"start": start, "end": start + size},
            self.features,
        )
        self._keep(read)
        return {f.event_id: f for f, _ in read}

    def load(self, event_ids: Iterable[str]) -> dict[str, EventFeatures]:
        """The features of the given events: kept ones, else from the run's table, else
        (events linked before this run) from the archive's tables."""
        wanted = set(event_ids)
        found = {}
        for event in wanted:
            if (features := self.features.get_recent(event)) is not None:
                found[event] = features
        for source in (
            f"SELECT {_COLUMNS} FROM {RUN_TABLE} WHERE event_id IN "
            "(SELECT unnest($ids::VARCHAR[]))",
            rows_sql(_BY_IDS),
        ):
            read = _read(self.con, source, {"ids": sorted(wanted - found.keys())})
            self._keep(read)
            found.update((f.event_id, f) for f, _ in read)
        return found

    def articles_of(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The ids of every event of each document, sorted: kept since one of its events
        was read, else from the archive."""
        wanted = set(doc_ids)
        found = {}
        for doc in wanted:
            if (events := self.articles.get_recent(doc)) is not None:
                found[doc] = events
        missing = sorted(wanted - found.keys())
        if missing:
            read = [
                (doc, tuple(events))
                for doc, events in self.con.execute(
                    "SELECT doc_id, list(event_id ORDER BY event_id) FROM events "
                    "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY doc_id",
                    [missing],
                ).fetchall()
            ]
            self.articles.keep(read)
            found.update(read)
        return found

    def _keep(self, read: list[tuple[EventFeatures, tuple[str, ...]]]) -> None:
        self.features.keep((f.event_id, f) for f, _ in read)
        self.articles.keep((f.doc_id, events) for f, events in read)
