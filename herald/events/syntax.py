"""Syntax helpers for the events stage: one sentence at a time, children precomputed.

``SentenceView`` holds the children lists of one sentence so that every walk is local
(no scan of the whole document per question). ``governing_item`` is the one rule that picks
the time expression and the place that govern a trigger (see its docstring).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from herald.events.plover import cues
from herald.records import ParsedText, Token

T = TypeVar("T")

# Dependents that are not part of a noun phrase's name ("the meeting [that ...]").
_NP_EXCLUDED = frozenset({"case", "relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advcl"})
# Clause links that a time or place may be inherited through when the clause has none
# ("travel on Tuesday, where he will meet" -> the meeting is on Tuesday). Not ccomp:
# "X said on Monday that Y attacked" does not date the attack.
_CLIMB_DEPS = frozenset({"relcl", "conj", "advcl", "xcomp", "acl", "pcomp", "dobj", "pobj"})


@dataclass(frozen=True, slots=True)
class Span(Generic[T]):
    """An item (a TimeValue, a Place) found at the token range [start, end)."""

    start: int
    end: int
    item: T


OkFn = Callable[["Span[Any]"], bool]


@dataclass(slots=True)
class SentenceView:
    """One sentence of a parse with its children lists."""

    parsed: ParsedText
    start: int
    end: int
    kids: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedText, index: int) -> SentenceView:
        sentence = parsed.sentences[index]
        view = cls(parsed, sentence.start, sentence.end)
        for i in range(sentence.start, sentence.end):
            view.kids[i] = []
        for i in range(sentence.start, sentence.end):
            head = parsed.tokens[i].head
            if head != i and head in view.kids:
                view.kids[head].append(i)
        return view

    def tok(self, i: int) -> Token:
        return self.parsed.tokens[i]

    def children(self, i: int, *deps: str) -> list[int]:
        """Children of ``i``, all of them or only those with one of ``deps``."""
        found = self.kids.get(i, [])
        return [c for c in found if not deps or self.tok(c).dep in deps]

    def head(self, i: int) -> int | None:
        """The head of ``i`` or None for the root."""
        head = self.tok(i).head
        return None if head == i else head

    def verbs_after(self, i: int) -> list[int]:
        """Verb ``i`` and the verbs coordinated after it ("were killed and two injured")."""
        found = [i]
        while conjuncts := [
            c for c in self.children(found[-1], "conj") if self.tok(c).pos == "VERB"
        ]:
            found.append(conjuncts[-1])
        return found

    def with_conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("Canada and the United States")."""
        found = [i]
        todo = [i]
        while todo:
            for c in self.children(todo.pop(), "conj"):
                if self.tok(c).pos in ("NOUN", "PROPN", "PRON", "NUM"):
                    found.append(c)
                    todo.append(c)
        return found

    def subtree(self, i: int) -> range:
        token = self.tok(i)
        return range(token.left, token.right + 1)

    def np_span(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by ``i``, without clauses,
        prepositional phrases, coordination or a leading determiner."""
        left = right = i
        for c in self.children(i):
            if self.tok(c).dep in _NP_EXCLUDED:
                continue
            if c < i:
                left = min(left, self.tok(c).left)
            else:
                right = max(right, self.tok(c).right)
        while left < i and self.tok(left).pos in ("DET", "PUNCT"):
            left += 1
        while right > i and self.tok(right).text.isspace():
            right -= 1  # a paragraph break hangs on the word before it
        return left, right + 1

    def np_text(self, i: int) -> str:
        start, end = self.np_span(i)
        return self.parsed.span_text(start, end)

    def to_infinitive(self, verb: int) -> bool:
        """Whether ``verb`` is marked by "to" ("to stop", "told them to leave")."""
        return any(self.tok(a).text.lower() == "to" for a in self.children(verb, "aux"))

    def has_auxiliary(self, heads: Sequence[int], lemmas: frozenset[str]) -> bool:
        """Whether one of ``heads`` has an auxiliary among ``lemmas`` ("must", "can")."""
        return any(
            self.tok(a).lemma.lower() in lemmas for i in heads for a in self.children(i, "aux")
        )

    def agents(self, i: int) -> list[int]:
        """The objects of verb ``i``'s passive agent: "police" in "caught by police"."""
        return [o for a in self.children(i, "agent") for o in self.children(a, "pobj")]

    def prep_objects(self, i: int, *prepositions: str) -> list[int]:
        """The objects of the prepositions on token ``i`` ("for comment", "with the
        concerns"), of the given ``prepositions`` (lemmas) only if any are given."""
        return [
            o
            for p in self.children(i, "prep")
            if not prepositions or self.tok(p).lemma.lower() in prepositions
            for o in self.children(p, "pobj")
        ]

    def has_preposition(self, i: int, word: str) -> bool:
        """Whether token ``i`` has a preposition ``word`` of its own ("a demonstration of")."""
        return any(self.tok(p).text.lower() == word for p in self.children(i, "prep"))

    def verb_ancestor(self, i: int) -> int | None:
        """The nearest verb (or auxiliary) above ``i``, within the sentence."""
        current = self.head(i)
        while current is not None:
            if self.tok(current).pos in ("VERB", "AUX"):
                return current
            current = self.head(current)
        return None


def token_ranges(parsed: ParsedText, items: Sequence[T], spans: Sequence[tuple[int | None,
                 int | None]]) -> list[Span[T]]:  # fmt: skip
    """Map character spans of ``items`` onto token ranges (items without a span are dropped)."""
    starts = [token.idx for token in parsed.tokens]
    result: list[Span[T]] = []
    for item, (start, end) in zip(items, spans, strict=True):
        if start is None or end is None:
            continue
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_left(starts, end), first + 1)
        result.append(Span(first, last, item))
    return result


