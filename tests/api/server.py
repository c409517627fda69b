"""Helpers to try the server for real: build a DuckDB file from articles, run ``herald
serve`` in its own process on a free loopback port, wait for it, stop it.

Used by the API and UI tests (a real server process, not an in-process client) and handy
for a manual look: ``python -m herald.api --db FILE``.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from herald.records import RawDocument, Rejection
from herald.settings import Options
from herald.store.database import Store

LOOPBACK = "127.0.0.1"


def build_database(
    items: Iterable[RawDocument | Rejection], path: Path, date: dt.date | None = None
) -> int:
    """Run herald's pipeline on ``items`` in this process, store them and link their stories
    (as ``herald extract --db`` does); return the events added."""
    from herald.link.stage import link_new
    from herald.pipeline import run

    events = 0
    with Store.open(path) as store:
        for batch in run(items, Options(date=date), processes=1):
            events += store.write(batch).events_added
        link_new(store)
    return events


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Poll ``/api/stats`` until it answers; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"herald serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/stats", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"herald serve did not answer on {base} within {timeout:.0f}s")


@contextmanager
def running_server(db: Path, *extra: str, log: Path | None = None) -> Iterator[str]:
    """``herald serve --db DB`` in a child process on a free loopback port; yields its URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "herald.api",
        "--db",
        str(db),
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        *extra,
    ]
    sink = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=sink, stderr=sink)
    base = f"http://{LOOPBACK}:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            sink.close()  # type: ignore[union-attr]
