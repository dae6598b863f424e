"""Label statistics of a multi-label dataset: label sets, co-occurrence, splits.

Every function takes a 0/1 label matrix ``Y`` of shape ``(n_samples, n_labels)``
(a NumPy array, a nested list, a pandas DataFrame or a SciPy sparse matrix).
``labels`` names the columns; by default the DataFrame's columns, else the
course's six ``LABELS`` when ``Y`` has six columns, else ``label_0, label_1, ...``.

A *label set* is the set of labels one comment carries, written with ``+``
between names in ``labels`` order (``"toxic+obscene+insult"``) or
``"(none)"`` for a clean comment.
"""

import numpy as np
import pandas as pd

from utils import SEED
from utils.validation import check_label_matrix, default_label_names

__all__ = [
    "NO_LABELS",
    "FAIR_ROW",
    "as_label_matrix",
    "label_names",
    "label_counts",
    "label_cardinality",
    "label_density",
    "label_set_name",
    "label_set_names",
    "label_set_counts",
    "named_values",
    "rare_label_sets",
    "merge_rare_sets",
    "usable_min_counts",
    "cooccurrence_matrix",
    "conditional_probability_matrix",
    "single_label_recall_cap",
    "random_splits",
    "stratified_splits",
    "split_label_counts",
    "compare_splits",
    "missing_label_rate",
]

NO_LABELS = "(none)"
SEPARATOR = "+"
FAIR_ROW = "ANY label, fair share ≥ 1"  # missing_label_rate's row for the labels a held-out set can hold


# --------------------------------------------------------------------------- #
# Input checking
# --------------------------------------------------------------------------- #
def as_label_matrix(Y):
    """``Y`` as a 2-D NumPy int array of 0s and 1s, or a ValueError saying what is wrong."""
    return check_label_matrix(Y)


def label_names(Y, labels=None):
    """The column names to use for ``Y`` (see the module docstring for the default)."""
    n_labels = as_label_matrix(Y).shape[1]
    if labels is None:
        if isinstance(Y, pd.DataFrame):
            labels = [str(c) for c in Y.columns]
        else:
            labels = default_label_names(n_labels)
    labels = list(labels)
    if len(labels) != n_labels:
        raise ValueError(f"got {len(labels)} label names for a label matrix with {n_labels} columns.")
    if len(set(labels)) != len(labels):
        raise ValueError(f"label names must be unique; got {labels}.")
    return labels


# --------------------------------------------------------------------------- #
# Counting labels and label sets
# --------------------------------------------------------------------------- #
def label_counts(Y, labels=None):
    """How many samples carry each label, as a Series named ``count``."""
    arr = as_label_matrix(Y)
    return pd.Series(arr.sum(axis=0), index=label_names(Y, labels), name="count")


def label_cardinality(Y):
    """The mean number of labels per sample."""
    arr = as_label_matrix(Y)
    if arr.shape[0] == 0:
        raise ValueError("Y has no rows: label cardinality is undefined.")
    return float(arr.sum(axis=1).mean())


def label_density(Y):
    """Label cardinality divided by the number of labels (the share of 1s in ``Y``)."""
    arr = as_label_matrix(Y)
    if arr.shape[1] == 0:
        raise ValueError("Y has no columns: label density is undefined.")
    return label_cardinality(arr) / arr.shape[1]


def label_set_name(row, labels=None):
    """The readable name of one row's label set: ``"toxic+insult"`` or ``"(none)"``."""
    arr = as_label_matrix(np.asarray(row).reshape(1, -1))
    return label_set_names(arr, labels)[0]


def label_set_names(Y, labels=None):
    """The label-set name of every row, as a list of strings (the label-powerset classes)."""
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    cache = {}
    out = []
    for row in arr:
        key = row.tobytes()
        if key not in cache:
            chosen = [name for name, on in zip(names, row, strict=True) if on]
            cache[key] = SEPARATOR.join(chosen) if chosen else NO_LABELS
        out.append(cache[key])
    return out


def named_values(values, names=None, fmt="{}", signed=False, width=110):
    """``"admiration 6, amusement 8, ..."``: one value per name, wrapped at ``width`` characters.

    ``values`` is a mapping (its keys name the values), a pandas Series, or a
    sequence with ``names``; ``fmt`` formats each value (``"{:.3f}"``), with a
    leading ``+`` for positive values when ``signed``. Easier to read than a
    printed dict when there are many labels.
    """
    import textwrap

    if names is None:
        items = list(values.items())
    else:
        values = list(values)
        if len(values) != len(names):
            raise ValueError(f"got {len(values)} values for {len(names)} names.")
        items = list(zip(names, values, strict=True))
    parts = []
    for name, value in items:
        text = fmt.format(value)
        parts.append(f"{name}\u00a0{'+' if signed and value > 0 else ''}{text}")  # no break inside a pair
    wrapped = textwrap.fill(", ".join(parts), width=width, break_long_words=False, break_on_hyphens=False,
                            subsequent_indent="  ")
    return wrapped.replace("\u00a0", " ")


