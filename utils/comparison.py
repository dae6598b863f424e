"""Every method of the course, side by side: one registry, one timing and scoring loop, the report.

Where things live: the estimators are in :mod:`utils.transform`, :mod:`utils.adapt`,
:mod:`utils.ensemble`, :mod:`utils.stacking` and :mod:`utils.keras_estimator` (all on
:class:`utils.validation.MultiLabelEstimator`); Keras builders in :mod:`utils.models`;
running notebooks for the benchmark in :mod:`utils.notebook_runs`. This module holds
the registry of methods, the comparison loop, the bootstrap and the table/figure.

Notebook 13 and ``benchmarks/run_benchmarks.py`` both call
:func:`compare_methods`, so the table a learner sees in class and the one the
benchmark writes come from the same code.

The registry maps a short name to a :class:`Method`: where the course teaches it
and a factory that builds an unfitted estimator (``fit(X, Y)``,
``predict``, ``predict_proba``). Factories import their module only when
called, so a method whose module is missing still appears in the registry and
fails loudly (:func:`missing_methods` lists them) instead of silently
vanishing from the table.
"""

import importlib
import inspect
import re
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from utils import SEED

__all__ = [
    "COURSE_METHODS",
    "EXTRA_METHODS",
    "METRICS",
    "Method",
    "REGISTRY",
    "Cap",
    "BENCHMARK_CAPS",
    "NOTEBOOK_CAPS",
    "SCALE_CAPS",
    "capped_rows",
    "train_rows_label",
    "build_method",
    "missing_methods",
    "course_features",
    "score_method",
    "Comparison",
    "compare_methods",
    "explain_failure",
    "label_names",
    "bootstrap_mean_auc",
    "paired_from_resamples",
    "comparison_figure",
    "markdown_table",
]

# Keras settings (as in notebooks 10-11): a 32-unit hidden layer, Adam, early stopping on a
# stratified 20 % validation part, so training stops after a handful of epochs.
KERAS_HIDDEN = 32
KERAS_MAX_EPOCHS = 30

# The columns of the comparison table, in order, and which way is better.
METRICS = {
    "mean_roc_auc": "higher",
    "micro_f1": "higher",
    "macro_f1": "higher",
    "hamming_loss": "lower",
    "subset_accuracy": "higher",
    "fit_seconds": "lower",
    "predict_seconds": "lower",
}


@dataclass(frozen=True)
class Method:
    """One entry of the registry: a name, where it is taught, how to build it."""

    key: str
    name: str
    notebook: str
    module: str
    factory: object = field(repr=False)
    summary: str = ""

    def build(self):
        """A fresh, unfitted estimator (imports ``module`` now)."""
        return self.factory()


# --------------------------------------------------------------------------- #
# Factories (each imports its module lazily)
# --------------------------------------------------------------------------- #
def _base():
    """The course's base classifier (``utils.baselines.linear_classifier``)."""
    from utils.baselines import linear_classifier

    return linear_classifier()


def _multiclass_base():
    """The base classifier for label powersets: one-vs-rest over the label sets."""
    from sklearn.multiclass import OneVsRestClassifier

    return OneVsRestClassifier(_base())


def _binary_relevance():
    from utils.transform import BinaryRelevance

    return BinaryRelevance(_base())


def _classifier_chain():
    from utils.transform import ClassifierChain

    return ClassifierChain(_base())


def _label_powerset():
    from utils.transform import LabelPowerset

    return LabelPowerset(_multiclass_base())


def _ml_knn():
    from utils.adapt import MLkNN

    return MLkNN(k=10, s=1.0, include_self=False)


def _ensemble_of_chains():
    from utils.ensemble import EnsembleClassifierChains

    return EnsembleClassifierChains(_base(), n_estimators=10, random_state=SEED)


def _rakel_d():
    from utils.ensemble import RakelD

    return RakelD(_multiclass_base(), labelset_size=3, random_state=SEED)


def _rakel_o():
    from utils.ensemble import RakelO

    return RakelO(_multiclass_base(), labelset_size=3, random_state=SEED)


