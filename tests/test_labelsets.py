"""Tests for utils.labelsets: label statistics, label sets, co-occurrence and split comparison."""

import re

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from utils.data import LABELS
from utils.labelsets import (
    FAIR_ROW,
    NO_LABELS,
    as_label_matrix,
    compare_splits,
    conditional_probability_matrix,
    cooccurrence_matrix,
    label_cardinality,
    label_counts,
    label_density,
    label_names,
    label_set_counts,
    label_set_name,
    label_set_names,
    merge_rare_sets,
    missing_label_rate,
    random_splits,
    rare_label_sets,
    single_label_recall_cap,
    split_label_counts,
    stratified_splits,
    usable_min_counts,
)

# Four samples, three labels a, b, c.
Y3 = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1]])
ABC = ["a", "b", "c"]


def random_label_matrix(n=300, q=6, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.random((n, q)) < np.linspace(0.02, 0.4, q)).astype(int)


# ---------------------------------------------------------------- input checks
@pytest.mark.parametrize(
    "bad, message",
    [
        (np.array([0, 1, 1]), "2-D"),
        (np.array([[0, 2], [1, 0]]), "found 2 at row 0, column 1"),
        (np.array([[0.5, 1.0]]), "only 0 and 1"),
        (np.array([["a", "b"]]), "numbers 0 and 1"),
        (np.array([[np.nan, 1.0]]), "only 0 and 1"),
    ],
)
def test_bad_label_matrix_is_rejected_with_a_clear_message(bad, message):
    with pytest.raises(ValueError, match=message):
        as_label_matrix(bad)


def test_label_matrix_accepts_bool_lists_frames_and_sparse():
    expected = Y3
    for form in (Y3.astype(bool), Y3.tolist(), pd.DataFrame(Y3, columns=ABC), sparse.csr_matrix(Y3)):
        out = as_label_matrix(form)
        assert out.dtype.kind == "i"
        np.testing.assert_array_equal(out, expected)


def test_label_names_default_and_mismatch():
    assert label_names(np.zeros((2, 6), int)) == LABELS
    assert label_names(np.zeros((2, 2), int)) == ["label_0", "label_1"]
    assert label_names(pd.DataFrame(Y3, columns=ABC)) == ABC
    with pytest.raises(ValueError, match="2 label names for a label matrix with 3 columns"):
        label_names(Y3, ["a", "b"])
    with pytest.raises(ValueError, match="unique"):
        label_names(Y3, ["a", "a", "b"])


# ---------------------------------------------------------------- statistics
def test_cardinality_and_density_match_their_definitions():
    Y = random_label_matrix()
    assert label_cardinality(Y3) == pytest.approx((2 + 1 + 0 + 3) / 4)
    assert label_density(Y3) == pytest.approx(label_cardinality(Y3) / 3)
    assert label_density(Y) == pytest.approx(Y.mean())
    with pytest.raises(ValueError, match="no rows"):
        label_cardinality(np.zeros((0, 3), int))


def test_label_counts_are_column_sums():
    counts = label_counts(Y3, ABC)
    assert counts.to_dict() == {"a": 3, "b": 2, "c": 1}


def test_label_set_names_are_readable_and_in_label_order():
    assert label_set_names(Y3, ABC) == ["a+b", "a", NO_LABELS, "a+b+c"]
    assert label_set_name([0, 0, 1, 0, 1, 0]) == "obscene+insult"
    assert label_set_name([0] * 6) == "(none)"


def test_label_set_counts_sum_to_n_and_are_sorted():
    Y = random_label_matrix()
    counts = label_set_counts(Y)
    assert counts.sum() == len(Y)
    assert counts.is_monotonic_decreasing
    assert counts.index.is_unique
    # Every name maps back to rows with exactly that label set.
    names = np.array(label_set_names(Y))
    for name, count in counts.items():
        assert (names == name).sum() == count
    # Number of distinct label sets equals number of distinct rows.
    assert len(counts) == len(np.unique(Y, axis=0))


