"""Export herald's events for other tools: ``herald export --to FILE --as FORMAT``.

``EXPORT_FORMATS``: ``parquet``, ``csv``, ``jsonl`` (the flat events table below),
``plover`` (PLOVER JSON records, ``herald.store.export.plover``), ``gdelt`` (a GDELT 2.0 event
table, ``herald.store.export.gdelt``) and ``cameo`` (dyadic rows, ``herald.store.export.plover``).
docs/exports.md documents every column and its type.

The flat formats: one row per event, columns in the order of ``EVENT_COLUMNS``, rows
ordered by event date (undated events last), then document and position in the text.
Parquet keeps the types below; CSV writes a header, dates as ``YYYY-MM-DD``, empty fields
for nulls and the ``contexts`` list joined with ``;``; JSON lines write one object per line
with dates as ``"YYYY-MM-DD"`` strings, lists as arrays and nulls as ``null``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pyarrow as pa

from herald.errors import UsageError
from herald.store.database import Store
from herald.store.export.gdelt import gdelt_select
from herald.store.export.plover import cameo_select, plover_type_rows, write_plover

ExportFormat = Literal["parquet", "csv", "jsonl", "plover", "gdelt", "cameo"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "jsonl", "plover", "gdelt", "cameo")

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
    # GDELT's own files: tab-separated, no header line, columns in GDELT's order.
    "gdelt": "FORMAT csv, HEADER false, DELIMITER '\t'",
    "cameo": "FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d'",
}


def format_of(path: Path) -> ExportFormat:
    """The export format a file name asks for, from its extension."""
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_EXTENSIONS))
        raise UsageError(f"cannot tell the format of {path.name!r}: use one of {known}") from None


def export_events(store: Store, path: Path, fmt: ExportFormat | str | None = None) -> int:
    """Write every event of ``store`` to ``path`` in ``fmt`` (default: from the extension).

    Returns the number of rows (records) written: events, or actor-recipient pairs for
    ``cameo``.
    """
    fmt = fmt or format_of(path)
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "plover":
        return write_plover(store.con, path)
    select = {"gdelt": gdelt_select, "cameo": cameo_select}.get(fmt)
    sql = f"COPY ({select() if select else _select(fmt)}) TO ? ({_COPY_OPTIONS[fmt]})"
    store.con.register("_herald_plover_types", pa.Table.from_pylist(plover_type_rows()))
    try:
        row = store.con.execute(sql, [str(path)]).fetchone()
    finally:
        store.con.unregister("_herald_plover_types")
    return int(row[0]) if row else 0


def _select(fmt: str) -> str:
    # CSV has no lists: join them so that each field stays one plain value.
    columns = [
        f"array_to_string({name}, ';') AS {name}" if fmt == "csv" and kind.endswith("[]") else name
        for name, (kind, _) in EVENT_COLUMNS.items()
    ]
    return (
        f"SELECT {', '.join(columns)} FROM events_flat "
        "ORDER BY event_date NULLS LAST, doc_id, evidence_start, event_id"
    )
