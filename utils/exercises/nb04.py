"""In-place answer checks for notebook 04 (scoring multi-label predictions).

Each checker computes the expected answer from the matrices it is given (with
scikit-learn or :mod:`utils.metrics`), prints right/wrong with a hint, returns
True/False (None if unanswered) and never raises.
"""

import numpy as np
from sklearn.metrics import f1_score, hamming_loss

from utils.checks import check_answer
from utils.metrics import ranking_scores

__all__ = ["check_hamming_loss", "check_macro_f1", "check_coverage"]


def _matrices(*arrays):
    """The arrays as NumPy matrices of one shape, or None (with a message) if they do not fit."""
    arrays = [np.asarray(a) for a in arrays]
    if any(a.ndim != 2 for a in arrays) or len({a.shape for a in arrays}) != 1:
        print(f"⚠️ The checker needs matrices of one shape, got shapes {[a.shape for a in arrays]}.")
        return None
    return arrays


def check_hamming_loss(answer, Y_true, Y_pred):
    """Exercise 1: the Hamming loss of ``Y_pred`` against ``Y_true``."""
    arrays = _matrices(Y_true, Y_pred)
    if arrays is None:
        return None
    expected = float(hamming_loss(*arrays))
    return check_answer(
        answer, expected,
        hint="count the cells where prediction and truth differ and divide by the number of cells "
        "(comments × labels): (Y_true != Y_pred).mean().",
    )


def check_macro_f1(answer, Y_true, Y_pred):
    """Exercise 2: the macro-averaged F1 of ``Y_pred`` (a label with nothing predicted and nothing to find scores 0)."""
    arrays = _matrices(Y_true, Y_pred)
    if arrays is None:
        return None
    expected = float(f1_score(*arrays, average="macro", zero_division=0))
    return check_answer(
        answer, expected,
        hint="compute F1 = 2·TP / (2·TP + FP + FN) for each label column on its own (0 when the denominator "
        "is 0), then take the plain mean over the labels. Not the F1 of the mean precision and mean recall!",
    )


def check_coverage(answer, Y_true, Y_score):
    """Exercise 3: coverage as in the ML-kNN paper (comments without labels skipped)."""
    arrays = _matrices(Y_true, Y_score)
    if arrays is None:
        return None
    if not (arrays[0].sum(axis=1) > 0).any():
        print("⚠️ Coverage needs at least one comment with a true label.")
        return None
    expected = ranking_scores(*arrays)["coverage"]
    return check_answer(
        answer, expected,
        hint="for each comment with labels, sort its labels by score (highest first) and note the position, "
        "counting from 0, of the lowest-ranked true label; average these positions.",
    )
