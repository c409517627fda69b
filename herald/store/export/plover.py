"""The ``plover`` and ``cameo`` exports.

``plover``: JSON lines, one PLOVER event record per line, with the field names of the
PLOVER manual's "Data Fields" chapter: ``id``, ``date``, ``actor`` and ``recipient`` (lists
of entity objects: ``code``, ``sector``, ``entity_text``, ``identifier_text``), ``event``,
``mode`` and ``context`` (lists), ``event_loc`` (location object), ``event_text``,
``quad_code``, ``event_scale``, ``link`` (herald's story id), ``text``, ``text_info``
(``start``/``end``), ``cite_info`` (``url``, ``title``, ``language``, ``publication``),
``coder``, ``coded_date``; and herald's own fields ``modality``, ``confidence``, ``cameo``,
``doc_id`` (the manual invites providers to add named fields).

``cameo``: dyadic rows for PETRARCH-era tools, one per (actor, recipient) pair of an event
(an event without recipient gives one row per actor with an empty target). CSV, header.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from herald.events.plover import plover_types
from herald.store.export.codes import CODES_VIEW, QUAD_CODES, events_passing, goldstein

_EVENTS_SQL = """
    SELECT e.event_id, e.doc_id, coalesce(e.event_date, d.published_date) AS day, e.type,
        e.mode, e.contexts, e.where_text, e.where_name, e.where_country, e.where_lat,
        e.where_lon, e.where_geonameid, e.trigger, e.sentence, e."start", e."end",
        e.modality, e.confidence, e.cameo, e.story_id, d.url, d.title, d.language,
        d.publisher, d.ingested_at
    FROM events e LEFT JOIN documents d USING (doc_id)
    {where}
    ORDER BY day NULLS LAST, e.doc_id, e."start", e.event_id
"""

_PARTICIPANTS_SQL = """
    SELECT event_id, role, name, text, country, sector FROM event_actors
    ORDER BY event_id, role, position
"""


def _entities(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    sides: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for event_id, role, name, text, country, sector in con.execute(_PARTICIPANTS_SQL).fetchall():
        sides[(event_id, role)].append(
            {
                "code": country,
                "sector": sector,
                "entity_text": text or name,
                "identifier_text": name,
            }
        )
    return sides


def plover_record(
    row: dict[str, Any], sides: dict[tuple[str, str], list[dict[str, Any]]]
) -> dict[str, Any]:
    """One PLOVER record from an events row (with its document) and its participants."""
    info = plover_types().get(row["type"])
    location = None
    if row["where_name"] or row["where_text"]:
        location = {
            "extracted_place": row["where_text"],
            "resolved_place": row["where_name"],
            "geonameid": row["where_geonameid"],
            "lat": row["where_lat"],
            "lon": row["where_lon"],
            "country_code": row["where_country"],
        }
    return {
        "id": row["event_id"],
        "date": row["day"].isoformat() if row["day"] else None,
        "actor": sides.get((row["event_id"], "actor"), []),
        "recipient": sides.get((row["event_id"], "recipient"), []),
        "event": [row["type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": list(row["contexts"] or []),
        "event_loc": location,
        "event_text": [row["trigger"]],
        "quad_code": QUAD_CODES.get(info.quad) if info else None,
        "event_scale": goldstein(row["type"], row["mode"]),
        "link": row["story_id"],
        "text": row["sentence"],
        "text_info": {"start": row["start"], "end": row["end"]},
        "cite_info": {
            "url": row["url"],
            "title": row["title"],
            "language": row["language"],
            "publication": row["publisher"],
        },
        "coder": "herald",
        "coded_date": row["ingested_at"].date().isoformat() if row["ingested_at"] else None,
        "modality": row["modality"],
        "confidence": row["confidence"],
        "cameo": row["cameo"],
        "doc_id": row["doc_id"],
    }


def write_plover(
    con: duckdb.DuckDBPyConnection, path: Path, where: str = "", params: list[Any] | None = None
) -> int:
    """Write the events under ``where`` (from ``filters.where_clause``, with its ``params``)
    as one PLOVER JSON record per line; return the count."""
    sides = _entities(con)
    cursor = con.execute(_EVENTS_SQL.format(where=events_passing(where)), params or [])
    names = [column[0] for column in cursor.description]
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while batch := cursor.fetchmany(10_000):
            for values in batch:
                record = plover_record(dict(zip(names, values, strict=True)), sides)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


# Every column of the cameo export: its DuckDB type (``duckdb.read_csv(columns=...)``); what
# each holds: docs/exports.md.
CAMEO_COLUMNS: dict[str, str] = {
    "event_id": "VARCHAR",
    "story_id": "VARCHAR",
    "date": "DATE",
    "source_code": "VARCHAR",
    "source_name": "VARCHAR",
    "source_country": "VARCHAR",
    "source_sector": "VARCHAR",
    "target_code": "VARCHAR",
    "target_name": "VARCHAR",
    "target_country": "VARCHAR",
    "target_sector": "VARCHAR",
    "cameo": "VARCHAR",
    "root_code": "VARCHAR",
    "quad_class": "INTEGER",
    "goldstein": "DOUBLE",
    "plover_type": "VARCHAR",
    "plover_mode": "VARCHAR",
    "url": "VARCHAR",
    "where_name": "VARCHAR",
    "where_country": "VARCHAR",
    "where_admin1": "VARCHAR",
    "where_lat": "DOUBLE",
    "where_lon": "DOUBLE",
}


def cameo_select(where: str = "") -> str:
    """The SELECT of the dyadic table of the events under ``where`` (from
    ``filters.where_clause``; needs ``codes.CODES_VIEW`` registered)."""
    return f"""
    SELECT e.event_id, e.story_id, CAST(coalesce(e.event_date, d.published_date) AS DATE) AS date,
        nullif(concat(a.country, a.sector), '') AS source_code, a.name AS source_name,
        a.country AS source_country, a.sector AS source_sector,
        nullif(concat(r.country, r.sector), '') AS target_code, r.name AS target_name,
        r.country AS target_country, r.sector AS target_sector,
        e.cameo, left(e.cameo, 2) AS root_code, CAST(ct.quad_class AS INTEGER) AS quad_class,
        CAST(coalesce(c.goldstein, ct.goldstein) AS DOUBLE) AS goldstein,
        e.type AS plover_type, e.mode AS plover_mode, d.url,
        e.where_name, e.where_country, e.where_admin1, e.where_lat, e.where_lon
    FROM events e
    JOIN event_actors a ON a.event_id = e.event_id AND a.role = 'actor'
    LEFT JOIN event_actors r ON r.event_id = e.event_id AND r.role = 'recipient'
    LEFT JOIN documents d ON d.doc_id = e.doc_id
    LEFT JOIN {CODES_VIEW} c ON c.type = e.type AND c.mode = coalesce(e.mode, '')
    LEFT JOIN {CODES_VIEW} ct ON ct.type = e.type AND ct.mode = ''
    {events_passing(where)}
    ORDER BY date NULLS LAST, e.doc_id, e."start", e.event_id, a.position, r.position
    """
