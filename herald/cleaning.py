"""clean: raw bytes to a Document (main text + metadata). (stub)"""

from __future__ import annotations

from herald.records import Document, RawDocument
from herald.settings import Options


def clean(raw: RawDocument, options: Options) -> Document:
    """The cleaned document, or RejectedError with a code from herald.errors.CODES."""
    raise NotImplementedError
