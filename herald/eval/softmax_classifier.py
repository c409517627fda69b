"""eval.softmax_classifier: a multinomial logistic regression in numpy, over string features.

``train(rows, golds, l2)`` fits a ``SoftmaxModel`` (binary features scaled to unit length per
row, L2-regularised cross-entropy minimised by Nesterov's accelerated gradient);
``herald.eval.typing_compare`` uses it as the classifier that event typing is compared with.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_FEATURE_COUNT = 2  # a feature seen once in the training folds cannot generalise


# --------------------------------------------------------------------------- classifier


@dataclass(frozen=True, slots=True)
class SoftmaxModel:
    """A multinomial logistic regression over a feature vocabulary."""

    vocabulary: dict[str, int]
    labels: tuple[str, ...]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)

    def scores(self, feats: Sequence[str]) -> np.ndarray:
        """Class scores from the known features (a gather-and-sum: sparse, no matrix)."""
        columns = [self.vocabulary[f] for f in feats if f in self.vocabulary]
        if not columns:
            return self.bias.copy()
        return self.weights[columns].sum(axis=0) / math.sqrt(len(columns)) + self.bias

    def predict(self, feats: Sequence[str]) -> str:
        return self.labels[int(np.argmax(self.scores(feats)))]


def build_vocabulary(rows: Sequence[Sequence[str]], min_count: int) -> dict[str, int]:
    counts = Counter(f for row in rows for f in row)
    kept = sorted(f for f, n in counts.items() if n >= min_count)
    return {f: i for i, f in enumerate(kept)}


def design_matrix(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Binary features scaled to unit length per row (the same scaling ``scores`` uses)."""
    matrix = np.zeros((len(rows), len(vocabulary)), dtype=np.float64)
    for r, row in enumerate(rows):
        columns = [vocabulary[f] for f in row if f in vocabulary]
        if columns:
            matrix[r, columns] = 1.0 / math.sqrt(len(columns))
    return matrix


def fit_softmax(
    x: np.ndarray, y: np.ndarray, n_labels: int, l2: float, steps: int = 400
) -> tuple[np.ndarray, np.ndarray]:
    """Weights and bias minimising mean cross-entropy + l2/2 |W|^2, by Nesterov's accelerated
    gradient. Rows have unit length (2 with the bias's constant 1) and a softmax's curvature
    is at most 1/2, so the gradient is (1 + l2)-Lipschitz: the fixed step 1 / (1 + l2)
    converges without a line search."""
    n, d = x.shape
    onehot = np.eye(n_labels)[y]
    weights, bias = np.zeros((d, n_labels)), np.zeros(n_labels)
    previous_w, previous_b = weights, bias
    rate = 1.0 / (1.0 + l2)
    for step in range(1, steps + 1):
        momentum = (step - 1) / (step + 2)
        look_w = weights + momentum * (weights - previous_w)
        look_b = bias + momentum * (bias - previous_b)
        error = softmax(x @ look_w + look_b) - onehot
        previous_w, previous_b = weights, bias
        weights = look_w - rate * (x.T @ error / n + l2 * look_w)
        bias = look_b - rate * error.mean(axis=0)
    return weights, bias


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def train(
    rows: Sequence[Sequence[str]],
    golds: Sequence[str],
    l2: float,
    min_count: int = MIN_FEATURE_COUNT,
) -> SoftmaxModel:
    labels = tuple(sorted(set(golds)))
    vocabulary = build_vocabulary(rows, min_count)
    y = np.array([labels.index(g) for g in golds])
    weights, bias = fit_softmax(design_matrix(rows, vocabulary), y, len(labels), l2)
    return SoftmaxModel(vocabulary, labels, weights, bias)
