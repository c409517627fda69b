"""Score the actors stage against hand annotations of ``news_cluster`` articles.

The annotations (``tests/data/actor_annotations.jsonl``, made as told in
``tests/data/README_actor_annotations.md``) give, for each article file, its actors with a
canonical name, kind, country, sector and mention strings (no offsets). The article text
is read from ``$HERALD_DATA/news_cluster/data/<file>`` and run through ``herald.extract``.

- detection: a herald actor and a gold actor match when herald's canonical name equals the
  gold name or one of its mentions, or the gold name equals one of herald's mentions
  (compared case-folded, without a leading "the", honorific or possessive); one to one,
  name-to-name matches first. Precision, recall and F1 over actors.
- clustering: B-cubed over the distinct gold mention strings of each article (a string two
  gold actors share is left out as ambiguous; pronouns are not annotated). An item's herald
  cluster is the herald actor with a mention of that string (the one holding most of the
  item's gold cluster), else the item alone.
- country, sector, kind: accuracy over matched pairs (a blank gold value must stay blank).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herald.records import Actor
from herald.settings import shared_data_dir

HONORIFIC = re.compile(r"^(mr|mrs|ms|dr|prof|professor|sir)\.?\s+")


@dataclass(frozen=True, slots=True)
class GoldActor:
    name: str
    kind: str
    country: str | None
    sector: str | None
    mentions: tuple[str, ...]


def normalize(text: str) -> str:
    """A name as compared: case-folded, no "the", honorific or possessive, single spaces."""
    text = " ".join(text.replace("\u2019", "'").casefold().split())
    text = re.sub(r"^the\s+", "", text)
    text = HONORIFIC.sub("", text)
    return re.sub(r"'s?$", "", text)


def read_annotations(path: str | Path) -> list[tuple[str, list[GoldActor]]]:
    """(file name, gold actors) for each line of the annotation file."""
    records = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        actors = [
            GoldActor(a["name"], a["kind"], a["country"], a["sector"], tuple(a["mentions"]))
            for a in row["actors"]
        ]
        records.append((row["file"], actors))
    return records


def _keys(name: str, mentions: Iterable[str]) -> set[str]:
    return {normalize(name), *(normalize(m) for m in mentions)}


def match_actors(gold: Sequence[GoldActor], found: Sequence[Actor]) -> list[tuple[int, int]]:
    """(gold index, herald index) pairs, one to one, exact name matches first."""
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_found: set[int] = set()
    gold_keys = [_keys(g.name, g.mentions) for g in gold]
    found_keys = [_keys(a.name, (m.text for m in a.mentions)) for a in found]

    def exact(g: int, f: int) -> bool:
        return normalize(gold[g].name) == normalize(found[f].name)

    def loose(g: int, f: int) -> bool:
        return normalize(found[f].name) in gold_keys[g] or normalize(gold[g].name) in found_keys[f]

    for test in (exact, loose):
        for g in range(len(gold)):
            if g in used_gold:
                continue
            f = next((f for f in range(len(found)) if f not in used_found and test(g, f)), None)
            if f is not None:
                pairs.append((g, f))
                used_gold.add(g)
                used_found.add(f)
    return pairs


def bcubed(gold: Sequence[GoldActor], found: Sequence[Actor]) -> tuple[float, float, int]:
    """Summed B-cubed precision and recall over the article's gold mention items, and their
    number."""
    owners: dict[str, set[int]] = {}
    for g, actor in enumerate(gold):
        for mention in actor.mentions:
            owners.setdefault(normalize(mention), set()).add(g)
    items = {item: next(iter(gs)) for item, gs in owners.items() if len(gs) == 1}
    clusters = [{i for i, g in items.items() if g == index} for index in range(len(gold))]
    found_items = [{normalize(m.text) for m in a.mentions} & items.keys() for a in found]
    precision = recall = 0.0
    for item, g in items.items():
        truth = clusters[g]
        holders = [f for f in found_items if item in f]
        guess = max(holders, key=lambda f: len(f & truth)) if holders else {item}
        shared = len(guess & truth)
        precision += shared / len(guess)
        recall += shared / len(truth)
    return precision, recall, len(items)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _herald_actors(path: Path) -> tuple[Actor, ...]:
    import herald
    from herald.records import Extraction

    article = json.loads(path.read_text(encoding="utf-8"))
    date = (article.get("date_publish") or "")[:10] or None
    result = herald.extract(article["text"], date=date, url=article.get("url"), id=path.name)
    return result.actors if isinstance(result, Extraction) else ()


def score_actors(annotation_path: str | Path, data_dir: Path | None = None) -> dict[str, Any]:
    """Detection P/R/F1, B-cubed F1 and country/sector/kind accuracy on the annotations."""
    folder = (data_dir or shared_data_dir()) / "news_cluster" / "data"
    tp = n_gold = n_found = n_items = 0
    b_precision = b_recall = 0.0
    same = {"country": 0, "sector": 0, "kind": 0}
    for file_name, gold in read_annotations(annotation_path):
        found = _herald_actors(folder / file_name)
        pairs = match_actors(gold, found)
        tp, n_gold, n_found = tp + len(pairs), n_gold + len(gold), n_found + len(found)
        for g, f in pairs:
            same["country"] += gold[g].country == found[f].country
            same["sector"] += gold[g].sector == found[f].sector
            same["kind"] += gold[g].kind == found[f].kind
        p_sum, r_sum, count = bcubed(gold, found)
        b_precision, b_recall, n_items = b_precision + p_sum, b_recall + r_sum, n_items + count
    precision = tp / n_found if n_found else 0.0
    recall = tp / n_gold if n_gold else 0.0
    bp = b_precision / n_items if n_items else 0.0
    br = b_recall / n_items if n_items else 0.0
    report: dict[str, Any] = {
        "gold_actors": n_gold,
        "herald_actors": n_found,
        "matched": tp,
        "detection_precision": precision,
        "detection_recall": recall,
        "detection_f1": _f1(precision, recall),
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": _f1(bp, br),
        "mention_items": n_items,
    }
    for field, count in same.items():
        report[f"{field}_accuracy"] = count / tp if tp else 0.0
    return report
