"""Checkers of notebooks 05, 06 and 07: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pandas as pd
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted, run
from sklearn.datasets import make_multilabel_classification
from sklearn.metrics import f1_score

from utils.baselines import linear_classifier
from utils.data import load_train_test
from utils.exercises import nb05, nb06, nb07
from utils.features import tfidf_features
from utils.transform import BinaryRelevance, ClassifierChain, LabelPowerset

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def label_matrix(seed=0, n=200):
    rng = np.random.default_rng(seed)
    return (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)


Y_TRUE, Y_PRED = label_matrix(0), label_matrix(1)


@pytest.fixture(scope="module")
def numeric():
    X, Y = make_multilabel_classification(n_samples=160, n_features=12, n_classes=6, random_state=1)
    X = X / X.max()  # scaled counts: liblinear converges quickly
    return X[:120], Y[:120], X[120:], Y[120:]


@pytest.fixture(scope="module")
def classroom():
    """The classroom corpus as notebooks 05-07 prepare it, with binary relevance's test predictions."""
    data = load_train_test()
    X_train, X_test, _ = tfidf_features(data.text_train, data.text_test, kind="word")
    Y_br = BinaryRelevance(linear_classifier()).fit(X_train, data.Y_train).predict(X_test)
    return X_train, data.Y_train, X_test, data.Y_test, Y_br


# --------------------------------------------------------------------------- #
# 05
# --------------------------------------------------------------------------- #
def test_weakest_label_accepts_any_tied_label(capsys):
    check = nb05.check_weakest_label
    f1 = f1_score(Y_TRUE, Y_PRED, average=None, zero_division=0)
    assert_right(capsys, check, LABELS[int(np.argmin(f1))], Y_TRUE, Y_PRED)
    assert_targeted(capsys, check, LABELS[int(np.argmax(f1))], "HIGHEST F1", Y_TRUE, Y_PRED)
    tied = np.zeros_like(Y_TRUE)  # all-zero predictions: every label has F1 = 0
    assert_right(capsys, check, "threat", Y_TRUE, tied)
    assert_right(capsys, check, "toxic", Y_TRUE, tied)
    assert_targeted(capsys, check, int(np.argmin(f1)), "not its position", Y_TRUE, Y_PRED)
    assert_targeted(capsys, check, pd.Series(f1, index=LABELS), "pick one name", Y_TRUE, Y_PRED)
    frame = pd.DataFrame(Y_TRUE, columns=[f"e{j}" for j in range(6)])  # label names come from the data
    assert_right(capsys, check, f"e{int(np.argmin(f1))}", frame, Y_PRED)
    assert_survives_wrong_types(capsys, check, Y_TRUE, Y_PRED)


def test_weakest_label_on_the_classroom_corpus_is_not_the_rarest(capsys, classroom):
    *_, Y_test, Y_br = classroom
    f1 = f1_score(Y_test, Y_br, average=None, zero_division=0)
    assert_right(capsys, nb05.check_weakest_label, LABELS[int(np.argmin(f1))], Y_test, Y_br)
    assert_targeted(capsys, nb05.check_weakest_label, LABELS[int(np.argmax(f1))], "HIGHEST", Y_test, Y_br)


def test_labels_without_toxic(capsys, classroom):
    check = nb05.check_labels_without_toxic
    Y = np.array([[0, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0]])
    assert_right(capsys, check, 2, Y)
    assert_targeted(capsys, check, 3, "also those where toxic is predicted", Y)
    assert_targeted(capsys, check, 1, "no label at all", Y)
    Y_br = classroom[-1]
    others = np.delete(Y_br, 0, axis=1).sum(axis=1) > 0
    right = int((others & (Y_br[:, 0] == 0)).sum())
    assert_right(capsys, check, right, Y_br)
    assert_targeted(capsys, check, int(others.sum()), "also those where toxic", Y_br)
    assert_survives_wrong_types(capsys, check, Y_br, whole_number=right)


def test_umbrella_hints_name_the_loaded_data_s_umbrella(capsys):
    """On other data the umbrella is not toxic: the hints name the label the notebook passes."""
    names = ["neutral", "joy", "anger", "fear", "love", "grief"]
    Y = np.array([[0, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0]])
    _, out = run(capsys, nb05.check_labels_without_toxic, 3, Y, toxic="neutral", labels=names)
    assert "where neutral is predicted" in out and "toxic" not in out
    _, out = run(capsys, nb05.check_repaired_micro_f1, 0.123, Y_TRUE, Y_PRED, toxic="neutral", labels=names)
    assert "neutral column" in out and "toxic" not in out


def test_repaired_micro_f1(capsys, classroom):
    check = nb05.check_repaired_micro_f1
    for Y_true, Y_pred in ((Y_TRUE, Y_PRED), classroom[3:]):
        repaired = Y_pred.copy()
        repaired[:, 0] = np.maximum(repaired[:, 0], repaired[:, 1:].max(axis=1))
        right = f1_score(Y_true, repaired, average="micro")
        before = f1_score(Y_true, Y_pred, average="micro")
        assert not np.isclose(right, before, rtol=0, atol=1e-9)
        assert_right(capsys, check, right, Y_true, Y_pred)
        assert_targeted(capsys, check, before, "BEFORE the repair", Y_true, Y_pred)
        assert_targeted(capsys, check, f1_score(Y_true, repaired, average="macro"), "macro F1", Y_true, Y_pred)
    assert_survives_wrong_types(capsys, check, Y_TRUE, Y_PRED)


