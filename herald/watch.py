"""Watch a folder: ingest what it holds, then every readable file that arrives or changes.

The folder is watched (watchfiles: the system's file notifications) from before the first
pass over what it already holds, so a file that lands during that pass is not missed; the
first pass costs little on a folder ingested before, as inputs already stored are skipped
unread (``herald.incremental``). Each round of changes goes through ``herald.ingest.ingest``,
so its documents are stored and their events linked before the next round.

A file is read once the folder has been quiet for a moment (``QUIET_MS``); a producer that
writes big files should write them under another name (``x.html.part``, ``.x.html``) and
rename them when whole, since a file read half-written is stored as it was read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from herald.ingest import ingest
from herald.read.inputs import format_from_suffix, read_inputs
from herald.settings import Options
from herald.store.database import Store
from herald.tally import Tally

# Milliseconds without a change before a round's files are read, and the longest a round
# may gather changes for.
QUIET_MS = 400
LONGEST_ROUND_MS = 3000
# How often the watcher wakes without changes, to see whether it was told to stop.
WAKE_MS = 500


@dataclass(frozen=True, slots=True)
class Round:
    """One pass: the files read, and what became of them."""

    paths: tuple[str, ...]
    documents: int
    added: int
    skipped: int  # inputs already stored, not read again
    rejected: int
    events: int


def watch_folder(
    folder: Path,
    store: Store,
    options: Options,
    stop: threading.Event | None = None,
    processes: int | None = None,
) -> Iterator[Round]:
    """Ingest the folder, then each round of new or changed files, until ``stop`` is set
    (or Ctrl-C, which raises KeyboardInterrupt between rounds or in one)."""
    import watchfiles

    first = True
    for changes in watchfiles.watch(
        folder,
        watch_filter=_readable,
        debounce=LONGEST_ROUND_MS,
        step=QUIET_MS,
        stop_event=stop,
        rust_timeout=WAKE_MS,
        yield_on_timeout=True,
    ):
        paths = [str(folder)] if first else sorted({path for _, path in changes})
        if first or paths:
            yield _ingest_round(paths, store, options, processes)
        first = False


def _readable(change: object, path: str) -> bool:
    """A file that has not gone and has a name we read (not a hidden or partial one)."""
    import watchfiles

    name = Path(path)
    if change == watchfiles.Change.deleted or name.name.startswith("."):
        return False
    return format_from_suffix(name) != "auto"


def _ingest_round(paths: list[str], store: Store, options: Options, processes: int | None) -> Round:
    present = [path for path in paths if Path(path).exists()]
    items = read_inputs(present, max_bytes=options.max_bytes)
    tally = Tally()
    for ingested in ingest(items, options, store, processes):
        tally.add(ingested)
    return Round(
        tuple(present), tally.documents, tally.added, tally.skipped, tally.rejected, tally.events
    )
