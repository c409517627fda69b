"""The rows that linking reads, written with each batch: one per event, one per article.

Linking (``herald.link``) reads, for the events of a batch and their candidates, a row that
joins five tables: the event, its document's day and title, its participants, its
article's lead actors and the feature of its place, and the ids of its article's events;
and for a batch of documents (coverages), their title, lede, actors and places. Read from
those tables, a read by id cost a scan of every one of them whatever it read (the rows a
batch wants lie in every block), so a linking run cost its batches times the archive in
five tables (docs/scale-log.md, fifteenth to seventeenth rounds). These rows never change once
a document is stored (a document is never edited: a new text is a new document, and only
an event's ``story_id`` changes, which they do not hold), so they are made once, when the
batch is written, from the batch's own rows: ``link_rows`` (one per event) and
``link_articles`` (one per document: its events' ids and anchor, and what coverages read).
A read by id then touches one table instead of five, and ``by_ids`` reads it through its
primary key when that costs less than a scan of its key column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import duckdb

# An article's lead actors: its LEAD_ACTORS most mentioned people and organisations.
LEAD_ACTORS = 3
# An article's anchor: the smallest event in this order (its first lead event, else its
# first event), what the article reports first (events.relevance.mark_lead).
ANCHOR_ORDER = '(NOT coalesce(lead, false), "start", event_id)'
# The characters of a text kept for its lede (``link.coverage.LEDE_WORDS`` words).
LEDE_CHARS = 1_500

# One row per event of ``{events}`` that satisfies ``{chosen}`` (a condition on ``e``), with
# all that linking reads: its own columns, its document's publication day, its
# participants, its article's lead actors, the feature (city, country...) of its place
# among the article's places, its article's title when it is the article's anchor (an
# article with no title has no headline to compare), and the day it is linked by (its own,
# else its document's). The other tables are joined through the chosen events and their
# documents, never read whole. The table names are parameters: the batch being written
# (its arrow tables, ``write``) or the stored tables (``create``, ``complete``).
_ROWS_SQL = """
    WITH chosen AS (
        SELECT e.event_id, e.doc_id, e.type, e.when_value, e.when_precision, e.when_anchor,
            e.when_modifier, e.where_name, e.where_country, e.where_lat, e.where_lon,
            e.sentence, e.where_basis, e.where_geonameid, e.event_date
        FROM {events} e WHERE {chosen}
    ),
    docs AS (SELECT DISTINCT doc_id FROM chosen),
    participants AS (
        SELECT event_id, list((name, kind, country, sector)) AS participants
        FROM {event_actors} SEMI JOIN chosen USING (event_id) GROUP BY event_id
    ),
    leads AS (
        SELECT doc_id, list((name, kind)) AS leads FROM (
            SELECT doc_id, name, kind FROM {actors} SEMI JOIN docs USING (doc_id)
            WHERE kind IN ('person', 'organization')
            QUALIFY row_number() OVER (
                PARTITION BY doc_id ORDER BY json_array_length(mentions) DESC, actor_id
            ) <= {leads}
        ) GROUP BY doc_id
    ),
    kinds AS (
        SELECT doc_id, geonameid, min(feature) AS feature
        FROM {places} SEMI JOIN docs USING (doc_id) WHERE geonameid IS NOT NULL GROUP BY ALL
    ),
    anchors AS (
        SELECT doc_id, arg_min(event_id, {anchor_order}) AS anchor
        FROM {events} SEMI JOIN docs USING (doc_id) GROUP BY doc_id
    )
    SELECT c.event_id, c.doc_id, c.type, c.when_value, c.when_precision, c.when_anchor,
        c.when_modifier, d.published_date, c.where_name, c.where_country, c.where_lat,
        c.where_lon, c.sentence, c.where_basis, k.feature, p.participants, l.leads,
        CASE WHEN c.event_id = a.anchor AND d.title <> '' THEN d.title END AS title,
        coalesce(c.event_date, d.published_date) AS day
    FROM chosen c
    LEFT JOIN {documents} d ON d.doc_id = c.doc_id
    LEFT JOIN participants p ON p.event_id = c.event_id
    LEFT JOIN leads l ON l.doc_id = c.doc_id
    LEFT JOIN kinds k ON k.doc_id = c.doc_id AND k.geonameid = c.where_geonameid
    LEFT JOIN anchors a ON a.doc_id = c.doc_id
"""
# One row per document of ``{documents}`` that satisfies ``{chosen}`` (a condition on ``d``):
# the sorted ids of its events (none: an empty list) and its anchor, and what grouping it
# into a coverage reads (herald.link.documents): its day, title, the start of its text
# (LEDE_CHARS), its people, organisations and countries, and its named places.
_ARTICLES_SQL = """
    WITH chosen AS (
        SELECT d.doc_id, d.published_date, d.title, left(d.text, {lede}) AS lede
        FROM {documents} d WHERE {chosen}
    ),
    members AS (
        SELECT doc_id, list(event_id ORDER BY event_id) AS event_ids,
            arg_min(event_id, {anchor_order}) AS anchor
        FROM {events} SEMI JOIN chosen USING (doc_id) GROUP BY doc_id
    ),
    named AS (
        SELECT doc_id, list((name, kind, country)) AS actors FROM {actors}
        SEMI JOIN chosen USING (doc_id)
        WHERE kind IN ('person', 'organization', 'country') GROUP BY doc_id
    ),
    located AS (
        SELECT doc_id, list((name, geonameid, feature, country)) AS places FROM {places}
        SEMI JOIN chosen USING (doc_id) WHERE name IS NOT NULL GROUP BY doc_id
    )
    SELECT c.doc_id, coalesce(m.event_ids, []::VARCHAR[]) AS event_ids, m.anchor,
        c.published_date, c.title, c.lede, n.actors, l.places
    FROM chosen c LEFT JOIN members m USING (doc_id) LEFT JOIN named n USING (doc_id)
    LEFT JOIN located l USING (doc_id)
