"""clean, page furniture: which lines belong to the page around the article, not to it.

A line is boilerplate when it matches a pattern of ``data/clean/boilerplate.tsv`` ("Skip to main
content", sharing prompts, newsletter offers) or is a menu on one line ("World | Politics |
Sport"); a run of one-to-three-word lines is a menu rendered one item a line.
"""

from __future__ import annotations

import re
from functools import cache

from herald.data_files import read_rows

MAX_LINE_FOR_BOILERPLATE = 600  # longer lines are article text, whatever they start with
MAX_MENU_ITEM_WORDS = 3
MENU_RUN = 3  # this many one-to-three-word lines in a row are a menu

_MENU_SEPARATORS = re.compile(r"\s+[|•·»]\s+")


@cache
def _boilerplate_pattern() -> re.Pattern[str]:
    """One alternation of every pattern of ``data/clean/boilerplate.tsv`` (full-line matches)."""
    patterns = [row["pattern"] for row in read_rows("clean/boilerplate.tsv", delimiter="\t")]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """A line that belongs to the page around the article (menus, prompts, ads, notices)."""
    stripped = line.strip().strip("|•·»\u203a>-\u2013— ")
    if not stripped:
        return bool(line.strip())
    if len(stripped) <= MAX_LINE_FOR_BOILERPLATE and _boilerplate_pattern().fullmatch(stripped):
        return True
    items = _MENU_SEPARATORS.split(stripped)
    return len(items) >= MENU_RUN and all(_is_menu_item(item) for item in items)


def _is_menu_item(paragraph: str) -> bool:
    """A few words without the punctuation that ends a sentence or a quote."""
    return len(paragraph.split()) <= MAX_MENU_ITEM_WORDS and paragraph[-1] not in '.!?"”'


def drop_menu_runs(paragraphs: list[str]) -> list[str]:
    """Drop runs of very short unpunctuated paragraphs: a menu rendered one item a line."""
    kept: list[str] = []
    run: list[str] = []
    for paragraph in [*paragraphs, "."]:  # a sentinel that ends the last run
        if _is_menu_item(paragraph):
            run.append(paragraph)
            continue
        if len(run) < MENU_RUN:
            kept.extend(run)
        run = []
        kept.append(paragraph)
    return kept[:-1]
