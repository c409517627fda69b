"""The ``stories`` table: one row per story, summarising the reports it groups.

Columns (migration 3 in ``herald.store.schema``):

- ``story_id``; ``events`` (reports of it), ``documents``, ``sources`` (distinct publisher
  domains, read from the documents' URLs, else their publisher; documents with neither are
  not counted) and ``source_domains`` (the list);
- ``first_report`` / ``last_report``: earliest and latest publication day;
- ``type`` / ``mode`` / ``quad``: the type reported by the most documents (ties: the higher
  summed confidence, then the name), and the commonest mode of that type;
- ``actor_names``, ``actor_countries``, ``recipient_names``, ``recipient_countries``: the
  participants most documents give for that type (the ``events_flat`` strings);
- ``event_date`` / ``when_value`` / ``when_precision``: the date read off the text by most
  documents; when no report dates the event, ``event_date`` is the first report and the
  other two are null;
- ``where_*``: the place most documents give;
- ``cohesion`` (migration 7): how much the story's documents agree with it, the mean over
  documents of their best report's agreement: half for the type (1 the story's type, 0.5
  its quad class, 0 another) and half for the participants (1 when it names one the story
  names, or neither names anyone). Read from the reports alone, it does not depend on the order
  in which they were linked;
- ``confidence``: how sure herald is that the story is one real event as told, the product
  of three figures in [0, 1], so that it is high only when all three are: the extractions
  (the mean, over independent sources, of a source's most confident report), the
  corroboration (1 - 0.5 ** independent sources: one source 0.5, two 0.75, three 0.875)
  and the cohesion. An independent source is a publisher domain, or a document that has
  none;
- ``title`` / ``url``: of the first report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import groupby, islice
from operator import itemgetter
from typing import Any, TypeVar
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from herald.events.plover import plover_types
from herald.store.arrow_tables import with_arrow_table
from herald.store.database import select_rows
from herald.store.filters import EventFilters, where_clause

Row = dict[str, Any]
T = TypeVar("T")

_REPORT_SQL = """
    SELECT e.story_id, e.event_id, e.doc_id, e.type, e.mode, e.confidence,
        e.actor_names, e.actor_countries, e.recipient_names, e.recipient_countries,
        e.when_value, e.when_precision, e.when_anchor, e.event_date,
        e.where_name, e.where_country, e.where_lat, e.where_lon,
        d.published_date, d.url, d.publisher, d.title
    FROM events e LEFT JOIN documents d USING (doc_id)
    WHERE e.story_id IN (SELECT unnest(?::VARCHAR[]))
    ORDER BY e.story_id, e.event_id
