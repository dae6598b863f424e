"""In-place answer checks for notebook 10 (Keras: one sigmoid output layer).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.data import LABELS
from utils.exercises import nb01
from utils.labelsets import as_label_matrix

__all__ = ["check_output_params", "check_weighted_bce", "check_positive_weight", "check_softmax_recall_cap"]


def check_output_params(answer, n_features, n_labels=6):
    """Exercise 1: parameters of ``Dense(n_labels)`` on ``n_features`` inputs (= n_labels logistic regressions)."""
    expected = int(n_features) * int(n_labels) + int(n_labels)
    return check_answer(
        answer, expected,
        hint="a kernel of shape (n_features, n_labels) plus one bias per label; six logistic regressions "
        "hold the same: (n_features + 1) numbers each.",
    )


def check_weighted_bce(answer, y, p, pos_weights):
    """Exercise 2: mean over labels of -(w·y·log p + (1 - y)·log(1 - p)) for one comment."""
    y, p, w = (np.asarray(a, dtype=float).ravel() for a in (y, p, pos_weights))
    if not (y.shape == p.shape == w.shape):
        print("⚠️ The checker needs y, p and pos_weights of the same length.")
        return None
    expected = float(np.mean(-(w * y * np.log(p) + (1 - y) * np.log(1 - p))))
    return check_answer(
        answer, expected,
        hint="for a positive label the term is -w·log(p), for a negative one -log(1 - p); the weight multiplies "
        "only the positive term; then average the six terms (natural log: np.log).",
    )


def check_positive_weight(answer, Y, label, labels=None):
    """Exercise 3: the balanced positive weight n_negative / n_positive of ``label`` in ``Y``."""
    names = list(labels) if labels is not None else LABELS
    if label not in names:
        print(f"⚠️ The checker was called with {label!r}; expected one of {names}.")
        return None
    column = as_label_matrix(Y)[:, names.index(label)]
    n_pos = int(column.sum())
    if n_pos == 0:
        print(f"⚠️ {label!r} has no positive example in this Y: its weight is undefined.")
        return None
    expected = (column.size - n_pos) / n_pos
    return check_answer(
        answer, expected,
        hint=f"count the 1s in the {label} column (n_positive) and the 0s (n_negative), then divide 0s by 1s.",
    )


def check_softmax_recall_cap(answer, Y):
    """Exercise 4: best micro recall of a model that predicts at most one label per comment.

    The same cap as notebook 01's exercise 3, so the same checker.
    """
    return nb01.check_recall_cap(answer, Y)
