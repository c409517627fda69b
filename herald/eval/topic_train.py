"""Train the article topic model of ``herald.events.topic`` and measure it.

    python -m herald.eval.topic_train            # cross-validate, train, write the model

The labels are the publishers' own sections of the news_cluster articles (world against
science, technology, business, entertainment and sports), dev half only: the test half of
every set that reads news_cluster stays unseen. Articles of one news event are alike, so
the cross-validation keeps each event's articles in one fold; the accuracy it prints is the
one docs/eval.md reports. The model is a logistic regression
(``herald.eval.softmax_classifier``) over the set of an article's words.
"""

from __future__ import annotations

import ast
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass

import click

from herald.data_files import data_path
from herald.eval.gold import gold_path
from herald.eval.softmax_classifier import SoftmaxModel, train
from herald.eval.splits import in_split
from herald.events.topic import MODEL_FILE, article_words

L2 = 0.0003  # chosen by the grouped cross-validation below (0.0001 .. 0.003 tried)
MIN_ARTICLES = 2  # a word in one training article cannot generalise
FOLDS = 5
WORLD = "world"
DIGITS = 4  # the weights as stored: enough for the scores, small in the wheel


@dataclass(frozen=True, slots=True)
class Labelled:
    words: frozenset[str]
    label: str  # "world" or "other"
    event: str  # the news event the article reports (its cross-validation group)


def load_articles() -> list[Labelled]:
    """The dev half of news_cluster with its publishers' sections."""
    found = []
    for path in sorted(gold_path("news_cluster", "data").glob("*.json")):
        if not in_split(f"news_cluster:{path.name}", "dev"):
            continue
        article = json.loads(path.read_text(encoding="utf-8"))
        cluster = article["newsCluster"]
        cluster = cluster if isinstance(cluster, dict) else ast.literal_eval(cluster)
        label = WORLD if cluster["Category"] == WORLD else "other"
        words = article_words(article.get("title"), article.get("text") or "")
        found.append(Labelled(words, label, str(cluster.get("EventId", path.name))))
    return found


def fit(articles: Sequence[Labelled]) -> SoftmaxModel:
    return train([sorted(a.words) for a in articles], [a.label for a in articles], L2, MIN_ARTICLES)


def cross_validate(articles: Sequence[Labelled], seed: int = 0) -> float:
    """Accuracy with each news event's articles held out together."""
    events = sorted({a.event for a in articles})
    random.Random(seed).shuffle(events)
    fold = {event: i % FOLDS for i, event in enumerate(events)}
    right = 0
    for k in range(FOLDS):
        model = fit([a for a in articles if fold[a.event] != k])
        for article in (a for a in articles if fold[a.event] == k):
            right += (model.predict(sorted(article.words)) == WORLD) == (article.label == WORLD)
    return right / len(articles)


def binary_weights(model: SoftmaxModel) -> dict[str, object]:
    """The two-class softmax as one logistic regression: world's weights minus the other's."""
    world, other = model.labels.index(WORLD), model.labels.index("other")
    weights = {
        word: round(float(model.weights[i, world] - model.weights[i, other]), DIGITS)
        for word, i in model.vocabulary.items()
    }
    bias = float(model.bias[world] - model.bias[other])
    return {"bias": round(bias, DIGITS), "weights": {w: v for w, v in weights.items() if v}}


@click.command()
@click.option("--write/--no-write", default=True, help="Write the model into herald/data.")
def main(write: bool) -> None:
    articles = load_articles()
    worlds = sum(a.label == WORLD for a in articles)
    click.echo(
        f"{len(articles)} articles ({worlds} world), {len({a.event for a in articles})} events"
    )
    click.echo(f"grouped {FOLDS}-fold accuracy: {cross_validate(articles):.3f}")
    if write:
        path = data_path(MODEL_FILE)
        path.write_text(json.dumps(binary_weights(fit(articles)), sort_keys=True) + "\n", "utf-8")
        click.echo(f"model written to {path}")


if __name__ == "__main__":
    main()
