"""Checkers of notebooks 03 and 04: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import json

import numpy as np
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted
from scipy import sparse
from sklearn.metrics import coverage_error, f1_score, hamming_loss

from utils import REPO_ROOT
from utils.data import load_train_test
from utils.exercises import nb04
from utils.exercises.nb03 import check_density, check_max_len_for_share, check_oov_count, smallest_max_len
from utils.sequences import TextSequencer
from utils.text_inspect import token_lengths
from utils.widgets.metrics_playground import EXAMPLE_TRUE

Y_TRUE = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 0]])
Y_PRED = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0], [0, 0, 0]])
Y_SCORE = np.array([[0.9, 0.5, 0.1], [0.3, 0.8, 0.2], [0.6, 0.1, 0.4], [0.5, 0.5, 0.5]])


def notebook_04_exercise_arrays():
    """Y_pred2 and Y_score3 exactly as notebook 04's exercise cells define them."""
    nb = json.loads((REPO_ROOT / "notebooks" / "04_scoring_multilabel.ipynb").read_text())
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    found = {}
    for source in sources:
        if source.startswith(("Y_score3 = ", "from utils.exercises import nb04")):
            code = source.split("answer = None")[0].replace("from utils.exercises import nb04", "")
            exec(code, {"np": np}, found)  # noqa: S102 - the notebook's own literal arrays
    return found["Y_pred2"], found["Y_score3"]


# ------------------------------------------------------------------ notebook 03
def test_check_density(capsys):
    X = sparse.csr_matrix(np.array([[0, 1, 0, 0], [2, 0, 0, 3]]))
    assert_right(capsys, check_density, 3 / 8, X)
    assert_right(capsys, check_density, 0.375, X.toarray())  # dense input works too
    assert_targeted(capsys, check_density, 1.5, "per comment", X)  # nnz / rows
    assert_targeted(capsys, check_density, 37.5, "percentage", X)
    assert_survives_wrong_types(capsys, check_density, X)


def test_smallest_max_len_and_its_checker(capsys):
    lengths = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    assert smallest_max_len(lengths, 0.9) == 9  # 9 of 10 fit in 9 tokens
    assert smallest_max_len(lengths, 0.95) == 100
    assert smallest_max_len(lengths, 0.5) == 5
    assert np.mean(lengths <= smallest_max_len(lengths, 0.8)) >= 0.8
    assert np.mean(lengths <= smallest_max_len(lengths, 0.8) - 1) < 0.8
    assert_right(capsys, check_max_len_for_share, 9, lengths, 0.9)
    assert_targeted(capsys, check_max_len_for_share, 10, "(lengths <= L)", lengths, 0.9)
    assert_targeted(capsys, check_max_len_for_share, 8, "fewer than 90%", lengths, 0.9)
    assert_survives_wrong_types(capsys, check_max_len_for_share, lengths, 0.9, whole_number=9)


def test_max_len_exercise_is_not_printed_earlier_in_notebook_03(capsys):
    """The notebook prints the 95th percentile; the exercise asks for 90% and catches the 95% answer."""
    lengths = token_lengths(load_train_test().text_train)
    right, p95 = smallest_max_len(lengths, 0.9), smallest_max_len(lengths, 0.95)
    assert right != p95
    assert_right(capsys, check_max_len_for_share, right, lengths, share=0.9)
    assert_targeted(capsys, check_max_len_for_share, p95, "answer for 95%", lengths, share=0.9)
    assert_targeted(capsys, check_max_len_for_share, right + 1, "one too many", lengths, share=0.9)


def test_check_oov_count(capsys):
    seq = TextSequencer(max_len=5).fit(["you are a troll", "thanks for the edit"])
    assert_right(capsys, check_oov_count, 2, seq, "you are an id1ot")  # an, id1ot
    assert_targeted(capsys, check_oov_count, 1, "padding id", seq, "you are an id1ot")
    assert_targeted(capsys, check_oov_count, 4, "every token", seq, "you are an id1ot")
    # tokens beyond max_len are cut, so they cannot be unknown ids
    assert_right(capsys, check_oov_count, 5, seq, "zz yy xx ww vv uu tt")
    assert check_oov_count(0, TextSequencer(), "x") is None  # unfitted: a message, no exception
    assert_survives_wrong_types(capsys, check_oov_count, seq, "you are an id1ot", whole_number=2)


# ------------------------------------------------------------------ notebook 04
def test_check_hamming_loss(capsys):
    check = nb04.check_hamming_loss
    assert_right(capsys, check, 3 / 12, Y_TRUE, Y_PRED)
    assert_targeted(capsys, check, 3, "number of wrong cells", Y_TRUE, Y_PRED)
    assert_targeted(capsys, check, 0.75, "RIGHT cells", Y_TRUE, Y_PRED)
    assert check(0.25, Y_TRUE, Y_PRED[:, :2]) is None  # shapes differ: message, no exception
    assert_survives_wrong_types(capsys, check, Y_TRUE, Y_PRED)