def _inside(span: Span[T], tokens: set[int]) -> bool:
    return any(i in tokens for i in range(span.start, span.end))


def _distance(span: Span[T], anchor: int) -> int:
    if span.start <= anchor < span.end:
        return 0
    return min(abs(span.start - anchor), abs(span.end - 1 - anchor))


def _nearest(
    candidates: Sequence[Span[T]], tokens: set[int], anchor: int, ok: OkFn | None
) -> Span[T] | None:
    found = [c for c in candidates if _inside(c, tokens) and (ok is None or ok(c))]
    return min(found, key=lambda c: _distance(c, anchor)) if found else None


def free_relative(view: SentenceView, verb: int) -> int | None:
    """The clause the parser made of a free relative that is the verb's object ("fired what
    appeared to be a ballistic missile on Tuesday", "launched what it said was a rocket"):
    a ccomp holding the "what" right after the verb as its subject. It names the thing
    acted on, and its words (a date, a place) are the verb's own."""
    after = verb + 1
    if after >= view.end or view.tok(after).tag != "WP" or view.tok(after).dep != "nsubj":
        return None
    return next((c for c in view.children(verb, "ccomp") if after in view.subtree(c)), None)


def clause_tokens(view: SentenceView, root: int, blocked: Sequence[range]) -> set[int]:
    """The tokens of the clause under ``root`` minus nested blocked ranges (other events'
    clauses) and complement clauses (ccomp: reported content is another clause; not a free
    relative object, ``free_relative``)."""
    tokens = set(view.subtree(root))
    acted_on = free_relative(view, root)
    for c in view.children(root, "ccomp"):
        if c != acted_on:
            tokens -= set(view.subtree(c))
    for block in blocked:
        if root not in block and block.start >= view.tok(root).left:
            tokens -= set(block)
    return tokens


def governing_item(
    view: SentenceView,
    trigger: int,
    candidates: Sequence[Span[T]],
    blocked: Sequence[range],
    ok: OkFn | None = None,
    unit: Sequence[int] = (),
) -> T | None:
    """The time expression or place that governs ``trigger``, nearest first.

    Tiers, the first with a candidate wins:
    1. for a noun trigger, its own phrase ("a meeting to be held in Vancouver next year");
    2. the trigger's clause (the subtree of its verb), without nested clauses that carry
       events of their own and without complement clauses;
    3. nested clauses of simultaneity ("when he travelled to Havana last year");
    4. up to two enclosing clauses reached through relative, coordinated, adverbial or
       infinitival links, never through a complement of speech.
    """
    root = trigger
    if view.tok(trigger).pos not in ("VERB", "AUX"):
        own = set(view.subtree(trigger)) - {t for b in blocked if trigger not in b for t in b}
        found = _nearest(candidates, own, trigger, ok)
        if found is not None:
            return found.item
        root = view.verb_ancestor(trigger) or trigger
    searched: set[int] = set()
    for _ in range(3):
        tokens = clause_tokens(view, root, blocked) - searched
        if root == trigger:  # a split word ("co - host") spreads its clause over its parts
            for part in unit:
                tokens |= clause_tokens(view, part, blocked)
        found = _nearest(candidates, tokens, trigger, ok)
        if found is not None:
            return found.item
        found = _nearest(candidates, _simultaneous(view, root), trigger, ok)
        if found is not None:
            return found.item
        searched |= set(view.subtree(root))
        parent = _climb(view, root, candidates)
        if parent is None:
            return None
        if isinstance(parent, Span):
            return parent.item
        root = parent
    return None


def _simultaneous(view: SentenceView, root: int) -> set[int]:
    tokens: set[int] = set()
    markers = cues("simultaneous")
    for c in view.children(root, "advcl"):
        marks = [m for m in view.children(c) if view.tok(m).dep in ("mark", "advmod")]
        if any(view.tok(m).text.lower() in markers for m in marks):
            tokens |= set(view.subtree(c))
    return tokens


def _climb(view: SentenceView, root: int, candidates: Sequence[Span[T]]) -> int | Span[T] | None:
    """The enclosing clause's verb, or the candidate the clause hangs from ("Tuesday, where
    ...")."""
    if view.tok(root).dep not in _CLIMB_DEPS:
        return None
    head = view.head(root)
    if head is None:
        return None
    for candidate in candidates:
        if candidate.start <= head < candidate.end:
            return candidate
    if view.tok(head).pos in ("VERB", "AUX"):
        return head
    return view.verb_ancestor(head)


def self_and_heads(view: SentenceView, i: int | None) -> set[int]:
    """``i`` and every token above it (empty for None)."""
    found: set[int] = set()
    while i is not None and i not in found:
        found.add(i)
        i = view.head(i)
    return found


def scheme_of(view: SentenceView, verb: int) -> int | None:
    """The noun of scheming whose "to" infinitive the verb is, however the parser hangs it
    ("police foiled a plot to kill the president": the parser may read a purpose of
    "foiled"): cue kind ``scheme``. None when the verb follows none."""
    marks = [c for c in view.children(verb, "aux") if view.tok(c).tag == "TO"]
    if not marks or marks[0] - 1 < view.start:
        return None
    noun = marks[0] - 1
    token = view.tok(noun)
    return noun if token.pos == "NOUN" and token.lemma.lower() in cues("scheme") else None
