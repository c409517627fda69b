"""The link features of stored events, and what a linking run keeps of them.

An event's features are made from its row in ``link_rows`` and its article's event ids
in ``link_articles`` (``herald.store.link_rows``: written with each document, so that a
read by id touches one table, through its primary key when it reads little of it;
before, a read joined five tables and cost a scan of each whatever it read: README
"Scale", eighteenth round). ``load_features`` reads the features of given events.

A run still reads as little as it can, because making the features is most of a read's
time: ``RunFeatures`` keeps in memory the features and articles read lately (the least
recently used forgotten first), and a batch reads only the events that no batch before it
read: its own, mostly, since the candidates and articles a batch needs are those of the
batches just before it (batches go by date). An article read whole for corroboration also
brings pending events of other dates (what it recalls, often years away): those are kept
apart until their own batch (``Ahead``, the farthest forgotten first), so that they are not
read twice. A batch's own events come with the first read the batch before it makes, not in
a statement of their own (a large read is a hash join that scans the key column of
``link_rows``: fewer reads, fewer scans).
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
from herald.store import link_rows
from herald.store.link_rows import Sizes

LINKING_BASES = frozenset({None, "governs", "sentence"})  # None: stored before the ladder

# The columns of a link row, in the order ``_row`` reads them.
_ROWS = (
    "SELECT event_id, doc_id, type, when_value, when_precision, when_anchor, when_modifier, "
    "published_date, where_name, where_country, where_lat, where_lon, sentence, where_basis, "
    "feature, participants, leads, title, day FROM link_rows WHERE"
)
ARTICLES = "SELECT doc_id, event_ids FROM link_articles WHERE"


def load_features(
    con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]
) -> dict[str, EventFeatures]:
    """The link features of the given stored events."""
    read = _read(con, event_ids, Sizes.of(con), frozenset())
    return {row.features.event_id: row.features for row in read}


# A pending event's place in the order of batches (``RunFeatures.number_pending``): by
# day, undated last, then by id.
BatchOrder = tuple[bool, dt.date, str]


class _Row(NamedTuple):
    features: EventFeatures
    article: tuple[str, ...]  # the ids of every event of its article
    order: BatchOrder | None  # its place in the order of batches; None: not pending


def _read(
    con: duckdb.DuckDBPyConnection,
    event_ids: Iterable[str],
    sizes: Sizes,
    pending_docs: frozenset[str] | set[str],
) -> list[_Row]:
    """The features, article and batch order of the given events: their link rows, then
    the articles of their documents (``store.link_rows``). An event is pending when its
    document was at the start of the run (``pending_docs``)."""
    rows = list(link_rows.by_ids(con, _ROWS, "event_id", event_ids, sizes.rows))
    docs = {row[1] for row in rows}
    articles = dict(link_rows.by_ids(con, ARTICLES, "doc_id", docs, sizes.articles))
    return [_row(values, articles.get(values[1]), values[1] in pending_docs) for values in rows]


def _row(values: tuple, article: list[str] | None, pending: bool) -> _Row:
    features = _features(values[:-1])
    day = values[-1]
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
# (docs/scale-log.md, tenth round). Unbounded, that set held 161,000 events at once.
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
        # The next batch's events, read with the first read the current batch makes, and
        # their features once read.
        self.upcoming: list[str] = []
        self.next: dict[str, tuple[BatchOrder, EventFeatures]] = {}
        # The size of the tables read (``number_pending``) and the documents with events
        # pending at the start of the run.
        self.sizes = Sizes(0, 0)
        self.pending_docs: set[str] = set()

    def number_pending(self) -> int:
        """Number the pending events (``n``) by date, then id, in a temporary table, so
        that a batch is a stretch of numbers. Returns how many. (Sorting the pending events
        again for every batch would cost the square of their number.)"""
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {PENDING_TABLE} AS "
            "SELECT e.event_id, e.doc_id, coalesce(e.event_date, d.published_date) AS day, "
            "row_number() OVER (ORDER BY day NULLS LAST, e.event_id) AS n "
            "FROM events e LEFT JOIN documents d USING (doc_id) WHERE e.story_id IS NULL "
            "ORDER BY n"
        )
        self.sizes = Sizes.of(self.con)
        self.pending_docs = {
            doc
            for (doc,) in self.con.execute(
                f"SELECT DISTINCT doc_id FROM {PENDING_TABLE}"
            ).fetchall()
        }
        return int(self.con.execute(f"SELECT count(*) FROM {PENDING_TABLE}").fetchone()[0])

    def drop(self) -> None:
        """The run is over: drop its table and forget what it kept."""
        self.con.execute(f"DROP TABLE IF EXISTS {PENDING_TABLE}")
        for kept in (self.features, self.articles, self.agree):
            kept.clear()
        self.ahead = Ahead(AHEAD_EVENTS)
        self.next = {}
        self.pending_docs = set()

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
        read = _read(self.con, missing | upcoming, self.sizes, self.pending_docs)
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
        missing = wanted - found.keys()
        if missing:
            read = [
                (doc, tuple(events))
                for doc, events in link_rows.by_ids(
                    self.con, ARTICLES, "doc_id", missing, self.sizes.articles
                )
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
