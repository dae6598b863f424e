"""ML-kNN on a classic Mulan benchmark, next to Zhang & Zhou (2007), Table 2 (yeast).

Usage::

    python benchmarks/mlknn_literature.py PATH [PATH ...]

PATH is a Mulan folder (``<name>-train.arff``, ``<name>-test.arff``, ``<name>.xml``)
or the files themselves. As in the paper, train and test are pooled and scored by
ten-fold cross-validation with k=10, s=1 and Euclidean distance; the script prints
the mean ± std over the folds of the paper's five metrics (std: population std over the folds), then the
Hamming loss when a training point counts as its own neighbour. Nothing is downloaded.
"""

import argparse
import sys
import time

import numpy as np
from sklearn.metrics import hamming_loss
from sklearn.model_selection import KFold

from utils import SEED
from utils.adapt import MLkNN
from utils.metrics import ranking_scores
from utils.mulan import MulanFormatError, find_mulan_files, load_mulan

METRICS = ["hamming_loss", "one_error", "coverage", "ranking_loss", "average_precision"]
# Zhang & Zhou (2007), Pattern Recognition 40(7):2038-2048, yeast, ML-kNN row (mean ± std, 10-fold CV).
PAPER_YEAST = {
    "hamming_loss": (0.194, 0.010),
    "one_error": (0.230, 0.030),
    "coverage": (6.275, 0.240),
    "ranking_loss": (0.167, 0.016),
    "average_precision": (0.765, 0.021),
}


def cross_validate(X, Y, n_splits=10, k=10, s=1.0, include_self=False, random_state=SEED):
    """Per-fold scores of ML-kNN (Euclidean, as in the paper) as {metric: array}."""
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    rows = []
    for train, test in folds.split(X):
        model = MLkNN(k=k, s=s, include_self=include_self, metric="euclidean").fit(X[train], Y[train])
        scores = ranking_scores(Y[test], model.predict_proba(X[test]))
        scores["hamming_loss"] = hamming_loss(Y[test], model.predict(X[test]))
        rows.append(scores)
    return {m: np.array([r[m] for r in rows]) for m in METRICS}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="a Mulan folder, or its .arff files and .xml file")
    parser.add_argument("--folds", type=int, default=10)
    args = parser.parse_args(argv)
    try:
        arffs, xml = find_mulan_files(args.paths)
        data = load_mulan(arffs, xml)
    except MulanFormatError as err:
        sys.exit(f"error: {err}")
    X = data.X.toarray() if hasattr(data.X, "toarray") else data.X
    print(f"{data.source}: {X.shape[0]} samples, {X.shape[1]} features, {data.Y.shape[1]} labels")
    start = time.perf_counter()
    results = cross_validate(X, data.Y, n_splits=args.folds)
    print(f"ML-kNN (k=10, s=1, Euclidean), {args.folds}-fold CV in {time.perf_counter() - start:.1f} s\n")
    is_yeast = "yeast" in data.source.lower()
    print(f"{'metric':<18} {'this run':>16} {'paper (yeast)' if is_yeast else '':>16}")
    for m in METRICS:
        ours = f"{results[m].mean():.3f} ± {results[m].std():.3f}"
        paper = f"{PAPER_YEAST[m][0]:.3f} ± {PAPER_YEAST[m][1]:.3f}" if is_yeast else ""
        print(f"{m:<18} {ours:>16} {paper:>16}")
    leaky = cross_validate(X, data.Y, n_splits=args.folds, include_self=True)["hamming_loss"]
    print(f"\nwith include_self=True (scikit-multilearn's default), Hamming loss {leaky.mean():.3f} ± {leaky.std():.3f}: "
          f"{leaky.mean() - results['hamming_loss'].mean():+.4f} vs the paper's leave-one-out counting")


if __name__ == "__main__":
    main()
