"""Partial dates: the first and last day a partial ISO 8601 value can mean, and its precision.

The one place herald does calendar arithmetic on stored values ("2018-01", "2017-W51",
"2018-Q1", "2018-SU", "199" for the 1990s, "19" for the 1900s): the store's event and
publication days, the modality stage's past/future tests and the story linker's date windows
all read values through ``bounds``. Seasons are northern-hemisphere meteorological seasons
(TimeML's SP/SU/FA/WI; AU for autumn). Anything else gives None, so that a strange value
never stops a batch.
"""

from __future__ import annotations

import calendar
import datetime as dt

Bounds = tuple[dt.date, dt.date]

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


def bounds(value: str | None) -> Bounds | None:
    """(first day, last day) of the days ``value`` covers, or None for no date."""
    if not value:
        return None
    head, _, tail = value[:10].partition("-")
    if not _is_digits(head) or not 2 <= len(head) <= 4:
        return None
    try:
        if len(head) < 4:  # "199" the 1990s, "19" the 1900s
            span = 10 ** (4 - len(head))
            first_year = int(head) * span
            return dt.date(first_year, 1, 1), dt.date(first_year + span - 1, 12, 31)
        return _within_year(int(head), tail)
    except ValueError:
        return None


def first_day(value: str | None) -> dt.date | None:
    """The first day of a partial value ("2018-Q1" -> 2018-01-01)."""
    found = bounds(value)
    return found[0] if found else None


def last_day(value: str | None) -> dt.date | None:
    """The last day of a partial value ("2018-02" -> 2018-02-28)."""
    found = bounds(value)
    return found[1] if found else None


def exact_day(value: str | None) -> dt.date | None:
    """The day a value names when it names exactly one ("2018-01" names none)."""
    found = bounds(value)
    return found[0] if found and found[0] == found[1] else None


def _within_year(year: int, tail: str) -> Bounds | None:
    if not tail:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if tail[0] == "W" and _is_digits(tail[1:3]):
        start = dt.date.fromisocalendar(year, int(tail[1:3]), 1)
        return start, start + dt.timedelta(days=6)
    if tail[0] == "Q" and tail[1:2] in {"1", "2", "3", "4"}:
        return _months(year, 3 * int(tail[1]) - 2, 3)
    if tail[:2] in _SEASON_MONTH:
        return _months(year, _SEASON_MONTH[tail[:2]], 3)
    month, _, day = tail.partition("-")
    if not _is_digits(month):
        return None
    if _is_digits(day):
        date = dt.date(year, int(month), int(day))
        return date, date
    return _months(year, int(month), 1)


def _months(year: int, first_month: int, count: int) -> Bounds:
    """From the first day of ``first_month`` through ``count`` months (into the next year)."""
    start = dt.date(year, first_month, 1)
    index = first_month - 1 + count - 1
    last_year, last_month = year + index // 12, index % 12 + 1
    return start, dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


def _is_digits(text: str) -> bool:
    # str.isdigit alone accepts "²" and other digits int() refuses.
    return text.isascii() and text.isdigit()
