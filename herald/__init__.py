"""herald: political events from news — who did what to whom, when, where, who says so.

In a notebook::

    import herald
    result = herald.extract(text, date="2017-12-18")
    result                # shown as a table of its events
    result.to_dict()      # the same JSON as `herald extract --format json`
    results = herald.extract_many(texts, date="2017-12-18")   # the batch pipeline

    db = herald.open("events.duckdb")                 # a stored database, read-only
    db.events(type="CONSULT", actor="USA", since="2017-12-01")   # a pandas DataFrame
    db.actors(), db.stories(min_sources=2), db.documents(), db.sql("SELECT ...")
"""

from __future__ import annotations

import datetime as dt

from herald.errors import DataMissingError, HeraldError, RejectedError, UsageError
from herald.notebook import Database, extract_many
from herald.records import (
    Actor,
    ActorRef,
    Attribution,
    Document,
    Event,
    Evidence,
    Extraction,
    Place,
    Quote,
    RawDocument,
    Rejected,
    Rejection,
    TimeValue,
)
from herald.settings import Options

__all__ = [
    "Actor",
    "ActorRef",
    "Attribution",
    "DataMissingError",
    "Database",
    "Document",
    "Event",
    "Evidence",
    "Extraction",
    "HeraldError",
    "Options",
    "Place",
    "Quote",
    "RawDocument",
    "Rejected",
    "RejectedError",
    "Rejection",
    "TimeValue",
    "UsageError",
    "extract",
    "extract_many",
    "open",
]


def extract(
    content: str,
    date: str | dt.date | None = None,
    *,
    url: str | None = None,
    id: str = "text",
    html: bool | None = None,
    actors: str | None = None,
    all_events: bool = False,
) -> Extraction:
    """All records of one article (text or HTML). The model loads on the first call only.

    ``date`` is the publication date (ISO string or date) used where the page states none;
    ``actors`` the path of your actor dictionary (CSV, see docs/actors.md); ``all_events``
    keeps the events that are not political (each event and the document carry a
    ``relevance`` score).
    Raises ``RejectedError`` (with ``.code`` and ``.detail``) for a page herald cannot read.
    """
    from herald.notebook import raw_document
    from herald.pipeline import process_document

    given = dt.date.fromisoformat(date) if isinstance(date, str) else date
    raw = raw_document(content, id, html, url)
    result = process_document(
        raw, Options(date=given, strict=True, actors=actors, all_events=all_events)
    )
    if isinstance(result, Rejected):
        rejection = result.rejection
        raise RejectedError(rejection.code, rejection.detail, rejection.stage)
    return result


def open(path: str, frame: str = "pandas") -> Database:
    """The herald database at ``path``, opened to read: its queries give pandas DataFrames
    (``frame="polars"``: polars ones, if polars is installed)."""
    return Database(path, frame)  # type: ignore[arg-type]


def __dir__() -> list[str]:
    # `import herald` also binds the modules it imports (errors, records, settings): a
    # notebook's completion should offer the public API only.
    return sorted(__all__)
