"""In-place answer checks for notebook 01 (multi-class vs multi-label).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.labelsets import as_label_matrix, label_names, single_label_recall_cap

__all__ = ["check_sigmoid_labels", "check_all_clean_subset_accuracy", "check_recall_cap"]


def sigmoid(z):
    """The logistic function, element-wise."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def check_sigmoid_labels(answer, scores, labels=None, threshold=0.5):
    """Exercise 1: the set of label names whose independent sigmoid of ``scores`` reaches ``threshold``."""
    scores = np.asarray(scores, dtype=float).ravel()
    names = label_names(np.zeros((1, scores.size), int), labels)
    expected = {name for name, p in zip(names, sigmoid(scores), strict=True) if p >= threshold}
    if answer is not None and isinstance(answer, str):
        answer = {answer}
    return check_answer(
        answer, expected,
        hint=f"apply 1 / (1 + exp(-z)) to each score on its own and keep the labels with p ≥ {threshold}; "
        "answer with a set of label names, e.g. {'toxic', 'insult'}.",
    )


def check_all_clean_subset_accuracy(answer, Y):
    """Exercise 2: subset accuracy (exact-match ratio) of predicting no label for every comment."""
    arr = as_label_matrix(Y)
    expected = float((arr.sum(axis=1) == 0).mean())
    return check_answer(
        answer, expected,
        hint="a prediction of all zeros matches a row exactly only when the row has no label at all; "
        "answer with a fraction between 0 and 1.",
    )


def check_recall_cap(answer, Y):
    """Exercise 3: the best micro recall a model that predicts one label per comment can reach on ``Y``."""
    expected = single_label_recall_cap(as_label_matrix(Y))
    return check_answer(
        answer, expected,
        hint="even a perfect one-label model finds at most one true label per labelled comment: "
        "(comments with ≥ 1 label) / (all 1s in Y).",
    )
