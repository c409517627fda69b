"""parse.casing: a headline in title case, read as a sentence.

"Kenya Leader Criticizes Brazil's Response to Crisis" capitalizes every word, and the
tagger, trained on running text, takes each for a name: no verb, no event. Feeds of
headlines (a title per record, as wires and GDELT-style lists give them) are common input,
so a text that is one title-case line is parsed in sentence case, "Kenya leader criticizes
Brazil's response to crisis": a capitalized word is lowered when it is an English word the
model's lemmatizer knows (or a function word) and no name herald's tables know (countries
and their people and cities, organizations, leaders: "Turkey", "Chad", "Trump", "New
Zealand" stay). Only letters change case, so every offset of the parse is an offset of the
text as given, which the records keep.

Why our own: truecasers either need a language model of their own or a cased corpus to count;
the model's word lists and herald's name tables are at hand and enough for a title.
"""

from __future__ import annotations

import functools
import re

import herald.actors.lexicon as lexicon
from herald.data_files import read_rows
from herald.places.gazetteer.cache import load_gazetteer

_WORD = re.compile(r"[A-Za-z][a-z]+(?:['\u2019-][A-Za-z]+)*")
_TITLE_SHARE = 0.9  # of the words after the first, this many capitalized make a title
# Words a title leaves in lower case ("Mayor of Lagos Promises to End Curfew").
_MINOR_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or",
                          "but", "nor", "by", "with", "as", "from", "into", "over", "per",
                          "via", "up", "off", "out", "down", "near", "amid", "after", "under",
                          "about", "than", "between", "against", "before"})  # fmt: skip
_MIN_WORDS = 3
_MAX_WORDS = 30
# Endings an inflected word may carry past its lemma ("Criticizes", "Agreed", "Talks"); a
# possessive is cut before the word is looked up.
_ENDINGS = ("s", "es", "ed", "d", "ing")


def is_title_line(text: str) -> bool:
    """One line of a few words nearly all capitalized: a headline."""
    stripped = text.strip()
    if "\n" in stripped:
        return False  # before splitting: this runs on every document's whole text
    words = stripped.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    later = [w for w in words[1:] if w[:1].isalpha() and w not in _MINOR_WORDS]
    capitalized = [w for w in later if w[:1].isupper()]
    return bool(later) and len(capitalized) / len(later) >= _TITLE_SHARE


def sentence_case(text: str, words: frozenset[str]) -> str:
    """``text`` with the capitalized common words of a title-case line lowered (same
    length); any other text unchanged. ``words``: the lower-case English words known."""
    if not is_title_line(text):
        return text
    kept = _name_spans(text)
    first = True
    chars = list(text)
    for match in _WORD.finditer(text):
        if first:
            first = False
            continue
        word = re.sub(r"['\u2019]s$", "", match.group())
        span = (match.start(), match.start() + len(word))
        if word[0].isupper() and not _inside(span, kept) and _lowered(word, words):
            chars[match.start()] = word[0].lower()
    return "".join(chars)


def _lowered(word: str, words: frozenset[str]) -> bool:
    """A common word and no large place: the word lists know "Lagos" and "Texas" too."""
    return _common(word, words) and not _large_place(word)


# one lookup per distinct word: a feed of headlines repeats its words
@functools.lru_cache(maxsize=1 << 14)
def _large_place(word: str) -> bool:
    return any(
        not candidate.alias
        and candidate.entry.name == word
        and (candidate.entry.population >= _LARGE or candidate.entry.feature != "city")
        for candidate in load_gazetteer().candidates(word)
    )


_LARGE = 500_000  # people: a city a headline names without a country


def _common(word: str, words: frozenset[str]) -> bool:
    lower = word.lower()
    stems = [lower[: -len(e)] for e in _ENDINGS if lower.endswith(e)]
    if lower.endswith("ing"):
        stems.append(lower[:-3] + "e")  # "Imposing"
    if lower.endswith("ies"):
        stems.append(lower[:-3] + "y")  # "Casualties"
    return lower in words or any(stem in words for stem in stems)


def _inside(span: tuple[int, int], kept: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in kept)


def _name_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _names().finditer(text)]


@functools.cache
def _names() -> re.Pattern[str]:
    """Every name the tables know, as written, longest first: countries, their people and
    capitals, organizations, leaders."""
    names = set(lexicon.country_words())
    for organization in lexicon.organizations():
        names.update((organization.name, *organization.aliases))
    for row in read_rows("actors/people.csv"):
        names.update((row["name"], *lexicon.split_cell(row["aliases"])))
    ordered = sorted((n for n in names if n and n[0].isupper()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b")
