"""When two documents report one news story: the coverage relation.

Many news stories hold no political event that herald reads (a plane crash, a celebrity's
break-up, a product launch), or their events read too differently to link. Their reports
still say the same thing up front: the same names and the same distinctive words in the
title and the lede, within days. ``same_coverage(a, b)`` says so, as a pure and symmetric
function of the two documents, so that the coverages (components of the relation, with
the stories of ``herald.link.stage``: ``herald.link.documents``) do not depend on the order
in which documents arrive. Two documents are one coverage when:

- they came out within ``COVERAGE_DAYS`` of each other;
- the content words of their titles and ledes (the first ``LEDE_WORDS`` words of the text)
  overlap: at least ``COVERAGE_WORDS`` in common and ``COVERAGE_OVERLAP`` of all (Jaccard);
- and they name a person, an organisation or a town in common, or two names of any kind
  (a country alone, or a common word alone, is in too many unrelated reports).

Two things to agree on, the words and the names, keep apart reports told in like words of
other people (a fire here, a fire there) and reports of the same people on other matters.
Thresholds tuned on the dev half of news_cluster (``herald eval stories``): at an overlap of
0.08 two unrelated reports of the dev half joined, at 0.1 none did.

A document's features are its keys (``coverage_keys``), stored in ``coverage_keys`` and read
back from there (``from_keys``): ``w:`` a word, ``n:`` a named person or organisation,
``l:`` a town (its GeoNames id), ``c:`` a country. Every key is a blocking key: candidates
share keys, and those sharing most come first (``herald.link.components``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from herald.actors.identity import is_named
from herald.link.rules import COARSE_FEATURES, content_words, fold_name

COVERAGE_DAYS = 3
COVERAGE_WORDS = 3
COVERAGE_OVERLAP = 0.1
# The lede: the first words of the text (often the title again, then the first sentences).
LEDE_WORDS = 50

WORD, NAME, TOWN, COUNTRY = "w:", "n:", "l:", "c:"


@dataclass(frozen=True, slots=True)
class DocumentFeatures:
    """What the coverage relation reads of a document."""

    doc_id: str
    day: dt.date  # its publication day
    words: frozenset[str]  # the content words of its title and lede
    names: frozenset[str]  # its named people, organisations, towns and countries (keys)


def headline_words(title: str | None, text: str) -> frozenset[str]:
    """The content words of a title and of the first ``LEDE_WORDS`` words of the text."""
    lede = " ".join(text.split()[:LEDE_WORDS])
    return content_words(f"{title or ''} {lede}")


def name_keys(
    actors: Iterable[tuple[str, str, str | None]],
    places: Iterable[tuple[int | None, str | None, str | None]],
) -> frozenset[str]:
    """The name keys of a document from its actors (name, kind, country) and its places
    (GeoNames id, feature, country): people and organisations by their names (a
    description such as "police spokesperson" names nobody), towns by their GeoNames ids,
    countries by their codes (a country is also what a coarser place is in)."""
    keys = set()
    for name, kind, country in actors:
        if kind in ("person", "organization") and is_named(name, kind):
            keys.add(NAME + fold_name(name))
        elif kind == "country" and country:
            keys.add(COUNTRY + country)
    for geonameid, feature, country in places:
        if geonameid is not None and feature not in COARSE_FEATURES:
            keys.add(f"{TOWN}{geonameid}")
        elif country:
            keys.add(COUNTRY + country)
    return frozenset(keys)


def keys_of(features: DocumentFeatures) -> list[str]:
    """Every key of a document, sorted: its words and its names."""
    return sorted([WORD + word for word in features.words] + list(features.names))


def from_keys(doc_id: str, day: dt.date, keys: Iterable[str]) -> DocumentFeatures:
    """A document's features back from its stored keys (``keys_of``)."""
    keys = list(keys)
    words = frozenset(key[len(WORD) :] for key in keys if key.startswith(WORD))
    names = frozenset(key for key in keys if not key.startswith(WORD))
    return DocumentFeatures(doc_id, day, words, names)


def window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days of a document's keys: two windows meet when the days are close enough."""
    return day, day + dt.timedelta(days=COVERAGE_DAYS)


def same_coverage(a: DocumentFeatures, b: DocumentFeatures) -> bool:
    """Do two documents report one news story? Symmetric, a function of the two alone."""
    if a.doc_id == b.doc_id or abs((a.day - b.day).days) > COVERAGE_DAYS:
        return False
    shared = len(a.words & b.words)
    if shared < COVERAGE_WORDS or shared < COVERAGE_OVERLAP * (len(a.words | b.words)):
        return False
    common = a.names & b.names
    return len(common) >= 2 or any(not key.startswith(COUNTRY) for key in common)
