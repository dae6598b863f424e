"""Checkers of notebooks 01 and 02: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted

from utils.data import load_train_test
from utils.exercises import nb01, nb02

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def label_matrix(seed=0, n=200):
    rng = np.random.default_rng(seed)
    return (rng.random((n, 6)) < [0.2, 0.05, 0.1, 0.03, 0.1, 0.04]).astype(int)


Y = label_matrix()
Z = np.array([1.2, -2.0, 0.3, -0.4, 2.1, -3.0])  # notebook 01's exercise 1


@pytest.fixture(scope="module")
def classroom():
    return load_train_test()


# ------------------------------------------------------------------ notebook 01
def test_sigmoid_labels(capsys):
    check = nb01.check_sigmoid_labels
    assert_right(capsys, check, {"toxic", "obscene", "insult"}, Z, LABELS)
    assert_right(capsys, check, ["insult", "toxic", "obscene"], Z, LABELS)
    assert_targeted(capsys, check, {"toxic", "insult"}, "raw score", Z, LABELS)  # z >= 0.5, not sigmoid(z)
    assert_targeted(capsys, check, {"insult"}, "softmax", Z, LABELS)
    assert_right(capsys, check, "insult", Z, LABELS, threshold=0.85)  # one name is a set of one
    assert_right(capsys, check, {"a", "c"}, [1.0, -1.0, 0.0], ["a", "b", "c"])  # any label names
    assert_survives_wrong_types(capsys, check, Z, LABELS, skip=("str",))
    assert_targeted(capsys, check, [1, 0, 1, 0, 1, 0], "not strings", Z, LABELS)


def test_all_clean_subset_accuracy(capsys, classroom):
    check = nb01.check_all_clean_subset_accuracy
    for Y_ in (Y, classroom.Y_train):
        assert_right(capsys, check, (Y_.sum(axis=1) == 0).mean(), Y_)
        assert_targeted(capsys, check, 1 - Y_.mean(), "share of correct cells", Y_)
    assert_survives_wrong_types(capsys, check, Y)


def test_recall_cap(capsys, classroom):
    check = nb01.check_recall_cap
    for Y_ in (Y, classroom.Y_train):
        labelled = (Y_.sum(axis=1) > 0).sum()
        assert_right(capsys, check, labelled / Y_.sum(), Y_)
        assert_targeted(capsys, check, 1.0, "ONE label per comment", Y_)
        assert_targeted(capsys, check, Y_.sum() / labelled, "other way round", Y_)
        assert_targeted(capsys, check, labelled / len(Y_), "divides by all comments", Y_)
    assert_survives_wrong_types(capsys, check, Y)


# ------------------------------------------------------------------ notebook 02
def test_cardinality(capsys, classroom):
    check = nb02.check_cardinality
    for Y_ in (Y, classroom.Y_test):
        assert_right(capsys, check, Y_.sum(axis=1).mean(), Y_)
        assert_targeted(capsys, check, Y_.mean(), "density", Y_)
        assert_targeted(capsys, check, Y_[Y_.sum(axis=1) > 0].sum(axis=1).mean(), "labelled comments only", Y_)
    assert_survives_wrong_types(capsys, check, Y)


def test_conditional_probability_direction_matters(capsys, classroom):
    check = nb02.check_conditional_probability
    for Y_ in (Y, classroom.Y_train):
        obscene, insult = Y_[:, 2] == 1, Y_[:, 4] == 1
        both = (obscene & insult).sum()
        assert_right(capsys, check, both / obscene.sum(), Y_, "obscene", "insult", LABELS)
        assert_targeted(capsys, check, both / insult.sum(), "other direction", Y_, "obscene", "insult", LABELS)
        assert_targeted(capsys, check, both / len(Y_), "ALL comments", Y_, "obscene", "insult", LABELS)
    assert nb02.check_conditional_probability(0.5, Y, "rude", "insult", LABELS) is None
    assert_survives_wrong_types(capsys, check, Y, "obscene", "insult")


def test_singleton_label_sets(capsys, classroom):
    check = nb02.check_singleton_label_sets
    for Y_ in (Y, classroom.Y_train):
        _, counts = np.unique(Y_, axis=0, return_counts=True)
        right = int((counts == 1).sum())
        assert_right(capsys, check, right, Y_)
        assert_targeted(capsys, check, len(counts), "every distinct label set", Y_)
        assert_survives_wrong_types(capsys, check, Y_, whole_number=right)
