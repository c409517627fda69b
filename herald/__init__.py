"""herald: political events from news — who did what to whom, when, where, who says so.

In a notebook::

    import herald
    result = herald.extract(text, date="2017-12-18")
    for event in result.events:
        print(event.type, [a.name for a in event.actor], event.when, event.modality)
    result.to_dict()   # the same JSON as `herald extract --format json`
"""

from __future__ import annotations

import datetime as dt

from herald.errors import DataMissingError, HeraldError, RejectedError, UsageError
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

SNIFF_CHARS = 2048  # enough of the start to tell a page from text

__all__ = [
    "Actor",
    "ActorRef",
    "Attribution",
    "DataMissingError",
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
    from herald.pipeline import process_document
    from herald.read.inputs import looks_like_html

    given = dt.date.fromisoformat(date) if isinstance(date, str) else date
    head = content[:SNIFF_CHARS].encode("utf-8")
    is_html = looks_like_html(head) if html is None else html
    raw = RawDocument(
        source=id, id=id, content=content, kind="html" if is_html else "text", url=url
    )
    result = process_document(
        raw, Options(date=given, strict=True, actors=actors, all_events=all_events)
    )
    if isinstance(result, Rejected):
        rejection = result.rejection
        raise RejectedError(rejection.code, rejection.detail, rejection.stage)
    return result


def __dir__() -> list[str]:
    # `import herald` also binds the modules it imports (errors, records, settings): a
    # notebook's completion should offer the public API only.
    return sorted(__all__)
