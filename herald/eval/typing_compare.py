"""Typing events: herald's trigger lexicon, a classifier trained on the dev data, or both?

Run ``python -m herald.eval.typing_compare [--report FILE]``. On the DEV half only of the
two gold sets that give one PLOVER type per text (``plover`` sentences, ``acled`` snippets
through herald/data/eval/acled_to_plover.csv), with the same 5 folds for every method (split by
record id, fixed seed), it compares:

- ``lexicon``: herald's own top event type, as the scorers read it (no training);
- ``classifier``: a multinomial logistic regression (numpy) over lemma features of the parse;
- ``combined``: the lexicon's type when its top event has confidence >= t, else the
  classifier's; t (and the classifier's L2 strength) are chosen on the training folds only,
  with out-of-fold predictions of an inner cross-validation so that the classifier's
  in-sample fit does not flatter it;
- ``stacked`` (beyond the brief): the classifier with the lexicon's type and confidence band
  as two more features, so that it learns when to trust the lexicon per type.

Every text is parsed once and the other stages run once; the timings cover typing only
(the events stage for the lexicon, features + scoring for the classifier).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from herald.actors.stage import find_actors
from herald.eval import acled, plover
from herald.eval.runner import TextItem, guarded, make_document, parse_items, top_event
from herald.eval.scoring import label_counts, macro_f1
from herald.eval.softmax_classifier import train
from herald.eval.splits import select
from herald.events.stage import find_events
from herald.places.stage import find_places
from herald.quotes.stage import find_quotes
from herald.records import Event, ParsedText
from herald.time.timexes import find_timexes

FOLDS = 5
SEED = "herald-typing-compare-1"
NO_EVENT = "none"
L2_GRID = (1e-4, 1e-3, 1e-2)  # chosen per outer fold by inner cross-validation
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "oprd"})
NOMINAL = frozenset({"NOUN", "PROPN"})
METHODS = ("majority", "lexicon", "classifier", "combined", "stacked")


@dataclass(frozen=True, slots=True)
class Item:
    """One gold text with its PLOVER label and what herald's lexicon made of it."""

    set_name: str
    id: str
    gold: str
    features: tuple[str, ...]
    lexicon: str  # the lexicon's type as that set's scorer reads it
    lexicon_raw: str  # herald's own type (no folding), the same convention for both sets
    confidence: float  # of the lexicon's top event; 0 when it found none
    lexicon_seconds: float  # the events stage on this text
    sentences: int


# --------------------------------------------------------------------------- data


def gold_texts() -> list[tuple[str, TextItem, str]]:
    """(set name, text, gold label) of every dev record of the two typed gold sets."""
    found = [
        ("plover", TextItem(s.id, s.text, plover.GOLD_DATE), s.type)
        for s in select(plover.load(), lambda s: s.id, "dev")
    ]
    mapping = acled.acled_mapping()
    found += [
        ("acled", TextItem(s.id, s.text), mapping[s.acled_type].plover_type)
        for s in select(acled.load(), lambda s: s.id, "dev")
    ]
    return found


def lexicon_label(set_name: str, event: Event | None) -> str:
    """The lexicon's answer as the set's scorer reads it (PLOVER folds to the manual's type)."""
    if set_name == "plover":
        return plover.predicted_type(event)
    return event.type if event is not None else NO_EVENT


def features(parsed: ParsedText) -> tuple[str, ...]:
    """Sparse features of a parse: lemmas, lemma bigrams, the root verb, its subjects'
    and objects' nouns, and root+object pairs ("hold|talk")."""
    found: set[str] = set()
    previous = ""
    for token in parsed.tokens:
        lemma = token.lemma.lower()
        if not lemma.isalpha():
            previous = ""
            continue
        found.add(f"w:{lemma}")
        if previous:
            found.add(f"bi:{previous}_{lemma}")
        previous = lemma
        if token.dep == "ROOT":
            found.add(f"root:{lemma}")
        if token.pos in NOMINAL and token.dep in SUBJECT_DEPS:
            found.add(f"subj:{lemma}")
        if token.pos in NOMINAL and token.dep in OBJECT_DEPS:
            found.add(f"obj:{lemma}")
            head = parsed.tokens[token.head]
            if head.dep == "ROOT":
                found.add(f"rootobj:{head.lemma.lower()}|{lemma}")
    return tuple(sorted(found))


def lexicon_event(item: TextItem, parsed: ParsedText) -> tuple[Event | None, float]:
    """herald's top event for the text and the seconds its events stage took (the stages
    before it run untimed: a classifier would need their actors too)."""
    doc = make_document(item)
    actors = find_actors(doc, parsed)
    timexes = find_timexes(parsed, item.published)
    places = find_places(parsed, doc.dateline)
    quotes = find_quotes(doc, parsed, actors)
    start = time.perf_counter()
    event = top_event(find_events(doc, parsed, actors, timexes, places, quotes))
    return event, time.perf_counter() - start