def test_label_set_counts_break_ties_by_name():
    Y = np.array([[0, 1], [1, 0], [1, 1], [1, 1]])
    counts = label_set_counts(Y, ["x", "y"])
    assert list(counts.index) == ["x+y", "x", "y"]
    assert list(counts) == [2, 1, 1]


def test_rare_label_sets_keeps_only_small_counts():
    Y = random_label_matrix(seed=3)
    rare = rare_label_sets(Y, max_count=2)
    all_counts = label_set_counts(Y)
    assert (rare <= 2).all()
    assert len(rare) == (all_counts <= 2).sum()


def test_cooccurrence_matrix_counts_pairs():
    co = cooccurrence_matrix(Y3, ABC)
    assert co.loc["a", "b"] == 2 and co.loc["b", "a"] == 2
    assert co.loc["a", "c"] == 1
    assert list(np.diag(co)) == [3, 2, 1]
    Y = random_label_matrix()
    co = cooccurrence_matrix(Y)
    i, j = 1, 4
    assert co.iloc[i, j] == int(((Y[:, i] == 1) & (Y[:, j] == 1)).sum())
    np.testing.assert_array_equal(co.to_numpy(), co.to_numpy().T)


def test_conditional_probability_is_p_column_given_row():
    P = conditional_probability_matrix(Y3, ABC)
    assert P.loc["b", "a"] == pytest.approx(1.0)  # every b is also a
    assert P.loc["a", "b"] == pytest.approx(2 / 3)  # two of three a are b
    assert P.loc["c", "b"] == pytest.approx(1.0)
    np.testing.assert_allclose(np.diag(P), 1.0)
    Y = random_label_matrix()
    P = conditional_probability_matrix(Y)
    i, j = 2, 5
    expected = Y[Y[:, i] == 1, j].mean()
    assert P.iloc[i, j] == pytest.approx(expected)


def test_conditional_probability_row_of_unused_label_is_nan():
    Y = np.array([[1, 0], [1, 0]])
    P = conditional_probability_matrix(Y, ["used", "unused"])
    assert P.loc["unused"].isna().all()
    assert P.loc["used", "unused"] == 0


def test_single_label_recall_cap():
    # 3 labelled rows among 6 true labels: at most 3 can be recovered.
    assert single_label_recall_cap(Y3) == pytest.approx(3 / 6)
    assert single_label_recall_cap(np.eye(3, dtype=int)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="no positive labels"):
        single_label_recall_cap(np.zeros((3, 2), int))


# ---------------------------------------------------------------- splits
def test_random_and_stratified_splits_partition_the_rows():
    Y = random_label_matrix(n=200)
    for splits in (random_splits(Y, 0.25, 5, random_state=1), stratified_splits(Y, 0.25, 5, random_state=1)):
        assert len(splits) == 5
        for train, test in splits:
            assert len(set(train) & set(test)) == 0
            assert len(train) + len(test) == len(Y)
            assert len(test) == pytest.approx(50, abs=1)


def test_splits_are_seeded():
    Y = random_label_matrix(n=120)
    a, b = random_splits(Y, n_splits=3, random_state=7), random_splits(Y, n_splits=3, random_state=7)
    for (_, ta), (_, tb) in zip(a, b, strict=True):
        np.testing.assert_array_equal(ta, tb)


def test_split_args_are_checked():
    Y = random_label_matrix(n=20)
    with pytest.raises(ValueError, match="test_size"):
        random_splits(Y, test_size=1.5)
    with pytest.raises(ValueError, match="n_splits"):
        stratified_splits(Y, n_splits=0)


def test_split_label_counts_counts_test_positives():
    splits = [(np.array([0, 1]), np.array([2, 3])), (np.array([2, 3]), np.array([0, 1]))]
    counts = split_label_counts(Y3, splits, ABC)
    assert counts.loc[0].to_dict() == {"a": 1, "b": 1, "c": 1}
    assert counts.loc[1].to_dict() == {"a": 2, "b": 1, "c": 0}
    with pytest.raises(ValueError, match="outside"):
        split_label_counts(Y3, [(np.array([0]), np.array([9]))], ABC)
    with pytest.raises(ValueError, match="empty"):
        split_label_counts(Y3, [], ABC)


