"""Speed of the course's estimators against the libraries, in one run on the same features.

Binary relevance vs scikit-learn's ``MultiOutputClassifier``, the classifier
chain vs scikit-learn's ``ClassifierChain``, ML-kNN and label powerset vs
scikit-multilearn-ng: fit + predict_proba on the classroom corpus' word TF-IDF,
best of ``--repeats`` runs each. A ratio above 1 means the course's version is faster.

    python benchmarks/estimator_speed.py [--repeats 3]
"""

import argparse
import time

import utils  # noqa: F401  (first: picks the Keras backend before anything imports keras)

# isort: split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import ClassifierChain as SkClassifierChain
from sklearn.multioutput import MultiOutputClassifier

from utils.adapt import MLkNN
from utils.baselines import linear_classifier
from utils.data import load_train_test
from utils.features import tfidf_features
from utils.transform import BinaryRelevance, ClassifierChain, LabelPowerset


def best_time(make, X_train, Y_train, X_test, repeats):
    """Best wall-clock seconds of ``make().fit(X_train, Y_train).predict_proba(X_test)``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        make().fit(X_train, Y_train).predict_proba(X_test)
        best = min(best, time.perf_counter() - start)
    return best


def pairs():
    """(name, ours, theirs) factories; theirs come from scikit-learn or scikit-multilearn-ng."""
    from skmultilearn.adapt import MLkNN as SkmlMLkNN  # benchmark-only dependency
    from skmultilearn.problem_transform import LabelPowerset as SkmlLabelPowerset

    return [
        ("BinaryRelevance vs sklearn MultiOutputClassifier",
         lambda: BinaryRelevance(linear_classifier()), lambda: MultiOutputClassifier(linear_classifier())),
        ("ClassifierChain vs sklearn ClassifierChain",
         lambda: ClassifierChain(linear_classifier()), lambda: SkClassifierChain(linear_classifier())),
        ("MLkNN vs scikit-multilearn-ng MLkNN",
         lambda: MLkNN(k=10, s=1.0, include_self=True, metric="minkowski"), lambda: SkmlMLkNN(k=10, s=1.0)),
        ("LabelPowerset vs scikit-multilearn-ng LabelPowerset",
         lambda: LabelPowerset(OneVsRestClassifier(linear_classifier())),
         lambda: SkmlLabelPowerset(OneVsRestClassifier(linear_classifier()))),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    data = load_train_test()
    X_train, X_test, _ = tfidf_features(data.text_train, data.text_test, kind="word")
    print(f"features: word TF-IDF {X_train.shape}, {data.Y_train.shape[1]} labels, best of {args.repeats}")
    rows = []
    for name, ours, theirs in pairs():
        ours_s = best_time(ours, X_train, data.Y_train, X_test, args.repeats)
        theirs_s = best_time(theirs, X_train, data.Y_train, X_test, args.repeats)
        rows.append((name, ours_s, theirs_s))
        print(f"{name:<52} ours {ours_s:7.3f} s  theirs {theirs_s:7.3f} s  ratio (theirs / ours) {theirs_s / ours_s:5.2f}")
    return rows


if __name__ == "__main__":
    main()
