"""quotes.reported: finding reported speech in a parse, and the speaker of a speech cue.

Reported statements come from the parse: the complement clause of a speech verb ("said that",
"told Y the meeting ..."), the object of verbs whose object is what was said ("announced the
meeting"), the clause an "according to X" phrase hangs on, and "that" clauses of speech nouns
("reports that ..."). A negated cue ("did not say when ...") reports nothing. The speaker is
the cue's subject, or X of "according to X".
"""

from __future__ import annotations

from collections.abc import Sequence

from herald.quotes.cues import (
    QUOTE_TOKENS,
    SUBJECTS,
    Range,
    Speech,
    cue_of,
    is_according,
)
from herald.records import ParsedText, Token

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
