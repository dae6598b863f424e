"""Tests of utils.metrics: every function against hand computations on tiny matrices and against scikit-learn."""

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import (
    coverage_error,
    f1_score,
    hamming_loss,
    jaccard_score,
    label_ranking_average_precision_score,
    label_ranking_loss,
    roc_auc_score,
)

from utils.metrics import (
    mean_roc_auc,
    multilabel_scores,
    one_error,
    per_label_roc_auc,
    ranking_scores,
    scores_table,
)

# 4 comments x 3 labels. Label 0: TP 2, FP 0, FN 1. Label 1: TP 1, FP 1, FN 0. Label 2: TP 0, FP 0, FN 1.
Y_TRUE = np.array([[1, 0, 0], [1, 1, 1], [1, 0, 0], [0, 0, 0]])
Y_PRED = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0]])
# Scores without ties in any row or column.
Y_SCORE = np.array(
    [
        [0.9, 0.2, 0.1],
        [0.8, 0.7, 0.3],
        [0.4, 0.6, 0.05],
        [0.2, 0.1, 0.15],
    ]
)


def random_case(seed, n=40, q=5):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, q)) < 0.3).astype(int)
    Y[0], Y[1] = 1, 0  # every column has both classes
    P = (rng.random((n, q)) < 0.3).astype(int)
    S = rng.random((n, q))
    return Y, P, S


# ------------------------------------------------------------------ multilabel_scores
def test_threshold_scores_match_hand_computation():
    s = multilabel_scores(Y_TRUE, Y_PRED)
    assert s["hamming_loss"] == pytest.approx(3 / 12)
    assert s["subset_accuracy"] == pytest.approx(2 / 4)  # rows 0 and 3 are exact
    # micro: TP 3, FP 1, FN 2 -> F1 = 6 / (6 + 1 + 2)
    assert s["micro_f1"] == pytest.approx(6 / 9)
    # macro: F1 per label 4/5, 2/3, 0
    assert s["macro_f1"] == pytest.approx((4 / 5 + 2 / 3 + 0) / 3)
    # samples: rows 1, 2*2/(3+2), 0, and the clean row predicted clean counts 1
    assert s["samples_f1"] == pytest.approx((1 + 4 / 5 + 0 + 1) / 4)
    # Jaccard: 1, 2/3, 0, 1
    assert s["jaccard_samples"] == pytest.approx((1 + 2 / 3 + 0 + 1) / 4)
    assert "mean_roc_auc" not in s


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_threshold_scores_match_sklearn(seed):
    Y, P, S = random_case(seed)
    s = multilabel_scores(Y, P, S)
    assert s["micro_f1"] == pytest.approx(f1_score(Y, P, average="micro", zero_division=0))
    assert s["macro_f1"] == pytest.approx(f1_score(Y, P, average="macro", zero_division=0))
    assert s["samples_f1"] == pytest.approx(f1_score(Y, P, average="samples", zero_division=1))
    assert s["hamming_loss"] == pytest.approx(hamming_loss(Y, P))
    assert s["subset_accuracy"] == pytest.approx(np.mean([(y == p).all() for y, p in zip(Y, P, strict=True)]))
    assert s["jaccard_samples"] == pytest.approx(jaccard_score(Y, P, average="samples", zero_division=1))
    assert s["mean_roc_auc"] == pytest.approx(np.mean([roc_auc_score(Y[:, j], S[:, j]) for j in range(Y.shape[1])]))
    assert all(isinstance(v, float) for v in s.values())


def test_all_zero_prediction_on_sparse_labels():
    s = multilabel_scores(Y_TRUE, np.zeros_like(Y_TRUE))
    assert s["hamming_loss"] == pytest.approx(Y_TRUE.mean())
    assert s["micro_f1"] == 0 and s["macro_f1"] == 0
    assert s["samples_f1"] == pytest.approx(1 / 4)  # only the clean row scores
    assert s["subset_accuracy"] == pytest.approx(1 / 4)


def test_perfect_prediction_scores_perfectly():
    s = multilabel_scores(Y_TRUE, Y_TRUE, Y_TRUE)
    assert s["hamming_loss"] == 0
    for key in ("micro_f1", "samples_f1", "subset_accuracy", "jaccard_samples", "mean_roc_auc"):
        assert s[key] == pytest.approx(1.0), key
    # label 2 has one positive and is predicted right: macro F1 is 1 too
    assert s["macro_f1"] == pytest.approx(1.0)


def test_shape_mismatch_is_explained():
    with pytest.raises(ValueError, match="shape"):
        multilabel_scores(Y_TRUE, Y_PRED[:, :2])


def test_scores_table_has_one_row_per_model():
    table = scores_table({"a": multilabel_scores(Y_TRUE, Y_PRED), "b": multilabel_scores(Y_TRUE, Y_TRUE)})
    assert list(table.index) == ["a", "b"] and table.index.name == "model"
    assert table.loc["b", "hamming_loss"] == 0


# ------------------------------------------------------------------ ROC AUC
def auc_by_pairs(y, s):
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    return ((diff > 0) + 0.5 * (diff == 0)).mean()


