"""Tests for herald.eval.actors: matching, B-cubed and the score on the hand annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.eval.actors import GoldActor, bcubed, match_actors, normalize, score_actors
from herald.records import Actor, Mention

ANNOTATIONS = Path(__file__).parent.parent / "data" / "actor_annotations.jsonl"


def _actor(name: str, *mentions: str) -> Actor:
    return Actor(
        f"d:{name}", "d", name, "person", mentions=tuple(Mention(m, 0, 1) for m in mentions)
    )


def test_normalize_drops_article_honorific_and_possessive() -> None:
    assert normalize("Mr. Tillerson\u2019s") == "tillerson"
    assert normalize("The  State Department") == "state department"


def test_match_prefers_exact_names_and_is_one_to_one() -> None:
    gold = [
        GoldActor("Rex Tillerson", "person", "USA", "GOV", ("Mr. Tillerson",)),
        GoldActor("Tillerson aide", "person", "USA", "GOV", ("an aide",)),
    ]
    found = [_actor("Tillerson", "Mr. Tillerson"), _actor("Rex Tillerson")]
    assert match_actors(gold, found) == [(0, 1)]


def test_bcubed_penalises_split_and_merged_clusters() -> None:
    gold = [
        GoldActor("A", "person", None, None, ("A", "Mr. A", "the minister")),
        GoldActor("B", "person", None, None, ("B",)),
    ]
    perfect = [_actor("A", "A", "Mr. A", "the minister"), _actor("B", "B")]
    precision, recall, items = bcubed(gold, perfect)
    assert (precision, recall, items) == (3.0, 3.0, 3)  # "Mr. A" and "A" are one item
    merged = [_actor("A", "A", "the minister", "B")]
    precision, recall, _ = bcubed(gold, merged)
    assert precision < 3.0 and recall == 3.0


def test_annotations_hold_names_and_short_mentions_only() -> None:
    rows = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20
    for row in rows:
        for actor in row["actors"]:
            assert actor["kind"] in ("person", "organization", "country", "group")
            assert all(len(m.split()) <= 14 for m in actor["mentions"])


@pytest.mark.slow
def test_score_on_the_hand_annotations(shared_data: Path) -> None:
    if not (shared_data / "news_cluster" / "data").is_dir():
        pytest.skip("news_cluster articles not found")
    report = score_actors(ANNOTATIONS, shared_data)
    assert report["gold_actors"] == 220
    # floors a little under the figures measured when the annotations were made
    assert report["detection_recall"] >= 0.65
    assert report["bcubed_f1"] >= 0.8
    assert report["kind_accuracy"] >= 0.95
