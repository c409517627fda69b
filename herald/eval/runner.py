"""Running herald's stages over a gold set: in batches, with a progress bar on stderr.

Scorers that compare character offsets build the ``Document`` themselves (the gold text,
unchanged) and call parse + the analysis stages, because the cleaner may drop or rewrite
lines and the gold offsets would no longer fit. A stage that fails on one record is
counted, not raised: one bug must not hide every other number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from tqdm import tqdm

from herald.clean.document import make_doc_id
from herald.parse.model import parse_many
from herald.pipeline import analyse
from herald.records import Document, Event, Extraction, ParsedText, TimeValue

BATCH_SIZE = 32
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text to analyse: its record id, the text, and its publication day if known."""

    id: str
    text: str
    published: dt.date | None = None


def make_document(item: TextItem) -> Document:
    """A Document over the gold text as is, so that gold offsets stay valid."""
    published = None
    if item.published is not None:
        day = item.published.isoformat()
        published = TimeValue(text=day, value=day, precision="day", anchor="absolute")
    return Document(
        doc_id=make_doc_id(item.text),
        id=item.id,
        source=item.id,
        text=item.text,
        published=published,
        published_how="given" if published is not None else "unknown",
    )


def progress(total: int, name: str, enabled: bool = True) -> tqdm:
    return tqdm(total=total, desc=f"herald eval {name}", unit="rec", disable=not enabled)


def parse_items(
    items: Sequence[TextItem], name: str, show_progress: bool = True
) -> Iterator[tuple[TextItem, ParsedText]]:
    """Each item with its parse, parsed in batches with ``nlp.pipe``."""
    with progress(len(items), name, show_progress) as bar:
        for start in range(0, len(items), BATCH_SIZE):
            batch = items[start : start + BATCH_SIZE]
            for item, parsed in zip(batch, parse_many([i.text for i in batch]), strict=True):
                yield item, parsed
                bar.update(1)


def guarded(work: Callable[[], T]) -> T | None:
    """The result of ``work``, or None when a stage raised on this record."""
    try:
        return work()
    except Exception:  # a stage's bug on one record: counted by the caller as "failed"
        return None


def analyse_items(
    items: Sequence[TextItem], name: str, show_progress: bool = True, all_events: bool = False
) -> Iterator[tuple[TextItem, Extraction | None]]:
    """Each item with everything herald finds in it (None when a stage failed); with
    ``all_events``, non-political events too (scorers of a stage that is not about
    relevance: dates, modality)."""
    for item, _, extraction in analyse_parsed_items(items, name, show_progress, all_events):
        yield item, extraction


def analyse_parsed_items(
    items: Sequence[TextItem], name: str, show_progress: bool = True, all_events: bool = False
) -> Iterator[tuple[TextItem, ParsedText, Extraction | None]]:
    """``analyse_items`` with each item's parse too, for scorers that read its tokens."""
    for item, parsed in parse_items(items, name, show_progress):
        doc = make_document(item)
        yield (
            item,
            parsed,
            guarded(lambda doc=doc, parsed=parsed: analyse(doc, parsed, None, all_events)),
        )


def top_event(events: Sequence[Event]) -> Event | None:
    """The event herald is surest of (the first one on ties), None when there is none."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best