def test_check_macro_f1(capsys):
    check = nb04.check_macro_f1
    # label 0: TP 2 -> F1 1; label 1: TP 0, FP 1, FN 1 -> 0; label 2: FN 1 -> 0
    assert_right(capsys, check, 1 / 3, Y_TRUE, Y_PRED)
    assert_targeted(capsys, check, f1_score(Y_TRUE, Y_PRED, average="micro"), "micro F1", Y_TRUE, Y_PRED)
    assert_survives_wrong_types(capsys, check, Y_TRUE, Y_PRED)


def test_check_macro_f1_leaves_out_a_label_with_nothing_to_find(capsys):
    Y_true = np.array([[1, 0], [1, 0], [0, 0]])
    Y_pred = np.array([[1, 0], [1, 1], [0, 0]])  # label 1: no positive, one false alarm
    assert_right(capsys, nb04.check_macro_f1, 1.0, Y_true, Y_pred)
    assert nb04.check_macro_f1(0.5, Y_true, Y_pred) is False  # sklearn's all-label mean
    capsys.readouterr()
    assert nb04.check_macro_f1(0.0, np.zeros((2, 2), int), np.zeros((2, 2), int)) is None


def test_notebook_04_macro_f1_exercise_separates_the_shortcut(capsys):
    Y_pred2, _ = notebook_04_exercise_arrays()
    right = f1_score(EXAMPLE_TRUE, Y_pred2, average="macro", zero_division=0)
    shortcut = nb04.f1_of_mean_precision_and_recall(EXAMPLE_TRUE, Y_pred2)
    assert abs(right - shortcut) > 0.01, "precision = recall for every label would make the shortcut right"
    assert_right(capsys, nb04.check_macro_f1, right, EXAMPLE_TRUE, Y_pred2)
    assert_targeted(capsys, nb04.check_macro_f1, shortcut, "mean precision", EXAMPLE_TRUE, Y_pred2)
    micro = f1_score(EXAMPLE_TRUE, Y_pred2, average="micro")
    assert_targeted(capsys, nb04.check_macro_f1, micro, "micro F1", EXAMPLE_TRUE, Y_pred2)
    wrong_cells = int((EXAMPLE_TRUE != Y_pred2).sum())
    assert_right(capsys, nb04.check_hamming_loss, hamming_loss(EXAMPLE_TRUE, Y_pred2), EXAMPLE_TRUE, Y_pred2)
    assert_targeted(capsys, nb04.check_hamming_loss, wrong_cells, "wrong cells", EXAMPLE_TRUE, Y_pred2)
    any_error = (EXAMPLE_TRUE != Y_pred2).any(axis=1).mean()
    assert_targeted(capsys, nb04.check_hamming_loss, any_error, "any error", EXAMPLE_TRUE, Y_pred2)


def test_check_coverage(capsys):
    check = nb04.check_coverage
    # row 0: true label 0 at rank 1 -> 0; row 1: labels 0 (0.3, rank 2) and 1 (rank 1) -> 1;
    # row 2: label 2 (0.4) at rank 2 -> 1; row 3 has no label: skipped
    assert_right(capsys, check, 2 / 3, Y_TRUE, Y_SCORE)
    assert_targeted(capsys, check, 2 / 3 + 1, "counts positions from 1", Y_TRUE, Y_SCORE)
    assert_targeted(capsys, check, 2 / 4, "every comment", Y_TRUE, Y_SCORE)
    assert check(0.0, np.zeros((2, 3), int), Y_SCORE[:2]) is None
    assert_survives_wrong_types(capsys, check, Y_TRUE, Y_SCORE)


def test_notebook_04_coverage_exercise(capsys):
    _, Y_score3 = notebook_04_exercise_arrays()
    keep = EXAMPLE_TRUE.sum(axis=1) > 0
    right = coverage_error(EXAMPLE_TRUE[keep], Y_score3[keep]) - 1
    assert_right(capsys, nb04.check_coverage, right, EXAMPLE_TRUE, Y_score3)
    assert_targeted(capsys, nb04.check_coverage, right + 1, "from 1", EXAMPLE_TRUE, Y_score3)


@pytest.mark.parametrize("checker", [nb04.check_hamming_loss, nb04.check_macro_f1, nb04.check_coverage])
def test_nb04_checkers_never_raise_on_odd_answers(checker, capsys):
    other = Y_SCORE if checker is nb04.check_coverage else Y_PRED
    assert checker("a string", Y_TRUE, other) is False
    assert checker([0.1, 0.2], Y_TRUE, other) is False
    assert checker(object(), Y_TRUE, other) is False
    capsys.readouterr()
