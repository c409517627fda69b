"""The news_cluster set: articles grouped by humans into event clusters.

Each article of the split goes through herald (the gold text as is, its URL and its
publication day as given), into an in-memory store, and ``herald.link.stage.link_new`` groups
the events into stories and the documents into coverages. An article's predicted cluster is
its coverage (``herald.link.stage.stories_of_documents``): the articles whose titles and
ledes tell one news story, and those whose first events are in one story. Scores: B-cubed
P/R/F1 (figures ``b_cubed_*``) and pairwise P/R/F1 (field ``pairs``) at article level,
plus the B-cubed F1 of all-singletons as a floor to beat.
Record id: the article's ``dId``; its gold cluster is the ``newsCluster`` event
("EventId:Event"). Most clusters are not political events (product launches, celebrity
news): many articles have no PLOVER event at all, and only their coverage groups them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from herald.clean.document import make_doc_id
from herald.eval.gold import gold_path
from herald.eval.runner import BATCH_SIZE, guarded, progress
from herald.eval.scoring import Report, b_cubed, pairwise_counts
from herald.eval.splits import Split, select
from herald.parse.model import parse_many
from herald.pipeline import analyse
from herald.records import Document, Extraction, TimeValue

NAME = "stories"
DESCRIPTION = "news_cluster: linking articles into stories (B-cubed at article level)"


@dataclass(frozen=True, slots=True)
class ClusterArticle:
    id: str
    title: str
    text: str
    url: str
    published: str
    cluster: str


def load() -> list[ClusterArticle]:
    folder = gold_path("news_cluster", "data")
    articles = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        cluster = record.get("newsCluster") or {}
        articles.append(
            ClusterArticle(
                id=record.get("dId") or path.stem,
                title=record.get("title") or "",
                text=record.get("text") or "",
                url=record.get("url") or "",
                published=record.get("date_publish") or "",
                cluster=f"{cluster.get('EventId')}:{cluster.get('Event')}",
            )
        )
    return articles


def gold_clusters(articles: list[ClusterArticle]) -> dict[str, str]:
    """Article id -> gold cluster, the shape ``b_cubed`` and ``pairwise_counts`` take."""
    return {article.id: article.cluster for article in articles}


def make_document(article: ClusterArticle) -> Document:
    """The article as herald's Document: gold text as is, URL and publication day given."""
    published = None
    day = article.published[:10]
    if day:
        published = TimeValue(text=day, value=day, precision="day", anchor="absolute")
    return Document(
        doc_id=make_doc_id(article.text),
        id=article.id,
        source=article.id,
        text=article.text,
        url=article.url or None,
        title=article.title or None,
        published=published,
        published_how="given" if published is not None else "unknown",
    )


def extract_all(articles: list[ClusterArticle], show_progress: bool = True) -> list[Extraction]:
    """herald's records for each article that went through (a failing one is left out)."""
    extractions: list[Extraction] = []
    with progress(len(articles), NAME, show_progress) as bar:
        for start in range(0, len(articles), BATCH_SIZE):
            docs = [make_document(a) for a in articles[start : start + BATCH_SIZE]]
            for doc, parsed in zip(docs, parse_many([d.text for d in docs]), strict=True):
                # The human clusters include science and sports stories: the linker is
                # scored on every event, not only the political ones kept by default.
                found = guarded(lambda doc=doc, parsed=parsed: analyse(doc, parsed, None, True))
                if found is not None:
                    extractions.append(found)
                bar.update(1)
    return extractions


def predicted_clusters(extractions: list[Extraction]) -> dict[str, str]:
    """Article id -> story, after storing and linking the extractions in a fresh store."""
    from herald.link.stage import link_new, stories_of_documents
    from herald.store.database import Store

    with Store.open(":memory:") as store:
        store.write(extractions)
        link_new(store)
        by_doc = stories_of_documents(store)
    ids = {e.doc.doc_id: e.doc.id for e in extractions}
    return {ids[doc]: story for doc, story in by_doc.items() if story is not None}


def score(report: Report, gold: dict[str, str], predicted: dict[str, str]) -> None:
    precision, recall, f1 = b_cubed(gold, predicted)
    report.figures.update(
        {"b_cubed_precision": precision, "b_cubed_recall": recall, "b_cubed_f1": f1}
    )
    report.figures["singletons_b_cubed_f1"] = b_cubed(gold, {})[2]
    report.fields["pairs"] = pairwise_counts(gold, predicted)
    report.counts["predicted_clusters"] = len(
        set(predicted.values()) | {("singleton", item) for item in gold if item not in predicted}
    )
    # A story that chains unrelated reports shows as one large cluster (issue 14).
    report.counts["largest_predicted_cluster"] = max(
        Counter(predicted.values()).values(), default=0
    )
    report.counts["largest_gold_cluster"] = max(Counter(gold.values()).values(), default=0)


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    articles = list(select(load(), lambda a: a.id, split, limit))
    report = Report(NAME, split, records=len(articles), limit=limit)
    gold = gold_clusters(articles)
    report.counts["gold_clusters"] = len(set(gold.values()))
    extractions = extract_all(articles, show_progress)
    report.counts["failed"] = len(articles) - len(extractions)
    report.counts["articles_with_events"] = sum(1 for e in extractions if e.events)
    predicted = predicted_clusters(extractions)
    score(report, gold, predicted)
    return report
