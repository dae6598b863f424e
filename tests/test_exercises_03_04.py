"""Tests of the exercise checkers of notebooks 03 and 04: right answers pass, wrong ones fail, None never raises."""

import numpy as np
import pytest
from scipy import sparse

from utils.exercises.nb03 import check_density, check_max_len_for_share, check_oov_count, smallest_max_len
from utils.exercises.nb04 import check_coverage, check_hamming_loss, check_macro_f1
from utils.sequences import TextSequencer

Y_TRUE = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]])
Y_PRED = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 0]])
Y_SCORE = np.array([[0.9, 0.5, 0.1], [0.3, 0.8, 0.2], [0.6, 0.1, 0.4], [0.5, 0.5, 0.5]])


# ------------------------------------------------------------------ notebook 03
def test_check_density(capsys):
    X = sparse.csr_matrix(np.array([[0, 1, 0, 0], [2, 0, 0, 3]]))
    assert check_density(3 / 8, X) is True
    assert check_density(3, X) is False  # the count, not the share
    assert "Hint" in capsys.readouterr().out
    assert check_density(None, X) is None
    assert check_density(0.375, X.toarray()) is True  # dense input works too


def test_smallest_max_len_and_its_checker():
    lengths = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    assert smallest_max_len(lengths, 0.9) == 9  # 9 of 10 fit in 9 tokens
    assert smallest_max_len(lengths, 0.95) == 100
    assert smallest_max_len(lengths, 0.5) == 5
    assert np.mean(lengths <= smallest_max_len(lengths, 0.8)) >= 0.8
    assert np.mean(lengths <= smallest_max_len(lengths, 0.8) - 1) < 0.8
    assert check_max_len_for_share(9, lengths, 0.9) is True
    assert check_max_len_for_share(10, lengths, 0.9) is False
    assert check_max_len_for_share(9.0, lengths, 0.9) is False  # a whole number is asked for
    assert check_max_len_for_share(None, lengths) is None


def test_check_oov_count():
    seq = TextSequencer(max_len=5).fit(["you are a troll", "thanks for the edit"])
    assert check_oov_count(2, seq, "you are an id1ot") is True  # an, id1ot
    assert check_oov_count(1, seq, "you are an id1ot") is False
    # tokens beyond max_len are cut, so they cannot be unknown ids
    assert check_oov_count(5, seq, "zz yy xx ww vv uu tt") is True
    assert check_oov_count(None, seq, "x") is None
    assert check_oov_count(0, TextSequencer(), "x") is None  # unfitted: a message, no exception


# ------------------------------------------------------------------ notebook 04
def test_check_hamming_loss():
    assert check_hamming_loss(3 / 12, Y_TRUE, Y_PRED) is True
    assert check_hamming_loss(3, Y_TRUE, Y_PRED) is False
    assert check_hamming_loss(None, Y_TRUE, Y_PRED) is None
    assert check_hamming_loss(0.25, Y_TRUE, Y_PRED[:, :2]) is None  # shapes differ: message, no exception


def test_check_macro_f1():
    # label 0: TP 2 -> F1 1; label 1: TP 0, FP 1, FN 1 -> 0; label 2: FN 1 -> 0
    assert check_macro_f1(1 / 3, Y_TRUE, Y_PRED) is True
    # the F1 of the mean precision and mean recall is a different number
    p, r = np.mean([1, 0, 0]), np.mean([1, 0, 0])
    assert check_macro_f1(2 * p * r / (p + r) + 0.1, Y_TRUE, Y_PRED) is False
    assert check_macro_f1(None, Y_TRUE, Y_PRED) is None


def test_check_coverage():
    # row 0: true label 0 at rank 1 -> 0; row 1: labels 0 (0.3, rank 2) and 1 (rank 1) -> 1;
    # row 2: label 2 (0.4) at rank 2 -> 1; row 3 has no label: skipped
    assert check_coverage(2 / 3, Y_TRUE, Y_SCORE) is True
    assert check_coverage(2 / 3 + 1, Y_TRUE, Y_SCORE) is False  # sklearn's coverage_error counts from 1
    assert check_coverage(None, Y_TRUE, Y_SCORE) is None
    assert check_coverage(0.0, np.zeros((2, 3), int), Y_SCORE[:2]) is None


@pytest.mark.parametrize("checker", [check_hamming_loss, check_macro_f1, check_coverage])
def test_nb04_checkers_never_raise_on_odd_answers(checker, capsys):
    other = Y_SCORE if checker is check_coverage else Y_PRED
    assert checker("a string", Y_TRUE, other) is False
    assert checker([0.1, 0.2], Y_TRUE, other) is False
    capsys.readouterr()
