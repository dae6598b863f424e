"""Checkers of notebooks 10 and 11 (Keras): right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted

from utils.exercises import nb10, nb11


def label_matrix(seed=0, n=300):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)
    Y[:6] = np.eye(6, dtype=int)
    return Y


Y = label_matrix()
LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


# ------------------------------------------------------------------ notebook 10
def test_output_params_is_a_kernel_plus_biases(capsys):
    check = nb10.check_output_params
    assert_right(capsys, check, 606, n_features=100, n_labels=6)
    assert_targeted(capsys, check, 600, "the 6 biases", n_features=100, n_labels=6)
    assert_targeted(capsys, check, 101, "ONE logistic regression", n_features=100, n_labels=6)
    # a relative tolerance would accept the forgotten biases on a wide input
    assert_targeted(capsys, check, 20_000 * 6, "biases", n_features=20_000, n_labels=6)
    assert_right(capsys, check, 20_000 * 28 + 28, n_features=20_000, n_labels=28)
    assert_survives_wrong_types(capsys, check, n_features=100, n_labels=6, whole_number=606)


def test_weighted_bce_by_hand(capsys):
    check = nb10.check_weighted_bce
    y = np.array([1, 0, 1, 0, 1, 0])
    p = np.array([0.8, 0.1, 0.4, 0.05, 0.6, 0.2])
    w = np.array([2.0, 10.0, 5.0, 20.0, 3.0, 15.0])
    terms = np.array([-2 * np.log(0.8), -np.log(0.9), -5 * np.log(0.4), -np.log(0.95), -3 * np.log(0.6), -np.log(0.8)])
    assert_right(capsys, check, float(terms.mean()), y, p, w)
    unweighted = float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
    assert_targeted(capsys, check, unweighted, "unweighted", y, p, w)
    both = float(np.mean(-w * (y * np.log(p) + (1 - y) * np.log(1 - p))))
    assert_targeted(capsys, check, both, "only the positive term", y, p, w)
    assert_targeted(capsys, check, float(terms.sum()), "sum over the labels", y, p, w)
    assert check(1.0, y, p, w[:3]) is None  # bad call: a message, no exception
    assert_survives_wrong_types(capsys, check, y, p, w)


def test_positive_weight_is_negatives_over_positives(capsys):
    check = nb10.check_positive_weight
    col = Y[:, 3]
    assert_right(capsys, check, (col == 0).sum() / col.sum(), Y, "threat")
    assert_targeted(capsys, check, col.sum() / (col == 0).sum(), "upside down", Y, "threat")
    assert_targeted(capsys, check, len(col) / col.sum(), "ALL comments", Y, "threat")
    assert check(1.0, Y, "not a label") is None
    assert check(1.0, np.zeros((5, 6), int), "threat") is None
    assert_survives_wrong_types(capsys, check, Y, "threat")


def test_softmax_recall_cap(capsys):
    check = nb10.check_softmax_recall_cap
    assert_right(capsys, check, (Y.sum(axis=1) > 0).sum() / Y.sum(), Y)
    assert_targeted(capsys, check, 1.0, "ONE label per comment", Y)
    assert_survives_wrong_types(capsys, check, Y)


# ------------------------------------------------------------------ notebook 11
def test_head_params(capsys):
    check = nb11.check_head_params
    assert_right(capsys, check, 6 * 49, hidden=48, n_labels=6)
    assert_targeted(capsys, check, 6 * 48, "biases are missing", hidden=48, n_labels=6)
    assert_targeted(capsys, check, 49, "ONE head", hidden=48, n_labels=6)
    assert_survives_wrong_types(capsys, check, hidden=48, n_labels=6, whole_number=294)


def test_loss_weight(capsys):
    check = nb11.check_loss_weight
    assert_right(capsys, check, 1 / 6, n_labels=6)
    assert_right(capsys, check, 0.1667, n_labels=6)
    assert_targeted(capsys, check, 6, "upside down", n_labels=6)
    assert_targeted(capsys, check, 1, "stays the SUM", n_labels=6)
    assert_right(capsys, check, 0.25, n_labels=4)
    assert_survives_wrong_types(capsys, check, n_labels=6)


def test_total_loss_from_history(capsys):
    check = nb11.check_total_loss
    labels = ["a", "b", "c"]
    history = {"loss": [9.0, 0.6], "a_loss": [3, 0.1], "b_loss": [3, 0.2], "c_loss": [3, 0.3]}
    assert_right(capsys, check, 0.6, history, labels)
    assert_targeted(capsys, check, 0.2, "mean of the per-output losses", history, labels)
    assert_targeted(capsys, check, 9.0, "FIRST epoch", history, labels)
    assert check(0.6, {"loss": [1.0]}, labels) is None
    assert_survives_wrong_types(capsys, check, history, labels)


def test_separate_hidden_params_matches_keras(capsys):
    from utils.models import multi_output_model

    check = nb11.check_separate_hidden_params
    model = multi_output_model("tfidf", n_features=20, hidden=0, separate_hidden=True, head_hidden=8)
    right = model.count_params()
    assert_right(capsys, check, right, n_features=20, head_hidden=8, n_labels=6)
    assert_targeted(capsys, check, 6 * (20 * 8 + 8), "biases are missing", n_features=20, head_hidden=8, n_labels=6)
    assert_targeted(capsys, check, right // 6, "ONE head", n_features=20, head_hidden=8, n_labels=6)
    # all biases forgotten is within 0.1 % of the answer on a wide input: counts must be exact
    n = 20_000
    assert_targeted(capsys, check, 6 * (n * 8 + 8), "biases", n_features=n, head_hidden=8, n_labels=6)
    assert_survives_wrong_types(capsys, check, n_features=20, head_hidden=8, n_labels=6, whole_number=right)


@pytest.mark.parametrize("wrong", [object(), [1, 2], True])
def test_checkers_never_raise_on_odd_objects(wrong):
    assert nb10.check_output_params(wrong, n_features=10, n_labels=6) is False
    assert nb10.check_positive_weight(wrong, Y, "toxic") is False
    assert nb11.check_head_params(wrong, hidden=4, n_labels=6) is False
    assert nb11.check_loss_weight(wrong, n_labels=6) is False
