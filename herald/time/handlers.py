"""The time stage's rule handlers: what each grammar rule of ``herald.time.patterns`` computes.

A handler takes a regex match of one rule, the publication date and the direction of the
governing verb, and returns a ``Value``: the partial ISO 8601 value, its precision, and
whether it needed the date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from herald.time.calendar import (
    ABSOLUTE_NONE,
    SEASON_START,
    Direction,
    Value,
    _day,
    _duration,
    _iso_week,
    _nearest_date,
    _number,
    _offset,
    _year_for,
    vague_duration,
    weekday_date,
)
from herald.time.vocabulary import lookup, time_words

Handler = Callable[[re.Match[str], dt.date | None, Direction | None], Value]


def _needs_date(handler: Callable[[re.Match[str], dt.date, Direction | None], Value]) -> Handler:
    """Wrap a rule that computes from the publication date: without one it is unresolved."""

    def wrapped(
        match: re.Match[str], published: dt.date | None, direction: Direction | None
    ) -> Value:
        if published is None:
            return Value(None, None, True)
        return handler(match, published, direction)

    return wrapped


def iso_date(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return _checked_day(int(match["y"]), int(match["m"]), int(match["d"]))


def _checked_day(year: int, month: int, day: int, relative: bool = False) -> Value:
    try:
        return _day(dt.date(year, month, day), relative)
    except ValueError:
        return ABSOLUTE_NONE


def slash_date(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # US order (month/day) unless the first number cannot be a month.
    month, day = (second, first) if first > 12 else (first, second)
    return _checked_day(year, month, day)


def month_day(
    match: re.Match[str], published: dt.date | None, direction: Direction | None
) -> Value:
    month, day = int(lookup("month", match["month"])), int(match["d"])
    return _day_of_year(match, month, day, published, direction)


def holiday(match: re.Match[str], published: dt.date | None, direction: Direction | None) -> Value:
    """A holiday kept on one day of the year, with its year written or named ("New Year's
    Eve 2015", "last Christmas Day"; patterns.HOLIDAY_YEAR), resolved as that day and month
    would be."""
    days = {_plain(name): value for name, value in time_words()["holiday"].items()}
    month, day = (int(part) for part in days[_plain(match["holiday"])].split("-"))
    return _day_of_year(match, month, day, published, direction)


def _plain(name: str) -> str:
    """A holiday's name however it is written: "New Year's Eve", "New Year\u2019s Eve" (curly) and
    "New Years Eve" are one."""
    return re.sub("['\u2019]", "", " ".join(name.lower().split()))


def _day_of_year(
    match: re.Match[str],
    month: int,
    day: int,
    published: dt.date | None,
    direction: Direction | None,
) -> Value:
    """A day and month, with the year the match writes or names, else the nearest one."""
    if match["y"]:
        return _checked_day(int(match["y"]), month, day)
    if published is None:
        return Value(None, None, True)
    if match["yrel"]:  # "June 12 last year": the day in the year named from publication's
        offset = {"last": -1, "next": 1}.get(match["yrel"].lower(), 0)
        return _checked_day(published.year + offset, month, day, relative=True)
    rel = (match["rel"] or "").lower()
    if rel == "last":  # "last Christmas Day": the latest before publication, however near
        before = (month, day) < (published.month, published.day)
        year = published.year if before else published.year - 1
        return _checked_day(year, month, day, relative=True)
    direction = "future" if rel == "next" else direction
    chosen = _nearest_date(published, month, day, direction)
    return ABSOLUTE_NONE if chosen is None else _day(chosen)


def month_year(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(f"{match['y']}-{int(lookup('month', match['month'])):02d}", "month", False)


@_needs_date
def month(match: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    month = int(lookup("month", match["month"]))
    rel, year_rel = (match["rel"] or "").lower(), (match["yrel"] or "").lower()
    if year_rel:
        year = published.year + {"last": -1, "next": 1}.get(year_rel, 0)
    elif rel == "this":
        year = published.year
    elif rel in ("last", "past", "this past", "previous"):
        year = published.year if month < published.month else published.year - 1
    elif rel in ("next", "coming", "this coming"):
        year = published.year if month > published.month else published.year + 1
    else:
        now = (published.month, 0)
        year = _year_for(published, (month, 0), direction or "past", now)
    return Value(f"{year}-{month:02d}", "month", True)


@_needs_date
def weekday(match: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    weekday = int(lookup("weekday", match["wd"]))
    rel = (match["rel"] or "").lower()
    if rel in ("last", "past", "this past", "previous"):
        day = weekday_date(published - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming", "this coming"):
        day = weekday_date(published, weekday, "future")
    elif direction == "past" and weekday == (published.weekday() + 1) % 7:
        # the day after the stamp, told in the past: a story stamped in UTC (or in New
        # York) on the evening before that day where it happened ("fired a missile early on
        # Tuesday", stamped Monday 21:31 UTC in Tokyo), not six days back
        day = published + dt.timedelta(days=1)
    else:
        day = weekday_date(published, weekday, direction)
    return with_daypart(_day(day), match["part"])


def with_daypart(value: Value, part: str | None) -> Value:
    """A day with a part of it, as TimeML writes them: "Friday morning" -> "...-05TMO"."""
    if not part or value.value is None:
        return value
    return Value(f"{value.value}T{lookup('daypart', part)}", value.precision, value.relative)


@_needs_date
def deictic(match: re.Match[str], published: dt.date, _d: Direction | None) -> Value:
    word = (match["deictic"] or match["deictic2"]).lower()
    shift = int(lookup("deictic", word)) if word in time_words()["deictic"] else 0
    if word == "last":  # "last night"
        shift = -1
    part = match["part"] or match["part2"] or ("night" if word == "tonight" else None)
    return with_daypart(_day(published + dt.timedelta(days=shift)), part)


def relative_unit(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    rel, unit = match["rel"].lower(), lookup("unit", match["unit"])
    if match["few"] or match["unit"].lower() != unit or rel == "recent":
        if rel in ("past", "last", "recent", "previous"):
            return vague_duration(unit)  # "recent years", "the past few weeks": PXY, PXW
        return Value(None, None, True)  # "the coming months": ahead, of no stated length
    if match["the"] and rel in ("previous", "following"):
        return Value(None, None, True)  # "the following day": anchored on another event
    if match["the"] and rel in ("past", "last", "next", "coming"):
        return _duration("", unit)  # "the past year": a stretch of time, not a calendar year
    if published is None:
        return Value(None, None, True)
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}
    return _offset(published, unit, shift.get(rel, 0))


@_needs_date
def weekend(_m: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    """ "(over) the weekend": the one just past, or the next one for a future verb."""
    saturday = weekday_date(published - dt.timedelta(days=1), 5, direction)
    return Value(_iso_week(saturday) + "-WE", "week", True)


def year(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(match["y"], "year", False)


@_needs_date
def short_decade(match: re.Match[str], published: dt.date, _d: Direction | None) -> Value:
    digit = int(match["dd"])
    century = published.year // 100 - (1 if digit > published.year % 100 // 10 else 0)
    return Value(f"{century}{digit}", "decade", True)


def decade(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(match["ddd"], "decade", False)


def century(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(f"{int(match['n']) - 1:02d}", "century", False)


def quarter(match: re.Match[str], published: dt.date | None, direction: Direction | None) -> Value:
    quarter = int(match["qn"] or lookup("ordinal", match["q"]))
    year_text = match["y"] or match["y2"] or match["y3"]
    if year_text:
        return Value(f"{year_text}-Q{quarter}", "quarter", False)
    if published is None:
        return Value(None, None, True)
    now = ((published.month - 1) // 3 + 1, 0)
    # The quarter named without a year is the latest one begun: quarterly results are
    # announced after the quarter, whatever the tense of the verb.
    year = _year_for(published, (quarter, 0), "past", now)
    return Value(f"{year}-Q{quarter}", "quarter", True)


def season(match: re.Match[str], published: dt.date | None, direction: Direction | None) -> Value:
    code = lookup("season", match["season"])
    if match["y"]:
        return Value(f"{match['y']}-{code}", "season", False)
    if published is None:
        return Value(None, None, True)
    rel = (match["rel"] or "").lower()
    start = SEASON_START[code]
    # Seasons as points in the year by starting month; January and February belong to the
    # winter that began in the previous December.
    now_month = published.month if published.month > 2 else published.month + 12
    this_year = published.year if published.month > 2 else published.year - 1
    if rel == "this":
        year = this_year
    elif rel in ("last", "past", "previous", "this past"):
        year = this_year if start < now_month - 2 else this_year - 1
    elif rel in ("next", "coming", "this coming"):
        year = this_year if start > now_month else this_year + 1
    else:
        chosen = direction or "past"
        later = start > now_month if chosen == "past" else start < now_month - 2
        year = this_year + (0 if not later else (-1 if chosen == "past" else 1))
    return Value(f"{year}-{code}", "season", True)


def ago(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    amount, unit = _number(match["n"]), lookup("unit", match["unit"])
    word = match["dir"].lower()
    if word.startswith(("later", "after")):
        return _duration(match["n"], unit)  # "three days later": TimeML keeps the length
    if word == "ago" and amount is None:
        return Value("PAST_REF", None, True)  # "several years ago"
    if word not in ("ago", "from now", "hence") or amount is None:
        return Value(None, None, True)  # "a year earlier": anchored on another event
    if published is None:
        return Value(None, None, True)
    return _offset(published, unit, amount if word != "ago" else -amount)


def duration_rule(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return _duration(match["n"] or "", lookup("unit", match["unit"]))


def vague(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    """ "for weeks": PXW; "years ago": PAST_REF; "days before": anchored elsewhere."""
    unit = match["unit2"] or match["unit3"]
    if unit:
        return vague_duration(lookup("unit", unit))
    if match[0].lower().endswith(" ago"):
        return Value("PAST_REF", None, True)
    return Value(None, None, True)
