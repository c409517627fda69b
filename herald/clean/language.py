"""A small, fast English detector for news text.

Why our own: the lock holds no language-identification package, and herald only needs one
yes/no answer ("is this English news?"), not a language label. English prose is held
together by a few dozen short function words ("the", "of", "and", "that", "was", ...): in
English news about a third of all words come from the list in
``data/clean/english_function_words.csv``, while in other languages that use the Latin script
the share stays small, because most of these words either do not exist there or are rare
(the list leaves out words that are frequent elsewhere, such as "a", "in", "de", "die").
Counting them is one regular expression and one set lookup per word, so the test costs far
less than the parse that follows it. Texts in other scripts are caught earlier, by the share
of letters outside the Latin alphabet. A short text (a sentence, a lede) can hold no function
word at all when it is made of names; there a low share rejects only when words of another
language show (``data/clean/foreign_function_words.csv``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache

from herald.data_files import read_rows

# Below this many words the share says little (a headline, a caption): we do not reject.
MIN_WORDS = 12
# Below this many words a low share alone does not reject either: a sentence of names
# ("Kenya's President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi.") has
# no English function word. It takes the words of another language as well
# (``data/clean/foreign_function_words.csv``: "der", "que", "het"), more of them than English
# ones. (1.2% of the PLOVER and ConfliBERT English news sentences were rejected before.)
SURE_WORDS = 50
# Measured on 200 MediaCloud pages: English prose scores 0.19-0.45, pages in 30 other
# languages at most 0.075; English pages made of lists (nominees, forums) fall in between.
MIN_FUNCTION_SHARE = 0.12
# Letters outside the Latin blocks (Cyrillic, Arabic, CJK, ...) above this share: not English.
MAX_NON_LATIN_SHARE = 0.3
# Enough text to judge; looking further only costs time.
SAMPLE_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LATIN_LIMIT = 0x250  # end of Latin Extended-B


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """What the detector measured and what it concludes."""

    english: bool
    words: int
    function_share: float
    non_latin_share: float
    foreign_share: float = 0.0


@cache
def function_words() -> frozenset[str]:
    """The English function words of ``data/clean/english_function_words.csv``."""
    return frozenset(row["word"].lower() for row in read_rows("clean/english_function_words.csv"))


@cache
def foreign_function_words() -> frozenset[str]:
    """Function words of other Latin-script languages that are no English words
    (``data/clean/foreign_function_words.csv``)."""
    return frozenset(row["word"].lower() for row in read_rows("clean/foreign_function_words.csv"))


def _share(words: list[str], table: frozenset[str]) -> float:
    return sum(1 for word in words if word in table) / len(words) if words else 0.0


def non_latin_share(text: str) -> float:
    """The share of letters that lie outside the Latin script."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if ord(char) >= _LATIN_LIMIT) / len(letters)


def guess_english(text: str) -> LanguageGuess:
    """Measure ``text`` and say whether it reads as English."""
    sample = text[:SAMPLE_CHARS]
    foreign_letters = non_latin_share(sample)
    written = _WORD.findall(sample)
    words = [word.lower() for word in written]
    share, foreign = _share(words, function_words()), _share(words, foreign_function_words())
    # a few words with no function word of any language: a sentence of names, in Latin
    # letters and capitalized, not a page of a script we cannot read or of repeated words
    names = share == 0 and foreign_letters == 0 and any(w[:1].isupper() for w in written)
    if foreign_letters > MAX_NON_LATIN_SHARE:
        english = False
    elif len(words) < MIN_WORDS:
        english = True  # too little text to judge: let it through rather than guess
    elif len(words) < SURE_WORDS and foreign <= share and (share > 0 or names):
        english = True  # few words, no other language shows
    else:
        english = share >= MIN_FUNCTION_SHARE
    return LanguageGuess(english, len(words), share, foreign_letters, foreign)


def is_english(text: str) -> bool:
    """True when ``text`` reads as English (or is too short to tell)."""
    return guess_english(text).english


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def content_words(sentence: str) -> frozenset[str]:
    """The words of a sentence that carry content: no function words, no single letters.

    Interned: a linking run keeps the words of tens of thousands of events, most of them
    the same few thousand words (a fifth less memory per event's features, measured)."""
    stop = function_words()
    return frozenset(
        sys.intern(word)
        for word in (token.lower() for token in _TOKEN.findall(sentence))
        if len(word) > 1 and word not in stop
    )
