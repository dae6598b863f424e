"""Notebooks 07 and 08 on tiny data sets (issue 16.6): parameters derive from the data, the notebooks finish.

Each data set is a CSV in the classroom corpus's layout (id, comment_text, the six labels, split), drawn
from the corpus with a fixed seed: 40% labelled comments, every third row in the test split. On 30 rows no
label set reaches the larger pruning thresholds of notebook 07, and notebook 08's training split is
smaller than its largest k.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from utils.data import LABELS, load_train_test
from utils.notebook_runs import execute_notebook

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "classroom_comments.csv"


def write_small_corpus(path, n_rows, seed=0):
    """A seeded ``n_rows``-row sample of the classroom corpus, in its layout, written to ``path``.

    The first seed from ``seed`` on whose training rows give every label a positive and a negative
    example (the loader refuses data without them, as it should) is used.
    """
    corpus = pd.read_csv(CORPUS)[["id", "comment_text", *LABELS]]
    labelled = corpus[LABELS].sum(axis=1) > 0
    n_labelled = int(0.4 * n_rows)
    for attempt in range(seed, seed + 1000):
        rng = np.random.default_rng(attempt)
        picked = np.concatenate([rng.choice(np.flatnonzero(labelled), n_labelled, replace=False),
                                 rng.choice(np.flatnonzero(~labelled), n_rows - n_labelled, replace=False)])
        sample = corpus.iloc[rng.permutation(picked)].copy()
        sample["split"] = np.where(np.arange(n_rows) % 3 == 2, "test", "train")
        positives = sample.loc[sample["split"] == "train", LABELS].sum()
        if positives.between(1, (sample["split"] == "train").sum() - 1).all():
            sample.to_csv(path, index=False)
            return sample
    raise AssertionError(f"no seed gives every label a training positive in {n_rows} rows")


def test_small_corpus_is_small_in_the_ways_that_matter(tmp_path):
    from utils.labelsets import label_set_counts, usable_min_counts

    sample = write_small_corpus(tmp_path / "small.csv", 30)
    Y_train = sample.loc[sample["split"] == "train", LABELS].to_numpy()
    assert len(Y_train) < 40  # notebook 08 used to ask for k = 40 neighbours
    assert label_set_counts(Y_train).iloc[1] < 20  # notebook 07's k = 20 left a single set or none
    assert usable_min_counts(Y_train) != [1, 2, 5, 10, 20]
    assert load_train_test(tmp_path / "small.csv").labels == LABELS  # usable data: every label in training


@pytest.mark.parametrize("n_rows", [30, 60])
@pytest.mark.parametrize("notebook", ["07_label_powerset.ipynb", "08_ml_knn.ipynb"])
def test_notebook_finishes_on_a_small_data_set(tmp_path, notebook, n_rows):
    data = tmp_path / f"small_{n_rows}.csv"
    write_small_corpus(data, n_rows)
    run = execute_notebook(REPO / "notebooks" / notebook, data=data, timeout=300)
    assert run.error is None, f"{notebook} stopped on a {n_rows}-row data set:\n{run.error[-3000:]}"
