"""In-place answer checks for notebook 08 (ML-kNN).

Each checker computes the expected answer from the data or fitted model it is
given, prints right/wrong with a hint, returns True/False (None if unanswered)
and never raises.
"""

import numpy as np

from utils.checks import check_answer

__all__ = ["check_prior", "check_posterior", "check_smallest_count"]


def check_prior(answer, Y_train, label_index, s=1.0):
    """Exercise 1: the smoothed prior P(label) = (s + positives) / (2s + n)."""
    Y_train = np.asarray(Y_train)
    n, positives = Y_train.shape[0], float(Y_train[:, label_index].sum())
    return check_answer(
        answer, float((s + positives) / (2 * s + n)),
        mistakes=[(positives / n, "that is the raw share: the smoothing adds s to the count and 2s to n."),
                  ((s + positives) / n, "the smoothing also adds 2s to the denominator."),
                  ((s + positives) / (s + n), "the denominator gets 2s (s for 'has it', s for 'has not').")],
        hint="count the training comments with the label, add s, divide by n + 2s.",
    )


def _posterior_parts(model, label_index):
    p = model.prior_[label_index]
    return p, p * model.likelihood_true_[label_index], (1 - p) * model.likelihood_false_[label_index]


def check_posterior(answer, model, label_index, count):
    """Exercise 2: P(label | `count` of the k neighbours have it), from a fitted MLkNN."""
    p, yes, no = _posterior_parts(model, label_index)
    true_c, false_c = model.likelihood_true_[label_index, count], model.likelihood_false_[label_index, count]
    return check_answer(
        answer, float(yes[count] / (yes[count] + no[count])),
        mistakes=[(float(true_c / (true_c + false_c)), "that leaves out the prior: weigh P(c | label) by P(label) "
                                                       "and P(c | no label) by 1 − P(label)."),
                  (float(yes[count]), "that is prior × P(c | label) before dividing by the total of both cases."),
                  (float(true_c), "that is the likelihood P(c | label), not the posterior.")],
        hint="prior × P(c | label), divided by that plus (1 − prior) × P(c | no label).",
    )


def check_smallest_count(answer, model, label_index):
    """Exercise 3: the smallest neighbour count at which the model predicts the label (-1 if none)."""
    _, yes, no = _posterior_parts(model, label_index)
    hits = np.flatnonzero(yes >= no)
    expected = int(hits[0]) if hits.size else -1
    k = int(getattr(model, "k", len(yes) - 1))
    mistakes = [(k // 2 + 1, "that is a majority vote of the neighbours; ML-kNN weighs the count by the prior and "
                             "the likelihoods, so the cut can sit elsewhere.")]
    if expected >= 0:
        mistakes.append((expected + 1, "one too many: at the count you gave minus one the model already predicts "
                                       "the label (yes ≥ no)."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="compare prior·P(c|label) with (1−prior)·P(c|no label) for c = 0, 1, …, k.",
    )
