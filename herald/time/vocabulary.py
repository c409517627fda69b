"""The time stage's word table: ``data/time/time_words.csv`` and the regex alternations of it.

``time_words()`` reads the table; ``lookup`` gives the value of one word; ``vocabulary()`` turns
its kinds into regex alternations for the grammar (``herald.time.patterns``).
"""

from __future__ import annotations

import csv
import functools
import re

from herald.data_files import data_path

WORDS_TABLE = data_path("time/time_words.csv")

# --------------------------------------------------------------------------- vocabulary


@functools.cache
def time_words() -> dict[str, dict[str, str]]:
    """The word table as {kind: {word: value}}."""
    table: dict[str, dict[str, str]] = {}
    with WORDS_TABLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def alternation(words: list[str]) -> str:
    """A regex alternation, longest words first so that "sept." wins over "sep"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def lookup(kind: str, word: str) -> str:
    """The table value of ``word`` (any case, with or without a final dot)."""
    words = time_words()[kind]
    key = word.lower()
    return words.get(key, words.get(key + ".", ""))


@functools.cache
def vocabulary() -> dict[str, str]:
    """Regex alternations for every kind of word, keyed by the placeholder names."""
    words = time_words()
    dotted = [word for word in words["month"] if word.endswith(".")]
    full_months = [word for word in words["month"] if not word.endswith(".")]
    return {
        "MONTH": alternation(full_months + dotted),
        # Dotless abbreviations ("Sept 30") only where a day number follows.
        "MONTHD": alternation(full_months + dotted + [w.rstrip(".") for w in dotted]),
        "WEEKDAY": alternation(list(words["weekday"])),
        "SEASON": alternation(list(words["season"])),
        # The apostrophe of a holiday's name may be curly or left out ("New Years Eve").
        "HOLIDAY": alternation(list(words["holiday"])).replace("'", "['\u2019]?"),
        "DAYPART": alternation(list(words["daypart"])),
        "UNIT": alternation(list(words["unit"])),
        "PLURAL": alternation([w for w, unit in words["unit"].items() if w != unit]),
        "NUM": alternation(list(words["number"])) + r"|\d{1,3}(?:\.\d+|\s+1/2)?",
        "ORD": alternation(list(words["ordinal"])),
        "DEICTIC": alternation(list(words["deictic"])),
        "MOD": alternation(list(words["modifier"])),
        "REFERENCE": alternation(list(words["reference"])),
        "FREQUENCY": alternation(list(words["frequency"])),
        "SPELLEDYEAR": _spelled_year_pattern(words["number"]),
        "DECADEWORD": alternation(list(words["decade_word"])),
        "REL": r"last|next|this|past|coming|previous|current|following|this past|this coming",
    }


def _spelled_year_pattern(numbers: dict[str, str]) -> str:
    """Years in words: "nineteen ninety-seven", "two thousand and one"."""
    value_of = {w: int(v) for w, v in numbers.items() if v.isdigit() and " " not in w}
    ones = alternation([w for w, v in value_of.items() if 1 <= v <= 9 and len(w) > 2])
    teens = alternation([w for w, v in value_of.items() if 10 <= v <= 19])
    tens = alternation([w for w, v in value_of.items() if v >= 20 and v % 10 == 0])
    pair = rf"(?:{tens})(?:[\s-](?:{ones}))?|{teens}|oh[\s-](?:{ones})"
    return (
        rf"(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
        rf"\s+(?:{pair})|two\s+thousand(?:\s+(?:and\s+)?(?:{ones}|{teens}))?"
    )
