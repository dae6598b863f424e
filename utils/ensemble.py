"""Ensembles of problem-transformation models: RAkEL and ensembles of classifier chains.

- :class:`RakelD` (Tsoumakas & Vlahavas, 2007; Tsoumakas et al., 2011): split the
  labels into disjoint random subsets of ``labelset_size`` labels and learn one
  label powerset per subset. Each model sees only ``2**labelset_size`` possible
  label sets instead of ``2**q``.
- :class:`RakelO`: ``n_estimators`` random, *overlapping* labelsets, one label
  powerset each; every label is decided by the share of the models that cover it
  and vote for it (a share of at least ``threshold`` means yes).
- :class:`EnsembleClassifierChains` (Read et al., 2009/2011): several classifier
  chains, each with its own random label order; their probabilities are averaged,
  so no single (possibly bad) order decides.

They are built on :mod:`utils.transform` and follow the scikit-learn API. All
three name their size ``n_estimators``, are seeded by ``random_state``
(default ``utils.SEED``) and, where they threshold a score, predict 1 when the
score is ``>= threshold``.
"""

from math import comb
from numbers import Integral, Real

import numpy as np
from sklearn.base import _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval

from utils import SEED
from utils.transform import ClassifierChain, LabelPowerset
from utils.validation import MultiLabelEstimator

__all__ = [
    "RakelD",
    "RakelO",
    "EnsembleClassifierChains",
    "disjoint_labelsets",
    "overlapping_labelsets",
    "vote_share",
]


def _check_labelset_size(labelset_size, n_labels):
    if isinstance(labelset_size, bool) or not isinstance(labelset_size, (int, np.integer)) \
            or not 1 <= labelset_size <= n_labels:
        raise ValueError(f"labelset_size must be a whole number from 1 to the number of labels "
                         f"({n_labels}), got {labelset_size!r}.")


def disjoint_labelsets(n_labels, labelset_size, random_state=None):
    """A random partition of ``range(n_labels)`` into sets of ``labelset_size`` (the last may be smaller)."""
    _check_labelset_size(labelset_size, n_labels)
    shuffled = check_random_state(random_state).permutation(n_labels)
    return [np.sort(shuffled[i:i + labelset_size]) for i in range(0, n_labels, labelset_size)]


