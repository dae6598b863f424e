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

from utils import metrics
from utils.metrics import (
    BOOTSTRAP_METRICS,
    bootstrap_scores,
    evaluable_labels,
    left_out_labels,
    macro_f1,
    macro_scores,
    mean_roc_auc,
    multilabel_scores,
    one_error,
    paired_bootstrap,
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


# ------------------------------------------------------------------ which labels a macro average counts
def test_absent_label_is_left_out_of_macro_f1_not_scored_zero():
    # issue 16.4: a perfect prediction with one of two labels absent scored 0.5
    Y = np.array([[1, 0], [0, 0], [1, 0]])
    s = multilabel_scores(Y, Y, labels=["a", "b"])
    assert s["macro_f1"] == pytest.approx(1.0)
    assert f1_score(Y, Y, average="macro", zero_division=0) == pytest.approx(0.5)  # what the policy avoids
    assert s.left_out == {"macro": ["b"]}
    assert "b" in s.note and "no positive example" in s.note


def test_evaluable_labels_need_positives_and_for_auc_negatives():
    Y = np.array([[1, 0, 1], [0, 0, 1], [1, 0, 1]])  # a: both classes, b: no positive, c: no negative
    np.testing.assert_array_equal(evaluable_labels(Y), [True, False, True])
    np.testing.assert_array_equal(evaluable_labels(Y, need_negatives=True), [True, False, False])
    assert left_out_labels(Y, ["a", "b", "c"]) == ["b"]
    assert left_out_labels(Y, ["a", "b", "c"], need_negatives=True) == ["b", "c"]


def test_macro_scores_average_only_evaluable_labels_by_hand():
    # label 0: TP 2, FP 0, FN 1; label 1: TP 1, FP 1, FN 0; label 2: absent, one false alarm
    Y = np.array([[1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0]])
    P = np.array([[1, 0, 1], [1, 1, 0], [0, 1, 0], [0, 0, 0]])
    m = macro_scores(Y, P)
    assert m["macro_precision"] == pytest.approx((1 + 1 / 2) / 2)
    assert m["macro_recall"] == pytest.approx((2 / 3 + 1) / 2)
    assert m["macro_f1"] == pytest.approx((4 / 5 + 2 / 3) / 2)
    assert macro_f1(Y, P) == m["macro_f1"]
    # with every label present the policy changes nothing: scikit-learn's macro average
    Y2, P2, _ = random_case(4)
    assert macro_f1(Y2, P2) == pytest.approx(f1_score(Y2, P2, average="macro", zero_division=0))


def test_macro_scores_without_any_positive_explain_why():
    with pytest.raises(ValueError, match="no label has a positive"):
        macro_scores(np.zeros((3, 2), int), np.ones((3, 2), int))
    s = multilabel_scores(np.zeros((3, 2), int), np.zeros((3, 2), int))
    assert np.isnan(s["macro_f1"]) and s.left_out["macro"] == ["label_0", "label_1"]


def test_mean_roc_auc_left_out_labels_are_named():
    Y = np.array([[1, 0, 1], [0, 0, 1], [1, 0, 1]])
    S = np.array([[0.9, 0.1, 0.5], [0.2, 0.3, 0.6], [0.8, 0.2, 0.7]])
    s = multilabel_scores(Y, (S > 0.5).astype(int), S, labels=["a", "b", "c"])
    assert s.left_out == {"macro": ["b"], "mean_roc_auc": ["b", "c"]}
    assert "mean ROC AUC leaves out b, c" in s.note
    assert multilabel_scores(Y_TRUE, Y_PRED, Y_SCORE).note == ""


def test_scores_table_keeps_the_notes():
    Y = np.array([[1, 0], [0, 0]])
    table = scores_table({"perfect": multilabel_scores(Y, Y), "full": multilabel_scores(Y_TRUE, Y_TRUE)})
    assert list(table.attrs["notes"]) == ["perfect"] and "label_1" in table.attrs["notes"]["perfect"]


def test_no_rows_is_an_error_not_nan():
    with pytest.raises(ValueError, match="no rows"):
        multilabel_scores(np.zeros((0, 3), int), np.zeros((0, 3), int))


# ------------------------------------------------------------------ paired bootstrap
def bootstrap_case(n=1000, q=6, seed=0):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, q)) < 0.2).astype(int)
    good = np.clip(0.35 * Y + 0.65 * rng.random((n, q)), 0, 1).round(2)  # rounded: ties in the scores
    weak = np.clip(0.15 * Y + 0.85 * rng.random((n, q)), 0, 1)
    return Y, good, weak


