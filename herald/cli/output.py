"""How results are written for people and for other programs: JSON lines, CSV and tables."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from herald.display import plural
from herald.records import Document, Event, Extraction, Result

# One row per event, named as in the store's `events_flat` view, so that
# `herald extract --format csv` and `herald events --format csv` write the same columns.
EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "doc",
    "type",
    "mode",
    "actor_names",
    "actor_countries",
    "recipient_names",
    "recipient_countries",
    "when_text",
    "when_value",
    "when_precision",
    "when_anchor",
    "where_name",
    "where_country",
    "modality",
    "attribution_kind",
    "attribution_text",
    "confidence",
    "cameo",
    "trigger",
    "evidence",
    "title",
    "url",
)

# What the table shows (the full row is in JSON and CSV).
TABLE_COLUMNS = ("type", "actor", "recipient", "date", "place", "modality", "source", "evidence")


def event_row(event: Event, doc: Document) -> dict[str, Any]:
    """The flat row of one event (the columns of ``EVENT_COLUMNS``)."""
    from herald.store.rows import event_row as stored_row

    row = stored_row(event) | {
        "doc": doc.id,
        "evidence": event.evidence.sentence,
        "title": doc.title,
        "url": doc.url,
    }
    return {column: row.get(column) for column in EVENT_COLUMNS}


def event_rows(results: Iterable[Result]) -> list[dict[str, Any]]:
    """The flat rows of every event in ``results`` (rejected documents have none)."""
    return [
        event_row(event, result.doc)
        for result in results
        if isinstance(result, Extraction)
        for event in result.events
    ]


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """The file ``-o`` names, or standard output for none or ``-``."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def write_json_lines(results: Iterable[Result], stream: TextIO) -> None:
    """One JSON object per document, one per line (the stable --format json contract)."""
    for result in results:
        stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def _cell(value: Any) -> Any:
    """A CSV cell on one line: lists joined with ';', dates as ISO text, every run of white
    space in a text (the line breaks a sentence may keep) as one space."""
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def write_csv(rows: Sequence[dict[str, Any]], stream: TextIO, header: bool = True) -> None:
    columns = list(rows[0]) if rows else list(EVENT_COLUMNS)
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)


def write_json_rows(rows: Iterable[dict[str, Any]], stream: TextIO) -> None:
    """Rows as JSON lines; dates as ISO text."""
    for row in rows:
        stream.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")


def write_rows(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    stream: TextIO,
    table: Callable[[Sequence[dict[str, Any]], TextIO], None],
) -> None:
    """Rows from the database as JSON lines, CSV, or the human ``table`` given."""
    if fmt == "json":
        write_json_rows(rows, stream)
    elif fmt == "csv":
        write_csv(rows, stream)
    else:
        table(rows, stream)


def print_table(
    stream: TextIO,
    columns: Sequence[str],
    cells: Iterable[tuple[str, ...]],
    title: str | None = None,
    wide: str | None = None,
) -> None:
    """A rich table wrapped to the terminal (at least 160 columns); ``wide`` gets more room."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold", expand=True)
    for column in columns:
        table.add_column(column, overflow="fold", ratio=3 if column == wide else 1)
    for row in cells:
        table.add_row(*row)
    Console(file=stream, width=max(160, Console().width)).print(table)


def shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table_cells(row: dict[str, Any]) -> tuple[str, ...]:
    """The cells of the human table for one flat event row."""
    kind = row["type"] + (f"/{row['mode']}" if row.get("mode") else "")
    date = row.get("when_value") or (f"? {row['when_text']}" if row.get("when_text") else "")
    if row.get("when_anchor") == "publication":
        date += " (pub.)"
    elif row.get("when_precision") and row["when_precision"] != "day":
        date += f" ({row['when_precision']})"
    place = row.get("where_name") or ""
    if row.get("where_country"):
        place += f" [{row['where_country']}]"
    source = row.get("attribution_kind") or ""
    if row.get("attribution_text"):
        source += f": {row['attribution_text']}"
    return (
        kind,
        shorten(row.get("actor_names"), 40),
        shorten(row.get("recipient_names"), 40),
        date,
        place,
        row.get("modality") or "",
        shorten(source, 40),
        shorten(row.get("evidence"), 110),
    )


def document_label(row: dict[str, Any]) -> str:
    """What names a document for people: its title, else its URL, else its file or input id."""
    for key in ("title", "url", "doc", "doc_source"):
        if row.get(key):
            return str(row[key])
    return str(row.get("doc_id"))


def write_table(rows: Sequence[dict[str, Any]], stream: TextIO, total: int | None = None) -> None:
    """Readable tables of events, one per document, titled by the document's title or URL.
    ``total``: how many events passed the filters when ``rows`` is cut by a limit."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(str(row.get("doc_id") or row.get("doc")), []).append(row)
    for doc_rows in by_doc.values():
        cells = (table_cells(row) for row in doc_rows)
        print_table(
            stream, TABLE_COLUMNS, cells, title=document_label(doc_rows[0]), wide="evidence"
        )
    stream.write(f"{plural(len(rows), 'event')} in {plural(len(by_doc), 'document')}\n")
    if total is not None and total > len(rows):
        stream.write(f"{len(rows)} of {total} events shown: --limit N or --all for more\n")
