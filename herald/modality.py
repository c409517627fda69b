"""Modality of an event mention: asserted, planned, hypothetical, negated, reported, historical.

A pure function of the parse around the trigger, the event's governing time expression,
the publication date and the attribution. Cue words come from ``herald/data/event_cues.csv``.

Precedence when several cues meet (one value per event): negated > hypothetical > planned >
reported > historical > asserted. Why: "will not meet" is first of all not a meeting; a
"could" or "if" makes a plan uncertain; a plan reported by another outlet is still a plan
(the attribution field keeps who said it); a past event reported by someone else is
"reported" because its truth rests on that source.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from herald.event_syntax import SentenceView
from herald.plover import cues
from herald.records import Attribution, Modality, ParsedText, TimeValue

HISTORICAL_DAYS = 30  # older than this before publication counts as historical

# Links climbed from the trigger to the verbs whose auxiliaries and meaning scope over it.
_NOUN_UP = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "conj",
                      "pcomp", "appos", "npadvmod", "oprd"})  # fmt: skip
_VERB_UP = frozenset({"xcomp", "conj", "auxpass", "aux", "pcomp"})


def modality_of(
    parsed: ParsedText,
    trigger: int,
    *,
    when: TimeValue | None = None,
    published: TimeValue | None = None,
    attribution: Attribution | None = None,
    view: SentenceView | None = None,
) -> Modality:
    """The modality of the event whose trigger is token ``trigger``."""
    view = view or SentenceView.of(parsed, parsed.tokens[trigger].sent)
    chain = scope_chain(view, trigger)
    words = _cue_words(view, trigger, chain)
    if words & cues("negated"):
        return "negated"
    if words & cues("hypothetical"):
        return "hypothetical"
    if words & cues("planned") or _is_infinitival_plan(view, chain) or _after(when, published):
        return "planned"
    if attribution is not None and attribution.kind in ("outlet", "anonymous_source"):
        return "reported"
    if _long_before(when, published):
        return "historical"
    return "asserted"


def scope_chain(view: SentenceView, trigger: int) -> list[int]:
    """The trigger and the words above it in its clause: the verb a noun trigger depends on,
    the verbs an infinitive depends on ("plans to meet"), the first conjunct of shared
    auxiliaries ("will meet ... and iron out")."""
    chain = [trigger]
    current = trigger
    while True:
        token = view.tok(current)
        head = view.head(current)
        if head is None:
            break
        is_verb = token.pos in ("VERB", "AUX")
        if is_verb and token.dep not in _VERB_UP:
            break
        if not is_verb and token.dep not in _NOUN_UP:
            break
        if is_verb and token.dep == "conj" and view.children(current, "aux", "nsubj"):
            break  # the conjunct has its own subject or auxiliary
        chain.append(head)
        current = head
    return chain


def _cue_words(view: SentenceView, trigger: int, chain: list[int]) -> set[str]:
    """Lower-case cue candidates: auxiliaries, negations, markers and determiners of the
    chain, and the lemmas of the governing words (not the trigger: "refuse" as a trigger
    is a REJECT event, not a negation of itself)."""
    words: set[str] = set()
    for i in chain:
        for c in view.children(i, "aux", "auxpass", "neg", "mark", "advmod", "det", "amod",
                               "preconj"):  # fmt: skip
            words.add(view.tok(c).text.lower())
            words.add(view.tok(c).lemma.lower())
        if i != trigger:
            words.add(view.tok(i).lemma.lower())
        if view.tok(i).dep == "pobj":
            prep = view.head(i)
            if prep is not None:
                words.add(view.tok(prep).text.lower())
    return words


def _is_infinitival_plan(view: SentenceView, chain: list[int]) -> bool:
    """An infinitive that names a future event: "a meeting to be held", "he is to visit"."""
    trigger = chain[0]
    candidates = [*chain, *view.children(trigger, "acl", "relcl")]
    for i in candidates:
        token = view.tok(i)
        has_to = any(view.tok(c).tag == "TO" for c in view.children(i, "aux", "auxpass"))
        if not has_to:
            continue
        if token.dep in ("acl", "relcl"):
            return True
        head = view.head(i)
        if token.dep == "xcomp" and head is not None and view.tok(head).lemma == "be":
            return True
    return False


def value_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day that a (partial) ISO 8601 value can mean."""
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if match is None:
        decade = re.match(r"^(\d{3})$", value)
        if decade:
            year = int(decade.group(1)) * 10
            return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
        return None
    year, month, day = match.groups()
    y = int(year)
    if day:
        date = dt.date(y, int(month), int(day))
        return date, date
    if month:
        m = int(month)
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    quarter = re.match(r"^\d{4}-Q([1-4])$", value)
    if quarter:
        q = int(quarter.group(1))
        last = q * 3
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    week = re.match(r"^\d{4}-W(\d{2})$", value)
    if week:
        start = dt.date.fromisocalendar(y, int(week.group(1)), 1)
        return start, start + dt.timedelta(days=6)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _own_time(when: TimeValue | None) -> TimeValue | None:
    """A time from the sentence, not the publication date standing in for one."""
    if when is None or when.anchor in ("publication", "unresolved"):
        return None
    return when


def _after(when: TimeValue | None, published: TimeValue | None) -> bool:
    own = _own_time(when)
    event = value_bounds(own.value) if own else None
    now = value_bounds(published.value) if published else None
    return bool(event and now and event[0] > now[1])


def _long_before(when: TimeValue | None, published: TimeValue | None) -> bool:
    own = _own_time(when)
    event = value_bounds(own.value) if own else None
    now = value_bounds(published.value) if published else None
    return bool(event and now and event[1] < now[0] - dt.timedelta(days=HISTORICAL_DAYS))
