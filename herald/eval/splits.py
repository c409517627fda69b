"""The deterministic dev/test split every gold set shares.

A record is in dev when the first hex digit of sha1(record id, UTF-8) is 0-7, in test
otherwise: no list to keep, the same answer on every machine, about half each, and a record
keeps its half when the set grows. What the record id is for each set is documented in
docs/eval.md and in each scorer's loader.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, TypeVar

Split = Literal["dev", "test", "all"]
SPLITS: tuple[Split, ...] = ("dev", "test", "all")
DEV_DIGITS = frozenset("01234567")

T = TypeVar("T")


def split_of(record_id: str) -> Literal["dev", "test"]:
    """The half a record belongs to."""
    digit = hashlib.sha1(record_id.encode("utf-8")).hexdigest()[0]
    return "dev" if digit in DEV_DIGITS else "test"


def in_split(record_id: str, split: Split) -> bool:
    return split == "all" or split_of(record_id) == split


def select(
    records: Iterable[T], key: Callable[[T], str], split: Split, limit: int | None = None
) -> Iterator[T]:
    """The records of ``split`` in file order, at most ``limit`` of them."""
    taken = 0
    for record in records:
        if limit is not None and taken >= limit:
            return
        if in_split(key(record), split):
            taken += 1
            yield record
