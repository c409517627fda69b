"""quotes: direct and reported speech with their speakers, and who asserts each event.

Two finders feed one list of statements:

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
  nouns ("reports that ...").

A short quoted stretch inside a reported clause of the same verb is dropped in favour of the
reported statement (the clause says more); a direct quote that is the whole complement of its
verb wins over the reported reading. Speakers are the subjects of the cues; pronouns go to
the nearest person subject before them; unnamed speakers ("a senior State Department
official", "officials", "a source familiar with ...") are anonymous, and a later definite
description ("the official") continues the earlier anonymous source of the same kind.

``Quote.text`` is the quoted words without the marks; the pieces of a split or multi-paragraph
quote are joined with a space. ``start``/``end`` run from the first to the last quoted
character.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from herald import actors as actors_stage
from herald.records import Actor, ActorRef, Attribution, Document, ParsedText, Quote, Token

DATA_DIR = Path(__file__).with_name("data")
# Double quote marks: straight, curly, and two apostrophes (the style of some archives).
DOUBLE_MARK = re.compile("''|[\"“”]")
QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''"})
CLAUSE_END = frozenset({".", "!", "?"})
# Punctuation that ends a quote which goes on into its speech frame: '"...," she said'.
FRAME_ENDINGS = frozenset(",?!\u2014\u2013-…:;")
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
DEFINITE = frozenset({"the", "that", "this", "these", "those"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
MAX_FRAME_TOKENS = 8  # a speech frame between two quoted parts: "the senior official said"
MAX_SCARE_WORDS = 3
MAX_LEAD_TOKENS = 6  # words allowed between a cue and the quote it opens: "said on Monday:"

Range = tuple[int, int]


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech verb, phrase or noun from ``data/speech_verbs.csv``."""

    lemma: str
    pos: Literal["verb", "phrase", "noun"]
    outlet_report: bool  # the verb by which outlets report news ("Reuters reported")
    object: Literal["content", "addressee", "none"]  # what a noun object of the verb is


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def speech_cues() -> dict[tuple[str, str], Cue]:
    """The speech cues keyed by (lemma, pos)."""
    cues = {}
    for row in _rows("speech_verbs.csv"):
        cue = Cue(row["cue"], row["pos"], row["outlet_report"] == "1", row["object"])  # type: ignore[arg-type]
        cues[(cue.lemma, cue.pos)] = cue
    return cues


@functools.cache
def anonymous_nouns() -> frozenset[str]:
    """Head nouns of unnamed sources ("official", "source", "spokesperson", ...)."""
    return frozenset(row["noun"] for row in _rows("anonymous_sources.csv"))


@functools.cache
def outlet_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """News outlet names, and last words that mark one ("... Times", "... Post")."""
    rows = _rows("news_outlets.csv")
    names = frozenset(row["name"] for row in rows if row["match"] == "name")
    suffixes = tuple(row["name"] for row in rows if row["match"] == "suffix")
    return names, suffixes


def is_outlet_name(name: str) -> bool:
    """Does ``name`` name a news outlet? herald.tables decides when it exists; our list helps."""
    try:
        from herald.tables import is_media  # type: ignore[attr-defined]
    except ImportError:  # written by another stage; until then only our own list answers
        is_media = None
    if is_media is not None and is_media(name):
        return True
    names, suffixes = outlet_words()
    words = name.lower().removeprefix("the ").strip()
    return words in names or f"the {words}" in names or words.endswith(suffixes)


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


def _cue_of(token: Token) -> Cue | None:
    lemma = token.lemma.lower()
    if token.pos in ("VERB", "AUX"):
        return speech_cues().get((lemma, "verb"))
    if token.pos == "NOUN":
        return speech_cues().get((lemma, "noun"))
    return None


def _is_according(parsed: ParsedText, token: Token) -> bool:
    return token.text.lower() == "according" and any(
        child.text.lower() == "to" for child in parsed.children(token.i)
    )


