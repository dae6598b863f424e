"""Checkers for notebook 13 (every method side by side). Each computes the expected answer itself."""

import numpy as np

from utils.checks import check_answer
from utils.comparison import METRICS

__all__ = ["QUALITY_METRICS", "best_method", "mean_quality_rank", "check_best_method", "check_fit_time_ratio",
           "check_best_mean_rank", "check_share_of_resamples"]

QUALITY_METRICS = ["mean_roc_auc", "micro_f1", "macro_f1", "hamming_loss", "subset_accuracy"]


def best_method(table, metric):
    """The method (row name) with the best value of ``metric``, whichever way is better."""
    if metric not in METRICS:
        raise KeyError(f"metric must be one of {list(METRICS)}, got {metric!r}.")
    column = table[metric]
    return column.idxmax() if METRICS[metric] == "higher" else column.idxmin()


def mean_quality_rank(table, metrics=QUALITY_METRICS):
    """Each method's mean rank over ``metrics`` (1 = best on that metric), best first."""
    ranks = [table[m].rank(ascending=METRICS[m] == "lower", method="average") for m in metrics]
    return sum(ranks).div(len(ranks)).sort_values()


def check_best_method(answer, table, metric):
    """Exercise 1: the name of the method with the best ``metric`` in ``table``."""
    direction = "largest" if METRICS[metric] == "higher" else "smallest"
    return check_answer(answer, best_method(table, metric),
                        hint=f"{metric}: {METRICS[metric]} is better, so look for the {direction} value "
                             f"(table['{metric}'].idxmax() or .idxmin()).")


def check_fit_time_ratio(answer, table, slow, fast):
    """Exercise 2: how many times longer ``slow`` takes to train than ``fast`` (from the table)."""
    expected = float(table.loc[slow, "fit_seconds"] / table.loc[fast, "fit_seconds"])
    return check_answer(answer, expected, rtol=0.02,
                        hint=f"divide table.loc['{slow}', 'fit_seconds'] by table.loc['{fast}', 'fit_seconds'].")


def check_best_mean_rank(answer, table):
    """Exercise 3: the method with the best (lowest) mean rank over the five quality metrics."""
    ranks = mean_quality_rank(table)
    return check_answer(answer, ranks.index[0],
                        hint="rank each quality metric in its own direction (ascending=False where higher is "
                             "better), average the five ranks per method, take the smallest.")


def check_share_of_resamples(answer, boot, better, worse):
    """Exercise 4: the share of bootstrap resamples in which ``better`` scores above ``worse``."""
    expected = float(np.mean(boot[better] > boot[worse]))
    return check_answer(answer, expected, atol=1e-9,
                        hint=f"(boot['{better}'] > boot['{worse}']).mean() -- a share between 0 and 1.")
