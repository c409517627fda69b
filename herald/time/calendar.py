"""Calendar side of the time stage: date arithmetic and the ``Value`` a grammar rule computes.

The helpers turn a publication date, an amount of units and a tense direction into a partial
ISO 8601 value (a day, a week, a month, a duration); the rule handlers of
``herald.time.handlers`` are built from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from herald.records import Precision
from herald.time.vocabulary import lookup

Direction = Literal["past", "future"]

DATE_SLACK = dt.timedelta(days=45)
# A future tense never pushes a yearless date further ahead than this: beyond it, a wrong
# tense cue (often a parse error) is likelier than a plan named without its year.
DATE_REACH = dt.timedelta(days=200)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNIT_CODES = {  # ISO 8601 designators, and TimeML's for decades, centuries and weekends
    **{"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE"},
    **{"century": "CE", "hour": "H", "minute": "M", "weekend": "WE"},
}
# The half unit that "2 1/2 years" adds, in the next smaller unit: P2Y6M, PT5H30M.
HALF_OF = {"year": "6M", "day": "T12H", "hour": "30M"}


# --------------------------------------------------------------------------- calendar


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_date(published: dt.date, weekday: int, direction: Direction | None) -> dt.date:
    """The named weekday: 1..7 days ahead for the future, 0..6 days back otherwise."""
    if direction == "future":
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _year_for(
    published: dt.date, key: tuple[int, int], direction: Direction, now: tuple[int, int]
) -> int:
    """The year that puts the yearly point ``key`` (a month, a quarter) on the right side.

    Past: the latest occurrence on or before ``now``; future: the first on or after it.
    """
    if direction == "past":
        return published.year if key <= now else published.year - 1
    return published.year if key >= now else published.year + 1


def _nearest_date(
    published: dt.date, month: int, day: int, direction: Direction | None
) -> dt.date | None:
    """The year for a day of the year given without one ("Oct. 11").

    News names dates without a year when they are close to the publication date, so the
    nearest occurrence wins; the tense only rules out candidates on its wrong side, with
    DATE_SLACK of tolerance because deadlines and record dates ("payable Dec. 7", "extended
    to Nov. 20") sit a little ahead of past-tense verbs.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # February 29 outside leap years
            continue
    if direction == "past":
        candidates = [c for c in candidates if c <= published + DATE_SLACK] or candidates
    elif direction == "future":
        ahead = [c for c in candidates if c >= published - DATE_SLACK]
        candidates = [c for c in ahead if c <= published + DATE_REACH] or candidates
    return min(candidates, key=lambda c: abs((c - published).days), default=None)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Value:
    """What a grammar rule computes: the value, its precision, and whether it needed a date."""

    value: str | None
    precision: Precision | None
    relative: bool


ABSOLUTE_NONE = Value(None, None, False)


def _day(day: dt.date, relative: bool = True) -> Value:
    return Value(day.isoformat(), "day", relative)


def _offset(published: dt.date, unit: str, amount: int) -> Value:
    """``amount`` units after ``published`` (negative: before), at the unit's precision."""
    if unit in ("day", "hour", "minute"):
        amount = amount if unit == "day" else 0
        return _day(published + dt.timedelta(days=amount))
    if unit in ("week", "weekend"):
        week = _iso_week(published + dt.timedelta(weeks=amount))
        return Value(week + ("-WE" if unit == "weekend" else ""), "week", True)
    if unit == "month":
        year, month = _shift_months(published, amount)
        return Value(f"{year}-{month:02d}", "month", True)
    if unit == "quarter":
        year, month = _shift_months(published, 3 * amount)
        return Value(f"{year}-Q{(month - 1) // 3 + 1}", "quarter", True)
    if unit == "decade":
        return Value(str(published.year // 10 + amount), "decade", True)
    if unit == "century":
        return Value(str(published.year // 100 + amount), "century", True)
    return Value(str(published.year + amount), "year", True)


def _number(word: str) -> int | None:
    """1 for "a", 3 for "three" or "3"; None for vague amounts ("several")."""
    if re.fullmatch(r"\d+", word):
        return int(word)
    value = lookup("number", word)
    return int(value) if value.isdigit() else None


def _duration(amount: str, unit: str) -> Value:
    """ISO 8601 duration: P3Y, P2W, PT4H; PXD for a vague amount, P2Y6M for "2 1/2 years"."""
    number = _number(amount) if amount else 1
    code = UNIT_CODES[unit]
    time_part = "T" if unit in ("hour", "minute") else ""
    half = HALF_OF.get(unit) if re.fullmatch(r"\d+\s+1/2", amount.strip()) else None
    if half:
        return Value(f"P{time_part}{amount.split()[0]}{code}{half}", None, False)
    if number is None:
        return Value(f"P{time_part}X{code}", None, False)  # "several years": TimeML's PXY
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "quarter": (3, "M")}.get(unit)
    if scale:
        return Value(f"P{number * scale[0]}{scale[1]}", None, False)
    return Value(f"P{time_part}{number}{code}", None, False)


def vague_duration(unit: str) -> Value:
    """A stretch of time of no stated length ("for weeks", "recent months"): PXW, PXM."""
    return _duration("several", unit)
