"""The link features of stored events, and what a linking run keeps of them.

``load_features`` reads the features of stored events in one statement, which also gives
each event the ids of every event of its article (the corroboration test reads articles
whole). DuckDB finds rows by a list of ids with a hash join that scans each table it
reads, so a run reads as little as it can: ``RunFeatures`` keeps in memory the features
and articles read lately (the least recently used forgotten first), and a batch reads only
the events that no batch before it read: its own, mostly, since the candidates and
articles a batch needs are those of the batches just before it (batches go by date). An
article read whole for corroboration also brings pending events of other dates (what it
recalls, often years away): those are kept apart until their own batch (``Ahead``, the
farthest forgotten first), so that they are not read twice.

A read costs a scan of its tables whatever it reads (the rows a batch wants lie in every
block of them), so a batch's own events are read with the first read the batch before it
makes (for its candidates or its articles), not in a statement of their own: 1.7 scans
of the archive a batch instead of 2.7 in a relink of 100,000 documents (README "Scale",
eleventh round).

Reading every pending event's features once, at the start of a run, into a table numbered
in batch order (a batch then reads a stretch of rows, not the whole archive's), was tried
three times and left: in memory it held 630 MiB more at the peak of a 255,000-event run; in
a file of the run's own it took 620 MiB more to build, and under a memory cap of 300 MB
DuckDB ran out of memory at 820,000 events; under 700 MB it took 21.6 CPU s to build there,
for 0.1 to 0.3 s saved a batch, 52 batches (README "Scale", tenth and eleventh rounds).
Most of the time of a read is making the features in Python, not the scans.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Any, NamedTuple

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
# An article's anchor: the smallest event in this order (its first lead event, else its
# first event), what the article reports first (events.relevance.mark_lead).
ANCHOR_ORDER = '(NOT coalesce(lead, false), "start", event_id)'
LINKING_BASES = frozenset({None, "governs", "sentence"})  # None: stored before the ladder

# One row per chosen event (``{chosen}``: a condition on ``events e``) with all that
# ``_features`` reads: its own columns, its document's publication day, its participants,
# its article's lead actors, the feature (city, country...) of its place among the
# article's places, its article's title when it is the article's anchor (its first lead
# event, else its first event: ``EventFeatures.headline``; an article with no title has no
# headline to compare), and the ids of every event of its article. Every other table is
# joined through the chosen events and their documents, never read whole.
_ROWS_SQL = """
    WITH chosen AS (
        SELECT e.event_id, e.doc_id, e.type, e.when_value, e.when_precision, e.when_anchor,
            e.when_modifier, e.where_name, e.where_country, e.where_lat, e.where_lon,
            e.sentence, e.where_basis, e.where_geonameid, e.event_date,
            e.story_id IS NULL AS pending
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
        SELECT doc_id, list(event_id ORDER BY event_id) AS doc_events,
            arg_min(event_id, {anchor_order}) AS anchor
        FROM events SEMI JOIN docs USING (doc_id) GROUP BY doc_id
    )
    SELECT c.event_id, c.doc_id, c.type, c.when_value, c.when_precision, c.when_anchor,
        c.when_modifier, d.published_date, c.where_name, c.where_country, c.where_lat,
        c.where_lon, c.sentence, c.where_basis, k.feature, p.participants, l.leads,
        CASE WHEN c.event_id = m.anchor AND d.title <> '' THEN d.title END, m.doc_events,
        c.pending, coalesce(c.event_date, d.published_date)
    FROM chosen c
    LEFT JOIN documents d ON d.doc_id = c.doc_id
    LEFT JOIN participants p ON p.event_id = c.event_id
    LEFT JOIN leads l ON l.doc_id = c.doc_id
    LEFT JOIN kinds k ON k.doc_id = c.doc_id AND k.geonameid = c.where_geonameid
    LEFT JOIN members m ON m.doc_id = c.doc_id
