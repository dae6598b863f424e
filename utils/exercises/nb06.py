"""In-place answer checks for notebook 06 (classifier chains).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from utils.baselines import linear_classifier
from utils.checks import check_answer
from utils.data import LABELS
from utils.transform import ClassifierChain

__all__ = ["check_last_link_width", "check_position_correlation", "check_reversed_chain_micro_f1"]


def check_last_link_width(answer, n_features, n_labels):
    """Exercise 1: how many input columns the last classifier of a full chain sees."""
    expected = int(n_features) + int(n_labels) - 1
    return check_answer(
        answer, expected,
        hint="the last classifier sees every TF-IDF column plus one column per label before it in the chain.",
    )


def check_position_correlation(answer, order_scores, label="toxic", metric="micro_f1", labels=LABELS):
    """Exercise 2: Pearson correlation between ``label``'s position in each order and ``metric``.

    ``order_scores`` is a DataFrame with an ``order`` column (label indices, first = position 0) and a
    column per metric, one row per chain.
    """
    table = pd.DataFrame(order_scores)
    j = list(labels).index(label)
    positions = np.array([list(order).index(j) for order in table["order"]], dtype=float)
    expected = float(np.corrcoef(positions, table[metric].to_numpy(dtype=float))[0, 1])
    return check_answer(
        answer, expected, atol=1e-3,
        hint=f"for each row, position = list(order).index({j}) (0 = first); then "
        f"np.corrcoef(positions, table['{metric}'])[0, 1].",
    )


def check_reversed_chain_micro_f1(answer, X_train, Y_train, X_test, Y_test):
    """Exercise 3: test micro F1 of a chain in reversed label order (last label first)."""
    if answer is None:  # skip the fit until there is something to check
        return check_answer(None, None)
    n_labels = np.asarray(Y_train).shape[1]
    chain = ClassifierChain(linear_classifier(), order=list(range(n_labels))[::-1])
    pred = chain.fit(X_train, Y_train).predict(X_test)
    expected = f1_score(np.asarray(Y_test), pred, average="micro", zero_division=0)
    return check_answer(
        answer, float(expected),
        hint="ClassifierChain(linear_classifier(), order=[5, 4, 3, 2, 1, 0]), fit on the training split, then "
        "f1_score(Y_test, predictions, average='micro').",
    )
