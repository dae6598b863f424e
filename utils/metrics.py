"""Scoring multi-label predictions: the course's standard report, and when a difference is real.

Notebook 04 builds each metric by hand; this module holds the versions every
later notebook uses to compare methods on equal terms.

**Which labels a macro average counts.** A label with no positive example in
the evaluated split has no recall and no F1 (both are 0/0). Counting them as 0,
as scikit-learn's ``zero_division=0`` does, makes a perfect prediction of a
split where one of two labels is absent score a macro-F1 of 0.5. The course's
policy: such labels are **left out** of macro precision, recall and F1, and
mean ROC AUC also leaves out a label without a negative example (it needs both
classes). :func:`evaluable_labels` decides; :func:`multilabel_scores` names the
labels it left out (``.left_out`` and a one-line ``.note`` to print). Micro
averages pool the counts of all labels and need no policy.

**When a difference is real.** A difference between two models on one test
split is called real only when its 95% paired bootstrap interval excludes zero:
``paired_bootstrap(metric, Y_true, pred_a, pred_b).real``.
"""

from dataclasses import dataclass, field

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

from utils import SEED

__all__ = [
    "BOOTSTRAP_METRICS",
    "MetricScores",
    "PairedBootstrap",
    "bootstrap_scores",
    "evaluable_labels",
    "left_out_labels",
    "macro_scores",
    "macro_f1",
    "per_label_roc_auc",
    "mean_roc_auc",
    "multilabel_scores",
    "one_error",
    "paired_bootstrap",
    "ranking_scores",
    "scores_table",
]


# --------------------------------------------------------------------------- #
# Which labels a split can score
# --------------------------------------------------------------------------- #
def _as_matrix(Y, name):
    arr = np.asarray(Y)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D (n_samples, n_labels) matrix, got shape {arr.shape}.")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} has no rows: there is nothing to score; expected at least one comment.")
    return arr


def _as_binary(Y, name):
    arr = _as_matrix(Y, name)
    if not np.isin(arr, (0, 1)).all():
        raise ValueError(f"{name} must hold only 0 and 1 (or False/True).")
    return arr.astype(bool)


def _check_pair(Y_true, Y_other, name):
    T = _as_binary(Y_true, "Y_true")
    if np.shape(Y_other) != T.shape:
        raise ValueError(f"Y_true has shape {T.shape} but {name} has {np.shape(Y_other)}; expected the same.")
    return T


def evaluable_labels(Y_true, need_negatives=False):
    """Boolean mask of the label columns a macro average scores on this split.

    A label is evaluable when ``Y_true`` has at least one positive example of
    it; with ``need_negatives=True`` (ROC AUC) also at least one negative.
    """
    T = _as_binary(Y_true, "Y_true")
    keep = T.any(axis=0)
    if need_negatives:
        keep &= ~T.all(axis=0)
    return keep


def _label_names(Y_true, labels):
    from utils.labelsets import label_names

    return label_names(Y_true, labels)


def left_out_labels(Y_true, labels=None, need_negatives=False):
    """The names of the labels :func:`evaluable_labels` leaves out, in label order."""
    keep = evaluable_labels(Y_true, need_negatives)
    return [name for name, ok in zip(_label_names(Y_true, labels), keep, strict=True) if not ok]


