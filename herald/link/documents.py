"""Coverages: the documents that report one news story, grouped, whether herald read an
event in them or not.

A coverage is a connected component of documents under two relations: the coverage
relation of ``herald.link.coverage`` (titles and ledes that agree on words and names,
within days), and "their anchors are in one story" (an article belongs to the story of
the event it reports first, ``link_rows.ANCHOR_ORDER``). Its id is a hash of its smallest
``doc_id``. Both relations are independent of the order of arrival (the first a function
of two documents, the second of the stories, which are), and both only ever add edges, so
the coverages are too, and can be kept up to date incrementally:

- ``link_documents``: the pending documents (``coverage_id`` NULL), in batches by date,
  each in its own transaction: their keys go to ``coverage_keys``, DuckDB finds at most
  ``COVERAGE_CAP`` candidates each (``components.candidates``), Python keeps the pairs
  that ``same_coverage`` links, and each document also joins the coverages of the other
  documents whose anchors are in its anchor's story;
- ``merge_by_stories``: when linking events merges or grows stories, the coverages of the
  documents anchored in them merge too (called when the event linker writes its stories).

A batch reads what it needs by id, in statements that cost what they read
(``store.link_rows.by_ids``): its documents' titles, ledes, actors, places and anchors from
``link_articles`` (written with each document), and the coverages of the covered documents
anchored in its stories. Which documents are anchored in which story is read once a run for
the stories of the pending documents (``Anchored``), not once a batch: read by story, it
was a scan of ``events`` per batch. The keys of its candidates it reads within the stretch
of time of its own keys, where DuckDB skips the blocks of other days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

import duckdb
import pyarrow.compute as pc

from herald.link.components import (
    COVERAGES,
    Forest,
    apply,
    candidates,
    capped_memory,
    group_node,
    insert_keys,
    labels,
    span_of,
)
from herald.link.coverage import (
    WORD,
    DocumentFeatures,
    from_keys,
    headline_words,
    keys_of,
    name_keys,
    same_coverage,
    window,
)
from herald.link.features import Recent
from herald.store import link_rows
from herald.store.link_rows import ANCHOR_ORDER, Sizes
from herald.store.schema import transaction

# Pending documents grouped per transaction, and candidates compared per document.
BATCH_DOCUMENTS = 8_000
COVERAGE_CAP = 20
PENDING_DOCUMENTS = "_herald_pending_documents"

# DuckDB keeps the blocks it reads cached up to its memory limit (by default most of the
# machine's memory). A batch reads its documents' texts by id, which scans the texts of the
# archive, and those cached blocks piled up on what linking the events held: a relink of
# 100,000 documents peaked at 2,155 MiB instead of about 1,870 (docs/scale-log.md, twelfth
# round). Under this limit while documents are grouped, DuckDB drops them instead. A
# database held in memory cannot drop its own tables' blocks: it is left as it is.
DOCUMENTS_MEMORY = "512MB"

# What a batch reads of its documents (``store.link_rows``, written with each document):
# day, title, the start of the text, actors, places, and the event it reports first, whose
# story is read from ``events``.
_BATCH_SQL = (
    "SELECT doc_id, published_date, title, lede, actors, places, anchor FROM link_articles WHERE"
)
# Per story, the documents anchored in it, for the stories of the pending documents'
# anchors: read once a run (a pass over ``events`` and ``link_articles``), so that a batch
# finds its documents' stories and their mates without reading the archive.
_RUN_ANCHORED_SQL = f"""
    WITH anchored AS (
        SELECT e.story_id, a.doc_id FROM link_articles a JOIN events e ON e.event_id = a.anchor
        WHERE e.story_id IS NOT NULL
    ),
    wanted AS (
        SELECT DISTINCT story_id FROM anchored SEMI JOIN {PENDING_DOCUMENTS} USING (doc_id)
    )
    SELECT story_id, list(doc_id ORDER BY doc_id) FROM anchored SEMI JOIN wanted USING (story_id)
    GROUP BY story_id
