"""Grammar of the time stage: the rules that find time expressions in text.

Each rule pairs a pattern (placeholders in capitals come from the word table) with a handler
of ``herald.time.handlers``. ``candidates(parsed)`` scans a parsed text with every rule,
drops matches the parse says are not times ("may" the verb, "2000 people"), takes in leading
modifiers ("early next year") and keeps the longest non-overlapping matches.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from herald.records import ParsedText, Token
from herald.time.calendar import UNIT_CODES, Direction, Value
from herald.time.handlers import (
    Handler,
    ago,
    century,
    decade,
    deictic,
    duration_rule,
    holiday,
    iso_date,
    month,
    month_day,
    month_year,
    quarter,
    relative_unit,
    season,
    short_decade,
    slash_date,
    vague,
    weekday,
    weekend,
    year,
)
from herald.time.vocabulary import alternation, lookup, time_words, vocabulary

# --------------------------------------------------------------------------- references


def reference(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    """TimeML's reference values: "now" PRESENT_REF, "recently" PAST_REF."""
    return Value(lookup("reference", re.sub(r"\s+", " ", match["ref"])), None, True)


def frequency(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    """How often, as TimeML writes sets: "daily" P1D, "every quarter" P1Q."""
    if match["freq"]:
        return Value(lookup("frequency", match["freq"]), None, False)
    unit = lookup("unit", match["unit"])
    time_part = "T" if unit in ("hour", "minute") else ""
    code = "Q" if unit == "quarter" else UNIT_CODES[unit]
    return Value(f"P{time_part}1{code}", None, False)


def this_unit(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    """ "the year", "the week": the one of the publication date, as TimeML resolves them."""
    if published is None:
        return Value(None, None, True)
    unit = match["unit"].lower()
    if unit == "week":
        return Value(f"{published.year}-WXX", "year", True)
    if unit == "month":
        return Value(f"{published.year}-{published.month:02d}", "month", True)
    return Value(str(published.year), "year", True)


def that_unit(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    """ "that day", "the same month": a date named before in the text, which the scan of the
    text fills in (``timexes._named_before``); unresolved until then."""
    unit = match["unit"].lower()
    return Value(None, unit if unit != "week" else None, True)  # type: ignore[arg-type]


def latest_quarter(published: dt.date, years_back: int = 0) -> str:
    """The last quarter ended before ``published``: what earnings reports are about."""
    index = published.year * 4 + (published.month - 1) // 3 - 1 - 4 * years_back
    return f"{index // 4}-Q{index % 4 + 1}"


def quarter_ref(_m: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    """ "the quarter", "the latest period": by default the last quarter ended."""
    if published is None:
        return Value(None, None, True)
    return Value(latest_quarter(published), "quarter", True)


def year_ago_ref(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    """ "the year-ago quarter", "the 1988 period": the same quarter of an earlier year."""
    if published is None:
        return Value(None, None, True)
    quarter = latest_quarter(published, years_back=1)
    if match["y"]:
        quarter = match["y"] + quarter[4:]
    return Value(quarter, "quarter", True)


def clock_value(text: str) -> str | None:
    """ "22:00" for "10 p.m.", "12:00" for "noon", "AF" for "mid-afternoon"; else None."""
    lowered = re.sub(r"\s+(?:est|edt|gmt|local time)$", "", text.lower())
    if lowered == "noon":
        return "12:00"
    part = re.fullmatch(r"mid-?(morning|afternoon|evening)", lowered)
    if part:
        return lookup("daypart", part[1])
    found = re.fullmatch(r"(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?", lowered)
    if found is None:
        return None
    hour = int(found[1]) % 12 + (12 if found[3] == "p" else 0)
    return f"{hour:02d}:{found[2] or '00'}"


def spelled_year(match: re.Match[str], _p: dt.date | None, _d: Direction | None) -> Value:
    """ "nineteen ninety-seven" 1997, "two thousand" 2000 (broadcast transcripts)."""
    words = re.split(r"[\s-]+", match["spelled"].lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return Value(str(2000 + sum(_spelled(w) for w in rest)), "year", False)
    return Value(str(_spelled(words[0]) * 100 + sum(_spelled(w) for w in words[1:])), "year", False)


def _spelled(word: str) -> int:
    return 0 if word == "oh" else int(lookup("number", word))


def spelled_decade(match: re.Match[str], published: dt.date | None, _d: Direction | None) -> Value:
    """ "the nineties": the latest such decade up to the publication year."""
    if published is None:
        return Value(None, None, True)
    digit = int(lookup("decade_word", match["tens"]))
    century = published.year // 100 - (1 if digit > published.year % 100 // 10 else 0)
    return Value(f"{century}{digit}", "decade", True)


# --------------------------------------------------------------------------- grammar

# A clock time in front of a day ("9 a.m. Tuesday", "noon Saturday"): part of the span,
# though the value stays at day precision.
CLOCK_TIME = r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+(?:EST|EDT|GMT|local time))?|noon"
CLOCK = rf"(?:{CLOCK_TIME}|midnight|mid-?(?:morning|afternoon|day))"
# The year of a date named from the publication's ("June last year", "June 12 of next year").
RELATIVE_YEAR = r"\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year"
# The year after a day and month: written out ("June 12, 2016") or named ("June 12 last year").
DAY_YEAR = rf"(?:,?\s+(?P<y>\d{{4}})(?!\d)|{RELATIVE_YEAR})?"
# A holiday is a date only with its year, or "last", "next", "this" before it: a bare
# "New Year's Eve" names an occasion more often than a day ("New Year's Eve celebrations",
# "the attacks on New Year's Eve" two years before), and no nearest occurrence tells which.
HOLIDAY_YEAR = rf"{DAY_YEAR}(?(rel)|(?(y)|(?(yrel)|(?!))))"


# Each rule: name, pattern (placeholders in capitals are filled from the word table), handler.
# Order matters only for ties: at one start the longest match wins, then the earlier rule.
RULES: tuple[tuple[str, str, Handler], ...] = (
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", iso_date),
    ("slash", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)", slash_date),
    (
        "month_day",
        r"(?:(?P<rel>last|next|this)\s+)?(?:(?:WEEKDAY),?\s+)?(?P<month>MONTHD)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?!\d|:\d){DAY_YEAR}",
        month_day,
    ),
    (
        "day_month",
        r"(?P<rel>)(?:(?:WEEKDAY),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?(?P<month>MONTH){DAY_YEAR}",
        month_day,
    ),
    ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>HOLIDAY){HOLIDAY_YEAR}", holiday),
    ("month_year", r"(?P<month>MONTH),?\s+(?:of\s+)?(?P<y>\d{4})(?!\d)", month_year),
    (
        "month",
        rf"(?:(?P<rel>REL)\s+)?(?P<month>MONTH)(?:{RELATIVE_YEAR})?",
        month,
    ),
    ("weekday", r"(?:(?P<rel>REL)\s+)?(?P<wd>WEEKDAY)(?:\s+(?P<part>DAYPART))?", weekday),
    (
        "deictic",
        r"(?P<deictic>DEICTIC)(?:\s+(?P<part>DAYPART))?"
        r"|(?P<deictic2>this|last)\s+(?P<part2>DAYPART)",
        deictic,
    ),
    (
        "relative_unit",
        r"(?P<the>the\s+)?(?P<rel>REL|recent)\s+(?:(?P<few>few|several)\s+)?"
        r"(?P<unit>UNIT)",
        relative_unit,
    ),
    (
        "vague_units",
        r"(?P<unit>PLURAL)(?:\s+(?:ago|earlier|later)|(?=\s+(?:after|before)\b))"
        r"|(?:(?<=\bfor\s)|(?<=\bin\s))(?P<unit2>PLURAL)(?!\s+(?:ago|earlier|later|of)\b)"
        r"|(?<=\bwithin\s)(?P<unit3>PLURAL)",
        vague,
    ),
    ("year", r"(?:(?:fiscal|calendar)\s+)?(?P<y>1[5-9]\d\d|20\d\d)(?!,\d|-\d|s\b|'s)", year),
    ("spelled_year", r"(?:the\s+year\s+)?(?P<spelled>SPELLEDYEAR)(?!\s+UNIT)", spelled_year),
    ("spelled_decade", r"the\s+(?P<tens>DECADEWORD)", spelled_decade),
    ("short_decade", r"(?:the\s+)?'(?P<dd>\d)0s", short_decade),
    ("decade", r"(?:the\s+)?(?P<ddd>1[5-9]\d|20\d)0'?s", decade),
    ("century", r"(?:the\s+)?(?P<n>1\d|2[01])(?:st|nd|rd|th)[\s-]+century", century),
    (
        "quarter",
        r"(?:the\s+)?(?:(?P<y2>\d{4})\s+)?(?P<q>ORD)[\s-]+quarter"
        r"(?:\s+(?:of\s+)?(?P<y>\d{4}))?|Q(?P<qn>[1-4])(?:\s+(?P<y3>\d{4}))?",
        quarter,
    ),
    (
        "season",
        r"(?:(?P<rel>REL|the)\s+)?(?P<season>SEASON)(?:\s+(?:of\s+)?(?P<y>\d{4}))?",
        season,
    ),
    ("weekend", r"the\s+weekend", weekend),
    (
        "ago",
        r"(?P<n>NUM)[\s-]+(?P<unit>UNIT)(?:\s+or\s+(?:so|two|more))?\s+(?P<dir>ago|earlier|later|"
        r"afterwards?|from now|hence)",
        ago,
    ),
    ("reference", r"(?P<ref>REFERENCE)(?!\s+(?:NUM|UNIT)\b)", reference),
    ("frequency", r"(?P<freq>FREQUENCY)|(?:every|each)\s+(?P<unit>UNIT)", frequency),
    (
        "that_unit",
        r"(?:(?:earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(?P<unit>day|week|month|year)",
        that_unit,
    ),
    (
        "the_year",
        r"the\s+(?:(?:full|fiscal|current|calendar|latest fiscal)\s+)?(?P<unit>year|week|month)"
        r"",
        this_unit,
    ),
    (
        "quarter_ref",
        r"the\s+(?:(?:latest|most recent|current)\s+)?quarter|the\s+latest\s+period",
        quarter_ref,
    ),
    (
        "year_ago_ref",
        r"(?:the\s+)?(?:year-ago|year-earlier)(?:\s+(?:quarter|period))?"
        r"|the\s+(?P<y>\d{4})\s+(?:quarter|period)",
        year_ago_ref,
    ),
    (
        "duration",
        r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final)\s+)?"
        r"(?P<n>NUM)[\s-]+(?:(?:more|additional|extra)\s+)?(?P<unit>UNIT)"
        r"(?:\s+or\s+(?:so|two|more))?",
        duration_rule,
    ),
)


def _expand(pattern: str) -> str:
    words = vocabulary()
    return re.sub(r"\b[A-Z]{3,}\b", lambda m: words.get(m[0], m[0]), pattern)


@functools.cache
def compiled() -> tuple[tuple[str, re.Pattern[str], Handler], ...]:
    """Every rule compiled, anchored on word boundaries on both sides."""
    return tuple(
        (name, re.compile(rf"(?<![\w'])(?:{_expand(pattern)})(?!\w)", re.IGNORECASE), handler)
        for name, pattern, handler in RULES
    )


@functools.cache
def modifier_pattern() -> re.Pattern[str]:
    """A modifier phrase in front of an expression ("early", "the end of", "mid-")."""
    return re.compile(rf"(?:the\s+)?(?:{vocabulary()['MOD']})(?:\s+|-)", re.IGNORECASE)


# --------------------------------------------------------------------------- detection

# Words before a bare year that make it a date ("in 1998", "since 2001", "fiscal 1989").
_YEAR_CUE_WORDS = (
    "in since until till by from to through of during before after early late mid fiscal "
    "calendar year and or between , end beginning summer winter spring fall autumn"
)
YEAR_CUES = frozenset(_YEAR_CUE_WORDS.split())


@dataclass(frozen=True, slots=True)
class TimexMatch:
    start: int
    end: int
    rule: int  # index into RULES: earlier rules win ties
    approx: bool = False  # "about", "nearly" just before: kept out of the span, as in TimeML


def tokens_in(parsed: ParsedText, start: int, end: int) -> list[Token]:
    """The tokens overlapping the characters [start, end).

    Tokens are in text order and do not overlap, so both their starts and their ends
    rise: a binary search finds the first one (a scan of every token for each of the
    hundreds of expressions of a long article was a third of this stage's time).
    """
    tokens = parsed.tokens
    first = bisect.bisect_right(tokens, start, key=lambda token: token.end)
    found = []
    for token in tokens[first:]:
        if token.idx >= end:
            break
        found.append(token)
    return found


def _token_at(parsed: ParsedText, offset: int) -> Token | None:
    found = tokens_in(parsed, offset, offset + 1)
    return found[0] if found and found[0].idx <= offset else None


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
        return not _is_age(text, match.end()) and not _is_rate(parsed, match)
    if name == "reference" and match["ref"].lower() == "now":
        return _previous_word(text, match.start()) != "from"  # "from now on": a start
    if name == "frequency" and match["freq"]:
        return _previous_word(text, match.start()) != "average"  # "average daily volume"
    return True


def _is_age(text: str, end: int) -> bool:
    """ "37 years old", "a 52-year-old": an age, not a stretch of time."""
    return bool(re.match(r"(?:-|\s+)old\b", text[end : end + 5], re.IGNORECASE))


def _is_rate(parsed: ParsedText, match: re.Match[str]) -> bool:
    """ "four flights a week", "$2 million a year": a rate, which TimeML leaves untagged."""
    if match["n"].lower() not in ("a", "an"):
        return False
    before = [t for t in parsed.tokens if t.end <= match.start()]
    return bool(before) and (before[-1].tag in ("CD", "NNS") or before[-1].text == "$")


def _counts_things(parsed: ParsedText, token: Token) -> bool:
    """A number that counts a noun ("2000 people") rather than naming a year."""
    head = parsed.tokens[token.head]
    return token.dep == "nummod" and head.pos == "NOUN" and head.tag == "NNS"


def candidates(parsed: ParsedText) -> list[TimexMatch]:
    found = []
    for index, (name, pattern, _handler) in enumerate(compiled()):
        for match in pattern.finditer(parsed.text):
            if _plausible(parsed, name, match):
                start = _extend_left(parsed.text, match.start())
                approx = bool(_approx_before().search(parsed.text[max(0, start - 25) : start]))
                found.append(TimexMatch(start, match.end(), index, approx))
    return found


def _modifier_words(*kinds: str) -> str:
    return alternation([w for w, kind in time_words()["modifier"].items() if kind in kinds])


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


def non_overlapping(candidates: list[TimexMatch]) -> list[TimexMatch]:
    """Longest matches first; a shorter one survives only where nothing longer covers it."""
    chosen: list[TimexMatch] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
