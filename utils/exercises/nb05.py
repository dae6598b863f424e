"""In-place answer checks for notebook 05 (binary relevance).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np
from sklearn.metrics import f1_score

from utils.checks import check_answer
from utils.data import LABELS
from utils.labelsets import as_label_matrix

__all__ = ["check_weakest_label", "check_labels_without_toxic", "check_repaired_micro_f1"]


def check_weakest_label(answer, Y_true, Y_pred, labels=LABELS):
    """Exercise 1: the name of the label with the lowest test F1 (any of them if tied)."""
    f1 = f1_score(as_label_matrix(Y_true), as_label_matrix(Y_pred), average=None, zero_division=0)
    weakest = [name for name, value in zip(labels, f1, strict=True) if np.isclose(value, f1.min())]
    expected = answer if isinstance(answer, str) and answer in weakest else weakest[0]
    return check_answer(
        answer, expected,
        hint="f1_score(Y_test, Y_pred, average=None) gives one F1 per column; answer with the label's name, "
        "e.g. 'obscene'.",
    )


def check_labels_without_toxic(answer, Y_pred, toxic=0):
    """Exercise 2: how many rows of ``Y_pred`` have some label but not ``toxic``."""
    Y_pred = as_label_matrix(Y_pred)
    others = np.delete(Y_pred, toxic, axis=1).sum(axis=1) > 0
    expected = int((others & (Y_pred[:, toxic] == 0)).sum())
    return check_answer(
        answer, expected,
        hint="count rows where the toxic column is 0 and at least one other column is 1.",
    )


def repair_with_toxic(Y_pred, toxic=0):
    """Predictions made coherent: ``toxic`` switched on wherever any other label is on."""
    Y = as_label_matrix(Y_pred).copy()
    Y[:, toxic] = np.maximum(Y[:, toxic], np.delete(Y, toxic, axis=1).max(axis=1))
    return Y


def check_repaired_micro_f1(answer, Y_true, Y_pred, toxic=0):
    """Exercise 3: micro F1 after switching ``toxic`` on wherever another label is predicted."""
    expected = f1_score(as_label_matrix(Y_true), repair_with_toxic(Y_pred, toxic), average="micro", zero_division=0)
    return check_answer(
        answer, float(expected),
        hint="copy Y_pred, set its toxic column to 1 wherever any other column is 1, then take "
        "f1_score(Y_test, repaired, average='micro').",
    )
