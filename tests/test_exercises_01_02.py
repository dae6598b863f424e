"""Tests for the exercise checkers of notebooks 01 and 02."""

import numpy as np
import pytest

from utils.exercises import nb01, nb02

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def label_matrix(seed=0, n=200):
    rng = np.random.default_rng(seed)
    return (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)


Y = label_matrix()
WRONG_TYPES = ["seven", [1, 2], {"a": 1}, object()]


def test_sigmoid_labels():
    z = np.array([2.0, -1.0, 0.0, -3.0, 0.4, -0.1])
    assert nb01.check_sigmoid_labels(None, z) is None
    assert nb01.check_sigmoid_labels({"toxic", "obscene", "insult"}, z) is True  # sigmoid(0) = 0.5
    assert nb01.check_sigmoid_labels(["insult", "toxic", "obscene"], z) is True
    assert nb01.check_sigmoid_labels({"toxic"}, z) is False
    assert nb01.check_sigmoid_labels({"toxic", "insult"}, z, threshold=0.5) is False
    assert nb01.check_sigmoid_labels({"toxic"}, z, threshold=0.8) is True
    assert nb01.check_sigmoid_labels("toxic", z, threshold=0.8) is True


def test_all_clean_subset_accuracy(capsys):
    expected = (Y.sum(axis=1) == 0).mean()
    assert nb01.check_all_clean_subset_accuracy(expected, Y) is True
    assert "Correct" in capsys.readouterr().out
    assert nb01.check_all_clean_subset_accuracy(1 - Y.mean(), Y) is False  # per-cell accuracy is not it
    assert "Hint" in capsys.readouterr().out


def test_recall_cap():
    expected = (Y.sum(axis=1) > 0).sum() / Y.sum()
    assert nb01.check_recall_cap(expected, Y) is True
    assert nb01.check_recall_cap(1.0, Y) is False


def test_cardinality():
    assert nb02.check_cardinality(None, Y) is None
    assert nb02.check_cardinality(Y.sum(axis=1).mean(), Y) is True
    assert nb02.check_cardinality(Y.mean(), Y) is False  # that is the density


def test_conditional_probability_direction_matters():
    obscene, insult = Y[:, 2] == 1, Y[:, 4] == 1
    p_insult_given_obscene = (obscene & insult).sum() / obscene.sum()
    p_obscene_given_insult = (obscene & insult).sum() / insult.sum()
    assert not np.isclose(p_insult_given_obscene, p_obscene_given_insult)
    assert nb02.check_conditional_probability(p_insult_given_obscene, Y, "obscene", "insult", LABELS) is True
    assert nb02.check_conditional_probability(p_obscene_given_insult, Y, "obscene", "insult", LABELS) is False
    assert nb02.check_conditional_probability(0.5, Y, "rude", "insult", LABELS) is None


def test_singleton_label_sets():
    rows, counts = np.unique(Y, axis=0, return_counts=True)
    expected = int((counts == 1).sum())
    assert nb02.check_singleton_label_sets(expected, Y) is True
    assert nb02.check_singleton_label_sets(expected + 1, Y) is False


@pytest.mark.parametrize("answer", WRONG_TYPES)
def test_checkers_never_raise_on_odd_answers(answer):
    z = np.zeros(6)
    for result in (
        nb01.check_sigmoid_labels(answer, z),
        nb01.check_all_clean_subset_accuracy(answer, Y),
        nb01.check_recall_cap(answer, Y),
        nb02.check_cardinality(answer, Y),
        nb02.check_conditional_probability(answer, Y, "obscene", "insult"),
        nb02.check_singleton_label_sets(answer, Y),
    ):
        assert result is False
