"""herald bench, the corpus: the articles every run reads, and the texts they parse."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from herald.records import Document, RawDocument, Rejection
from herald.settings import Options, shared_data_dir

NEWS_CLUSTER = "news_cluster"


def news_cluster_dir() -> Path:
    return shared_data_dir() / "news_cluster" / "data"


def read_news_cluster(folder: Path) -> list[RawDocument]:
    """The news_cluster articles (news-please JSON) as text documents, in file-name order."""
    documents = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        published = record.get("date_publish")
        documents.append(
            RawDocument(
                source=str(path),
                id=path.stem,
                content=record.get("text") or "",
                kind="text",
                url=record.get("url"),
                title=record.get("title"),
                published=published[:10] if published else None,
            )
        )
    return documents


def load_corpus(corpus: str, limit: int | None) -> list[RawDocument | Rejection]:
    """The bench corpus: news_cluster (from the shared data) or any folder herald reads."""
    from herald.read.inputs import read_inputs

    if corpus == NEWS_CLUSTER:
        folder = news_cluster_dir()
        if not folder.is_dir():
            raise click.UsageError(f"news_cluster not found at {folder} (set HERALD_DATA)")
        items: list[RawDocument | Rejection] = list(read_news_cluster(folder))
    else:
        items = list(read_inputs([corpus]))
    return items[:limit] if limit else items


def parsed_texts(items: Sequence[RawDocument | Rejection], options: Options) -> list[str]:
    """The texts herald would parse: each readable document, cleaned."""
    from herald.pipeline import clean_or_reject

    texts = []
    for item in items:
        if isinstance(item, RawDocument):
            cleaned = clean_or_reject(item, options)
            if isinstance(cleaned, Document):
                texts.append(cleaned.text)
    return texts


def count_words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)
