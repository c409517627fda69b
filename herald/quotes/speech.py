"""quotes.speech: finding direct quotes and reported speech in a parse.

Two finders feed one list of statements (``find_speech``):

- direct quotes come from pairs of double quote marks, straight or curly. Single marks are
  left alone at the top level (they are apostrophes far more often than quotes), so a single
  quoted phrase inside a double quote stays part of it. A paragraph that opens a quote without
  closing it continues in the next paragraph when that one opens with a mark (news style for
  long quotes). Two parts split by a short speech frame ("A," the official said, "B.") make one
  quote. A quoted stretch of 1-3 words is a scare quote ("without precondition") unless a
  speech verb governs it whole (he said "no"); a longer stretch with no speech verb near it
  counts only when it reads as a sentence, and then keeps the speaker of the quote just before
  it (a speaker often goes on for a paragraph without a new "she said").
- reported speech comes from the parse: the complement clause of a speech verb ("said that",
  "told Y the meeting ..."), the object of verbs whose object is what was said ("announced the
  meeting"), the clause an "according to X" phrase hangs on, and "that" clauses of speech
  nouns ("reports that ..."). A negated cue ("did not say when ...") reports nothing.

A short quoted stretch inside a reported clause of the same verb is dropped in favour of the
reported statement (the clause says more); a direct quote that is the whole complement of its
verb wins over the reported reading. Each statement keeps the token range of its speaker's
words (the cue's subject, or X of "according to X"); ``herald.quotes.stage`` turns them into actors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from herald.quotes.cues import (
    QUOTE_TOKENS,
    SUBJECTS,
    Range,
    Speech,
    attached,
    content_follows,
    cue_of,
    governs,
    is_according,
    is_verb_cue,
    token_starts,
    tokens_within,
)
from herald.records import ParsedText, Token

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


# --------------------------------------------------------------------------- reported speech


def _trimmed(parsed: ParsedText, start: int, end: int) -> Range | None:
    """Token range [start, end] without edge punctuation, marks and a leading 'that'."""

    def skip(token: Token) -> bool:
        return token.pos in ("PUNCT", "SPACE") or token.text in QUOTE_TOKENS

    while start <= end and (skip(parsed.tokens[start]) or parsed.tokens[start].dep == "mark"):
        start += 1
    while end >= start and skip(parsed.tokens[end]):
        end -= 1
    return (start, end) if end > start else None


def _clause_of(parsed: ParsedText, i: int) -> int:
    """The verb of the clause that token ``i`` belongs to."""
    while parsed.tokens[i].pos not in ("VERB", "AUX") and parsed.tokens[i].head != i:
        i = parsed.tokens[i].head
    return i


def _complement(parsed: ParsedText, cue: int) -> tuple[Range, ...]:
    """The token ranges of what a speech verb, noun or 'according to' reports."""
    token = parsed.tokens[cue]
    children = parsed.children(cue)
    if is_according(parsed, token):
        clause = parsed.tokens[_clause_of(parsed, token.head)]
        return _pieces(parsed, clause.left, clause.right, (token.left, token.right))
    cue_entry = cue_of(token)
    if cue_entry is None:
        return ()
    if cue_entry.pos == "noun":
        for child in children:
            if child.dep in ("acl", "ccomp") and parsed.tokens[child.left].text.lower() == "that":
                return _pieces(parsed, child.left, child.right, None)
        return ()
    for child in children:
        if child.dep == "ccomp":
            end = _stretch_right(parsed, cue, child)
            return _pieces(parsed, child.left, end, _frame(parsed, cue, child.i))
    for child in children:
        objects = ("dobj", "xcomp") if cue_entry.object == "content" else ()
        if child.dep in objects and child.i > cue and child.pos != "PRON":
            return _pieces(parsed, child.left, child.right, None)
    if token.dep == "parataxis":  # "The test, he said, was its biggest yet."
        head = parsed.tokens[token.head]
        return _pieces(parsed, head.left, head.right, (token.left, token.right))
    return ()


def _frame(parsed: ParsedText, cue: int, content: int) -> Range:
    """The cue with its subject and modifiers: the words to cut out of a content around it."""
    words = [cue]
    for child in parsed.children(cue):
        if child.i != content and child.dep in (*SUBJECTS, "aux", "neg", "advmod", "npadvmod"):
            words += [child.left, child.right]
    return min(words), max(words)


def _pieces(parsed: ParsedText, start: int, end: int, hole: Range | None) -> tuple[Range, ...]:
    """The content [start, end] without the speech frame ``hole`` when that sits inside it."""
    ranges = [(start, end)]
    if hole is not None and start <= hole[1] and hole[0] <= end:
        ranges = [(start, hole[0] - 1), (hole[1] + 1, end)]
    kept = (_trimmed(parsed, first, last) for first, last in ranges)
    return tuple(piece for piece in kept if piece is not None)


def _stretch_right(parsed: ParsedText, cue: int, clause: Token) -> int:
    """Extend a complement over siblings the parser hung on the cue ("co-host" split in two)."""
    end = clause.right
    if clause.i < cue:
        return end
    for sibling in parsed.children(cue):
        if sibling.i <= end:
            continue
        if sibling.left == end + 1 and sibling.dep in (
            "ccomp",
            "xcomp",
            "dobj",
            "prep",
            "npadvmod",
            "oprd",
        ):
            end = sibling.right
        else:
            break
    return end


def _speaker_token(parsed: ParsedText, cue: int) -> int | None:
    """The speaker's head: the cue's subject (or its clause's), or X of 'according to X'."""
    token = parsed.tokens[cue]
    if is_according(parsed, token):
        to = next(c for c in parsed.children(cue) if c.text.lower() == "to")
        objects = [c.i for c in parsed.children(to.i) if c.dep == "pobj"]
        return objects[0] if objects else None
    for _ in range(3):  # "..., saying the North must": the subject of the verb it hangs on
        children = parsed.children(token.i)
        if token.pos == "NOUN":
            owners = [c.i for c in children if c.dep == "poss"]
            return owners[0] if owners else None
        for child in children:
            if child.dep in ("nsubj", "csubj"):
                return child.i
            if child.dep == "agent":
                objects = [c.i for c in parsed.children(child.i) if c.dep == "pobj"]
                return objects[0] if objects else None
        if token.dep not in ("advcl", "xcomp", "conj", "pcomp") or token.head == token.i:
            return None
        token = parsed.tokens[token.head]
    return None


def _speaker_of(parsed: ParsedText, cue: int) -> tuple[Range, int] | None:
    """The speaker's words as a token range [start, end), cut before commas and clauses."""
    head = _speaker_token(parsed, cue)
    if head is None:
        return None
    token = parsed.tokens[head]
    end = token.i + 1
    for i in range(token.i + 1, token.right + 1):
        if (
            parsed.tokens[i].text in (",", "(", "\u2014", "\u2013")
            or parsed.tokens[i].dep == "relcl"
        ):
            break
        end = i + 1
    start = token.left
    while start < token.i and parsed.tokens[start].pos == "PUNCT":
        start += 1
    return (start, end), head


def _split_speaker(speaker: tuple[Range, int] | None) -> tuple[Range | None, int | None]:
    return (None, None) if speaker is None else speaker


def _negated(parsed: ParsedText, cue: int) -> bool:
    """ "The official did not say when ...": a statement denied is no statement."""
    return any(child.dep == "neg" for child in parsed.children(cue))


def reported_speech(parsed: ParsedText, sentences: Sequence[int] | None = None) -> list[Speech]:
    """Reported statements of the given sentences (all by default)."""
    chosen = range(len(parsed.sentences)) if sentences is None else sentences
    found = []
    for number in chosen:
        sentence = parsed.sentences[number]
        for cue in range(sentence.start, sentence.end):
            content = _complement(parsed, cue)
            if not content or _negated(parsed, cue):
                continue
            chars = tuple((parsed.tokens[a].idx, parsed.tokens[b].end) for a, b in content)
            speaker, head = _split_speaker(_speaker_of(parsed, cue))
            found.append(Speech("reported", chars, cue, speaker, head))
    return found


def _overlap(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_speech(parsed: ParsedText) -> list[Speech]:
    """Direct and reported statements in text order, each said once."""
    direct = direct_speech(parsed)
    quoted = [(d.start, d.end) for d in direct]
    reported = [
        r
        for r in reported_speech(parsed)
        if not any(s <= parsed.tokens[r.cue or 0].idx < e for s, e in quoted)
    ]
    kept_direct, dropped = [], set()
    for d in direct:
        twin = next((r for r in reported if d.cue is not None and r.cue == d.cue), None)
        if twin is None:
            kept_direct.append(d)
            continue
        span = (twin.start, twin.end)
        if _overlap((d.start, d.end), span) >= 0.5 * (span[1] - span[0]):
            dropped.add(id(twin))  # the quote is the whole statement: keep it as direct
        if not (twin.start <= d.start and d.end <= twin.end) or id(twin) in dropped:
            kept_direct.append(d)
        # else: a quoted phrase inside a longer paraphrase; the paraphrase says more
    statements = kept_direct + [r for r in reported if id(r) not in dropped]
    return sorted(statements, key=lambda s: (s.start, s.end))
