"""The news_cluster set: articles grouped by humans into event clusters.

Scoring needs the linking stage (issue 6), so ``evaluate`` only says so. The loader and
``herald.eval.scoring.b_cubed`` / ``pairwise_counts`` are ready for it. Record id: the
article's ``dId``; its gold cluster is the ``newsCluster`` event ("EventId:Event").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from herald.eval.gold import gold_path
from herald.eval.scoring import Report
from herald.eval.splits import Split, select

NAME = "stories"
DESCRIPTION = "news_cluster: linking articles into stories (not implemented: issue 6)"
NOT_IMPLEMENTED = "not implemented: needs the linking stage (issue 6)"


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


def evaluate(split: Split = "dev", limit: int | None = None, show_progress: bool = True) -> Report:
    articles = list(select(load(), lambda a: a.id, split, limit))
    report = Report(NAME, split, records=len(articles), limit=limit, status="not_implemented")
    report.counts["gold_clusters"] = len(set(gold_clusters(articles).values()))
    report.notes.append(NOT_IMPLEMENTED)
    return report
