"""events.modes: words of a sentence that tell how an event was done and what it concerns.

Weapon and mode words ("drone strikes", "suicide bombers") set a trigger's mode when the
lexicon gives it none (``herald.events.plover.cued_mode``); context words ("nuclear", "refugees")
give an event its PLOVER contexts (``herald.events.plover.context_words``).
"""

from __future__ import annotations

from collections.abc import Sequence

from herald.events.plover import context_words, cued_mode
from herald.events.roles import unit_head
from herald.events.syntax import SentenceView
from herald.events.triggers import TriggerCandidate


def phrases_of(view: SentenceView, tokens: Sequence[int], lemma_pairs: bool = True) -> list[str]:
    """The lower-case lemmas, words and two-word phrases of ``tokens`` (in text order; pairs
    of lemmas too unless ``lemma_pairs`` is off: "suicide bombers" is "suicide bomber")."""
    order = sorted(tokens)
    words = [view.tok(i).lemma.lower() for i in order]
    texts = [view.tok(i).text.lower() for i in order]
    adjacent = [n for n in range(len(order) - 1) if order[n + 1] == order[n] + 1]
    pairs = [f"{texts[n]} {texts[n + 1]}" for n in adjacent]
    if lemma_pairs:
        pairs += [f"{words[n]} {words[n + 1]}" for n in adjacent]
    return words + texts + list(dict.fromkeys(pairs))


def cue_modes(view: SentenceView, found: list[TriggerCandidate]) -> None:
    """Set each trigger's mode from the cue words of its zone: a lexicon mode the cue table
    ranks yields to a more specific cue ("fired a missile" is heavy-weapons)."""
    for candidate in found:
        alone = sum(other.type == candidate.type for other in found) == 1
        phrases = phrases_of(view, _mode_zone(view, candidate, alone))
        candidate.mode = cued_mode(candidate.type, candidate.mode, phrases)


def _mode_zone(view: SentenceView, candidate: TriggerCandidate, alone: bool) -> set[int]:
    """Where the words naming how an event was done may sit: the whole sentence for a
    trigger without a mode of its own and alone of its type in the sentence, else only the
    trigger's clause, or the clause an adverbial clause hangs on (so that "Turkish shelling
    and drone strikes" leaves the shelling heavy-weapons, and a ground offensive beside them
    gets no drone); never inside a
    recipient ("shot down two warplanes" is not an air strike) or a conjoined trigger."""
    if candidate.mode is None and alone:
        zone = set(range(view.start, view.end))
    else:
        anchor = unit_head(view, candidate.unit)
        clause = anchor if view.tok(anchor).pos in ("VERB", "AUX") else view.verb_ancestor(anchor)
        clause = clause if clause is not None else anchor
        if view.tok(clause).dep == "advcl" and view.head(clause) is not None:
            # "fired missiles at a village, killing six": the killing was done the same way
            clause = view.head(clause)
        zone = set(view.subtree(clause))
        for conj in view.children(candidate.head, "conj"):
            zone -= set(view.subtree(conj))
    roles = candidate.roles
    for recipient in roles.recipients if roles is not None else ():
        zone -= set(view.subtree(recipient))
    return zone


def sentence_contexts(view: SentenceView) -> tuple[str, ...]:
    """PLOVER contexts evoked by the words (and two-word phrases) of the sentence."""
    table = context_words()
    found: list[str] = []
    for phrase in phrases_of(view, range(view.start, view.end), lemma_pairs=False):
        for context in table.get(phrase, ()):
            if context not in found:
                found.append(context)
    return tuple(found)


def event_contexts(view: SentenceView, candidate: TriggerCandidate) -> tuple[str, ...]:
    """The event's contexts: its lexicon entry's, those its mode implies, then the
    sentence's."""
    found = list(candidate.entry.contexts)
    if candidate.mode in ("cyber", "misinformation"):
        found.append(candidate.mode)
    if candidate.mode == "unconventional":
        found.append("cbrn")
    for context in sentence_contexts(view):
        if context not in found:
            found.append(context)
    return tuple(dict.fromkeys(found))
