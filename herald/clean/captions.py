"""clean, pictures: photo captions and credits, split off the article text.

A caption describes a picture, not the news, and its credit ("YURI GRIPAS/The Globe and
Mail", "(AP Photo/Evan Vucci)") names a photographer, not an actor: both leave the text
and are kept on the ``Document``. A credit printed before its caption, as tabloids do
("Getty Images Medics carry a wounded man", "EPA South Korea fired a missile towards the
East Sea"), leaves too, but such a caption stays: it tells the story's news, often what
the text does not.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

MAX_CAPTION_WORDS = 70
MAX_CUED_CAPTION_WORDS = 150  # opened by a cue and closed by a credit: a caption however long
MAX_LONE_CAPTION_WORDS = 40  # a paragraph this short before a lone credit line is its caption

# A photo credit at the end of a caption: "YURI GRIPAS/The Globe and Mail" (often glued to
# the last sentence), "(AP Photo/Evan Vucci)", "Photo: Reuters", "AFP via Getty Images".
_CAPS_NAME = r"[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+)*"
_CREDIT_CORE = (
    rf"{_CAPS_NAME}\s?/\s?[A-Z][\w'\u2019.&-]*(?: [A-Za-z][\w'\u2019.&-]*){{0,5}}"
    r"|[A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,3}(?:/| via )Getty Images"
    r"|(?:Photo|Photograph|Image|Picture|Credit)s?(?: by|:) [^.!?]{2,80}"
    # a page's credit line with no colon, a photographer over an agency: "Credit Jane
    # Roe/European Pressphoto Agency"
    r"|Credit [A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,3}\s?/\s?[A-Z][^.!?/]{1,60}"
    r"|Courtesy(?: of)? [A-Z][^.!?()]{2,80}"
)
_CREDIT_END = re.compile(
    # after a sentence end ("...on Oct. 11." / "...capital.\u201d"), not after "U.S."
    r"(?:(?:(?<=[a-z0-9][a-z0-9][.!?])|(?<=[.!?][\"\u201d\u2019)]))"
    rf"\s*(?P<bare>{_CREDIT_CORE}|{_CAPS_NAME})"
    r"|\s*[(\[](?P<paren>[^()\[\]]{0,30}\b(?:Photo|Photograph|Image|Pool|Handout)\b[^()\[\]]{0,60}"
    r"|[^()\[\]]{1,40}\bvia (?:AP|AFP|Reuters|Getty Images)\b[^()\[\]]{0,20}"
    rf"|{_CAPS_NAME}\s?/\s?[^()\[\]]{{1,60}}"
    # a photographer's name over an agency's initials or name: "(Hayoung Jeon/EPA)",
    # "(Jane Roe, File/Associated Press)"
    r"|[A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,3}(?:, File)?\s?/\s?"
    r"(?:[A-Z]{2,}(?:[ -][A-Z]{2,})?|[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}))[)\]])"
    # the wire's own name may follow the credit: "(Yonhap via AP, File) (Associated Press)"
    r"(?:\s*\((?:Associated Press|AP|Reuters|AFP)\))?$"
)
_CREDIT_ALONE = re.compile(rf"\(?(?:{_CREDIT_CORE})\)?|\((?:AP|AFP|Reuters) Photo[^()]*\)")
_CAPTION_CUE = re.compile(
    r"(?:file|photos?|pictured|images?|above|top|main)\s*(?:photo|image)?\s*[:—\u2013-]\s"
    r"|in this (?:file )?(?:photo|image|picture)",
    re.IGNORECASE,
)


# A credit that opens a caption, as tabloids print them: "Getty Images Forensic police
# investigate the truck", "Reuters Japan Self-Defence Forces soldiers take part in a drill",
# "Handout - Getty The South dropped bombs". A capital follows ("Reuters reported" is news).
_CREDIT_AGENCIES = (
    r"Reuters|Getty Images|Getty|EPA|AFP|AP|PA|AAP|Handout|Shutterstock|Alamy|Xinhua|Yonhap"
    r"|Kyodo|Bloomberg|Rex Features|REX"
)
# The photographer's name may come before the agency: "Jane Roe / Reuters A man walks past".
_PHOTOGRAPHER = r"(?:[A-Z][\w'\u2019.-]*\s+){1,3}/\s*"
_CREDIT_START = re.compile(
    r"(?:(?<=\s)|^)(?:(?:Handout|Pool)\s*[-\u2013\u2014]\s*)?"
    rf"(?P<credit>(?:{_PHOTOGRAPHER})?(?:{_CREDIT_AGENCIES})(?:\s*/\s*[A-Z]\w*)?)\s+(?=[A-Z0-9])"
)
# What only a picture's caption says: the picture itself ("in this undated photo", "a TV
# screen showing"), or people as a camera sees them ("looks on", "are seen").
_PICTURE_CUE = re.compile(
    r"\bin this (?:undated |file |handout )?(?:photo|image|picture)\b"
    r"|\b(?:TV|television)(?: set| screen)? showing\b|\blooks? on\b|\b(?:is|are) seen\b",
    re.IGNORECASE,
)
# A slideshow's caption ends with its counter: "... Hide Caption 3 of 8".
_COUNTER = r"\bCaption \d+ of \d+"
_SLIDE_COUNTER = re.compile(rf"{_COUNTER}$", re.IGNORECASE)
# The same counter inside a paragraph: a gallery scraped as one block of captions.
_SLIDE_BREAK = re.compile(rf"{_COUNTER}\s+", re.IGNORECASE)


class CaptionSplit(NamedTuple):
    """The paragraphs that stay in the article, and the captions and credits taken out."""

    kept: list[str]
    captions: list[str]
    credits: list[str]


def split_credit(paragraph: str) -> tuple[str, str | None]:
    """(caption, credit) when the paragraph ends with a photo credit, else (paragraph, None)."""
    match = _CREDIT_END.search(paragraph)
    if not match or match.start() == 0:
        return paragraph, None
    credit = match.group("bare") or match.group("paren")
    if match.group("bare") and credit.isupper() and len(credit.split()) < 2:
        return paragraph, None  # one capitalized word ("...said.NATO") is no credit
    return paragraph[: match.start()].rstrip(), credit.strip()


def is_caption(paragraph: str) -> bool:
    """A short paragraph that ends with a photo credit or a slideshow's counter, or opens
    with a cue ("File photo:", "Photos:"); a longer one that does both (a wire caption
    retelling the story: "FILE - In this ... file photo, ... (AP Photo/..., File)")."""
    words = len(paragraph.split())
    if words > MAX_CUED_CAPTION_WORDS:
        return False
    credited = split_credit(paragraph)[1] is not None
    cued = bool(_CAPTION_CUE.match(paragraph))
    if words > MAX_CAPTION_WORDS:
        return credited and cued
    return credited or cued or bool(_SLIDE_COUNTER.search(paragraph.rstrip()))


def _slides(paragraph: str) -> list[str]:
    """A paragraph cut after each slideshow counter it holds: a gallery scraped as one block
    ("Photos: ... Hide Caption 13 of 25 Photos: ... Hide Caption 14 of 25") is a run of
    captions, each of which ``is_caption`` then knows by its counter or its cue."""
    cuts = [0, *(m.end() for m in _SLIDE_BREAK.finditer(paragraph)), len(paragraph)]
    return [paragraph[a:b].strip() for a, b in itertools.pairwise(cuts) if paragraph[a:b].strip()]


def credited_lines(paragraph: str) -> list[tuple[str, str]]:
    """The (line, credit) pairs of a paragraph that opens with a photo credit, each line
    running to the next credit (a gallery scraped as one block: "Getty Images Cars were
    stopped ... Getty Images There were fears ..."); none for any other paragraph, or for
    one too long to be captions."""
    starts = list(_CREDIT_START.finditer(paragraph))
    if not starts or starts[0].start() != 0:
        return []
    ends = [m.start() for m in starts[1:]] + [len(paragraph)]
    pairs = [
        (paragraph[m.end() : end].strip(), m.group("credit"))
        for m, end in zip(starts, ends, strict=True)
    ]
    if any(len(line.split()) > MAX_CAPTION_WORDS for line, _ in pairs):
        return []
    return pairs


def split_captions(paragraphs: list[str]) -> CaptionSplit:
    """Move photo captions and credits out of the paragraphs, keeping their order."""
    found = CaptionSplit([], [], [])
    for paragraph in (slide for block in paragraphs for slide in _slides(block)):
        if pairs := credited_lines(paragraph):
            # Tabloid captions tell the story's news ("South Korea fired a missile"), often
            # what the text does not: only the credit leaves, each caption a paragraph, but
            # one that tells its picture ("Kim looks on ... in this undated photo") leaves.
            for line, credit in pairs:
                (found.captions if _PICTURE_CUE.search(line) else found.kept).append(line)
                found.credits.append(credit)
        elif _CREDIT_ALONE.fullmatch(paragraph):
            # A credit on its own line follows the caption it belongs to.
            if found.kept and len(found.kept[-1].split()) <= MAX_LONE_CAPTION_WORDS:
                found.captions.append(found.kept.pop())
            found.credits.append(paragraph.strip("()"))
        elif is_caption(paragraph):
            caption, credit = split_credit(paragraph)
            found.captions.append(caption)
            if credit:
                found.credits.append(credit)
        else:
            found.kept.append(paragraph)
    return found
