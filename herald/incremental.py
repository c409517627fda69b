"""Incremental ingest: inputs whose document is already stored are skipped before cleaning.

A document's ``doc_id`` is a hash of its cleaned text, so it is known only after cleaning.
What is known before is the raw input: its fingerprint (a hash of what the cleaner reads:
content, kind, title and URL) fixes the cleaned text, hence the ``doc_id``. The store keeps
the fingerprint of every input whose document it holds (table ``inputs``), and a re-run over
a folder reads and hashes each file but cleans and parses none of those it has seen: measured
in README, "Scale". Inputs not seen before but whose document is stored (the same article in
another wrapper) are still cleaned and parsed, and then skipped by ``doc_id`` at the write.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Iterable, Iterator

from herald.records import Extraction, RawDocument, Rejection, Result
from herald.store.database import Store

# Inputs looked up in the store at a time: one query per this many.
LOOKUP_BATCH = 256


def fingerprint(raw: RawDocument) -> str:
    """A hash of everything the cleaner reads from ``raw``."""
    digest = hashlib.sha256()
    for part in (raw.kind, raw.url or "", raw.title or ""):
        digest.update(part.encode("utf-8") + b"\0")
    content = raw.content if isinstance(raw.content, bytes) else raw.content.encode("utf-8")
    digest.update(content)
    return digest.hexdigest()[:32]


class SeenInputs:
    """The filter of one ingest run: it drops the inputs the store has seen, and remembers
    the fingerprints of those it lets through once their results are stored.

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

    def take_skipped(self) -> int:
        """How many inputs were skipped since the last call."""
        total = self._skipped
        skipped, self._reported = total - self._reported, total
        return skipped

    def remember(self, results: list[Result]) -> int:
        """Record the fingerprints of a stored batch (the next results, in input order);
        return how many inputs were skipped since the last call."""
        pairs = []
        for result in results:
            print_ = self._pending.popleft()
            if print_ is not None and isinstance(result, Extraction):
                pairs.append((print_, result.doc.doc_id))
        self._store.remember_inputs(pairs)
        return self.take_skipped()
