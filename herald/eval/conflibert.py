"""Score quad classes and source/target spans against ConfliBERT's CAMEO sentences.

Only the files named ``train`` are read, split by hash into dev/test; the files named
``test`` are never used. Record ids: the sentence text for ``cameo_class/train.tsv``, the
tokens joined by single spaces for ``cameo_ner/train.txt`` (the text herald reads there).
Class: 0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict. herald's class is the quad of its highest-confidence event; no event
is 0 (PLOVER has no "statement" type, so a sentence that only comments is one without an
event).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, analyse_items, top_event
from herald.eval.scoring import (
    Counts,
    Report,
    Span,
    label_counts,
    macro_f1,
    nearest_occurrence,
    span_counts,
)
from herald.eval.splits import Split, select
from herald.events.plover import plover_types
from herald.records import ActorRef, Event

NAME = "conflibert"
DESCRIPTION = "ConfliBERT CAMEO sentences: quad class and source/target spans (train files)"
STATEMENT = 0
QUAD_CLASS = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
CLASS_NAMES = ("statement", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True, slots=True)
class ClassSentence:
    id: str
    text: str
    label: int


@dataclass(frozen=True, slots=True)
class SpanSentence:
    id: str
    text: str
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]


def load_classes() -> list[ClassSentence]:
    path = gold_path("conflibert_cameo", "data", "cameo_class", "train.tsv")
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip().isdigit():
            sentences.append(ClassSentence(text.strip(), text.strip(), int(label)))
    return sentences


def _blocks(lines: Sequence[str]) -> Iterator[list[tuple[str, str]]]:
    block: list[tuple[str, str]] = []
    for line in lines:
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        block.append((token, tag))
    if block:
        yield block


def bio_spans(tokens: Sequence[tuple[str, str]]) -> tuple[str, dict[str, list[Span]]]:
    """The text (tokens joined by spaces) and the character spans of each BIO label."""
    text_parts: list[str] = []
    spans: dict[str, list[Span]] = {}
    offset = 0
    open_label: str | None = None
    for token, tag in tokens:
        start, end = offset, offset + len(token)
        prefix, _, label = tag.partition("-")
        if prefix == "I" and open_label == label:
            first, _ = spans[label][-1]
            spans[label][-1] = (first, end)
        elif prefix in ("B", "I"):
            spans.setdefault(label, []).append((start, end))
            open_label = label
        else:
            open_label = None
        text_parts.append(token)
        offset = end + 1
    return " ".join(text_parts), spans


def load_spans() -> list[SpanSentence]:
    path = gold_path("conflibert_cameo", "data", "cameo_ner", "train.txt")
    sentences = []
    for block in _blocks(path.read_text(encoding="utf-8").splitlines()):
        text, spans = bio_spans(block)
        sentences.append(
            SpanSentence(text, text, tuple(spans.get("S", ())), tuple(spans.get("T", ())))
        )
    return sentences


def quad_class(event: Event | None) -> int:
    if event is None:
        return STATEMENT
    info = plover_types().get(event.type)
    return QUAD_CLASS.get(info.quad, STATEMENT) if info is not None else STATEMENT


def ref_spans(text: str, refs: Sequence[ActorRef], near: Span) -> list[Span]:
    """Where the words of each actor reference sit in the sentence (nearest the trigger)."""
    spans = [nearest_occurrence(text, ref.text, near) for ref in refs]
    return [span for span in spans if span is not None]


def _score_classes(report: Report, sentences: list[ClassSentence], show: bool) -> None:
    items = [TextItem(s.id, s.text) for s in sentences]
    pairs = []
    analysed = analyse_items(items, f"{NAME} class", show)
    for sentence, (_, extraction) in zip(sentences, analysed, strict=True):
        if extraction is None:
            report.count("failed")
        predicted = quad_class(top_event(extraction.events) if extraction else None)
        gold = sentence.label
        report.ratio("class_accuracy").add(predicted == gold)
        pairs.append((CLASS_NAMES[gold], CLASS_NAMES[predicted]))
    table = label_counts(pairs)
    for label, counts in table.items():
        report.fields[f"class:{label}"] = counts
    report.figures["class_macro_f1"] = macro_f1(table)


def _score_spans(report: Report, sentences: list[SpanSentence], show: bool) -> None:
    items = [TextItem(s.id, s.text) for s in sentences]
    analysed = analyse_items(items, f"{NAME} spans", show)
    for sentence, (item, extraction) in zip(sentences, analysed, strict=True):
        if extraction is None:
            report.count("failed")
        event = top_event(extraction.events) if extraction else None
        sources: list[Span] = []
        targets: list[Span] = []
        if event is not None:
            near = (event.trigger.start, event.trigger.end)
            sources = ref_spans(item.text, event.actor, near)
            targets = ref_spans(item.text, event.recipient, near)
        source_counts = span_counts(sentence.sources, sources)
        target_counts = span_counts(sentence.targets, targets)
        report.field_counts("source_span").add(source_counts)
        report.field_counts("target_span").add(target_counts)
        report.field_counts("dyad").add(dyad_counts(sentence, source_counts, target_counts))


def dyad_counts(sentence: SpanSentence, sources: Counts, targets: Counts) -> Counts:
    """Who did it to whom, both right at once: the sentence's (source, target) pair counts
    as found when the top event's actor overlaps a gold source and its recipient a gold
    target. The NER sentences carry no event type, so this is the triple without its type."""
    gold = bool(sentence.sources and sentence.targets)
    predicted = (sources.tp + sources.fp) > 0 and (targets.tp + targets.fp) > 0
    right = gold and sources.tp > 0 and targets.tp > 0
    return Counts(tp=int(right), fp=int(predicted and not right), fn=int(gold and not right))


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    classes = list(select(load_classes(), lambda s: s.id, split, limit))
    spans = list(select(load_spans(), lambda s: s.id, split, limit))
    report = Report(NAME, split, records=len(classes) + len(spans), limit=limit)
    report.counts.update({"class_sentences": len(classes), "span_sentences": len(spans)})
    _score_spans(report, spans, show_progress)
    _score_classes(report, classes, show_progress)
    report.notes.append(
        "class = quad of herald's top event, 0 when it finds none; spans = the words of the "
        "top event's actor/recipient refs, matched to gold S/T spans by overlap (one to one); "
        "dyad = actor and recipient both right in one sentence"
    )
    return report