def test_per_label_auc_matches_pair_counting_and_sklearn():
    aucs = per_label_roc_auc(Y_TRUE, Y_SCORE)
    # label 0: positives 0.9, 0.8, 0.4 vs negative 0.2 -> 1.0
    # label 1: positive 0.7 vs negatives 0.2, 0.6, 0.1 -> 1.0
    # label 2: positive 0.3 vs negatives 0.1, 0.05, 0.15 -> 1.0; make one pair wrong below
    assert np.allclose(aucs, [1.0, 1.0, 1.0])
    S = Y_SCORE.copy()
    S[3, 1] = 0.8  # the clean row now outranks label 1's only positive
    aucs = per_label_roc_auc(Y_TRUE, S)
    assert aucs[1] == pytest.approx(2 / 3)
    for j in range(3):
        assert aucs[j] == pytest.approx(auc_by_pairs(Y_TRUE[:, j], S[:, j]))
        assert aucs[j] == pytest.approx(roc_auc_score(Y_TRUE[:, j], S[:, j]))


def test_ties_count_half():
    y = np.array([[1], [0], [1], [0]])
    s = np.array([[0.5], [0.5], [0.9], [0.1]])
    # pairs: (0.5, 0.5) tie = 0.5, (0.5, 0.1) = 1, (0.9, 0.5) = 1, (0.9, 0.1) = 1 -> 3.5 / 4
    assert per_label_roc_auc(y, s)[0] == pytest.approx(3.5 / 4)


def test_single_class_columns_are_nan_and_skipped():
    Y = np.array([[1, 0, 1], [0, 0, 1], [1, 0, 1]])  # label 1 all 0, label 2 all 1
    S = np.array([[0.9, 0.1, 0.5], [0.2, 0.3, 0.6], [0.8, 0.2, 0.7]])
    aucs = per_label_roc_auc(Y, S)
    assert aucs[0] == pytest.approx(1.0)
    assert np.isnan(aucs[1]) and np.isnan(aucs[2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from nanmean
        assert mean_roc_auc(Y, S) == pytest.approx(1.0)
    assert "mean_roc_auc" in multilabel_scores(Y, (S > 0.5).astype(int), S)


def test_all_columns_single_class_raises():
    with pytest.raises(ValueError, match="undefined"):
        mean_roc_auc(np.zeros((3, 2), int), np.random.default_rng(0).random((3, 2)))


def test_per_label_auc_with_labels_is_a_named_series():
    aucs = per_label_roc_auc(Y_TRUE, Y_SCORE, labels=["a", "b", "c"])
    assert isinstance(aucs, pd.Series) and list(aucs.index) == ["a", "b", "c"]


# ------------------------------------------------------------------ ranking metrics
def test_one_error_by_hand():
    # row 0 top label 0 (true), row 1 top label 0 (true), row 2 top label 1 (false), row 3 has no label: skipped
    assert one_error(Y_TRUE, Y_SCORE) == pytest.approx(1 / 3)


def test_ranking_scores_by_hand():
    r = ranking_scores(Y_TRUE, Y_SCORE)
    # rows with labels: 0, 1, 2. Ranks of true labels (1 = top):
    # row 0: label 0 rank 1 -> coverage 0; row 1: all three true, worst rank 3 -> 2; row 2: label 0 rank 2 -> 1
    assert r["coverage"] == pytest.approx((0 + 2 + 1) / 3)
    # ranking loss: row 0 0/2, row 1 no (true, false) pairs -> 0, row 2: label 1 (false, 0.6) > label 0 (0.4): 1/2
    assert r["ranking_loss"] == pytest.approx((0 + 0 + 1 / 2) / 3)
    # average precision: row 0 1, row 1 1, row 2: label 0 at rank 2 with 1 true at or above -> 1/2
    assert r["average_precision"] == pytest.approx((1 + 1 + 1 / 2) / 3)
    assert r["one_error"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ranking_scores_match_sklearn_on_labelled_rows(seed):
    Y, _, S = random_case(seed)
    Y[5] = 0  # a clean row: skipped by ranking_scores
    r = ranking_scores(Y, S)
    keep = Y.sum(axis=1) > 0
    assert r["coverage"] == pytest.approx(coverage_error(Y[keep], S[keep]) - 1)
    assert r["ranking_loss"] == pytest.approx(label_ranking_loss(Y[keep], S[keep]))
    assert r["average_precision"] == pytest.approx(label_ranking_average_precision_score(Y[keep], S[keep]))
    top = S[keep].argmax(axis=1)
    assert r["one_error"] == pytest.approx(np.mean(Y[keep][np.arange(top.size), top] == 0))


def test_ranking_scores_ignore_clean_rows():
    Y_extra = np.vstack([Y_TRUE, [[0, 0, 0]]])
    S_extra = np.vstack([Y_SCORE, [[0.99, 0.98, 0.97]]])
    assert ranking_scores(Y_extra, S_extra) == pytest.approx(ranking_scores(Y_TRUE, Y_SCORE))
