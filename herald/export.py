"""Export the flat events table (``events_flat``) to Parquet, CSV or JSON lines.

One row per event, columns in the order of ``EVENT_COLUMNS``, rows ordered by event date
(undated events last), then document and position in the text. Parquet keeps the types
below; CSV writes a header, dates as ``YYYY-MM-DD``, empty fields for nulls and the
``contexts`` list joined with ``;``; JSON lines write one object per line with dates as
``"YYYY-MM-DD"`` strings, lists as arrays and nulls as ``null``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from herald.errors import UsageError
from herald.store import Store

ExportFormat = Literal["parquet", "csv", "jsonl"]

# Every exported column, its DuckDB (and Parquet) type, and what it holds.
EVENT_COLUMNS: dict[str, tuple[str, str]] = {
    "event_id": ("VARCHAR", "'{doc_id}:e{n}', unique"),
    "doc_id": ("VARCHAR", "the document's stable hash"),
    "type": ("VARCHAR", "PLOVER event type (AGREE, CONSULT, ...)"),
    "mode": ("VARCHAR", "PLOVER mode within the type, or null"),
    "contexts": ("VARCHAR[]", "PLOVER contexts (CSV: joined with ';')"),
    "actor_names": ("VARCHAR", "actors in text order, joined with '; '"),
    "actor_countries": ("VARCHAR", "distinct ISO3 codes of the actors, sorted, '; '"),
    "recipient_names": ("VARCHAR", "recipients in text order, joined with '; '"),
    "recipient_countries": ("VARCHAR", "distinct ISO3 codes of the recipients, sorted"),
    "event_date": ("DATE", "first day of when_value, null when unresolved"),
    "when_text": ("VARCHAR", "the time expression as written"),
    "when_value": ("VARCHAR", "partial ISO 8601 value (2018-01, 2017-W51, ...)"),
    "when_precision": ("VARCHAR", "day, week, month, quarter, season, year, ..."),
    "when_anchor": ("VARCHAR", "absolute, relative, publication or unresolved"),
    "when_modifier": ("VARCHAR", "early, mid, late, approx, or null"),
    "where_name": ("VARCHAR", "gazetteer name of the place"),
    "where_country": ("VARCHAR", "ISO3 code of the place"),
    "where_lat": ("DOUBLE", "latitude"),
    "where_lon": ("DOUBLE", "longitude"),
    "where_geonameid": ("BIGINT", "GeoNames id"),
    "modality": ("VARCHAR", "asserted, planned, reported, negated, hypothetical, historical"),
    "attribution_kind": ("VARCHAR", "publisher, named_source, anonymous_source, outlet"),
    "attribution_text": ("VARCHAR", "who asserts it, as written"),
    "trigger": ("VARCHAR", "the word or phrase that signals the event"),
    "evidence": ("VARCHAR", "the sentence that carries the event"),
    "evidence_start": ("INTEGER", "character offset of the sentence in the document text"),
    "evidence_end": ("INTEGER", "end offset (exclusive)"),
    "confidence": ("DOUBLE", "0..1"),
    "cameo": ("VARCHAR", "CAMEO code for older tools, or null"),
    "story_id": ("VARCHAR", "the cross-article story (after link), or null"),
    "url": ("VARCHAR", "the document's URL"),
    "title": ("VARCHAR", "the document's title"),
    "publisher": ("VARCHAR", "the document's publisher"),
    "published": ("VARCHAR", "publication date, partial ISO 8601"),
}

_EXTENSIONS: dict[str, ExportFormat] = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}

# The COPY options of each format: constants of ours, never user input.
_COPY_OPTIONS: dict[ExportFormat, str] = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d'",
    "jsonl": "FORMAT json",  # newline-delimited: one object per line
}


def format_of(path: Path) -> ExportFormat:
    """The export format a file name asks for, from its extension."""
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_EXTENSIONS))
        raise UsageError(f"cannot tell the format of {path.name!r}: use one of {known}") from None


def export_events(store: Store, path: Path, fmt: ExportFormat | None = None) -> int:
    """Write every event of ``store`` to ``path``; return the number of rows written."""
    fmt = fmt or format_of(path)
    if fmt not in _COPY_OPTIONS:
        raise UsageError(f"unknown export format {fmt!r}: use parquet, csv or jsonl")
    sql = f"COPY ({_select(fmt)}) TO ? ({_COPY_OPTIONS[fmt]})"
    row = store.con.execute(sql, [str(path)]).fetchone()
    return int(row[0]) if row else 0


def _select(fmt: ExportFormat) -> str:
    # CSV has no lists: join them so that each field stays one plain value.
    columns = [
        f"array_to_string({name}, ';') AS {name}" if fmt == "csv" and kind.endswith("[]") else name
        for name, (kind, _) in EVENT_COLUMNS.items()
    ]
    return (
        f"SELECT {', '.join(columns)} FROM events_flat "
        "ORDER BY event_date NULLS LAST, doc_id, evidence_start, event_id"
    )
