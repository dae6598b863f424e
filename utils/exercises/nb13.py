"""Checkers for notebook 13 (every method side by side).

Each checker computes the expected answer from the table it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

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


def mean_quality_rank(table, metrics=QUALITY_METRICS, *, directions=None):
    """Each method's mean rank over ``metrics`` (1 = best on that metric), best first.

    ``directions`` overrides :data:`METRICS` ("higher" or "lower" is better) per metric.
    """
    directions = {**METRICS, **(directions or {})}
    ranks = [table[m].rank(ascending=directions[m] == "lower", method="average") for m in metrics]
    return sum(ranks).div(len(ranks)).sort_values(kind="stable")


def check_best_method(answer, table, metric):
    """Exercise 1: the name of the method with the best ``metric`` in ``table``."""
    direction = "largest" if METRICS[metric] == "higher" else "smallest"
    best = best_method(table, metric)
    worst = table[metric].idxmin() if METRICS[metric] == "higher" else table[metric].idxmax()
    mistakes = [(str(worst), f"that is the WORST {metric}: {METRICS[metric]} is better.")]
    other = "micro_f1" if metric == "macro_f1" else "macro_f1" if metric == "micro_f1" else None
    if other and other in table:
        mistakes.append((str(best_method(table, other)), f"that is the best {other}; the question asks {metric}."))
    return check_answer(answer, str(best), mistakes=mistakes,
                        hint=f"{metric}: {METRICS[metric]} is better, so look for the {direction} value "
                             f"(table['{metric}'].idxmax() or .idxmin()).")


def check_fit_time_ratio(answer, table, slow, fast):
    """Exercise 2: how many times longer ``slow`` takes to train than ``fast`` (from the table)."""
    slow_s, fast_s = float(table.loc[slow, "fit_seconds"]), float(table.loc[fast, "fit_seconds"])
    expected = slow_s / fast_s
    return check_answer(answer, expected, tol=max(0.02 * expected, 1e-3),
                        mistakes=[(fast_s / slow_s, f"upside down: divide {slow}'s time by {fast}'s."),
                                  (slow_s - fast_s, "that is the difference in seconds; the question asks how many "
                                                    "TIMES longer.")],
                        hint=f"divide table.loc['{slow}', 'fit_seconds'] by table.loc['{fast}', 'fit_seconds'].")


def check_best_mean_rank(answer, table):
    """Exercise 3: the method with the best (lowest) mean rank over the five quality metrics."""
    ranks = mean_quality_rank(table)
    best = str(ranks.index[0])
    one_way = mean_quality_rank(table, directions={m: "higher" for m in QUALITY_METRICS})
    mistakes = [(str(ranks.index[-1]), "that has the WORST mean rank: rank 1 is the best, so take the smallest "
                                       "mean.")]
    if str(one_way.index[0]) != best:
        mistakes.insert(0, (str(one_way.index[0]), "that ranks every metric as 'higher is better'; Hamming loss is "
                                                   "better when LOWER."))
    return check_answer(answer, best, mistakes=mistakes,
                        hint="rank each quality metric in its own direction (ascending=False where higher is "
                             "better), average the five ranks per method, take the smallest.")


def check_share_of_resamples(answer, boot, better, worse):
    """Exercise 4: the share of bootstrap resamples in which ``better`` scores above ``worse``."""
    wins = np.asarray(boot[better]) > np.asarray(boot[worse])
    return check_answer(answer, float(wins.mean()),
                        mistakes=[(float(1 - wins.mean()), f"that is the share where {better} does NOT score "
                                                           "above: flip the comparison."),
                                  (int(wins.sum()), "that is the number of resamples; divide by how many there "
                                                    "are.")],
                        hint=f"(boot['{better}'] > boot['{worse}']).mean() -- a share between 0 and 1.")
