"""Every method of the course on GoEmotions' official split, with choices made on dev only.

Usage (from the repository root, with the GoEmotions folder: train/dev/test.tsv + emotions.txt)::

    MLC_DATA=/path/to/goemotions python benchmarks/goemotions.py [--methods a,b]

Protocol: features (word+char TF-IDF, :func:`utils.features.tfidf_features`) are
fitted once on the train file and reused by every method; each method is fitted
on the train rows; per-label thresholds are chosen on the dev rows
(``data.validation_indices()``); the test file is scored once, with the
method's own ``predict`` (threshold 0.5 or MAP) and with the dev thresholds.
Methods that cannot run on 43k comments in a few minutes get a seeded,
label-stratified subsample of the train rows (``utils.comparison.BENCHMARK_CAPS``;
the ``train rows`` column says so).
One row is appended to ``benchmarks/results/goemotions.md`` as soon as it is done.
"""

import argparse
import inspect
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from utils.comparison import BENCHMARK_CAPS, REGISTRY, capped_rows, markdown_table, train_rows_label
from utils.data import load_train_test
from utils.features import tfidf_features
from utils.metrics import multilabel_scores
from utils.thresholds import apply_thresholds, best_f1_thresholds

HERE = Path(__file__).resolve().parent
OUT = HERE / "results" / "goemotions.md"  # rewritten by each run with the rows of its --methods

DEFAULT_METHODS = ["binary_relevance", "stacked_lr_nblr", "classifier_chain", "keras_single_output", "ml_knn",
                   "label_powerset", "ensemble_of_chains", "rakel_d", "keras_multi_output", "rakel_o"]
COLUMNS = ["train rows", "macro_f1 (dev thresholds)", "micro_f1 (dev thresholds)", "macro_f1 (own predict)",
           "micro_f1 (own predict)", "mean_roc_auc", "fit_seconds", "predict_seconds"]


def run_method(key, X_fit, Y_fit, X_dev, Y_dev, X_test, Y_test, groups=None):
    """Fit on the train rows (or a subsample), thresholds on dev, one score of test: the table's row.

    ``groups`` (near-copy groups of the train rows) reach models whose ``fit`` takes them (Keras: its
    early-stopping split keeps a group on one side)."""
    rows = capped_rows(Y_fit, BENCHMARK_CAPS[key].rows if key in BENCHMARK_CAPS else None)
    model = REGISTRY[key].build()
    takes_groups = groups is not None and "groups" in inspect.signature(model.fit).parameters
    start = time.perf_counter()
    model.fit(X_fit[rows], Y_fit[rows], **({"groups": groups[rows]} if takes_groups else {}))
    fit_seconds = time.perf_counter() - start
    thresholds = best_f1_thresholds(Y_dev, model.predict_proba(X_dev))
    start = time.perf_counter()
    P = np.asarray(model.predict_proba(X_test), dtype=float)
    own = np.asarray(model.predict(X_test), dtype=int)
    predict_seconds = time.perf_counter() - start
    tuned = multilabel_scores(Y_test, apply_thresholds(P, thresholds), P)
    own_scores = multilabel_scores(Y_test, own)
    return {
        "train rows": train_rows_label(len(rows), len(Y_fit)),
        "macro_f1 (dev thresholds)": tuned["macro_f1"], "micro_f1 (dev thresholds)": tuned["micro_f1"],
        "macro_f1 (own predict)": own_scores["macro_f1"], "micro_f1 (own predict)": own_scores["micro_f1"],
        "mean_roc_auc": tuned["mean_roc_auc"], "fit_seconds": fit_seconds, "predict_seconds": predict_seconds,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", default=",".join(DEFAULT_METHODS))
    args = parser.parse_args(argv)
    data = load_train_test()
    if len(data.labels) != 28:
        raise SystemExit(f"expected GoEmotions (28 labels) in MLC_DATA, got {len(data.labels)} labels.")
    fit_idx, dev_idx = data.validation_indices()
    texts = np.asarray(data.text_train, dtype=object)
    start = time.perf_counter()
    X_fit, X_rest, _ = tfidf_features(texts[fit_idx], list(texts[dev_idx]) + list(data.text_test))
    X_dev, X_test = X_rest[: len(dev_idx)], X_rest[len(dev_idx) :]
    feature_seconds = time.perf_counter() - start
    Y = np.asarray(data.Y_train)
    Y_fit, Y_dev, Y_test = Y[fit_idx], Y[dev_idx], np.asarray(data.Y_test)
    head = (f"{len(fit_idx):,} train / {len(dev_idx):,} dev / {len(Y_test):,} test comments, 28 labels; "
            f"word+char TF-IDF {X_fit.shape[1]:,} float32 features in {feature_seconds:.0f} s")
    print(head, file=sys.stderr, flush=True)
    OUT.parent.mkdir(exist_ok=True)
    table = pd.DataFrame(columns=COLUMNS)
    for key in [m.strip() for m in args.methods.split(",") if m.strip()]:
        try:
            table.loc[REGISTRY[key].name] = run_method(key, X_fit, Y_fit, X_dev, Y_dev, X_test, Y_test,
                                                         np.asarray(data.groups_train)[fit_idx])
        except Exception as err:  # one failing method must not lose the others' rows
            table.loc[REGISTRY[key].name] = [f"failed: {type(err).__name__}: {str(err)[:80]}"] + [np.nan] * 7
        print(table.tail(1).to_string(), file=sys.stderr, flush=True)
        OUT.write_text(f"- {head}\n\n{markdown_table(table, digits=3)}\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
