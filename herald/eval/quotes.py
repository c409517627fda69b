"""Score quotes and reported speech against PolNeAR (dev): content, cue, source, speaker.

Record id: the article's file name without ".txt". Where several annotators marked one
article, the first annotation file (sorted by name) is the gold. herald reads the text as
is (parse, ``find_actors``, ``find_quotes``). Spans are matched one to one by overlap;
discontinuous brat spans count as their full extent. A quote's cue and speaker words carry
no offsets in herald's records, so they are placed at their occurrence nearest the quote.
A gold attribution is "direct" when its content opens with a quotation mark
(inside the span or just before it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from herald.actors.stage import find_actors
from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, guarded, make_document, parse_items
from herald.eval.scoring import Report, Span, match_spans, nearest_occurrence, overlaps, span_counts
from herald.eval.splits import Split, select
from herald.quotes.stage import find_quotes
from herald.records import Actor, ParsedText, Quote

NAME = "quotes"
DESCRIPTION = "PolNeAR dev: quote content, cue and source spans and speaker accuracy"
# Opening marks of a quotation: straight and curly double quotes, the curly single quote of
# headlines, and the two apostrophes some papers (the NYT text here) use for a double quote.
QUOTE_MARKS = ('"', "\u201c", "\u2018", "''")


@dataclass(frozen=True, slots=True)
class Attribution:
    content: Span
    cue: Span | None
    source: Span | None
    direct: bool


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    attributions: tuple[Attribution, ...]


def brat_extent(offsets: str) -> Span:
    """ "315 448;463 553" -> (315, 553): a discontinuous span as its full extent."""
    numbers = [int(n) for n in offsets.replace(";", " ").split()]
    return min(numbers), max(numbers)


def read_brat(text: str) -> list[tuple[str, str, Span]]:
    """(id, label, span) of each text-bound annotation of a brat .ann file."""
    spans = []
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 2:
            label, _, offsets = cells[1].partition(" ")
            spans.append((cells[0], label, brat_extent(offsets)))
    return spans


def is_direct(text: str, content: Span) -> bool:
    """Content that opens with a quotation mark, inside the span or just before it."""
    inside = text[content[0] : content[1]].lstrip()
    before = text[: content[0]].rstrip()
    return inside.startswith(QUOTE_MARKS) or before.endswith(QUOTE_MARKS)


def read_attributions(ann: str, text: str) -> tuple[Attribution, ...]:
    spans = {tid: span for tid, _, span in read_brat(ann)}
    found = []
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(part.split(":", 1) for part in line.split("\t")[1].split() if ":" in part)
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        found.append(
            Attribution(
                content=content,
                cue=spans.get(roles.get("Cue", "")),
                source=spans.get(roles.get("Source", "")),
                direct=is_direct(text, content),
            )
        )
    return tuple(found)


def annotation_files(folder: Path) -> list[Path]:
    return sorted((folder / "attributions").glob("*.ann"))


def load() -> list[Article]:
    folder = gold_path("polnear_dev", "data", "dev")
    first_ann: dict[str, Path] = {}
    for path in annotation_files(folder):
        first_ann.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        ann = first_ann.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        attributions = read_attributions(ann.read_text(encoding="utf-8"), text)
        articles.append(Article(text_path.stem, text, attributions))
    return articles


def _unique(spans: Iterable[Span | None]) -> list[Span]:
    return sorted({span for span in spans if span is not None})


def predicted_spans(text: str, quote: Quote) -> tuple[Span | None, Span | None]:
    """Where the quote's cue and speaker words are, near the quote."""
    near = (quote.start, quote.end)
    return (
        nearest_occurrence(text, quote.cue or "", near),
        nearest_occurrence(text, quote.speaker_text or "", near),
    )


def speaker_right(gold: Span, quote: Quote, source: Span | None, actors: Sequence[Actor]) -> bool:
    """The gold source overlaps herald's speaker words or a mention of its speaker."""
    if source is not None and overlaps(gold, source):
        return True
    if quote.speaker is None or quote.speaker.actor_id is None:
        return False
    actor = next((a for a in actors if a.actor_id == quote.speaker.actor_id), None)
    return actor is not None and any(overlaps(gold, (m.start, m.end)) for m in actor.mentions)


def score_article(
    report: Report,
    article: Article,
    quotes: Sequence[Quote],
    actors: Sequence[Actor],
    suffix: str = "",
) -> None:
    """Counts of one article for all attributions (suffix "") or direct ones ("_direct")."""
    gold = article.attributions
    placed = [predicted_spans(article.text, quote) for quote in quotes]
    report.field_counts(f"content{suffix}").add(
        span_counts([g.content for g in gold], [(q.start, q.end) for q in quotes])
    )
    report.field_counts(f"cue{suffix}").add(
        span_counts(_unique(g.cue for g in gold), _unique(cue for cue, _ in placed))
    )
    report.field_counts(f"source{suffix}").add(
        span_counts(_unique(g.source for g in gold), _unique(src for _, src in placed))
    )
    pairs = match_spans([g.content for g in gold], [(q.start, q.end) for q in quotes])
    for g, p in pairs:
        source = gold[g].source
        if source is not None:
            right = speaker_right(source, quotes[p], placed[p][1], actors)
            report.ratio(f"speaker_accuracy{suffix}").add(right)


def _analyse(article: Article, parsed: ParsedText) -> tuple[tuple[Quote, ...], tuple[Actor, ...]]:
    doc = make_document(TextItem(article.id, article.text))
    actors = find_actors(doc, parsed)
    return find_quotes(doc, parsed, actors), actors


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    articles = list(select(load(), lambda a: a.id, split, limit))
    report = Report(NAME, split, records=len(articles), limit=limit)
    items = [TextItem(a.id, a.text) for a in articles]
    for article, (_, parsed) in zip(articles, parse_items(items, NAME, show_progress), strict=True):
        found = guarded(lambda article=article, parsed=parsed: _analyse(article, parsed))
        if found is None:
            report.count("failed")
        quotes, actors = found or ((), ())
        score_article(report, article, quotes, actors)
        direct_gold = tuple(g for g in article.attributions if g.direct)
        direct = Article(article.id, article.text, direct_gold)
        score_article(report, direct, [q for q in quotes if q.kind == "direct"], actors, "_direct")
        report.count("gold_attributions", len(article.attributions))
        report.count("gold_direct", len(direct.attributions))
        report.count("herald_quotes", len(quotes))
    report.notes.append(
        "overlap matching, one to one; cue/speaker words of herald's quotes placed at their "
        "occurrence nearest the quote; speaker right when the gold source overlaps them or a "
        "mention of herald's speaker actor"
    )
    return report
