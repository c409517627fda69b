"""quotes.direct: finding direct quotes, the stretches between double quote marks, in a parse.

Quotes come from pairs of double quote marks, straight or curly. Single marks are left alone at
the top level (they are apostrophes far more often than quotes), so a single quoted phrase
inside a double quote stays part of it. A paragraph that opens a quote without closing it
continues in the next paragraph when that one opens with a mark (news style for long quotes).
Two parts split by a short speech frame ("A," the official said, "B.") make one quote. A quoted
stretch of 1-3 words is a scare quote ("without precondition") unless a speech verb governs it
whole (he said "no"); a longer stretch with no speech verb near it counts only when it reads
as a sentence, and then keeps the speaker of the quote just before it. The speaker of a cue
is found as for reported speech (``herald.quotes.reported``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from herald.quotes.cues import (
    QUOTE_TOKENS,
    Range,
    Speech,
    attached,
    content_follows,
    governs,
    is_verb_cue,
    token_starts,
    tokens_within,
)
from herald.quotes.reported import _speaker_of, _split_speaker
from herald.records import ParsedText

# Double quote marks: straight, curly, and two apostrophes (the style of some archives).
DOUBLE_MARK = re.compile("''|[\"“”]")
CLAUSE_END = frozenset({".", "!", "?"})
# Punctuation that ends a quote which goes on into its speech frame: '"...," she said'.
FRAME_ENDINGS = frozenset(",?!\u2014\u2013-…:;")
MAX_FRAME_TOKENS = 8  # a speech frame between two quoted parts: "the senior official said"
MAX_SCARE_WORDS = 3
MAX_LEAD_TOKENS = 6  # words allowed between a cue and the quote it opens: "said on Monday:"


# --------------------------------------------------------------------------- quote marks


@dataclass(slots=True)
class _Part:
    start: int
    end: int
    continues: bool  # goes on from a quote left open at the end of the previous paragraph


def quoted_parts(text: str) -> list[list[Range]]:
    """Stretches between double quote marks, grouped across paragraphs: [[(start, end)], ...]."""
    parts: list[_Part] = []
    pending: _Part | None = None
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        carry = False
        if stripped:
            carry = pending is not None and DOUBLE_MARK.match(stripped) is not None
            if carry and pending is not None:
                parts.append(pending)
            pending = None
        open_at: int | None = None
        for mark in DOUBLE_MARK.finditer(line):
            if mark.group() == "“" or (mark.group() != "”" and open_at is None):
                open_at = mark.end()
            elif open_at is not None:
                parts.append(_Part(offset + open_at, offset + mark.start(), carry))
                open_at, carry = None, False
        if open_at is not None and open_at < len(line.rstrip()):
            pending = _Part(offset + open_at, offset + len(line.rstrip()), carry)
        offset += len(line) + 1
    groups: list[list[Range]] = []
    for part in parts:
        if part.continues and groups:
            groups[-1].append((part.start, part.end))
        else:
            groups.append([(part.start, part.end)])
    return groups


def _frame_cue(parsed: ParsedText, starts: list[int], gap: Range) -> int | None:
    """The cue of a short speech frame between two quoted parts, if the gap is one."""
    if "\n" in parsed.text[gap[0] : gap[1]]:
        return None
    inside = tokens_within(parsed, starts, gap)
    words = [i for i in inside if parsed.tokens[i].pos not in ("PUNCT", "SPACE")]
    if not 0 < len(words) <= MAX_FRAME_TOKENS:
        return None
    # No check for content after the cue here: the parser often hangs the next part on it.
    return next((i for i in words if is_verb_cue(parsed.tokens[i])), None)


def _merge_split_quotes(
    parsed: ParsedText, starts: list[int], groups: list[list[Range]]
) -> list[tuple[list[Range], int | None]]:
    """Join parts split by a speech frame; each result keeps the frame's cue."""
    merged: list[tuple[list[Range], int | None]] = []
    for group in groups:
        if merged:
            previous, cue = merged[-1]
            frame = _frame_cue(parsed, starts, (previous[-1][1] + 1, group[0][0] - 1))
            if frame is not None and cue in (None, frame):
                merged[-1] = (previous + group, frame)
                continue
        merged.append((list(group), None))
    return merged


