"""events.topic: a learned judgement of what an article is about, world affairs or not.

A science story about a moon mission names China, NASA and Congress as densely as a political
story, and its events (a telescope supplied to "the Chinese mission") have states as parties:
the actor and event signals of ``herald.events.relevance`` cannot tell it from foreign news.
Its words can ("telescope", "orbit", "universe"). This is a binary logistic regression over
the set of lower-case words of an article's title and text, trained by us
(``python -m herald.eval.topic_train``) on the dev half of the news_cluster articles, whose
publishers filed each under world, science, technology, business, entertainment or sports;
the weights ship in ``herald/data/events/topic_model.json``. Measured in docs/eval.md.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable

from herald.data_files import data_path

MODEL_FILE = "events/topic_model.json"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def article_words(title: str | None, text: str) -> frozenset[str]:
    """The features of an article: the set of its lower-case words, title included."""
    return frozenset(_WORD.findall(f"{title or ''} {text}".lower()))


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    stored = json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8"))
    return stored["weights"], stored["bias"]


def world_affairs_score(words: Iterable[str]) -> float:
    """The chance (0..1) that an article with these words is world news: its words' weights
    summed, scaled by the root of how many the model knows (as in training), through the
    logistic function."""
    weights, bias = _model()
    known = [weights[w] for w in words if w in weights]
    logit = bias + (sum(known) / math.sqrt(len(known)) if known else 0.0)
    return 1.0 / (1.0 + math.exp(-logit))
