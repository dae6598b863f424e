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
        answer, float(expected),
        mistakes=[(float(Y_true.mean()), "that is the share of 1s, the cells predicted RIGHT; the loss counts the "
                                         "wrong cells, the 0s."),
                  (int((Y_true == 0).sum()), "that is the number of wrong cells; divide by the number of cells.")],
        hint="every cell is predicted 1, so the wrong cells are exactly the 0s of Y_true: "
        "their share of all cells is 1 - Y_true.mean().",
    )


def check_micro_f1_at(answer, Y_true, Y_score, threshold=0.3):
    """Exercise 2: micro-F1 with every label's threshold at ``threshold``."""
    scores = summary_scores(Y_true, apply_thresholds(Y_score, threshold))
    mistakes = [(float(scores["macro_f1"]), "that is the macro-F1; micro pools the counts of all labels first.")]
    if threshold != 0.5:
        mistakes.append((float(summary_scores(Y_true, apply_thresholds(Y_score, 0.5))["micro_f1"]),
                         f"that is the micro-F1 at the default 0.5; set every threshold to {threshold}."))
    return check_answer(
        answer, float(scores["micro_f1"]), mistakes=mistakes,
        hint=f"predict with (P >= {threshold}).astype(int), then f1_score(Y, pred, average='micro'); "
        "micro pools the counts of all labels before computing F1.",
    )


def check_best_threshold(answer, Y_val, Y_val_score, label, grid=THRESHOLD_GRID):
    """Exercise 3: a threshold in ``grid`` that maximises label ``label``'s F1 on validation.

    Any threshold of ``grid`` reaching the maximal F1 counts as right (ties are common).
    """
    y, p = np.asarray(Y_val)[:, label], np.asarray(Y_val_score)[:, label]
    grid = np.asarray(grid, dtype=float)
    f1 = f1_by_threshold(y, p, grid)
    best = float(grid[int(np.argmax(f1))])
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        near = np.flatnonzero(np.isclose(grid, float(answer), rtol=0, atol=1e-9))
        if near.size and np.isclose(f1[near[0]], f1.max()):
            best = float(grid[near[0]])
    mistakes = [(float(f1.max()), "that is the best F1 itself; the question asks for the threshold that reaches "
                                  "it.")]
    if not np.isclose(f1[np.isclose(grid, 0.5)].max(initial=-1), f1.max()):
        mistakes.append((0.5, "0.5 is the default, not the best threshold for this label."))
    return check_answer(
        answer, best, tol=1e-9, mistakes=mistakes,
        hint="for each t in THRESHOLD_GRID compute the F1 of (P_val[:, j] >= t) against Y_val[:, j] "
        f"and keep the t with the highest F1 (the best F1 here is {f1.max():.3f}).",
    )
