"""Tests for the exercise checkers of notebooks 05, 06 and 07."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_multilabel_classification
from sklearn.metrics import f1_score

from utils.baselines import linear_classifier
from utils.exercises import nb05, nb06, nb07
from utils.transform import ClassifierChain, LabelPowerset

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
WRONG_TYPES = ["seven", [1, 2], {"a": 1}, object()]


def label_matrix(seed=0, n=200):
    rng = np.random.default_rng(seed)
    return (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)


Y_TRUE, Y_PRED = label_matrix(0), label_matrix(1)


@pytest.fixture(scope="module")
def numeric():
    X, Y = make_multilabel_classification(n_samples=160, n_features=12, n_classes=6, random_state=1)
    X = X / X.max()  # scaled counts: liblinear converges quickly
    return X[:120], Y[:120], X[120:], Y[120:]


# --------------------------------------------------------------------------- #
# 05
# --------------------------------------------------------------------------- #
def test_weakest_label_accepts_any_tied_label():
    f1 = f1_score(Y_TRUE, Y_PRED, average=None, zero_division=0)
    weakest = LABELS[int(np.argmin(f1))]
    strongest = LABELS[int(np.argmax(f1))]
    assert nb05.check_weakest_label(None, Y_TRUE, Y_PRED) is None
    assert nb05.check_weakest_label(weakest, Y_TRUE, Y_PRED) is True
    assert nb05.check_weakest_label(strongest, Y_TRUE, Y_PRED) is False
    tied = np.zeros_like(Y_TRUE)  # all-zero predictions: every label has F1 = 0
    assert nb05.check_weakest_label("threat", Y_TRUE, tied) is True
    assert nb05.check_weakest_label("toxic", Y_TRUE, tied) is True


def test_labels_without_toxic():
    Y = np.array([[0, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0]])
    assert nb05.check_labels_without_toxic(2, Y) is True
    assert nb05.check_labels_without_toxic(1, Y) is False


def test_repaired_micro_f1():
    repaired = Y_PRED.copy()
    repaired[:, 0] = np.maximum(repaired[:, 0], repaired[:, 1:].max(axis=1))
    expected = f1_score(Y_TRUE, repaired, average="micro")
    assert not np.isclose(expected, f1_score(Y_TRUE, Y_PRED, average="micro"))
    assert nb05.check_repaired_micro_f1(expected, Y_TRUE, Y_PRED) is True
    assert nb05.check_repaired_micro_f1(f1_score(Y_TRUE, Y_PRED, average="micro"), Y_TRUE, Y_PRED) is False


# --------------------------------------------------------------------------- #
# 06
# --------------------------------------------------------------------------- #
def test_last_link_width(numeric):
    X_train, Y_train, _, _ = numeric
    chain = ClassifierChain(linear_classifier()).fit(X_train, Y_train)
    width = chain.estimators_[-1].coef_.shape[1]
    assert nb06.check_last_link_width(width, X_train.shape[1], Y_train.shape[1]) is True
    assert nb06.check_last_link_width(X_train.shape[1], X_train.shape[1], Y_train.shape[1]) is False


def test_position_correlation():
    table = pd.DataFrame({"order": [(0, 1, 2, 3, 4, 5), (1, 0, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0)],
                          "micro_f1": [0.6, 0.55, 0.4]})
    expected = np.corrcoef([0, 1, 5], [0.6, 0.55, 0.4])[0, 1]
    assert expected < 0
    assert nb06.check_position_correlation(expected, table) is True
    assert nb06.check_position_correlation(-expected, table) is False


def test_reversed_chain_micro_f1(numeric):
    X_train, Y_train, X_test, Y_test = numeric
    pred = ClassifierChain(linear_classifier(), order=[5, 4, 3, 2, 1, 0]).fit(X_train, Y_train).predict(X_test)
    forward = ClassifierChain(linear_classifier()).fit(X_train, Y_train).predict(X_test)
    expected = f1_score(Y_test, pred, average="micro")
    assert nb06.check_reversed_chain_micro_f1(expected, X_train, Y_train, X_test, Y_test) is True
    wrong = f1_score(Y_test, forward, average="micro")
    if not np.isclose(wrong, expected, rtol=1e-3):
        assert nb06.check_reversed_chain_micro_f1(wrong, X_train, Y_train, X_test, Y_test) is False


# --------------------------------------------------------------------------- #
# 07
# --------------------------------------------------------------------------- #
def test_distinct_predicted_sets():
    Y = np.array([[1, 0, 0], [1, 0, 0], [0, 0, 0], [1, 1, 0]])
    assert nb07.check_distinct_predicted_sets(3, Y) is True
    assert nb07.check_distinct_predicted_sets(4, Y) is False


def test_label_probability(numeric):
    X_train, Y_train, X_test, _ = numeric
    lp = LabelPowerset(linear_classifier()).fit(X_train, Y_train)
    set_proba = lp.predict_set_proba(X_test)[0]
    expected = lp.predict_proba(X_test)[0, LABELS.index("insult")]
    assert nb07.check_label_probability(expected, set_proba, lp.label_sets_, "insult") is True
    assert nb07.check_label_probability(set_proba.max(), set_proba, lp.label_sets_, "insult") is (
        bool(np.isclose(set_proba.max(), expected, rtol=1e-3, atol=1e-6)))


def test_sets_kept():
    Y = np.array([[1, 0]] * 5 + [[0, 0]] * 7 + [[0, 1]] * 4 + [[1, 1]])
    assert nb07.check_sets_kept(2, Y, min_count=5) is True
    assert nb07.check_sets_kept(4, Y, min_count=5) is False
    assert nb07.check_sets_kept(4, Y, min_count=1) is True


# --------------------------------------------------------------------------- #
# Never raise
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("answer", WRONG_TYPES)
def test_checkers_never_raise_on_odd_answers(answer):
    table = pd.DataFrame({"order": [(0, 1, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0)], "micro_f1": [0.6, 0.4]})
    sets = np.array([[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 1, 0]])
    for result in (
        nb05.check_weakest_label(answer, Y_TRUE, Y_PRED),
        nb05.check_labels_without_toxic(answer, Y_PRED),
        nb05.check_repaired_micro_f1(answer, Y_TRUE, Y_PRED),
        nb06.check_last_link_width(answer, 100, 6),
        nb06.check_position_correlation(answer, table),
        nb07.check_distinct_predicted_sets(answer, Y_PRED),
        nb07.check_label_probability(answer, [0.3, 0.7], sets, "insult"),
        nb07.check_sets_kept(answer, Y_TRUE, 5),
    ):
        assert result is False