def label_set_counts(Y, labels=None):
    """The distinct label sets and how many samples carry each, most common first.

    A Series indexed by label-set name (``"(none)"`` for no label), named
    ``count``; ties are ordered by name so the result is deterministic.
    """
    names = pd.Series(label_set_names(Y, labels), dtype=object)
    counts = names.value_counts()
    order = sorted(counts.index, key=lambda name: (-counts[name], name))
    return counts.loc[order].rename("count").rename_axis("label_set")


def rare_label_sets(Y, labels=None, max_count=2):
    """The label sets carried by at most ``max_count`` samples (a slice of :func:`label_set_counts`)."""
    counts = label_set_counts(Y, labels)
    return counts[counts <= max_count]


def _check_min_count(min_count, name="min_count"):
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {min_count!r}.")
    return int(min_count)


def merge_rare_sets(Y, min_count):
    """Replace each label set carried by fewer than ``min_count`` rows with its largest frequent subset.

    Pruning in the spirit of Read (2008): a set is *frequent* when at least
    ``min_count`` rows carry it. A rare set becomes the frequent set contained in
    it with the most labels (ties: the more common one). The empty set
    ``"(none)"`` is contained in every set, so a rare set without any frequent
    subset becomes ``"(none)"``; this keeps the number of distinct sets from
    growing as ``min_count`` grows. Returns a new 0/1 matrix; raises ValueError
    when no label set reaches ``min_count`` (see :func:`usable_min_counts`).
    """
    arr = as_label_matrix(Y)
    min_count = _check_min_count(min_count)
    sets, inverse, counts = np.unique(arr, axis=0, return_inverse=True, return_counts=True)
    if counts.max(initial=0) < min_count:
        raise ValueError(f"no label set occurs min_count={min_count} times (the most common occurs "
                         f"{counts.max(initial=0)} times): there is nothing frequent to merge into; "
                         f"use a min_count of at most {counts.max(initial=0)}.")
    frequent = counts >= min_count
    merged = sets.copy()
    for k in np.flatnonzero(~frequent):
        inside = frequent & np.all(sets <= sets[k], axis=1)  # frequent sets contained in set k
        if inside.any():
            best = np.lexsort((counts[inside], sets[inside].sum(axis=1)))[-1]
            merged[k] = sets[inside][best]
        else:
            merged[k] = 0
    return merged[inverse.ravel()]


def usable_min_counts(Y, candidates=(1, 2, 5, 10, 20), min_sets=2):
    """The ``candidates`` for :func:`merge_rare_sets`' ``min_count`` that leave ``min_sets`` frequent sets.

    On a small data set the larger candidates would merge every comment into
    one or two sets (nothing left to learn); this keeps the ones at which at
    least ``min_sets`` distinct label sets are carried by ``min_count`` rows or more.
    """
    counts = np.sort(label_set_counts(Y).to_numpy())[::-1]
    min_sets = _check_min_count(min_sets, "min_sets")
    needed = counts[min_sets - 1] if len(counts) >= min_sets else 0
    return [int(c) for c in candidates if _check_min_count(c, "each candidate") <= needed]


def cooccurrence_matrix(Y, labels=None):
    """How many samples carry both label i and label j (diagonal: each label's count)."""
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    return pd.DataFrame(arr.T @ arr, index=names, columns=names)


def conditional_probability_matrix(Y, labels=None):
    """``P(column label | row label)``: of the samples with the row's label, the share with the column's.

    The diagonal is 1; a row whose label never occurs is NaN.
    """
    counts = cooccurrence_matrix(Y, labels)
    diagonal = np.diag(counts.to_numpy()).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        probs = counts.to_numpy() / diagonal[:, None]
    probs[diagonal == 0, :] = np.nan
    return pd.DataFrame(probs, index=counts.index, columns=counts.columns)


def single_label_recall_cap(Y):
    """The best label recall (micro) a model predicting at most one label per sample can reach.

    It can hit at most one true label of each labelled sample, so the cap is
    (samples with at least one label) / (all true labels).
    """
    arr = as_label_matrix(Y)
    total = arr.sum()
    if total == 0:
        raise ValueError("Y has no positive labels: recall is undefined.")
    return float((arr.sum(axis=1) > 0).sum() / total)


