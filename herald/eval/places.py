"""Score toponyms against LGL and GeoVirus (geoparsing_dev): detection and resolution.

Record ids: "lgl:<docid>" for LGL articles, "geovirus:<source url>" for GeoVirus ones.
herald reads each article's text as is (parse + ``herald.places.stage.find_places``). Detection:
span P/R/F1, relaxed (overlap, one to one) and strict. Resolution, on matched toponyms whose
gold has coordinates: right when the GeoNames ids agree or herald's point is within 161 km
of the gold one (GeoVirus has no GeoNames ids, so only distance counts there); the median
error in km is over matched toponyms that herald placed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from herald.eval.gold import gold_path
from herald.eval.runner import TextItem, guarded, parse_items
from herald.eval.scoring import (
    Report,
    Span,
    match_spans,
    median,
    nearest_occurrence,
    span_counts,
    within_tolerance,
)
from herald.eval.splits import Split, select
from herald.places.stage import distance_km, find_places
from herald.records import Place

NAME = "places"
DESCRIPTION = "LGL + GeoVirus: toponym spans, accuracy@161km, median error"
CORPORA = {"lgl": ("lgl.xml", "toponym"), "geovirus": ("GeoVirus.xml", "location")}


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    corpus: str
    text: str
    toponyms: tuple[Toponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def fit_offsets(text: str, name: str, start: int, end: int) -> Span:
    """The gold span, moved onto the name where the file's offsets miss it.

    GeoVirus offsets all sit one character after the name ("andi," for "Pandi"); the
    occurrence of the name nearest the given offsets is where the annotator meant.
    """
    if text[start:end] == name or not name:
        return start, end
    return nearest_occurrence(text, name, (start, end)) or (start, end)


def _toponym(node: ET.Element, text: str) -> Toponym:
    gaztag = node.find("gaztag")
    where = gaztag if gaztag is not None else node
    geonameid = gaztag.get("geonameid") if gaztag is not None else None
    name = node.findtext("phrase") or node.findtext("name") or ""
    start, end = fit_offsets(
        text, name, int(node.findtext("start", "0")), int(node.findtext("end", "0"))
    )
    return Toponym(
        start=start,
        end=end,
        text=name,
        geonameid=int(geonameid) if geonameid and geonameid.isdigit() else None,
        lat=_float(where.findtext("lat")),
        lon=_float(where.findtext("lon")),
    )


def load_corpus(corpus: str) -> list[Article]:
    filename, tag = CORPORA[corpus]
    root = ET.parse(gold_path("geoparsing_dev", "data", "Corpora", filename)).getroot()
    articles = []
    for node in root.iter("article"):
        key = node.get("docid") or node.findtext("source") or str(len(articles))
        text = node.findtext("text") or ""
        toponyms = tuple(_toponym(t, text) for t in node.iter(tag))
        articles.append(Article(f"{corpus}:{key.strip()}", corpus, text, toponyms))
    return articles


def load() -> list[Article]:
    return [article for corpus in CORPORA for article in load_corpus(corpus)]


def resolved_right(gold: Toponym, place: Place) -> bool:
    if gold.geonameid is not None and gold.geonameid == place.geonameid:
        return True
    if gold.lat is None or gold.lon is None or place.lat is None or place.lon is None:
        return False
    return within_tolerance((gold.lat, gold.lon), (place.lat, place.lon))


def score_article(
    report: Report, article: Article, places: tuple[Place, ...], errors: list[float]
) -> None:
    gold_spans: list[Span] = [(t.start, t.end) for t in article.toponyms]
    spans: list[Span] = [(p.start, p.end) for p in places]
    relaxed = span_counts(gold_spans, spans)
    report.field_counts("toponym").add(relaxed)
    report.field_counts("toponym_strict").add(span_counts(gold_spans, spans, relaxed=False))
    report.field_counts(f"{article.corpus}:toponym").add(relaxed)
    for g, p in match_spans(gold_spans, spans):
        gold, place = article.toponyms[g], places[p]
        if gold.lat is None or gold.lon is None:
            continue
        right = resolved_right(gold, place)
        for prefix in ("", f"{article.corpus}:"):
            report.ratio(f"{prefix}accuracy_161km").add(right)
        if place.lat is not None and place.lon is not None:
            errors.append(distance_km(gold.lat, gold.lon, place.lat, place.lon))
    report.count("gold_resolvable", sum(1 for t in article.toponyms if t.lat is not None))


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    articles = list(select(load(), lambda a: a.id, split, limit))
    report = Report(NAME, split, records=len(articles), limit=limit)
    errors: list[float] = []
    items = [TextItem(a.id, a.text) for a in articles]
    parses = parse_items(items, NAME, show_progress)
    for article, (_, parsed) in zip(articles, parses, strict=True):
        places = guarded(lambda parsed=parsed: find_places(parsed))
        if places is None:
            report.count("failed")
        score_article(report, article, places or (), errors)
    report.figures["median_error_km"] = median(errors)
    report.notes.append(
        "accuracy_161km over matched toponyms with gold coordinates; an unplaced match is wrong"
    )
    return report
