"""Calendar side of the time stage: the word table and what each grammar rule computes.

``time_words()`` reads ``data/time/time_words.csv``; ``vocabulary()`` turns its kinds into regex
alternations for the grammar (``herald.time.patterns``). The handlers take a regex match of
one rule, the publication date and the direction of the governing verb, and return a
``Value``: the partial ISO 8601 value, its precision, and whether it needed the date.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from herald.data_files import data_path
from herald.records import Precision

Direction = Literal["past", "future"]
WORDS_TABLE = data_path("time/time_words.csv")
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


# --------------------------------------------------------------------------- vocabulary


@functools.cache
def time_words() -> dict[str, dict[str, str]]:
    """The word table as {kind: {word: value}}."""
    table: dict[str, dict[str, str]] = {}
    with WORDS_TABLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def alternation(words: list[str]) -> str:
    """A regex alternation, longest words first so that "sept." wins over "sep"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def lookup(kind: str, word: str) -> str:
    """The table value of ``word`` (any case, with or without a final dot)."""
    words = time_words()[kind]
    key = word.lower()
    return words.get(key, words.get(key + ".", ""))


@functools.cache
def vocabulary() -> dict[str, str]:
    """Regex alternations for every kind of word, keyed by the placeholder names."""
    words = time_words()
    dotted = [word for word in words["month"] if word.endswith(".")]
    full_months = [word for word in words["month"] if not word.endswith(".")]
    return {
        "MONTH": alternation(full_months + dotted),
        # Dotless abbreviations ("Sept 30") only where a day number follows.
        "MONTHD": alternation(full_months + dotted + [w.rstrip(".") for w in dotted]),
        "WEEKDAY": alternation(list(words["weekday"])),
        "SEASON": alternation(list(words["season"])),
        "DAYPART": alternation(list(words["daypart"])),
        "UNIT": alternation(list(words["unit"])),
        "PLURAL": alternation([w for w, unit in words["unit"].items() if w != unit]),
        "NUM": alternation(list(words["number"])) + r"|\d{1,3}(?:\.\d+|\s+1/2)?",
        "ORD": alternation(list(words["ordinal"])),
        "DEICTIC": alternation(list(words["deictic"])),
        "MOD": alternation(list(words["modifier"])),
        "REFERENCE": alternation(list(words["reference"])),
        "FREQUENCY": alternation(list(words["frequency"])),
        "SPELLEDYEAR": _spelled_year_pattern(words["number"]),
        "DECADEWORD": alternation(list(words["decade_word"])),
        "REL": r"last|next|this|past|coming|previous|current|following|this past|this coming",
    }


def _spelled_year_pattern(numbers: dict[str, str]) -> str:
    """Years in words: "nineteen ninety-seven", "two thousand and one"."""
    value_of = {w: int(v) for w, v in numbers.items() if v.isdigit() and " " not in w}
    ones = alternation([w for w, v in value_of.items() if 1 <= v <= 9 and len(w) > 2])
    teens = alternation([w for w, v in value_of.items() if 10 <= v <= 19])
    tens = alternation([w for w, v in value_of.items() if v >= 20 and v % 10 == 0])
    pair = rf"(?:{tens})(?:[\s-](?:{ones}))?|{teens}|oh[\s-](?:{ones})"
    return (
        rf"(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
        rf"\s+(?:{pair})|two\s+thousand(?:\s+(?:and\s+)?(?:{ones}|{teens}))?"
    )


# --------------------------------------------------------------------------- calendar


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _weekday_date(published: dt.date, weekday: int, direction: Direction | None) -> dt.date:
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
    if match["y"]:
        return _checked_day(int(match["y"]), month, day)
    if published is None:
        return Value(None, None, True)
    rel = (match["rel"] or "").lower()
    direction = {"last": "past", "next": "future"}.get(rel, direction)  # type: ignore[assignment]
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
        day = _weekday_date(published - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming", "this coming"):
        day = _weekday_date(published, weekday, "future")
    else:
        day = _weekday_date(published, weekday, direction)
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
    saturday = _weekday_date(published - dt.timedelta(days=1), 5, direction)
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