def collect(show_progress: bool = True) -> tuple[list[Item], float]:
    """Every dev item, parsed once; also the seconds spent on features (all items)."""
    texts = gold_texts()
    items: list[Item] = []
    feature_seconds = 0.0
    parsed_items = parse_items([item for _, item, _ in texts], "typing_compare", show_progress)
    for (name, item, gold), (_, parsed) in zip(texts, parsed_items, strict=True):
        # a stage that fails on one text counts as "no event", as in the scorers
        found = guarded(lambda i=item, p=parsed: lexicon_event(i, p))
        event, lexicon_seconds = found if found is not None else (None, 0.0)
        start = time.perf_counter()
        feats = features(parsed)
        feature_seconds += time.perf_counter() - start
        items.append(
            Item(
                set_name=name,
                id=item.id,
                gold=gold,
                features=feats,
                lexicon=lexicon_label(name, event),
                lexicon_raw=event.type if event is not None else NO_EVENT,
                confidence=event.confidence if event is not None else 0.0,
                lexicon_seconds=lexicon_seconds,
                sentences=len(parsed.sentences),
            )
        )
    return items, feature_seconds


def stacked_features(item: Item) -> tuple[str, ...]:
    """The item's parse features plus what the lexicon said (unfolded, so that the feature
    means the same in both sets) and how sure it was."""
    band = min(int(item.confidence * 5), 4)  # five bands of 0.2
    return (*item.features, f"lex:{item.lexicon_raw}", f"lexband:{item.lexicon_raw}:{band}")


def assign_folds(keys: Sequence[str], k: int = FOLDS, seed: str = SEED) -> list[int]:
    """Fold of each key: keys ordered by a seeded hash and dealt round-robin, so folds are
    deterministic, disjoint and of equal size (within one)."""
    order = sorted(range(len(keys)), key=lambda i: _digest(seed, keys[i]))
    folds = [0] * len(keys)
    for rank, index in enumerate(order):
        folds[index] = rank % k
    return folds


def _digest(seed: str, key: str) -> str:
    return hashlib.sha1(f"{seed}\t{key}".encode()).hexdigest()


# --------------------------------------------------------------------------- cross-validation


def out_of_fold(items: Sequence[Item], folds: Sequence[int], l2: float) -> list[str]:
    """The classifier's prediction for each item by a model that never saw its fold."""
    predicted = [""] * len(items)
    for fold in sorted(set(folds)):
        train_at = [i for i, f in enumerate(folds) if f != fold]
        model = train([items[i].features for i in train_at], [items[i].gold for i in train_at], l2)
        for i, f in enumerate(folds):
            if f == fold:
                predicted[i] = model.predict(items[i].features)
    return predicted


def combine(item: Item, classified: str, threshold: float) -> str:
    """The lexicon's type when it found an event at ``threshold`` or surer, else the
    classifier's."""
    lexicon_found = item.confidence > 0 and item.confidence >= threshold
    return item.lexicon if lexicon_found else classified


def best_threshold(items: Sequence[Item], classified: Sequence[str]) -> float:
    """The confidence cut that makes ``combine`` most accurate; the lowest on ties (trust
    the lexicon when in doubt). math.inf means: always the classifier."""
    candidates = [*sorted({0.0, *(item.confidence for item in items)}), math.inf]

    def right(threshold: float) -> int:
        pairs = zip(items, classified, strict=True)
        return sum(combine(item, c, threshold) == item.gold for item, c in pairs)

    return max(candidates, key=lambda t: (right(t), -t))


@dataclass(frozen=True, slots=True)
class FoldChoice:
    l2: float
    threshold: float


def choose_on_training(training: Sequence[Item]) -> FoldChoice:
    """From an inner cross-validation of the training folds: the L2 strength whose
    out-of-fold predictions are most accurate, then the threshold on those predictions."""
    inner = assign_folds([f"{i.set_name}:{i.id}" for i in training], FOLDS - 1, SEED + "-inner")
    best_right, best_l2, best_classified = -1, L2_GRID[0], [""] * len(training)
    for l2 in L2_GRID:
        classified = out_of_fold(training, inner, l2)
        right = sum(c == i.gold for i, c in zip(training, classified, strict=True))
        if right > best_right:  # the smallest L2 on ties: the grid is in rising order
            best_right, best_l2, best_classified = right, l2, classified
    return FoldChoice(best_l2, best_threshold(training, best_classified))


