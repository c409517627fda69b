"""The progress bar of a batch run, with a total (and so an ETA) when counting is cheap.

Counting parses no document: a file of a page or a text is one document, a JSONL file one per
non-blank line (its lines are scanned, far cheaper than parsing them). A WARC archive, a
compressed file or standard input would have to be read to be counted, so with any of them
the bar shows counts and speed without a total.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from herald.read.inputs import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN_SOURCE,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
)

# A JSONL file above this is not counted: scanning it would take seconds of the run.
MAX_COUNTED_BYTES = 1 << 30


def count_documents(inputs: Iterable[str], input_format: str = "auto") -> int | None:
    """How many documents ``inputs`` hold, or None when that would take reading them."""
    total = 0
    for item in inputs:
        if item == STDIN_SOURCE:
            if input_format in ("jsonl", "warc", "auto"):
                return None
            total += 1
            continue
        path = Path(item)
        files = _files_under(path) if path.is_dir() else [(path, input_format)]
        for file, chosen in files:
            found = _documents_in(file, chosen)
            if found is None:
                return None
            total += found
    return total


def _files_under(folder: Path) -> list[tuple[Path, str]]:
    """The files a walk of ``folder`` reads: by their extension, whatever --input-format says."""
    readable = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
    return [
        (Path(root) / name, "auto")
        for root, _dirs, names in os.walk(folder)
        for name in names
        if name.lower().endswith(readable)
    ]


def _documents_in(path: Path, input_format: str) -> int | None:
    name = path.name.lower()
    if input_format == "jsonl" or (input_format == "auto" and name.endswith(JSONL_SUFFIXES)):
        return _jsonl_records(path)
    if input_format == "warc" or name.endswith((*WARC_SUFFIXES, ".gz")):
        return None
    return 1  # a page or a text, or a file named explicitly (read whole, as one document)


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


def progress_bar(total: int | None, enabled: bool) -> Any:
    """A bar on standard error: done/total, rate and time left when the total is known."""
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=not enabled, desc="herald")
