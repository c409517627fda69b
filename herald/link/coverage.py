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
- and their titles and ledes name a person, an organisation or a town in common, or two
  names of any kind (a country or a region alone is in too many unrelated reports).

A name counts when herald found it in the document (an actor, a place) and its words are
in the title or the lede: what a report names up front is what it is about. Names from
the records alone chained stories in a synthetic archive whose clones keep their seed's
text under other names (a component of 2,410 of 10,000 documents); names from the text
alone would be any capitalised word. Two things to agree on, the words and a name, keep
apart reports told in like words of other people (a fire here, a fire there) and reports
of the same people on other matters. Thresholds tuned on the dev half of news_cluster
(``herald eval stories``): at an overlap of 0.08 unrelated reports of the dev half joined,
at 0.1 none did; a lede of 120 words (the first paragraphs) names what 50 words missed.

A document's features are its keys, stored in ``coverage_keys`` and read back from there
(``from_keys``): ``w:`` a word, ``n:`` a person or an organisation, ``l:`` a town and ``r:``
a region (their GeoNames ids), ``c:`` a country. Every key is a blocking key: candidates
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
LEDE_WORDS = 120

WORD, NAME, TOWN, REGION, COUNTRY = "w:", "n:", "l:", "r:", "c:"


@dataclass(frozen=True, slots=True)
class DocumentFeatures:
    """What the coverage relation reads of a document."""

    doc_id: str
    day: dt.date  # its publication day
    words: frozenset[str]  # the content words of its title and lede
    names: frozenset[str]  # the people, organisations, places, countries title and lede name


def headline_words(title: str | None, text: str) -> frozenset[str]:
    """The content words of a title and of the first ``LEDE_WORDS`` words of the text."""
    lede = " ".join(text.split()[:LEDE_WORDS])
    return content_words(f"{title or ''} {lede}")


def name_keys(
    words: frozenset[str],
    actors: Iterable[tuple[str, str, str | None]],
    places: Iterable[tuple[str | None, int | None, str | None, str | None]],
) -> frozenset[str]:
    """The names a document's title and lede give (``words``: their content words), from
    its actors (name, kind, country) and its places (name, GeoNames id, feature, country):
    people and organisations by their names, towns and regions by their GeoNames ids,
    countries by their codes. A name counts only when its words are all in the title or
    the lede, where a report names what it is about (a description such as "police
    spokesperson" names nobody)."""
    keys = set()
    for name, kind, country in actors:
        if not _told(name, words):
            continue
        if kind in ("person", "organization") and is_named(name, kind):
            keys.add(NAME + fold_name(name))
        elif kind == "country" and country:
            keys.add(COUNTRY + country)
    for name, geonameid, feature, country in places:
        if not name or not _told(name, words):
            continue
        if feature == "country" and country:
            keys.add(COUNTRY + country)
        elif geonameid is not None:
            keys.add(f"{REGION if feature in COARSE_FEATURES else TOWN}{geonameid}")
    return frozenset(keys)


def _told(name: str, words: frozenset[str]) -> bool:
    own = content_words(name)
    return bool(own) and own <= words


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
    return len(common) >= 2 or any(key[:2] in (NAME, TOWN) for key in common)