# --------------------------------------------------------------------------- #
# Macro averages and ROC AUC
# --------------------------------------------------------------------------- #
def _ratio(num, den):
    """num / den, 0 where den is 0."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def macro_scores(Y_true, Y_pred):
    """Macro precision, recall and F1 over the evaluable labels (see the module docstring), as a dict.

    An evaluable label with nothing predicted has precision 0: the model found none of its positives.
    """
    T = _check_pair(Y_true, Y_pred, "Y_pred")
    P = _as_binary(Y_pred, "Y_pred")
    keep = T.any(axis=0)
    if not keep.any():
        raise ValueError("no label has a positive example in Y_true: macro precision, recall and F1 are undefined.")
    tp, fp, fn = (T & P).sum(axis=0)[keep], (~T & P).sum(axis=0)[keep], (T & ~P).sum(axis=0)[keep]
    return {
        "macro_precision": float(_ratio(tp, tp + fp).mean()),
        "macro_recall": float(_ratio(tp, tp + fn).mean()),
        "macro_f1": float(_ratio(2 * tp, 2 * tp + fp + fn).mean()),
    }


def macro_f1(Y_true, Y_pred):
    """Mean F1 of the labels with at least one positive example in ``Y_true``."""
    return macro_scores(Y_true, Y_pred)["macro_f1"]


def per_label_roc_auc(Y_true, Y_score, labels=None):
    """ROC AUC of each label column; NaN where the column has only one class."""
    T = _check_pair(Y_true, Y_score, "Y_score")
    Y_score = np.asarray(Y_score, dtype=float)
    keep = evaluable_labels(T, need_negatives=True)
    aucs = [roc_auc_score(T[:, j], Y_score[:, j]) if keep[j] else np.nan for j in range(T.shape[1])]
    return pd.Series(aucs, index=labels, name="roc_auc") if labels is not None else np.array(aucs)


def mean_roc_auc(Y_true, Y_score):
    """Kaggle's metric: the mean ROC AUC of the labels with both classes in ``Y_true`` (others left out)."""
    aucs = np.asarray(per_label_roc_auc(Y_true, Y_score))
    if np.isnan(aucs).all():
        raise ValueError("no label column has both classes: ROC AUC is undefined.")
    return float(np.nanmean(aucs))


# --------------------------------------------------------------------------- #
# The standard report
# --------------------------------------------------------------------------- #
class MetricScores(dict):
    """A dict of metric values that also says which labels the macro averages left out.

    ``left_out`` maps ``"macro"`` (and ``"mean_roc_auc"`` when scores were given)
    to the names of the labels left out; ``note`` is a one-line sentence, empty
    when every label was scored.
    """

    def __init__(self, values, left_out=None):
        super().__init__(values)
        self.left_out = dict(left_out or {})

    @property
    def note(self):
        parts = []
        if self.left_out.get("macro"):
            parts.append(f"macro averages leave out {', '.join(self.left_out['macro'])} "
                         "(no positive example in this split)")
        if self.left_out.get("mean_roc_auc"):
            parts.append(f"mean ROC AUC leaves out {', '.join(self.left_out['mean_roc_auc'])} "
                         "(only one class in this split)")
        return ("Note: " + "; ".join(parts) + ".") if parts else ""


def multilabel_scores(Y_true, Y_pred, Y_score=None, labels=None):
    """The course's standard report for one model: a :class:`MetricScores` dict of floats.

    ``Y_pred`` is the 0/1 prediction matrix; ``Y_score`` (probabilities) adds
    the mean column-wise ROC AUC. Macro-F1 and mean ROC AUC follow the
    module's policy; ``labels`` names the columns in ``.left_out`` and ``.note``.
    """
    T = _check_pair(Y_true, Y_pred, "Y_pred")
    Y_pred = _as_binary(Y_pred, "Y_pred").astype(int)
    names = _label_names(T, labels)
    scores, left_out = {}, {"macro": left_out_labels(T, names)}
    if Y_score is not None:
        scores["mean_roc_auc"] = mean_roc_auc(T, Y_score)
        left_out["mean_roc_auc"] = left_out_labels(T, names, need_negatives=True)
    scores.update(
        micro_f1=f1_score(T, Y_pred, average="micro", zero_division=0),
        macro_f1=macro_f1(T, Y_pred) if T.any() else np.nan,  # no label to average over
        samples_f1=f1_score(T, Y_pred, average="samples", zero_division=1),
        hamming_loss=hamming_loss(T, Y_pred),
        subset_accuracy=float(np.all(T == Y_pred, axis=1).mean()),
        jaccard_samples=jaccard_score(T, Y_pred, average="samples", zero_division=1),
    )
    return MetricScores({k: float(v) for k, v in scores.items()}, left_out)


def scores_table(results):
    """A DataFrame with one row per model from ``{name: multilabel_scores(...)}``.

    ``table.attrs["notes"]`` keeps each model's left-out-labels note (if any).
    """
    table = pd.DataFrame.from_dict(results, orient="index").rename_axis("model")
    table.attrs["notes"] = {name: s.note for name, s in results.items() if getattr(s, "note", "")}
    return table


