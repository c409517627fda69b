"""parse: the one stage that touches spaCy (docs/architecture.md)."""

from herald.parse.model import parse_many

__all__ = ["parse_many"]