def cross_validate(items: Sequence[Item]) -> tuple[dict[str, list[str]], list[dict], float]:
    """Predictions of every method for every item, one record per fold, and the seconds the
    classifier spent predicting (features excluded: they are timed while collecting)."""
    folds = assign_folds([f"{i.set_name}:{i.id}" for i in items])
    predicted = {name: [""] * len(items) for name in METHODS}
    fold_records = []
    predict_seconds = 0.0
    for fold in range(FOLDS):
        training = [item for item, f in zip(items, folds, strict=True) if f != fold]
        choice = choose_on_training(training)
        golds = [i.gold for i in training]
        model = train([i.features for i in training], golds, choice.l2)
        stacked = train([stacked_features(i) for i in training], golds, choice.l2)
        majority = Counter(i.gold for i in training).most_common(1)[0][0]
        for index, (item, f) in enumerate(zip(items, folds, strict=True)):
            if f != fold:
                continue
            start = time.perf_counter()
            classified = model.predict(item.features)
            predict_seconds += time.perf_counter() - start
            predicted["majority"][index] = majority
            predicted["lexicon"][index] = item.lexicon
            predicted["classifier"][index] = classified
            predicted["combined"][index] = combine(item, classified, choice.threshold)
            predicted["stacked"][index] = stacked.predict(stacked_features(item))
        at = [i for i, f in enumerate(folds) if f == fold]
        fold_records.append(
            {
                "fold": fold,
                "size": len(at),
                "l2": choice.l2,
                "threshold": choice.threshold if math.isfinite(choice.threshold) else None,
                "accuracy": {m: _accuracy(items, predicted[m], at) for m in METHODS},
            }
        )
    return predicted, fold_records, predict_seconds


def _accuracy(items: Sequence[Item], predicted: Sequence[str], at: Sequence[int]) -> float:
    return sum(predicted[i] == items[i].gold for i in at) / len(at) if at else float("nan")


def _macro_f1(items: Sequence[Item], predicted: Sequence[str], at: Sequence[int]) -> float | None:
    return macro_f1(label_counts((items[i].gold, predicted[i]) for i in at))


# --------------------------------------------------------------------------- report


def summarise(items: Sequence[Item], predicted: Sequence[str], seconds: float) -> dict:
    """Accuracy, macro F1 (over gold labels, "none" included) overall and per set."""
    figures: dict[str, float | None] = {}
    everything = range(len(items))
    figures["accuracy"] = _accuracy(items, predicted, everything)
    figures["macro_f1"] = _macro_f1(items, predicted, everything)
    for name in ("plover", "acled"):
        at = [i for i in everything if items[i].set_name == name]
        figures[f"{name}_accuracy"] = _accuracy(items, predicted, at)
        figures[f"{name}_macro_f1"] = _macro_f1(items, predicted, at)
    figures["ms_per_1000_texts"] = 1000 * 1000 * seconds / len(items)
    return figures


def run(show_progress: bool = True) -> dict:
    items, feature_seconds = collect(show_progress)
    predicted, fold_records, predict_seconds = cross_validate(items)
    lexicon_seconds = sum(i.lexicon_seconds for i in items)
    classifier_seconds = feature_seconds + predict_seconds
    seconds = {
        "majority": 0.0,
        "lexicon": lexicon_seconds,
        "classifier": classifier_seconds,
        "combined": lexicon_seconds + classifier_seconds,
        "stacked": lexicon_seconds + classifier_seconds,
    }
    methods = {m: summarise(items, predicted[m], seconds[m]) for m in METHODS}
    for m in METHODS:
        per_fold = [record["accuracy"][m] for record in fold_records]
        methods[m]["fold_accuracy_stdev"] = statistics.stdev(per_fold)
    return {
        "split": "dev",
        "folds": FOLDS,
        "seed": SEED,
        "texts": {name: sum(i.set_name == name for i in items) for name in ("plover", "acled")},
        "sentences": sum(i.sentences for i in items),
        "labels": dict(Counter(i.gold for i in items).most_common()),
        "methods": methods,
        "fold_details": fold_records,
    }


def render(result: dict) -> str:
    columns = ["accuracy", "macro_f1", "plover_accuracy", "acled_accuracy", "ms_per_1000_texts"]
    header = f"{'method':<11}" + "".join(f"{c:>18}" for c in columns) + f"{'fold sd':>10}"
    lines = [
        f"typing on the dev split: {result['texts']} texts, {result['sentences']} sentences, "
        f"{result['folds']} folds",
        header,
    ]
    for name, figures in result["methods"].items():
        cells = "".join(f"{_cell(figures[c]):>18}" for c in columns)
        lines.append(f"{name:<11}{cells}{figures['fold_accuracy_stdev']:>10.3f}")
    for record in result["fold_details"]:
        threshold = record["threshold"]
        lines.append(
            f"fold {record['fold']}: n={record['size']} l2={record['l2']:g} "
            f"threshold={'classifier only' if threshold is None else f'{threshold:.3f}'}"
        )
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: Sequence[str] | None = None, show: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    result = run(show_progress=not args.no_progress)
    show(render(result))
    if args.report is not None:
        args.report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