# --------------------------------------------------------------------------- #
# Ranking metrics
# --------------------------------------------------------------------------- #
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


# --------------------------------------------------------------------------- #
# Is a difference real? The paired bootstrap
# --------------------------------------------------------------------------- #
#: The metrics :func:`paired_bootstrap` computes vectorised, by name (any other: pass a function).
BOOTSTRAP_METRICS = ("micro_f1", "macro_f1", "samples_f1", "hamming_loss", "subset_accuracy", "mean_roc_auc")


@dataclass(frozen=True)
class PairedBootstrap:
    """The result of :func:`paired_bootstrap`: ``difference`` = metric(A) − metric(B) on the whole split,
    its ``confidence`` interval ``[low, high]`` over the resamples, and ``real`` (the interval excludes 0)."""

    metric: str
    difference: float
    low: float
    high: float
    confidence: float
    n_boot: int
    differences: np.ndarray = field(repr=False, compare=False)

    @property
    def real(self):
        """True when the interval excludes zero: the course's rule for calling a difference real."""
        return bool(self.low > 0 or self.high < 0)

    def __str__(self):
        verdict = "real (the interval excludes 0)" if self.real else "not shown to be real (the interval includes 0)"
        return (f"{self.metric}: A − B = {self.difference:+.4f}, {self.confidence:.0%} interval "
                f"[{self.low:+.4f}, {self.high:+.4f}] over {self.n_boot} paired resamples: {verdict}")


def _nanmean_rows(values, keep):
    """Row means of ``values`` over the ``keep`` cells; NaN for a row with none."""
    n = keep.sum(axis=1)
    total = np.where(keep, values, 0.0).sum(axis=1)
    return np.divide(total, n, out=np.full(len(n), np.nan), where=n > 0)


_FLOAT32_EXACT_BELOW = 2**24  # float32 holds every whole number below this exactly


def _auc_intervals(T, S):
    """What the weighted Mann-Whitney count of every label needs, computed once per model.

    Per label, the distinct scores of its positives cut the negatives into
    intervals: negatives scored strictly between two cuts, and negatives tied
    with a cut. Only intervals holding a negative are kept. Returns the sparse
    ``(intervals, n)`` 0/1 matrix that sums a resample's negative weights per
    interval (all labels stacked), each label's first interval (plus the end),
    and for every (positive row, label) pair: its row, its label, and how many
    of its label's intervals lie strictly below its score and below-or-tied.
    """
    from scipy.sparse import csr_matrix

    n, q = T.shape
    starts, intervals, rows, pos_rows, pos_labels, below, tied = [0], [], [], [], [], [], []
    for j in range(q):
        s, positive = S[:, j], T[:, j]
        cuts = np.unique(s[positive])
        neg = np.flatnonzero(~positive)
        lo = np.searchsorted(cuts, s[neg], side="left")  # cuts scored below each negative
        on_cut = cuts[np.minimum(lo, cuts.size - 1)] == s[neg] if cuts.size else np.zeros(neg.size, bool)
        slot = 2 * lo + on_cut  # 2c: between cuts c - 1 and c; 2c + 1: tied with cut c
        kept, interval = np.unique(slot, return_inverse=True)  # the intervals holding a negative
        intervals.append(starts[-1] + interval)
        rows.append(neg)
        pos = np.flatnonzero(positive)
        c = np.searchsorted(cuts, s[pos])
        pos_rows.append(pos)
        pos_labels.append(np.full(pos.size, j))
        below.append(starts[-1] + np.searchsorted(kept, 2 * c + 1))  # intervals with slot <= 2c
        tied.append(starts[-1] + np.searchsorted(kept, 2 * c + 2))  # ... with slot <= 2c + 1
        starts.append(starts[-1] + kept.size)
    rows, intervals = np.concatenate(rows), np.concatenate(intervals)
    dtype = np.float32 if n * q < _FLOAT32_EXACT_BELOW else np.float64  # running sums reach n * q at most
    E = csr_matrix((np.ones(rows.size, dtype=dtype), (intervals, rows)), shape=(starts[-1], n))
    return (E, np.asarray(starts), np.concatenate(pos_rows), np.concatenate(pos_labels),
            np.concatenate(below), np.concatenate(tied))


