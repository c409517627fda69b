"""clean: raw bytes to a Document, main text and metadata (docs/architecture.md)."""

from herald.clean.document import clean

__all__ = ["clean"]