"""
_COVERED_SQL = "SELECT doc_id, coverage_id FROM documents WHERE coverage_id IS NOT NULL AND"

# (story, document, its coverage) for the documents anchored in the given stories.
_ANCHORED_SQL = f"""
    WITH wanted AS (SELECT unnest($stories::VARCHAR[]) AS story_id),
    touched AS (SELECT DISTINCT doc_id FROM events SEMI JOIN wanted USING (story_id)),
    anchors AS (
        SELECT doc_id, arg_min(story_id, {ANCHOR_ORDER}) AS story FROM events
        SEMI JOIN touched USING (doc_id) GROUP BY doc_id
    )
    SELECT a.story, a.doc_id, d.coverage_id FROM anchors a JOIN documents d USING (doc_id)
    WHERE a.story IN (SELECT story_id FROM wanted)
    ORDER BY a.story, a.doc_id
"""


def link_documents(
    con: duckdb.DuckDBPyConnection,
    smallest: Recent,
    batch_documents: int = BATCH_DOCUMENTS,
    cap: int = COVERAGE_CAP,
) -> tuple[int, int]:
    """Give every pending document a coverage, batch by batch (one transaction each).

    ``smallest`` keeps each coverage's smallest document (``components.labels``). Returns
    (documents covered, coverage links found)."""
    pending = _number_pending(con)
    covered = found = 0
    try:
        with capped_memory(con, DOCUMENTS_MEMORY):
            reading = Reading(Sizes.of(con), Anchored.of(con))
            for first in range(1, pending + 1, batch_documents):
                with transaction(con):
                    numbers = (first, first + batch_documents - 1)
                    batch, links = _link_batch(con, numbers, cap, smallest, reading)
                covered += batch
                found += links
    finally:
        con.execute(f"DROP TABLE IF EXISTS {PENDING_DOCUMENTS}")
    return covered, found


def _number_pending(con: duckdb.DuckDBPyConnection) -> int:
    """Number the pending documents by publication day, then id, once: a batch is then a
    stretch of numbers (sorting them again for every batch would cost the square)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {PENDING_DOCUMENTS} AS "
        "SELECT doc_id, row_number() OVER (ORDER BY published_date NULLS LAST, doc_id) AS n "
        "FROM documents WHERE coverage_id IS NULL"
    )
    return int(con.execute(f"SELECT count(*) FROM {PENDING_DOCUMENTS}").fetchone()[0])


class Anchored(NamedTuple):
    """The stories of the pending documents' anchors and the documents anchored in each."""

    documents_of: dict[str, tuple[str, ...]]  # story -> its anchored documents
    story_of: dict[str, str]  # document -> the story of its anchor

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> Anchored:
        read = con.execute(_RUN_ANCHORED_SQL).fetchall()
        documents_of = {story: tuple(docs) for story, docs in read}
        story_of = {doc: story for story, docs in documents_of.items() for doc in docs}
        return cls(documents_of, story_of)


class Reading(NamedTuple):
    """What a run's batches read by: the sizes of the tables, the anchored documents."""

    sizes: Sizes
    anchored: Anchored


def _link_batch(
    con: duckdb.DuckDBPyConnection,
    numbers: tuple[int, int],
    cap: int,
    smallest: Recent,
    reading: Reading,
) -> tuple[int, int]:
    numbered = con.execute(
        f"SELECT doc_id FROM {PENDING_DOCUMENTS} WHERE n >= $first AND n <= $last",
        {"first": numbers[0], "last": numbers[1]},
    ).fetchall()
    ids = [doc for (doc,) in numbered]
    rows = sorted(link_rows.by_ids(con, _BATCH_SQL, "doc_id", ids, reading.sizes.articles))
    batch = [row[0] for row in rows]
    features = {
        doc_id: _features(doc_id, day, headline_words(title, lede or ""), actors, places)
        for doc_id, day, title, lede, actors, places, _ in rows
        if day is not None  # no day, no window: covered by its story alone
    }
    keys = insert_keys(
        con,
        COVERAGES,
        [
            {"doc_id": f.doc_id, "key": key, "lo": lo, "hi": hi}
            for f in features.values()
            for lo, hi in [window(f.day)]
            for key in keys_of(f)
        ],
    )
    # Blocked on names alone: every pair that links shares one, and a name is in a few
    # reports a day where a word of a title may be in hundreds.
    names = keys.filter(pc.invert(pc.starts_with(keys["key"], WORD)))
    pairs, coverage_of = candidates(con, COVERAGES, names, cap)
    if others := {doc for pair in pairs for doc in pair} - features.keys():
        features |= _read_features(con, others, *span_of(names))
    forest = Forest(batch)
    links = [(a, b) for a, b in pairs if same_coverage(features[a], features[b])]
    for a, b in links:
        forest.union(group_node(a, coverage_of), group_node(b, coverage_of))
    for mates in _batch_mates(con, set(batch), reading):
        for node in mates[1:]:
            forest.union(mates[0], node)
    assignments, relabels = labels(con, COVERAGES, forest.groups(), smallest)
    apply(con, COVERAGES, assignments, relabels)
    return len(batch), len(links)


