"""clean, layout pass: the same for every input, after decoding (and HTML extraction).

Normalize the characters, cut the text into paragraphs, drop boilerplate lines and menus,
take a headline, a byline and a published line into metadata, split photo captions and
credits off, and strip the dateline off the first paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from herald.clean.boilerplate import drop_menu_runs, drop_teaser_runs, is_boilerplate
from herald.clean.captions import is_caption, split_captions
from herald.clean.metadata_lines import (
    Dateline,
    PublishedLine,
    read_byline,
    read_published_line,
    split_dateline,
)

TOP_LINES = 12  # published lines and bylines are looked for among the first lines only
MAX_HEADLINE_WORDS = 20
DATELINE_PARAGRAPHS = 6  # a dateline opens the first paragraph, or one after a short deck
# (a headline, "ABSTRACT.", a summary, "FULL TEXT." in archive exports)
MAX_DECK_WORDS = 30  # a longer paragraph before it is the story: what follows has no dateline
WRAP_MAX_WIDTH = 100  # hard-wrapped text has no longer line
WRAP_MIN_LINES = 4
WRAP_SHARE = 0.6  # share of lines that reach half the margin in a wrapped text
# A margin cuts most long lines inside a sentence; lines that all end a sentence are paragraphs.
WRAP_CUT_SHARE = 0.5
_SENTENCE_END = (".", "!", "?", '"', "\u201d", "'", "\u2019", ")", ":")

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_TERMINAL = ".!?:;,"
_CLOSERS = "\"'”\u2019)»"


@dataclass(slots=True)
class Layout:
    """The article text split into paragraphs, and what the layout pass took out of it."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    published_line: PublishedLine | None = None


def normalize_text(text: str) -> str:
    """NFC, one kind of newline, no invisible or control characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def lay_out(
    text: str, known_title: str | None = None, one_paragraph_per_line: bool = False
) -> Layout:
    """Paragraphs without boilerplate, and the captions, credits and metadata found."""
    layout = Layout()
    text = normalize_text(text)
    wrapped = not one_paragraph_per_line and is_hard_wrapped(text)
    paragraphs = drop_teaser_runs(drop_menu_runs(_paragraphs(text, layout, wrapped)))
    paragraphs, layout.title = _split_headline(paragraphs, known_title)
    paragraphs, layout.captions, layout.credits = split_captions(paragraphs)
    layout.dateline = _split_first_dateline(paragraphs)
    layout.paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    return layout


def _split_first_dateline(paragraphs: list[str]) -> Dateline | None:
    """The dateline of the first paragraph, or of one just after a short deck or headline
    that the text kept ("E.U. leaders weigh plans.", "After Brexit, bloc aims to rely
    less on U.S. support.", then "BRUSSELS - European leaders gathered ..."); the paragraph
    is left without it."""
    for index, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        paragraphs[index], dateline = split_dateline(paragraph)
        if dateline is not None:
            return dateline
        if len(paragraph.split()) > MAX_DECK_WORDS:
            return None
    return None


def is_hard_wrapped(text: str) -> bool:
    """Whether the text was wrapped at a fixed width (e-mail, wire feeds, plain-text dumps).

    Such text has no line longer than about 100 characters, most lines are long enough to
    have been cut at the margin, and most of those were cut inside a sentence. Scraped pages
    instead hold one paragraph per line, and short one-sentence paragraphs each end a sentence.
    """
    lengths = [len(line) for line in text.split("\n") if line]
    if len(lengths) < WRAP_MIN_LINES or max(lengths) > WRAP_MAX_WIDTH:
        return False
    long_lines = [line for line in text.split("\n") if len(line) >= WRAP_MAX_WIDTH // 2]
    cut = sum(1 for line in long_lines if not line.endswith(_SENTENCE_END))
    return len(long_lines) >= WRAP_SHARE * len(lengths) and cut >= WRAP_CUT_SHARE * len(long_lines)


def _paragraphs(text: str, layout: Layout, wrapped: bool) -> list[str]:
    """Paragraphs, with boilerplate and metadata lines dropped on the way.

    In a hard-wrapped text the lines of a block are joined; otherwise (scraped pages, the
    output of trafilatura) every line is a paragraph of its own.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for number, line in enumerate(text.split("\n")):
        taken = number < TOP_LINES and _take_top_line(line, layout)
        if not line or taken or is_boilerplate(line):
            paragraphs.append(" ".join(current))
            current = []
        elif wrapped and current:
            current.append(line)
        else:
            paragraphs.append(" ".join(current))
            current = [line]
    paragraphs.append(" ".join(current))
    return [paragraph for paragraph in paragraphs if paragraph]


def _take_top_line(line: str, layout: Layout) -> bool:
    """Move a published line or a byline ("By Jane Roe") into the layout's metadata."""
    if (found := read_published_line(line)) is not None:
        # The first publication date wins over an update: events are dated from it.
        earlier = layout.published_line
        if earlier is None or (earlier.is_update and not found.is_update):
            layout.published_line = found
        return True
    if layout.byline is None and (name := read_byline(line)) is not None:
        layout.byline = name
        return True
    return False


def _split_headline(paragraphs: list[str], known: str | None) -> tuple[list[str], str | None]:
    """The paragraphs without a leading headline, and that headline when it was not known.

    A headline repeats the article in headline-ese, so it leaves the text either way.
    """
    if not paragraphs:
        return paragraphs, None
    first = paragraphs[0]
    if known and " ".join(known.split()).casefold() == first.casefold():
        return paragraphs[1:], None
    if known is None and len(paragraphs) > 1 and _looks_like_headline(first):
        return paragraphs[1:], first
    return paragraphs, None


def _looks_like_headline(paragraph: str) -> bool:
    """A few words without closing punctuation that are not a photo caption."""
    words = len(paragraph.split())
    unpunctuated = paragraph.rstrip(_CLOSERS)[-1:] not in _TERMINAL
    return 2 <= words <= MAX_HEADLINE_WORDS and unpunctuated and not is_caption(paragraph)
