"""The PLOVER ontology as herald uses it: types, trigger lexicon, contexts, CAMEO codes.

Every table lives in ``herald/data`` and is loaded once per process:

- ``plover_types.csv``: the 16 types with quad class, conflict/cooperation score, whether a
  recipient is required, the allowed modes, the prepositions that usually introduce the
  recipient, how the type treats an event in its complement (``irrealis``: the embedded event
  is only promised/asked/refused/threatened/discussed, so it is not an event of its own;
  ``factive``: it happened anyway) and which type the PLOVER manual uses for it when it is
  only planned (``future_type``: "will meet" is AGREE in the manual, and so is "will
  withdraw": CAMEO2PLOVER codes every intent to cooperate or yield, 03x, as AGREE).
- ``plover_triggers.csv``: the trigger lexicon (lemma, part of speech, type, mode, ...).
- ``plover_frame_modes.csv``: the mode (and sometimes type) that a framing event takes from
  the event it frames ("called for talks" is REQUEST meet).
- ``plover_contexts.csv``: words that evoke a PLOVER context.
- ``plover_mode_cues.csv``: words of a sentence that name how an event was done (weapons
  for ASSAULT: "car bomb", "warplane"), ranked from the most specific mode to the least.
- ``event_cues.csv``: small closed word classes (light verbs, speech verbs, modality cues).
- ``cameo.csv``: (type, mode, context) -> CAMEO code where the 2021 conversion table maps
  exactly one code back.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from herald.data_files import read_rows

Modality = str

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type and what herald needs to know about it."""

    name: str
    quad: str
    score: float
    requires_recipient: bool
    modes: tuple[str, ...]
    recipient_preps: frozenset[str]
    embeds: str  # "irrealis", "factive" or "none"
    future_type: str


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One row of the trigger lexicon.

    ``requires`` lists alternatives, any of which must be present (an alternative of needs
    joined by "&" is present when all of them are): a lemma that is a child
    (particle, preposition, modifier, object), the head or the hyphen prefix of the trigger,
    or ``ctx:NAME`` for a context evoked by the sentence, or ``obj:held``: what the
    trigger frees is someone who can be held, not a made thing, or ``by:voiced``: a noun
    someone voices ("Pyongyang's threats", "a threat to strike", "issued a threat"), not a
    danger ("faces a growing threat"), ``obj:action``: a warning of someone's act, not of a
    danger, or ``obj:clause``: a verb whose object is a clause (``events.triggers``).
    ``object`` says what the direct object is: the ``recipient``, a ``topic`` (content, not
    a participant), the ``actor`` (hosting: the guest is the actor) or, for nouns, an
    ``undergoer`` (possessor and of-phrase are the recipient: "the arrest of X") or a
    ``giver`` (with no possessor, the of-phrase is the actor: "the endorsement of X").
    """

    lemma: str
    pos: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    requires: tuple[str, ...]
    object: str
    preps: frozenset[str]
    weight: float


def _rows(name: str) -> list[dict[str, str]]:
    return read_rows(f"events/{name}")


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


@functools.cache
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types by name."""
    return {
        row["type"]: PloverType(
            name=row["type"],
            quad=row["quad"],
            score=float(row["score"]),
            requires_recipient=row["requires_recipient"] == "yes",
            modes=_split(row["modes"]),
            recipient_preps=frozenset(_split(row["recipient_preps"])),
            embeds=row["embeds"],
            future_type=row["future_type"],
        )
        for row in _rows("plover_types.csv")
    }


@functools.cache
def trigger_lexicon() -> dict[tuple[str, str], tuple[TriggerEntry, ...]]:
    """Trigger entries by (lemma, pos), pos being VERB, NOUN or ADJ."""
    table: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in _rows("plover_triggers.csv"):
        entry = TriggerEntry(
            lemma=row["lemma"],
            pos=row["pos"],
            type=row["type"],
            mode=row["mode"] or None,
            contexts=_split(row["contexts"]),
            requires=_split(row["requires"]),
            object=row["object"] or "recipient",
            preps=frozenset(_split(row["preps"])),
            weight=float(row["weight"]),
        )
        table.setdefault((entry.lemma, entry.pos), []).append(entry)
    return {key: tuple(entries) for key, entries in table.items()}


@functools.cache
def context_words() -> dict[str, tuple[str, ...]]:
    """Lower-case word or phrase -> the contexts it evokes."""
    table: dict[str, list[str]] = {}
    for row in _rows("plover_contexts.csv"):
        table.setdefault(row["word"], []).append(row["context"])
    return {word: tuple(contexts) for word, contexts in table.items()}


