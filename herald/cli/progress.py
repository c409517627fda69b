"""The progress bar of a batch run, with a total (and so an ETA) when counting is cheap.

Counting parses no document: a file of a page or a text is one document, a JSONL file one per
non-blank line (its lines are scanned, far cheaper than parsing them). A WARC archive, a
compressed file or standard input would have to be read to be counted, so with any of them
the bar shows counts and speed without a total.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from herald.read.inputs import STDIN_SOURCE, InputFormat, list_files
from herald.records import Rejection

# A JSONL file above this is not counted: scanning it would take seconds of the run.
MAX_COUNTED_BYTES = 1 << 30


def count_documents(inputs: Iterable[str], input_format: InputFormat = "auto") -> int | None:
    """How many documents ``inputs`` hold, or None when that would take reading them."""
    total = 0
    for item in inputs:
        if item == STDIN_SOURCE:
            if input_format in ("jsonl", "warc", "auto"):
                return None
            total += 1
            continue
        for file, chosen in list_files(item, input_format):
            found = 1 if isinstance(file, Rejection) else _documents_in(file, chosen)
            if found is None:
                return None
            total += found
    return total


def _documents_in(path: Path, input_format: InputFormat) -> int | None:
    if path.name.lower().endswith(".gz") or input_format == "warc":
        return None
    if input_format == "jsonl":
        return _jsonl_records(path)
    return 1  # a page, a text or a news-please file: one document


def _jsonl_records(path: Path) -> int | None:
    """Its non-blank lines (an unreadable file is one rejection); None for a file so large
    that reading it twice would cost the user time."""
    try:
        if path.stat().st_size > MAX_COUNTED_BYTES:
            return None
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1


def progress_bar(total: int | None, enabled: bool, unit: str = "doc", desc: str = "herald") -> Any:
    """A bar on standard error: done/total, rate and time left when the total is known."""
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, disable=not enabled, desc=desc)