def _keras(builder):
    from utils.keras_estimator import KerasMultiLabel

    return KerasMultiLabel(builder=builder, hidden=KERAS_HIDDEN, epochs=KERAS_MAX_EPOCHS, batch_size=128,
                           learning_rate=1e-2, validation_fraction=0.2, patience=3, random_state=SEED)


def _keras_single_output():
    return _keras("single")


def _keras_multi_output():
    return _keras("multi")


def _stacked_binary_relevance():
    from utils.stacking import StackedBinaryRelevance

    return StackedBinaryRelevance()


def _stacked_lr_nblr():
    from utils.stacking import NBLogisticRegression, StackedBinaryRelevance

    return StackedBinaryRelevance([_base(), NBLogisticRegression(C=1.0)], blend=0.0, meta_C=0.1)


COURSE_METHODS = {
    m.key: m
    for m in [
        Method("binary_relevance", "Binary relevance", "05", "utils.transform", _binary_relevance,
                "one independent logistic regression per label"),
        Method("classifier_chain", "Classifier chain", "06", "utils.transform", _classifier_chain,
                "each label's model also sees the labels before it"),
        Method("label_powerset", "Label powerset", "07", "utils.transform", _label_powerset,
                "one multi-class model over the label sets seen in training"),
        Method("ml_knn", "ML-kNN", "08", "utils.adapt", _ml_knn,
                "neighbours' labels turned into probabilities by Bayes' rule"),
        Method("ensemble_of_chains", "Ensemble of chains", "09", "utils.ensemble", _ensemble_of_chains,
                "average of chains in random label orders"),
        Method("rakel_d", "RAkEL-d", "09", "utils.ensemble", _rakel_d,
                "label powerset on disjoint random label subsets"),
        Method("rakel_o", "RAkEL-o", "09", "utils.ensemble", _rakel_o,
                "label powerset on overlapping random label subsets, votes averaged"),
        Method("keras_single_output", "Keras, one output", "10", "utils.keras_estimator", _keras_single_output,
                "a network with one sigmoid output layer (a unit per label) on TF-IDF"),
        Method("keras_multi_output", "Keras, an output per label", "11", "utils.keras_estimator", _keras_multi_output,
                "a network with one sigmoid head per label on TF-IDF"),
    ]
}

EXTRA_METHODS = {
    m.key: m
    for m in [
        Method("stacked_br", "Stacked binary relevance", "13", "utils.stacking", _stacked_binary_relevance,
                "binary relevance, then a second level that reads every label's first-level score"),
        Method("stacked_lr_nblr", "Stacked LR + NB-LR", "13", "utils.stacking", _stacked_lr_nblr,
                "stacking on two first levels: the course's LR and naive-Bayes-scaled LR (NB-SVM)"),
    ]
}

REGISTRY = {**COURSE_METHODS, **EXTRA_METHODS}


def build_method(key):
    """A fresh, unfitted estimator for the registered method ``key``."""
    if key not in REGISTRY:
        raise KeyError(f"unknown method {key!r}; registered methods are: {', '.join(REGISTRY)}.")
    return REGISTRY[key].build()


def missing_methods(keys=None):
    """``{key: reason}`` for registered methods whose module cannot be imported yet."""
    missing = {}
    for key in keys or REGISTRY:
        module = REGISTRY[key].module
        try:
            importlib.import_module(module)
        except ImportError as err:
            missing[key] = f"{module} is not importable ({err})"
    return missing


# --------------------------------------------------------------------------- #
# Training rows: every row where a method scales, a documented cap where it does not
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Cap:
    """At most ``rows`` training rows for a method, and ``why`` it cannot use more within its budget."""

    rows: int
    why: str