def _cue_after(parsed: ParsedText, starts: list[int], pieces: list[Range]) -> int | None:
    """'"...," the official said': a cue right after the closing mark."""
    end = pieces[-1][1]
    first = bisect.bisect_left(starts, end + 1)
    content = parsed.text[pieces[-1][0] : end].rstrip()
    inside = tokens_within(parsed, starts, (pieces[0][0], end))
    for i in range(first, min(first + MAX_FRAME_TOKENS + 2, len(parsed.tokens))):
        token = parsed.tokens[i]
        if token.text in QUOTE_TOKENS or token.pos == "SPACE" or "\n" in token.whitespace:
            return None
        if is_verb_cue(token) and not content_follows(parsed, i):
            frame_style = bool(content) and content[-1] in FRAME_ENDINGS
            return i if frame_style or attached(parsed, inside, i) else None
        if token.text in CLAUSE_END:
            return None
    return None


def _cue_before(parsed: ParsedText, starts: list[int], pieces: list[Range]) -> int | None:
    """'The official said: "..."': the nearest cue before the opening mark."""
    mark = bisect.bisect_right(starts, pieces[0][0] - 1) - 1
    if mark < 1:
        return None
    before = parsed.text[: pieces[0][0] - 1].rstrip()
    sentences = {parsed.tokens[mark].sent}
    if before.endswith(":"):
        sentences.add(parsed.tokens[mark].sent - 1)
    inside = tokens_within(parsed, starts, (pieces[0][0], pieces[-1][1]))
    for i in range(mark - 1, max(mark - 30, -1), -1):
        token = parsed.tokens[i]
        if token.sent not in sentences or token.text in QUOTE_TOKENS:
            return None
        if token.pos == "SPACE" or "\n" in token.whitespace:  # a cue never crosses a paragraph
            return None
        if is_verb_cue(token):
            lead = [t for t in parsed.tokens[i + 1 : mark] if t.pos != "PUNCT"]
            return i if len(lead) <= MAX_LEAD_TOKENS or attached(parsed, inside, i) else None
    return None


def _sentence_like(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and letters[0].isupper() and text.rstrip()[-1:] in ".?!,…—"


def _paragraph_starts(text: str) -> list[int]:
    starts, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts


def direct_speech(parsed: ParsedText) -> list[Speech]:
    """Direct quotes, each with its cue and the speaker's words where the text gives them."""
    starts = token_starts(parsed)
    paragraphs = _paragraph_starts(parsed.text)
    found: list[Speech] = []
    for pieces, frame in _merge_split_quotes(parsed, starts, quoted_parts(parsed.text)):
        cue = frame if frame is not None else _cue_after(parsed, starts, pieces)
        if cue is None:
            cue = _cue_before(parsed, starts, pieces)
        inside = tokens_within(parsed, starts, (pieces[0][0], pieces[-1][1]))
        text = " ".join(parsed.text[s:e] for s, e in pieces)
        if len(text.split()) <= MAX_SCARE_WORDS and (
            cue is None or not governs(parsed, cue, inside)
        ):
            continue
        if cue is not None:
            speaker = _speaker_of(parsed, cue)
            found.append(Speech("direct", tuple(pieces), cue, *_split_speaker(speaker)))
        elif _sentence_like(text):
            found.append(_continued(found, tuple(pieces), paragraphs))
    return found


def _continued(found: list[Speech], pieces: tuple[Range, ...], paragraphs: list[int]) -> Speech:
    """A quote with no cue of its own goes on with the quote of this or the previous paragraph."""
    if found:
        previous = found[-1]
        here = bisect.bisect_right(paragraphs, pieces[0][0])
        there = bisect.bisect_right(paragraphs, previous.end)
        if here - there <= 1 and previous.kind == "direct":
            return Speech("direct", pieces, previous.cue, previous.speaker, previous.speaker_head)
    return Speech("direct", pieces, None, None, None)
