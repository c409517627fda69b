"""clean, page furniture: which lines belong to the page around the article, not to it.

A line is boilerplate when it matches a pattern of ``data/clean/boilerplate.tsv`` ("Skip to main
content", sharing prompts, newsletter offers), is a menu on one line ("World | Politics |
Sport"), a list of other stories' headlines behind their kickers, or a paragraph wholly in
square brackets (another story's headline set in the text as a link, an editor's note: "[What
are the leaked papers?]"); a run of one-to-three-word lines is a menu rendered one item a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from herald.data_files import read_rows

MAX_LINE_FOR_BOILERPLATE = 600  # longer lines are article text, whatever they start with
MAX_MENU_ITEM_WORDS = 3
MENU_RUN = 3  # this many one-to-three-word lines in a row are a menu
TEASER_RUN = 2  # this many paragraphs in a row cut off by an ellipsis are teasers
TEASER_WORDS = 10  # a teaser gives the story's first line, most of a sentence
# A paragraph cut off in mid-sentence: a word, then "..." or "…" ("battling rain and strong ...").
_CUT_OFF = re.compile(r"\w\s?(?:\.\.\.|\u2026)$")

# A paragraph wholly in square brackets: the press sets links and editors' asides so.
_BRACKETED = re.compile(r"\[[^\[\]]+\]")
_MENU_SEPARATORS = re.compile(r"\s+[|•·»]\s+")
# A kicker: two or more capitalised words in a row ("MOST READ IN NEWS", "ERUPTION ALERT"), the
# label a tabloid puts before each headline of a list of links. Article prose has acronyms
# (NATO, U.S.) but seldom two shouted words together, and never three such runs on a line
# that opens with one. Apostrophes, straight or curly, belong to the words ("IT'S NOT OVER").
_KICKER = re.compile(r"(?<!\w)[A-Z][A-Z'\u2019]+(?:\s+[A-Z][A-Z'\u2019]*)+(?!\w)")
KICKERS_OF_A_TEASER_LIST = 3


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
    if len(stripped) <= MAX_LINE_FOR_BOILERPLATE and (
        _boilerplate_pattern().fullmatch(stripped) or _BRACKETED.fullmatch(stripped)
    ):
        return True
    items = _MENU_SEPARATORS.split(stripped)
    if len(items) >= MENU_RUN and all(_is_menu_item(item) for item in items):
        return True
    return is_teaser_list(stripped)


def is_teaser_list(line: str) -> bool:
    """Headlines of other stories run together, each behind its kicker: "MOST READ IN NEWS
    'DAD WAS A PAEDO' Joan Collins' son claims ... ERUPTION ALERT Bali's volcano ..."."""
    kickers = list(_KICKER.finditer(line))
    return len(kickers) >= KICKERS_OF_A_TEASER_LIST and kickers[0].start() == 0


def _is_menu_item(paragraph: str) -> bool:
    """A few words without the punctuation that ends a sentence or a quote."""
    return len(paragraph.split()) <= MAX_MENU_ITEM_WORDS and paragraph[-1] not in '.!?"”'


def drop_menu_runs(paragraphs: list[str]) -> list[str]:
    """Drop runs of very short unpunctuated paragraphs: a menu rendered one item a line."""
    return _drop_runs(paragraphs, _is_menu_item, MENU_RUN)


def drop_teaser_runs(paragraphs: list[str]) -> list[str]:
    """Drop runs of paragraphs cut off by an ellipsis: the opening lines of other stories in
    a list of links ("SYDNEY, Australia - Stocks were mixed on Monday, the first day ...")."""
    return _drop_runs(paragraphs, _is_cut_off, TEASER_RUN)


def _drop_runs(paragraphs: list[str], in_run: Callable[[str], bool], shortest: int) -> list[str]:
    """The paragraphs without every run of at least ``shortest`` in a row that ``in_run``
    takes."""
    kept: list[str] = []
    run: list[str] = []
    for paragraph in paragraphs:
        if in_run(paragraph):
            run.append(paragraph)
            continue
        if len(run) < shortest:
            kept.extend(run)
        run = []
        kept.append(paragraph)
    return kept + (run if len(run) < shortest else [])


def _is_cut_off(paragraph: str) -> bool:
    """A teaser's length, cut off by an ellipsis; a speaker broken off in a transcript
    ("SHAPIRO: Now, I believe...") says fewer words."""
    return len(paragraph.split()) >= TEASER_WORDS and bool(_CUT_OFF.search(paragraph))
