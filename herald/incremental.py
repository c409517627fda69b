"""Incremental ingest: documents already stored are neither parsed nor cleaned again.

A document's ``doc_id`` is a hash of its cleaned text, so it is known only after cleaning.
Two checks use the store, cheapest first:

- before cleaning, the raw input's fingerprint (a hash of what the cleaner reads: content,
  kind, title and URL, which fix the cleaned text, hence the ``doc_id``). The store keeps the
  fingerprint of every input whose document it holds (table ``inputs``), so a re-run over a
  folder reads and hashes each file and cleans none it has seen (README, "Scale");
- after cleaning, before the parse, the ``doc_id`` itself, against the doc_ids stored when
  the run began (``KnownDocuments``): the same article in another wrapper (a re-crawl with
  other page furniture, a file stored before the ``inputs`` table) is cleaned but not parsed.

Both kinds of skipped input give no result; ``Ingested.skipped`` counts them.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Iterable, Iterator

import numpy as np

from herald.pipeline import Stored, run
from herald.records import Extraction, RawDocument, Rejection, Result
from herald.settings import Options
from herald.store.database import Store

# Inputs looked up in the store at a time: one query per this many.
LOOKUP_BATCH = 256
DOC_ID_DIGITS = 16  # herald.clean.document.make_doc_id: 64 bits


def fingerprint(raw: RawDocument) -> str:
    """A hash of everything the cleaner reads from ``raw``."""
    digest = hashlib.sha256()
    for part in (raw.kind, raw.url or "", raw.title or ""):
        digest.update(part.encode("utf-8") + b"\0")
    content = raw.content if isinstance(raw.content, bytes) else raw.content.encode("utf-8")
    digest.update(content)
    return digest.hexdigest()[:32]


class KnownDocuments:
    """The doc_ids of a store as one sorted array of 64-bit numbers: 8 bytes a document, and
    one object, so forked workers share its pages untouched."""

    def __init__(self, store: Store) -> None:
        self._numbers = store.con.execute(
            "SELECT ('0x' || doc_id)::UBIGINT AS n FROM documents "
            "WHERE regexp_full_match(doc_id, '[0-9a-f]{16}') ORDER BY n"
        ).fetchnumpy()["n"]

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str) or len(doc_id) != DOC_ID_DIGITS:
            return False
        try:
            number = np.uint64(int(doc_id, 16))
        except ValueError:
            return False
        at = int(np.searchsorted(self._numbers, number))
        return at < len(self._numbers) and self._numbers[at] == number


class SeenInputs:
    """One ingest run's view of the store: it drops the inputs the store has seen, and
    remembers the fingerprints of the others once their results are stored.

    The pipeline may pull items from ``unseen`` in another thread (a process pool's feeder)
    while the caller writes: lookups go through a second handle on the database, made here
    in the caller's thread, so the two never share one connection.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._reader = store.reader()
        # One entry per item let through, in order: its fingerprint, None for a rejection.
        self._pending: deque[str | None] = deque()
        # Counted by the thread that reads, reported by the one that writes: one writer each.
        self._skipped = 0
        self._reported = 0

    def process(
        self, items: Iterable[RawDocument | Rejection], options: Options, processes: int | None
    ) -> Iterator[tuple[list[Result], int]]:
        """The results of the inputs not stored yet, batch by batch, each with how many
        inputs were skipped since the previous batch; a last empty batch may carry those
        skipped after the last results. A batch's fingerprints are recorded when the caller
        asks for the next batch, so once the caller has stored it."""
        unseen = self.unseen(items)
        first = next(unseen, None)
        # The stored doc_ids are read only when there is something to clean.
        if first is not None:
            known = KnownDocuments(self._store)
            for batch in run(itertools.chain([first], unseen), options, processes, known=known):
                results = [result for result in batch if not isinstance(result, Stored)]
                yield results, len(batch) - len(results) + self._take_skipped()
                self._remember(batch)
        if skipped := self._take_skipped():
            yield [], skipped

    def unseen(self, items: Iterable[RawDocument | Rejection]) -> Iterator[RawDocument | Rejection]:
        """``items`` without the documents whose input the store has seen."""
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, LOOKUP_BATCH)):
            prints = [
                fingerprint(item) if isinstance(item, RawDocument) else None for item in chunk
            ]
            known = self._reader.known_inputs([p for p in prints if p is not None])
            for item, print_ in zip(chunk, prints, strict=True):
                if print_ is not None and print_ in known:
                    self._skipped += 1
                    continue
                self._pending.append(print_)
                yield item

    def _take_skipped(self) -> int:
        """How many inputs ``unseen`` skipped since the last call."""
        total = self._skipped
        skipped, self._reported = total - self._reported, total
        return skipped

    def _remember(self, batch: list[Result | Stored]) -> None:
        """Record the fingerprints of a stored batch (the next results, in input order)."""
        pairs = []
        for result in batch:
            print_ = self._pending.popleft()
            if print_ is None:
                continue
            if isinstance(result, Extraction):
                pairs.append((print_, result.doc.doc_id))
            elif isinstance(result, Stored):
                pairs.append((print_, result.doc_id))
        self._store.remember_inputs(pairs)
