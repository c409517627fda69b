"""places.gazetteer.lookup: the places a name may mean, ranked, in this process's gazetteer.

``rank`` and ``best`` look a name up in the index of ``herald.places.gazetteer.cache`` and order
the entries by the context-free ``score`` of ``herald.places.gazetteer.entries``, given what the
article says; ``country_of_place`` answers "which country is this place in?".
"""

from __future__ import annotations

from herald.places.gazetteer.cache import load_gazetteer
from herald.places.gazetteer.entries import Context, Entry, fits, score


def rank(name: str, context: Context | None = None) -> tuple[Entry, ...]:
    """The entries known under ``name``, best first, given what the article says."""
    context = context or Context()
    candidates = load_gazetteer().candidates(name)
    fitting = [c for c in candidates if fits(c.entry, context)] or list(candidates)
    fitting.sort(key=lambda c: score(c, context), reverse=True)
    return tuple(c.entry for c in fitting)


def best(name: str, context: Context | None = None) -> Entry | None:
    """The single most likely entry for ``name``, or None when the name is unknown."""
    ranked = rank(name, context)
    return ranked[0] if ranked else None


def country_of_place(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of the country a place name most likely lies in."""
    entry = best(name)
    return entry.country if entry else None
