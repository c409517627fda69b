"""quotes: direct and reported speech with their speakers (docs/architecture.md)."""

from herald.quotes.stage import find_quotes

__all__ = ["find_quotes"]
