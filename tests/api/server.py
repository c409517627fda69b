"""Helpers to try the server for real: build a DuckDB file from articles, and run ``herald
serve`` in its own process on a free loopback port (``herald.bench.api.serving``).

Used by the API and UI tests (a real server process, not an in-process client) and handy
for a manual look: ``python -m herald.api --db FILE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from herald.bench.api import serving
from herald.records import RawDocument, Rejection
from herald.settings import Options
from herald.store.database import Store


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


# The one launcher of a real server process, shared with `herald bench api`.
running_server = serving