@dataclass(frozen=True, slots=True)
class ModeCue:
    """A word or phrase that names the mode of an event type, with its rank (lower = more
    specific: a "suicide bomber" is a suicide attack before it is an explosive)."""

    type: str
    mode: str
    rank: int


@functools.cache
def mode_cues() -> dict[str, tuple[ModeCue, ...]]:
    """Lower-case word or phrase -> the modes it names."""
    table: dict[str, list[ModeCue]] = {}
    for row in _rows("plover_mode_cues.csv"):
        table.setdefault(row["cue"], []).append(ModeCue(row["type"], row["mode"], int(row["rank"])))
    return {cue: tuple(found) for cue, found in table.items()}


@functools.cache
def _cued_ranks(ptype: str) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for found in mode_cues().values():
        for cue in found:
            if cue.type == ptype:
                ranks[cue.mode] = min(cue.rank, ranks.get(cue.mode, cue.rank))
    return ranks


def cued_mode(ptype: str, mode: str | None, phrases: Iterable[str]) -> str | None:
    """The mode of an event of type ``ptype`` given the words and phrases of its sentence.

    A trigger's own mode stands unless it is one the cue table ranks ("fired" is firearms)
    and a more specific cue is present ("fired a missile" is heavy-weapons, "warplanes
    fired" aerial); a mode the table does not rank ("abduct", "torture") always stands.
    """
    ranks = _cued_ranks(ptype)
    if mode is not None and mode not in ranks:
        return mode
    best = (ranks[mode], mode) if mode is not None else None
    table = mode_cues()
    for phrase in phrases:
        for cue in table.get(phrase, ()):
            if cue.type == ptype and (best is None or cue.rank < best[0]):
                best = (cue.rank, cue.mode)
    return best[1] if best is not None else None


@functools.cache
def cues(kind: str) -> frozenset[str]:
    """The cue words of one kind in event_cues.csv (light, speech, planned, negated, ...)."""
    return frozenset(row["cue"] for row in _rows("event_cues.csv") if row["kind"] == kind)


def deed_types(word: str) -> frozenset[str] | None:
    """The types of event a lower-case noun can name as a deed ("launch": MOBILIZE), none
    for a word that names any deed ("move", cue kind ``deed``); None when it names none."""
    if word in cues("deed"):
        return frozenset()
    entries = trigger_lexicon().get((word, "NOUN"))
    return frozenset(entry.type for entry in entries) if entries else None


@functools.cache
def _frame_modes() -> dict[tuple[str, str, str], tuple[str, str | None]]:
    return {
        (row["frame_type"], row["content_type"], row["content_mode"]): (
            row["type"],
            row["mode"] or None,
        )
        for row in _rows("plover_frame_modes.csv")
    }


def frame_mode(
    frame_type: str, content_type: str, content_mode: str | None
) -> tuple[str, str | None] | None:
    """(type, mode) of a framing event given the event it frames, if the table says."""
    table = _frame_modes()
    return table.get((frame_type, content_type, content_mode or "")) or table.get(
        (frame_type, content_type, "")
    )


@functools.cache
def _cameo_rows() -> dict[tuple[str, str], tuple[tuple[frozenset[str], str], ...]]:
    table: dict[tuple[str, str], list[tuple[frozenset[str], str]]] = {}
    for row in _rows("cameo.csv"):
        key = (row["type"], row["mode"])
        table.setdefault(key, []).append((frozenset(_split(row["context"])), row["cameo"]))
    return {key: tuple(rows) for key, rows in table.items()}


def cameo_code(ptype: str, mode: str | None, contexts: Iterable[str] = ()) -> str | None:
    """The CAMEO code of (type, mode, contexts) when exactly one fits, else None.

    Rows whose contexts are all among ``contexts`` fit; the most specific fitting rows
    (most contexts) decide, and two different codes there mean "ambiguous" (None).
    """
    rows = _cameo_rows().get((ptype, mode or ""), ())
    present = frozenset(contexts)
    fitting = [(len(ctx), code) for ctx, code in rows if ctx <= present]
    if not fitting:
        return None
    best = max(size for size, _ in fitting)
    codes = {code for size, code in fitting if size == best}
    return codes.pop() if len(codes) == 1 else None


def manual_type(ptype: str, modality: Modality) -> str:
    """The type the PLOVER manual would code: planned cooperation is AGREE, and so on.

    herald keeps the underlying type and a separate modality; this folds them back into the
    manual's single-category convention for comparison with manual-coded data.
    """
    if modality in ("planned", "hypothetical"):
        info = plover_types().get(ptype)
        if info is not None:
            return info.future_type
    return ptype