def test_compare_splits_table():
    splits = [(np.array([0, 1]), np.array([2, 3])), (np.array([2, 3]), np.array([0, 1]))]
    table = compare_splits(Y3, {"mine": splits}, ABC)
    row = table.loc[("mine", "c")]
    assert row["min_test_positives"] == 0
    assert row["too_few"] == pytest.approx(0.5)
    assert row["share_mean"] == pytest.approx(0.5)  # c: 1 of 1, then 0 of 1
    assert row["share_std"] == pytest.approx(0.5)
    assert table.loc[("mine", "a"), "share_mean"] == pytest.approx((1 / 3 + 2 / 3) / 2)


def test_stratification_keeps_a_rare_label_in_every_test_set():
    # 8 positives of a rare label among 400 rows: random 10% test sets often miss it.
    rng = np.random.default_rng(0)
    Y = np.zeros((400, 3), int)
    Y[rng.choice(400, 8, replace=False), 0] = 1
    Y[:, 1] = rng.random(400) < 0.3
    Y[:, 2] = rng.random(400) < 0.1
    table = compare_splits(
        Y,
        {
            "random": random_splits(Y, test_size=0.1, n_splits=60, random_state=0),
            "stratified": stratified_splits(Y, test_size=0.1, n_splits=60, random_state=0),
        },
    )
    assert table.loc[("random", "label_0"), "too_few"] > 0.2
    assert table.loc[("stratified", "label_0"), "too_few"] == 0
    assert table.loc[("stratified", "label_0"), "share_std"] < table.loc[("random", "label_0"), "share_std"]


def test_missing_label_rate_skips_absent_labels_and_counts_any():
    Y = np.array([[1, 0, 1], [1, 0, 0], [0, 0, 1], [0, 0, 0]])
    splits = [(np.array([2, 3]), np.array([0, 1])), (np.array([0, 1]), np.array([2, 3])),
              (np.array([1, 3]), np.array([0, 2]))]
    rates = missing_label_rate(Y, splits, ["a", "never", "c"])
    assert list(rates.index) == ["a", "c", "ANY label"]  # "never" has no positive: left out
    assert rates["a"] == pytest.approx(1 / 3)  # split 1 has no "a"
    assert rates["c"] == pytest.approx(0)
    assert rates["ANY label"] == pytest.approx(1 / 3)
    strict = missing_label_rate(Y, splits, ["a", "never", "c"], min_positives=2)
    assert strict["c"] == pytest.approx(2 / 3)  # only test set {0, 2} holds both c comments
    assert strict["ANY label"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="no positive labels"):
        missing_label_rate(np.zeros((4, 2), int), splits)


# ---------------------------------------------------------------- merging rare label sets
def rows(*pairs):
    """A label matrix from (row, how many times) pairs."""
    return np.array([row for row, times in pairs for _ in range(times)])


def test_rare_set_becomes_its_largest_frequent_subset():
    A, AB, ABC_, NONE = [1, 0, 0], [1, 1, 0], [1, 1, 1], [0, 0, 0]
    Y = rows((NONE, 5), (A, 3), (AB, 3), (ABC_, 1))
    merged = merge_rare_sets(Y, 2)
    np.testing.assert_array_equal(merged[-1], AB)  # A, AB and (none) are inside ABC; AB has the most labels
    np.testing.assert_array_equal(merged[:-1], Y[:-1])  # frequent sets are kept
    assert merge_rare_sets(Y, 1) is not Y and np.array_equal(merge_rare_sets(Y, 1), Y)


def test_ties_in_size_go_to_the_more_common_subset():
    A, B, AB = [1, 0], [0, 1], [1, 1]
    Y = rows((A, 3), (B, 4), (AB, 1))
    np.testing.assert_array_equal(merge_rare_sets(Y, 2)[-1], B)


def test_rare_set_without_frequent_subset_becomes_no_label():
    # (none) is rare here: the old notebook version left C alone and got more classes at a larger min_count
    A, C, AB, NONE = [1, 0, 0], [0, 0, 1], [1, 1, 0], [0, 0, 0]
    Y = rows((C, 10), (A, 5), (AB, 1), (NONE, 1))
    assert len(label_set_counts(merge_rare_sets(Y, 2))) == 3  # C, A, (none); AB -> A
    merged = merge_rare_sets(Y, 6)  # only C is frequent; A and AB have no frequent subset but (none)
    assert label_set_counts(merged, ABC).to_dict() == {"c": 10, NO_LABELS: 7}