"""
# The tables the rows are made from.
SOURCES = ("events", "event_actors", "actors", "places", "documents")

# DuckDB is a column store: a read through the primary key (its ART index, used for an IN
# list of at most 2,048 values) fetches each row on its own, decoding a vector of every
# column for it: about 600 µs a row of ``link_rows`` or ``link_articles`` (nested lists of
# participants and lead actors), 30 µs a row of two plain columns, whatever the size of the
# table. A read by one hash join scans the key column of the whole table instead, about
# 100 ns a row of the table, and fetches the rows it finds a vector at a time (measured on
# the synthetic archive of 100,000 documents, docs/scale-log.md, eighteenth round). So the
# index pays only for a read of a small part of its table: fewer rows than the table holds
# over INDEX_RATIO (an incremental run of a few documents on a large archive).
INDEX_RATIO = 5_000
IN_LIST = 2_048


def rows_sql(tables: dict[str, str], chosen: str = "true") -> str:
    """The link rows of the events of ``tables["events"]`` that satisfy ``chosen``."""
    return _ROWS_SQL.format(chosen=chosen, leads=LEAD_ACTORS, anchor_order=ANCHOR_ORDER, **tables)


def articles_sql(tables: dict[str, str], chosen: str = "true") -> str:
    """The article rows of the documents of ``tables["documents"]`` that satisfy ``chosen``."""
    return _ARTICLES_SQL.format(chosen=chosen, lede=LEDE_CHARS, anchor_order=ANCHOR_ORDER, **tables)


def write(con: duckdb.DuckDBPyConnection, tables: dict[str, str]) -> None:
    """Add the link rows and articles of a batch being written, whose five source tables
    are given by name (the batch's own rows, not the stored tables)."""
    con.execute(f"INSERT INTO link_rows {rows_sql(tables)}")
    con.execute(f"INSERT INTO link_articles {articles_sql(tables)}")


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create both tables (their column types are those of the query), then fill them for
    the documents already stored (migration 13)."""
    stored = {name: name for name in SOURCES}
    con.execute(f"CREATE TABLE link_rows AS {rows_sql(stored, 'false')}")
    con.execute(f"CREATE TABLE link_articles AS {articles_sql(stored, 'false')}")
    con.execute("ALTER TABLE link_rows ADD PRIMARY KEY (event_id)")
    con.execute("ALTER TABLE link_articles ADD PRIMARY KEY (doc_id)")
    complete(con)


# Events made into link rows by one statement of ``complete``: the joins of a statement hold
# its part of the archive.
PART_EVENTS = 200_000


def complete(con: duckdb.DuckDBPyConnection) -> int:
    """Make the link rows of stored events and documents that have none: every one when the
    tables are new (``create``), else those put into the file by other means than
    ``Store``, a part of the archive at a time. One pass over ``events`` and ``documents``
    when none lacks them (once a linking run). Returns how many events had none."""
    stored = {name: name for name in SOURCES}
    missing = "e.event_id NOT IN (SELECT event_id FROM link_rows)"
    undocumented = "d.doc_id NOT IN (SELECT doc_id FROM link_articles)"
    lacking = int(con.execute(f"SELECT count(*) FROM events e WHERE {missing}").fetchone()[0])
    parts = max(1, -(-lacking // PART_EVENTS))
    for part in range(parts):
        events = f"{missing} AND hash(e.doc_id) % {parts} = {part}"
        documents = f"{undocumented} AND hash(d.doc_id) % {parts} = {part}"
        con.execute(f"INSERT INTO link_rows {rows_sql(stored, events)}")
        con.execute(f"INSERT INTO link_articles {articles_sql(stored, documents)}")
    return lacking


class Sizes(NamedTuple):
    """How many rows ``link_rows`` (one per event) and ``link_articles`` (one per document)
    hold: a read by id goes through the primary key when it reads a small part of its table
    (``by_ids``)."""

    rows: int
    articles: int

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> Sizes:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM link_rows), (SELECT count(*) FROM link_articles)"
        ).fetchone()
        return cls(int(counts[0]), int(counts[1]))


def by_ids(
    con: duckdb.DuckDBPyConnection, select: str, key: str, ids: Iterable[str], size: int
) -> Iterator[tuple]:
    """The rows of ``select`` (a statement ending in ``WHERE``) whose ``key`` is one of
    ``ids``, from a table of ``size`` rows: through its primary key when that reads less
    than a scan would (a few rows of a large table), else by one hash join."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    if len(wanted) * INDEX_RATIO >= size:
        sql = f"{select} {key} IN (SELECT unnest(?::VARCHAR[]))"
        yield from con.execute(sql, [wanted]).fetchall()
        return
    for start in range(0, len(wanted), IN_LIST):
        chunk = wanted[start : start + IN_LIST]
        marks = ", ".join("?" * len(chunk))
        yield from con.execute(f"{select} {key} IN ({marks})", chunk).fetchall()
