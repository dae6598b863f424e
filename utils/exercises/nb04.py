"""In-place answer checks for notebook 04 (scoring multi-label predictions).

Each checker computes the expected answer from the matrices it is given (with
scikit-learn or :mod:`utils.metrics`), prints right/wrong with a hint, returns
True/False (None if unanswered) and never raises.
"""

import numpy as np
from sklearn.metrics import f1_score, hamming_loss

from utils.checks import check_answer
from utils.metrics import macro_f1, macro_scores, ranking_scores

__all__ = ["check_hamming_loss", "check_macro_f1", "check_coverage", "f1_of_mean_precision_and_recall"]


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
    wrong = arrays[0] != arrays[1]
    expected = float(hamming_loss(*arrays))
    return check_answer(
        answer, expected,
        mistakes=[(int(wrong.sum()), "that is the number of wrong cells; divide by the number of cells."),
                  (1 - expected, "that is the share of RIGHT cells; the loss counts the wrong ones."),
                  (float(wrong.any(axis=1).mean()), "that is the share of comments with any error "
                                                    "(1 − subset accuracy); Hamming loss counts cells.")],
        hint="count the cells where prediction and truth differ and divide by the number of cells "
        "(comments × labels): (Y_true != Y_pred).mean().",
    )


def f1_of_mean_precision_and_recall(Y_true, Y_pred):
    """The shortcut exercise 2 warns about: F1 of the macro precision and the macro recall."""
    scores = macro_scores(Y_true, Y_pred)
    p, r = scores["macro_precision"], scores["macro_recall"]
    return float(2 * p * r / (p + r)) if p + r else 0.0


def check_macro_f1(answer, Y_true, Y_pred):
    """Exercise 2: the macro-averaged F1 of ``Y_pred``, by the course's policy (:func:`utils.metrics.macro_f1`).

    A label with no positive in ``Y_true`` is left out of the mean; one with positives but nothing predicted scores 0.
    """
    arrays = _matrices(Y_true, Y_pred)
    if arrays is None:
        return None
    if not arrays[0].any():
        print("⚠️ Y_true has no positive at all: macro F1 is undefined, there is nothing to check.")
        return None
    return check_answer(
        answer, macro_f1(*arrays),
        mistakes=[(f1_of_mean_precision_and_recall(*arrays), "that is the F1 of the mean precision and the mean "
                   "recall; macro F1 is the mean of the per-label F1s."),
                  (float(f1_score(*arrays, average="micro", zero_division=0)), "that is the micro F1: it pools the "
                   "counts of all labels before computing one F1.")],
        hint="compute F1 = 2·TP / (2·TP + FP + FN) for each label column on its own, then take the plain mean "
        "over the labels that have at least one true positive example (TP + FN > 0).",
    )


def check_coverage(answer, Y_true, Y_score):
    """Exercise 3: coverage as in the ML-kNN paper (comments without labels skipped)."""
    arrays = _matrices(Y_true, Y_score)
    if arrays is None:
        return None
    labelled = arrays[0].sum(axis=1) > 0
    if not labelled.any():
        print("⚠️ Coverage needs at least one comment with a true label.")
        return None
    expected = ranking_scores(*arrays)["coverage"]
    mistakes = [(expected + 1, "that counts positions from 1 (scikit-learn's coverage_error); the paper counts "
                               "from 0.")]
    if not labelled.all():
        mistakes.append((expected * labelled.mean(), "that averages over every comment; comments without labels "
                                                     "are skipped."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="for each comment with labels, sort its labels by score (highest first) and note the position, "
        "counting from 0, of the lowest-ranked true label; average these positions.",
    )
