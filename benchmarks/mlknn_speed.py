"""How much faster is ``utils.adapt.MLkNN`` than scikit-multilearn-ng's ``MLkNN``?

Usage::

    python benchmarks/mlknn_speed.py [--repeats 3] [--mulan PATH]

Both fit and predict on the same word TF-IDF features of the course data (the
classroom corpus, or ``$MLC_DATA``), and with ``--mulan`` also on a Mulan
benchmark (e.g. the yeast folder: train on its train file, predict its test
file), with the same settings (k=10, s=1,
Euclidean neighbours, a training point counted as its own neighbour, which is
scikit-multilearn's behaviour). The script checks the predictions agree, then
prints each one's best time over ``--repeats`` runs and the speed ratio.
"""

import argparse
import time

import numpy as np

from utils.adapt import MLkNN
from utils.data import describe_source, load_train_test
from utils.features import tfidf_features
from utils.mulan import find_mulan_files, load_mulan


def best_time(make_model, X_train, Y_train, X_test, repeats):
    """Best wall time of fit + predict over ``repeats`` runs, and the last predictions."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        pred = make_model().fit(X_train, Y_train).predict(X_test)
        best = min(best, time.perf_counter() - start)
    pred = pred.toarray() if hasattr(pred, "toarray") else np.asarray(pred)
    return best, pred


def compare(name, X_train, Y_train, X_test, repeats):
    """Time both implementations on one data set and print the ratio."""
    from skmultilearn.adapt import MLkNN as SkmlMLkNN  # benchmark-only dependency

    print(f"\n{name}: X_train {X_train.shape}, X_test {X_test.shape}, {Y_train.shape[1]} labels")
    ours_s, ours = best_time(lambda: MLkNN(k=10, s=1.0, include_self=True, metric="minkowski"),
                             X_train, Y_train, X_test, repeats)
    skml_s, skml = best_time(lambda: SkmlMLkNN(k=10, s=1.0), X_train, Y_train, X_test, repeats)
    print(f"  identical predictions: {bool(np.array_equal(ours, skml))}")
    print(f"  utils.adapt.MLkNN   fit+predict: {ours_s:.3f} s (best of {repeats})")
    print(f"  skmultilearn MLkNN  fit+predict: {skml_s:.3f} s (best of {repeats})")
    print(f"  speed ratio (skmultilearn / ours): {skml_s / ours_s:.1f}x")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mulan", nargs="+", help="also time on a Mulan folder (or its .arff/.xml files)")
    args = parser.parse_args(argv)
    data = load_train_test()
    X_train, X_test, _ = tfidf_features(data.text_train, data.text_test, kind="word")
    compare(f"course data, word TF-IDF ({describe_source()})", X_train, data.Y_train, X_test, args.repeats)
    if args.mulan:
        arffs, xml = find_mulan_files(args.mulan)
        if len(arffs) != 2:
            raise SystemExit(f"error: --mulan needs a train and a test .arff file, found {len(arffs)}.")
        train, test = load_mulan(arffs[0], xml), load_mulan(arffs[1], xml)
        compare(train.source, train.X, train.Y, test.X, args.repeats)


if __name__ == "__main__":
    main()
