"""One split helper for the whole course: label-stratified and group-aware.

Near-copies of one comment (a reworded or obfuscated variant, a repost) share a
*group*. A split that puts one copy in the fit rows and another in the
validation rows scores the model on text it has already seen, so every split
inside the course keeps each group on one side, while iterative stratification
keeps each label's share of positives about equal on both sides.
"""


import numpy as np

from utils import SEED
from utils.validation import check_label_matrix

__all__ = ["duplicate_text_groups", "group_stratified_split", "group_stratified_folds", "groups_across"]



def duplicate_text_groups(texts):
    """One group id per distinct text (case and white space ignored): exact copies share a group."""
    import pandas as pd

    keys = [" ".join(str(t).split()).casefold() for t in texts]  # split() breaks on the white space \\s matches
    ids, _ = pd.factorize(np.asarray(keys, dtype=object), sort=True)  # ids in sorted order of the keys
    return ids.astype(np.int64)


def _group_ids(groups, n_rows):
    if groups is None:
        return np.arange(n_rows)
    groups = np.asarray(groups)
    if groups.ndim != 1 or len(groups) != n_rows:
        raise ValueError(f"groups must hold one value per row ({n_rows}); got shape {groups.shape}.")
    _, ids = np.unique(groups, return_inverse=True)
    return ids


def group_stratified_split(Y, groups=None, test_size=0.25, random_state=SEED):
    """Seeded ``(train_index, test_index)``: every group on one side, labels stratified.

    ``groups`` gives one value per row (rows sharing it are near-copies); ``None``
    treats every row as its own group. Stratification is iterative (``iterstrat``)
    over the groups, each group counting as positive for a label when any of its
    rows is. ``test_size`` is the fraction of groups that go to the test side.
    """
    from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

    Y = check_label_matrix(Y)
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be a fraction between 0 and 1, got {test_size!r}.")
    ids = _group_ids(groups, len(Y))
    n_groups = int(ids.max()) + 1 if len(ids) else 0
    if n_groups < 2:
        raise ValueError(f"need at least 2 groups to split, got {n_groups}.")
    group_Y = np.zeros((n_groups, Y.shape[1]), dtype=int)
    np.maximum.at(group_Y, ids, Y)
    splitter = MultilabelStratifiedShuffleSplit(n_splits=1, test_size=test_size, random_state=random_state)
    _, test_groups = next(splitter.split(np.zeros((n_groups, 1)), group_Y))
    is_test = np.isin(ids, test_groups)
    return np.flatnonzero(~is_test), np.flatnonzero(is_test)


def group_stratified_folds(Y, groups=None, n_splits=4, random_state=SEED):
    """Seeded ``(train_index, test_index)`` of each of ``n_splits`` folds: every group in one fold, labels stratified.

    Iterative stratification (``iterstrat``; plain stratification for one label)
    over the groups, a group counting as positive for a label when any of its
    rows is. ``groups=None`` treats every row as its own group.
    """
    from iterstrat.ml_stratifiers import MultilabelStratifiedKFold
    from sklearn.model_selection import StratifiedKFold

    Y = check_label_matrix(Y)
    ids = _group_ids(groups, len(Y))
    n_groups = int(ids.max()) + 1 if len(ids) else 0
    if n_groups < n_splits:
        raise ValueError(f"need at least n_splits={n_splits} groups to make folds, got {n_groups}.")
    group_Y = np.zeros((n_groups, Y.shape[1]), dtype=int)
    np.maximum.at(group_Y, ids, Y)
    if Y.shape[1] == 1:
        splitter, target = StratifiedKFold(n_splits, shuffle=True, random_state=random_state), group_Y[:, 0]
    else:
        splitter, target = MultilabelStratifiedKFold(n_splits, shuffle=True, random_state=random_state), group_Y
    folds = []
    for _, test_groups in splitter.split(np.zeros((n_groups, 1)), target):
        is_test = np.isin(ids, test_groups)
        folds.append((np.flatnonzero(~is_test), np.flatnonzero(is_test)))
    return folds


def groups_across(groups, index_a, index_b):
    """How many groups have rows on both sides of a split (0 for a leak-free split)."""
    groups = np.asarray(groups)
    return len(set(groups[index_a].tolist()) & set(groups[index_b].tolist()))
