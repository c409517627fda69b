"""clean: raw bytes to a Document (main text + metadata).

Steps: size and binary checks, decoding, (HTML) main text and metadata with trafilatura,
then the same layout pass for every input: normalize, drop boilerplate lines, split photo
captions and credits off, move a headline, byline and date line into metadata, find the
dateline, check the language, and settle the publication date. Every failure is a
``RejectedError`` with a code from ``herald.errors.CODES``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import charset_normalizer
import trafilatura

from herald.errors import RejectedError
from herald.language import guess_english
from herald.records import Document, PublishedHow, RawDocument, TimeValue
from herald.settings import Options

DATA_DIR = Path(__file__).parent / "data"

# ---------------------------------------------------------------- limits (each one measured)

BINARY_SAMPLE = 65_536  # bytes looked at to call a file binary
MAX_CONTROL_SHARE = 0.02  # text files hold almost no C0 control characters
# Western European text in a code page has its accented letters and curly quotes one at a
# time between ASCII letters; Cyrillic, Greek or East Asian code pages have runs of high
# bytes. With mostly lone high bytes we read cp1252 (the encoding of nearly all legacy
# English pages) before asking charset-normalizer, which cannot tell single-byte code pages
# apart on so little evidence: it read "Caf\xe9 ... na\xefve" as cp775 "Cafķ".
LONE_HIGH_SHARE = 0.8
# Share of the bytes above 0x7F that form valid UTF-8 sequences in a UTF-8 text with some
# cp1252 bytes mixed in; legacy East Asian encodings form such sequences only by chance.
MIN_UTF8_SHARE = 0.5
MAX_BAD_CHAR_SHARE = 0.05  # replacement characters and C1 controls left after decoding
MAX_LINE_FOR_BOILERPLATE = 600
TOP_LINES = 12  # date lines and bylines are looked for among the first lines only
MAX_CAPTION_WORDS = 70
MAX_LONE_CAPTION_WORDS = 40  # a paragraph this short before a lone credit line is its caption
MIN_HTML_WORDS = 6  # a page whose longest paragraph is shorter holds no article
MAX_HEADLINE_WORDS = 20
MENU_RUN = 3  # this many one-to-three-word lines in a row are a menu
WRAP_MAX_WIDTH = 100  # hard-wrapped text has no longer line
WRAP_MIN_LINES = 4
WRAP_SHARE = 0.6  # share of lines that reach half the margin in a wrapped text
# trafilatura's fast mode skips the readability/jusText fallbacks: on the 87 English
# MediaCloud pages it gave the same dates and the same non-empty texts at lower cost.
TRAFILATURA_FAST = True
HTMLDATE_EXTENSIVE = False  # measured: 75/87 correct without, 74/87 with extensive search

# ---------------------------------------------------------------- public entry point


def clean(raw: RawDocument, options: Options) -> Document:
    """The cleaned document, or RejectedError with a code from herald.errors.CODES."""
    _check_size(raw.content, options.max_bytes)
    text = raw.content if isinstance(raw.content, str) else decode_bytes(raw.content, raw.kind)
    _check_text(text)
    page = _from_html(text, raw.url) if raw.kind == "html" else Page()
    body = page.body if raw.kind == "html" else text
    layout = lay_out(body, raw.title or page.title, one_paragraph_per_line=raw.kind == "html")
    if not layout.paragraphs or (raw.kind == "html" and not _has_article(layout.paragraphs)):
        raise RejectedError("no_text", "no article text left after removing page furniture")
    final = "\n\n".join(layout.paragraphs)
    guess = guess_english(final)
    if not guess.english:
        detail = f"English function words {guess.function_share:.0%} of {guess.words} words"
        raise RejectedError("not_english", detail)
    published, how = _published(raw.published, page, layout, options.date)
    return Document(
        doc_id=make_doc_id(final),
        id=raw.id,
        source=raw.source,
        text=final,
        url=raw.url or page.url,
        title=raw.title or page.title or layout.title,
        publisher=page.publisher or layout.outlet,
        byline=page.byline or layout.byline,
        language="en",
        published=published,
        published_how=how,
        dateline=layout.dateline,
        captions=tuple(layout.captions),
        credits=tuple(layout.credits),
    )


def make_doc_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the text with every run of white space as one
    space: the same article re-ingested, or re-wrapped, keeps its id."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- checks and decoding

_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BAD_CHARS = re.compile("[\ufffd\x80-\x9f]")


def _check_size(content: bytes | str, max_bytes: int) -> None:
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "replace"))
    if size > max_bytes:
        raise RejectedError("too_large", f"{size} bytes, limit {max_bytes}")


def _check_text(text: str) -> None:
    if not text.strip():
        raise RejectedError("empty", "no characters other than white space")
    sample = text[:BINARY_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if "\x00" in sample or controls > MAX_CONTROL_SHARE * len(sample):
        raise RejectedError("binary", f"{controls} control characters in text")
    if len(_BAD_CHARS.findall(sample)) > MAX_BAD_CHAR_SHARE * len(sample):
        raise RejectedError("encoding", "too many undecodable characters")


def decode_bytes(data: bytes, kind: str = "text") -> str:
    """Text from bytes: BOM, UTF-8, declared charset (HTML), mixed UTF-8, code pages."""
    if not data.strip():
        raise RejectedError("empty", "no bytes other than white space")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, codec) or _reject_encoding(codec)
    _check_binary(data[:BINARY_SAMPLE])
    text = _decode_strict(data, "utf-8")
    if text is not None:
        return text
    declared = _declared_charset(data) if kind == "html" else None
    if declared and (text := _decode_strict(data, declared)) is not None:
        return text
    high_bytes = len(_HIGH_BYTE.findall(data))
    in_utf8 = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(data))
    if in_utf8 >= MIN_UTF8_SHARE * high_bytes:
        # Mostly valid UTF-8 with some stray bytes: a page pasted together from UTF-8 and
        # cp1252 parts. One guessed code page would garble the UTF-8 part, so we keep UTF-8
        # and read only the stray bytes as cp1252 (undefined ones become U+FFFD).
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    return _decode_legacy(data)


def _check_binary(sample: bytes) -> None:
    if sample.startswith(_MAGIC) or b"\x00" in sample:
        raise RejectedError("binary", "NUL bytes or a binary file signature")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise RejectedError("binary", f"{controls} control bytes in the first {len(sample)}")


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # Browsers read these labels as windows-1252 (WHATWG encoding standard), and so do we.
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name


def _decode_legacy(data: bytes) -> str:
    """Text in a single-byte or East Asian code page."""
    high_bytes = len(_HIGH_BYTE.findall(data))
    lone = len(_LONE_HIGH_BYTE.findall(data))
    if lone >= LONE_HIGH_SHARE * high_bytes and (text := _decode_strict(data, "cp1252")):
        return text
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return _decode_strict(data, "cp1252") or _reject_encoding("utf-8, cp1252")


def _reject_encoding(tried: str) -> str:
    raise RejectedError("encoding", f"bytes are not valid in {tried} and no encoding fits")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "herald-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)

# ---------------------------------------------------------------- HTML


@dataclass(slots=True)
class Page:
    """What trafilatura found on an HTML page."""

    body: str = ""
    title: str | None = None
    byline: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None


def _from_html(html: str, url: str | None) -> Page:
    date_params = {
        "original_date": True,
        "extensive_search": HTMLDATE_EXTENSIVE,
        "max_date": dt.date.today().isoformat(),
    }
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            fast=TRAFILATURA_FAST,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=date_params,
        )
    except Exception as error:  # trafilatura raises assorted errors on broken markup
        raise RejectedError("no_text", f"HTML extraction failed: {error}") from error
    if found is None or not (found.text or "").strip():
        raise RejectedError("no_text", "no main text found on the page")
    return Page(found.text, found.title, found.author, found.sitename, found.url, found.date)


def _has_article(paragraphs: list[str]) -> bool:
    return max(len(paragraph.split()) for paragraph in paragraphs) >= MIN_HTML_WORDS


# ---------------------------------------------------------------- dates


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
_MDY = r"[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
_DMY = r"\d{1,2}(?:st|nd|rd|th)? (?:of )?[A-Za-z]{3,9}\.?,? \d{4}"
DATE_TEXT = rf"(?:{_ISO_DATE}|{_MDY}|{_DMY})"
_DATE_PARTS = re.compile(
    r"(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<mon2>[A-Za-z]{3,9})\.? (?P<d2>\d{1,2})(?:st|nd|rd|th)?,? (?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<mon3>[A-Za-z]{3,9})\.?,? (?P<y3>\d{4})"
)


def parse_date_text(text: str) -> dt.date | None:
    """The calendar date of "2017-12-18", "Dec. 18, 2017" or "18 December 2017", else None."""
    match = _DATE_PARTS.fullmatch(text.strip())
    if not match:
        return None
    parts = match.groupdict()
    try:
        if parts["y1"]:
            return dt.date(int(parts["y1"]), int(parts["m1"]), int(parts["d1"]))
        month_name, day, year = (
            (parts["mon2"], parts["d2"], parts["y2"])
            if parts["y2"]
            else (parts["mon3"], parts["d3"], parts["y3"])
        )
        month = _MONTHS.get(month_name.lower())
        return dt.date(int(year), month, int(day)) if month else None
    except ValueError:
        return None


def _day_value(text: str, value: dt.date) -> TimeValue:
    return TimeValue(text=text, value=value.isoformat(), precision="day", anchor="absolute")


def _input_date(value: str) -> TimeValue:
    """The container's ISO 8601 publication date, or RejectedError("bad_date")."""
    stripped = value.strip()
    try:
        moment = dt.datetime.fromisoformat(stripped)
    except ValueError:
        raise RejectedError("bad_date", f"not an ISO 8601 date: {value!r}") from None
    return _day_value(value, moment.date())