"""
_BY_IDS = "e.event_id IN (SELECT unnest($ids::VARCHAR[]))"


def rows_sql(chosen: str) -> str:
    """The feature rows of the events that satisfy ``chosen`` (a condition on ``e``)."""
    return _ROWS_SQL.format(chosen=chosen, leads=LEAD_ACTORS, anchor_order=ANCHOR_ORDER)


def load_features(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]
) -> dict[str, EventFeatures]:
    """The link features of the given stored events."""
    read = _read(con, rows_sql(_BY_IDS), {"ids": sorted(set(event_ids))})
    return {row.features.event_id: row.features for row in read}


# A pending event's place in the order of batches (``RunFeatures.number_pending``): by
# day, undated last, then by id.
BatchOrder = tuple[bool, dt.date, str]


class _Row(NamedTuple):
    features: EventFeatures
    article: tuple[str, ...]  # the ids of every event of its article
    order: BatchOrder | None  # its place in the order of batches; None: not pending


def _read(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[_Row]:
    """The features, article and batch order of each row of ``sql``."""
    if params.get("ids") == []:
        return []
    return [_row(values) for values in con.execute(sql, params).fetchall()]


def _row(values: tuple) -> _Row:
    features = _features(values[:-3])
    article, pending, day = values[-3:]
    order = (day is None, day or dt.date.min, features.event_id) if pending else None
    return _Row(features, tuple(article or ()), order)


def _features(row: tuple) -> EventFeatures:
    (event_id, doc_id, type_, value, precision, anchor, modifier, published, where_name,
     where_country, lat, lon, sentence, basis, feature, participants, leads,
     title) = row  # fmt: skip
    lo, hi, dated = date_window(value, precision, anchor, published, modifier)
    words = content_words(sentence or "")
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
        words=words,
        # The title and the lede tell what the article is about (``rules.same_headline``).
        headline=frozenset() if title is None else words | content_words(title),
        published=published,
        leads=_lead_keys(tuple(leads or ())),
        setting=fold_name(where_name) if where_name and feature not in COARSE_FEATURES else None,
    )


@lru_cache(maxsize=1 << 14)
def _lead_keys(leads: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The keys of an article's lead actors, one set shared by all the article's events."""
    return frozenset(
        key
        for name, kind in leads
        for key in Participant(fold_name(name), kind, None, None).identities()
    )


# What one run keeps in memory: the features of the events read lately (a batch's
# candidates and articles are mostly those of the batches just before, as batches go by
# date), the pending events read before their own batch, the event ids of their articles,
# and whether two articles corroborate each other. An event's features take about 3,400
# bytes (their words, participants and lead actors shared).
CACHE_EVENTS = 60_000
CACHE_DOCUMENTS = 30_000
CACHE_ARTICLE_PAIRS = 400_000
# An article read whole for corroboration holds events of other dates, often years away
# (background): kept apart until their batch comes, they are read once. A relink of
# 100,000 documents keeping 60,000 of the 90,000 events kept before, and 60,000 until their
# batch, reads 1.34 feature rows per event instead of 1.53, for 67 MiB more at the peak
# (README "Scale", tenth round). Unbounded, that set held 161,000 events at once.
AHEAD_EVENTS = 60_000

PENDING_TABLE = "_herald_pending"


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


