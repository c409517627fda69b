"""places: place names looked up in an offline gazetteer. (stub)"""

from __future__ import annotations

from herald.records import ParsedText, Place


def find_places(parsed: ParsedText, dateline: str | None = None) -> tuple[Place, ...]:
    """Every place name of the text, resolved to coordinates and a country where possible."""
    return ()
