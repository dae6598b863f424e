"""In-place answer checks for notebook 01 (multi-class vs multi-label).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.labelsets import as_label_matrix, label_names, single_label_recall_cap
from utils.validation import sigmoid

__all__ = ["check_sigmoid_labels", "check_all_clean_subset_accuracy", "check_recall_cap"]


def check_sigmoid_labels(answer, scores, labels=None, threshold=0.5):
    """Exercise 1: the set of label names whose independent sigmoid of ``scores`` reaches ``threshold``."""
    scores = np.asarray(scores, dtype=float).ravel()
    names = label_names(np.zeros((1, scores.size), int), labels)
    expected = {name for name, p in zip(names, sigmoid(scores), strict=True) if p >= threshold}
    raw = {name for name, z in zip(names, scores, strict=True) if z >= threshold}
    softmax = {names[int(np.argmax(scores))]}
    if isinstance(answer, str):
        answer = {answer}
    return check_answer(
        answer, expected,
        mistakes=[(raw, f"those are the labels whose raw score z reaches {threshold}; the threshold applies to "
                        "the probability sigmoid(z), not to z."),
                  (softmax, "that is the single top label softmax/argmax would keep; independent sigmoids can keep "
                            "several.")],
        hint=f"apply 1 / (1 + exp(-z)) to each score on its own and keep the labels with p ≥ {threshold}; "
        "answer with a set of label names, e.g. {'toxic', 'insult'}.",
    )


def check_all_clean_subset_accuracy(answer, Y):
    """Exercise 2: subset accuracy (exact-match ratio) of predicting no label for every comment."""
    arr = as_label_matrix(Y)
    expected = float((arr.sum(axis=1) == 0).mean())
    return check_answer(
        answer, expected,
        mistakes=[(float(1 - arr.mean()), "that is the share of correct cells (1 − Hamming loss); subset "
                                          "accuracy needs the whole row right.")],
        hint="a prediction of all zeros matches a row exactly only when the row has no label at all; "
        "answer with a fraction between 0 and 1.",
    )


def check_recall_cap(answer, Y):
    """Exercise 3: the best micro recall a model that predicts one label per comment can reach on ``Y``."""
    arr = as_label_matrix(Y)
    expected = single_label_recall_cap(arr)
    labelled = int((arr.sum(axis=1) > 0).sum())
    mistakes = [(1.0, "a perfect model with ONE label per comment still misses the second, third… label of "
                      "comments that have several.")]
    if labelled:
        mistakes.append((float(arr.sum() / labelled), "that is the other way round: (all 1s) / (labelled comments)."))
    mistakes.append((float(labelled / arr.shape[0]), "that divides by all comments; recall divides by the true "
                                                     "labels (all 1s in Y)."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="even a perfect one-label model finds at most one true label per labelled comment: "
        "(comments with ≥ 1 label) / (all 1s in Y).",
    )