# --------------------------------------------------------------------------- #
# Comparing random and stratified train/test splits
# --------------------------------------------------------------------------- #
def _check_split_args(n_samples, test_size, n_splits):
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be a fraction between 0 and 1, got {test_size!r}.")
    if isinstance(n_splits, bool) or not isinstance(n_splits, (int, np.integer)) or n_splits < 1:
        raise ValueError(f"n_splits must be a positive whole number, got {n_splits!r}.")
    if n_samples < 2:
        raise ValueError(f"need at least 2 samples to split, got {n_samples}.")


def random_splits(Y, test_size=0.25, n_splits=200, random_state=SEED):
    """``n_splits`` seeded random (unstratified) ``(train_index, test_index)`` pairs."""
    from sklearn.model_selection import ShuffleSplit

    arr = as_label_matrix(Y)
    _check_split_args(len(arr), test_size, n_splits)
    splitter = ShuffleSplit(n_splits=n_splits, test_size=test_size, random_state=random_state)
    return list(splitter.split(arr))


def stratified_splits(Y, test_size=0.25, n_splits=200, random_state=SEED):
    """``n_splits`` seeded iteratively stratified splits (``iterstrat``'s MultilabelStratifiedShuffleSplit)."""
    from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

    arr = as_label_matrix(Y)
    _check_split_args(len(arr), test_size, n_splits)
    splitter = MultilabelStratifiedShuffleSplit(n_splits=n_splits, test_size=test_size, random_state=random_state)
    return list(splitter.split(np.zeros((len(arr), 1)), arr))


def split_label_counts(Y, splits, labels=None):
    """Test-set positives of each label in each split: a DataFrame, one row per split.

    ``splits`` is an iterable of ``(train_index, test_index)`` pairs, as
    returned by :func:`random_splits`, :func:`stratified_splits` or any
    scikit-learn splitter's ``split``.
    """
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    rows = []
    for k, pair in enumerate(splits):
        try:
            _, test_index = pair
        except (TypeError, ValueError):
            raise ValueError(f"split {k} is not a (train_index, test_index) pair.") from None
        test_index = np.asarray(test_index)
        if test_index.size and (test_index.min() < 0 or test_index.max() >= len(arr)):
            raise ValueError(f"split {k} has test indices outside 0..{len(arr) - 1}.")
        rows.append(arr[test_index].sum(axis=0))
    if not rows:
        raise ValueError("splits is empty: expected at least one (train_index, test_index) pair.")
    return pd.DataFrame(rows, columns=names).rename_axis("split")


def compare_splits(Y, splits_by_method, labels=None, min_positives=1):
    """Per method and label: how well the test sets keep each label's share.

    ``splits_by_method`` maps a method name to its list of splits. Returns a
    DataFrame indexed by ``(method, label)`` with columns

    - ``share_mean`` / ``share_std``: mean and spread over the splits of the
      share of the label's positives that land in the test set (ideal: the test size),
    - ``min_test_positives``: the fewest test positives in any split,
    - ``too_few``: the fraction of splits with fewer than ``min_positives``
      test positives (with the default 1: no positive at all).
    """
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    totals = arr.sum(axis=0)
    frames = []
    for method, splits in splits_by_method.items():
        counts = split_label_counts(arr, splits, names)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = counts / np.where(totals > 0, totals, np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "share_mean": shares.mean(),
                    "share_std": shares.std(ddof=0),
                    "min_test_positives": counts.min(),
                    "too_few": (counts < min_positives).mean(),
                }
            ).assign(method=method)
        )
    if not frames:
        raise ValueError("splits_by_method is empty: expected {method name: splits}.")
    table = pd.concat(frames).rename_axis("label").reset_index()
    return table.set_index(["method", "label"])


def missing_label_rate(Y, splits, labels=None, min_positives=1, test_size=None):
    """Per label, the share of splits whose test set has fewer than ``min_positives`` of its comments.

    The entry ``"ANY label"`` is the share of splits where this happens to
    at least one label. With ``test_size`` (the splits' held-out share), the last
    entry, :data:`FAIR_ROW`, is the same share over the labels whose fair share
    (their comments × ``test_size``) is at least one comment; NaN when no label's is.
    Labels with no positive at all in ``Y`` are left out: no split could give them a
    test example.
    """
    counts = split_label_counts(Y, splits, labels)
    positives = as_label_matrix(Y).sum(axis=0)
    counts = counts.loc[:, positives > 0]
    if counts.shape[1] == 0:
        raise ValueError("Y has no positive labels: there is nothing a split could miss.")
    too_few = counts < min_positives
    rates = too_few.mean()
    rates["ANY label"] = too_few.any(axis=1).mean()
    if test_size is not None:
        fair = too_few.loc[:, positives[positives > 0] * test_size >= 1]
        rates[FAIR_ROW] = fair.any(axis=1).mean() if fair.shape[1] else np.nan
    return rates.rename("missing_rate")
