"""events.when_gaps: "days after X" measures the gap between two events, not X's date.

A gap never dates an event itself (``is_gap``); an exact gap ("a day after", "two weeks
before") shifts the date of the governing clause when the units allow it ("comes a day after
Chrysler released" in an article of 2009-05-15: 2009-05-14).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from herald.events.syntax import SentenceView, Span
from herald.events.when_relations import Link, relation_words
from herald.records import TimeValue
from herald.time.timexes import resolve

_GAP = re.compile(r"^P(\d+)([DWMY])$")


def is_gap(view: SentenceView, span: Span[TimeValue]) -> bool:
    """A measure of the gap between two events ("days after", "a day before"): a duration
    or vague amount before the connective of a temporal clause."""
    value = span.item.value
    if value is not None and not value.startswith("P"):
        return False
    head = next(
        (i for i in range(span.start, span.end) if not span.start <= view.tok(i).head < span.end),
        None,
    )
    owner = view.head(head) if head is not None else None
    return owner is not None and _gap_of(view, owner) == head


def _gap_of(view: SentenceView, owner: int) -> int | None:
    """The noun measuring the gap in front of a temporal connective ("day" in "a day after
    X released", "weeks" in "two weeks before the vote"): ``owner`` is the connective
    preposition or the verb of the clause the connective introduces."""
    if view.tok(owner).pos in ("ADP", "SCONJ"):
        connectives = [owner]
    else:
        connectives = view.children(owner, "mark", "advmod")
    connectives = [c for c in connectives if view.tok(c).text.lower() in relation_words()]
    if not connectives:
        return None
    # the parser hangs the measure on the clause's verb or on the connective itself
    holders = [owner, *connectives]
    gaps = [g for h in holders for g in view.children(h, "npadvmod") if g < min(connectives)]
    return gaps[0] if gaps else None


def shift_by_gap(view: SentenceView, links: Sequence[Link], base: TimeValue) -> TimeValue | None:
    """The base date moved by an exact gap ("a day after"), when the path has one temporal
    link, that link has a gap and the gap's unit fits the base's precision."""
    links = [link for link in links if link[1] != "same"]
    if len(links) != 1 or links[0][1] not in ("before", "after") or base.value is None:
        return None
    link, relation = links[0]
    head = view.head(link)
    owners = [link] if view.tok(link).dep == "advcl" else [head] if head is not None else []
    if view.tok(link).dep == "advcl":
        owners += view.children(link, "mark", "advmod")
    gap = next((g for owner in owners if (g := _gap_of(view, owner)) is not None), None)
    if gap is None:
        return None
    first, last = view.subtree(gap)[0], view.subtree(gap)[-1] + 1
    text = view.parsed.span_text(first, last)
    match = _GAP.match(resolve(text, None, None).value or "")
    if match is None:
        return None
    amount = int(match[1]) * (-1 if relation == "before" else 1)
    value = shift_value(base.value, base.precision, amount, match[2])
    if value is None:
        return None
    start, end = view.tok(first).idx, view.tok(last - 1).end
    return TimeValue(text, value, base.precision, base.anchor, None, start, end)


def shift_value(value: str, precision: str | None, amount: int, unit: str) -> str | None:
    """``value`` moved by ``amount`` units ("D", "W", "M", "Y") when the unit is no finer
    than the value's precision: ("2009-05-15", "day", -1, "D") -> "2009-05-14"."""
    try:
        if precision == "day" and unit in ("D", "W") and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            days = amount * (7 if unit == "W" else 1)
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        if precision == "month" and unit == "M" and re.fullmatch(r"\d{4}-\d\d", value):
            index = int(value[:4]) * 12 + int(value[5:]) - 1 + amount
            return f"{index // 12:04d}-{index % 12 + 1:02d}"
        if precision == "year" and unit == "Y" and re.fullmatch(r"\d{4}", value):
            return f"{int(value) + amount:04d}"
    except ValueError:
        return None
    return None
