"""How records show in Jupyter: an extraction as a heading and a table of its events, an event
as one row of that table, with the trigger in bold in its sentence. Every value is escaped:
the text comes from the pages read."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.records import Event, Extraction

EVENT_HEADINGS = ("type", "actor", "recipient", "when", "where", "modality", "source", "evidence")


def plural(count: int, noun: str) -> str:
    """``1 document``, ``2 documents``, ``1 story``, ``3 stories``."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def event_cells(event: Event) -> tuple[str, ...]:
    """The HTML cells of one event, in the order of ``EVENT_HEADINGS``."""
    when = event.when.value or event.when.text if event.when else ""
    where = event.where.name or event.where.text if event.where else ""
    if event.where and event.where.country:
        where = f"{where} [{event.where.country}]"
    source = event.attribution.kind + (
        f": {event.attribution.text}" if event.attribution.text else ""
    )
    return (
        escape(event.type + (f"/{event.mode}" if event.mode else "")),
        escape("; ".join(ref.name for ref in event.actor)),
        escape("; ".join(ref.name for ref in event.recipient)),
        escape(when or ""),
        escape(where or ""),
        escape(event.modality),
        escape(source),
        _evidence(event),
    )


def _evidence(event: Event) -> str:
    """The sentence with its trigger in bold (offsets are into the document's text)."""
    sentence, start = event.evidence.sentence, event.evidence.start
    begin, end = event.trigger.start - start, event.trigger.end - start
    if not 0 <= begin <= end <= len(sentence):
        return escape(sentence.strip())
    return (
        escape(sentence[:begin].lstrip())
        + f"<b>{escape(sentence[begin:end])}</b>"
        + escape(sentence[end:].rstrip())
    )


def events_table(events: tuple[Event, ...]) -> str:
    head = "".join(f"<th>{name}</th>" for name in EVENT_HEADINGS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in event_cells(event)) + "</tr>"
        for event in events
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def event_html(event: Event) -> str:
    return events_table((event,))


def extraction_html(result: Extraction) -> str:
    """A heading (title, publisher, publication date, counts) and the table of events."""
    doc = result.doc
    about = [doc.publisher or "", doc.published.value if doc.published else ""]
    details = " · ".join(escape(part) for part in about if part)
    counts = ", ".join(
        plural(len(records), noun)
        for records, noun in (
            (result.events, "event"),
            (result.actors, "actor"),
            (result.quotes, "quote"),
            (result.places, "place"),
        )
    )
    heading = f"<b>{escape(doc.title or doc.url or doc.id)}</b>"
    summary = f"<p>{heading}<br>{details + ' · ' if details else ''}{counts}</p>"
    return summary + (events_table(result.events) if result.events else "")
