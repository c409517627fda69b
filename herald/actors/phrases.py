"""actors.phrases: finding the surface forms of herald's lookup tables in a parse.

Every country word, organization, news outlet and role of ``herald.actors.lexicon`` is indexed
by its leading word; ``match_phrases(parsed)`` finds them in one left-to-right pass, longest
phrase first, as ``PhraseMatch`` token ranges.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from herald.actors.lexicon import (
    _role_forms,
    country_words,
    media,
    normalize,
    organizations,
)
from herald.records import ParsedText

PhraseCategory = Literal["country", "organization", "media", "role"]


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A table entry found in a parse: token range [start, end) and what it names."""

    start: int
    end: int
    category: PhraseCategory
    key: str  # iso3, organization name, media name or role
    word: str  # for countries: "name", "demonym" or "capital"; else the category


# --------------------------------------------------------------------------- matching

_LEAD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Phrase:
    text: str
    folded: str
    category: PhraseCategory
    key: str
    word: str
    exact_case: bool  # acronyms ("US", "WHO", "AP", "LeT") must match letter for letter
    capitalized: bool  # single words ("Pentagon", "Cuban") must be written as names


def _lead(text: str) -> str:
    found = _LEAD.search(text)
    return found.group(0).casefold() if found else text.casefold()


def _phrase(text: str, category: PhraseCategory, key: str, word: str) -> _Phrase:
    letters = re.sub(r"[^A-Za-z]", "", text)
    # "LeT", "AfD" are acronyms too: a capital inside the word says so, and read without
    # case "LeT" is the "Let" that opens a sentence ("Let's be clear")
    mixed = any(c.isupper() for c in letters[1:])
    acronym = len(letters) <= 6 and (letters.isupper() or mixed) and " " not in text
    return _Phrase(
        text=text,
        folded=text.casefold(),
        category=category,
        key=key,
        word=word,
        exact_case=acronym,
        capitalized=category != "role" and " " not in text,
    )


@functools.cache
def _phrase_index() -> dict[str, tuple[_Phrase, ...]]:
    """Leading word (case-folded) -> phrases starting with it, longest first."""
    phrases: list[_Phrase] = []
    for form, (iso3, word) in country_words().items():
        phrases.append(_phrase(form, "country", iso3, word))
    for org in organizations():
        for form in (org.name, *org.aliases):
            phrases.append(_phrase(normalize(form), "organization", org.name, "organization"))
    for outlet in media():
        for form in (outlet.name, *outlet.aliases):
            phrases.append(_phrase(form, "media", outlet.name, "media"))
    for form, (info, _plural) in _role_forms().items():
        phrases.append(_phrase(form, "role", info.role, "role"))
    index: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        index.setdefault(_lead(phrase.text), []).append(phrase)
    return {lead: tuple(sorted(group, key=lambda p: -len(p.text))) for lead, group in index.items()}


def _accepts(phrase: _Phrase, surface: str) -> bool:
    if phrase.exact_case:
        return surface == phrase.text
    if surface.casefold() != phrase.folded:
        return False
    # a single word must be written as a name: capitalized, or as the table writes it
    # ("al-Shabab", "al-Qaeda": news writes the article in lower case)
    return not phrase.capitalized or surface[:1].isupper() or surface[:1] == phrase.text[:1]


def match_phrases(parsed: ParsedText) -> list[PhraseMatch]:
    """Every country word, organization, outlet and role of the tables found in ``parsed``.

    One left-to-right pass; at each token the longest phrase wins and matches never overlap
    (a role inside an organization name is not reported). A match must start and end on
    token boundaries. Roles must end on a noun.
    """
    tokens = parsed.tokens
    end_token = {token.end: token.i for token in tokens}
    index = _phrase_index()
    text = parsed.text
    matches: list[PhraseMatch] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        found = None
        for phrase in index.get(_lead(token.text), ()):
            last = end_token.get(token.idx + len(phrase.text))
            if last is None or not _accepts(phrase, text[token.idx : token.idx + len(phrase.text)]):
                continue
            if phrase.category == "role" and tokens[last].pos not in ("NOUN", "PROPN"):
                continue
            found = PhraseMatch(i, last + 1, phrase.category, phrase.key, phrase.word)
            break
        if found is None:
            i += 1
            continue
        matches.append(found)
        i = found.end
    return matches
