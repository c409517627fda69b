"""Read queries of the API: events (filtered, sorted, cursor-paged), one event, one document.

Only constants of this module are formatted into SQL; every value from a request is a
bound parameter. ``con`` is a DuckDB connection (a per-request cursor of the server's one
database handle).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from herald.api.errors import invalid, not_found
from herald.link.stories import source_of
from herald.store.filters import EventFilters, quad_of, where_clause

Row = dict[str, Any]

EVENT_COLUMNS = (
    "event_id, doc_id, type, mode, contexts, actor_names, actor_countries, recipient_names, "
    "recipient_countries, event_date, when_text, when_value, when_precision, where_name, "
    "where_country, where_lat, where_lon, modality, attribution_kind, attribution_text, "
    "trigger, evidence, evidence_start, evidence_end, confidence, cameo, story_id, title, "
    "publisher, url, published, published_date"
)


@dataclass(frozen=True, slots=True)
class Sort:
    """One sort order: the key expression (nulls mapped to a sentinel so that they come
    last and compare like any value), its direction, and the SQL type of the cursor value."""

    key: str
    descending: bool
    cast: str

    @property
    def direction(self) -> str:
        return "DESC" if self.descending else "ASC"


# Events sort by the day they happened, except that an event still to come when it was
# reported sorts at the day of its report: a plan announced in 2017 for 2030 is 2017 news,
# not the top of a newest-first list for years.
SORT_DAY = "least(f.event_date, f.published_date)"

SORTS: dict[str, Sort] = {
    "date": Sort(f"coalesce({SORT_DAY}, DATE '9999-12-31')", False, "DATE"),
    "-date": Sort(f"coalesce({SORT_DAY}, DATE '0001-01-01')", True, "DATE"),
    "confidence": Sort("f.confidence", False, "DOUBLE"),
    "-confidence": Sort("f.confidence", True, "DOUBLE"),
    "type": Sort("f.type", False, "VARCHAR"),
    "-type": Sort("f.type", True, "VARCHAR"),
}


def sort_order(sort: str) -> Sort:
    """The sort order named ``sort``; an unknown name is a 422 that lists the known ones."""
    order = SORTS.get(sort)
    if order is None:
        raise invalid("sort", f"one of {', '.join(SORTS)}")
    return order


def rows(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def one(cursor: duckdb.DuckDBPyConnection) -> Row | None:
    found = rows(cursor)
    return found[0] if found else None


def event_item(row: Row) -> Row:
    """An events_flat row as the API shows it: with its quad class and its source (the
    publisher's domain, else the publisher's name)."""
    return {
        **row,
        "quad": quad_of(row["type"]),
        "source": source_of(row.get("url"), row.get("publisher")),
    }


# ---------------------------------------------------------------------------- cursors


def encode_cursor(value: Any, event_id: str) -> str:
    key = value.isoformat() if isinstance(value, dt.date) else value
    raw = json.dumps([key, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# A cursor holds one sort key and one event id: far shorter than this. A longer one is
# refused before decoding (deeply nested JSON would exhaust the decoder's recursion).
MAX_CURSOR_CHARS = 1024


def decode_cursor(cursor: str) -> tuple[Any, str]:
    if len(cursor) > MAX_CURSOR_CHARS:
        raise invalid("cursor", "not a cursor this server gave out")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError) as error:
        raise invalid("cursor", "not a cursor this server gave out") from error
    if not isinstance(event_id, str) or not isinstance(key, (str, int, float)):
        raise invalid("cursor", "not a cursor this server gave out")
    return key, event_id


def cursor_key(order: Sort, key: Any) -> Any:
    """A decoded cursor key as the value its sort compares, or a 422: a key of another type
    (a hand-made cursor, or one from another sort) must not reach the SQL CAST."""
    value: Any = None
    if order.cast == "DATE" and isinstance(key, str):
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(key)
    elif order.cast == "DOUBLE" and isinstance(key, int | float) and not isinstance(key, bool):
        with contextlib.suppress(OverflowError):
            value = float(key)
    elif order.cast == "VARCHAR" and isinstance(key, str):
        value = key
    if value is None:
        raise invalid("cursor", "not a cursor of this sort order")
    return value


# ---------------------------------------------------------------------------- events


def list_events(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilters,
    sort: str = "-date",
    limit: int = 50,
    cursor: str | None = None,
) -> Row:
    """One page of events: items, the cursor of the next page (or None), and the total."""
    order = sort_order(sort)
    where, params = where_clause(filters)
    total = con.execute(f"SELECT count(*) FROM events_flat f{where}", params).fetchone()
    page_where, page_params = where, list(params)
    if cursor:
        key, after_id = decode_cursor(cursor)
        key = cursor_key(order, key)
        beyond = "<" if order.descending else ">"
        seek = (
            f"({order.key} {beyond} CAST(? AS {order.cast}) OR "
            f"({order.key} = CAST(? AS {order.cast}) AND f.event_id > ?))"
        )
        page_where = (where + " AND " if where else " WHERE ") + seek
        page_params += [key, key, after_id]
    sql = (
        f"SELECT {EVENT_COLUMNS}, {order.key} AS _key FROM events_flat f{page_where} "
        f"ORDER BY _key {order.direction}, f.event_id ASC LIMIT ?"
    )
    found = rows(con.execute(sql, [*page_params, limit + 1]))
    more = len(found) > limit
    page = found[:limit]
    next_cursor = encode_cursor(page[-1]["_key"], page[-1]["event_id"]) if more else None
    items = [event_item({k: v for k, v in row.items() if k != "_key"}) for row in page]
    return {
        "items": items,
        "next_cursor": next_cursor,
        "total": int(total[0]) if total else 0,
        "limit": limit,
        "sort": sort,
        "filters": filters.as_query(),
    }


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> Row:
    """One event with its participants, document, evidence, marks and quotes."""
    row = one(
        con.execute(f"SELECT {EVENT_COLUMNS} FROM events_flat WHERE event_id = ?", [event_id])
    )
    if row is None:
        raise not_found("event", event_id)
    extra = one(
        con.execute(
            "SELECT trigger_start, trigger_end, where_text, attribution_actor_id "
            "FROM events WHERE event_id = ?",
            [event_id],
        )
    )
    assert extra is not None
    participants = rows(
        con.execute(
            "SELECT actor_id, role, position, name, text, kind, country, sector, roles "
            "FROM event_actors WHERE event_id = ? ORDER BY role, position",
            [event_id],
        )
    )
    document = one(
        con.execute(
            "SELECT doc_id, id, url, title, publisher, byline, published, published_how, "
            "dateline, text FROM documents WHERE doc_id = ?",
            [row["doc_id"]],
        )
    )
    start, end = row["evidence_start"], row["evidence_end"]
    quotes = [
        {**quote, "overlaps_evidence": quote["start"] < end and quote["end"] > start}
        for quote in document_quotes(con, row["doc_id"])
    ]
    return {
        **event_item(row),
        "evidence": {"sentence": row["evidence"], "start": start, "end": end},
        "trigger": {
            "text": row["trigger"],
            "start": extra["trigger_start"],
            "end": extra["trigger_end"],
        },
        "where_text": extra["where_text"],
        "attribution_actor_id": extra["attribution_actor_id"],
        "participants": participants,
        "marks": event_marks(con, row, extra, participants),
        "document": document,
        "quotes": quotes,
    }


def event_marks(
    con: duckdb.DuckDBPyConnection, event: Row, extra: Row, participants: list[Row]
) -> list[Row]:
    """Character spans to mark in the document: trigger, participants, date and place.

    Participants, dates and places are looked for inside the evidence sentence, where the
    reader's eye is; a mention elsewhere in the article is not this event's.
    """
    start, end = event["evidence_start"], event["evidence_end"]
    marks = [{"kind": "trigger", "start": extra["trigger_start"], "end": extra["trigger_end"]}]
    ids = {p["actor_id"]: p["role"] for p in participants if p["actor_id"]}
    if ids:
        actors = con.execute(
            "SELECT actor_id, mentions FROM actors WHERE actor_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
        for actor_id, mentions in actors:
            for mention in json.loads(mentions or "[]"):
                if start <= mention["start"] and mention["end"] <= end:
                    marks.append(
                        {"kind": ids[actor_id], "start": mention["start"], "end": mention["end"]}
                    )
    if event["when_text"]:
        marks += _spans_in(con, "timexes", event["doc_id"], event["when_text"], start, end, "date")
    if extra["where_text"]:
        marks += _spans_in(con, "places", event["doc_id"], extra["where_text"], start, end, "place")
    return sorted(marks, key=lambda mark: (mark["start"], mark["end"]))


_SPANS_SQL = {
    table: f'SELECT "start", "end" FROM {table} WHERE doc_id = ? AND text = ? '
    f'AND "start" >= ? AND "end" <= ? ORDER BY "start"'
    for table in ("timexes", "places")
}


def _spans_in(
    con: duckdb.DuckDBPyConnection,
    table: str,
    doc_id: str,
    text: str,
    start: int,
    end: int,
    kind: str,
) -> list[Row]:
    found = con.execute(_SPANS_SQL[table], [doc_id, text, start, end]).fetchall()
    return [{"kind": kind, "start": s, "end": e} for s, e in found]


def document_quotes(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Row]:
    return rows(
        con.execute(
            'SELECT quote_id, text, "start", "end", kind, cue, speaker_actor_id, speaker_name, '
            'speaker_text, anonymous FROM quotes WHERE doc_id = ? ORDER BY "start"',
            [doc_id],
        )
    )


# ---------------------------------------------------------------------------- documents

# Other reports of a document's news story listed with it (herald.link.documents).
COVERAGE_LISTED = 50


def _other_reports(con: duckdb.DuckDBPyConnection, doc_id: str, coverage: str | None) -> list[Row]:
    """The other documents of a document's coverage, earliest first: the same news story
    as other outlets told it."""
    if coverage is None:
        return []
    return rows(
        con.execute(
            "SELECT doc_id, title, url, publisher, published_date FROM documents "
            "WHERE coverage_id = ? AND doc_id <> ? ORDER BY published_date NULLS LAST, doc_id "
            f"LIMIT {COVERAGE_LISTED}",
            [coverage, doc_id],
        )
    )


def get_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> Row:
    """A document's cleaned text with the offsets of everything found in it."""
    document = one(
        con.execute(
            "SELECT doc_id, id, source, url, title, publisher, byline, language, published, "
            "published_how, dateline, text, captions, credits, coverage_id FROM documents "
            "WHERE doc_id = ?",
            [doc_id],
        )
    )
    if document is None:
        raise not_found("document", doc_id)
    events = rows(
        con.execute(
            'SELECT event_id, type, mode, modality, "start", "end", trigger, trigger_start, '
            'trigger_end, confidence FROM events WHERE doc_id = ? ORDER BY "start", event_id',
            [doc_id],
        )
    )
    actors = rows(
        con.execute(
            "SELECT actor_id, name, kind, country, sector, roles, mentions FROM actors "
            "WHERE doc_id = ? ORDER BY actor_id",
            [doc_id],
        )
    )
    for actor in actors:
        actor["mentions"] = json.loads(actor["mentions"] or "[]")
    timexes = rows(
        con.execute(
            'SELECT n, text, "start", "end", value, precision, anchor, modifier FROM timexes '
            "WHERE doc_id = ? ORDER BY n",
            [doc_id],
        )
    )
    places = rows(
        con.execute(
            'SELECT n, text, "start", "end", name, country, admin1, lat, lon, geonameid, '
            "feature FROM places WHERE doc_id = ? ORDER BY n",
            [doc_id],
        )
    )
    for event in events:
        event["quad"] = quad_of(event["type"])
    return {
        **document,
        "coverage": _other_reports(con, doc_id, document["coverage_id"]),
        "events": events,
        "actors": actors,
        "quotes": document_quotes(con, doc_id),
        "timexes": timexes,
        "places": places,
    }


