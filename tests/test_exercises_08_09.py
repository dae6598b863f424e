"""Exercise checkers of notebooks 08 and 09: right answers pass, wrong ones fail, None never raises."""

import numpy as np
import pytest
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import normalize

from utils.adapt import MLkNN
from utils.baselines import linear_classifier
from utils.ensemble import RakelO
from utils.exercises.nb08 import check_posterior, check_prior, check_smallest_count
from utils.exercises.nb09 import check_distinct_label_sets, check_rakel_d_size, check_vote_share


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = normalize(rng.random((120, 6)))
    Y = (rng.random((120, 3)) < [0.5, 0.2, 0.1]).astype(int)
    Y[:, 0] = (X[:, 0] > np.median(X[:, 0])).astype(int)
    return X, Y


# ------------------------------------------------------------------ notebook 08
def test_check_prior(capsys):
    Y = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    assert check_prior((1 + 1) / (2 + 4), Y, 0) is True
    assert check_prior(1 / 4, Y, 0) is False  # forgot the smoothing
    assert "Hint" in capsys.readouterr().out
    assert check_prior((0.5 + 1) / (1 + 4), Y, 1, s=0.5) is True
    assert check_prior(None, Y, 0) is None


def test_check_posterior_and_smallest_count(fitted):
    X, Y = fitted
    model = MLkNN(k=5, metric="euclidean").fit(X, Y)
    p = model.prior_[0]
    yes, no = p * model.likelihood_true_[0], (1 - p) * model.likelihood_false_[0]
    assert check_posterior(float(yes[2] / (yes[2] + no[2])), model, 0, count=2) is True
    assert check_posterior(float(yes[3] / (yes[3] + no[3])), model, 0, count=2) is False
    assert check_posterior(None, model, 0, count=2) is None
    smallest = int(np.flatnonzero(yes >= no)[0])
    assert check_smallest_count(smallest, model, 0) is True
    assert check_smallest_count(smallest + 1, model, 0) is False
    assert check_smallest_count(None, model, 0) is None


def test_smallest_count_is_minus_one_when_never_predicted(fitted):
    X, _ = fitted
    Y = np.zeros((len(X), 2), dtype=int)
    Y[0, 1] = 1  # one positive: the label is never worth predicting
    model = MLkNN(k=5, metric="euclidean").fit(X, Y)
    assert check_smallest_count(-1, model, 1) is True


# ------------------------------------------------------------------ notebook 09
def test_check_distinct_label_sets():
    Y = np.array([[1, 0, 1], [1, 0, 0], [1, 0, 1], [0, 1, 0]])
    assert check_distinct_label_sets(3, Y, [0, 1, 2]) is True
    assert check_distinct_label_sets(2, Y, [0, 1]) is True  # (1, 0) and (0, 1)
    assert check_distinct_label_sets(4, Y, [0, 1, 2]) is False
    assert check_distinct_label_sets(None, Y, [0]) is None


def test_check_vote_share(fitted):
    X, Y = fitted
    model = RakelO(OneVsRestClassifier(linear_classifier()), labelset_size=2, n_estimators=3,
                   random_state=0).fit(X, Y)
    for row in range(4):
        share = model.vote_share(X[row:row + 1])[0, 1]
        assert check_vote_share(float(share), model, X, row, 1) is True
        assert check_vote_share(float(share) + 0.3, model, X, row, 1) is False
    assert check_vote_share(None, model, X, 0, 1) is None


def test_check_rakel_d_size():
    assert check_rakel_d_size((2, 16), 6, 4) is True
    assert check_rakel_d_size([2, 16], 6, 4) is True
    assert check_rakel_d_size((1, 16), 6, 4) is False
    assert check_rakel_d_size((3, 8), 7, 3) is True
    assert check_rakel_d_size(None, 6, 4) is None