def _published(
    given_by_input: str | None, page: Page, layout: Layout, option_date: dt.date | None
) -> tuple[TimeValue | None, PublishedHow]:
    """The publication date and where it came from, most trusted source first."""
    if given_by_input is not None and given_by_input.strip():
        return _input_date(given_by_input), "input"
    if page.date and (metadata_date := parse_date_text(page.date)):
        return _day_value(page.date, metadata_date), "metadata"
    for how, found in (("dateline", layout.dateline_date), ("text", layout.date_line)):
        if found and (value := parse_date_text(found)):
            return _day_value(found, value), how
    if option_date is not None:
        return _day_value(option_date.isoformat(), option_date), "given"
    return None, "unknown"


# ---------------------------------------------------------------- layout of the text


@dataclass(slots=True)
class Layout:
    """The article text split into paragraphs, and what the layout pass took out of it."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    dateline_date: str | None = None
    outlet: str | None = None
    date_line: str | None = None
    date_line_is_update: bool = False


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_TERMINAL = ".!?:;,"
_CLOSERS = "\"'”\u2019)»"


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
    paragraphs = _drop_menu_runs(_paragraphs(text, layout, wrapped))
    paragraphs = _take_title(paragraphs, known_title, layout)
    paragraphs = _take_captions(paragraphs, layout)
    if paragraphs:
        paragraphs[0] = _take_dateline(paragraphs[0], layout)
    layout.paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    return layout


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


def is_hard_wrapped(text: str) -> bool:
    """Whether the text was wrapped at a fixed width (e-mail, wire feeds, plain-text dumps).

    Such text has no line longer than about 100 characters, and most lines are long enough
    to have been cut at the margin. Scraped pages instead hold one paragraph per line.
    """
    lengths = [len(line) for line in text.split("\n") if line]
    if len(lengths) < WRAP_MIN_LINES or max(lengths) > WRAP_MAX_WIDTH:
        return False
    near_margin = sum(1 for length in lengths if length >= WRAP_MAX_WIDTH // 2)
    return near_margin >= WRAP_SHARE * len(lengths)


@cache
def _boilerplate_pattern() -> re.Pattern[str]:
    """One alternation of every pattern of ``data/boilerplate.tsv`` (full-line matches)."""
    with (DATA_DIR / "boilerplate.tsv").open(encoding="utf-8", newline="") as handle:
        patterns = [row["pattern"] for row in csv.DictReader(handle, delimiter="\t")]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


_MENU_SEPARATORS = re.compile(r"\s+[|•·»]\s+")


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
    return len(paragraph.split()) <= 3 and paragraph[-1] not in '.!?"”'


def _drop_menu_runs(paragraphs: list[str]) -> list[str]:
    """Drop runs of very short unpunctuated paragraphs: a menu rendered one item a line."""
    kept: list[str] = []
    run: list[str] = []
    for paragraph in [*paragraphs, "."]:
        if _is_menu_item(paragraph):
            run.append(paragraph)
            continue
        if len(run) < MENU_RUN:
            kept.extend(run)
        run = []
        kept.append(paragraph)
    return kept[:-1]


# The optional label, weekday and time around the date of a "Published ..." line.
_DATE_LINE = re.compile(
    r"(?:(?P<label>(?:originally |first )?published|posted|updated|last updated|modified"
    r"|last modified|dated?|created)(?: on| at)?\s*[:|-]?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?P<date>{DATE_TEXT})"
    r"(?:[\s,|·•\u2013—-]*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,5}|\s*(?:GMT|UTC)\s*[+-]?\d{0,4}(?::\d{2})?)?)?[\s.]*",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"By (?P<name>[A-Z][\w'\u2019.-]+(?:,? (?:and )?[A-Z][\w'\u2019.-]+){0,7})")


def _take_top_line(line: str, layout: Layout) -> bool:
    """Move a date line ("Published Dec. 18, 2017") or a byline ("By Jane Roe") to metadata."""
    if (match := _DATE_LINE.fullmatch(line)) and parse_date_text(match.group("date")):
        label = (match.group("label") or "").lower()
        is_update = label.endswith(("updated", "modified"))
        # The first publication date wins over an update: events are dated from it.
        if layout.date_line is None or (layout.date_line_is_update and not is_update):
            layout.date_line, layout.date_line_is_update = match.group("date"), is_update
        return True
    if (match := _BYLINE.fullmatch(line)) and layout.byline is None:
        layout.byline = match.group("name")
        return True
    return False


def _take_title(paragraphs: list[str], known: str | None, layout: Layout) -> list[str]:
    """Move a leading headline out of the text (it repeats the article in headline-ese)."""
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    if known and " ".join(known.split()).casefold() == first.casefold():
        return paragraphs[1:]
    words = len(first.split())
    headline_like = (
        2 <= words <= MAX_HEADLINE_WORDS and first.rstrip(_CLOSERS)[-1:] not in _TERMINAL
    )
    if known is None and len(paragraphs) > 1 and headline_like and not _is_caption(first):
        layout.title = first
        return paragraphs[1:]
    return paragraphs


# A photo credit at the end of a caption: "YURI GRIPAS/The Globe and Mail" (often glued to
# the last sentence), "(AP Photo/Evan Vucci)", "Photo: Reuters", "AFP via Getty Images".
_CAPS_NAME = r"[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+)*"
_CREDIT_CORE = (
    rf"{_CAPS_NAME}\s?/\s?[A-Z][\w'\u2019.&-]*(?: [A-Za-z][\w'\u2019.&-]*){{0,5}}"
    r"|[A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,3}(?:/| via )Getty Images"
    r"|(?:Photo|Photograph|Image|Picture|Credit)s?(?: by|:) [^.!?]{2,80}"
)
_CREDIT_END = re.compile(
    # after a sentence end ("...on Oct. 11." / "...capital.\u201d"), not after "U.S."
    r"(?:(?:(?<=[a-z0-9][a-z0-9][.!?])|(?<=[.!?][\"\u201d\u2019)]))"
    rf"\s*(?P<bare>{_CREDIT_CORE}|{_CAPS_NAME})"
    r"|\s*\((?P<paren>[^()]{0,30}\b(?:Photo|Photograph|Image|Pool|Handout)\b[^()]{0,60}"
    rf"|{_CAPS_NAME}\s?/\s?[^()]{{1,60}})\))$"
)
_CREDIT_ALONE = re.compile(rf"\(?(?:{_CREDIT_CORE})\)?|\((?:AP|AFP|Reuters) Photo[^()]*\)")
_CAPTION_CUE = re.compile(
    r"(?:file|photo|pictured|image|above|top|main)\s*(?:photo|image)?\s*[:—\u2013-]\s"
    r"|in this (?:file )?(?:photo|image|picture)",
    re.IGNORECASE,
)


def split_credit(paragraph: str) -> tuple[str, str | None]:
    """(caption, credit) when the paragraph ends with a photo credit, else (paragraph, None)."""
    match = _CREDIT_END.search(paragraph)
    if not match or match.start() == 0:
        return paragraph, None
    credit = match.group("bare") or match.group("paren")
    if match.group("bare") and credit.isupper() and len(credit.split()) < 2:
        return paragraph, None  # one capitalized word ("...said.NATO") is no credit
    return paragraph[: match.start()].rstrip(), credit.strip()


def _is_caption(paragraph: str) -> bool:
    if len(paragraph.split()) > MAX_CAPTION_WORDS:
        return False
    return split_credit(paragraph)[1] is not None or bool(_CAPTION_CUE.match(paragraph))


def _take_captions(paragraphs: list[str], layout: Layout) -> list[str]:
    """Move photo captions and credits out of the text (they describe a picture, not news)."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if _CREDIT_ALONE.fullmatch(paragraph):
            # A credit on its own line follows the caption it belongs to.
            if kept and len(kept[-1].split()) <= MAX_LONE_CAPTION_WORDS:
                layout.captions.append(kept.pop())
            layout.credits.append(paragraph.strip("()"))
        elif _is_caption(paragraph):
            caption, credit = split_credit(paragraph)
            layout.captions.append(caption)
            if credit:
                layout.credits.append(credit)
        else:
            kept.append(paragraph)
    return kept


