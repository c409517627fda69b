"""quotes.cues: the speech cue table and the token tests that speech finding shares.

``speech_verbs.csv`` lists the verbs, phrases and nouns that introduce speech ("say",
"according to", "statement"), whether outlets use the verb to report news ("Reuters
reported"), and what a noun object of the verb is (the content: "announced the meeting"; the
addressee: "told reporters"). ``Speech`` is a statement as found, before its speaker is
resolved (``herald.quotes.stage`` does that).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Literal

from herald.data_files import read_rows
from herald.records import ParsedText, Token

QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech verb, phrase or noun from ``data/quotes/speech_verbs.csv``."""

    lemma: str
    pos: Literal["verb", "phrase", "noun"]
    outlet_report: bool  # the verb by which outlets report news ("Reuters reported")
    object: Literal["content", "addressee", "none"]  # what a noun object of the verb is


@functools.cache
def speech_cues() -> dict[tuple[str, str], Cue]:
    """The speech cues keyed by (lemma, pos)."""
    cues = {}
    for row in read_rows("quotes/speech_verbs.csv"):
        cue = Cue(row["cue"], row["pos"], row["outlet_report"] == "1", row["object"])  # type: ignore[arg-type]
        cues[(cue.lemma, cue.pos)] = cue
    return cues


# --------------------------------------------------------------------------- statements


@dataclass(frozen=True, slots=True)
class Speech:
    """A statement as found, before its speaker is resolved: the spans to show or score it."""

    kind: Literal["direct", "reported"]
    pieces: tuple[Range, ...]  # character ranges of the content, in text order
    cue: int | None  # token of the cue ("according" for "according to")
    speaker: Range | None  # token range [start, end) of the speaker's words
    speaker_head: int | None  # the head token of those words

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def cue_of(token: Token) -> Cue | None:
    lemma = token.lemma.lower()
    if token.pos in ("VERB", "AUX"):
        return speech_cues().get((lemma, "verb"))
    if token.pos == "NOUN":
        return speech_cues().get((lemma, "noun"))
    return None


def is_according(parsed: ParsedText, token: Token) -> bool:
    return token.text.lower() == "according" and any(
        child.text.lower() == "to" for child in parsed.children(token.i)
    )


def is_verb_cue(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and cue_of(token) is not None


def content_follows(parsed: ParsedText, cue: int) -> bool:
    """Does the cue introduce content of its own after it ("He added that ...")?"""
    return any(c.dep == "ccomp" and c.i > cue for c in parsed.children(cue))


def token_starts(parsed: ParsedText) -> list[int]:
    return [token.idx for token in parsed.tokens]


def tokens_within(parsed: ParsedText, starts: list[int], span: Range) -> range:
    """The tokens that lie inside the characters [start, end)."""
    first = bisect.bisect_left(starts, span[0])
    last = first
    while last < len(parsed.tokens) and parsed.tokens[last].end <= span[1]:
        last += 1
    return range(first, last)


def heads_above(parsed: ParsedText, i: int, limit: int = 12) -> list[int]:
    chain = []
    while parsed.tokens[i].head != i and len(chain) < limit:
        i = parsed.tokens[i].head
        chain.append(i)
    return chain


def attached(parsed: ParsedText, inside: range, cue: int) -> bool:
    """Does some token of ``inside`` hang (directly or not) on the cue?"""
    return any(cue in heads_above(parsed, i) for i in inside)


def governs(parsed: ParsedText, cue: int, inside: range) -> bool:
    """Is a whole dependent of the cue inside the quote (he said "no")?"""
    if not inside:
        return False
    return any(
        child.dep not in SUBJECTS
        and child.pos != "PUNCT"
        and child.left >= inside.start - 1
        and child.right <= inside.stop
        for child in parsed.children(cue)
    )
