"""Ensembles of problem-transformation models: RAkEL and ensembles of classifier chains.

- :class:`RakelD` (Tsoumakas & Vlahavas, 2007; Tsoumakas et al., 2011): split the
  labels into disjoint random subsets of ``labelset_size`` labels and learn one
  label powerset per subset. Each model sees only ``2**labelset_size`` possible
  label sets instead of ``2**q``.
- :class:`RakelO`: ``n_estimators`` random, *overlapping* labelsets, one label
  powerset each; every label is decided by the share of the models that cover it
  and vote for it (above ``threshold`` means yes).
- :class:`EnsembleClassifierChains` (Read et al., 2009/2011): several classifier
  chains, each with its own random label order; their probabilities are averaged,
  so no single (possibly bad) order decides.

They are built on :mod:`utils.transform` and follow the scikit-learn API.
"""

from math import comb

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from utils.transform import ClassifierChain, LabelPowerset
from utils.validation import MultiLabelEstimator, check_label_matrix

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

    def _fit_labelsets(self, X, Y, labelsets):
        self.labelsets_ = labelsets
        self.estimators_ = [LabelPowerset(self.estimator).fit(X, Y[:, subset]) for subset in labelsets]
        self.n_labels_ = Y.shape[1]
        return self

    def _each(self, method, X):
        check_is_fitted(self, "estimators_")
        return [getattr(est, method)(X) for est in self.estimators_]


class RakelD(_LabelsetEnsemble):
    """RAkEL-d: label powerset on each of the disjoint random labelsets of ``labelset_size`` labels.

    Parameters
    ----------
    estimator : a multi-class classifier with ``predict_proba`` (e.g.
        ``OneVsRestClassifier(linear_classifier())``), cloned per labelset.
    labelset_size : int, labels per subset (the last subset may be smaller).
    random_state : int, RandomState or None, seeds the partition.

    Attributes
    ----------
    labelsets_ : list of arrays of label indices; estimators_ : one LabelPowerset per labelset.
    """

    def __init__(self, estimator, labelset_size=3, random_state=None):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.random_state = random_state

    def fit(self, X, Y):
        Y = check_label_matrix(Y, n_rows=X.shape[0])
        return self._fit_labelsets(X, Y, disjoint_labelsets(Y.shape[1], self.labelset_size, self.random_state))

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
    """RAkEL-o: ``n_estimators`` overlapping random labelsets; a label is predicted when its vote share > ``threshold``.

    Parameters
    ----------
    estimator : a multi-class classifier with ``predict_proba``, cloned per labelset.
    labelset_size : int, labels per subset (``k`` in the paper).
    n_estimators : int or None, how many labelsets (``m``); None means ``2 * n_labels``,
        the paper's suggestion (capped at the number of distinct labelsets).
    threshold : float, a label is predicted if more than this share of the models covering it vote for it.
    random_state : int, RandomState or None, seeds the labelsets.

    ``predict_proba`` averages the label powersets' probabilities of each label
    over the models covering it (a smoother score than the 0/1 vote share,
    which :meth:`vote_share` returns).
    """

    def __init__(self, estimator, labelset_size=3, n_estimators=None, threshold=0.5, random_state=None):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.n_estimators = n_estimators
        self.threshold = threshold
        self.random_state = random_state

    def fit(self, X, Y):
        Y = check_label_matrix(Y, n_rows=X.shape[0])
        if not 0 <= self.threshold < 1:
            raise ValueError(f"threshold must be in [0, 1), got {self.threshold!r}.")
        q = Y.shape[1]
        _check_labelset_size(self.labelset_size, q)
        n_sets = self.n_estimators if self.n_estimators is not None else min(2 * q, comb(q, self.labelset_size))
        labelsets = overlapping_labelsets(q, self.labelset_size, n_sets, self.random_state)
        return self._fit_labelsets(X, Y, labelsets)

    def vote_share(self, X):
        """``(n, q)``: share of the models covering each label that predict it."""
        return vote_share(self._each("predict", X), self.labelsets_, self.n_labels_)

    def predict(self, X):
        return (self.vote_share(X) > self.threshold).astype(int)

    def predict_proba(self, X):
        return vote_share(self._each("predict_proba", X), self.labelsets_, self.n_labels_)


class EnsembleClassifierChains(MultiLabelEstimator):
    """Several classifier chains with random label orders; probabilities averaged.

    Parameters
    ----------
    estimator : a binary classifier with ``predict_proba``, cloned for every link of every chain.
    n_chains : int, how many chains.
    threshold : float, ``predict`` returns ``predict_proba >= threshold``.
    bootstrap : bool, train each chain on a bootstrap sample (Read et al.'s bagging);
        False (default) uses all rows, so chains differ only in their order.
    random_state : int, RandomState or None, seeds the orders (and the samples).

    Attributes
    ----------
    chains_ : list of fitted ClassifierChain; orders_ : their label orders.
    """

    def __init__(self, estimator, n_chains=10, threshold=0.5, bootstrap=False, random_state=None):
        self.estimator = estimator
        self.n_chains = n_chains
        self.threshold = threshold
        self.bootstrap = bootstrap
        self.random_state = random_state

    def fit(self, X, Y):
        Y = check_label_matrix(Y, n_rows=X.shape[0])
        if isinstance(self.n_chains, bool) or not isinstance(self.n_chains, (int, np.integer)) or self.n_chains < 1:
            raise ValueError(f"n_chains must be a positive whole number, got {self.n_chains!r}.")
        rng = check_random_state(self.random_state)
        self.chains_ = []
        for seed in rng.randint(np.iinfo(np.int32).max, size=self.n_chains):
            rows = rng.randint(X.shape[0], size=X.shape[0]) if self.bootstrap else slice(None)
            chain = ClassifierChain(self.estimator, order="random", random_state=int(seed))
            self.chains_.append(chain.fit(X[rows], Y[rows]))
        self.orders_ = [chain.order_ for chain in self.chains_]
        self.n_labels_ = Y.shape[1]
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "chains_")
        return np.mean([chain.predict_proba(X) for chain in self.chains_], axis=0)

    def predict(self, X):
        return (self.predict_proba(X) >= self.threshold).astype(int)
