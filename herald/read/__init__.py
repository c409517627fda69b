"""read: files, folders, stdin, JSONL and WARC to RawDocuments (docs/architecture.md)."""

from herald.read.inputs import read_inputs

__all__ = ["read_inputs"]