def _is_verb_cue(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") and _cue_of(token) is not None


def _content_follows(parsed: ParsedText, cue: int) -> bool:
    """Does the cue introduce content of its own after it ("He added that ...")?"""
    return any(c.dep == "ccomp" and c.i > cue for c in parsed.children(cue))


def _token_starts(parsed: ParsedText) -> list[int]:
    return [token.idx for token in parsed.tokens]


def _tokens_within(parsed: ParsedText, starts: list[int], span: Range) -> range:
    """The tokens that lie inside the characters [start, end)."""
    first = bisect.bisect_left(starts, span[0])
    last = first
    while last < len(parsed.tokens) and parsed.tokens[last].end <= span[1]:
        last += 1
    return range(first, last)


def _ancestors(parsed: ParsedText, i: int, limit: int = 12) -> list[int]:
    chain = []
    while parsed.tokens[i].head != i and len(chain) < limit:
        i = parsed.tokens[i].head
        chain.append(i)
    return chain


def _attached(parsed: ParsedText, inside: range, cue: int) -> bool:
    """Does some token of ``inside`` hang (directly or not) on the cue?"""
    return any(cue in _ancestors(parsed, i) for i in inside)


def _governs(parsed: ParsedText, cue: int, inside: range) -> bool:
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
    inside = _tokens_within(parsed, starts, gap)
    words = [i for i in inside if parsed.tokens[i].pos not in ("PUNCT", "SPACE")]
    if not 0 < len(words) <= MAX_FRAME_TOKENS:
        return None
    # No check for content after the cue here: the parser often hangs the next part on it.
    return next((i for i in words if _is_verb_cue(parsed.tokens[i])), None)


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
    inside = _tokens_within(parsed, starts, (pieces[0][0], end))
    for i in range(first, min(first + MAX_FRAME_TOKENS + 2, len(parsed.tokens))):
        token = parsed.tokens[i]
        if token.text in QUOTE_TOKENS or token.pos == "SPACE" or "\n" in token.whitespace:
            return None
        if _is_verb_cue(token) and not _content_follows(parsed, i):
            frame_style = bool(content) and content[-1] in FRAME_ENDINGS
            return i if frame_style or _attached(parsed, inside, i) else None
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
    inside = _tokens_within(parsed, starts, (pieces[0][0], pieces[-1][1]))
    for i in range(mark - 1, max(mark - 30, -1), -1):
        token = parsed.tokens[i]
        if token.sent not in sentences or token.text in QUOTE_TOKENS:
            return None
        if token.pos == "SPACE" or "\n" in token.whitespace:  # a cue never crosses a paragraph
            return None
        if _is_verb_cue(token):
            lead = [t for t in parsed.tokens[i + 1 : mark] if t.pos != "PUNCT"]
            return i if len(lead) <= MAX_LEAD_TOKENS or _attached(parsed, inside, i) else None
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
    starts = _token_starts(parsed)
    paragraphs = _paragraph_starts(parsed.text)
    found: list[Speech] = []
    for pieces, frame in _merge_split_quotes(parsed, starts, quoted_parts(parsed.text)):
        cue = frame if frame is not None else _cue_after(parsed, starts, pieces)
        if cue is None:
            cue = _cue_before(parsed, starts, pieces)
        inside = _tokens_within(parsed, starts, (pieces[0][0], pieces[-1][1]))
        text = " ".join(parsed.text[s:e] for s, e in pieces)
        if len(text.split()) <= MAX_SCARE_WORDS and (
            cue is None or not _governs(parsed, cue, inside)
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
    if _is_according(parsed, token):
        clause = parsed.tokens[_clause_of(parsed, token.head)]
        return _pieces(parsed, clause.left, clause.right, (token.left, token.right))
    cue_entry = _cue_of(token)
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
    if _is_according(parsed, token):
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


def reported_speech(parsed: ParsedText, sentences: Sequence[int] | None = None) -> list[Speech]:
    """Reported statements of the given sentences (all by default)."""
    chosen = range(len(parsed.sentences)) if sentences is None else sentences
    found = []
    for number in chosen:
        sentence = parsed.sentences[number]
        for cue in range(sentence.start, sentence.end):
            content = _complement(parsed, cue)
            if not content:
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


# --------------------------------------------------------------------------- speakers


def _actor_for(parsed: ParsedText, actors: Sequence[Actor], i: int) -> Actor | None:
    """The actor of token ``i``: the actors stage's own lookup when it has one."""
    if not actors:
        return None
    lookup: Callable[..., Actor | None] | None = getattr(actors_stage, "actor_for_token", None)
    if lookup is not None:
        found = lookup(actors, parsed, i)
        if found is not None:
            return found
    token = parsed.tokens[i]
    return actors_stage.actor_at(actors, token.idx, token.end)


def _name_text(parsed: ParsedText, i: int) -> str:
    """A proper name as written: its entity ("The New York Times"), else head and compounds."""
    for entity in parsed.entities:
        if entity.start <= i < entity.end:
            return entity.text
    start = i
    while (
        start > 0
        and parsed.tokens[start - 1].head == i
        and parsed.tokens[start - 1].dep in ("compound", "flat")
    ):
        start -= 1
    return parsed.span_text(start, i + 1)


def _person_like(parsed: ParsedText, token: Token) -> bool:
    if token.ent_type == "PERSON":
        return True
    return token.pos == "PROPN" and any(
        c.dep == "compound" and c.text.endswith(".") for c in parsed.children(token.i)
    )


def _antecedent(parsed: ParsedText, pronoun: int, depth: int = 0) -> int | None:
    """The nearest person subject before a he/she in this or the previous sentence."""
    sentence = parsed.tokens[pronoun].sent
    first = parsed.sentences[max(0, sentence - 1)].start
    for i in range(pronoun - 1, first - 1, -1):
        token = parsed.tokens[i]
        if token.dep not in SUBJECTS:
            continue
        if _person_like(parsed, token):
            return i
        if token.text.lower() in PERSON_PRONOUNS and depth < 3:
            return _antecedent(parsed, i, depth + 1)
    return None


def _fallback_ref(parsed: ParsedText, head: int, text: str) -> ActorRef:
    """A speaker with no actor record: named by the text, typed by its entity label."""
    token = parsed.tokens[head]
    kinds = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
    kind = kinds.get(token.ent_type, "group" if token.tag in ("NNS", "NNPS") else "person")
    name = _name_text(parsed, head) if token.pos == "PROPN" else text
    return ActorRef(actor_id=None, name=name, kind=kind, text=text)  # type: ignore[arg-type]


def _is_anonymous(parsed: ParsedText, head: int) -> bool:
    token = parsed.tokens[head]
    if token.pos != "NOUN" or token.lemma.lower() not in anonymous_nouns():
        return False
    # "spokeswoman, Heather Nauert": a name in apposition makes the speaker named
    return not any(c.dep == "appos" and c.pos == "PROPN" for c in parsed.children(head))


class _AnonymousChain:
    """Unnamed sources seen so far, so that "the official" continues "a senior ... official"."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, frozenset[str], str]] = []

    def description(self, parsed: ParsedText, span: Range, head: int) -> str:
        lemma = parsed.tokens[head].lemma.lower()
        words = parsed.tokens[span[0] : span[1]]
        modifiers = frozenset(
            t.lemma.lower() for t in words if t.i != head and t.pos in ("ADJ", "NOUN", "PROPN")
        )
        text = parsed.span_text(*span)
        if words and words[0].text.lower() in DEFINITE:
            for seen_lemma, seen_modifiers, seen_text in reversed(self.seen):
                if seen_lemma == lemma and modifiers <= seen_modifiers:
                    return seen_text
        self.seen.append((lemma, modifiers, text))
        return text


def _resolve(
    parsed: ParsedText, speech: Speech, actors: Sequence[Actor], chain: _AnonymousChain
) -> tuple[str | None, ActorRef | None, bool]:
    """speaker_text, speaker and anonymous for one statement."""
    if speech.speaker is None or speech.speaker_head is None:
        # "reports that ...", "it was reported that ...": nobody is named as the source
        return None, None, speech.kind == "reported"
    head = speech.speaker_head
    text = parsed.span_text(*speech.speaker)
    actor = _actor_for(parsed, actors, head)
    token = parsed.tokens[head]
    if token.pos == "PRON":
        if actor is None and token.text.lower() in PERSON_PRONOUNS:
            named = _antecedent(parsed, head)
            if named is None:
                return text, None, False
            actor = _actor_for(parsed, actors, named)
            if actor is None:
                return text, ActorRef(None, _name_text(parsed, named), "person", text=text), False
        return text, actor.ref(text) if actor else None, False
    if _is_anonymous(parsed, head):
        description = chain.description(parsed, speech.speaker, head)
        kind = "group" if token.tag in ("NNS", "NNPS") else "person"
        # only an actor mention over the noun itself: "State Department" in "a State Department
        # official" is the employer, not the source
        actor = actors_stage.actor_at(actors, token.idx, token.end)
        base = actor.ref(text) if actor else ActorRef(None, description, kind, text=text)  # type: ignore[arg-type]
        return (
            text,
            ActorRef(
                base.actor_id, description, base.kind, base.country, base.sector, base.roles, text
            ),
            True,
        )
    return text, actor.ref(text) if actor else _fallback_ref(parsed, head, text), False


def _cue_text(parsed: ParsedText, cue: int | None) -> str | None:
    if cue is None:
        return None
    if _is_according(parsed, parsed.tokens[cue]):
        return "according to"
    return parsed.tokens[cue].text


def _to_quotes(
    doc_id: str, parsed: ParsedText, speeches: Sequence[Speech], actors: Sequence[Actor]
) -> tuple[Quote, ...]:
    chain = _AnonymousChain()
    # Speakers are resolved in the order they appear, so that a chain starts at its first mention.
    order = sorted(speeches, key=lambda s: s.speaker[0] if s.speaker else s.start)
    resolved = {id(s): _resolve(parsed, s, actors, chain) for s in order}
    quotes = []
    for n, speech in enumerate(speeches):
        speaker_text, speaker, anonymous = resolved[id(speech)]
        quotes.append(
            Quote(
                quote_id=f"{doc_id}:q{n}",
                doc_id=doc_id,
                text=" ".join(parsed.text[s:e] for s, e in speech.pieces),
                start=speech.start,
                end=speech.end,
                speaker=speaker,
                speaker_text=speaker_text,
                anonymous=anonymous,
                kind=speech.kind,
                cue=_cue_text(parsed, speech.cue),
            )
        )
    return tuple(quotes)


def find_quotes(doc: Document, parsed: ParsedText, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    """Every direct quote and reported statement of the document, with its speaker."""
    return _to_quotes(doc.doc_id, parsed, find_speech(parsed), actors)


# --------------------------------------------------------------------------- attribution


def _cue_lemma(cue: str) -> str:
    word = cue.lower()
    for ending in ("ing", "ed", "es", "s", "d"):
        stem = word.removesuffix(ending)
        if stem != word and (stem, "verb") in speech_cues():
            return stem
    return word


def _speaks_for_outlet(quote: Quote) -> bool:
    speaker = quote.speaker
    if speaker is not None and speaker.sector == "MED":
        return True
    name = speaker.name if speaker is not None else quote.speaker_text
    if not name or quote.anonymous:
        return False
    if is_outlet_name(name):
        return True
    # "The Globe reported": an organization reporting is an outlet even when we do not list it
    cue = speech_cues().get((_cue_lemma(quote.cue or ""), "verb"))
    return (
        cue is not None
        and cue.outlet_report
        and speaker is not None
        and (speaker.kind == "organization")
    )


def _innermost(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


def attribution_for(
    parsed: ParsedText, token_i: int, quotes: Sequence[Quote], actors: Sequence[Actor]
) -> Attribution:
    """Who asserts what token ``token_i`` (an event trigger) says happened.

    Inside a quote's content or a speech verb's complement it is that statement's speaker:
    another news outlet, an anonymous source (with its description) or a named source;
    everywhere else the publisher. A statement with no speaker in the text counts as an
    anonymous source without a description.
    """
    token = parsed.tokens[token_i]
    quote = _innermost(quotes, token.idx, token.end)
    if quote is None:
        nearby = reported_speech(parsed, [token.sent])
        quote = _innermost(_to_quotes("", parsed, nearby, actors), token.idx, token.end)
    if quote is None:
        return Attribution(kind="publisher")
    speaker = quote.speaker
    name = speaker.name if speaker is not None else quote.speaker_text
    actor_id = speaker.actor_id if speaker is not None else None
    if _speaks_for_outlet(quote):
        return Attribution(kind="outlet", text=name, actor_id=actor_id)
    if quote.anonymous or name is None:
        return Attribution(kind="anonymous_source", text=name, actor_id=actor_id)
    return Attribution(kind="named_source", text=name, actor_id=actor_id)
