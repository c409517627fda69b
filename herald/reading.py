"""read: turn files, folders, stdin, JSONL and WARC into RawDocuments. (stub)"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO, Literal

from herald.records import RawDocument, Rejection

InputFormat = Literal["auto", "text", "html", "jsonl", "warc"]


def read_inputs(
    inputs: Sequence[str],
    input_format: InputFormat = "auto",
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Every document in ``inputs`` (files, folders, "-"), or a Rejection for what is unreadable."""
    raise NotImplementedError