def _features(
    doc_id: str, day: dt.date, words: frozenset[str], actors: list | None, places: list | None
) -> DocumentFeatures:
    return DocumentFeatures(doc_id, day, words, name_keys(words, actors or (), places or ()))


def _read_features(
    con: duckdb.DuckDBPyConnection, doc_ids: set[str], lo: dt.date, hi: dt.date
) -> dict[str, DocumentFeatures]:
    """The features of candidates already keyed, read back from ``coverage_keys``: those of
    the documents ``doc_ids``, whose windows meet ``lo`` .. ``hi`` (``span_of`` the batch's
    keys, as every candidate's does).

    Every key row of a document has the document's window (``coverage.window``), so the
    condition on the window keeps every row of a candidate; given as constants, it lets
    DuckDB skip the blocks of ``coverage_keys`` outside the stretch (the keys are written
    batch by batch, by day), where the ids alone scanned the keys of the archive (README
    "Scale", seventeenth round)."""
    rows = con.execute(
        "SELECT doc_id, min(lo), list(key) FROM coverage_keys "
        "WHERE lo <= $hi AND hi >= $lo AND doc_id IN (SELECT unnest($ids::VARCHAR[])) "
        "GROUP BY doc_id",
        {"ids": sorted(doc_ids), "lo": lo, "hi": hi},
    ).fetchall()
    return {doc_id: from_keys(doc_id, day, keys) for doc_id, day, keys in rows}


def _story_mates(con: duckdb.DuckDBPyConnection, stories: list[str]) -> list[list[str]]:
    """Per story, the coverages of the covered documents anchored in it, to be joined."""
    if not stories:
        return []
    mates: dict[str, set[str]] = defaultdict(set)
    for story, doc_id, coverage in con.execute(_ANCHORED_SQL, {"stories": stories}).fetchall():
        if coverage is not None:
            mates[story].add(group_node(doc_id, {doc_id: coverage}))
    return [sorted(nodes) for _, nodes in sorted(mates.items()) if len(nodes) > 1]


def _batch_mates(
    con: duckdb.DuckDBPyConnection, batch: set[str], reading: Reading
) -> list[list[str]]:
    """Per story of the batch's documents, the nodes to join: the batch's documents
    anchored in it and the coverages of the covered ones (``Anchored``; their coverages
    read by id). Pending documents of batches still to come are left for their batch,
    which joins them to these (their keys are not written yet)."""
    anchored = reading.anchored
    stories = sorted({anchored.story_of[doc] for doc in batch if doc in anchored.story_of})
    others = {doc for story in stories for doc in anchored.documents_of[story]} - batch
    coverage_of = dict(
        link_rows.by_ids(con, _COVERED_SQL, "doc_id", others, reading.sizes.articles)
    )
    mates = []
    for story in stories:
        nodes = {
            group_node(doc, coverage_of)
            for doc in anchored.documents_of[story]
            if doc in batch or doc in coverage_of
        }
        if len(nodes) > 1:
            mates.append(sorted(nodes))
    return mates


def merge_by_stories(con: duckdb.DuckDBPyConnection, stories: set[str], smallest: Recent) -> None:
    """Merge the coverages of the documents anchored in each of ``stories`` (stories that
    the event linker made, grew or merged: once each time it writes its stories)."""
    forest = Forest([])
    for mates in _story_mates(con, sorted(stories)):
        for node in mates[1:]:
            forest.union(mates[0], node)
    groups = [group for group in forest.groups() if len(group) > 1]
    if groups:
        _, relabels = labels(con, COVERAGES, groups, smallest)
        apply(con, COVERAGES, {}, relabels)