def overlapping_labelsets(n_labels, labelset_size, n_sets, random_state=None):
    """``n_sets`` distinct random labelsets of exactly ``labelset_size`` labels covering every label.

    The first sets are a random partition (topped up to full size with other
    random labels), so every label is in at least one set; the rest are drawn
    at random, never repeating a set.
    """
    _check_labelset_size(labelset_size, n_labels)
    possible = comb(n_labels, labelset_size)
    needed = -(-n_labels // labelset_size)
    if isinstance(n_sets, bool) or not isinstance(n_sets, (int, np.integer)) or not needed <= n_sets <= possible:
        raise ValueError(f"n_estimators must be a whole number from {needed} (to cover all {n_labels} labels) to "
                         f"{possible} (the number of distinct {labelset_size}-labelsets), got {n_sets!r}.")
    rng = check_random_state(random_state)
    chosen = []
    for part in disjoint_labelsets(n_labels, labelset_size, rng):
        if len(part) < labelset_size:
            others = np.setdiff1d(np.arange(n_labels), part)
            part = np.concatenate([part, rng.choice(others, labelset_size - len(part), replace=False)])
        if tuple(np.sort(part)) not in {tuple(s) for s in chosen}:
            chosen.append(np.sort(part))
    seen = {tuple(s) for s in chosen}
    while len(chosen) < n_sets:
        candidate = np.sort(rng.choice(n_labels, labelset_size, replace=False))
        if tuple(candidate) not in seen:
            seen.add(tuple(candidate))
            chosen.append(candidate)
    return chosen


def vote_share(votes, labelsets, n_labels):
    """Per label, the share of the models covering it that voted 1.

    ``votes`` is a list of ``(n, len(labelset))`` 0/1 (or probability) matrices,
    one per labelset.
    """
    total = np.zeros((votes[0].shape[0], n_labels))
    covered = np.zeros(n_labels)
    for vote, labelset in zip(votes, labelsets, strict=True):
        total[:, labelset] += vote
        covered[labelset] += 1
    if (covered == 0).any():
        raise ValueError(f"label(s) {np.flatnonzero(covered == 0).tolist()} are in no labelset; cannot vote on them.")
    return total / covered


class _LabelsetEnsemble(MultiLabelEstimator):
    """Shared code: one LabelPowerset per labelset."""

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict_proba"])],
        "labelset_size": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def _labelset_size(self, n_labels):
        """``labelset_size``, capped at the number of labels (a bigger set is just all labels)."""
        return min(self.labelset_size, n_labels)

    def _fit_labelsets(self, X, Y, labelsets):
        self.labelsets_ = labelsets
        self.estimators_ = [LabelPowerset(self.estimator).fit(X, Y[:, subset]) for subset in labelsets]
        return self

    def _each(self, method, X):
        X = self._validate_X(X)
        return [getattr(est, method)(X) for est in self.estimators_]


class RakelD(_LabelsetEnsemble):
    """RAkEL-d: label powerset on each of the disjoint random labelsets of ``labelset_size`` labels.

    Parameters
    ----------
    estimator : a multi-class classifier with ``predict_proba`` (e.g.
        ``OneVsRestClassifier(linear_classifier())``), cloned per labelset.
    labelset_size : int, labels per subset (the last subset may be smaller; capped at the number of labels).
    random_state : int, RandomState or None, default ``utils.SEED``, seeds the partition.

    Attributes
    ----------
    labelsets_ : list of arrays of label indices; estimators_ : one LabelPowerset per labelset.
    """

    def __init__(self, estimator, labelset_size=3, random_state=SEED):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        size = self._labelset_size(Y.shape[1])
        return self._fit_labelsets(X, Y, disjoint_labelsets(Y.shape[1], size, self.random_state))

    def _assemble(self, parts):
        out = np.zeros((parts[0].shape[0], self.n_labels_), dtype=parts[0].dtype)
        for part, labelset in zip(parts, self.labelsets_, strict=True):
            out[:, labelset] = part
        return out

    def predict(self, X):
        return self._assemble(self._each("predict", X)).astype(int)

    def predict_proba(self, X):
        return self._assemble(self._each("predict_proba", X)).astype(float)


class RakelO(_LabelsetEnsemble):
    """RAkEL-o: ``n_estimators`` overlapping random labelsets; a label is predicted when its vote share >= ``threshold``.

    Parameters
    ----------
    estimator : a multi-class classifier with ``predict_proba``, cloned per labelset.
    labelset_size : int, labels per subset (``k`` in the paper; capped at the number of labels).
    n_estimators : int or None, how many labelsets (``m``); None means ``2 * n_labels``,
        the paper's suggestion (capped at the number of distinct labelsets).
    threshold : float in (0, 1], a label is predicted if at least this share of the models
        covering it vote for it.
    random_state : int, RandomState or None, default ``utils.SEED``, seeds the labelsets.

    ``predict_proba`` averages the label powersets' probabilities of each label
    over the models covering it (a smoother score than the 0/1 vote share,
    which :meth:`vote_share` returns).
    """

    _parameter_constraints = {
        **_LabelsetEnsemble._parameter_constraints,
        "n_estimators": [None, Interval(Integral, 1, None, closed="left")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
    }

    def __init__(self, estimator, labelset_size=3, n_estimators=None, threshold=0.5, random_state=SEED):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.n_estimators = n_estimators
        self.threshold = threshold
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        q = Y.shape[1]
        size = self._labelset_size(q)
        n_sets = self.n_estimators if self.n_estimators is not None else min(2 * q, comb(q, size))
        labelsets = overlapping_labelsets(q, size, n_sets, self.random_state)
        return self._fit_labelsets(X, Y, labelsets)

    def vote_share(self, X):
        """``(n, q)``: share of the models covering each label that predict it."""
        return vote_share(self._each("predict", X), self.labelsets_, self.n_labels_)

    def predict(self, X):
        """1 where the vote share is ``>= threshold``."""
        return (self.vote_share(X) >= self.threshold).astype(int)

    def predict_proba(self, X):
        return vote_share(self._each("predict_proba", X), self.labelsets_, self.n_labels_)


class EnsembleClassifierChains(MultiLabelEstimator):
    """Several classifier chains with random label orders; probabilities averaged.

    Parameters
    ----------
    estimator : a binary classifier with ``predict_proba``, cloned for every link of every chain.
    n_estimators : int, how many chains.
    threshold : float in (0, 1], ``predict`` returns ``predict_proba >= threshold``.
    bootstrap : bool, train each chain on a bootstrap sample (Read et al.'s bagging);
        False (default) uses all rows, so chains differ only in their order.
    random_state : int, RandomState or None, default ``utils.SEED``, seeds the orders (and the samples).

    Attributes
    ----------
    chains_ : list of fitted ClassifierChain; orders_ : their label orders.
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict_proba"])],
        "n_estimators": [Interval(Integral, 1, None, closed="left")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "bootstrap": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator, n_estimators=10, threshold=0.5, bootstrap=False, random_state=SEED):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.threshold = threshold
        self.bootstrap = bootstrap
        self.random_state = random_state

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        rng = check_random_state(self.random_state)
        self.chains_ = []
        for seed in rng.randint(np.iinfo(np.int32).max, size=self.n_estimators):
            rows = rng.randint(X.shape[0], size=X.shape[0]) if self.bootstrap else slice(None)
            chain = ClassifierChain(self.estimator, order="random", random_state=int(seed))
            self.chains_.append(chain.fit(X[rows], Y[rows]))
        self.orders_ = [chain.order_ for chain in self.chains_]
        return self

    def predict_proba(self, X):
        X = self._validate_X(X)
        return np.mean([chain.predict_proba(X) for chain in self.chains_], axis=0)
