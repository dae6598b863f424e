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
    n_features, n_labels = int(n_features), int(n_labels)
    return check_answer(
        answer, n_features + n_labels - 1,
        mistakes=[(n_features + n_labels, "one too many: the last link sees the labels BEFORE it, not its own."),
                  (n_features, "that is the first link's width; later links also see the earlier labels.")],
        hint="the last classifier sees every TF-IDF column plus one column per label before it in the chain.",
    )


def _correlation(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.std() == 0 or y.std() == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def check_position_correlation(answer, order_scores, label="toxic", metric="micro_f1", labels=LABELS):
    """Exercise 2: Pearson correlation between ``label``'s position in each order and ``metric``.

    ``order_scores`` is a DataFrame with an ``order`` column (label indices, first = position 0) and a
    column per metric, one row per chain.
    """
    table = pd.DataFrame(order_scores)
    j = list(labels).index(label)
    orders = [list(order) for order in table["order"]]
    scores = table[metric].to_numpy(dtype=float)
    expected = _correlation([order.index(j) for order in orders], scores)
    if expected is None:
        print(f"⚠️ {label}'s position or {metric} is the same in every chain: the correlation is undefined.")
        return None
    mistakes = []
    swapped = _correlation([order[j] for order in orders], scores)
    if swapped is not None:
        mistakes.append((swapped, f"that uses order[{j}], the label AT position {j}; you need the position OF "
                                  f"{label}: list(order).index({j})."))
    mistakes.append((-expected, "right size, wrong sign: check which way round you counted positions."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint=f"for each row, position = list(order).index({j}) (0 = first); then "
        f"np.corrcoef(positions, table['{metric}'])[0, 1].",
    )


def _chain_micro_f1(order, X_train, Y_train, X_test, Y_test):
    pred = ClassifierChain(linear_classifier(), order=order).fit(X_train, Y_train).predict(X_test)
    return float(f1_score(np.asarray(Y_test), pred, average="micro", zero_division=0))


def check_reversed_chain_micro_f1(answer, X_train, Y_train, X_test, Y_test):
    """Exercise 3: test micro F1 of a chain in reversed label order (last label first)."""
    if answer is None:  # skip the fit until there is something to check
        return check_answer(None, None)
    n_labels = np.asarray(Y_train).shape[1]
    order = list(range(n_labels))[::-1]
    expected = _chain_micro_f1(order, X_train, Y_train, X_test, Y_test)
    hint = ("ClassifierChain(linear_classifier(), order=list(range(n_labels))[::-1]) (n_labels = Y_train.shape[1]), "
            "fit on the training split, then f1_score(Y_test, predictions, average='micro').")
    if check_answer(answer, expected, quiet=True):
        return check_answer(answer, expected)
    forward = _chain_micro_f1(list(range(n_labels)), X_train, Y_train, X_test, Y_test)  # fitted only if wrong
    return check_answer(
        answer, expected, hint=hint,
        mistakes=[(forward, "that is the label-order chain (the first label first); reverse the order.")],
    )
