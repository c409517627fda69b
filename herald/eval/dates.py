"""Score publication dates read from HTML against htmldate's MediaCloud 2020 set.

Record id: the page's file name ("1628285861.html"). Each page goes through
``herald.clean.document.clean`` as an HTML document with its URL and no fallback date, and
``published.value`` (its first ten characters) is compared with the gold day. Pages the
cleaner rejects (most are not in English: herald reads English news only) are counted
apart, by rejection code, and left out of the accuracy on accepted pages.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from herald.clean.document import clean
from herald.errors import RejectedError
from herald.eval.gold import gold_path
from herald.eval.runner import progress
from herald.eval.scoring import Counts, Report
from herald.eval.splits import Split, select
from herald.records import Document, RawDocument
from herald.settings import Options

NAME = "dates"
DESCRIPTION = "htmldate MediaCloud 2020: publication date from HTML through clean()"


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    path: Path
    url: str
    date: str | None  # a handful of pages have no publication date in the gold ("NaN")


def load() -> list[Page]:
    folder = gold_path("htmldate_mediacloud")
    table = json.loads((folder / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    pages = [
        Page(entry["file"], folder / "test_set" / entry["file"], url, _gold_day(entry["date"]))
        for url, entry in table.items()
    ]
    return sorted(pages, key=lambda page: page.id)


def _gold_day(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) == 10 else None


def read_page(page: Page) -> Document | RejectedError:
    raw = RawDocument(
        source=str(page.path), id=page.id, content=page.path.read_bytes(), kind="html", url=page.url
    )
    try:
        return clean(raw, Options())
    except RejectedError as error:
        return error


def score_page(
    report: Report, page: Page, result: Document | RejectedError | None, rejections: Counter[str]
) -> None:
    if not isinstance(result, Document):
        code = result.code if isinstance(result, RejectedError) else "failed"
        rejections[code] += 1
        report.ratio("accuracy_all_pages").add(False)
        return
    value = result.published.value if result.published is not None else None
    day = value[:10] if value else None
    if page.date is None:  # nothing to find: a date given here is a false positive
        report.count("gold_undated")
        report.field_counts("date").fp += int(day is not None)
        return
    right = day == page.date
    report.ratio("accuracy_accepted").add(right)
    report.ratio("accuracy_all_pages").add(right)
    report.field_counts("date").add(
        Counts(tp=int(right), fp=int(day is not None and not right), fn=int(not right))
    )
    if day is None:
        report.count("no_date")


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    pages = list(select(load(), lambda p: p.id, split, limit))
    report = Report(NAME, split, records=len(pages), limit=limit)
    rejections: Counter[str] = Counter()
    with progress(len(pages), NAME, show_progress) as bar:
        for page in pages:
            try:
                result: Document | RejectedError | None = read_page(page)
            except Exception:  # a cleaner bug on one page: counted, not raised
                result = None
            score_page(report, page, result, rejections)
            bar.update(1)
    for code, number in sorted(rejections.items()):
        report.count(f"rejected:{code}", number)
    report.count("accepted", report.ratio("accuracy_accepted").total)
    report.notes.append(
        "accuracy_accepted is over pages clean() accepted; rejected pages (by code in counts) "
        "count as wrong in accuracy_all_pages"
    )
    return report