@pytest.mark.parametrize("seed", range(5))
def test_merging_more_never_leaves_more_sets(seed):
    Y = random_label_matrix(n=60, seed=seed)
    n_sets = [len(label_set_counts(merge_rare_sets(Y, m))) for m in range(1, label_set_counts(Y).max() + 1)]
    assert n_sets == sorted(n_sets, reverse=True) and n_sets[0] == len(label_set_counts(Y))


def test_merge_rare_sets_explains_an_impossible_min_count():
    Y = rows(([1, 0], 3), ([0, 1], 2))
    with pytest.raises(ValueError, match="at most 3"):
        merge_rare_sets(Y, 4)
    with pytest.raises(ValueError, match="whole number"):
        merge_rare_sets(Y, 2.5)


def test_usable_min_counts_keep_two_frequent_sets():
    Y = rows(([0, 0], 12), ([1, 0], 4), ([0, 1], 2), ([1, 1], 1))
    assert usable_min_counts(Y) == [1, 2]  # at 5 only (none) would be frequent
    assert usable_min_counts(Y, min_sets=1) == [1, 2, 5, 10]
    assert usable_min_counts(Y, candidates=(3, 4, 5)) == [3, 4]
    assert usable_min_counts(rows(([1, 0], 3)), min_sets=2) == []
    with pytest.raises(ValueError, match="each candidate"):
        usable_min_counts(Y, candidates=(0, 1))


def test_usable_min_counts_on_the_classroom_corpus_keep_the_course_grid():
    from utils.data import load_train_test

    Y_train = load_train_test().Y_train
    assert usable_min_counts(Y_train) == [1, 2, 5, 10, 20]


def test_named_values_pairs_each_name_with_its_value_and_wraps_between_pairs():
    from utils.labelsets import named_values

    names = [f"label_{i}" for i in range(28)]
    text = named_values(range(28), names, width=60)
    lines = text.splitlines()
    assert len(lines) > 1 and all(len(line) <= 60 for line in lines)
    pairs = re.split(r",\s+", " ".join(lines))
    assert pairs == [f"label_{i} {i}" for i in range(28)]  # never a name on one line and its value on the next
    assert named_values({"micro_f1": 0.1184, "hamming_loss": -0.012, "same": 0.0}, fmt="{:.3f}", signed=True) == (
        "micro_f1 +0.118, hamming_loss -0.012, same 0.000"
    )
    assert named_values(pd.Series([1, 2], index=["a", "b"])) == "a 1, b 2"
    with pytest.raises(ValueError, match="3 values for 2 names"):
        named_values([1, 2, 3], ["a", "b"])


def test_missing_label_rate_fair_row_counts_only_labels_a_test_set_can_hold():
    Y = np.array([[1, 0], [1, 0], [1, 0], [1, 1], [0, 0], [0, 0], [0, 0], [0, 0]])
    splits = [(np.array([0, 1, 2, 3, 4, 5]), np.array([6, 7])),  # misses both labels
              (np.array([1, 2, 4, 5, 6, 7]), np.array([0, 3])),  # holds both
              (np.array([1, 2, 3, 4, 5, 6]), np.array([0, 7]))]  # holds "a", misses "b"
    rates = missing_label_rate(Y, splits, ["a", "b"], test_size=0.25)
    assert list(rates.index) == ["a", "b", "ANY label", FAIR_ROW]
    assert rates["ANY label"] == pytest.approx(2 / 3)
    assert rates[FAIR_ROW] == pytest.approx(1 / 3)  # only "a" (4 × 0.25 = 1 comment) counts; "b" has 0.25
    assert np.isnan(missing_label_rate(Y, splits, ["a", "b"], test_size=0.1)[FAIR_ROW])  # no label's share ≥ 1
    assert FAIR_ROW not in missing_label_rate(Y, splits, ["a", "b"]).index
