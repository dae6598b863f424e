"""In-place answer checks for notebook 07 (label powerset).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.data import LABELS
from utils.labelsets import as_label_matrix

__all__ = ["check_distinct_predicted_sets", "check_label_probability", "check_sets_kept"]


def check_distinct_predicted_sets(answer, Y_pred):
    """Exercise 1: how many distinct label sets (rows) ``Y_pred`` contains."""
    expected = int(np.unique(as_label_matrix(Y_pred), axis=0).shape[0])
    return check_answer(
        answer, expected,
        hint="np.unique(Y_pred, axis=0) keeps one copy of each distinct row; count its rows.",
    )


def check_label_probability(answer, set_proba, label_sets, label="insult", labels=LABELS):
    """Exercise 2: P(label) of one comment from its label-set probabilities ``set_proba``."""
    column = list(labels).index(label)
    sets = as_label_matrix(label_sets)
    expected = float(np.asarray(set_proba, dtype=float)[sets[:, column] == 1].sum())
    return check_answer(
        answer, expected,
        hint=f"add up the probabilities of the label sets whose {label} column is 1.",
    )


def check_sets_kept(answer, Y_train, min_count):
    """Exercise 3: how many label sets occur at least ``min_count`` times in training."""
    _, counts = np.unique(as_label_matrix(Y_train), axis=0, return_counts=True)
    expected = int((counts >= min_count).sum())
    return check_answer(
        answer, expected,
        hint="np.unique(Y_train, axis=0, return_counts=True) gives each set's count; keep those ≥ the minimum.",
    )