#: The GoEmotions benchmark (``benchmarks/goemotions.py``): every method trains on all 43,410 train rows
#: except these, which would take far more than a few minutes on two cores.
BENCHMARK_CAPS = {
    "label_powerset": Cap(8_000, "one-vs-rest over ~700 label sets: one logistic regression per set"),
    "rakel_d": Cap(8_000, "label powersets over 3-label subsets of 28 labels"),
    "rakel_o": Cap(8_000, "as RAkEL-d, with more subsets"),
    "ml_knn": Cap(15_000, "exact neighbours: a 15k x 15k block-wise sparse product in fit"),
    "ensemble_of_chains": Cap(15_000, "ten chains of 28 logistic regressions"),
}

#: ``make bench`` on a Kaggle-size data set (``run_benchmarks.py --caps scale``, 159,571 training comments):
#: binary relevance and the classifier chain train on every row; these on a sample, for the reason given.
SCALE_CAPS = {
    "label_powerset": Cap(20_000, "one logistic regression per label set seen, dozens of classes"),
    "rakel_d": Cap(20_000, "a label powerset per label subset"),
    "rakel_o": Cap(20_000, "a label powerset per overlapping subset, twice as many subsets as labels"),
    "ml_knn": Cap(20_000, "exact neighbours: fit compares every training row with every other (n^2)"),
    "ensemble_of_chains": Cap(40_000, "ten chains: ten times a chain's fits"),
    "keras_single_output": Cap(40_000, "several epochs over every training row"),
    "keras_multi_output": Cap(40_000, "as the other network, with one output layer per label"),
    "stacked_lr_nblr": Cap(40_000, "out-of-fold level-1 fits: about ten binary relevances"),
}

#: Notebook 13 trains every method on at most ``CAP`` comments of a large data set (its own cap, printed),
#: and these slowest ones on fewer still (above the classroom corpus's 2,449, so it is never cut).
NOTEBOOK_CAPS = {
    "label_powerset": Cap(2_500, "one-vs-rest over every label set seen: hundreds of models with many labels"),
    "rakel_o": Cap(2_500, "a label powerset per overlapping 3-label subset, twice as many subsets as labels"),
    "ensemble_of_chains": Cap(2_500, "ten chains of one logistic regression per label"),
    "keras_single_output": Cap(2_500, "a network trained for several epochs on tens of thousands of features"),
    "keras_multi_output": Cap(2_500, "as the other network, with one output layer per label"),
}


def capped_rows(Y, n_rows=None, groups=None, random_state=SEED):
    """Sorted indices of a seeded, label-stratified sample of ``n_rows`` rows of ``Y`` (all rows if ``None`` or more).

    Groups of near-copies (``groups``) stay whole, so the sample holds about ``n_rows`` rows.
    """
    from utils.splits import group_stratified_split

    n = len(Y)
    if n_rows is not None and (isinstance(n_rows, bool) or not isinstance(n_rows, (int, np.integer)) or n_rows < 1):
        raise ValueError(f"n_rows must be a whole number of rows from 1, or None for all rows; got {n_rows!r}.")
    if n_rows is None or n_rows >= n:
        return np.arange(n)
    return np.sort(group_stratified_split(Y, groups, test_size=n_rows / n, random_state=random_state)[1])


def train_rows_label(n_used, n_all):
    """How a table marks a method's training rows: ``"43,410"``, or ``"8,000 (subsample)"`` when capped."""
    return f"{n_used:,}" + (" (subsample)" if n_used < n_all else "")


# --------------------------------------------------------------------------- #
# Features, scoring, the comparison loop
# --------------------------------------------------------------------------- #
def course_features(data):
    """The course's word+char TF-IDF for a :class:`~utils.data.TrainTest`: ``(X_train, X_test)``."""
    from utils.features import tfidf_features

    X_train, X_test, _ = tfidf_features(data.text_train, data.text_test, kind="word+char")
    return X_train, X_test


def _fit_accepts_groups(estimator):
    """Whether ``estimator.fit`` takes ``groups=`` (near-copies kept on one side of its validation split)."""
    try:
        return "groups" in inspect.signature(estimator.fit).parameters
    except (TypeError, ValueError):  # a builtin or C fit without a readable signature
        return False


