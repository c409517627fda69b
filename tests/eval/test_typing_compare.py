"""herald.eval.typing_compare and softmax_classifier: folds, the numpy logistic regression, the
combination rule."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

import herald.eval.softmax_classifier as sc
import herald.eval.typing_compare as tc
from herald.eval.splits import split_of
from herald.parse.model import parse


def _item(gold: str, lexicon: str, confidence: float, feats: tuple[str, ...] = ()) -> tc.Item:
    return tc.Item(
        set_name="plover",
        id=f"{gold}-{lexicon}-{confidence}",
        gold=gold,
        features=feats,
        lexicon=lexicon,
        lexicon_raw=lexicon,
        confidence=confidence,
        lexicon_seconds=0.0,
        sentences=1,
    )


def test_folds_are_deterministic_disjoint_and_balanced() -> None:
    keys = [f"acled:{n}" for n in range(103)]
    folds = tc.assign_folds(keys, 5, "seed")
    assert folds == tc.assign_folds(keys, 5, "seed")
    assert set(folds) == {0, 1, 2, 3, 4}
    sizes = [folds.count(f) for f in range(5)]
    assert max(sizes) - min(sizes) <= 1
    members = [{k for k, f in zip(keys, folds, strict=True) if f == fold} for fold in range(5)]
    assert sum(len(m) for m in members) == len(keys)  # every key in exactly one fold
    assert all(a.isdisjoint(b) for i, a in enumerate(members) for b in members[i + 1 :])


def test_folds_do_not_depend_on_input_order_but_on_the_seed() -> None:
    keys = [f"plover:{n}" for n in range(40)]
    forward = dict(zip(keys, tc.assign_folds(keys, 5, "s"), strict=True))
    backward = dict(zip(keys[::-1], tc.assign_folds(keys[::-1], 5, "s"), strict=True))
    assert forward == backward
    assert tc.assign_folds(keys, 5, "s") != tc.assign_folds(keys, 5, "other seed")


def test_softmax_learns_a_separable_toy_problem() -> None:
    rng = np.random.default_rng(0)
    cues = {"ASSAULT": "w:attack", "PROTEST": "w:rally", "AGREE": "w:sign"}
    noise = [f"w:noise{n}" for n in range(20)]
    rows: list[tuple[str, ...]] = []
    golds: list[str] = []
    for _ in range(30):
        for label, cue in cues.items():
            rows.append((cue, *rng.choice(noise, size=3, replace=False)))
            golds.append(label)
    model = sc.train(rows, golds, l2=1e-3)
    assert model.labels == ("AGREE", "ASSAULT", "PROTEST")
    assert [model.predict(row) for row in rows] == golds
    # unseen noise words do not matter; the cue alone decides
    assert model.predict(("w:rally", "w:never-seen")) == "PROTEST"
    assert model.predict(("w:sign",)) == "AGREE"


def test_fit_softmax_lowers_the_loss_and_l2_shrinks_weights() -> None:
    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    y = np.array([0, 1, 0, 1])
    weak, _ = sc.fit_softmax(x, y, 2, l2=1e-4, steps=200)
    strong, _ = sc.fit_softmax(x, y, 2, l2=1.0, steps=200)
    probabilities = sc.softmax(x @ weak)
    assert (probabilities.argmax(axis=1) == y).all()
    assert np.abs(strong).sum() < np.abs(weak).sum()


def test_vocabulary_drops_rare_features() -> None:
    vocabulary = sc.build_vocabulary([("a", "b"), ("a", "c"), ("a", "b")], min_count=2)
    assert vocabulary == {"a": 0, "b": 1}
    matrix = sc.design_matrix([("a", "b"), ("c",)], vocabulary)
    assert np.allclose(np.linalg.norm(matrix[0]), 1.0)
    assert not matrix[1].any()  # nothing known: an empty row, the bias alone decides


def test_combine_uses_the_lexicon_only_when_it_is_sure_enough() -> None:
    sure = _item("AGREE", "AGREE", 0.9)
    unsure = _item("ASSAULT", "PROTEST", 0.3)
    silent = _item("none", "none", 0.0)
    assert tc.combine(sure, "REJECT", 0.5) == "AGREE"
    assert tc.combine(unsure, "ASSAULT", 0.5) == "ASSAULT"
    assert tc.combine(silent, "none", 0.0) == "none"  # no event: always the classifier
    assert tc.combine(sure, "REJECT", math.inf) == "REJECT"


def test_best_threshold_separates_right_lexicon_answers_from_wrong_ones() -> None:
    items = [
        _item("AGREE", "AGREE", 0.9),
        _item("REJECT", "REJECT", 0.8),
        _item("ASSAULT", "PROTEST", 0.4),
        _item("COERCE", "ACCUSE", 0.3),
    ]
    classified = ["REJECT", "AGREE", "ASSAULT", "COERCE"]
    assert tc.best_threshold(items, classified) == 0.8
    assert tc.best_threshold(items, ["x"] * 4) == 0.0  # a useless classifier: trust the lexicon
    always_right = [i.gold for i in items]
    # 0.8, 0.9 and "never the lexicon" are all perfect: the lowest cut wins the tie
    assert tc.best_threshold(items, always_right) == 0.8


def test_features_read_the_root_its_subject_and_object() -> None:
    feats = set(tc.features(parse("The rebels attacked the village.")))
    assert {"root:attack", "subj:rebel", "obj:village", "rootobj:attack|village"} <= feats
    assert {"w:rebel", "bi:the_rebel"} <= feats
    assert not any(f.endswith(".") for f in feats)


def test_stacked_features_add_the_lexicon_answer() -> None:
    item = _item("AGREE", "CONSULT", 0.65, ("w:meet",))
    assert tc.stacked_features(item) == ("w:meet", "lex:CONSULT", "lexband:CONSULT:3")


def test_gold_texts_are_dev_only_and_labelled(shared_data: Path) -> None:
    texts = tc.gold_texts()
    assert {name for name, _, _ in texts} == {"plover", "acled"}
    assert all(split_of(item.id) == "dev" for _, item, _ in texts)
    assert all(gold for _, _, gold in texts)
    assert any(gold == tc.NO_EVENT for name, _, gold in texts if name == "acled")
