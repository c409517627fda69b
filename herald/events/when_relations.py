"""events.when_relations: how one event's time relates to another's or to a date.

Relations are "same", "before", "on_or_before", "after" and "on_or_after". They come from
connective words (``data/time/time_relation_words.csv``: "after North Korea said", "by 2017"),
from the tense of a clause under a speech verb (past perfect "had carried out": before;
simple past: on or before; "will"/"would": after; present: the same time; another modal:
none), and compose along the path from an event up to the clause that holds a date;
opposite ones ("before" then "after") give no relation.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from herald.data_files import read_rows
from herald.events.syntax import SentenceView, Span, self_and_heads
from herald.quotes.cues import cue_of
from herald.records import TimeValue

Relation = Literal["same", "before", "on_or_before", "after", "on_or_after"]
EARLIER = frozenset({"before", "on_or_before"})
_LATER = frozenset({"after", "on_or_after"})
_FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
_FINITE_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})
VERB_POS = ("VERB", "AUX")
Link = tuple[int, Relation | None]  # a token and how the event below it relates to above


@functools.cache
def relation_words() -> dict[str, tuple[Relation | None, Relation | None]]:
    """word -> (relation of an event in a clause or object the word introduces to the event
    it modifies, relation of the modified event to a time expression that is its object)."""
    table: dict[str, tuple[Relation | None, Relation | None]] = {}
    for row in read_rows("time/time_relation_words.csv"):
        table[row["word"]] = (row["clause"] or None, row["time"] or None)  # type: ignore[assignment]
    return table


def compose(outer: Relation | None, inner: Relation | None) -> Relation | None:
    """The relation along two links ("before" a time that is itself "before" another is
    "before" it); None when the two point opposite ways and nothing follows."""
    if outer is None or inner is None:
        return None
    if outer == "same":
        return inner
    if inner == "same":
        return outer
    for family, strict in ((EARLIER, "before"), (_LATER, "after")):
        if outer in family and inner in family:
            return outer if outer == inner else strict  # type: ignore[return-value]
    return None


def with_relation(value: TimeValue, relation: Relation) -> TimeValue:
    """``value`` with the relation in front of its modifier ("before early")."""
    if relation == "same":
        return value
    modifier = f"{relation} {value.modifier}" if value.modifier else relation
    return replace(value, modifier=modifier)


def path_links(view: SentenceView, trigger: int, target: int | None) -> list[Link]:
    """(token, relation) for each temporal link (and relative clause) crossed going up from
    the trigger to the lowest clause that holds ``target`` (the root when it is None)."""
    above_target = self_and_heads(view, target)
    links: list[Link] = []
    current = trigger
    while current not in above_target and (head := view.head(current)) is not None:
        relation = _link_relation(view, current, head)
        if relation != "same" or view.tok(current).dep == "relcl":
            links.append((current, relation))
        current = head
    return links


def along(links: Sequence[Link]) -> Relation | None:
    """The relation composed along all ``links`` ("same" when there are none)."""
    relation: Relation | None = "same"
    for _, link in links:
        relation = compose(relation, link)
    return relation


def _link_relation(view: SentenceView, i: int, head: int) -> Relation | None:
    """How the event below the link ``i`` -> ``head`` relates in time to the one above."""
    dep = view.tok(i).dep
    if dep == "advcl":
        for mark in view.children(i, "mark", "advmod"):
            word = view.tok(mark).text.lower()
            if word in relation_words() and mark < i:
                return relation_words()[word][0] or "same"
        return "same"
    if dep in ("pobj", "pcomp") and view.tok(head).pos == "ADP":
        word = view.tok(head).text.lower()
        return relation_words()[word][0] or "same" if word in relation_words() else "same"
    if dep == "ccomp" and is_speech(view, head):
        return tense_relation(view, i)
    return "same"


def tense_relation(view: SentenceView, verb: int) -> Relation | None:
    """When the clause of ``verb`` happens, relative to the time of speech (or of the
    speech verb above it), read off its finite verb and auxiliaries."""
    group = sorted([verb, *view.children(verb, "aux", "auxpass")])
    tags = {view.tok(i).tag for i in group}
    lemmas = {view.tok(i).lemma.lower() for i in group}
    finite = next((i for i in group if view.tok(i).tag in _FINITE_TAGS), None)
    if finite is None:
        return None
    token = view.tok(finite)
    if token.tag == "MD":
        return "after" if token.text.lower() in _FUTURE_MODALS else None
    perfect = "have" in lemmas and "VBN" in tags
    progressive = "be" in lemmas and "VBG" in tags
    if token.tag == "VBD":
        if perfect and token.lemma.lower() == "have":
            return "before"
        # the past of a state under a past speech verb is its present shifted back ("said
        # it had a plan", "said talks were going well"): the same time as the speech
        stative = finite == verb and token.lemma.lower() in ("be", "have")
        return "same" if progressive or stative else "on_or_before"
    return "on_or_before" if perfect else "same"


def time_preposition(view: SentenceView, span: Span[Span[TimeValue]]) -> Relation | None:
    """The relation a preposition states between the event and the date it governs ("by
    2017": on or before); "same" for "on", "in" and the like."""
    head = view.head(span_head(view, span))
    if head is None or view.tok(head).pos != "ADP":
        return "same"
    word = view.tok(head).text.lower()
    return relation_words().get(word, (None, None))[1] or "same"


def span_head(view: SentenceView, span: Span[Span[TimeValue]]) -> int:
    """The token of the span whose head lies outside it."""
    for i in range(span.start, span.end):
        head = view.head(i)
        if head is None or not span.start <= head < span.end:
            return i
    return span.start


def is_speech(view: SentenceView, i: int) -> bool:
    """Whether token ``i`` is a verb that reports speech."""
    token = view.tok(i)
    return token.pos in VERB_POS and cue_of(token) is not None
