"""places.gazetteer.lookup: the places a name may mean, ranked, in this process's gazetteer.

``rank`` and ``best`` look a name up in the index of ``herald.places.gazetteer.cache`` and order
the entries by the context-free ``score`` of ``herald.places.gazetteer.entries``, given what the
article says; ``country_of_place`` answers "which country is this place in?".
"""

from __future__ import annotations

import re

from herald.places.gazetteer.cache import load_gazetteer
from herald.places.gazetteer.entries import Context, Entry, PlaceCandidate, fits, name_key, score

# Letters each followed by a dot: "E.U.", "U.N.", "U.S."
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


def rank(name: str, context: Context | None = None) -> tuple[Entry, ...]:
    """The entries known under ``name``, best first, given what the article says."""
    context = context or Context()
    candidates = [c for c in load_gazetteer().candidates(name) if not _read_as_word(name, c)]
    fitting = [c for c in candidates if fits(c.entry, context)] or list(candidates)
    fitting.sort(key=lambda c: score(c, context), reverse=True)
    return tuple(c.entry for c in fitting)


def _read_as_word(name: str, candidate: PlaceCandidate) -> bool:
    """A name written as dotted initials read as the word its letters spell: "E.U." is not
    the French town of Eu, nor "U.S." a place called Us. Initials name a place through the
    aliases that spell them out ("U.S." for the United States)."""
    return _DOTTED_INITIALS.fullmatch(name) is not None and name_key(candidate.entry.name) == (
        name_key(name)
    )


def best(name: str, context: Context | None = None) -> Entry | None:
    """The single most likely entry for ``name``, or None when the name is unknown."""
    ranked = rank(name, context)
    return ranked[0] if ranked else None


def country_of_place(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of the country a place name most likely lies in."""
    entry = best(name)
    return entry.country if entry else None


def dateline_entry(dateline: str | None) -> Entry | None:
    """The gazetteer entry of a dateline's place ("KYIV, Ukraine": Kyiv; "TOKYO/SEOUL": the
    city filed from first, Tokyo), if it names one."""
    return best(re.split(r"[,/]", dateline)[0]) if dateline else None
