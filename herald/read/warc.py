"""read, WARC: the HTML responses of a WARC or WARC.gz archive, each a RawDocument.

Every read is bounded (a gzip bomb, a header line without end): see ``herald.read.items``
and docs/security.md. A truncated archive is reported, by path and on stdin alike.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.recordloader import ArcWarcRecord

from herald.read.items import CHUNK, HTML_CONTENT_TYPES, MAX_HEADER_BYTES, Item, Limits, rejection
from herald.records import RawDocument


class TruncatedArchiveError(OSError):
    """A compressed archive ends in the middle of a gzip member."""


class LimitExceededError(Exception):
    """An archive goes over one of the reader's limits; ``code`` is the rejection code."""

    code = "too_large"


class _StrictGzipStream:
    """A gzip stream whose truncation raises instead of looking like a clean end.

    warcio reads an EOFError from its stream as "no more records", so a WARC.gz cut short
    would silently lose its last records. We decompress with the gzip module (which raises
    EOFError on a truncated member) and turn that into an error warcio does not swallow.
    ``read1`` decompresses at most ``size`` bytes a call, so a bomb never inflates at once.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._stream = gzip.GzipFile(fileobj=raw, mode="rb")

    def read(self, size: int = -1) -> bytes:
        try:
            # read1: one decompression step, so that the data before a cut still comes out
            return self._stream.read1(size if size > 0 else CHUNK)
        except EOFError as error:
            raise TruncatedArchiveError(str(error)) from error


class _Prefixed:
    """A stream whose first bytes were already read (to sniff gzip) and are given back."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(head) :]
            return head
        return self._rest.read(size)


class _CountedStream:
    """The decompressed bytes of one archive, which may not go over ``limit``."""

    def __init__(self, stream: Any, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size if size > 0 else CHUNK)
        self._count += len(data)
        if self._count > self._limit:
            raise LimitExceededError(f"archive decompresses to more than {self._limit} bytes")
        return data


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with the header lines of each record bounded.

    warcio reads headers with ``readline()`` and no size, so a line without end (a bomb
    of zeros) would be held whole. Header lines come between payload reads: their bytes
    since the last ``read`` are the header block of one record.
    """

    def __init__(self, stream: Any, block_size: int, header_limit: int) -> None:
        super().__init__(stream, block_size=block_size)
        self._header_limit = header_limit
        self._header_bytes = 0

    def read(self, length: int | None = None) -> bytes:
        self._header_bytes = 0
        return super().read(length)

    def readline(self, length: int | None = None) -> bytes:
        room = self._header_limit - self._header_bytes + 1
        line = super().readline(room if length is None or length < 0 else min(length, room))
        self._header_bytes += len(line)
        if self._header_bytes > self._header_limit:
            raise LimitExceededError(f"record headers longer than {self._header_limit} bytes")
        return line


class _BoundedArchiveIterator(ArchiveIterator):
    def __init__(self, stream: Any, header_limit: int) -> None:
        super().__init__(stream)
        # The iterator reads through ``self.reader`` only once iteration starts.
        self.reader = _BoundedReader(self.fh, self.reader.block_size, header_limit)


def _archive_stream(handle: BinaryIO, limits: Limits) -> Any:
    """The decompressed, counted bytes of a WARC or WARC.gz, from a file or from stdin."""
    head = handle.read(2)
    stream: Any = _Prefixed(head, handle)
    if head == b"\x1f\x8b":
        stream = _StrictGzipStream(stream)
    return _CountedStream(stream, limits.max_archive_bytes)


def read_warc_stream(handle: BinaryIO, source: str, limits: Limits) -> Iterator[Item]:
    """The HTML responses of a WARC; a broken record ends the file with one Rejection."""
    last_good, current = "", ""
    try:
        archive = _BoundedArchiveIterator(_archive_stream(handle, limits), MAX_HEADER_BYTES)
        for record in archive:
            current = record.rec_headers.get_header("WARC-Record-ID") or "?"
            yield from _warc_item(record, f"{source}#{current}", limits.max_bytes)
            last_good, current = current, ""
    except Exception as error:  # warcio raises many kinds on broken input; all mean "broken"
        where = f"after record {last_good}" if last_good else "in the first record"
        code = error.code if isinstance(error, LimitExceededError) else "malformed_record"
        detail = f"broken archive {where}: {type(error).__name__}: {error}"
        broken = f"{source}#{current}" if current else source
        yield rejection(broken, code, detail)


def _warc_item(record: ArcWarcRecord, source: str, max_bytes: int | None) -> Iterator[Item]:
    if record.rec_headers.get_header("Content-Length") is None:
        raise ValueError("record header without Content-Length")
    if record.rec_type != "response" or not _is_html_response(record):
        _drain(record, source)
        return
    if max_bytes is not None and (record.length or 0) > max_bytes:
        _drain(record, source)
        yield rejection(source, "too_large", f"{record.length} bytes, limit {max_bytes}")
        return
    # The payload may be gzip- or deflate-encoded: the limit holds for the decoded bytes.
    content = record.content_stream().read(None if max_bytes is None else max_bytes + 1)
    if max_bytes is not None and len(content) > max_bytes:
        _drain(record, source)
        yield rejection(source, "too_large", f"more than {max_bytes} bytes once decoded")
        return
    _check_complete(record, source)
    url = record.rec_headers.get_header("WARC-Target-URI")
    yield RawDocument(source=source, id=source, content=content, kind="html", url=url)


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(HTML_CONTENT_TYPES)


def _drain(record: ArcWarcRecord, source: str) -> None:
    """Read past a record we do not keep, in chunks, and check it was whole."""
    while record.raw_stream.read(CHUNK):
        pass
    _check_complete(record, source)


def _check_complete(record: ArcWarcRecord, source: str) -> None:
    """Raise when the record's block ended before its Content-Length (a cut file)."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise TruncatedArchiveError(f"{source}: record ends {missing} bytes early")
