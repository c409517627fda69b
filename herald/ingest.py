"""The one ingest path: read items -> run the pipeline -> store -> link stories.

``herald extract``, ``herald demo`` and ``POST /api/extract`` on a writable server all ingest
through ``ingest``, so a document stored by any of them has its events linked into stories
(docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from herald.link.stage import link_new
from herald.pipeline import run
from herald.records import RawDocument, Rejection, Result
from herald.settings import Options
from herald.store.database import Store


@dataclass(frozen=True, slots=True)
class Ingested:
    """One batch: its results in input order, and how many documents the store gained."""

    results: list[Result]
    added: int


def ingest(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    store: Store | None = None,
    processes: int | None = None,
) -> Iterator[Ingested]:
    """Results batch by batch; with a store, each batch is written as it comes back and the
    new events are linked once the last batch is in (``herald link`` redoes a run cut short).
    """
    for batch in run(items, options, processes):
        added = store.write(batch).documents_added if store is not None else 0
        yield Ingested(batch, added)
    if store is not None:
        link_new(store)
