"""Scoring multi-label predictions: one function for the course's standard report.

Notebook 04 builds each metric by hand; this module holds the versions every
later notebook uses to compare methods on equal terms.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import (
    coverage_error,
    f1_score,
    hamming_loss,
    jaccard_score,
    label_ranking_average_precision_score,
    label_ranking_loss,
    roc_auc_score,
)

__all__ = [
    "per_label_roc_auc",
    "mean_roc_auc",
    "multilabel_scores",
    "one_error",
    "ranking_scores",
    "scores_table",
]


def per_label_roc_auc(Y_true, Y_score, labels=None):
    """ROC AUC of each label column; NaN where the column has only one class."""
    Y_true, Y_score = np.asarray(Y_true), np.asarray(Y_score)
    aucs = []
    for j in range(Y_true.shape[1]):
        if np.unique(Y_true[:, j]).size < 2:
            aucs.append(np.nan)
        else:
            aucs.append(roc_auc_score(Y_true[:, j], Y_score[:, j]))
    return pd.Series(aucs, index=labels, name="roc_auc") if labels is not None else np.array(aucs)


def mean_roc_auc(Y_true, Y_score):
    """Kaggle's metric: the mean of the per-label ROC AUCs (labels with one class skipped)."""
    aucs = np.asarray(per_label_roc_auc(Y_true, Y_score))
    if np.isnan(aucs).all():
        raise ValueError("no label column has both classes: ROC AUC is undefined.")
    return float(np.nanmean(aucs))


def multilabel_scores(Y_true, Y_pred, Y_score=None):
    """The course's standard report for one model as a dict of floats.

    ``Y_pred`` is the 0/1 prediction matrix; ``Y_score`` (probabilities) adds
    the mean column-wise ROC AUC.
    """
    Y_true, Y_pred = np.asarray(Y_true), np.asarray(Y_pred)
    if Y_true.shape != Y_pred.shape:
        raise ValueError(f"Y_true has shape {Y_true.shape} but Y_pred has {Y_pred.shape}.")
    scores = {}
    if Y_score is not None:
        scores["mean_roc_auc"] = mean_roc_auc(Y_true, Y_score)
    scores.update(
        micro_f1=f1_score(Y_true, Y_pred, average="micro", zero_division=0),
        macro_f1=f1_score(Y_true, Y_pred, average="macro", zero_division=0),
        samples_f1=f1_score(Y_true, Y_pred, average="samples", zero_division=1),
        hamming_loss=hamming_loss(Y_true, Y_pred),
        subset_accuracy=float(np.all(Y_true == Y_pred, axis=1).mean()),
        jaccard_samples=jaccard_score(Y_true, Y_pred, average="samples", zero_division=1),
    )
    return {k: float(v) for k, v in scores.items()}


def scores_table(results):
    """A DataFrame with one row per model from ``{name: multilabel_scores(...)}``."""
    return pd.DataFrame.from_dict(results, orient="index").rename_axis("model")


def one_error(Y_true, Y_score):
    """Fraction of samples whose top-ranked label is not one of their labels.

    Samples without any label are skipped, as in Zhang & Zhou (2007).
    """
    Y_true, Y_score = np.asarray(Y_true), np.asarray(Y_score)
    has_label = Y_true.sum(axis=1) > 0
    top = np.argmax(Y_score[has_label], axis=1)
    return float(1.0 - Y_true[has_label][np.arange(top.size), top].mean())


def ranking_scores(Y_true, Y_score):
    """The ranking metrics of the ML-kNN paper: one-error, coverage, ranking loss, average precision.

    Coverage follows the paper (how far down the ranking, counting from 0, one must
    go to cover all true labels), i.e. scikit-learn's ``coverage_error`` minus one.
    Samples without any label are skipped, as in the paper.
    """
    Y_true, Y_score = np.asarray(Y_true), np.asarray(Y_score)
    keep = Y_true.sum(axis=1) > 0
    Y_true, Y_score = Y_true[keep], Y_score[keep]
    return {
        "one_error": one_error(Y_true, Y_score),
        "coverage": float(coverage_error(Y_true, Y_score) - 1.0),
        "ranking_loss": float(label_ranking_loss(Y_true, Y_score)),
        "average_precision": float(label_ranking_average_precision_score(Y_true, Y_score)),
    }
