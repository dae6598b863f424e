"""Checkers for notebook 09 (RAkEL and ensembles of classifier chains). Each computes the expected answer itself."""

import numpy as np

from utils.checks import check_answer

__all__ = ["check_distinct_label_sets", "check_vote_share", "check_rakel_d_size"]


def check_distinct_label_sets(answer, Y_train, labelset):
    """Exercise 1: how many distinct label combinations the labelset's columns show in training."""
    expected = len(np.unique(np.asarray(Y_train)[:, list(labelset)], axis=0))
    return check_answer(answer, expected, hint="np.unique(Y_train[:, labelset], axis=0) lists them.")


def check_vote_share(answer, model, X, row, label_index):
    """Exercise 2: RAkEL-o's vote share for one label of one comment (share of covering models voting 1)."""
    votes = [est.predict(X[row:row + 1])[0] for est in model.estimators_]
    ballots = [vote[list(subset).index(label_index)] for vote, subset in zip(votes, model.labelsets_, strict=True)
               if label_index in subset]
    return check_answer(answer, float(np.mean(ballots)),
                        hint="keep only the models whose labelset holds the label, then average their 0/1 votes.")


def check_rakel_d_size(answer, n_labels, labelset_size):
    """Exercise 3: (number of models RAkEL-d trains, most classes any one of them can have)."""
    n_models = -(-n_labels // labelset_size)
    return check_answer(None if answer is None else tuple(answer), (n_models, 2 ** min(labelset_size, n_labels)),
                        hint="ceil(q / k) models; a model over k labels sees at most 2**k label sets.")
