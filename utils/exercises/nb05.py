"""In-place answer checks for notebook 05 (binary relevance).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np
from sklearn.metrics import f1_score

from utils.checks import check_answer
from utils.labelsets import as_label_matrix, label_names

__all__ = ["check_weakest_label", "check_labels_without_toxic", "repair_with_toxic", "check_repaired_micro_f1"]


def _column(Y, label, labels=None):
    """The index of ``label`` (a name or an index) among ``Y``'s columns."""
    if isinstance(label, (int, np.integer)):
        return int(label)
    return label_names(Y, labels).index(label)


def check_weakest_label(answer, Y_true, Y_pred, labels=None):
    """Exercise 1: the name of the label with the lowest test F1 (any of them if tied)."""
    names = label_names(Y_true, labels)
    Y_true = as_label_matrix(Y_true)
    f1 = f1_score(Y_true, as_label_matrix(Y_pred), average=None, zero_division=0)
    weakest = [name for name, value in zip(names, f1, strict=True) if np.isclose(value, f1.min())]
    expected = weakest[0]
    if isinstance(answer, str) and answer.strip() in weakest:
        expected = answer.strip()
    positives = Y_true.sum(axis=0)
    strongest = names[int(np.argmax(f1))]
    rarest = names[int(np.argmin(positives))]
    mistakes = [(strongest, "that is the label with the HIGHEST F1.")]
    if rarest not in weakest:
        mistakes.append((rarest, "that is the rarest label (fewest positives), but it is not the one with the lowest "
                                 "F1: compute the F1s."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="f1_score(Y_test, Y_pred, average=None) gives one F1 per column; answer with the label's name "
        f"(one of {', '.join(repr(n) for n in names[:3])}, ...).",
    )


def check_labels_without_toxic(answer, Y_pred, toxic="toxic", labels=None):
    """Exercise 2: how many rows of ``Y_pred`` have some label but not ``toxic``."""
    j = _column(Y_pred, toxic, labels)
    name = label_names(Y_pred, labels)[j]
    Y_pred = as_label_matrix(Y_pred)
    others = np.delete(Y_pred, j, axis=1).sum(axis=1) > 0
    off = Y_pred[:, j] == 0
    return check_answer(
        answer, int((others & off).sum()),
        mistakes=[(int(others.sum()), f"that counts every row with another label, also those where {name} is "
                                      "predicted."),
                  (int((off & ~others).sum()), "that counts the rows with no label at all.")],
        hint=f"count rows where the {name} column is 0 and at least one other column is 1.",
    )


def repair_with_toxic(Y_pred, toxic=0):
    """Predictions made coherent: column ``toxic`` switched on wherever any other label is on."""
    Y = as_label_matrix(Y_pred).copy()
    Y[:, toxic] = np.maximum(Y[:, toxic], np.delete(Y, toxic, axis=1).max(axis=1))
    return Y


def check_repaired_micro_f1(answer, Y_true, Y_pred, toxic="toxic", labels=None):
    """Exercise 3: micro F1 after switching ``toxic`` on wherever another label is predicted."""
    j = _column(Y_true, toxic, labels)
    name = label_names(Y_true, labels)[j]
    Y_true, Y_pred = as_label_matrix(Y_true), as_label_matrix(Y_pred)
    repaired = repair_with_toxic(Y_pred, j)
    return check_answer(
        answer, float(f1_score(Y_true, repaired, average="micro", zero_division=0)),
        mistakes=[(float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)),
                   f"that is the micro F1 BEFORE the repair: set the {name} column first."),
                  (float(f1_score(Y_true, repaired, average="macro", zero_division=0)),
                   "that is the macro F1 of the repaired predictions; the question asks for micro.")],
        hint=f"copy Y_pred, set its {name} column to 1 wherever any other column is 1, then take "
        "f1_score(Y_test, repaired, average='micro').",
    )
