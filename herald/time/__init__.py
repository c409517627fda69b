"""time: time expressions resolved to partial dates (docs/architecture.md)."""

from herald.time.timexes import find_timexes

__all__ = ["find_timexes"]
