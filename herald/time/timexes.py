"""time: find time expressions and resolve them against the publication date.

Two halves. ``resolve(text, published, direction)`` is a pure function from the words of one
expression to a ``TimeValue``: it matches the text against a small grammar (built from the
word table ``data/time/time_words.csv``) and does the calendar arithmetic. ``find_timexes`` scans a
parsed text with the same grammar, drops matches the parse says are not dates ("may" the
verb, "2000 people"), works out from the governing verb whether a bare "Tuesday" or "in
January" points back or ahead, and resolves every span.

Values are partial ISO 8601 as in ``TimeValue``, plus TimeML's conventions:
- parts of days and clock times: "2017-12-18TNI" ("Monday night"), "2017-12-19T09:00"
  ("9 a.m. Tuesday"); weekends "2017-W50-WE"; an unnumbered week of a year "2017-WXX";
- durations as ISO 8601 durations with precision None: "P3Y", "P2Y6M", "PT4H", and "PXD",
  "PXY" when the amount is vague ("a few days", "for years");
- sets (how often) as the duration of one period: "P1D" ("daily", "every day"), "P1W";
- references: "PRESENT_REF" ("now", "currently"), "PAST_REF" ("recently", "the past",
  "years ago"). TimeML's "FUTURE_REF" is not produced: every value that does not date an
  event starts with "P", which is what the events stage tests.
In earnings reports "the quarter" is the quarter last named (else the last one ended) and
"a year ago" the same quarter a year before, as TimeML annotates them.

Modules: ``herald.time.vocabulary`` (word table), ``herald.time.calendar`` (calendar
arithmetic), ``herald.time.handlers`` (rule handlers),
``herald.time.patterns`` (the grammar and candidate detection) and this one (resolution
of one expression, the direction of the governing verb, and the scan of a parsed text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from herald.records import Anchor, ParsedText, TimeValue, Token
from herald.time.calendar import Direction, Value, vague_duration
from herald.time.patterns import (
    CLOCK,
    RULES,
    candidates,
    clock_value,
    compiled,
    modifier_pattern,
    non_overlapping,
    tokens_in,
)
from herald.time.vocabulary import WORDS_TABLE, lookup, time_words

# --------------------------------------------------------------------------- resolve


def _split_modifier(text: str) -> tuple[str | None, str]:
    """("early", "next year") for "early next year"; (None, text) when nothing leads."""
    clock = re.match(rf"{CLOCK},?\s+", text, re.IGNORECASE)
    if clock and clock.end() < len(text):
        return _split_modifier(text[clock.end() :])
    match = modifier_pattern().match(text)
    if not match or match.end() == len(text):
        return None, text
    kind = lookup("modifier", re.sub(r"^the\s+", "", match[0].strip(" -").lower()))
    if not kind:
        kind = lookup("modifier", match[0].strip(" -").lower())
    _, core = _split_modifier(text[match.end() :])
    return (None if kind == "none" else kind), core


def _evaluate(
    text: str, published: dt.date | None, direction: Direction | None
) -> tuple[str | None, Value] | None:
    """The modifier and value of the first rule that matches all of ``text``."""
    modifier, core = _split_modifier(text.strip())
    for _name, pattern, handler in compiled():
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
    value = _at_clock_time(text, value)
    anchor: Anchor = "relative" if value.relative else "absolute"
    if value.value is None:
        anchor = "unresolved"
    return TimeValue(
        text=text, value=value.value, precision=value.precision, anchor=anchor, modifier=modifier
    )


def _at_clock_time(text: str, value: Value) -> Value:
    """ "9 a.m. Tuesday": the day at that time, "2000-04-04T09:00", as TimeML writes it."""
    clock = re.match(rf"({CLOCK}),?\s+\S", text, re.IGNORECASE)
    time = clock_value(clock[1]) if clock else None
    if time is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value.value or ""):
        return value
    return dataclasses.replace(value, value=f"{value.value}T{time}")


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
# Verbs of planning that also name a deed of their own ("set fire", "aimed rockets").
DEED_PLANS = frozenset({"set", "aim", "prepare", "arrange", "propose", "hope"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
# Modals of obligation and possibility mostly look ahead in news ("must leave by Jan. 14").
MODAL_AUX = frozenset({"must", "should", "may", "might", "can", "ought"})
# Words just before an expression that make it a deadline or a start: ahead of the text.
FUTURE_CUE = re.compile(
    r"(?:\bas (?:soon|early) as|\bby|\buntil|\btill|\bthrough|\bno later than)\s+$", re.IGNORECASE
)
SPAN_DIRECTED = frozenset(
    {"weekend", "month", "weekday", "month_day", "day_month", "quarter", "season"}
)


# --------------------------------------------------------------------------- tense


def _governing_verb(parsed: ParsedText, start: int, end: int) -> Token | None:
    """The first verb above the expression in the dependency tree."""
    inside = tokens_in(parsed, start, end)
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
    if set(auxiliaries) & (FUTURE_AUX | MODAL_AUX) or _plans(parsed, verb, auxiliaries):
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


def _plans(parsed: ParsedText, verb: Token, auxiliaries: list[str]) -> bool:
    """Whether a verb of planning points ahead. Some of them also name a deed of their own
    (``DEED_PLANS``: "set fire to cars on Monday", "was set ablaze on Wednesday", "aimed
    rockets at the base on Friday", "prepared the ground on Monday"): those point ahead only
    in the present ("is set for Friday", "prepares"), as a plan's description ("a protest
    set for Friday"), with an infinitive ("set to meet") or a day they are for ("talks
    were set for Friday")."""
    if verb.lemma not in FUTURE_LEMMAS:
        return False
    if verb.lemma not in DEED_PLANS or verb.tag in ("VBZ", "VBP"):
        return True
    present = {"is", "are", "am", "'s", "'re", "be"} & set(auxiliaries)
    # a plan's description: "a protest set for Friday", "a summit set for Washington in
    # April"; not a deed's: "its record high set on Aug. 6"
    described = verb.tag == "VBN" and verb.dep == "acl"
    fors = [c for c in parsed.children(verb.i) if c.dep == "prep" and c.text.lower() == "for"]
    dated = any(o.ent_type in ("DATE", "TIME") for f in fors for o in parsed.children(f.i))
    infinitive = any(c.dep == "xcomp" for c in parsed.children(verb.i))
    return bool(present) or infinitive or dated or (described and bool(fors))


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
    last_quarter: str | None = None  # the quarter the text last named: "the quarter" is it
    last_date: str | None = None  # the date the text last named: "that day" is it
    for candidate in non_overlapping(candidates(parsed)):
        text = parsed.text[candidate.start : candidate.end]
        name = RULES[candidate.rule][0]
        direction = direction_at(parsed, candidate.start, candidate.end)
        if name not in SPAN_DIRECTED:
            direction = None
        value = resolve(text, published, direction)
        around = (
            parsed.text[max(0, candidate.start - 8) : candidate.start],
            parsed.text[candidate.end : candidate.end + 12],
        )
        value = _in_context(value, name, around, last_quarter)
        if name == "that_unit":
            value = _named_before(value, last_date)
        elif re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value.value or ""):
            last_date = value.value
        if candidate.approx and value.modifier is None:
            value = dataclasses.replace(value, modifier="approx")
        if name == "quarter" and re.fullmatch(r"\d{4}-Q[1-4]", value.value or ""):
            last_quarter = value.value
        timexes.append(_with_span(value, candidate.start, candidate.end))
    return tuple(timexes)


