"""Grammar of the time stage: the rules that find time expressions in text.

Each rule pairs a pattern (placeholders in capitals come from the word table) with a handler
of ``herald.timex_calendar``. ``candidates(parsed)`` scans a parsed text with every rule,
drops matches the parse says are not times ("may" the verb, "2000 people"), takes in leading
modifiers ("early next year") and keeps the longest non-overlapping matches.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from herald.records import ParsedText, Token
from herald.timex_calendar import (
    Handler,
    ago,
    alternation,
    century,
    decade,
    deictic,
    duration_rule,
    iso_date,
    month,
    month_day,
    month_year,
    quarter,
    relative_unit,
    season,
    short_decade,
    slash_date,
    time_words,
    vague,
    vocabulary,
    weekday,
    weekend,
    year,
)

# --------------------------------------------------------------------------- grammar

# Each rule: name, pattern (placeholders in capitals are filled from the word table), handler.
# Order matters only for ties: at one start the longest match wins, then the earlier rule.
RULES: tuple[tuple[str, str, Handler], ...] = (
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", iso_date),
    ("slash", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)", slash_date),
    (
        "month_day",
        r"(?:(?P<rel>last|next|this)\s+)?(?:(?:WEEKDAY),?\s+)?(?P<month>MONTHD)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        r"(?!\d|:\d)(?:,?\s+(?P<y>\d{4})(?!\d))?",
        month_day,
    ),
    (
        "day_month",
        r"(?P<rel>)(?:(?:WEEKDAY),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        r"(?:of\s+)?(?P<month>MONTH)(?:,?\s+(?P<y>\d{4})(?!\d))?",
        month_day,
    ),
    ("month_year", r"(?P<month>MONTH),?\s+(?:of\s+)?(?P<y>\d{4})(?!\d)", month_year),
    (
        "month",
        r"(?:(?P<rel>REL)\s+)?(?P<month>MONTH)"
        r"(?:\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year)?",
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
        r"|(?<=\bfor\s)(?P<unit2>PLURAL)",
        vague,
    ),
    ("year", r"(?:(?:fiscal|calendar)\s+)?(?P<y>1[5-9]\d\d|20\d\d)(?!,\d|-\d|s\b|'s)", year),
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
    (
        "duration",
        r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final)\s+)?"
        r"(?P<n>NUM)[\s-]+(?P<unit>UNIT)(?:\s+or\s+(?:so|two|more))?",
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


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: int  # index into RULES: earlier rules win ties
    approx: bool = False  # "about", "nearly" just before: kept out of the span, as in TimeML


def tokens_in(parsed: ParsedText, start: int, end: int) -> list[Token]:
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


def candidates(parsed: ParsedText) -> list[Candidate]:
    found = []
    for index, (name, pattern, _handler) in enumerate(compiled()):
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


def non_overlapping(candidates: list[Candidate]) -> list[Candidate]:
    """Longest matches first; a shorter one survives only where nothing longer covers it."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