# --------------------------------------------------------------------------- #
# 06
# --------------------------------------------------------------------------- #
def test_last_link_width(capsys, numeric):
    X_train, Y_train, _, _ = numeric
    chain = ClassifierChain(linear_classifier()).fit(X_train, Y_train)
    width = chain.estimators_[-1].coef_.shape[1]
    n, q = X_train.shape[1], Y_train.shape[1]
    check = nb06.check_last_link_width
    assert_right(capsys, check, width, n, q)
    assert_targeted(capsys, check, n + q, "one too many", n, q)  # the off-by-one
    assert_targeted(capsys, check, n, "first link", n, q)
    assert_targeted(capsys, check, 5000 + 6, "one too many", 5000, 6)  # no relative tolerance on counts
    assert_survives_wrong_types(capsys, check, n, q, whole_number=width)


def test_position_correlation(capsys):
    check = nb06.check_position_correlation
    table = pd.DataFrame({"order": [(0, 1, 2, 3, 4, 5), (1, 0, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0), (3, 0, 4, 1, 5, 2)],
                          "micro_f1": [0.6, 0.55, 0.4, 0.5]})
    right = np.corrcoef([0, 1, 5, 1], table["micro_f1"])[0, 1]  # toxic's positions
    swapped = np.corrcoef([o[0] for o in table["order"]], table["micro_f1"])[0, 1]  # the label AT position 0
    assert right < 0 and not np.isclose(swapped, right)
    assert_right(capsys, check, right, table)
    assert_targeted(capsys, check, -right, "wrong sign", table)
    assert_targeted(capsys, check, swapped, "the label AT position", table)
    assert_survives_wrong_types(capsys, check, table)


def test_reversed_chain_micro_f1(capsys, numeric):
    X_train, Y_train, X_test, Y_test = numeric
    check = nb06.check_reversed_chain_micro_f1
    pred = ClassifierChain(linear_classifier(), order=[5, 4, 3, 2, 1, 0]).fit(X_train, Y_train).predict(X_test)
    forward = ClassifierChain(linear_classifier()).fit(X_train, Y_train).predict(X_test)
    right, wrong = f1_score(Y_test, pred, average="micro"), f1_score(Y_test, forward, average="micro")
    assert abs(right - wrong) > 2e-3
    assert_right(capsys, check, right, X_train, Y_train, X_test, Y_test)
    assert_targeted(capsys, check, wrong, "label-order chain", X_train, Y_train, X_test, Y_test)
    assert_survives_wrong_types(capsys, check, X_train, Y_train, X_test, Y_test)


# --------------------------------------------------------------------------- #
# 07
# --------------------------------------------------------------------------- #
def test_distinct_predicted_sets(capsys):
    check = nb07.check_distinct_predicted_sets
    Y = np.array([[1, 0, 0], [1, 0, 0], [0, 0, 0], [1, 1, 0], [1, 1, 0]])
    assert_right(capsys, check, 3, Y)
    assert_targeted(capsys, check, 2, "axis=0", Y)  # np.unique without axis: the values 0 and 1
    assert_targeted(capsys, check, 5, "number of rows", Y)
    assert_targeted(capsys, check, 7, "lp.n_label_sets_", Y, n_label_sets=7)
    assert_survives_wrong_types(capsys, check, Y, whole_number=3)


def test_label_probability(capsys, numeric):
    X_train, Y_train, X_test, _ = numeric
    lp = LabelPowerset(linear_classifier()).fit(X_train, Y_train)
    set_proba = lp.predict_set_proba(X_test)[0]
    check = nb07.check_label_probability
    right = lp.predict_proba(X_test)[0, LABELS.index("insult")]
    assert_right(capsys, check, right, set_proba, lp.label_sets_, "insult")
    sets = np.array([[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 1, 0], [0, 0, 0, 0, 1, 0], [1, 0, 1, 0, 1, 0]])
    proba = [0.4, 0.3, 0.2, 0.1]
    assert_right(capsys, check, 0.6, proba, sets, "insult")
    assert_targeted(capsys, check, 0.3, "most likely set", proba, sets, "insult")
    assert_targeted(capsys, check, 0.2, "alone", proba, sets, "insult")
    assert_survives_wrong_types(capsys, check, proba, sets, "insult")


def test_sets_kept(capsys, classroom):
    check = nb07.check_sets_kept
    Y = np.array([[1, 0]] * 5 + [[0, 0]] * 7 + [[0, 1]] * 4 + [[1, 1]])
    assert_right(capsys, check, 2, Y, min_count=5)
    assert_targeted(capsys, check, 1, "MORE than 5", Y, min_count=5)
    assert_targeted(capsys, check, 12, "comments in those sets", Y, min_count=5)
    assert_right(capsys, check, 4, Y, min_count=1)
    Y_train = classroom[1]
    _, counts = np.unique(Y_train, axis=0, return_counts=True)
    assert (counts >= 5).sum() != (counts > 5).sum(), "the 'at least' trap must matter on the classroom corpus"
    assert_right(capsys, check, int((counts >= 5).sum()), Y_train, min_count=5)
    assert_targeted(capsys, check, int((counts > 5).sum()), "MORE than", Y_train, min_count=5)
    assert_survives_wrong_types(capsys, check, Y, 5, whole_number=2)
