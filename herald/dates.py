"""time: find time expressions and resolve them against the publication date. (stub)"""

from __future__ import annotations

import datetime as dt

from herald.records import ParsedText, TimeValue


def find_timexes(parsed: ParsedText, published: dt.date | None) -> tuple[TimeValue, ...]:
    """Every time expression of the text, resolved against ``published`` where possible."""
    return ()
