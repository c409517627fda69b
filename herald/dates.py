"""time: find time expressions and resolve them against the publication date.

Two halves. ``resolve(text, published, direction)`` is a pure function from the words of one
expression to a ``TimeValue``: it matches the text against a small grammar (built from the
word table ``data/time_words.csv``) and does the calendar arithmetic. ``find_timexes`` scans a
parsed text with the same grammar, drops matches the parse says are not dates ("may" the
verb, "2000 people"), works out from the governing verb whether a bare "Tuesday" or "in
January" points back or ahead, and resolves every span.

Values are partial ISO 8601 as in ``TimeValue``, plus the TimeML conventions for parts of
days ("2017-12-18TNI") and weekends ("2017-W50-WE"); durations get ISO 8601 durations
("P3Y", "PXD" when the number is vague) with precision None.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from herald.records import Anchor, ParsedText, Precision, TimeValue, Token

Direction = Literal["past", "future"]
WORDS_TABLE = Path(__file__).with_name("data") / "time_words.csv"
DATE_SLACK = dt.timedelta(days=45)
# A future tense never pushes a yearless date further ahead than this: beyond it, a wrong
# tense cue (often a parse error) is likelier than a plan named without its year.
DATE_REACH = dt.timedelta(days=200)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNIT_CODES = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "quarter": "Q",
    "decade": "DE",
    "century": "CE",
    "hour": "H",
    "minute": "M",
    "weekend": "WE",
}


# --------------------------------------------------------------------------- vocabulary


@functools.cache
def time_words() -> dict[str, dict[str, str]]:
    """The word table as {kind: {word: value}}."""
    table: dict[str, dict[str, str]] = {}
    with WORDS_TABLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest words first so that "sept." wins over "sep"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _lookup(kind: str, word: str) -> str:
    """The table value of ``word`` (any case, with or without a final dot)."""
    words = time_words()[kind]
    key = word.lower()
    return words.get(key, words.get(key + ".", ""))


@functools.cache
def _vocabulary() -> dict[str, str]:
    """Regex alternations for every kind of word, keyed by the placeholder names."""
    words = time_words()
    dotted = [word for word in words["month"] if word.endswith(".")]
    full_months = [word for word in words["month"] if not word.endswith(".")]
    return {
        "MONTH": _alternation(full_months + dotted),
        # Dotless abbreviations ("Sept 30") only where a day number follows.
        "MONTHD": _alternation(full_months + dotted + [w.rstrip(".") for w in dotted]),
        "WEEKDAY": _alternation(list(words["weekday"])),
        "SEASON": _alternation(list(words["season"])),
        "DAYPART": _alternation(list(words["daypart"])),
        "UNIT": _alternation(list(words["unit"])),
        "PLURAL": _alternation([w for w, unit in words["unit"].items() if w != unit]),
        "NUM": _alternation(list(words["number"])) + r"|\d{1,3}(?:\.\d+|\s+1/2)?",
        "ORD": _alternation(list(words["ordinal"])),
        "DEICTIC": _alternation(list(words["deictic"])),
        "MOD": _alternation(list(words["modifier"])),
        "REL": r"last|next|this|past|coming|previous|current|following|this past|this coming",
    }


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
    value = _lookup("number", word)
    return int(value) if value.isdigit() else None


def _duration(amount: str, unit: str) -> Value:
    """ISO 8601 duration: P3Y, P2W, PT4H, PXD for a vague amount."""
    number = _number(amount) if amount else 1
    if number is None:
        return Value(None, None, True)  # "several years": no ISO 8601 value for a vague amount
    count = str(number)
    code = UNIT_CODES[unit]
    if unit == "decade":
        count, code = ("X" if number is None else str(number * 10)), "Y"
    if unit == "century":
        count, code = ("X" if number is None else str(number * 100)), "Y"
    if unit == "quarter":
        count, code = ("X" if number is None else str(number * 3)), "M"
    time_part = "T" if unit in ("hour", "minute") else ""
    return Value(f"P{time_part}{count}{code}", None, False)


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


def _iso_date(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return _checked_day(int(match["y"]), int(match["m"]), int(match["d"]))


def _checked_day(year: int, month: int, day: int, relative: bool = False) -> Value:
    try:
        return _day(dt.date(year, month, day), relative)
    except ValueError:
        return ABSOLUTE_NONE


def _slash_date(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    # US order (month/day) unless the first number cannot be a month.
    month, day = (second, first) if first > 12 else (first, second)
    return _checked_day(year, month, day)


def _month_day(
    match: re.Match[str], published: dt.date | None, direction: Direction | None
) -> Value:
    month, day = int(_lookup("month", match["month"])), int(match["d"])
    if match["y"]:
        return _checked_day(int(match["y"]), month, day)
    if published is None:
        return Value(None, None, True)
    rel = (match["rel"] or "").lower()
    direction = {"last": "past", "next": "future"}.get(rel, direction)  # type: ignore[assignment]
    chosen = _nearest_date(published, month, day, direction)
    return ABSOLUTE_NONE if chosen is None else _day(chosen)


def _month_year(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(f"{match['y']}-{int(_lookup('month', match['month'])):02d}", "month", False)


@_needs_date
def _month(match: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    month = int(_lookup("month", match["month"]))
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
def _weekday(match: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    weekday = int(_lookup("weekday", match["wd"]))
    rel = (match["rel"] or "").lower()
    if rel in ("last", "past", "this past", "previous"):
        day = _weekday_date(published - dt.timedelta(days=1), weekday, "past")
    elif rel in ("next", "coming", "this coming"):
        day = _weekday_date(published, weekday, "future")
    else:
        day = _weekday_date(published, weekday, direction)
    return _day(day)


@_needs_date
def _deictic(match: re.Match[str], published: dt.date, _d: Direction | None) -> Value:
    word = (match["deictic"] or match["deictic2"]).lower()
    shift = int(_lookup("deictic", word)) if word in time_words()["deictic"] else 0
    if word == "last":  # "last night"
        shift = -1
    return _day(published + dt.timedelta(days=shift))


def _relative_unit(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    rel, unit = match["rel"].lower(), _lookup("unit", match["unit"])
    if match["few"] or match["unit"].lower() != unit or rel == "recent":
        return Value(None, None, True)  # "the coming months", "recent years": vague stretches
    if match["the"] and rel in ("previous", "following"):
        return Value(None, None, True)  # "the following day": anchored on another event
    if match["the"] and rel in ("past", "last", "next", "coming"):
        return _duration("", unit)  # "the past year": a stretch of time, not a calendar year
    if published is None:
        return Value(None, None, True)
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}
    return _offset(published, unit, shift.get(rel, 0))


@_needs_date
def _weekend(_m: re.Match[str], published: dt.date, direction: Direction | None) -> Value:
    """ "(over) the weekend": the one just past, or the next one for a future verb."""
    saturday = _weekday_date(published - dt.timedelta(days=1), 5, direction)
    return Value(_iso_week(saturday) + "-WE", "week", True)


def _year(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(match["y"], "year", False)


@_needs_date
def _short_decade(match: re.Match[str], published: dt.date, _d: Direction | None) -> Value:
    digit = int(match["dd"])
    century = published.year // 100 - (1 if digit > published.year % 100 // 10 else 0)
    return Value(f"{century}{digit}", "decade", True)


def _decade(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(match["ddd"], "decade", False)


def _century(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(f"{int(match['n']) - 1:02d}", "century", False)


def _quarter(match: re.Match[str], published: dt.date | None, direction: Direction | None) -> Value:
    quarter = int(match["qn"] or _lookup("ordinal", match["q"]))
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


def _season(match: re.Match[str], published: dt.date | None, direction: Direction | None) -> Value:
    code = _lookup("season", match["season"])
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


def _ago(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    amount, unit = _number(match["n"]), _lookup("unit", match["unit"])
    word = match["dir"].lower()
    if word not in ("ago", "from now", "hence") or amount is None:
        return Value(None, None, True)  # "days earlier": anchored on another event
    if published is None:
        return Value(None, None, True)
    return _offset(published, unit, amount if word != "ago" else -amount)


def _duration_rule(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return _duration(match["n"] or "", _lookup("unit", match["unit"]))


def _vague(_m: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    return Value(None, None, True)


# --------------------------------------------------------------------------- grammar

# Each rule: name, pattern (placeholders in capitals are filled from the word table), handler.
# Order matters only for ties: at one start the longest match wins, then the earlier rule.
RULES: tuple[tuple[str, str, Handler], ...] = (
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _iso_date),
    ("slash", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)", _slash_date),
    (
        "month_day",
        r"(?:(?P<rel>last|next|this)\s+)?(?:(?:WEEKDAY),?\s+)?(?P<month>MONTHD)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        r"(?!\d|:\d)(?:,?\s+(?P<y>\d{4})(?!\d))?",
        _month_day,
    ),
    (
        "day_month",
        r"(?P<rel>)(?:(?:WEEKDAY),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        r"(?:of\s+)?(?P<month>MONTH)(?:,?\s+(?P<y>\d{4})(?!\d))?",
        _month_day,
    ),
    ("month_year", r"(?P<month>MONTH),?\s+(?:of\s+)?(?P<y>\d{4})(?!\d)", _month_year),
    (
        "month",
        r"(?:(?P<rel>REL)\s+)?(?P<month>MONTH)"
        r"(?:\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year)?",
        _month,
    ),
    ("weekday", r"(?:(?P<rel>REL)\s+)?(?P<wd>WEEKDAY)(?:\s+(?P<part>DAYPART))?", _weekday),
    (
        "deictic",
        r"(?P<deictic>DEICTIC)(?:\s+(?P<part>DAYPART))?"
        r"|(?P<deictic2>this|last)\s+(?P<part2>DAYPART)",
        _deictic,
    ),
    (
        "relative_unit",
        r"(?P<the>the\s+)?(?P<rel>REL|recent)\s+(?:(?P<few>few|several)\s+)?"
        r"(?P<unit>UNIT)",
        _relative_unit,
    ),
    (
        "vague_units",
        r"(?P<unit>PLURAL)(?:\s+(?:ago|earlier|later)|(?=\s+(?:after|before)\b))"
        r"|(?<=\bfor\s)(?P<unit2>PLURAL)",
        _vague,
    ),
    ("year", r"(?:(?:fiscal|calendar)\s+)?(?P<y>1[5-9]\d\d|20\d\d)(?!,\d|-\d|s\b|'s)", _year),
    ("short_decade", r"(?:the\s+)?'(?P<dd>\d)0s", _short_decade),
    ("decade", r"(?:the\s+)?(?P<ddd>1[5-9]\d|20\d)0'?s", _decade),
    ("century", r"(?:the\s+)?(?P<n>1\d|2[01])(?:st|nd|rd|th)[\s-]+century", _century),
    (
        "quarter",
        r"(?:the\s+)?(?:(?P<y2>\d{4})\s+)?(?P<q>ORD)[\s-]+quarter"
        r"(?:\s+(?:of\s+)?(?P<y>\d{4}))?|Q(?P<qn>[1-4])(?:\s+(?P<y3>\d{4}))?",
        _quarter,
    ),
    (
        "season",
        r"(?:(?P<rel>REL|the)\s+)?(?P<season>SEASON)(?:\s+(?:of\s+)?(?P<y>\d{4}))?",
        _season,
    ),
    ("weekend", r"the\s+weekend", _weekend),
    (
        "ago",
        r"(?P<n>NUM)[\s-]+(?P<unit>UNIT)(?:\s+or\s+(?:so|two|more))?\s+(?P<dir>ago|earlier|later|"
        r"afterwards?|from now|hence)",
        _ago,
    ),
    (
        "duration",
        r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final)\s+)?"
        r"(?P<n>NUM)[\s-]+(?P<unit>UNIT)(?:\s+or\s+(?:so|two|more))?",
        _duration_rule,
    ),
)


def _expand(pattern: str) -> str:
    vocabulary = _vocabulary()
    return re.sub(r"\b[A-Z]{3,}\b", lambda m: vocabulary.get(m[0], m[0]), pattern)


@functools.cache
def _compiled() -> tuple[tuple[str, re.Pattern[str], Handler], ...]:
    """Every rule compiled, anchored on word boundaries on both sides."""
    return tuple(
        (name, re.compile(rf"(?<![\w'])(?:{_expand(pattern)})(?!\w)", re.IGNORECASE), handler)
        for name, pattern, handler in RULES
    )


@functools.cache
def _modifier_pattern() -> re.Pattern[str]:
    """A modifier phrase in front of an expression ("early", "the end of", "mid-")."""
    return re.compile(rf"(?:the\s+)?(?:{_vocabulary()['MOD']})(?:\s+|-)", re.IGNORECASE)


# --------------------------------------------------------------------------- resolve


def _split_modifier(text: str) -> tuple[str | None, str]:
    """("early", "next year") for "early next year"; (None, text) when nothing leads."""
    clock = re.match(rf"{CLOCK},?\s+", text, re.IGNORECASE)
    if clock and clock.end() < len(text):
        return _split_modifier(text[clock.end() :])
    match = _modifier_pattern().match(text)
    if not match or match.end() == len(text):
        return None, text
    kind = _lookup("modifier", re.sub(r"^the\s+", "", match[0].strip(" -").lower()))
    if not kind:
        kind = _lookup("modifier", match[0].strip(" -").lower())
    _, core = _split_modifier(text[match.end() :])
    return (None if kind == "none" else kind), core


def _evaluate(
    text: str, published: dt.date | None, direction: Direction | None
) -> tuple[str | None, Value] | None:
    """The modifier and value of the first rule that matches all of ``text``."""
    modifier, core = _split_modifier(text.strip())
    for _name, pattern, handler in _compiled():
        match = pattern.fullmatch(core)
        if match:
            return modifier, handler(match, published, direction)
    return None


def resolve(text: str, published: dt.date | None, direction: Direction | None = None) -> TimeValue:
    """Resolve one time expression against the publication date.

    ``direction`` says where the governing verb points: "future" ("will meet on Tuesday"),
    "past" ("met on Tuesday"), or None (no tense cue: months and weekdays then look back,
    dates without a year take the nearest year).
    """
    found = _evaluate(text, published, direction)
    if found is None:
        return TimeValue(text=text, value=None, precision=None, anchor="unresolved")
    modifier, value = found
    anchor: Anchor = "relative" if value.relative else "absolute"
    if value.value is None:
        anchor = "unresolved"
    return TimeValue(
        text=text, value=value.value, precision=value.precision, anchor=anchor, modifier=modifier
    )


# --------------------------------------------------------------------------- detection

# Words before a bare year that make it a date ("in 1998", "since 2001", "fiscal 1989").
YEAR_CUES = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "to",
        "through",
        "of",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "fiscal",
        "calendar",
        "year",
        "and",
        "or",
        "between",
        ",",
        "end",
        "beginning",
        "summer",
        "winter",
        "spring",
        "fall",
        "autumn",
    ]
)
FUTURE_LEMMAS = frozenset(
    [
        "plan",
        "schedule",
        "expect",
        "intend",
        "due",
        "set",
        "aim",
        "hope",
        "prepare",
        "propose",
        "arrange",
        "slate",
    ]
)
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Modals of obligation and possibility mostly look ahead in news ("must leave by Jan. 14").
MODAL_AUX = frozenset({"must", "should", "may", "might", "can", "ought"})
# Words just before an expression that make it a deadline or a start: ahead of the text.
FUTURE_CUE = re.compile(
    r"(?:\bas (?:soon|early) as|\bby|\buntil|\btill|\bthrough|\bno later than)\s+$", re.IGNORECASE
)
PAST_AUX = frozenset({"has", "have", "had", "was", "were", "'ve", "'d"})
SPAN_DIRECTED = frozenset(
    {"weekend", "month", "weekday", "month_day", "day_month", "quarter", "season"}
)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: int  # index into RULES: earlier rules win ties
    approx: bool = False  # "about", "nearly" just before: kept out of the span, as in TimeML


def _tokens_in(parsed: ParsedText, start: int, end: int) -> list[Token]:
    return [t for t in parsed.tokens if t.idx < end and t.end > start]


def _token_at(parsed: ParsedText, offset: int) -> Token | None:
    for token in parsed.tokens:
        if token.idx <= offset < token.end:
            return token
    return None


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w']+|,)\s*$", text[max(0, start - 20) : start])
    return match[1].lower() if match else ""


def _plausible(parsed: ParsedText, name: str, match: re.Match[str]) -> bool:
    """Drop matches that the words around them or the parse say are not times."""
    text = parsed.text
    if name == "month" and not (match["rel"] or match["yrel"]):
        word = match["month"]
        token = _token_at(parsed, match.start("month"))
        if not word[0].isupper() or token is None:
            return False
        # "may" and "march" are verbs far more often than months.
        return word.lower() not in ("may", "march") or token.tag == "NNP"
    if name == "year":
        token = _token_at(parsed, match.start("y"))
        before = text[max(0, match.start() - 1) : match.start()]
        after = text[match.end() : match.end() + 2]
        if before == "$" or after.startswith(("%", " percent")):
            return False
        if token is not None and _counts_things(parsed, token):
            return False  # "2000 people"
        cued = _previous_word(text, match.start()) in YEAR_CUES
        return cued or (token is not None and token.ent_type == "DATE")
    if name == "season" and not (match["rel"] or match["y"]):
        return False
    if name == "duration":
        return not text[match.end() : match.end() + 4].lower().startswith("-old")
    return True


def _counts_things(parsed: ParsedText, token: Token) -> bool:
    """A number that counts a noun ("2000 people") rather than naming a year."""
    head = parsed.tokens[token.head]
    return token.dep == "nummod" and head.pos == "NOUN" and head.tag == "NNS"


def _candidates(parsed: ParsedText) -> list[Candidate]:
    found = []
    for index, (name, pattern, _handler) in enumerate(_compiled()):
        for match in pattern.finditer(parsed.text):
            if _plausible(parsed, name, match):
                start = _extend_left(parsed.text, match.start())
                approx = bool(_approx_before().search(parsed.text[max(0, start - 25) : start]))
                found.append(Candidate(start, match.end(), index, approx))
    return found


# A clock time in front of a day ("9 a.m. Tuesday", "noon Saturday"): part of the span,
# though the value stays at day precision.
CLOCK = (
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+(?:EST|EDT|GMT|local time))?"
    r"|noon|midnight|mid-?(?:morning|afternoon|day))"
)


def _modifier_words(*kinds: str) -> str:
    return _alternation([w for w, kind in time_words()["modifier"].items() if kind in kinds])


@functools.cache
def _leading_modifier() -> re.Pattern[str]:
    """Qualifiers taken into the span: "early", "the end of", "mid-", a clock time."""
    words = _modifier_words("early", "mid", "late")
    return re.compile(rf"(?<![\w'])(?:(?:the\s+)?(?:{words})(?:\s+|-)|{CLOCK},?\s+)$", re.I)


@functools.cache
def _approx_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{_modifier_words('approx')})\s+$", re.IGNORECASE)


def _extend_left(text: str, start: int) -> int:
    """Take in the modifiers just before an expression ("early" in "early next year")."""
    while True:
        match = _leading_modifier().search(text[max(0, start - 25) : start])
        if not match:
            return start
        start -= len(match[0])


def _non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first; a shorter one survives only where nothing longer covers it."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


# --------------------------------------------------------------------------- tense


def _governing_verb(parsed: ParsedText, start: int, end: int) -> Token | None:
    """The first verb above the expression in the dependency tree."""
    inside = _tokens_in(parsed, start, end)
    outside = [t for t in inside if not start <= parsed.tokens[t.head].idx < end]
    token = outside[0] if outside else (inside[0] if inside else None)
    for _ in range(8):
        if token is None or token.head == token.i:
            return None
        token = parsed.tokens[token.head]
        if token.pos in ("VERB", "AUX"):
            return token
    return None


def _direction_of_verb(parsed: ParsedText, verb: Token) -> Direction | None:
    """Future for "will meet", "is to meet", "plans to meet"; past for "met", "has met"."""
    auxiliaries = [c.text.lower() for c in parsed.children(verb.i) if c.dep in ("aux", "auxpass")]
    if set(auxiliaries) & (FUTURE_AUX | MODAL_AUX) or verb.lemma in FUTURE_LEMMAS:
        return "future"  # "will meet", "must leave", "has scheduled a meeting for Thursday"
    if "would" in auxiliaries or "could" in auxiliaries:
        return None
    if not auxiliaries and verb.tag == "VB" and _modal_just_before(parsed, verb):
        return "future"  # a broken parse of "will co-host" leaves "host" without its "will"
    if "to" in auxiliaries:
        head = parsed.tokens[verb.head]
        if head.lemma in FUTURE_LEMMAS or (head.lemma == "be" and verb.dep == "xcomp"):
            return "future"  # "plans to travel", "is to travel"
        return "future" if verb.tag == "VBN" and "be" in auxiliaries else None  # "to be held"
    if verb.tag == "VBG":
        if {"is", "are", "'s", "'re", "am"} & set(auxiliaries):
            return "future"  # news present progressive: "is meeting Tuesday"
        return "past" if {"was", "were"} & set(auxiliaries) else None
    if verb.tag == "VBD" or (verb.tag == "VBN" and not {"is", "are"} & set(auxiliaries)):
        return "past"
    return None


def _modal_just_before(parsed: ParsedText, verb: Token) -> bool:
    sentence = parsed.sentences[verb.sent]
    before = parsed.tokens[max(sentence.start, verb.i - 4) : verb.i]
    return any(t.text.lower() in FUTURE_AUX | MODAL_AUX for t in before)


def direction_at(parsed: ParsedText, start: int, end: int) -> Direction | None:
    """Where the verb governing the characters [start, end) points in time."""
    verb = _governing_verb(parsed, start, end)
    direction = None if verb is None else _direction_of_verb(parsed, verb)
    if direction is None and FUTURE_CUE.search(parsed.text[max(0, start - 25) : start]):
        return "future"
    return direction


# --------------------------------------------------------------------------- find


def find_timexes(parsed: ParsedText, published: dt.date | None) -> tuple[TimeValue, ...]:
    """Every time expression of the text, resolved against ``published`` where possible."""
    timexes = []
    for candidate in _non_overlapping(_candidates(parsed)):
        text = parsed.text[candidate.start : candidate.end]
        name = RULES[candidate.rule][0]
        direction = direction_at(parsed, candidate.start, candidate.end)
        if name not in SPAN_DIRECTED:
            direction = None
        value = resolve(text, published, direction)
        if candidate.approx and value.modifier is None:
            value = dataclasses.replace(value, modifier="approx")
        timexes.append(_with_span(value, candidate.start, candidate.end))
    return tuple(timexes)


def _with_span(value: TimeValue, start: int, end: int) -> TimeValue:
    return TimeValue(
        text=value.text,
        value=value.value,
        precision=value.precision,
        anchor=value.anchor,
        modifier=value.modifier,
        start=start,
        end=end,
    )