# ---------------------------------------------------------------------------- stories


STORIES_NOTE = "no stories table in this database yet: stories appear once `link` has run"
NO_STORY_NOTE = "this event is not linked to a story (yet): run herald's linking step"


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
    ).fetchone()
    return bool(found and found[0])


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    found = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {row[0] for row in found}


def list_stories(
    con: duckdb.DuckDBPyConnection, filters: EventFilters, limit: int, offset: int
) -> Row:
    """Stories with an event matching the filters, most reported first, once a ``stories``
    table exists; else an empty list and a note."""
    if not has_table(con, "stories"):
        return {"items": [], "total": 0, "note": STORIES_NOTE}
    # The table belongs to the linker; order by its size columns when it has them.
    columns = _columns(con, "stories")
    order = ", ".join(
        [f"{c} DESC" for c in ("documents", "events") if c in columns]
        + (["story_id"] if "story_id" in columns else [])
    )
    where, params = where_clause(filters)
    chosen = f" WHERE story_id IN (SELECT f.story_id FROM events_flat f{where})" if where else ""
    total = con.execute(f"SELECT count(*) FROM stories{chosen}", params).fetchone()
    items = rows(
        con.execute(
            f"SELECT * FROM stories{chosen} ORDER BY {order or 1} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    )
    return {
        "items": items,
        "total": int(total[0]) if total else 0,
        "note": None,
        "filters": filters.as_query(),
    }


def get_story(con: duckdb.DuckDBPyConnection, story_id: str) -> Row:
    """One story: its summary row and its reports, one per article, each with the events
    of the story it tells, earliest report first."""
    if not has_table(con, "stories"):
        raise not_found("story", story_id)
    story = one(con.execute("SELECT * FROM stories WHERE story_id = ?", [story_id]))
    if story is None:
        raise not_found("story", story_id)
    events = rows(
        con.execute(
            f"SELECT {EVENT_COLUMNS} FROM events_flat WHERE story_id = ? "
            "ORDER BY published_date NULLS LAST, doc_id, evidence_start, event_id",
            [story_id],
        )
    )
    reports: dict[str, Row] = {}
    for event in map(event_item, events):
        report = reports.setdefault(
            event["doc_id"],
            {
                key: event[key]
                for key in ("doc_id", "title", "url", "publisher", "source", "published")
            }
            | {"events": []},
        )
        report["events"].append(event)
    return {**story, "reports": list(reports.values())}


def same_story(con: duckdb.DuckDBPyConnection, event: Row, limit: int = 20) -> Row:
    """The reports of the event's story in other articles (none until stories exist): the
    event's own article telling it twice is no second report."""
    if not has_table(con, "stories"):
        return {"items": [], "note": STORIES_NOTE}
    if not event.get("story_id"):
        return {"items": [], "note": NO_STORY_NOTE}
    found = rows(
        con.execute(
            f"SELECT {EVENT_COLUMNS} FROM events_flat WHERE story_id = ? AND doc_id <> ? "
            "ORDER BY event_date NULLS LAST, event_id LIMIT ?",
            [event["story_id"], event["doc_id"], limit],
        )
    )
    note = None if found else "no other article reports this story"
    return {"items": [event_item(row) for row in found], "note": note}