def _weighted_mean_auc(W, T, S, intervals=None):
    """Mean ROC AUC on each weighted resample (row of ``W``: how often each comment was drawn).

    Per label, the rank-sum (Mann-Whitney) count with weights: each drawn positive
    wins the drawn negatives scored below it and half of those tied with it, as
    ``roc_auc_score`` counts ties. All labels and resamples at once: one sparse
    product sums the negatives' weights per interval between the positives'
    scores (:func:`_auc_intervals`), running sums over the intervals give what
    each positive wins. Every count is a whole number, so the sums are exact.
    Labels with one class in a resample are left out.
    """
    E, starts, pos_rows, pos_labels, below, tied = intervals if intervals is not None else _auc_intervals(T, S)
    m, q = W.shape[0], T.shape[1]
    WT = np.ascontiguousarray(W.T, dtype=E.dtype)  # one row per comment: row gathers are contiguous
    running = np.zeros((E.shape[0] + 1, m), dtype=E.dtype)  # running[x]: drawn negatives in intervals < x
    np.cumsum(E @ WT, axis=0, out=running[1:])
    halves = running[below].astype(float) + running[tied]  # twice what each positive wins, plus its label's base
    wins = np.zeros((q, m))
    if pos_rows.size:
        first = np.flatnonzero(np.r_[True, pos_labels[1:] != pos_labels[:-1]])
        wins[pos_labels[first]] = 0.5 * np.add.reduceat(WT[pos_rows] * halves, first, axis=0)
    drawn_pos = (W @ T).T
    wins -= drawn_pos * running[starts[:-1]]
    pairs = drawn_pos * (running[starts[1:]] - running[starts[:-1]])
    return _nanmean_rows(np.ascontiguousarray(_ratio(wins, pairs).T), np.ascontiguousarray(pairs.T > 0))


def _weighted_scores(metric, W, T, P, intervals=None):
    """``metric`` of prediction ``P`` on each weighted resample of the rows: an array of ``len(W)`` values.

    ``intervals``: :func:`_auc_intervals` of ``(T, P)`` for ``"mean_roc_auc"``, to reuse across blocks.
    """
    if metric == "mean_roc_auc":
        return _weighted_mean_auc(W, T, P, intervals)
    P = P.astype(bool)
    rows = W.sum(axis=1)
    if metric == "hamming_loss":
        return W @ (T != P).mean(axis=1) / rows
    if metric == "subset_accuracy":
        return W @ (T == P).all(axis=1) / rows
    if metric == "samples_f1":
        tp, both = (T & P).sum(axis=1), T.sum(axis=1) + P.sum(axis=1)
        per_row = np.where(both > 0, _ratio(2 * tp, both), 1.0)
        return W @ per_row / rows
    tp, fp, fn = W @ (T & P), W @ (~T & P), W @ (T & ~P)
    if metric == "micro_f1":
        return _ratio(2 * tp.sum(axis=1), 2 * tp.sum(axis=1) + fp.sum(axis=1) + fn.sum(axis=1))
    return _nanmean_rows(_ratio(2 * tp, 2 * tp + fp + fn), (tp + fn) > 0)  # macro_f1