"""


def source_of(url: str | None, publisher: str | None) -> str | None:
    """The publisher domain of a document ("www.bbc.co.uk/..." -> "bbc.co.uk")."""
    if url:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
        host = host.removeprefix("www.")
        if host:
            return host
    return publisher.strip().lower() if publisher and publisher.strip() else None


def _best(rows: Iterable[Row], value: Callable[[Row], Hashable]) -> Hashable | None:
    """The value given by the most documents; ties: higher summed confidence, then smaller."""
    documents: dict[Hashable, set[str]] = defaultdict(set)
    weight: dict[Hashable, float] = defaultdict(float)
    for row in rows:
        key = value(row)
        if key is None:
            continue
        documents[key].add(row["doc_id"])
        weight[key] += row["confidence"]
    if not documents:
        return None
    return min(documents, key=lambda key: (-len(documents[key]), -weight[key], repr(key)))


def _confidence(rows: list[Row], cohesion: float) -> float:
    best_by_source: dict[str, float] = {}
    for row in rows:
        source = source_of(row["url"], row["publisher"]) or f"doc:{row['doc_id']}"
        confidence = min(max(row["confidence"], 0.0), 1.0)
        best_by_source[source] = max(best_by_source.get(source, 0.0), confidence)
    extracted = sum(best_by_source.values()) / len(best_by_source)
    corroborated = 1.0 - 0.5 ** len(best_by_source)
    return round(extracted * corroborated * cohesion, 4)


def _names(*joined: str | None) -> frozenset[str]:
    """The participant names of ``events_flat``-style strings ("A; B")."""
    return frozenset(name for text in joined if text for name in text.split("; "))


def _cohesion(rows: list[Row], type_: Hashable, names: frozenset[str]) -> float:
    quad = _quad(type_)
    best_by_doc: dict[str, float] = {}
    for row in rows:
        kind = 1.0 if row["type"] == type_ else 0.5 if _quad(row["type"]) == quad else 0.0
        own = _names(row["actor_names"], row["recipient_names"])
        who = 1.0 if own & names or not (own or names) else 0.0
        agreement = (kind + who) / 2
        best_by_doc[row["doc_id"]] = max(best_by_doc.get(row["doc_id"], 0.0), agreement)
    return sum(best_by_doc.values()) / len(best_by_doc)


def _quad(type_: Hashable) -> str | None:
    info = plover_types().get(str(type_))
    return info.quad if info else None


def summarize(story_id: str, rows: list[Row]) -> Row:
    """The ``stories`` row of one story from its event rows (with their documents)."""
    days = sorted(r["published_date"] for r in rows if r["published_date"] is not None)
    domains = sorted({d for r in rows if (d := source_of(r["url"], r["publisher"]))})
    first = min(rows, key=lambda r: (r["published_date"] or dt.date.max, r["doc_id"]))
    type_ = _best(rows, lambda r: r["type"])
    typed = [r for r in rows if r["type"] == type_]
    dated = [r for r in rows if r["when_anchor"] in ("absolute", "relative") and r["when_value"]]
    when = _best(dated, lambda r: (r["when_value"], r["when_precision"], r["event_date"]))
    place = _best(
        rows,
        lambda r: (
            (r["where_name"], r["where_country"], r["where_lat"], r["where_lon"])
            if r["where_name"]
            else None
        ),
    )
    sides = _best(
        typed,
        lambda r: (
            r["actor_names"],
            r["actor_countries"],
            r["recipient_names"],
            r["recipient_countries"],
        ),
    )
    cohesion = _cohesion(rows, type_, _names(*(sides[0::2] if sides else ())))
    return {
        "story_id": story_id,
        "events": len(rows),
        "documents": len({r["doc_id"] for r in rows}),
        "sources": len(domains),
        "source_domains": domains,
        "first_report": days[0] if days else None,
        "last_report": days[-1] if days else None,
        "type": type_,
        "mode": _best(typed, lambda r: r["mode"]),
        "quad": _quad(type_),
        **dict(
            zip(
                ("actor_names", "actor_countries", "recipient_names", "recipient_countries"),
                sides or (None,) * 4,
                strict=True,
            )
        ),
        "event_date": when[2] if when else (days[0] if days else None),
        "when_value": when[0] if when else None,
        "when_precision": when[1] if when else None,
        **dict(
            zip(
                ("where_name", "where_country", "where_lat", "where_lon"),
                place or (None,) * 4,
                strict=True,
            )
        ),
        "cohesion": round(cohesion, 4),
        "confidence": _confidence(rows, cohesion),
        "title": first["title"],
        "url": first["url"],
    }


def refresh_stories(con: duckdb.DuckDBPyConnection, removed: set[str], written: set[str]) -> None:
    """Delete the rows of ``removed`` and ``written`` stories, then summarise ``written``."""
    gone = sorted(removed | written)
    if gone:
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
    if not written:
        return
    schema = con.sql("SELECT * FROM stories LIMIT 0").to_arrow_table().schema
    summaries = pa.Table.from_batches(
        [
            pa.RecordBatch.from_pylist([summarize(story, rows) for story, rows in chunk], schema)
            for chunk in _chunks(_reports(con, sorted(written)), SUMMARY_CHUNK)
        ],
        schema,
    )
    with_arrow_table(
        con,
        "_herald_stories",
        summaries,
        "INSERT INTO stories BY NAME SELECT * FROM _herald_stories",
    )


# Report rows fetched, and stories summarised, at a time: a run writes the stories of all
# its events at once (``run_stories``), which a relink of 100,000 documents makes 800,000
# report rows; they are fetched a part at a time and kept as Arrow columns once summarised.
REPORT_CHUNK = 20_000
SUMMARY_CHUNK = 2_000


def _reports(con: duckdb.DuckDBPyConnection, stories: list[str]) -> Iterator[tuple[str, list[Row]]]:
    """(story, its report rows) for each of ``stories`` that has reports, by story id."""
    cursor = con.execute(_REPORT_SQL, [stories])
    names = [column[0] for column in cursor.description]
    rows = (
        dict(zip(names, values, strict=True))
        for chunk in iter(lambda: cursor.fetchmany(REPORT_CHUNK), [])
        for values in chunk
    )
    for story, reports in groupby(rows, key=itemgetter("story_id")):
        yield story, list(reports)


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    while chunk := list(islice(items, size)):
        yield chunk


# ------------------------------------------------------------------------------ reading


def list_stories(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters | None = None,
    min_sources: int | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Rows of ``stories`` passing every filter, most sources first.

    A story passes when one of its events passes ``filters``, the same filters as
    ``herald events`` (``store.filters``).
    """
    where, params = where_clause(filters or EventFilters())
    clauses = [f"story_id IN (SELECT f.story_id FROM events_flat f{where})"] if where else []
    if min_sources is not None:
        clauses.append("sources >= ?")
        params.append(int(min_sources))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = "sources DESC, documents DESC, event_date NULLS LAST, story_id"
    return select_rows(con, "stories", where, params, order, limit)


def one_row_per_story(rows: list[Row]) -> list[Row]:
    """``events_flat`` rows cut to one per story: its most confident report, in input order.

    Adds ``story_reports`` (how many of the given rows the story has) and ``story_documents``.
    Events without a story (not linked yet) stay, each as its own row.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[row.get("story_id") or f"event:{row['event_id']}"].append(index)
    chosen: list[tuple[int, Row]] = []
    for members in groups.values():
        best = min(members, key=lambda i: (-rows[i]["confidence"], rows[i]["event_id"]))
        documents = len({rows[i]["doc_id"] for i in members})
        extra = {"story_reports": len(members), "story_documents": documents}
        chosen.append((best, {**rows[best], **extra}))
    return [row for _, row in sorted(chosen, key=lambda pair: pair[0])]
