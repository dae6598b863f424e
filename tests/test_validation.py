"""The shared helpers of utils.validation: one label-matrix check, default names, sigmoid, shortening."""

import numpy as np
import pytest

from utils.data import LABELS
from utils.validation import check_label_matrix, default_label_names, shorten, sigmoid


def test_default_label_names_are_the_course_labels_for_six_columns_else_numbered():
    assert default_label_names(6) == list(LABELS)
    assert default_label_names(3) == ["label_0", "label_1", "label_2"]


def test_sigmoid_is_the_logistic_function_without_overflow():
    z = np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = sigmoid(z)
    np.testing.assert_allclose(p, [0.0, 1 / (1 + np.exp(2)), 0.5, 1 / (1 + np.exp(-2)), 1.0])


def test_shorten_collapses_white_space_and_marks_a_cut():
    assert shorten("a  b\n c") == "a b c"
    assert shorten("abcdefgh", width=5) == "abcd…" and len(shorten("x" * 50, width=10)) == 10


def test_check_label_matrix_names_what_is_missing_or_wrong():
    with pytest.raises(ValueError, match="requires y to be passed"):
        check_label_matrix(None, estimator="BinaryRelevance")
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        check_label_matrix(np.linspace(0, 1, 7))
    with pytest.raises(ValueError, match="found 2 at row 1, column 0"):
        check_label_matrix([[0, 1], [2, 0]])
    assert check_label_matrix(np.array([[True, False]])).dtype.kind == "i"
