"""The one ingest path: read items -> run the pipeline -> store -> link stories.

``herald extract``, ``herald demo`` and ``POST /api/extract`` on a writable server all ingest
through ``ingest``, so a document stored by any of them has its events linked into stories
(docs/architecture.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from herald.incremental import SeenInputs
from herald.link.stage import LinkError, link_new
from herald.pipeline import run
from herald.records import RawDocument, Rejection, Result
from herald.settings import Options
from herald.store.database import Store

log = logging.getLogger("herald.link")


@dataclass(frozen=True, slots=True)
class Ingested:
    """One batch: its results in input order, how many documents the store gained, and how
    many inputs were skipped (not parsed) as already stored since the previous batch."""

    results: list[Result]
    added: int
    skipped: int = 0


def ingest(
    items: Iterable[RawDocument | Rejection],
    options: Options,
    store: Store | None = None,
    processes: int | None = None,
    skip_seen: bool = True,
) -> Iterator[Ingested]:
    """Results batch by batch; with a store, each batch is written as it comes back and the
    new events are linked once the last batch is in (``herald link`` redoes a run cut short).
    With a store and ``skip_seen``, inputs whose document it holds are skipped before the
    parse, most before cleaning (``herald.incremental``), and yield no result; a last empty
    batch may carry their count. Without ``skip_seen`` every input has its result (for a
    caller that shows it).
    """
    batches = (
        SeenInputs(store).process(items, options, processes)
        if store is not None and skip_seen
        else ((batch, 0) for batch in run(items, options, processes))
    )
    for batch, skipped in batches:
        added = store.write(batch).documents_added if store is not None else 0
        yield Ingested(batch, added, skipped)
    if store is not None:
        try:
            link_new(store)
        except LinkError as error:
            # Linking never costs what is stored: the documents stay, their events pending,
            # and the next `herald link` (or ingest) links them.
            log.warning("herald: warning: %s", error)