@pytest.mark.parametrize("metric", BOOTSTRAP_METRICS)
def test_bootstrap_observed_difference_matches_multilabel_scores(metric):
    Y, good, weak = bootstrap_case(n=300)
    a, b = (good, weak) if metric == "mean_roc_auc" else ((good > 0.5).astype(int), (weak > 0.5).astype(int))
    r = paired_bootstrap(metric, Y, a, b, n_boot=50)
    sa, sb = multilabel_scores(Y, (good > 0.5).astype(int), good), multilabel_scores(Y, (weak > 0.5).astype(int), weak)
    assert r.difference == pytest.approx(sa[metric] - sb[metric])


@pytest.mark.parametrize("metric", ["micro_f1", "macro_f1", "mean_roc_auc", "hamming_loss"])
def test_vectorised_resamples_match_a_plain_loop(metric):
    # the same seed draws the same resamples; score each one with the plain functions
    Y, good, weak = bootstrap_case(n=120, q=3, seed=1)
    a, b = (good, weak) if metric == "mean_roc_auc" else ((good > 0.5).astype(int), (weak > 0.5).astype(int))
    fast = paired_bootstrap(metric, Y, a, b, n_boot=20, random_state=7)

    def plain(Y_true, pred):
        return multilabel_scores(Y_true, (pred > 0.5).astype(int), pred)[metric]

    slow = paired_bootstrap(plain, Y, a.astype(float), b.astype(float), n_boot=20, random_state=7)
    np.testing.assert_allclose(fast.differences, slow.differences, atol=1e-12)


def test_bootstrap_interval_covers_a_known_difference():
    # B is A with a fixed share of its correct positives switched off: the true micro-recall gap is known
    rng = np.random.default_rng(2)
    Y = (rng.random((2000, 6)) < 0.3).astype(int)
    A = Y.copy()
    B = Y * (rng.random(Y.shape) >= 0.2)  # drops about 20% of the true positives
    r = paired_bootstrap("hamming_loss", Y, B, A, n_boot=500)
    expected = (A - B).sum() / A.size
    assert r.difference == pytest.approx(expected)
    assert r.low < expected < r.high
    assert r.low < 0.3 * 0.2 < r.high  # and the population value: 30% positives, 20% of them dropped


def test_clearly_better_model_is_real_and_identical_models_are_not():
    Y, good, weak = bootstrap_case()
    for metric, a, b in [("mean_roc_auc", good, weak),
                         ("micro_f1", (good > 0.5).astype(int), (weak > 0.5).astype(int)),
                         ("macro_f1", (good > 0.5).astype(int), (weak > 0.5).astype(int))]:
        better = paired_bootstrap(metric, Y, a, b)
        assert better.real and better.low > 0, metric
        same = paired_bootstrap(metric, Y, a, a.copy())
        assert not same.real and same.low <= 0 <= same.high, metric
        assert same.difference == 0
    assert "real (the interval excludes 0)" in str(better) and "not shown to be real" in str(same)


def test_bootstrap_is_seeded():
    Y, good, weak = bootstrap_case(n=200)
    first, again = (paired_bootstrap("mean_roc_auc", Y, good, weak, n_boot=100) for _ in range(2))
    assert (first.low, first.high) == (again.low, again.high)
    np.testing.assert_array_equal(first.differences, again.differences)
    other = paired_bootstrap("mean_roc_auc", Y, good, weak, n_boot=100, random_state=1)
    assert (other.low, other.high) != (first.low, first.high)


