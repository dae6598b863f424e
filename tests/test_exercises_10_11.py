"""Tests for the exercise checkers of notebooks 10 and 11 (Keras single and multiple outputs)."""

import numpy as np
import pytest

from utils.exercises import nb10, nb11

WRONG_TYPES = ["seven", [1, 2], {"a": 1}, object()]


def label_matrix(seed=0, n=300):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)
    Y[:6] = np.eye(6, dtype=int)
    return Y


Y = label_matrix()


def test_output_params_is_a_kernel_plus_biases(capsys):
    assert nb10.check_output_params(None, n_features=100) is None
    assert nb10.check_output_params(606, n_features=100, n_labels=6) is True
    assert nb10.check_output_params(600, n_features=100, n_labels=6) is False  # forgot the biases
    assert "Hint" in capsys.readouterr().out
    assert nb10.check_output_params(33, n_features=10, n_labels=3) is True


def test_weighted_bce_by_hand():
    y = np.array([1, 0, 1, 0, 1, 0])
    p = np.array([0.8, 0.1, 0.4, 0.05, 0.6, 0.2])
    w = np.array([2.0, 10.0, 5.0, 20.0, 3.0, 15.0])
    terms = [-2 * np.log(0.8), -np.log(0.9), -5 * np.log(0.4), -np.log(0.95), -3 * np.log(0.6), -np.log(0.8)]
    assert nb10.check_weighted_bce(float(np.mean(terms)), y, p, w) is True
    unweighted = float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
    assert nb10.check_weighted_bce(unweighted, y, p, w) is False
    assert nb10.check_weighted_bce(None, y, p, w) is None
    assert nb10.check_weighted_bce(1.0, y, p, w[:3]) is None  # bad call: warns, does not raise


def test_positive_weight_is_negatives_over_positives():
    col = Y[:, 3]
    expected = (col == 0).sum() / col.sum()
    assert nb10.check_positive_weight(expected, Y, "threat") is True
    assert nb10.check_positive_weight(col.sum() / (col == 0).sum(), Y, "threat") is False
    assert nb10.check_positive_weight(1.0, Y, "not a label") is None
    assert nb10.check_positive_weight(1.0, np.zeros((5, 6), int), "threat") is None


def test_softmax_recall_cap():
    expected = (Y.sum(axis=1) > 0).sum() / Y.sum()
    assert nb10.check_softmax_recall_cap(expected, Y) is True
    assert nb10.check_softmax_recall_cap(1.0, Y) is False


def test_head_params_and_loss_weight():
    assert nb11.check_head_params(6 * 49, hidden=48) is True
    assert nb11.check_head_params(6 * 48, hidden=48) is False
    assert nb11.check_loss_weight(1 / 6, n_labels=6) is True
    assert nb11.check_loss_weight(6, n_labels=6) is False
    assert nb11.check_loss_weight(0.25, n_labels=4) is True


def test_total_loss_from_history():
    labels = ["a", "b", "c"]
    history = {"loss": [9.0, 0.6], "a_loss": [3, 0.1], "b_loss": [3, 0.2], "c_loss": [3, 0.3]}
    assert nb11.check_total_loss(0.6, history, labels) is True
    assert nb11.check_total_loss(0.2, history, labels) is False  # the mean, not the sum
    assert nb11.check_total_loss(0.6, {"loss": [1.0]}, labels) is None


def test_separate_hidden_params_matches_keras():
    from utils.models import multi_output_model

    model = multi_output_model("tfidf", n_features=20, hidden=0, separate_hidden=True, head_hidden=8)
    assert nb11.check_separate_hidden_params(model.count_params(), n_features=20, head_hidden=8) is True
    assert nb11.check_separate_hidden_params(6 * 20 * 8, n_features=20, head_hidden=8) is False


@pytest.mark.parametrize("wrong", WRONG_TYPES)
def test_checkers_never_raise_on_wrong_types(wrong):
    assert nb10.check_output_params(wrong, n_features=10) is False
    assert nb10.check_positive_weight(wrong, Y, "toxic") is False
    assert nb11.check_head_params(wrong, hidden=4) is False
    assert nb11.check_loss_weight(wrong) is False
