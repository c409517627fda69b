"""The server's one handle on the DuckDB file, and the extraction it may store.

DuckDB lets one process write a file, and one connection must not serve two threads at
once. The server therefore opens the file once (read-only unless started with
``--writable``), hands each request its own cursor (``reader``), and serialises the
writes of ``POST /api/extract`` behind a lock: the server process is the one writer.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import duckdb

from herald.records import RawDocument, Result
from herald.settings import Options
from herald.store.database import Store


class Database:
    """One DuckDB file opened for the server's lifetime."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        if not writable:
            # A file from an older herald gets its schema steps first (one short write).
            Store.open_reader(path).close()
        self.store = Store.open(path, read_only=not writable)
        self._ingest_lock = threading.Lock()

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: its own connection to the same database, for one request."""
        return self.store.con.cursor()

    def close(self) -> None:
        self.store.close()

    def extract(
        self, content: str, kind: str, date: dt.date | None, url: str | None, max_bytes: int
    ) -> tuple[Result, bool]:
        """Run herald on one posted article, and on a writable server store and link it as
        ``herald extract --db`` does: (the result, whether a new document was stored).

        One article at a time: the model is shared, and the server is the file's one writer.
        """
        from herald.ingest import ingest

        raw = RawDocument(source="api", id="api", content=content, kind=kind, url=url)  # type: ignore[arg-type]
        options = Options(date=date, max_bytes=max_bytes)
        store = self.store if self.writable else None
        with self._ingest_lock:
            # skip_seen=False: an article stored before still gets its records back
            (ingested,) = ingest([raw], options, store, processes=1, skip_seen=False)
        return ingested.results[0], ingested.added > 0
