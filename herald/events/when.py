"""events.when: the date (``when``) of one event, read from the clauses that govern it.

``event_time`` starts from the time expression that ``herald.events.syntax.governing_item``
finds for the trigger (its phrase, its clause, nearby clauses of simultaneity, up to two
enclosing clauses). What this module adds:

1. **Reported speech.** ``governing_item`` never climbs out of a complement clause ("X said
   on Monday that Y attacked" does not make Monday the attack's date). When the trigger's
   own clauses have no date, the date of the speech verb is the next best thing: the event
   inherits it, related by the tense of the complement (past perfect "had carried out":
   before; simple past "attacked": on or before; "will"/"would": after; present: the same
   time; any other modal: no relation, so no date).
2. **Relations.** An event inside a temporal clause or object ("after North Korea said",
   "before the vote", "after the attack") that takes the date of the clause above it takes
   it with the relation the connective states (``herald.events.when_relations``); a
   preposition that governs the date itself ("by 2017", "before the end of the month")
   relates the event to that date. Relations along the path compose; opposite ones
   ("before" then "after") cancel the date. The relation goes into ``TimeValue.modifier``
   ("before", "on_or_before", "after", "on_or_after"), in front of a modifier the date
   already had ("before early").
3. **Gaps** (``herald.events.when_gaps``). "Days after X" measures the gap between two
   events; it is not X's date, so it never stops the climb. An exact gap ("a day after",
   "two weeks before") shifts the date of the governing clause when the units allow it
   ("comes a day after Chrysler released" in an article of 2009-05-15: 2009-05-14).
4. **Publication.** Without any date, the event takes the publication date as a stand-in
   (anchor "publication"). When the main clause is past or present and the path relates the
   event as earlier ("said it had carried out a test"), the stand-in says "before".

A vague expression that is the event's own ("weeks later") still yields the stand-in: it
says nothing a reader can place on a calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from herald.events.plover import cues
from herald.events.syntax import SentenceView, Span, governing_item, self_and_heads
from herald.events.when_gaps import is_gap, shift_by_gap
from herald.events.when_relations import (
    EARLIER,
    VERB_POS,
    Relation,
    along,
    compose,
    is_speech,
    path_links,
    span_head,
    tense_relation,
    time_preposition,
    with_relation,
)
from herald.records import TimeValue
from herald.time.calendar import weekday_date
from herald.time.partial import bounds
from herald.time.vocabulary import lookup


def event_time(
    view: SentenceView,
    trigger: int,
    unit: Sequence[int],
    times: Sequence[Span[TimeValue]],
    blocked: Sequence[range],
    fallback: TimeValue | None,
) -> TimeValue | None:
    """The date of the event whose trigger is token ``trigger`` (its tokens ``unit``).

    ``times``: the sentence's dated time expressions as token spans (durations left out);
    ``blocked``: subtrees of other events whose dates are their own; ``fallback``: the
    publication date as a stand-in (anchor "publication"), or None.
    """
    gaps = {id(s) for s in times if is_gap(view, s)}
    usable = [Span(s.start, s.end, s) for s in times if id(s) not in gaps]
    found = _governing_span(view, trigger, unit, usable, blocked)
    if found is None or found.item.value is None:
        stand_in = _stand_in(view, trigger, fallback)
        return stand_in or (found.item if found is not None else None)
    target = span_head(view, found)
    # a split word ("co - host") may hang its parts on different heads: start from the part
    # whose clause holds the date
    lineage = self_and_heads(view, target)
    start = next((part for part in unit if part in lineage), trigger)
    links = path_links(view, start, target)
    preposition = time_preposition(view, found)
    relation = compose(along(links), preposition)
    if relation is None:
        return fallback
    shifted = shift_by_gap(view, links, found.item) if preposition == "same" else None
    return shifted or with_relation(found.item, relation)


def _governing_span(
    view: SentenceView,
    trigger: int,
    unit: Sequence[int],
    spans: Sequence[Span[Span[TimeValue]]],
    blocked: Sequence[range],
) -> Span[TimeValue] | None:
    """The time span that governs the trigger; failing that, the one that governs the verb
    of speech whose complement holds it, and so on up the sentence."""
    anchor: int | None = trigger
    blocked = [*blocked, *_participant_clauses(view, trigger, unit)]
    while anchor is not None:
        found = governing_item(view, anchor, spans, blocked, unit=unit if anchor == trigger else ())
        if found is not None:
            return found
        anchor = _reporting_verb(view, anchor)
    return None


def _participant_clauses(view: SentenceView, trigger: int, unit: Sequence[int]) -> list[range]:
    """Clauses that describe a noun other than the trigger ("40 prisoners held since the
    fighting began in March"): their times date the noun's story, not the event. Not those
    of a statement, a briefing or an interview (cue kind ``utterance``): "in a statement
    emailed on Friday, Exantus described the jailbreak as deplorable" dates what he said."""
    own = {trigger, *unit}
    return [
        view.subtree(i)
        for i in range(view.start, view.end)
        if view.tok(i).dep in ("acl", "relcl")
        and (head := view.head(i)) is not None
        and head not in own
        and view.tok(head).pos in ("NOUN", "PROPN", "PRON")
        and view.tok(head).lemma.lower() not in cues("utterance")
        and trigger not in view.subtree(i)
    ]


def _reporting_verb(view: SentenceView, i: int) -> int | None:
    """The speech verb whose complement clause holds token ``i`` ("said" in "said it had
    carried out a test"), or None."""
    current = i
    while (head := view.head(current)) is not None:
        if view.tok(current).dep == "relcl":
            return None  # a relative clause keeps the narrator's time ("who has been accused")
        if view.tok(current).dep == "ccomp" and is_speech(view, head):
            return head
        current = head
    return None


def _stand_in(view: SentenceView, trigger: int, fallback: TimeValue | None) -> TimeValue | None:
    """The publication date, saying "before" when the text sets the event earlier than a
    main clause that is itself not after publication."""
    if fallback is None:
        return None
    links = path_links(view, trigger, None)
    relcl = next((n for n, (i, _) in enumerate(links) if view.tok(i).dep == "relcl"), None)
    links = links[:relcl]  # a relative clause keeps the narrator's time
    if along(links) not in EARLIER:
        return fallback  # only an explicit "earlier" says more than the stand-in
    main = _main_clause_relation(view, trigger)
    relation = compose(main, along(links))
    if relation is None:
        return fallback
    if main == "same":
        shifted = shift_by_gap(view, links, fallback)
        if shifted is not None:
            return replace(shifted, anchor="relative")
    return with_relation(fallback, relation)


def _main_clause_relation(view: SentenceView, i: int) -> Relation | None:
    """How the main clause's time relates to publication: the same in the present, on or
    before in the past, unknown for the future and modals."""
    root = i
    while (head := view.head(root)) is not None:
        root = head
    if view.tok(root).pos not in VERB_POS:
        return None
    tense = tense_relation(view, root)
    return tense if tense in ("same", "on_or_before", "before") else None


def own_time(when: TimeValue | None) -> TimeValue | None:
    """A time read off the text for the event, not the publication day standing in for one
    (nor an expression the calendar could not resolve)."""
    if when is None or when.anchor in ("publication", "unresolved"):
        return None
    return when


def planned_weekday(when: TimeValue | None, published: TimeValue | None) -> TimeValue | None:
    """A planned event's bare weekday is the next one: "hopes to resolve it during talks
    Tuesday", published on a Monday, is tomorrow, not last week (the time stage reads a bare
    weekday in a present-tense sentence as past)."""
    if when is None or published is None or when.anchor != "relative" or when.precision != "day":
        return when
    weekday = lookup("weekday", when.text.strip())
    day, today = bounds(when.value), bounds(published.value)
    if not weekday or day is None or today is None or day[0] >= today[0]:
        return when
    return replace(when, value=weekday_date(today[0], int(weekday), "future").isoformat())
