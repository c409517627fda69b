"""quotes.speech: finding direct quotes and reported speech in a parse, as one list.

Two finders feed one list of statements (``find_speech``): ``herald.quotes.direct`` and
``herald.quotes.reported``.

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

from herald.quotes.cues import Range, Speech
from herald.quotes.direct import direct_speech
from herald.quotes.reported import reported_speech
from herald.records import ParsedText


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