def _fit_and_predict(estimator, X_train, Y_train, X_test, Y_test, groups=None):
    """Fit (with ``groups`` if its ``fit`` takes them), predict, time both; return ``(row, Y_score, Y_pred)``."""
    from utils.metrics import multilabel_scores

    fit_params = {"groups": groups} if groups is not None and _fit_accepts_groups(estimator) else {}
    start = time.perf_counter()
    estimator.fit(X_train, Y_train, **fit_params)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    Y_score = np.asarray(estimator.predict_proba(X_test), dtype=float)
    Y_pred = np.asarray(estimator.predict(X_test), dtype=int)
    predict_seconds = time.perf_counter() - start
    if Y_score.shape != np.shape(Y_test) or Y_pred.shape != np.shape(Y_test):
        raise ValueError(
            f"{type(estimator).__name__} returned scores of shape {Y_score.shape} and predictions of "
            f"shape {Y_pred.shape}; expected {np.shape(Y_test)} (one column per label)."
        )
    scores = multilabel_scores(Y_test, Y_pred, Y_score)
    row = {k: scores[k] for k in METRICS if k in scores}
    row.update(fit_seconds=fit_seconds, predict_seconds=predict_seconds)
    return row, Y_score, Y_pred


def score_method(estimator, X_train, Y_train, X_test, Y_test, groups=None):
    """Fit ``estimator``, predict the test split, and return the table's row as a dict.

    ``fit_seconds`` times ``fit``; ``predict_seconds`` times ``predict_proba``
    plus ``predict`` on the test split (wall-clock, so noisy on a busy machine).
    Threshold metrics use each method's own ``predict``. ``groups`` (one id per
    training row, e.g. ``data.groups_train``) reach ``fit`` when it takes them,
    as the Keras methods' early-stopping split does.
    """
    return _fit_and_predict(estimator, X_train, Y_train, X_test, Y_test, groups=groups)[0]


@dataclass
class Comparison:
    """What :func:`compare_methods` returns: the table plus what produced it."""

    table: pd.DataFrame
    scores: dict  # method name -> (n_test, q) P(label = 1)
    predictions: dict  # method name -> (n_test, q) 0/1
    estimators: dict  # method name -> fitted estimator
    Y_test: np.ndarray
    skipped: dict  # key -> why it was skipped
    keys: dict  # method name -> registry key


