"""read: turn files, folders, stdin, JSONL and WARC into RawDocuments.

Reading never decodes text (that is the cleaner's job) and never stops on a bad input: every
problem becomes a ``Rejection`` in the stream and the next document follows. Folders are
walked recursively in sorted order so that two runs over the same tree yield the same
sequence. A symbolic link to a folder met in the walk is not followed (it may lead out of
the folder named, or back into it without end) but reported, as the rejection
``symlink_skipped`` in its place in that order; links to files are read (docs/security.md).

A file whose name ends in ``.gz`` is any of these kinds gzipped (``page.html.gz``,
``batch.jsonl.gz``), read through gzip without unpacking it first. A ``.json`` file is one
article as news-please writes it (``herald.read.news_please``).

Every read is bounded, so that a hostile input (a gzip bomb, a line without end) costs
bounded memory: a document by ``max_bytes`` (after any decompression), a WARC record's header
block by ``MAX_HEADER_BYTES``, the decompressed bytes of one archive by ``max_archive_bytes``.
A rejection's detail is cut to ``errors.MAX_DETAIL`` characters (docs/security.md).
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePath
from typing import IO, Any, BinaryIO, Literal

from herald.read.items import (
    CHUNK,
    DEFAULT_MAX_ARCHIVE_BYTES,
    Item,
    Limits,
    rejection,
)
from herald.read.news_please import read_news_please
from herald.read.warc import read_warc_stream
from herald.records import ContentKind, RawDocument, Rejection

InputFormat = Literal["auto", "text", "html", "jsonl", "warc", "json"]

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc",)
JSON_SUFFIXES = (".json",)
GZIP_SUFFIX = ".gz"
STDIN_SOURCE = "-"
# Enough of a file's start to tell HTML from text; also skips a leading BOM or comment.
_SNIFF_BYTES = 2048
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:html|body|div|p|article)[\s>]", re.IGNORECASE)


def read_inputs(
    inputs: Sequence[str],
    input_format: InputFormat = "auto",
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Every document in ``inputs`` (files, folders, "-"), or a Rejection for what is unreadable.

    ``input_format`` applies to stdin and to files named explicitly; files found in folders
    are read by their extension. ``max_bytes`` limits one document (a file, a JSONL line or
    a WARC record's decoded payload), never a whole container; ``max_archive_bytes`` limits
    the decompressed bytes of one WARC file (a rejection ends that file).
    """
    limits = Limits(max_bytes, max_archive_bytes)
    for item in inputs:
        if item == STDIN_SOURCE:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, input_format, limits)
            continue
        for member, chosen in list_files(item, input_format):
            if isinstance(member, Rejection):
                yield member
            else:
                yield from read_file(member, chosen, limits)


def list_files(
    item: str, input_format: InputFormat = "auto"
) -> Iterator[tuple[Path | Rejection, InputFormat]]:
    """The files one input names, each with the format to read it in: a folder's readable
    files by their extension (and a Rejection for each link to a folder), or the file itself,
    in ``input_format`` unless that is "auto"."""
    path = Path(item)
    if path.is_dir():
        for member in _walk(path):
            found = "auto" if isinstance(member, Rejection) else format_from_suffix(member)
            yield member, found
    else:
        yield path, input_format if input_format != "auto" else format_from_suffix(path)


# --------------------------------------------------------------------------- dispatch


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    """The readable files under ``folder``, recursively, sorted by their path parts, and a
    Rejection in its place for each link to a folder (never followed, so never a loop)."""
    found: list[tuple[Path, Rejection | None]] = []
    for root, dirs, files in os.walk(folder):  # followlinks=False: links are listed, not entered
        found.extend(
            (Path(root) / name, None) for name in files if format_from_suffix(Path(name)) != "auto"
        )
        found.extend(
            (link, _skipped_link(link)) for name in dirs if (link := Path(root) / name).is_symlink()
        )
    found.sort(key=lambda pair: pair[0].relative_to(folder).parts)
    for path, skipped in found:
        yield skipped or path


def _skipped_link(link: Path) -> Rejection:
    try:
        target = str(link.readlink())
    except OSError as error:
        target = f"? ({error.strerror or error})"
    detail = f"link to the folder {target} not followed; name the folder to read it"
    return rejection(str(link), "symlink_skipped", detail)


