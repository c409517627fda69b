"""read, news-please: one article per ``.json`` file, as the news-please crawler writes it.

news-please keeps the article's text in ``maintext`` (``text`` in its older releases, as in
the news_cluster set) and its publication time in ``date_publish`` ("2017-12-18 10:31:00"),
with ``title``, ``url`` and more beside them. A record without a date that reads as ISO 8601
is still read (the cleaner then looks for a date in the text, then ``--date``), but the user
is warned: archives crawled without dates give events without dates.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from herald.read.items import Item, rejection
from herald.records import RawDocument

log = logging.getLogger("herald.read")

TEXT_KEYS = ("maintext", "text")  # the current name first
DATE_KEY = "date_publish"


def read_news_please(content: bytes, source: str) -> Item:
    """The article of one news-please file (its size already checked by the reader), or a
    Rejection that says what is wrong."""
    try:
        record = json.loads(content)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return rejection(source, "malformed_record", f"not JSON: {error}")
    if not isinstance(record, dict):
        return rejection(source, "malformed_record", "a news-please file holds one JSON object")
    text = next((record[key] for key in TEXT_KEYS if _text_or_none(record.get(key))), None)
    if text is None:
        return rejection(source, "missing_field", "no 'maintext' or 'text' field")
    published = _recognised_date(record.get(DATE_KEY))
    if published is None:
        log.warning("%s: no recognised %s; the date is looked for in the text", source, DATE_KEY)
    return RawDocument(
        source=source,
        id=source,
        content=text,
        kind="text",
        url=_text_or_none(record.get("url")),
        title=_text_or_none(record.get("title")),
        published=published,
    )


def _recognised_date(value: Any) -> str | None:
    """The publication time as ISO 8601 text, when ``value`` reads as one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
