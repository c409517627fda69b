"""parse.verbless: a sentence the parser left without a verb, parsed again with its verb marked.

The small model reads a headline's present-tense verb as a noun: "India denounces actions
by Mexico" is parsed as one noun phrase ("denounces" a compound of "actions"), "Hundreds
rally in capital" as the noun "rally" with a subject; no verb, so no event. Its tagger and
parser do not read each other (a tag put right changes no dependency), so the sentence is
parsed again with the word made a verb in the only way English leaves no doubt about: "will"
before its base form ("India will denounce actions by Mexico"). When that parse makes the
word a verb with a subject and "will" nothing but its auxiliary, the sentence takes that
parse without the inserted word; every token keeps its text, offsets and entity. Only a
sentence whose root is no verb, or with no verb heading a clause, is parsed again, and only
around a noun at its root or on it, so running text is left as it was.

Why our own: no parser at hand reads headlines better offline; this costs one more parse of
a short sentence, and only where the first parse found no verb.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from herald.parse.edges import subtree_edges
from herald.records import ParsedText, Sentence, Token

# A parse of one short text, token by token.
Reparse = Callable[[str], "list[ReparsedToken]"]
_MARKER = "will"
_MAX_TRIES = 3  # candidate words tried per sentence, left to right
# What may stand right before a headline's verb: the end of its subject.
_SUBJECT_END = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# dependencies of a word that modifies a noun: a verb there heads no clause
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS", "CD"})


@dataclass(frozen=True, slots=True)
class ReparsedToken:
    """One token of a sentence parsed again (``head``: an index into that sentence)."""

    text: str
    pos: str
    tag: str
    dep: str
    head: int
    lemma: str
    sent_start: bool


def with_verbs_found(parsed: ParsedText, reparse: Reparse, verbs: frozenset[str]) -> ParsedText:
    """The parse with each verbless sentence parsed again around the first word that, made a
    verb, gives it a clause (``verbs``: the verb lemmas the model knows)."""
    tokens = list(parsed.tokens)
    changed = False
    for sentence in parsed.sentences:
        if _has_verb(tokens, sentence):
            continue
        for i, base in _candidates(tokens, sentence, verbs)[:_MAX_TRIES]:
            new = _clause_around(parsed, tokens, sentence, (i, base), reparse)
            if new is not None:
                tokens[sentence.start : sentence.end] = new
                changed = True
                break
    if not changed:
        return parsed
    left, right = subtree_edges([t.head for t in tokens], [not t.text.strip() for t in tokens])
    tokens = [replace(t, left=left[t.i], right=right[t.i]) for t in tokens]
    return replace(parsed, tokens=tuple(tokens))


def _has_verb(tokens: list[Token], sentence: Sentence) -> bool:
    """Whether the sentence's root is a verb, and a verb heads a clause of it (a participle
    that only modifies a noun, "renewed push", heads none)."""
    own = tokens[sentence.start : sentence.end]
    verbal_root = all(t.pos in ("VERB", "AUX") for t in own if t.dep == "ROOT")
    return verbal_root and any(
        t.pos in ("VERB", "AUX") and t.dep not in _NOUN_MODIFIERS for t in own
    )


def _candidates(
    tokens: list[Token], sentence: Sentence, verbs: frozenset[str]
) -> list[tuple[int, str]]:
    """Nouns that are also verbs the model knows, with their base form, at the root or on it
    (the verb a headline is about), that the parser already gave a subject ("Kenya, Canada,
    sign ceasefire") or that agree with the word before them as the end of their subject."""
    found = []
    for i in range(sentence.start + 1, sentence.end):
        token = tokens[i]
        if not _nounlike(token) or token.text.isupper():
            continue  # in capitals ("FIRE ONE BACK") the tags say little about any word
        base = _base(token.text, verbs)
        if base is None:
            continue
        if token.dep != "ROOT" and tokens[token.head].dep != "ROOT":
            continue  # deeper in the sentence, a noun is no headline's verb
        subject = token.dep == "ROOT" and any(
            t.head == i and t.dep == "nsubj" for t in tokens[sentence.start : sentence.end]
        )
        if subject or _agrees(tokens, sentence, i):
            found.append((i, base))
    return found


def _agrees(tokens: list[Token], sentence: Sentence, i: int) -> bool:
    """Whether the word, read as a present-tense verb, agrees with the word before it as the
    end of its subject: "force bombs", "Hundreds rally", "Mexico and Kenya sign" (not "air
    force": a singular subject takes "forces")."""
    before = tokens[i - 1]
    if before.pos not in _SUBJECT_END:
        return False
    plural_subject = before.tag in _PLURAL_TAGS or any(
        t.pos == "CCONJ" for t in tokens[sentence.start : i]
    )
    return _third_person(tokens[i]) != plural_subject


def _nounlike(token: Token) -> bool:
    return token.pos == "NOUN" or (token.pos == "VERB" and token.dep in _NOUN_MODIFIERS)


def _third_person(token: Token) -> bool:
    """Whether a word read as a present-tense verb is in "-s" ("denounces"; "rally" is not)."""
    return token.tag in _PLURAL_TAGS and token.text.lower().endswith("s")


def _base(word: str, verbs: frozenset[str]) -> str | None:
    """The verb lemma of a word read as a verb in the present ("denounces": "denounce",
    "rally": "rally", "intensifies": "intensify"), if the model knows it as a verb."""
    lower = word.lower()
    forms = [lower]
    if lower.endswith("s"):
        forms = [lower[:-1], lower[:-2] if lower.endswith("es") else ""]
        if lower.endswith("ies"):
            forms.append(lower[:-3] + "y")
    return next((form for form in forms if form and form in verbs), None)


def _clause_around(
    parsed: ParsedText,
    tokens: list[Token],
    sentence: Sentence,
    candidate: tuple[int, str],
    reparse: Reparse,
) -> list[Token] | None:
    """The sentence's tokens parsed again with token ``i`` made a verb of base form
    ``base`` (``candidate``), or None when that parse does not make it the root with a
    subject (or its words do not line up)."""
    i, base = candidate
    word = tokens[i]
    start = sentence.start_char
    text = (
        parsed.text[start : word.idx]
        + f"{_MARKER} {base}"
        + parsed.text[word.idx + len(word.text) : sentence.end_char]
    )
    found = reparse(text)
    k = i - sentence.start  # the marker's place; the word is at k + 1
    own = tokens[sentence.start : sentence.end]
    if len(found) != len(own) + 1 or any(t.sent_start for t in found[1:]):
        return None
    marker, verb = found[k], found[k + 1]
    others = [t for j, t in enumerate(found) if j not in (k, k + 1)]
    if (
        marker.text != _MARKER
        or marker.dep != "aux"
        or marker.head != k + 1
        or verb.pos != "VERB"
        or verb.dep != "ROOT"
        or not any(t.head == k + 1 and t.dep.startswith("nsubj") for t in found)
        or any(t.head == k for j, t in enumerate(found) if j != k)
        or [t.text for t in others] != [t.text for t in own if t.i != i]
    ):
        return None
    kept = found[:k] + found[k + 1 :]
    return [
        replace(
            old,
            pos=new.pos,
            tag=new.tag if old.i != i else ("VBZ" if old.text.lower().endswith("s") else "VBP"),
            dep=new.dep,
            head=sentence.start + (new.head if new.head < k else new.head - 1),
            lemma=new.lemma if old.i != i else base,
        )
        for old, new in zip(own, kept, strict=True)
    ]