def _resample_weights(rng, n, n_boot, max_cells=2_000_000):
    """Yield blocks of bootstrap weights: row b counts how often each of the n rows is drawn in resample b."""
    block = max(1, max_cells // n)
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        draws = rng.integers(0, n, size=(size, n)) + n * np.arange(size)[:, None]
        yield np.bincount(draws.ravel(), minlength=size * n).reshape(size, n).astype(float), draws


def _bootstrap_inputs(metric, Y_true, predictions):
    """Checked labels, the metric's name and each model's checked predictions."""
    T = _as_binary(Y_true, "Y_true")
    if not predictions:
        raise ValueError("no predictions given: expected {model name: (n, q) matrix}.")
    for name, pred in predictions.items():
        _check_pair(T, pred, f"the predictions of {name!r}")
    if callable(metric):
        return T, getattr(metric, "__name__", "metric"), {k: np.asarray(v) for k, v in predictions.items()}
    if metric not in BOOTSTRAP_METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {BOOTSTRAP_METRICS} or a function "
                         "(Y_true, pred) -> float.")
    if metric != "mean_roc_auc":
        return T, metric, {k: _as_binary(v, f"the predictions of {k!r}") for k, v in predictions.items()}
    scores = {k: np.asarray(v, dtype=float) for k, v in predictions.items()}
    bad = [k for k, v in scores.items() if not np.isfinite(v).all()]
    if bad:
        raise ValueError(f"mean_roc_auc needs finite scores; the scores of {bad[0]!r} contain NaN or inf.")
    return T, metric, scores


def bootstrap_scores(metric, Y_true, predictions, n_boot=1000, random_state=SEED):
    """``metric`` of every model on the same ``n_boot`` resamples of the rows (drawn with replacement).

    ``predictions`` maps model names to (n, q) 0/1 predictions (scores for
    ``"mean_roc_auc"``); ``metric`` is one of :data:`BOOTSTRAP_METRICS`
    (vectorised) or a function ``(Y_true, pred) -> float``. Returns a DataFrame,
    one row per resample and one column per model; the columns are paired.
    NaN where the metric is undefined on a resample.
    """
    T, _, preds = _bootstrap_inputs(metric, Y_true, predictions)
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 10:
        raise ValueError(f"n_boot must be a whole number of at least 10, got {n_boot!r}.")
    rng = np.random.default_rng(random_state)
    n, blocks = len(T), {name: [] for name in preds}
    intervals = {name: _auc_intervals(T, P) for name, P in preds.items()} if metric == "mean_roc_auc" else {}
    for W, draws in _resample_weights(rng, n, int(n_boot)):
        for name, P in preds.items():
            if callable(metric):
                blocks[name].append([metric(T[r].astype(int), P[r]) for r in draws % n])
            else:
                blocks[name].append(_weighted_scores(metric, W, T, P, intervals.get(name)))
    return pd.DataFrame({name: np.concatenate(b).astype(float) for name, b in blocks.items()}).rename_axis("resample")


def paired_bootstrap(metric, Y_true, pred_a, pred_b, n_boot=1000, confidence=0.95, random_state=SEED):
    """Is model A's score really different from model B's on this split? A :class:`PairedBootstrap`.

    Resamples the rows (comments) with replacement ``n_boot`` times and scores both
    models on the **same** resamples (:func:`bootstrap_scores`), so the spread is
    that of the difference. The interval is the percentile interval of the
    resampled differences; ``.real`` is the course's rule (the interval excludes 0).

    Parameters
    ----------
    metric : one of :data:`BOOTSTRAP_METRICS` (fast, vectorised), or a function
        ``(Y_true, pred) -> float`` (run once per resample).
    Y_true : (n, q) 0/1 labels. pred_a, pred_b : (n, q) 0/1 predictions, or
        scores for ``"mean_roc_auc"``.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, e.g. 0.95; got {confidence!r}.")
    T, name, preds = _bootstrap_inputs(metric, Y_true, {"A": pred_a, "B": pred_b})
    samples = bootstrap_scores(metric, T, preds, n_boot, random_state)
    if callable(metric):
        observed = float(metric(T.astype(int), preds["A"]) - metric(T.astype(int), preds["B"]))
    else:
        ones = np.ones((1, len(T)))
        observed = float(_weighted_scores(metric, ones, T, preds["A"])[0]
                         - _weighted_scores(metric, ones, T, preds["B"])[0])
    diffs = (samples["A"] - samples["B"]).to_numpy()
    valid = diffs[np.isfinite(diffs)]
    if valid.size < 0.9 * n_boot:
        raise ValueError(f"{name} is undefined on {n_boot - valid.size} of {n_boot} resamples (a label without "
                         "positives or negatives): this split is too small to compare the two models on it.")
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(valid, [tail, 100 - tail])
    return PairedBootstrap(name, observed, float(low), float(high), float(confidence), int(n_boot), diffs)
