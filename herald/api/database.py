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
        self.store = Store.open(path, read_only=not writable)
        self._write_lock = threading.Lock()
        self._pipeline_lock = threading.Lock()

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: its own connection to the same database, for one request."""
        return self.store.con.cursor()

    def close(self) -> None:
        self.store.close()

    def extract(
        self, content: str, kind: str, date: dt.date | None, url: str | None, max_bytes: int
    ) -> Result:
        """Run herald's pipeline on one posted article (one at a time: the model is shared)."""
        from herald.pipeline import process_document

        raw = RawDocument(source="api", id="api", content=content, kind=kind, url=url)  # type: ignore[arg-type]
        with self._pipeline_lock:
            return process_document(raw, Options(date=date, max_bytes=max_bytes))

    def store_result(self, result: Result) -> bool:
        """Write one result when the server may write; True when a new document was added."""
        if not self.writable:
            return False
        with self._write_lock:
            return self.store.write([result]).documents_added > 0