def compare_methods(keys=None, data=None, features=None, *, caps=None, on_missing="skip", verbose=True):
    """Train and score each method on the same split and features; one table row each.

    Parameters
    ----------
    keys : list of str, optional
        Registry keys, in table order. Default: every registered method.
    data : TrainTest, optional
        Default: ``load_train_test()`` (``$MLC_DATA`` or the classroom corpus).
    features : (X_train, X_test), optional
        Default: :func:`course_features` of ``data``.
    caps : dict, optional
        ``{key: Cap or int}``: the methods named train on a seeded, stratified sample of that
        many training rows (:func:`capped_rows`), the others on every row; the table then
        starts with a ``train_rows`` column (:func:`train_rows_label`). Default: every method
        on every row, no such column.
    on_missing : "skip" or "raise"
        What to do with a method whose module is missing: skip it with a printed
        note (listed in ``skipped``), or raise.

    A method whose ``fit`` takes ``groups=`` (the Keras rows: their early-stopping split)
    gets ``data.groups_train`` for the rows it trains on, so near-copies stay on one side.

    Returns a :class:`Comparison`; its ``table`` is indexed by the methods'
    display names, with the columns of :data:`METRICS`. A method that raises
    does not stop the others: its row has empty scores and an ``error`` column
    (added only when something failed) says what went wrong, with label names
    rather than column numbers, and what to try.
    """
    from utils.data import load_train_test

    keys = list(keys or REGISTRY)
    unknown = [k for k in keys if k not in REGISTRY]
    if unknown:
        raise KeyError(f"unknown method(s) {unknown}; registered methods are: {', '.join(REGISTRY)}.")
    if on_missing not in ("skip", "raise"):
        raise ValueError(f"on_missing must be 'skip' or 'raise', got {on_missing!r}.")
    data = data if data is not None else load_train_test()
    X_train, X_test = features if features is not None else course_features(data)
    Y_train = np.asarray(data.Y_train)
    row_caps = {k: getattr(c, "rows", c) for k, c in (caps or {}).items()}
    groups_train = np.asarray(data.groups_train)
    samples = {n: capped_rows(Y_train, n, groups_train) for n in {row_caps[k] for k in keys if k in row_caps}}
    missing = missing_methods(keys)
    if missing and on_missing == "raise":
        raise ImportError("; ".join(f"{k}: {why}" for k, why in missing.items()))
    rows, scores, predictions, fitted, names = {}, {}, {}, {}, {}
    for key in keys:
        if key in missing:
            if verbose:
                print(f"skipped {key}: {missing[key]}")
            continue
        name = REGISTRY[key].name
        names[name] = key
        keep = samples.get(row_caps.get(key))  # None: every training row
        X_fit, Y_fit = (X_train, Y_train) if keep is None else (X_train[keep], Y_train[keep])
        groups_fit = groups_train if keep is None else groups_train[keep]
        try:
            fitted[name] = REGISTRY[key].build()
            rows[name], scores[name], predictions[name] = _fit_and_predict(
                fitted[name], X_fit, Y_fit, X_test, data.Y_test, groups=groups_fit
            )
            rows[name]["error"] = ""
        except Exception as err:  # one failing method must not throw the whole comparison away
            fitted.pop(name, None)
            rows[name] = {"error": explain_failure(err, key, label_names(data), data.Y_train)}
        rows[name]["train_rows"] = train_rows_label(len(Y_fit), len(Y_train))
        if verbose:
            r = rows[name]
            if r["error"]:
                print(f"{name:<26} FAILED: {r['error']}")
            else:
                print(f"{name:<26} ROC AUC {r['mean_roc_auc']:.3f}   fit {r['fit_seconds']:5.1f} s")
    failed = any(r["error"] for r in rows.values())
    columns = (["train_rows"] if caps is not None else []) + list(METRICS) + (["error"] if failed else [])
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("method")
    return Comparison(table, scores, predictions, fitted, np.asarray(data.Y_test), missing, names)


def label_names(data):
    """The label names of a :class:`~utils.data.TrainTest` (its label columns), or the default names."""
    from utils.validation import default_label_names

    names = getattr(data, "labels", None)
    return list(names) if names is not None else default_label_names(np.shape(data.Y_train)[1])


_COLUMN_LIST = re.compile(r"(label )?columns?\(?s?\)? \[([0-9, ]+)\]")


def explain_failure(err, key, labels, Y_train):
    """A learner-readable note for a method that failed: what went wrong, in label names, and what to try."""
    message = str(err).splitlines()[0] if str(err) else type(err).__name__

    def named(match):
        idx = [int(i) for i in match.group(2).split(",") if i.strip()]
        return "label(s) " + ", ".join(labels[i] if i < len(labels) else str(i) for i in idx)

    message = _COLUMN_LIST.sub(named, message)
    positives = np.asarray(Y_train).sum(axis=0)
    rarest = ", ".join(f"{labels[j]} ({int(positives[j])} positive)" for j in np.argsort(positives)[:2])
    return (f"{type(err).__name__}: {message} Rarest labels in training: {rarest}. Try more training rows "
            f"(a bigger MLC_DATA sample) or fewer labels; to see the full traceback run "
            f"build_method({key!r}).fit(X_train, data.Y_train) in a cell of its own.")


# --------------------------------------------------------------------------- #
# How sure are we? Bootstrap over the test comments
# --------------------------------------------------------------------------- #
def bootstrap_mean_auc(Y_true, scores, n_boot=200, random_state=SEED):
    """Mean ROC AUC of each method on ``n_boot`` bootstrap resamples of the test rows.

    ``scores`` maps method names to ``(n, q)`` score matrices. Every method is
    scored on the same resamples, so differences between columns are paired.
    Returns a DataFrame with one row per resample and one column per method
    (:func:`utils.metrics.bootstrap_scores` with ``"mean_roc_auc"``).
    """
    from utils.metrics import bootstrap_scores

    return bootstrap_scores("mean_roc_auc", Y_true, scores, n_boot=n_boot, random_state=random_state)


