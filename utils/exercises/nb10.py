"""In-place answer checks for notebook 10 (Keras: one sigmoid output layer).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.exercises import nb01
from utils.labelsets import as_label_matrix, label_names

__all__ = ["check_output_params", "check_weighted_bce", "check_positive_weight", "check_softmax_recall_cap"]


def check_output_params(answer, n_features, n_labels):
    """Exercise 1: parameters of ``Dense(n_labels)`` on ``n_features`` inputs (= n_labels logistic regressions)."""
    n_features, n_labels = int(n_features), int(n_labels)
    return check_answer(
        answer, n_features * n_labels + n_labels,
        mistakes=[(n_features * n_labels, f"that is the kernel only: the {n_labels} biases (one per label) are "
                                          "parameters too."),
                  (n_features + 1, "that is ONE logistic regression; the layer holds one per label.")],
        hint=f"a kernel of shape (n_features, n_labels) plus one bias per label; {n_labels} logistic regressions "
        "hold the same: (n_features + 1) numbers each.",
    )


def check_weighted_bce(answer, y, p, pos_weights):
    """Exercise 2: mean over labels of -(w·y·log p + (1 - y)·log(1 - p)) for one comment."""
    y, p, w = (np.asarray(a, dtype=float).ravel() for a in (y, p, pos_weights))
    if not (y.shape == p.shape == w.shape):
        print("⚠️ The checker needs y, p and pos_weights of the same length.")
        return None
    positive, negative = -y * np.log(p), -(1 - y) * np.log(1 - p)
    terms = w * positive + negative
    return check_answer(
        answer, float(terms.mean()),
        mistakes=[(float((positive + negative).mean()), "that is the unweighted loss: multiply each positive "
                                                        "term by its weight."),
                  (float((w * (positive + negative)).mean()), "the weight multiplies only the positive term, not "
                                                              "-log(1 − p)."),
                  (float(terms.sum()), "that is the sum over the labels; take their mean.")],
        hint="for a positive label the term is -w·log(p), for a negative one -log(1 - p); the weight multiplies "
        f"only the positive term; then average the {y.size} terms (natural log: np.log).",
    )


def check_positive_weight(answer, Y, label, labels=None):
    """Exercise 3: the balanced positive weight n_negative / n_positive of ``label`` in ``Y``."""
    names = label_names(Y, labels)
    if label not in names:
        print(f"⚠️ The checker was called with {label!r}; expected one of {names}.")
        return None
    column = as_label_matrix(Y)[:, names.index(label)]
    n_pos = int(column.sum())
    if n_pos == 0:
        print(f"⚠️ {label!r} has no positive example in this Y: its weight is undefined.")
        return None
    n_neg = column.size - n_pos
    return check_answer(
        answer, n_neg / n_pos,
        mistakes=[(n_pos / n_neg, "that is upside down: negatives divided by positives."),
                  (column.size / n_pos, "that divides ALL comments by the positives; use the negatives only.")],
        hint=f"count the 1s in the {label} column (n_positive) and the 0s (n_negative), then divide 0s by 1s.",
    )


def check_softmax_recall_cap(answer, Y):
    """Exercise 4: best micro recall of a model that predicts at most one label per comment.

    The same cap as notebook 01's exercise 3, so the same checker.
    """
    return nb01.check_recall_cap(answer, Y)
