"""Score the dates herald gives events against the SemEval-2015 Task 4 gold timelines.

Record id: the Wikinews document id ("3307"). A timeline entry belongs to the document of
its first mention whose document exists (one gold line names a missing "738080"). herald
reads each document of track A (plain sentences, tokens joined by spaces, lightly
detokenized here) with its creation time as the publication date. For each gold entry (an
event mention "doc-sentence-word" with a date), herald covers it when it has an event in
that sentence (preferring one whose trigger is the gold word), and dates it right when the
event's date agrees with the gold date at the gold's precision (a gold month "2005-01-XX"
wants an event date in January 2005 of month precision or finer).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, analyse_items
from herald.eval.scoring import Counts, Report, Span
from herald.eval.splits import Split, in_split
from herald.eval.timeml import creation_day
from herald.records import Event

NAME = "timelines"
DESCRIPTION = "SemEval-2015 timelines: dates herald gives the events of target entities"
DATA = ("semeval2015_timelines", "data", "SemEval2015-Task4-TimeLine", "SemEval_Task4_data")
# Tokenized text back to ordinary spacing: "world 's" -> "world's", "18 , 2005" -> "18, 2005".
_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[$]) ")


@dataclass(frozen=True, slots=True)
class Mention:
    doc: str
    sentence: int
    word: str


@dataclass(frozen=True, slots=True)
class Entry:
    entity: str
    date: str | None  # the gold date without its unknown parts ("2005-01"), None if unknown
    mentions: tuple[Mention, ...]

    def doc(self, known: Collection[str]) -> str | None:
        """The document the entry belongs to: that of its first mention herald can read."""
        return next((m.doc for m in self.mentions if m.doc in known), None)


@dataclass(frozen=True, slots=True)
class TimelineDoc:
    id: str
    text: str
    sentences: tuple[Span, ...]  # character span of each sentence id (index = id)
    dct: dt.date | None


def gold_date(value: str) -> str | None:
    """ "2005-01-XX" -> "2005-01", "XXXX-XX-XX" -> None."""
    known = []
    for part in value.strip().split("-"):
        if not part or "X" in part.upper():
            break
        known.append(part)
    return "-".join(known) or None


def parse_mention(text: str) -> Mention:
    doc, sentence, word = text.split("-", 2)
    return Mention(doc, int(sentence), word.replace("_", " "))


def read_timeline(path: Path) -> list[Entry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    entity = lines[0].strip() if lines else path.stem
    entries = []
    for line in lines[1:]:
        cells = [cell for cell in line.strip().split("\t") if cell]
        if len(cells) >= 3:
            mentions = tuple(parse_mention(cell) for cell in cells[2:])
            entries.append(Entry(entity, gold_date(cells[1]), mentions))
    return entries


def detokenize(sentence: str) -> str:
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", sentence))


def read_document(path: Path) -> TimelineDoc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    spans: dict[int, Span] = {}
    offset = 0
    for sentence in root.iter("s"):
        text = detokenize("".join(sentence.itertext()).strip())
        spans[int(sentence.get("id", len(spans)))] = (offset, offset + len(text))
        parts.append(text)
        offset += len(text) + 1  # one newline between sentences
    ordered = tuple(spans[i] for i in sorted(spans))
    doc_id = (root.findtext("DOCID") or path.stem.split("_")[0]).strip()
    return TimelineDoc(doc_id, "\n".join(parts), ordered, creation_day(root))


def corpora() -> list[Path]:
    return sorted(gold_path(*DATA).glob("corpus_*"))


def load_entries() -> list[Entry]:
    return [
        entry
        for corpus in corpora()
        for path in sorted((corpus / "TimeLines_Gold_Standard").glob("*.txt"))
        for entry in read_timeline(path)
    ]


def load_documents() -> list[TimelineDoc]:
    return [
        read_document(path)
        for corpus in corpora()
        for path in sorted((corpus / "corpus_trackA_TimeML").glob("*.tml"))
    ]


def events_in(doc: TimelineDoc, events: Sequence[Event], mention: Mention) -> list[Event]:
    """herald's events in the mention's sentence, those triggered by its word first."""
    if mention.sentence >= len(doc.sentences):
        return []
    start, end = doc.sentences[mention.sentence]
    inside = [e for e in events if start <= e.trigger.start < end]
    word = mention.word.lower()
    return sorted(inside, key=lambda e: e.trigger.text.lower() != word)


def date_agrees(gold: str, predicted: str | None) -> bool:
    """Same date at the gold's precision; a coarser prediction is not right."""
    return predicted is not None and len(predicted) >= len(gold) and predicted.startswith(gold)


def _matches(
    entry: Entry, docs: dict[str, TimelineDoc], events: dict[str, tuple[Event, ...]]
) -> Iterator[tuple[Mention, Event]]:
    for mention in entry.mentions:
        doc = docs.get(mention.doc)
        if doc is not None and mention.doc in events:
            for event in events_in(doc, events[mention.doc], mention):
                yield mention, event


def score_entry(
    report: Report, entry: Entry, docs: dict[str, TimelineDoc], events: dict[str, tuple[Event, ...]]
) -> None:
    matches = list(_matches(entry, docs, events))
    report.ratio("coverage").add(bool(matches))
    report.ratio("trigger_coverage").add(
        any(event.trigger.text.lower() == mention.word.lower() for mention, event in matches)
    )
    if entry.date is None:
        report.count("undated_gold")
        return
    event = matches[0][1] if matches else None
    value = event.when.value if event is not None and event.when is not None else None
    right = date_agrees(entry.date, value)
    if matches:
        report.ratio("date_accuracy_covered").add(right)
    report.ratio("date_accuracy_all").add(right)
    report.field_counts("date").add(
        Counts(tp=int(right), fp=int(value is not None and not right), fn=int(not right))
    )


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    every = load_documents()
    known = {doc.id for doc in every}
    docs = [doc for doc in every if in_split(doc.id, split)][:limit]
    by_id = {doc.id: doc for doc in docs}
    entries = [entry for entry in load_entries() if entry.doc(known) in by_id]
    report = Report(NAME, split, records=len(docs), limit=limit)
    report.counts["gold_entries"] = len(entries)
    items = [TextItem(doc.id, doc.text, doc.dct) for doc in docs]
    events: dict[str, tuple[Event, ...]] = {}
    # Wikinews timelines list every event of an entity, political or not: all events.
    for item, extraction in analyse_items(items, NAME, show_progress, all_events=True):
        if extraction is None:
            report.count("failed")
        events[item.id] = extraction.events if extraction is not None else ()
    for entry in entries:
        score_entry(report, entry, by_id, events)
    report.notes.append(
        "records = documents; coverage = gold entries with a herald event in their sentence; "
        "date accuracy compares at the gold's precision (undated gold entries only in coverage)"
    )
    return report
