"""read, shared: what a reader yields, the limits every read keeps, and its rejections.

docs/security.md says why each limit exists and what it defaults to.
"""

from __future__ import annotations

from dataclasses import dataclass

from herald.errors import short_detail
from herald.records import RawDocument, Rejection

Item = RawDocument | Rejection

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 1 << 20  # bytes read at a time from a stream
# The WARC and HTTP header lines of one record, together: real ones are a few KiB.
MAX_HEADER_BYTES = 256 * 1024
# The decompressed bytes of one WARC file (or stream): twice a Common Crawl file.
DEFAULT_MAX_ARCHIVE_BYTES = 10_000_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int | None
    max_archive_bytes: int


def rejection(source: str, code: str, detail: str) -> Rejection:
    """A read rejection, its detail cut short (a hostile input can make it huge)."""
    return Rejection(source=source, id=source, stage="read", code=code, detail=short_detail(detail))
