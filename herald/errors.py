"""Errors and rejection codes.

Exception tree::

    HeraldError                 anything herald raises on purpose
    ├── UsageError              the user asked for something impossible (bad flag, no input)
    │   └── UnknownValueError   a filter or option value outside its list of valid values
    ├── DataMissingError        a gold set or a data file is not where herald looks for it
    ├── DatabaseBusyError       another process holds the DuckDB file (herald serve, extract)
    └── RejectedError           one document cannot be processed; carries a rejection code

A ``RejectedError`` never escapes a batch: the runner turns it into a ``Rejection`` record
(stderr, and the ``rejections`` table with ``--db``) and goes on with the next document.
"""

from __future__ import annotations

# Every rejection code herald can give, with what it means for the user.
CODES: dict[str, str] = {
    "unreadable": "the file could not be opened or read",
    "symlink_skipped": "a symbolic link to a folder, met while walking a folder, is not "
    "followed (it may lead out of the folder or back into it); name its target to read it",
    "empty": "the input holds no bytes or only white space",
    "binary": "the input is not text (a binary file, an image, an archive)",
    "encoding": "the bytes could not be decoded as text in any encoding herald tries",
    "too_large": "the document (or archive, or WARC record header) is over a size limit: "
    "--max-bytes for a document, docs/security.md for the others",
    "too_long": "the cleaned text is longer than the parser takes (spaCy's max_length)",
    "no_text": "no article text was found on the page (menus or scripts only)",
    "not_english": "the text is not in English; herald reads English news only",
    "malformed_record": "a JSONL line or WARC record is broken (bad JSON, truncated record)",
    "missing_field": "a JSONL record has neither 'text' nor 'html'",
    "bad_date": "the publication date given with the document is not a date",
    "internal": "herald failed on this document; please report it with the document",
}

# A rejection's detail is cut to this many characters: some errors quote a whole bad input.
MAX_DETAIL = 300


def short_detail(detail: str, limit: int = MAX_DETAIL) -> str:
    """``detail`` cut to ``limit`` characters, with an ellipsis where it was cut."""
    return detail if len(detail) <= limit else detail[: limit - 1] + "…"


class HeraldError(Exception):
    """Base of every error herald raises on purpose."""


class UsageError(HeraldError):
    """The user asked for something that cannot be done; the message says what to do."""


class UnknownValueError(UsageError):
    """A value outside the list of valid ones; ``field``, ``value`` and ``valid`` say which."""

    def __init__(self, field: str, value: str, valid: tuple[str, ...]) -> None:
        super().__init__(f"unknown {field} {value!r}: use one of {', '.join(valid)}")
        self.field = field
        self.value = value
        self.valid = valid


class DataMissingError(HeraldError):
    """A data set or table is missing; the message says where herald looked."""


class DatabaseBusyError(HeraldError):
    """Another process has the DuckDB file open for writing; the message names the file."""


class RejectedError(HeraldError):
    """One document cannot be processed. ``code`` is a key of ``CODES``."""

    def __init__(self, code: str, detail: str, stage: str = "clean") -> None:
        if code not in CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.stage = stage
