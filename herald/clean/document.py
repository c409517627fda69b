"""clean: raw bytes to a Document (main text + metadata).

Steps: size and binary checks and decoding (``clean_decoding``), for HTML the main text and
metadata with trafilatura (``clean_html``), then the same layout pass for every input
(``clean_layout``: boilerplate, captions and credits, headline, byline, published line and
dateline), the language check, and the publication date settled from the most trusted
source. Every failure is a ``RejectedError`` with a code from ``herald.errors.CODES``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from herald.clean.decoding import check_size, check_text, decode_bytes
from herald.clean.html import Page, extract_page, holds_article
from herald.clean.language import guess_english
from herald.clean.layout import Layout, lay_out
from herald.clean.metadata_lines import parse_date_text
from herald.clean.publisher import domain_of
from herald.errors import RejectedError
from herald.records import Document, PublishedHow, RawDocument, TimeValue
from herald.settings import Options


def clean(raw: RawDocument, options: Options) -> Document:
    """The cleaned document, or RejectedError with a code from herald.errors.CODES."""
    page, layout = _read_article(raw, options.max_bytes)
    text = "\n\n".join(layout.paragraphs)
    _check_english(text)
    published, how = _published(raw.published, page, layout, options.date)
    url = raw.url or page.url
    outlet = page.publisher or (layout.dateline.outlet if layout.dateline else None)
    return Document(
        doc_id=make_doc_id(text),
        id=raw.id,
        source=raw.source,
        text=text,
        url=url,
        title=raw.title or page.title or layout.title,
        publisher=outlet or domain_of(url),
        byline=page.byline or layout.byline,
        language="en",
        published=published,
        published_how=how,
        dateline=layout.dateline.place if layout.dateline else None,
        captions=tuple(layout.captions),
        credits=tuple(layout.credits),
    )


def make_doc_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the text with every run of white space as one
    space: the same article re-ingested, or re-wrapped, keeps its id."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _read_article(raw: RawDocument, max_bytes: int) -> tuple[Page, Layout]:
    """The page metadata (empty for text input) and the laid-out article text."""
    check_size(raw.content, max_bytes)
    text = raw.content if isinstance(raw.content, str) else decode_bytes(raw.content, raw.kind)
    check_text(text)
    is_html = raw.kind == "html"
    page = extract_page(text, raw.url) if is_html else Page()
    body = page.body if is_html else text
    layout = lay_out(body, raw.title or page.title, one_paragraph_per_line=is_html)
    if not layout.paragraphs or (is_html and not holds_article(layout.paragraphs)):
        raise RejectedError("no_text", "no article text left after removing page furniture")
    return page, layout


def _check_english(text: str) -> None:
    guess = guess_english(text)
    if not guess.english:
        detail = f"English function words {guess.function_share:.0%} of {guess.words} words"
        raise RejectedError("not_english", detail)


# ---------------------------------------------------------------- publication date


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
    dateline_date = layout.dateline.date if layout.dateline else None
    line_date = layout.published_line.date if layout.published_line else None
    for how, found in (("dateline", dateline_date), ("text", line_date)):
        if found and (value := parse_date_text(found)):
            return _day_value(found, value), how
    if option_date is not None:
        return _day_value(option_date.isoformat(), option_date), "given"
    return None, "unknown"