def format_from_suffix(path: PurePath) -> InputFormat:
    """The format an extension stands for, under any ``.gz``; "auto" when it names none we
    read."""
    name = path.name.lower().removesuffix(GZIP_SUFFIX)
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSON_SUFFIXES):
        return "json"
    return "auto"


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a document look like an HTML page."""
    return bool(_HTML_START.match(head) or _HTML_TAGS.search(head))


def read_file(path: Path, input_format: InputFormat, limits: Limits) -> Iterator[Item]:
    """The documents of one local file; an unreadable file is one Rejection."""
    too_large = _larger_than_allowed(path, input_format, limits.max_bytes)
    if too_large is not None:
        yield too_large
        return
    yield from read_source(lambda: path.open("rb"), str(path), input_format, limits)


def read_source(
    open_bytes: Callable[[], IO[bytes]],
    source: str,
    input_format: InputFormat,
    limits: Limits,
    start: int = 0,
    lines: tuple[int, int | None] | None = None,
) -> Iterator[Item]:
    """The documents of the input that ``open_bytes`` opens (a file, an fsspec URL), from
    byte ``start``; ``lines`` as in ``read_opened``. An unreadable input is one Rejection."""
    try:
        with open_bytes() as raw:
            raw.seek(start)
            with open_input(raw, source, input_format) as handle:
                yield from read_opened(handle, source, input_format, limits, lines)
    except (OSError, EOFError) as error:  # a truncated .gz ends in EOFError
        detail = f"{type(error).__name__}: {getattr(error, 'strerror', None) or error}"
        yield rejection(source, "unreadable", detail)


def open_input(handle: IO[bytes], name: str, input_format: InputFormat) -> IO[bytes]:
    """``handle``, decompressed when ``name`` says gzip. A WARC reader unpacks its own
    members (a .warc.gz is a series of gzip members, one per record)."""
    if name.lower().endswith(GZIP_SUFFIX) and input_format != "warc":
        return gzip.GzipFile(fileobj=handle, mode="rb")
    return handle


def _larger_than_allowed(
    path: Path, input_format: InputFormat, max_bytes: int | None
) -> Rejection | None:
    """The rejection of a whole-file document over the limit, told by its size on disk before
    anything is read; None when that cannot tell (containers, gzip, no limit)."""
    gzipped = path.name.lower().endswith(GZIP_SUFFIX)
    if max_bytes is None or input_format in ("jsonl", "warc") or gzipped:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None  # reported by the read that follows
    if size <= max_bytes:
        return None
    return rejection(str(path), "too_large", f"{size} bytes, limit {max_bytes}")


def read_opened(
    handle: IO[bytes],
    source: str,
    input_format: InputFormat,
    limits: Limits,
    lines: tuple[int, int | None] | None = None,
) -> Iterator[Item]:
    """The documents of an opened input (a file, a URL opened with fsspec, stdin).

    ``lines`` (first line number, count) reads only that many JSONL lines from where the
    handle stands, numbered from the first: a slice of a big file read by one worker.
    """
    max_bytes = limits.max_bytes
    if input_format == "jsonl":
        yield from _read_jsonl(handle, source, max_bytes, lines)
    elif input_format == "warc":
        yield from read_warc_stream(handle, source, limits)
    else:
        content = _read_whole(handle, max_bytes)
        if max_bytes is not None and len(content) > max_bytes:
            yield rejection(source, "too_large", f"more than {max_bytes} bytes")
        elif input_format == "json":
            yield read_news_please(content, source)
        else:
            kind = _kind(input_format, content)
            yield RawDocument(source=source, id=source, content=content, kind=kind)


def _read_whole(handle: IO[bytes], max_bytes: int | None) -> bytes:
    """The whole input, or its first ``max_bytes`` + 1 bytes: enough to tell it is too large."""
    return handle.read(-1 if max_bytes is None else max_bytes + 1)


def _kind(input_format: InputFormat, content: bytes) -> ContentKind:
    if input_format in ("html", "text"):
        return input_format
    return "html" if looks_like_html(content[:_SNIFF_BYTES]) else "text"


def _read_stream(stream: BinaryIO, input_format: InputFormat, limits: Limits) -> Iterator[Item]:
    """Standard input: JSONL, WARC or news-please JSON when asked for, else one document
    (sniffed when "auto")."""
    try:
        yield from read_opened(stream, STDIN_SOURCE, input_format, limits)
    except OSError as error:
        yield rejection(STDIN_SOURCE, "unreadable", f"{type(error).__name__}: {error}")


# --------------------------------------------------------------------------- JSONL


def _read_jsonl(
    handle: IO[bytes], source: str, max_bytes: int | None, lines: tuple[int, int | None] | None
) -> Iterator[Item]:
    """One document per JSON line; a bad line becomes a Rejection and the next line follows."""
    first, count = lines if lines is not None else (1, None)
    numbered = itertools.islice(_lines(handle, max_bytes), count)
    for offset, line, too_long in numbered:
        line_source = f"{source}:{first + offset}"
        if too_long:
            yield rejection(line_source, "too_large", f"line longer than {max_bytes} bytes")
        elif line.strip():
            yield _jsonl_record(line, line_source)


def _lines(handle: IO[bytes], max_bytes: int | None) -> Iterator[tuple[int, bytes, bool]]:
    """(lines before it, line, too long) for each line, never holding an over-long line in
    memory."""
    # A JSON line carries its own escaping, so a limit on the line is a limit on the document
    # up to a small constant; readline(limit) stops at the limit instead of at the newline.
    limit = -1 if max_bytes is None else max_bytes + 1
    for number in itertools.count():
        line = handle.readline(limit)
        if not line:
            return
        if max_bytes is not None and len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(handle)
            yield number, b"", True
        else:
            yield number, line, False


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while True:
        chunk = handle.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(line: bytes, source: str) -> Item:
    try:
        record = json.loads(line)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return rejection(source, "malformed_record", f"not JSON: {error}")
    if not isinstance(record, dict):
        return rejection(source, "malformed_record", "a JSON line must hold an object")
    record_id = _optional_text(record.get("id")) or source
    for name in ("text", "html", "url", "title", "date"):
        if record.get(name) is not None and not isinstance(record[name], str):
            detail = f"field {name!r} must be a string"
            return Rejection(source, record_id, "read", "malformed_record", detail)
    text, html = record.get("text"), record.get("html")
    if not _has_text(text) and not _has_text(html):
        return Rejection(source, record_id, "read", "missing_field", "no 'text' or 'html' field")
    # Text given by the producer is already clean of markup, so it wins over HTML.
    content, kind = (text, "text") if _has_text(text) else (html, "html")
    return RawDocument(
        source=source,
        id=record_id,
        content=content,
        kind=kind,
        url=record.get("url"),
        title=record.get("title"),
        published=record.get("date"),
    )


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _optional_text(value: Any) -> str | None:
    """A JSON id as text: producers write ids as strings or numbers."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int)):
        return str(value) or None
    return None