YEAR_BEFORE = re.compile(r"(?:a|one)\s+year\s+(?:ago|earlier)", re.IGNORECASE)


def _in_context(
    value: TimeValue, rule: str, around: tuple[str, str], last_quarter: str | None
) -> TimeValue:
    """Resolve what depends on the words around: "the year ended ...", "the quarter".

    Earnings reports compare a quarter with the same quarter a year before, so once the
    text has named a quarter, "the quarter" is that one and "a year ago" is its predecessor
    (TimeML annotates them so).
    """
    before, after = around
    if rule == "vague_units" and re.search(r"\b(?:for|in|within)\s+$", before):
        stretch = vague_duration(lookup("unit", value.text))  # "for weeks": PXW
        return dataclasses.replace(value, value=stretch.value, anchor="relative")
    if rule == "the_year" and re.match(r"\s+(?:ended|ending)\b", after):
        return dataclasses.replace(value, value="P1Y", precision=None, anchor="relative")
    if last_quarter is None:
        return value
    if rule == "quarter_ref":
        return dataclasses.replace(value, value=last_quarter)
    year, quarter = int(last_quarter[:4]), last_quarter[4:]
    if rule == "year_ago_ref" and not re.search(r"\d{4}", value.text):
        return dataclasses.replace(value, value=f"{year - 1}{quarter}")
    if rule == "ago" and YEAR_BEFORE.fullmatch(value.text):
        return dataclasses.replace(
            value, value=f"{year - 1}{quarter}", precision="quarter", anchor="relative"
        )
    return value


_UNIT_LENGTH = {"day": 10, "month": 7, "year": 4}


def _named_before(value: TimeValue, last_date: str | None) -> TimeValue:
    """ "that day", "later that month", "the same year": the day, month or year of the date
    the text named last, when it named one that fine ("on Sept. 3 ... earlier that month"
    is September); else left unresolved, never the publication date (TimeML annotates
    them so)."""
    length = _UNIT_LENGTH.get(value.precision or "")
    if length is None or last_date is None or len(last_date) < length:
        return dataclasses.replace(value, value=None, precision=None)
    return dataclasses.replace(value, value=last_date[:length], anchor="relative")


def _with_span(value: TimeValue, start: int, end: int) -> TimeValue:
    return dataclasses.replace(value, start=start, end=end)


__all__ = [
    "WORDS_TABLE",
    "Direction",
    "direction_at",
    "find_timexes",
    "resolve",
    "time_words",
]
