"""actors: the people, organizations, countries and groups of an article (docs/architecture.md)."""

from herald.actors.stage import find_actors

__all__ = ["find_actors"]