@cache
def _non_places() -> frozenset[str]:
    with (DATA_DIR / "dateline_non_places.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["word"] for row in csv.DictReader(handle))


# "WASHINGTON (Reuters) - ", "BEIJING -- ", "OTTAWA —", "KYIV, Ukraine, Dec. 18, 2017 (AP) —";
# a place in mixed case only with the outlet in parentheses: "Paris (AFP) - ".
_DATELINE = re.compile(
    r"(?:(?P<caps>(?:[A-Z]{2,}\.|[A-Z][A-Z'\u2019-]{2,})(?: [A-Z][A-Z.'\u2019-]+){0,3})"
    r"|(?P<mixed>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?=,? [^()]{0,40}\())"
    r"(?:, (?P<region>[A-Z][A-Za-z.'\u2019]+(?: [A-Z][A-Za-z.'\u2019]+){0,2}))?"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"(?: ?\((?P<outlet>[^()]{2,40})\))?"
    r" ?(?:--|—|\u2013|-|:) ?(?=[A-Z\"“\u2018'])"
)


def _take_dateline(paragraph: str, layout: Layout) -> str:
    """Strip "PLACE (Outlet) —" off the first paragraph and keep the parts as metadata."""
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph
    place = match.group("caps") or match.group("mixed")
    if place.upper() in _non_places() or (match.group("mixed") and not match.group("outlet")):
        return paragraph
    layout.dateline = place
    layout.outlet = match.group("outlet")
    layout.dateline_date = match.group("date")
    return paragraph[match.end() :]
