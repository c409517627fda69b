"""actors: the people, organizations and countries of an article. (stub)"""

from __future__ import annotations

from collections.abc import Sequence

from herald.records import Actor, Document, ParsedText


def find_actors(doc: Document, parsed: ParsedText) -> tuple[Actor, ...]:
    """Every actor of the document with its mentions, kind, country, sector and roles."""
    return ()


def actor_at(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    """The actor one of whose mentions overlaps the characters [start, end), if any."""
    for actor in actors:
        for mention in actor.mentions:
            if mention.start < end and start < mention.end:
                return actor
    return None
