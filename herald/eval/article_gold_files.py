"""The whole-article gold of our own (``herald/eval/article_gold``, docs/article_gold.md):
reading the gold files and the articles they name from the shared data.

A gold file names its article (``voa_dev:<id>``, ``news_cluster:<file>``,
``polnear_dev:<file>``) and locates each event mention by a few words of the text, so no
article text is kept in the repository. The record id of the dev/test split is ``doc``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herald.eval.gold import gold_path
from herald.records import RawDocument

GOLD_DIR = Path(__file__).with_name("article_gold")


@dataclass(frozen=True, slots=True)
class GoldParty:
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class GoldMention:
    trigger: str
    snippet: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    types: frozenset[str]  # the type and the other types a careful coder could defend
    required: bool
    mentions: tuple[GoldMention, ...]
    actor: tuple[GoldParty, ...]
    recipient: tuple[GoldParty, ...]
    date: str | None
    place: GoldParty | None
    modality: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    doc: str
    published: str
    political: bool
    main_event: int | None
    events: tuple[GoldEvent, ...]


def load_gold(folder: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every gold article, in file-name order."""
    return [_article(json.loads(path.read_text("utf-8"))) for path in sorted(folder.glob("*.json"))]


def _parties(items: list[dict[str, Any]] | None) -> tuple[GoldParty, ...]:
    return tuple(GoldParty(item["name"], item.get("country")) for item in items or ())


def _event(item: dict[str, Any]) -> GoldEvent:
    place = item.get("place")
    return GoldEvent(
        types=frozenset([item["type"], *(item.get("also") or ())]),
        required=bool(item.get("required")),
        mentions=tuple(GoldMention(m["trigger"], m["snippet"]) for m in item["mentions"]),
        actor=_parties(item.get("actor")),
        recipient=_parties(item.get("recipient")),
        date=item.get("date"),
        place=GoldParty(place["name"], place.get("country")) if place else None,
        modality=item["modality"],
    )


def _article(item: dict[str, Any]) -> GoldArticle:
    return GoldArticle(
        doc=item["doc"],
        published=item["published"],
        political=bool(item["political"]),
        main_event=item.get("main_event"),
        events=tuple(_event(event) for event in item.get("events") or ()),
    )


def raw_document(article: GoldArticle) -> RawDocument:
    """The article as herald's readers would hand it over, with its publication day."""
    folder, name = article.doc.split(":", 1)
    if folder == "voa_dev":
        record = _voa_stories()[name]
        text, title, url = record["text"], record.get("title"), record.get("url")
    elif folder == "news_cluster":
        record = json.loads(gold_path("news_cluster", "data", name).read_text("utf-8"))
        text, title, url = record.get("text") or "", record.get("title"), record.get("url")
    elif folder == "polnear_dev":
        text = gold_path("polnear_dev", "data", "dev", "text", name).read_text("utf-8")
        title = url = None
    else:
        raise ValueError(f"unknown article source {folder!r} in {article.doc}")
    return RawDocument(
        source=article.doc,
        id=article.doc,
        content=text,
        kind="text",
        url=url,
        title=title,
        published=article.published,
    )


@functools.cache
def _voa_stories() -> dict[str, dict[str, Any]]:
    path = gold_path("voa_dev", "voa_stories_dev.jsonl")
    stories = (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return {str(story["id"]): story for story in stories}


# ------------------------------------------------------------------------ finding mentions


def locate(text: str, mention: GoldMention) -> int | None:
    """The character offset in ``text`` of the mention's trigger, found through its snippet
    (whitespace-insensitive, then case-insensitive); None when the text lost it."""
    words = mention.snippet.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    found = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    if found is None:
        return None
    inside = found.group(0).lower().find(mention.trigger.split()[0].lower())
    return found.start() + max(inside, 0)