def paired_from_resamples(boot, a, b, observed, metric="mean_roc_auc", confidence=0.95):
    """The course's rule for ``a`` − ``b``, read from resamples already scored: a ``PairedBootstrap``.

    ``boot`` is a table of :func:`bootstrap_mean_auc` (or :func:`utils.metrics.bootstrap_scores`): every
    method scored once on the same resamples, so each pair's verdict costs nothing more. ``observed`` is
    ``metric(a) − metric(b)`` on the whole split. With the same resamples (``n_boot`` and seed) the result
    equals :func:`utils.metrics.paired_bootstrap` of the two methods.
    """
    from utils.metrics import PairedBootstrap

    for name in (a, b):
        if name not in boot:
            raise KeyError(f"no resampled scores for {name!r}; boot has: {', '.join(map(str, boot.columns))}.")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, e.g. 0.95; got {confidence!r}.")
    diffs = (boot[a] - boot[b]).to_numpy()
    valid = diffs[np.isfinite(diffs)]
    if valid.size < 0.9 * len(diffs):
        raise ValueError(f"{metric} is undefined on {len(diffs) - valid.size} of {len(diffs)} resamples: this split "
                         "is too small to compare the two methods on it.")
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(valid, [tail, 100 - tail])
    return PairedBootstrap(metric, float(observed), float(low), float(high), float(confidence), len(diffs), diffs)


# --------------------------------------------------------------------------- #
# Presenting the table
# --------------------------------------------------------------------------- #
FAMILIES = {"05": "transformation", "06": "transformation", "07": "transformation", "08": "adaptation",
            "09": "ensemble", "10": "neural network", "11": "neural network", "13": "stacking"}


def comparison_figure(table, metrics=("mean_roc_auc", "micro_f1", "macro_f1", "hamming_loss",
                                      "subset_accuracy", "fit_seconds")):
    """One seaborn figure: a dot panel per metric, methods on the y-axis, coloured by family.

    Dots, not bars: each panel's axis is zoomed to its values (the differences are
    the point), and training time is on a log scale.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    family = {m.name: FAMILIES.get(m.notebook, "other") for m in REGISTRY.values()}
    long = table.reset_index().melt(id_vars="method", value_vars=list(metrics), var_name="metric")
    long["family"] = long["method"].map(family).fillna("other")
    grid = sns.catplot(
        data=long, y="method", x="value", col="metric", hue="family", kind="strip", col_wrap=3,
        sharex=False, jitter=False, size=8, height=2.9, aspect=1.2, palette="tab10",
    )
    from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter

    for ax, metric in zip(grid.axes.flat, metrics, strict=False):
        ax.set_title(f"{metric} ({METRICS[metric]} is better)", fontsize=12)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(labelsize=11)
        if metric.endswith("_seconds"):
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(base=10, numticks=6))  # labels at powers of ten only
            ax.xaxis.set_minor_formatter(NullFormatter())
        else:
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    sns.move_legend(grid, "upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(set(family.values())), title=None,
                    frameon=False)
    plt.tight_layout()
    return grid


def markdown_table(table, digits=3):
    """A Markdown table of ``table`` (index first), numbers rounded to ``digits``."""
    header = [table.index.name or ""] + [str(c) for c in table.columns]
    align = ["---:" if pd.api.types.is_numeric_dtype(table[c]) else "---" for c in table.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + align) + "|"]
    for name, row in table.iterrows():
        cells = [str(name)] + [_format(v, digits) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _format(value, digits):
    if isinstance(value, (float, np.floating)):
        return "" if np.isnan(value) else f"{value:.{digits}f}"
    return str(value)
