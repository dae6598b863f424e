"""Turning probabilities into labels: thresholds, their scores, and tuning them.

A multi-label model gives one probability per label; a **threshold** per label
turns it into a 0/1 decision (``1`` when ``probability >= threshold``). These
functions apply thresholds, score the result from the four counts of each
label's confusion matrix (fast enough to rerun on every slider move), and pick
the threshold that maximises each label's F1 on a validation split.
"""

import numpy as np
import pandas as pd

from utils import SEED
from utils.validation import check_label_matrix

__all__ = [
    "THRESHOLD_GRID",
    "check_thresholds",
    "check_scores",
    "apply_thresholds",
    "confusion_matrices",
    "summary_scores",
    "per_label_scores",
    "f1_by_threshold",
    "best_f1_thresholds",
    "validation_split",
]

#: The thresholds a 0.01-step slider can show, 0.01 … 0.99 (0 and 1 would flag every or no comment).
THRESHOLD_GRID = np.round(np.linspace(0.01, 0.99, 99), 2)


def check_thresholds(thresholds, n_labels):
    """Return ``thresholds`` as a float array of length ``n_labels`` (a single number is repeated).

    Raises ValueError unless every threshold is a number between 0 and 1.
    """
    arr = np.asarray(thresholds, dtype=float) if not isinstance(thresholds, str) else None
    if arr is None or arr.ndim > 1:
        raise ValueError(f"thresholds must be one number or one number per label, got {thresholds!r}.")
    if arr.ndim == 0:
        arr = np.full(n_labels, float(arr))
    if arr.shape != (n_labels,):
        raise ValueError(f"got {arr.size} thresholds for {n_labels} labels; expected one number or one per label.")
    bad = ~np.isfinite(arr) | (arr < 0) | (arr > 1)
    if bad.any():
        j = int(np.argmax(bad))
        raise ValueError(f"threshold {j} is {arr[j]!r}; expected a number between 0 and 1.")
    return arr


def check_scores(Y_score):
    """Return ``Y_score`` as a 2-D float array of probabilities, or explain what is wrong."""
    arr = np.asarray(Y_score, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"Y_score must be a 2-D (n_samples, n_labels) array of probabilities, got shape {arr.shape}.")
    if not np.isfinite(arr).all():
        raise ValueError("Y_score contains NaN or infinite values; expected probabilities between 0 and 1.")
    return arr


def _check_pair(Y_true, Y_other, name):
    """``Y_true`` as a boolean label matrix, checked against the shape of ``Y_other``."""
    if np.ndim(Y_true) == 2 and np.shape(Y_true) != np.shape(Y_other):
        raise ValueError(f"Y_true has shape {np.shape(Y_true)} but {name} has {np.shape(Y_other)}; "
                         "expected the same 2-D shape.")
    return check_label_matrix(Y_true).astype(bool)


def apply_thresholds(Y_score, thresholds):
    """0/1 predictions: label ``j`` is on where ``Y_score[:, j] >= thresholds[j]``."""
    Y_score = check_scores(Y_score)
    return (Y_score >= check_thresholds(thresholds, Y_score.shape[1])).astype(int)


def confusion_matrices(Y_true, Y_pred):
    """One 2×2 matrix ``[[TN, FP], [FN, TP]]`` per label, shape ``(n_labels, 2, 2)``.

    The same layout as scikit-learn's ``multilabel_confusion_matrix``, computed
    with a few array sums so it can run on every slider move.
    """
    T = _check_pair(Y_true, Y_pred, "Y_pred")
    P = np.asarray(Y_pred).astype(bool)
    tp = (T & P).sum(axis=0)
    fp = (~T & P).sum(axis=0)
    fn = (T & ~P).sum(axis=0)
    tn = len(T) - tp - fp - fn
    return np.stack([np.stack([tn, fp], axis=1), np.stack([fn, tp], axis=1)], axis=1)


