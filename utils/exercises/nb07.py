"""In-place answer checks for notebook 07 (label powerset).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np

from utils.checks import check_answer
from utils.labelsets import as_label_matrix, label_names

__all__ = ["check_distinct_predicted_sets", "check_label_probability", "check_sets_kept"]


def check_distinct_predicted_sets(answer, Y_pred, n_label_sets=None):
    """Exercise 1: how many distinct label sets (rows) ``Y_pred`` contains.

    ``n_label_sets``, the model's number of classes, lets the hint catch that answer.
    """
    Y_pred = as_label_matrix(Y_pred)
    mistakes = [(int(np.unique(Y_pred).size), "that counts the distinct VALUES (0 and 1); np.unique needs axis=0 "
                                              "to compare whole rows."),
                (int(Y_pred.shape[0]), "that is the number of rows, duplicates included.")]
    if n_label_sets is not None:
        mistakes.append((int(n_label_sets), "that is the number of classes the model knows (lp.n_label_sets_); "
                                            "the question asks how many it actually predicts."))
    return check_answer(
        answer, int(np.unique(Y_pred, axis=0).shape[0]), mistakes=mistakes,
        hint="np.unique(Y_pred, axis=0) keeps one copy of each distinct row; count its rows.",
    )


def check_label_probability(answer, set_proba, label_sets, label="insult", labels=None):
    """Exercise 2: P(label) of one comment from its label-set probabilities ``set_proba``."""
    sets = as_label_matrix(label_sets)
    column = label_names(sets, labels).index(label)
    proba = np.asarray(set_proba, dtype=float).ravel()
    has_label = sets[:, column] == 1
    only_label = has_label & (sets.sum(axis=1) == 1)
    mistakes = [(float(proba[has_label].max()) if has_label.any() else 0.0,
                 f"that is the most likely set with {label}; add up ALL the sets that contain it."),
                (float(proba[only_label].sum()), f"that is the probability of the set {{{label}}} alone; sets with "
                                                 f"{label} and other labels count too.")]
    return check_answer(
        answer, float(proba[has_label].sum()), mistakes=mistakes,
        hint=f"add up the probabilities of the label sets whose {label} column is 1.",
    )


def check_sets_kept(answer, Y_train, min_count):
    """Exercise 3: how many label sets occur at least ``min_count`` times in training."""
    _, counts = np.unique(as_label_matrix(Y_train), axis=0, return_counts=True)
    kept = counts >= min_count
    return check_answer(
        answer, int(kept.sum()),
        mistakes=[(int((counts > min_count).sum()), f"that counts the sets seen MORE than {min_count} times; "
                                                    f"'at least' includes exactly {min_count}."),
                  (int(counts[kept].sum()), "that counts the comments in those sets, not the sets."),
                  (int((~kept).sum()), "that counts the sets pruning merges away.")],
        hint="np.unique(Y_train, axis=0, return_counts=True) gives each set's count; keep those ≥ the minimum.",
    )