def test_bootstrap_is_fast():
    import time

    Y, good, weak = bootstrap_case()
    A, B = (good > 0.5).astype(int), (weak > 0.5).astype(int)
    for metric, a, b in [("micro_f1", A, B), ("macro_f1", A, B), ("mean_roc_auc", good, weak)]:
        start = time.process_time()
        paired_bootstrap(metric, Y, a, b, n_boot=1000)
        assert time.process_time() - start < 1.5, metric  # CPU time on 1,000 rows x 6 labels; ~0.2 s idle


def _auc_before_issue_12(W, T, S):
    """Mean ROC AUC per weighted resample as utils.metrics computed it before issue 12 (one label at a time,
    running sums over each label's sorted negatives): the reference the faster version must equal."""
    from utils.metrics import _nanmean_rows, _ratio

    m = W.shape[0]
    WT = np.ascontiguousarray(W.T)
    aucs, keep = np.zeros((m, T.shape[1])), np.zeros((m, T.shape[1]), dtype=bool)
    for j in range(T.shape[1]):
        s, positive = S[:, j], T[:, j]
        neg = np.flatnonzero(~positive)
        neg = neg[np.argsort(s[neg], kind="stable")]
        pos = np.flatnonzero(positive)
        below = np.searchsorted(s[neg], s[pos], side="left")
        up_to = np.searchsorted(s[neg], s[pos], side="right")
        running = np.zeros((neg.size + 1, m))
        np.cumsum(WT[neg], axis=0, out=running[1:])
        drawn_pos = WT[pos]
        wins = 0.5 * (np.einsum("im,im->m", drawn_pos, running[below])
                      + np.einsum("im,im->m", drawn_pos, running[up_to]))
        pairs = drawn_pos.sum(axis=0) * running[-1]
        keep[:, j] = pairs > 0
        aucs[:, j] = _ratio(wins, pairs)
    return _nanmean_rows(aucs, keep)


