"""cluster, plan: the inputs of a run cut into partitions, the units of work of a Dask run.

A partition is a few pieces of input: whole files (a page, an article, a news-please JSON, a
gzipped one, a whole WARC), or a slice of lines of a JSONL file. A JSONL file is cut by a
scan for its line ends, so one big file feeds every worker; a WARC or a gzipped JSONL cannot
be entered in the middle and is one partition by itself. Inputs are local paths or fsspec
URLs (``s3://bucket/news/``): the workers open them where they run.

The plan is a function of the inputs alone (folders are listed in sorted order), and a
partition's name of its pieces: a re-run finds the names of the partitions already written
(``herald.cluster.dataset``) and skips them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import fsspec
from fsspec.core import url_to_fs

from herald.read.inputs import GZIP_SUFFIX, InputFormat, format_from_suffix, list_files
from herald.read.items import CHUNK
from herald.records import Rejection

# Documents per partition: enough that a worker's nlp.pipe batches fill, few enough that a
# lost worker costs little to redo and a partition's rows stay small.
DEFAULT_PARTITION_SIZE = 64


@dataclass(frozen=True, slots=True)
class Piece:
    """One input, or one slice of a JSONL file: ``lines`` is (first line number, count; None
    to the end) from byte ``start``."""

    url: str
    input_format: InputFormat
    start: int = 0
    lines: tuple[int, int | None] | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    name: str  # "part-00007-3f2a9c1e": its place in the plan, and a hash of its pieces
    pieces: tuple[Piece, ...]
    rejections: tuple[Rejection, ...] = ()  # found while listing (a link to a folder)


def plan_partitions(
    inputs: Sequence[str],
    input_format: InputFormat = "auto",
    size: int = DEFAULT_PARTITION_SIZE,
) -> list[Partition]:
    """The partitions of ``inputs``, each of about ``size`` documents, in input order."""
    partitions: list[Partition] = []
    pieces: list[Piece] = []
    rejections: list[Rejection] = []
    weight = 0
    for piece, pieces_weight in _weighed_pieces(inputs, input_format, size, rejections):
        pieces.append(piece)
        weight += pieces_weight
        if weight >= size:
            partitions.append(_partition(len(partitions), pieces, rejections))
            pieces, rejections, weight = [], [], 0
    if pieces or rejections:
        partitions.append(_partition(len(partitions), pieces, rejections))
    return partitions


def _partition(index: int, pieces: list[Piece], rejections: list[Rejection]) -> Partition:
    digest = hashlib.sha256(repr((pieces, rejections)).encode("utf-8")).hexdigest()[:8]
    return Partition(f"part-{index:05d}-{digest}", tuple(pieces), tuple(rejections))


def _weighed_pieces(
    inputs: Sequence[str], input_format: InputFormat, size: int, rejections: list[Rejection]
) -> Iterator[tuple[Piece, int]]:
    """Every piece with the documents it holds (a whole partition's worth when unknown);
    rejections met while listing go to ``rejections``."""
    for url, chosen in _files(inputs, input_format, rejections):
        if chosen == "jsonl" and not url.lower().endswith(GZIP_SUFFIX):
            for start, first, count in _jsonl_slices(url, size):
                yield Piece(url, chosen, start, (first, count)), size
        elif chosen in ("jsonl", "warc"):
            yield Piece(url, chosen), size
        else:
            yield Piece(url, chosen), 1


def _files(
    inputs: Sequence[str], input_format: InputFormat, rejections: list[Rejection]
) -> Iterator[tuple[str, InputFormat]]:
    for item in inputs:
        if "://" in item:
            yield from _remote_files(item, input_format)
            continue
        for member, chosen in list_files(item, input_format):
            if isinstance(member, Rejection):
                rejections.append(member)
            else:
                yield str(member), chosen


def _remote_files(url: str, input_format: InputFormat) -> Iterator[tuple[str, InputFormat]]:
    """The files under an fsspec URL (sorted), or the file it names."""
    fs, path = url_to_fs(url)
    if not fs.isdir(path):
        chosen = input_format if input_format != "auto" else format_from_suffix(PurePosixPath(path))
        yield url, chosen
        return
    for member in sorted(fs.find(path)):
        chosen = format_from_suffix(PurePosixPath(member))
        if chosen != "auto":
            yield fs.unstrip_protocol(member), chosen


def _jsonl_slices(url: str, size: int) -> Iterator[tuple[int, int, int | None]]:
    """(byte offset, first line number, line count) of each run of ``size`` lines; the last
    runs to the end of the file. Reads the file once, a block at a time."""
    start, first, lines, offset = 0, 1, 0, 0
    with fsspec.open(url, "rb") as handle:
        while block := handle.read(CHUNK):
            at = block.find(b"\n")
            while at != -1:
                lines += 1
                if lines - first + 1 == size:
                    yield start, first, size
                    start, first = offset + at + 1, lines + 1
                at = block.find(b"\n", at + 1)
            offset += len(block)
    if offset > start:
        yield start, first, None
