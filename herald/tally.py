"""What a run of the pipeline did, counted batch by batch: for ``herald extract``'s bar and
summary line, a round of ``herald watch`` and a partition of a Dask run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from herald.records import Extraction, Result

if TYPE_CHECKING:  # the ingest path loads the pipeline; counting needs none of it
    from herald.ingest import Ingested


@dataclass
class Tally:
    """Documents analysed, rejections (and those of them that failed to read), events, and,
    with a store, documents added and inputs skipped as already stored."""

    documents: int = 0
    rejected: int = 0
    read_failures: int = 0
    events: int = 0
    added: int = 0
    skipped: int = 0  # inputs already stored, not read again

    def count(self, batch: list[Result]) -> None:
        for result in batch:
            if isinstance(result, Extraction):
                self.documents += 1
                self.events += len(result.events)
            else:
                self.rejected += 1
                self.read_failures += result.rejection.stage == "read"

    def add(self, ingested: Ingested) -> None:
        """One batch of ``herald.ingest.ingest``: its results and what the store did."""
        self.count(ingested.results)
        self.added += ingested.added
        self.skipped += ingested.skipped