def goemotions_sized_case(n=5427, q=28, seed=3):
    """Test-split-sized scores for 28 labels from common to rare, two with one class only, some ties."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, q)) < np.geomspace(0.3, 0.002, q)).astype(int)
    Y[:, -2], Y[:, -1] = 0, 1  # a label without positives, one without negatives: left out
    A = np.clip(0.5 * Y + rng.normal(0, 0.3, (n, q)), 0, 1)
    A[:, ::3] = A[:, ::3].round(2)  # every third label tied, as rounded probabilities are
    B = np.clip(0.4 * Y + rng.normal(0, 0.3, (n, q)), 0, 1)
    return Y, A, B


@pytest.mark.parametrize("exact_below", [metrics._FLOAT32_EXACT_BELOW, 0])  # float32 sums, float64 sums
def test_mean_auc_bootstrap_gives_the_same_numbers_as_before_issue_12(monkeypatch, exact_below):
    monkeypatch.setattr(metrics, "_FLOAT32_EXACT_BELOW", exact_below)
    blocks = metrics._resample_weights
    monkeypatch.setattr(metrics, "_resample_weights",  # 120 resamples in two blocks of weights
                        lambda rng, n, n_boot: blocks(rng, n, n_boot, max_cells=400_000))
    Y, A, B = goemotions_sized_case()
    now = paired_bootstrap("mean_roc_auc", Y, A, B, n_boot=120)
    boot = bootstrap_scores("mean_roc_auc", Y, {"A": A, "B": B}, n_boot=120, random_state=5)
    monkeypatch.setattr(metrics, "_weighted_mean_auc", lambda W, T, S, intervals=None: _auc_before_issue_12(W, T, S))
    before = paired_bootstrap("mean_roc_auc", Y, A, B, n_boot=120)
    np.testing.assert_allclose(now.differences, before.differences, rtol=0, atol=1e-12)
    assert (now.difference, now.low, now.high) == pytest.approx((before.difference, before.low, before.high),
                                                                rel=0, abs=1e-12)
    boot_before = bootstrap_scores("mean_roc_auc", Y, {"A": A, "B": B}, n_boot=120, random_state=5)
    np.testing.assert_allclose(boot.to_numpy(), boot_before.to_numpy(), rtol=0, atol=1e-12)
    assert now.difference == pytest.approx(mean_roc_auc(Y, A) - mean_roc_auc(Y, B), abs=1e-12)


def test_weighted_mean_auc_counts_ties_as_roc_auc_score_does():
    Y, A, _ = goemotions_sized_case(n=300, q=8, seed=4)
    A = A.round(1)  # many ties between positives and negatives
    rng = np.random.default_rng(0)
    draws = rng.integers(0, 300, size=(5, 300))
    W = np.stack([np.bincount(d, minlength=300) for d in draws]).astype(float)
    fast = metrics._weighted_mean_auc(W, Y.astype(bool), A)
    for b, rows in enumerate(draws):
        both = [j for j in range(8) if 0 < Y[rows, j].sum() < len(rows)]
        assert fast[b] == pytest.approx(np.mean([roc_auc_score(Y[rows, j], A[rows, j]) for j in both]), abs=1e-12)


def test_mean_auc_bootstrap_of_28_labels_is_fast():
    import time

    Y, A, B = goemotions_sized_case()
    start = time.process_time()
    paired_bootstrap("mean_roc_auc", Y, A, B, n_boot=1000)
    assert time.process_time() - start < 3.0  # CPU s, GoEmotions' test split; ~1 s (was ~4 s before issue 12)


def test_bootstrap_bad_input_is_explained():
    Y, good, weak = bootstrap_case(n=50)
    with pytest.raises(ValueError, match="unknown metric"):
        paired_bootstrap("accuracy", Y, good, weak)
    with pytest.raises(ValueError, match="only 0 and 1"):
        paired_bootstrap("micro_f1", Y, good, weak)
    with pytest.raises(ValueError, match="shape"):
        paired_bootstrap("mean_roc_auc", Y, good, weak[:, :2])
    with pytest.raises(ValueError, match="NaN"):
        paired_bootstrap("mean_roc_auc", Y, np.full_like(good, np.nan), weak)
    with pytest.raises(ValueError, match="confidence"):
        paired_bootstrap("mean_roc_auc", Y, good, weak, confidence=95)
    with pytest.raises(ValueError, match="n_boot"):
        paired_bootstrap("mean_roc_auc", Y, good, weak, n_boot=3)
    with pytest.raises(ValueError, match="too small"):
        # one positive in four rows: about a third of the resamples have no positive
        paired_bootstrap("mean_roc_auc", [[1], [0], [0], [0]], [[0.9], [0.2], [0.3], [0.1]], np.zeros((4, 1)))


def test_bootstrap_scores_pair_the_models_and_match_comparison():
    from utils.comparison import bootstrap_mean_auc

    Y, good, weak = bootstrap_case(n=200)
    table = bootstrap_scores("mean_roc_auc", Y, {"good": good, "weak": weak}, n_boot=50)
    assert list(table.columns) == ["good", "weak"] and len(table) == 50 and table.index.name == "resample"
    # the same seeded resamples as utils.comparison.bootstrap_mean_auc (which should call this)
    np.testing.assert_allclose(table, bootstrap_mean_auc(Y, {"good": good, "weak": weak}, n_boot=50), atol=1e-12)
    r = paired_bootstrap("mean_roc_auc", Y, good, weak, n_boot=50)
    np.testing.assert_allclose(r.differences, table["good"] - table["weak"])
    with pytest.raises(ValueError, match="no predictions"):
        bootstrap_scores("micro_f1", Y, {})
