"""parse.subjects: a subject the parser hung on an auxiliary, hung on its verb.

The small model sometimes attaches a clause's subject to the auxiliary rather than to the
verb the auxiliary serves, mostly when quotation marks or an adverb stand between them:
"said Iran is “flagrantly” defying the Council" has "Iran" as the subject of "is", and
"defying" no subject, so every rule that asks who defies (an accusation, a rejection) finds
no one. English leaves no doubt here: an auxiliary's subject is its verb's. So a subject
whose head is an auxiliary of a verb or an adjective ("bills are pending") that has no
subject of its own is moved to that verb (as its passive subject when the auxiliary is a
passive one); the subtree edges are computed again.

Why our own: a fix of one parse error class, too small for a library; retraining the
parser is not ours to do.
"""

from __future__ import annotations

from dataclasses import replace

from herald.parse.edges import subtree_edges
from herald.records import ParsedText, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_AUXILIARIES = frozenset({"aux", "auxpass"})
_CLAUSE_HEADS = frozenset({"VERB", "AUX", "ADJ"})


def with_subjects_on_verbs(parsed: ParsedText) -> ParsedText:
    """The parse with every subject hung on an auxiliary moved to the auxiliary's verb."""
    tokens = parsed.tokens
    with_subject = {t.head for t in tokens if t.dep in _SUBJECTS}
    moves = {
        t.i: verb
        for t in tokens
        if t.dep in _SUBJECTS and (verb := _served_verb(tokens, t.head)) is not None
        if verb not in with_subject
    }
    if not moves:
        return parsed
    heads = [moves.get(t.i, t.head) for t in tokens]
    deps = [_moved_dep(tokens, t) if t.i in moves else t.dep for t in tokens]
    left, right = subtree_edges(heads, [not t.text.strip() for t in tokens])
    fixed = tuple(_refit(t, heads[t.i], deps[t.i], left[t.i], right[t.i]) for t in tokens)
    return replace(parsed, tokens=fixed)


def _refit(token: Token, head: int, dep: str, left: int, right: int) -> Token:
    """The token with its new head, label and subtree edges (itself when none changed)."""
    if (token.head, token.dep, token.left, token.right) == (head, dep, left, right):
        return token
    return replace(token, head=head, dep=dep, left=left, right=right)


def _moved_dep(tokens: tuple[Token, ...], subject: Token) -> str:
    """A subject's label on its verb: the subject of a passive auxiliary is the passive
    subject ("the leader is not mentioned": he is not the one who mentions)."""
    if subject.dep == "nsubj" and tokens[subject.head].dep == "auxpass":
        return "nsubjpass"
    return subject.dep


def _served_verb(tokens: tuple[Token, ...], aux: int) -> int | None:
    """The verb that token ``aux`` is an auxiliary of, if it is one."""
    token = tokens[aux]
    if token.dep not in _AUXILIARIES or token.head == aux:
        return None
    verb = tokens[token.head]
    return verb.i if verb.pos in _CLAUSE_HEADS else None
