"""Score time expressions against TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT, TimeML).

Record id: the document's DOCID ("ABC19980108.1830.0711"). herald reads the <TEXT> of each
document as is (tags removed) with the document creation time as its publication date,
through ``parse`` + ``herald.time.timexes.find_timexes``. Detection is scored strict (same
boundaries) and relaxed (overlap); values are compared on relaxed matches, as strings after
upper-casing (both sides use TimeML's partial ISO values: "1998-01", "1998-W02", "199").
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, guarded, parse_items
from herald.eval.scoring import Counts, Report, Span, match_spans, span_counts
from herald.eval.splits import Split, select
from herald.eval.timeml import creation_day, flatten
from herald.records import TimeValue
from herald.time.timexes import find_timexes

NAME = "timebank"
DESCRIPTION = "TempEval-3 TimeBank + AQUAINT: time-expression spans and values"
PARTS = ("TimeBank", "AQUAINT")  # testpipeline/ repeats one AQUAINT document: left out


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeDoc:
    id: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def read_document(path: Path) -> TimeDoc:
    root = ET.parse(path).getroot()
    text_element = root.find("TEXT")
    text, tags = flatten(text_element) if text_element is not None else ("", [])
    timexes = tuple(
        GoldTimex(
            t.start, t.end, text[t.start : t.end], t.attrs.get("type", ""), t.attrs.get("value", "")
        )
        for t in tags
        if t.tag == "TIMEX3"
    )
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeDoc(doc_id, text, creation_day(root), timexes)


def load() -> list[TimeDoc]:
    root = gold_path("tempeval3_tbaq", "data", "TempEval3", "Training", "TBAQ-cleaned")
    paths = [path for part in PARTS for path in sorted((root / part).glob("*.tml"))]
    return [read_document(path) for path in paths]


def same_value(gold: str, predicted: str | None) -> bool:
    return predicted is not None and gold.strip().upper() == predicted.strip().upper()


def score_document(report: Report, doc: TimeDoc, found: tuple[TimeValue, ...]) -> None:
    """Add the detection and value counts of one document."""
    predicted = [t for t in found if t.start is not None and t.end is not None]
    predicted_spans: list[Span] = [(t.start or 0, t.end or 0) for t in predicted]
    gold_spans: list[Span] = [(g.start, g.end) for g in doc.timexes]
    report.field_counts("span_strict").add(span_counts(gold_spans, predicted_spans, False))
    report.field_counts("span_relaxed").add(span_counts(gold_spans, predicted_spans, True))
    correct = 0
    for g, p in match_spans(gold_spans, predicted_spans, relaxed=True):
        gold = doc.timexes[g]
        right = same_value(gold.value, predicted[p].value)
        correct += right
        report.ratio("value_accuracy_matched").add(right)
        report.ratio(f"value_accuracy_matched:{gold.type}").add(right)
    report.field_counts("value").add(
        Counts(tp=correct, fp=len(predicted) - correct, fn=len(gold_spans) - correct)
    )
    for gold in doc.timexes:
        report.count(f"gold:{gold.type}")


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    docs = list(select(load(), lambda d: d.id, split, limit))
    report = Report(NAME, split, records=len(docs), limit=limit)
    items = [TextItem(d.id, d.text, d.dct) for d in docs]
    for doc, (_, parsed) in zip(docs, parse_items(items, NAME, show_progress), strict=True):
        found = guarded(lambda parsed=parsed, day=doc.dct: find_timexes(parsed, day))
        if found is None:
            report.count("failed")
            found = ()
        score_document(report, doc, found)
    report.notes.append(
        "value F1: a value is right when its span overlaps a gold one with the same value; "
        "precision over all herald timexes, recall over all gold TIMEX3 (DCT excluded)"
    )
    return report
