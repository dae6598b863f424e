"""Checkers of notebooks 08 and 09: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import normalize

from utils.adapt import MLkNN
from utils.baselines import linear_classifier
from utils.data import LABELS, load_train_test
from utils.ensemble import RakelO
from utils.exercises.nb08 import check_posterior, check_prior, check_smallest_count
from utils.exercises.nb09 import check_distinct_label_sets, check_rakel_d_size, check_vote_share
from utils.features import tfidf_features


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = normalize(rng.random((120, 6)))
    Y = (rng.random((120, 3)) < [0.5, 0.2, 0.1]).astype(int)
    Y[:, 0] = (X[:, 0] > np.median(X[:, 0])).astype(int)
    return X, Y


@pytest.fixture(scope="module")
def classroom_mlknn():
    """Notebook 08's model: ML-kNN (k = 10, s = 1) on word TF-IDF of the classroom corpus."""
    data = load_train_test()
    X_train, _, _ = tfidf_features(data.text_train, data.text_test, kind="word")
    return data.Y_train, MLkNN(k=10, s=1.0).fit(X_train, data.Y_train)


def parts(model, j):
    p = model.prior_[j]
    return p, p * model.likelihood_true_[j], (1 - p) * model.likelihood_false_[j]


# ------------------------------------------------------------------ notebook 08
def test_check_prior(capsys, classroom_mlknn):
    Y = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    assert_right(capsys, check_prior, (1 + 1) / (2 + 4), Y, 0)
    assert_targeted(capsys, check_prior, 1 / 4, "raw share", Y, 0)
    assert_targeted(capsys, check_prior, 2 / 4, "2s to the denominator", Y, 0)
    assert_right(capsys, check_prior, (0.5 + 1) / (1 + 4), Y, 1, s=0.5)
    Y_train, _ = classroom_mlknn  # threat: smoothed and raw differ by less than 1e-3 on this corpus
    j = LABELS.index("threat")
    pos, n = Y_train[:, j].sum(), len(Y_train)
    assert_right(capsys, check_prior, (1 + pos) / (2 + n), Y_train, j, s=1.0)
    assert_targeted(capsys, check_prior, pos / n, "raw share", Y_train, j, s=1.0)
    assert_survives_wrong_types(capsys, check_prior, Y, 0)


def test_check_posterior(capsys, fitted):
    X, Y = fitted
    model = MLkNN(k=5, metric="euclidean").fit(X, Y)
    p, yes, no = parts(model, 1)
    assert abs(p - 0.5) > 0.1  # with a prior of 0.5 leaving it out would not matter
    lt, lf = model.likelihood_true_[1, 2], model.likelihood_false_[1, 2]
    assert_right(capsys, check_posterior, float(yes[2] / (yes[2] + no[2])), model, 1, count=2)
    assert_targeted(capsys, check_posterior, float(lt / (lt + lf)), "leaves out the prior", model, 1, count=2)
    assert_targeted(capsys, check_posterior, float(yes[2]), "before dividing", model, 1, count=2)
    assert check_posterior(float(yes[3] / (yes[3] + no[3])), model, 1, count=2) is False
    assert_survives_wrong_types(capsys, check_posterior, model, 1, count=2)


def test_check_smallest_count(capsys, fitted):
    X, Y = fitted
    model = MLkNN(k=5, metric="euclidean").fit(X, Y)
    _, yes, no = parts(model, 0)
    smallest = int(np.flatnonzero(yes >= no)[0])
    assert_right(capsys, check_smallest_count, smallest, model, 0)
    assert_targeted(capsys, check_smallest_count, smallest + 1, "one too many", model, 0)
    assert_survives_wrong_types(capsys, check_smallest_count, model, 0, whole_number=smallest)


def test_smallest_count_exercise_is_not_the_majority_vote(capsys, classroom_mlknn):
    """Notebook 08 asks about threat: ML-kNN predicts it before a majority of the 10 neighbours has it."""
    _, model = classroom_mlknn
    j = LABELS.index("threat")
    _, yes, no = parts(model, j)
    smallest = int(np.flatnonzero(yes >= no)[0])
    assert smallest != 10 // 2 + 1
    assert_right(capsys, check_smallest_count, smallest, model, j)
    assert_targeted(capsys, check_smallest_count, 6, "majority vote", model, j)


def test_smallest_count_is_minus_one_when_never_predicted(capsys, fitted):
    X, _ = fitted
    Y = np.zeros((len(X), 2), dtype=int)
    Y[0, 1] = 1  # one positive: the label is never worth predicting
    model = MLkNN(k=5, metric="euclidean").fit(X, Y)
    assert_right(capsys, check_smallest_count, -1, model, 1)
    assert_targeted(capsys, check_smallest_count, 3, "majority vote", model, 1)


# ------------------------------------------------------------------ notebook 09
def test_check_distinct_label_sets(capsys):
    Y = np.array([[1, 0, 1], [1, 0, 0], [1, 0, 1], [0, 1, 0], [0, 1, 1], [1, 1, 1]])
    assert_right(capsys, check_distinct_label_sets, 5, Y, [0, 1, 2])
    assert_right(capsys, check_distinct_label_sets, 3, Y, [0, 1])  # (1, 0), (0, 1) and (1, 1)
    assert_targeted(capsys, check_distinct_label_sets, 8, "COULD occur", Y, [0, 1, 2])
    assert_targeted(capsys, check_distinct_label_sets, 5, "over all labels", Y, [0, 2])
    assert_survives_wrong_types(capsys, check_distinct_label_sets, Y, [0, 1, 2], whole_number=5)


def test_check_vote_share(capsys, fitted):
    X, Y = fitted
    model = RakelO(OneVsRestClassifier(linear_classifier()), labelset_size=2, n_estimators=3,
                   random_state=0).fit(X, Y)
    covering = sum(1 in subset for subset in model.labelsets_)
    assert covering < len(model.labelsets_)  # some model does not cover label 1: dividing by all is wrong
    for row in range(4):
        share = float(model.vote_share(X[row:row + 1])[0, 1])
        assert_right(capsys, check_vote_share, share, model, X, row, 1)
        assert check_vote_share(share + 0.3, model, X, row, 1) is False
        if share > 0:
            assert_targeted(capsys, check_vote_share, share * covering / 3, "divides by every model",
                            model, X, row, 1)
    assert_survives_wrong_types(capsys, check_vote_share, model, X, 0, 1)


def test_check_rakel_d_size(capsys):
    assert_right(capsys, check_rakel_d_size, (2, 16), 6, 4)
    assert_right(capsys, check_rakel_d_size, [2, 16], 6, 4)
    assert_right(capsys, check_rakel_d_size, (7, 16), 28, 4)  # the 28-label data set
    assert_right(capsys, check_rakel_d_size, (3, 8), 7, 3)
    assert_targeted(capsys, check_rakel_d_size, (1, 16), "rounds UP", 6, 4)
    assert_targeted(capsys, check_rakel_d_size, (2, 15), "empty set", 6, 4)
    assert_targeted(capsys, check_rakel_d_size, (2, 4), "not 4", 6, 4)
    assert_targeted(capsys, check_rakel_d_size, 28, "Expected a tuple", 6, 4)  # a plain number: a hint, no error
    assert_targeted(capsys, check_rakel_d_size, "28", "got the string '28'", 6, 4)
    assert_targeted(capsys, check_rakel_d_size, (2.0, 16.0), "whole number", 6, 4)
    assert_survives_wrong_types(capsys, check_rakel_d_size, 6, 4)
