"""Coverages: the documents that report one news story, grouped, whether herald read an
event in them or not.

A coverage is a connected component of documents under two relations: the coverage
relation of ``herald.link.coverage`` (titles and ledes that agree on words and names,
within days), and "their anchors are in one story" (an article belongs to the story of
the event it reports first, ``features.ANCHOR_ORDER``). Its id is a hash of its smallest
``doc_id``. Both relations are independent of the order of arrival (the first a function
of two documents, the second of the stories, which are), and both only ever add edges, so
the coverages are too, and can be kept up to date incrementally:

- ``link_documents``: the pending documents (``coverage_id`` NULL), in batches by date,
  each in its own transaction: their keys go to ``coverage_keys``, DuckDB finds at most
  ``COVERAGE_CAP`` candidates each (``components.candidates``), Python keeps the pairs
  that ``same_coverage`` links, and each document also joins the coverages of the other
  documents whose anchors are in its anchor's story;
- ``merge_by_stories``: when linking events merges or grows stories, the coverages of the
  documents anchored in them merge too (called by each batch of the event linker).

A batch reads its documents' titles, ledes, actors and places, and the anchors of the
documents of its stories: statements bounded by the batch, whose scans of whole tables cost
batches times the archive, as the event linker's reads do. The keys of its candidates it
reads within the stretch of time of its own keys, where DuckDB skips the blocks of other days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

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
from herald.link.features import ANCHOR_ORDER, Recent
from herald.store.schema import transaction

# Pending documents grouped per transaction, and candidates compared per document.
BATCH_DOCUMENTS = 8_000
COVERAGE_CAP = 20
# The characters of a text read for its lede (``coverage.LEDE_WORDS`` words).
LEDE_CHARS = 1_500

PENDING_DOCUMENTS = "_herald_pending_documents"

# DuckDB keeps the blocks it reads cached up to its memory limit (by default most of the
# machine's memory). A batch reads its documents' texts by id, which scans the texts of the
# archive, and those cached blocks piled up on what linking the events held: a relink of
# 100,000 documents peaked at 2,155 MiB instead of about 1,870 (README "Scale", twelfth
# round). Under this limit while documents are grouped, DuckDB drops them instead. A
# database held in memory cannot drop its own tables' blocks: it is left as it is.
DOCUMENTS_MEMORY = "512MB"

# The batch's documents (``n`` in ``$first`` .. ``$last`` of the pending numbering) with all
# that their features read: title, the start of the text, actors, places, and the story of
# their anchor.
_BATCH_SQL = f"""
    WITH chosen AS (SELECT doc_id FROM {PENDING_DOCUMENTS} WHERE n >= $first AND n <= $last),
    named AS (
        SELECT doc_id, list((name, kind, country)) AS actors FROM actors
        SEMI JOIN chosen USING (doc_id)
        WHERE kind IN ('person', 'organization', 'country') GROUP BY doc_id
    ),
    located AS (
        SELECT doc_id, list((name, geonameid, feature, country)) AS places FROM places
        SEMI JOIN chosen USING (doc_id) WHERE name IS NOT NULL GROUP BY doc_id
    ),
    anchors AS (
        SELECT doc_id, arg_min(story_id, {ANCHOR_ORDER}) AS story FROM events
        SEMI JOIN chosen USING (doc_id) GROUP BY doc_id
    )
    SELECT d.doc_id, d.published_date, d.title, left(d.text, {LEDE_CHARS}), n.actors,
        l.places, a.story
    FROM documents d SEMI JOIN chosen USING (doc_id)
    LEFT JOIN named n USING (doc_id) LEFT JOIN located l USING (doc_id)
    LEFT JOIN anchors a USING (doc_id)
    ORDER BY d.doc_id
"""

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
            for first in range(1, pending + 1, batch_documents):
                with transaction(con):
                    last = first + batch_documents - 1
                    batch, links = _link_batch(con, first, last, cap, smallest)
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


def _link_batch(
    con: duckdb.DuckDBPyConnection, first: int, last: int, cap: int, smallest: Recent
) -> tuple[int, int]:
    rows = con.execute(_BATCH_SQL, {"first": first, "last": last}).fetchall()
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
    stories = sorted({story for *_, story in rows if story is not None})
    for mates in _story_mates(con, stories, set(batch)):
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


def _story_mates(
    con: duckdb.DuckDBPyConnection, stories: list[str], batch: set[str]
) -> list[list[str]]:
    """Per story, the nodes to join: the batch's documents anchored in it and the coverages
    of the covered ones. Pending documents of batches still to come are left for their
    batch, which joins them to these (their keys are not written yet)."""
    if not stories:
        return []
    mates: dict[str, set[str]] = defaultdict(set)
    for story, doc_id, coverage in con.execute(_ANCHORED_SQL, {"stories": stories}).fetchall():
        if coverage is not None or doc_id in batch:
            mates[story].add(group_node(doc_id, {doc_id: coverage} if coverage else {}))
    return [sorted(nodes) for _, nodes in sorted(mates.items()) if len(nodes) > 1]


def merge_by_stories(con: duckdb.DuckDBPyConnection, stories: set[str], smallest: Recent) -> None:
    """Merge the coverages of the documents anchored in each of ``stories`` (stories that a
    batch of the event linker made, grew or merged)."""
    forest = Forest([])
    for mates in _story_mates(con, sorted(stories), set()):
        for node in mates[1:]:
            forest.union(mates[0], node)
    groups = [group for group in forest.groups() if len(group) > 1]
    if groups:
        _, relabels = labels(con, COVERAGES, groups, smallest)
        apply(con, COVERAGES, {}, relabels)
