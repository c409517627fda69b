"""How results are written for people and for other programs: JSON lines, CSV and tables."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TextIO

from herald.records import ActorRef, Event, Extraction, Result

OutputFormat = Literal["json", "csv", "table"]

# One row per event: the flat view shared by `extract --format csv|table` and `herald events`.
EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "doc",
    "type",
    "mode",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "when_text",
    "when_value",
    "when_precision",
    "where_name",
    "where_country",
    "modality",
    "attribution",
    "confidence",
    "cameo",
    "trigger",
    "evidence",
)

# What the table shows (the full row is in JSON and CSV).
TABLE_COLUMNS = ("type", "actor", "recipient", "date", "place", "modality", "source", "evidence")


def _names(refs: Sequence[ActorRef]) -> str:
    return "; ".join(ref.name for ref in refs)


def _countries(refs: Sequence[ActorRef]) -> str:
    return "; ".join(ref.country or "" for ref in refs)


def event_row(event: Event, doc_label: str) -> dict[str, Any]:
    """The flat row of one event."""
    when, where, attribution = event.when, event.where, event.attribution
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "doc": doc_label,
        "type": event.type,
        "mode": event.mode,
        "actor": _names(event.actor),
        "actor_country": _countries(event.actor),
        "recipient": _names(event.recipient),
        "recipient_country": _countries(event.recipient),
        "when_text": when.text if when else None,
        "when_value": when.value if when else None,
        "when_precision": when.precision if when else None,
        "where_name": (where.name or where.text) if where else None,
        "where_country": where.country if where else None,
        "modality": event.modality,
        "attribution": attribution.kind + (f": {attribution.text}" if attribution.text else ""),
        "confidence": round(event.confidence, 3),
        "cameo": event.cameo,
        "trigger": event.trigger.text,
        "evidence": event.evidence.sentence,
    }


def event_rows(results: Iterable[Result]) -> list[dict[str, Any]]:
    """The flat rows of every event in ``results`` (rejected documents have none)."""
    return [
        event_row(event, result.doc.id)
        for result in results
        if isinstance(result, Extraction)
        for event in result.events
    ]


def write_json_lines(results: Iterable[Result], stream: TextIO) -> None:
    """One JSON object per document, one per line (the stable --format json contract)."""
    for result in results:
        stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def write_csv(rows: Sequence[dict[str, Any]], stream: TextIO, header: bool = True) -> None:
    columns = list(rows[0]) if rows else list(EVENT_COLUMNS)
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows(rows)


def _shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table_cells(row: dict[str, Any]) -> tuple[str, ...]:
    """The cells of the human table for one flat event row."""
    kind = row["type"] + (f"/{row['mode']}" if row.get("mode") else "")
    date = row.get("when_value") or "?"
    if row.get("when_precision"):
        date += f" ({row['when_precision']})"
    place = row.get("where_name") or ""
    if row.get("where_country"):
        place += f" [{row['where_country']}]"
    return (
        kind,
        _shorten(row.get("actor"), 30),
        _shorten(row.get("recipient"), 30),
        date,
        place,
        row["modality"],
        _shorten(row.get("attribution"), 30),
        _shorten(row.get("evidence"), 90),
    )


def write_table(rows: Sequence[dict[str, Any]], stream: TextIO) -> None:
    """Readable tables of events, one per document (rich, wrapped to the terminal)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=max(160, Console().width))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(str(row.get("doc") or row.get("doc_id")), []).append(row)
    for doc, doc_rows in by_doc.items():
        table = Table(title=doc, title_justify="left", header_style="bold")
        for column in TABLE_COLUMNS:
            table.add_column(column, overflow="fold")
        for row in doc_rows:
            table.add_row(*table_cells(row))
        console.print(table)
    console.print(f"{len(rows)} events in {len(by_doc)} documents")
