"""Tests for utils.thresholds: applying, scoring and tuning per-label thresholds."""

import numpy as np
import pytest
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    hamming_loss,
    multilabel_confusion_matrix,
    precision_recall_fscore_support,
)

from utils.thresholds import (
    THRESHOLD_GRID,
    apply_thresholds,
    best_f1_thresholds,
    check_thresholds,
    confusion_matrices,
    f1_by_threshold,
    per_label_scores,
    summary_scores,
    validation_split,
)


@pytest.fixture
def data():
    """Seeded labels of varied prevalence and probabilities that rank positives higher."""
    rng = np.random.default_rng(0)
    Y = (rng.random((400, 4)) < [0.3, 0.1, 0.05, 0.02]).astype(int)
    P = np.clip(0.35 * Y + 0.65 * rng.random(Y.shape) ** 2, 0, 1)
    return Y, P


def test_check_thresholds_repeats_one_number_and_rejects_bad_values():
    assert check_thresholds(0.3, 3).tolist() == [0.3, 0.3, 0.3]
    assert check_thresholds([0, 0.5, 1], 3).tolist() == [0, 0.5, 1]
    with pytest.raises(ValueError, match="2 thresholds for 3 labels"):
        check_thresholds([0.1, 0.2], 3)
    with pytest.raises(ValueError, match="between 0 and 1"):
        check_thresholds([0.1, 1.2, 0.3], 3)
    with pytest.raises(ValueError, match="threshold 0 is"):
        check_thresholds(-0.1, 2)
    with pytest.raises(ValueError, match="between 0 and 1"):
        check_thresholds([np.nan, 0.5], 2)
    with pytest.raises(ValueError, match="one number or one number per label"):
        check_thresholds([[0.5, 0.5]], 2)
    with pytest.raises(ValueError):
        check_thresholds("0.5", 2)


def test_apply_thresholds_predicts_at_or_above_each_labels_threshold():
    P = np.array([[0.2, 0.5, 0.9], [0.6, 0.49, 0.1]])
    assert apply_thresholds(P, 0.5).tolist() == [[0, 1, 1], [1, 0, 0]]
    assert apply_thresholds(P, [0.1, 0.6, 0.95]).tolist() == [[1, 0, 0], [1, 0, 0]]
    assert apply_thresholds(P, 0).tolist() == [[1, 1, 1], [1, 1, 1]]
    assert apply_thresholds(P, 1).sum() == 0
    with pytest.raises(ValueError, match="2-D"):
        apply_thresholds(P[0], 0.5)
    with pytest.raises(ValueError, match="NaN"):
        apply_thresholds(np.array([[np.nan, 0.1]]), 0.5)


@pytest.mark.parametrize("threshold", [0.0, 0.07, 0.3, 0.5, 0.93, 1.0])
def test_fast_scores_equal_scikit_learn(data, threshold):
    Y, P = data
    pred = apply_thresholds(P, threshold)
    np.testing.assert_array_equal(confusion_matrices(Y, pred), multilabel_confusion_matrix(Y, pred))
    ours = summary_scores(Y, pred)
    assert ours["micro_f1"] == pytest.approx(f1_score(Y, pred, average="micro", zero_division=0))
    assert ours["macro_f1"] == pytest.approx(f1_score(Y, pred, average="macro", zero_division=0))
    assert ours["hamming_loss"] == pytest.approx(hamming_loss(Y, pred))
    assert ours["subset_accuracy"] == pytest.approx(accuracy_score(Y, pred))
    table = per_label_scores(Y, pred, list("abcd"))
    precision, recall, f1, support = precision_recall_fscore_support(Y, pred, zero_division=0)
    np.testing.assert_allclose(table["precision"], precision)
    np.testing.assert_allclose(table["recall"], recall)
    np.testing.assert_allclose(table["f1"], f1)
    np.testing.assert_array_equal(table["support"], support)
    np.testing.assert_array_equal(table["predicted"], pred.sum(axis=0))
    assert list(table.index) == list("abcd")


def test_scores_with_no_prediction_at_all_are_zero_not_errors(data):
    Y, _ = data
    nothing = np.zeros_like(Y)
    s = summary_scores(Y, nothing)
    assert s["micro_f1"] == 0 and s["macro_f1"] == 0
    assert s["hamming_loss"] == pytest.approx(Y.mean())
    assert per_label_scores(Y, nothing)["precision"].eq(0).all()
    with pytest.raises(ValueError, match="same 2-D shape"):
        summary_scores(Y, nothing[:, :2])


def test_macro_f1_leaves_out_labels_without_a_positive():
    Y = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 0]])
    pred = np.array([[1, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0]])
    # label 0: F1 1, label 1: F1 2/3, label 2 has no positive in Y_true and is left out (not a 0 in the mean)
    assert summary_scores(Y, pred)["macro_f1"] == pytest.approx((1 + 2 / 3) / 2)
    assert np.isnan(summary_scores(np.zeros((3, 2), int), np.ones((3, 2), int))["macro_f1"])


def test_f1_by_threshold_matches_f1_score_at_every_grid_point(data):
    Y, P = data
    grid = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0]
    expected = [f1_score(Y[:, 1], (P[:, 1] >= t).astype(int), zero_division=0) for t in grid]
    np.testing.assert_allclose(f1_by_threshold(Y[:, 1], P[:, 1], grid), expected)
    with pytest.raises(ValueError, match="same length"):
        f1_by_threshold(Y[:10, 1], P[:, 1])


def test_best_f1_thresholds_maximise_f1_on_the_grid(data):
    Y, P = data
    best = best_f1_thresholds(Y, P)
    assert best.shape == (4,) and np.isin(best, THRESHOLD_GRID).all()
    for j in range(4):
        at_best = f1_score(Y[:, j], (P[:, j] >= best[j]).astype(int), zero_division=0)
        assert at_best == pytest.approx(f1_by_threshold(Y[:, j], P[:, j]).max())
    tuned, default = summary_scores(Y, apply_thresholds(P, best)), summary_scores(Y, apply_thresholds(P, 0.5))
    assert tuned["macro_f1"] >= default["macro_f1"]


def test_best_f1_threshold_edge_cases():
    # No positive at all: F1 is 0 everywhere, so the default is kept.
    assert best_f1_thresholds(np.zeros((5, 1), int), np.full((5, 1), 0.3), default=0.42).tolist() == [0.42]
    # Perfect separation between 0.2 and 0.7: 0.3, 0.4, ..., 0.7 tie at F1 = 1; the middle one wins.
    Y = np.array([[0], [0], [1], [1]])
    P = np.array([[0.1], [0.2], [0.7], [0.9]])
    grid = np.round(np.arange(0.1, 1.0, 0.1), 1)
    assert best_f1_thresholds(Y, P, grid=grid)[0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="same 2-D shape"):
        best_f1_thresholds(Y[:3], P)
    with pytest.raises(ValueError, match="grid"):
        best_f1_thresholds(Y, P, grid=[])


def test_validation_split_is_disjoint_complete_seeded_and_stratified(data):
    Y, _ = data
    fit, val = validation_split(Y, size=0.25, random_state=3)
    assert len(np.intersect1d(fit, val)) == 0
    assert sorted(np.concatenate([fit, val])) == list(range(len(Y)))
    assert len(val) == 100
    again = validation_split(Y, size=0.25, random_state=3)
    np.testing.assert_array_equal(val, again[1])
    # Every label keeps close to a quarter of its positives in validation.
    share = Y[val].sum(axis=0) / Y.sum(axis=0)
    assert np.all(np.abs(share - 0.25) < 0.1)
