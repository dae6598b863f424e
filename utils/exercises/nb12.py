"""In-place answer checks for notebook 12 (the threshold lab).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numbers

import numpy as np

from utils.checks import check_answer
from utils.thresholds import THRESHOLD_GRID, apply_thresholds, f1_by_threshold, summary_scores

__all__ = ["check_hamming_at_zero", "check_micro_f1_at", "check_best_threshold"]


def check_hamming_at_zero(answer, Y_true):
    """Exercise 1: the Hamming loss of predicting every label for every comment."""
    Y_true = np.asarray(Y_true)
    expected = summary_scores(Y_true, np.ones_like(Y_true))["hamming_loss"]
    return check_answer(
        answer, expected,
        hint="every cell is predicted 1, so the wrong cells are exactly the 0s of Y_true: "
        "their share of all cells is 1 - Y_true.mean().",
    )


def check_micro_f1_at(answer, Y_true, Y_score, threshold=0.3):
    """Exercise 2: micro-F1 with every label's threshold at ``threshold``."""
    expected = summary_scores(Y_true, apply_thresholds(Y_score, threshold))["micro_f1"]
    return check_answer(
        answer, expected,
        hint=f"predict with (P >= {threshold}).astype(int), then f1_score(Y, pred, average='micro'); "
        "micro pools the counts of all labels before computing F1.",
    )


def check_best_threshold(answer, Y_val, Y_val_score, label, grid=THRESHOLD_GRID):
    """Exercise 3: a threshold in ``grid`` that maximises label ``label``'s F1 on validation.

    Any threshold reaching the maximal F1 counts as right (ties are common).
    """
    y, p = np.asarray(Y_val)[:, label], np.asarray(Y_val_score)[:, label]
    f1 = f1_by_threshold(y, p, grid)
    best = float(grid[int(np.argmax(f1))])
    if isinstance(answer, numbers.Number) and not isinstance(answer, bool) and 0 <= answer <= 1:
        if np.isclose(f1_by_threshold(y, p, [float(answer)])[0], f1.max()):
            best = float(answer)
    return check_answer(
        answer, best,
        hint="for each t in THRESHOLD_GRID compute the F1 of (P_val[:, j] >= t) against Y_val[:, j] "
        f"and keep the t with the highest F1 (the best F1 here is {f1.max():.3f}).",
        rtol=0, atol=1e-9,
    )
