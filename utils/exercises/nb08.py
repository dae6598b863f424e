"""Checkers for notebook 08 (ML-kNN). Each computes the expected answer itself."""

import numpy as np

from utils.checks import check_answer

__all__ = ["check_prior", "check_posterior", "check_smallest_count"]


def check_prior(answer, Y_train, label_index, s=1.0):
    """Exercise 1: the smoothed prior P(label) = (s + positives) / (2s + n)."""
    Y_train = np.asarray(Y_train)
    expected = (s + Y_train[:, label_index].sum()) / (2 * s + Y_train.shape[0])
    return check_answer(answer, float(expected),
                        hint="count the training comments with the label, add s, divide by n + 2s.")


def check_posterior(answer, model, label_index, count):
    """Exercise 2: P(label | `count` of the k neighbours have it), from a fitted MLkNN."""
    p = model.prior_[label_index]
    yes = p * model.likelihood_true_[label_index, count]
    no = (1 - p) * model.likelihood_false_[label_index, count]
    return check_answer(answer, float(yes / (yes + no)),
                        hint="prior × P(c | label), divided by that plus (1 − prior) × P(c | no label).")


def check_smallest_count(answer, model, label_index):
    """Exercise 3: the smallest neighbour count at which the model predicts the label (-1 if none)."""
    p = model.prior_[label_index]
    yes = p * model.likelihood_true_[label_index]
    no = (1 - p) * model.likelihood_false_[label_index]
    hits = np.flatnonzero(yes >= no)
    expected = int(hits[0]) if hits.size else -1
    return check_answer(answer, expected,
                        hint="compare prior·P(c|label) with (1−prior)·P(c|no label) for c = 0, 1, …, k.")
