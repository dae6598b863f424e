"""In-place answer checks for notebook 09 (RAkEL and ensembles of classifier chains).

Each checker computes the expected answer from the data or fitted model it is
given, prints right/wrong with a hint, returns True/False (None if unanswered)
and never raises.
"""

import numpy as np

from utils.checks import check_answer

__all__ = ["check_distinct_label_sets", "check_vote_share", "check_rakel_d_size"]


def check_distinct_label_sets(answer, Y_train, labelset):
    """Exercise 1: how many distinct label combinations the labelset's columns show in training."""
    Y_train = np.asarray(Y_train)
    labelset = list(labelset)
    return check_answer(
        answer, int(len(np.unique(Y_train[:, labelset], axis=0))),
        mistakes=[(2 ** len(labelset), f"that is every combination that COULD occur (2**{len(labelset)}); count "
                                       "those that do occur in Y_train."),
                  (int(len(np.unique(Y_train, axis=0))), "that counts the label sets over all labels, not only "
                                                          "these columns.")],
        hint="np.unique(Y_train[:, labelset], axis=0) lists them.",
    )


def check_vote_share(answer, model, X, row, label_index):
    """Exercise 2: RAkEL-o's vote share for one label of one comment (share of covering models voting 1)."""
    votes = [est.predict(X[row:row + 1])[0] for est in model.estimators_]
    ballots = [vote[list(subset).index(label_index)] for vote, subset in zip(votes, model.labelsets_, strict=True)
               if label_index in subset]
    if not ballots:
        print("⚠️ No model of this ensemble covers that label: its vote share is undefined.")
        return None
    return check_answer(
        answer, float(np.mean(ballots)),
        mistakes=[(float(np.sum(ballots) / len(votes)), "that divides by every model; only the models whose "
                                                        "labelset holds the label vote on it."),
                  (int(np.sum(ballots)), "that is the number of yes votes; divide by the models that cover the "
                                         "label.")],
        hint="keep only the models whose labelset holds the label, then average their 0/1 votes.",
    )


def check_rakel_d_size(answer, n_labels, labelset_size):
    """Exercise 3: (number of models RAkEL-d trains, most classes any one of them can have)."""
    n_labels, size = int(n_labels), int(labelset_size)
    n_models = -(-n_labels // size)
    classes = 2 ** min(size, n_labels)
    mistakes = [((n_labels // size, classes), "the number of models rounds UP: the last labelset holds the "
                                              "leftover labels."),
                ((n_models, classes - 1), f"the empty set (no label) is a class too: 2**{size}."),
                ((n_models, size), f"a model over {size} labels has up to 2**{size} classes (label sets), not {size}.")]
    if n_labels % size == 0:
        mistakes = mistakes[1:]
    return check_answer(
        answer, (n_models, classes), mistakes=mistakes,
        hint="ceil(q / k) models; a model over k labels sees at most 2**k label sets. Answer as a tuple, e.g. (2, 8).",
    )
