"""clean, metadata in the text: what an article prints about itself in its first lines.

- a published line: "Published Dec. 18, 2017 at 5:02 p.m. EST", "Updated 2017-12-19";
- a byline: "By Jane Roe and John Doe";
- a dateline opening the first paragraph: "WASHINGTON (Reuters) - ", "KYIV, Ukraine, Dec. 18
  (AP) —", "Paris (AFP) - ".

Each reader returns what it found, or None, and leaves the text as it is; the layout pass
decides what to take out. ``parse_date_text`` reads the dates these lines print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from herald.data_files import read_rows

# ---------------------------------------------------------------- printed dates

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
_DATE_TEXT = rf"(?:{_ISO_DATE}|{_MDY}|{_DMY})"
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


# ---------------------------------------------------------------- published lines and bylines

# The optional label, weekday and time around the date of a "Published ..." line.
_PUBLISHED_LINE = re.compile(
    r"(?:(?P<label>(?:originally |first )?published|posted|updated|last updated|modified"
    r"|last modified|dated?|created)(?: on| at)?\s*[:|-]?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?P<date>{_DATE_TEXT})"
    r"(?:[\s,|·•\u2013—-]*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,5}|\s*(?:GMT|UTC)\s*[+-]?\d{0,4}(?::\d{2})?)?)?[\s.]*",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"By (?P<name>[A-Z][\w'\u2019.-]+(?:,? (?:and )?[A-Z][\w'\u2019.-]+){0,7})")


@dataclass(frozen=True, slots=True)
class PublishedLine:
    """The date printed on a line of its own, and whether it is that of an update."""

    date: str  # as printed: "Dec. 18, 2017"
    is_update: bool  # "Updated ...", "Last modified ..."


def read_published_line(line: str) -> PublishedLine | None:
    """The date of a whole line such as "Published Dec. 18, 2017", or None."""
    match = _PUBLISHED_LINE.fullmatch(line)
    if not match or not parse_date_text(match.group("date")):
        return None
    label = (match.group("label") or "").lower()
    return PublishedLine(match.group("date"), label.endswith(("updated", "modified")))


def read_byline(line: str) -> str | None:
    """The names of a whole line such as "By Jane Roe and John Doe", or None."""
    match = _BYLINE.fullmatch(line)
    return match.group("name") if match else None


# ---------------------------------------------------------------- datelines


@dataclass(frozen=True, slots=True)
class Dateline:
    """The parts of "KYIV, Ukraine, Dec. 18 (AP) —" at the start of an article."""

    place: str  # "KYIV"
    outlet: str | None  # "AP"
    date: str | None  # "Dec. 18", year often left out


@cache
def _non_places() -> frozenset[str]:
    """Capitalized words that open a first paragraph like a dateline but name no place."""
    return frozenset(row["word"] for row in read_rows("clean/dateline_non_places.csv"))


# "WASHINGTON (Reuters) - ", "BEIJING -- ", "OTTAWA —", "KYIV, Ukraine, Dec. 18, 2017 (AP) —";
# a story filed from two cities names both: "TOKYO/SEOUL (Reuters) - ", the first its own;
# a place in mixed case only with the outlet in parentheses: "Paris (AFP) - ".
_CAPS_PLACE = r"(?:[A-Z]{2,}\.|[A-Z][A-Z'\u2019-]{2,})(?: [A-Z][A-Z.'\u2019-]+){0,3}"
_DATELINE = re.compile(
    rf"(?:(?P<caps>{_CAPS_PLACE}(?:/{_CAPS_PLACE}){{0,3}})"
    r"|(?P<mixed>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?=,? [^()]{0,40}\())"
    r"(?:, (?P<region>[A-Z][A-Za-z.'\u2019]+(?: [A-Z][A-Za-z.'\u2019]+){0,2}))?"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"(?: ?\((?P<outlet>[^()]{2,40})\))?"
    r" ?(?:--|—|\u2013|-|:) ?(?=[A-Z\"“\u2018'])"
)


def split_dateline(paragraph: str) -> tuple[str, Dateline | None]:
    """The first paragraph without its "PLACE (Outlet) —" opening, and that dateline."""
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph, None
    place = match.group("caps") or match.group("mixed")
    if place.upper() in _non_places() or (match.group("mixed") and not match.group("outlet")):
        return paragraph, None
    dateline = Dateline(place, match.group("outlet"), match.group("date"))
    return paragraph[match.end() :], dateline