def _ratio(num, den):
    """num / den, with 0 where den is 0 (scikit-learn's ``zero_division=0``)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def summary_scores(Y_true, Y_pred):
    """Micro- and macro-F1, Hamming loss and subset accuracy as a dict of floats.

    Macro-F1 follows the course's policy (:func:`utils.metrics.evaluable_labels`):
    it averages over the labels with at least one positive in ``Y_true``.
    """
    from utils.metrics import evaluable_labels

    cm = confusion_matrices(Y_true, Y_pred)
    tp, fp, fn = cm[:, 1, 1], cm[:, 0, 1], cm[:, 1, 0]
    keep = evaluable_labels(Y_true)
    exact = (np.asarray(Y_true).astype(bool) == np.asarray(Y_pred).astype(bool)).all(axis=1)
    return {
        "micro_f1": float(_ratio(2 * tp.sum(), 2 * tp.sum() + fp.sum() + fn.sum())),
        "macro_f1": float(_ratio(2 * tp[keep], 2 * tp[keep] + fp[keep] + fn[keep]).mean()) if keep.any() else float("nan"),
        "hamming_loss": float((fp.sum() + fn.sum()) / cm[0].sum() / cm.shape[0]),
        "subset_accuracy": float(exact.mean()),
    }


def per_label_scores(Y_true, Y_pred, labels=None):
    """Precision, recall, F1, true positives (support) and predicted positives of each label."""
    cm = confusion_matrices(Y_true, Y_pred)
    tp, fp, fn = cm[:, 1, 1], cm[:, 0, 1], cm[:, 1, 0]
    table = pd.DataFrame(
        {
            "precision": _ratio(tp, tp + fp),
            "recall": _ratio(tp, tp + fn),
            "f1": _ratio(2 * tp, 2 * tp + fp + fn),
            "support": tp + fn,
            "predicted": tp + fp,
        },
        index=labels if labels is not None else range(cm.shape[0]),
    )
    return table.rename_axis("label")


def f1_by_threshold(y_true, y_score, grid=THRESHOLD_GRID):
    """F1 of one label at every threshold in ``grid`` (0 where nothing is predicted or true)."""
    y_true = np.asarray(y_true).astype(bool)
    y_score = np.asarray(y_score, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_score.shape:
        raise ValueError(f"y_true and y_score must be 1-D and the same length, got {y_true.shape} and {y_score.shape}.")
    grid = np.asarray(grid, dtype=float)
    on = y_score[:, None] >= grid[None, :]
    tp = (on & y_true[:, None]).sum(axis=0)
    return _ratio(2 * tp, on.sum(axis=0) + y_true.sum())


def best_f1_thresholds(Y_true, Y_score, grid=THRESHOLD_GRID, default=0.5):
    """For each label, the threshold in ``grid`` with the highest F1 on ``(Y_true, Y_score)``.

    Pass a **validation** split, never the test split. Ties go to the middle of
    the tied thresholds; a label with no positive example (F1 is 0 at every
    threshold) keeps ``default``.
    """
    Y_score = check_scores(Y_score)
    T = _check_pair(Y_true, Y_score, "Y_score")
    grid = np.asarray(grid, dtype=float)
    if grid.ndim != 1 or grid.size == 0:
        raise ValueError("grid must be a non-empty 1-D sequence of thresholds.")
    check_thresholds(grid, grid.size)
    best = np.full(T.shape[1], float(default))
    for j in range(T.shape[1]):
        f1 = f1_by_threshold(T[:, j], Y_score[:, j], grid)
        if f1.max() > 0:
            tied = np.flatnonzero(np.isclose(f1, f1.max()))
            best[j] = grid[tied[len(tied) // 2]]
    return best


def validation_split(Y, size=0.25, random_state=SEED, groups=None):
    """Seeded ``(fit_index, validation_index)``: :func:`utils.splits.group_stratified_split` under notebook 12's name.

    ``groups`` (one value per row; near-copies share one) keeps each group on one side.
    """
    from utils.splits import group_stratified_split

    return group_stratified_split(Y, groups=groups, test_size=size, random_state=random_state)
