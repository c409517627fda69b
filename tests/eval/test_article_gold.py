"""The whole-article gold of our own (docs/article_gold.md): every file is well formed, and
every mention is found once in its article (the articles are read from the shared data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from herald.eval.article_gold_files import load_gold, locate, raw_document
from herald.events.plover import plover_types

MODALITIES = {"asserted", "reported", "planned", "negated", "hypothetical", "historical"}
GOLD = load_gold()


def test_there_is_gold_for_political_and_other_articles() -> None:
    assert sum(a.political for a in GOLD) >= 40
    assert sum(not a.political for a in GOLD) >= 20
    assert len({a.doc for a in GOLD}) == len(GOLD)  # one file per article


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a.doc)
def test_a_gold_file_is_well_formed(article) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)
    if not article.political:
        assert not article.events and article.main_event is None
    if article.main_event is not None:
        assert 0 <= article.main_event < len(article.events)
    for event in article.events:
        assert event.types <= plover_types().keys()
        assert event.modality in MODALITIES and event.mentions
        for mention in event.mentions:
            assert 4 <= len(mention.snippet.split()) <= 10, mention.snippet
            assert mention.trigger.lower() in mention.snippet.lower(), mention


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a.doc)
def test_every_mention_is_found_once_in_its_article(article, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    text = raw_document(article).content
    for event in article.events:
        for mention in event.mentions:
            assert locate(text, mention) is not None, mention
            pattern = r"\s+".join(re.escape(word) for word in mention.snippet.split())
            assert len(re.findall(pattern, text, re.IGNORECASE)) == 1, mention