class Ahead:
    """The features of pending events whose batch is still to come, kept until it comes.

    Beyond ``size`` events, those whose batch is farthest are forgotten first (they are
    read again when it comes): what is kept is what will be needed soonest.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: dict[str, tuple[BatchOrder, EventFeatures]] = {}

    def get(self, event_id: str) -> EventFeatures | None:
        found = self.kept.get(event_id)
        return None if found is None else found[1]

    def take(self, event_ids: Iterable[str]) -> dict[str, EventFeatures]:
        """The kept features of the given events, no longer kept."""
        return {event: self.kept.pop(event)[1] for event in event_ids if event in self.kept}

    def keep(self, rows: Iterable[tuple[BatchOrder, EventFeatures]]) -> None:
        self.kept.update((features.event_id, (order, features)) for order, features in rows)
        excess = len(self.kept) - self.size
        if excess > 0:
            farthest = heapq.nlargest(excess, self.kept.items(), key=lambda item: item[1][0])
            for event, _ in farthest:
                del self.kept[event]


class RunFeatures:
    """The features of one linking run: its pending events numbered in batch order in a
    temporary table, the features and articles read lately kept in memory, and the pending
    events read before their batch kept until it comes.

    Neither features nor articles change during a run (only the ``story_id`` of events
    does, which no feature reads), so what is kept stays true: what is kept, and for how
    long, changes what is read again, never what a batch finds.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.features: Recent = Recent(CACHE_EVENTS)
        self.ahead = Ahead(AHEAD_EVENTS)
        self.articles: Recent = Recent(CACHE_DOCUMENTS)
        self.agree: Recent = Recent(CACHE_ARTICLE_PAIRS)
        # The place of the current batch's last event in batch order: a pending event
        # after it belongs to a batch still to come. None: no batch yet.
        self.last: BatchOrder | None = None
        # The next batch's events, read with the first read the current batch makes (a
        # read scans the archive whatever it reads), and their features once read.
        self.upcoming: list[str] = []
        self.next: dict[str, tuple[BatchOrder, EventFeatures]] = {}

    def number_pending(self) -> int:
        """Number the pending events (``n``) by date, then id, in a temporary table, so
        that a batch is a stretch of numbers. Returns how many. (Sorting the pending events
        again for every batch would cost the square of their number.)"""
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {PENDING_TABLE} AS "
            "SELECT e.event_id, coalesce(e.event_date, d.published_date) AS day, "
            "row_number() OVER (ORDER BY day NULLS LAST, e.event_id) AS n "
            "FROM events e LEFT JOIN documents d USING (doc_id) WHERE e.story_id IS NULL "
            "ORDER BY n"
        )
        return int(self.con.execute(f"SELECT count(*) FROM {PENDING_TABLE}").fetchone()[0])

    def drop(self) -> None:
        """The run is over: drop its table and forget what it kept."""
        self.con.execute(f"DROP TABLE IF EXISTS {PENDING_TABLE}")
        for kept in (self.features, self.articles, self.agree):
            kept.clear()
        self.ahead = Ahead(AHEAD_EVENTS)
        self.next = {}

    def batch(self, start: int, size: int) -> dict[str, EventFeatures]:
        """The features of the pending events numbered ``start + 1`` to ``start + size``,
        in their order. The events numbered up to ``start + 2 * size`` are the next batch:
        the first read made before it comes reads them too."""
        # The numbers are 1, 2, 3...: the first ``size`` rows are the batch's.
        rows = self.con.execute(
            f"SELECT event_id, day FROM {PENDING_TABLE} WHERE n > ? AND n <= ? ORDER BY n",
            [start, start + 2 * size],
        ).fetchall()
        if not rows:
            return {}
        rows, upcoming = rows[:size], rows[size:]
        event, day = rows[-1]
        self.last = (day is None, day or dt.date.min, event)
        ids = [event for event, _ in rows]
        came = self.ahead.take(ids) | self._take_next(ids)
        self.features.keep(came.items())
        self.upcoming = [event for event, _ in upcoming]
        features = came | self.load(event for event in ids if event not in came)
        return {event: features[event] for event in ids}

    def _take_next(self, ids: list[str]) -> dict[str, EventFeatures]:
        """The features of ``ids`` read before their batch with the batch before it; what
        else was read that way belongs to a batch still to come (batches of another size)."""
        came = {event: self.next.pop(event)[1] for event in ids if event in self.next}
        self.ahead.keep(self.next.values())
        self.next = {}
        return came

    def load(self, event_ids: Iterable[str]) -> dict[str, EventFeatures]:
        """The features of the given events: those kept, else read (one statement, which
        also reads the next batch's events the first time the current batch reads)."""
        wanted = set(event_ids)
        found = {}
        for event in wanted:
            features = self._kept(event)
            if features is not None:
                found[event] = features
        missing = wanted - found.keys()
        upcoming: set[str] = set()
        if missing:
            upcoming = {event for event in self.upcoming if self._kept(event) is None}
            self.upcoming = []
        read = _read(self.con, rows_sql(_BY_IDS), {"ids": sorted(missing | upcoming)})
        self._keep(read, upcoming)
        found.update((row.features.event_id, row.features) for row in read)
        return {event: found[event] for event in wanted if event in found}

    def _kept(self, event_id: str) -> EventFeatures | None:
        """The features of an event read before and still kept, else None."""
        features = self.features.get_recent(event_id)
        if features is None:
            features = self.ahead.get(event_id)
        if features is None and event_id in self.next:
            features = self.next[event_id][1]
        return features

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

    def _keep(self, read: list[_Row], upcoming: set[str]) -> None:
        """Keep what was read: the next batch's events until it comes, the other pending
        events of batches to come apart (``Ahead``), the rest as read lately."""
        now: list[_Row] = []
        later: list[_Row] = []
        for row in read:
            if row.features.event_id in upcoming:
                self.next[row.features.event_id] = (row.order, row.features)
            else:
                (later if self._to_come(row.order) else now).append(row)
        self.features.keep((row.features.event_id, row.features) for row in now)
        self.ahead.keep((row.order, row.features) for row in later)
        self.articles.keep((row.features.doc_id, row.article) for row in read)

    def _to_come(self, order: BatchOrder | None) -> bool:
        """Whether a pending event at ``order`` belongs to a batch still to come."""
        return order is not None and (self.last is None or order > self.last)
