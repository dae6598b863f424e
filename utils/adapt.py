"""Algorithm adaptation: multi-label k-nearest neighbours (ML-kNN).

ML-kNN (Zhang & Zhou, 2007, *Pattern Recognition* 40(7)) looks at the ``k``
nearest training examples of a comment and counts, for each label, how many
of them carry it. Bayes' rule then turns that count into a probability:

    P(label | c neighbours have it)  ∝  P(label) · P(c | label)

Both factors are counted on the training set with Laplace-style smoothing
``s``. The small functions below are the steps of the algorithm (notebook 08
builds them one by one); :class:`MLkNN` chains them, vectorised with NumPy.
"""

from numbers import Integral, Real

import numpy as np
from sklearn.base import _fit_context
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import Interval

from utils.validation import MultiLabelEstimator

__all__ = [
    "MLkNN",
    "neighbour_label_counts",
    "label_priors",
    "count_tables",
    "count_likelihoods",
    "posterior_from_counts",
]


def neighbour_label_counts(neighbours, Y):
    """For each sample and label, how many of its neighbours carry the label.

    ``neighbours`` is an ``(n, k)`` matrix of row indices into ``Y``; the result
    is ``(n, q)`` with values in ``0..k``.
    """
    neighbours = np.asarray(neighbours)
    counts = np.zeros((neighbours.shape[0], Y.shape[1]), dtype=int)
    for column in neighbours.T:  # a loop over the k neighbour ranks, not over samples
        counts += Y[column]
    return counts


def label_priors(Y, s=1.0):
    """Smoothed prior P(label = 1): ``(s + positives) / (2s + n)`` per label."""
    Y = np.asarray(Y)
    return (s + Y.sum(axis=0)) / (s * 2 + Y.shape[0])


def count_tables(counts, Y, k):
    """Two ``(q, k+1)`` tables: how often a count ``c`` occurs among positives / negatives.

    ``table_true[j, c]`` = number of training samples that have label ``j`` and
    exactly ``c`` neighbours with label ``j``; ``table_false`` likewise for the
    samples without label ``j``.
    """
    q = Y.shape[1]
    cell = np.arange(q) * (k + 1) + counts  # one flat cell index per (sample, label)
    positive = np.asarray(Y) == 1
    table_true = np.bincount(cell[positive], minlength=q * (k + 1)).reshape(q, k + 1)
    table_false = np.bincount(cell[~positive], minlength=q * (k + 1)).reshape(q, k + 1)
    return table_true, table_false


def count_likelihoods(table, s=1.0):
    """Smoothed P(c neighbours have the label | class): ``(s + table) / (s(k+1) + row sum)``."""
    table = np.asarray(table)
    return (s + table) / (s * table.shape[1] + table.sum(axis=1, keepdims=True))


def posterior_from_counts(counts, prior, likelihood_true, likelihood_false):
    """Unnormalised MAP scores ``(score_true, score_false)``, each ``(n, q)``."""
    labels = np.arange(len(prior))[None, :]
    score_true = prior * likelihood_true[labels, counts]
    score_false = (1 - prior) * likelihood_false[labels, counts]
    return score_true, score_false


class MLkNN(MultiLabelEstimator):
    """Multi-label k-nearest neighbours (Zhang & Zhou, 2007).

    Parameters
    ----------
    k : int
        Number of neighbours.
    s : float
        Smoothing (``s=1`` is Laplace smoothing) of the prior and the count likelihoods.
    include_self : bool
        When learning the count tables, whether a training sample counts as its
        own neighbour. The paper says no (``False``). ``True`` reproduces
        scikit-multilearn's ``MLkNN``, which leaks each sample's own labels into
        its counts.
    metric : str
        Any :class:`~sklearn.neighbors.NearestNeighbors` metric. ``"cosine"``
        suits TF-IDF text; ``"minkowski"`` (Euclidean) is what the paper and
        scikit-multilearn use.
    """

    _parameter_constraints = {
        "k": [Interval(Integral, 1, None, closed="left")],
        "s": [Interval(Real, 0, None, closed="left")],
        "include_self": ["boolean"],
        "metric": [str, callable],
    }

    def __init__(self, k=10, s=1.0, include_self=False, metric="cosine"):
        self.k = k
        self.s = s
        self.include_self = include_self
        self.metric = metric

    def _check_k(self, n_samples):
        available = n_samples if self.include_self else n_samples - 1
        if self.k > available:
            raise ValueError(
                f"k={self.k} neighbours asked for, but only {available} training samples can be "
                f"neighbours (n_samples={n_samples}, include_self={self.include_self})."
            )

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, Y):
        """Find each training sample's neighbours and count the tables."""
        X, Y = self._validate_fit_data(X, Y)
        self._check_k(X.shape[0])
        self.nn_ = NearestNeighbors(n_neighbors=self.k, metric=self.metric).fit(X)
        # include_self: query the training points as new points (each finds itself);
        # otherwise X=None asks sklearn to leave every sample out of its own list.
        neighbours = self.nn_.kneighbors(X if self.include_self else None, return_distance=False)
        counts = neighbour_label_counts(neighbours, Y)
        self.Y_train_ = Y
        self.prior_ = label_priors(Y, self.s)
        self.table_true_, self.table_false_ = count_tables(counts, Y, self.k)
        self.likelihood_true_ = count_likelihoods(self.table_true_, self.s)
        self.likelihood_false_ = count_likelihoods(self.table_false_, self.s)
        return self

    def kneighbors(self, X):
        """Indices ``(n, k)`` of each row's nearest training samples, nearest first."""
        X = self._validate_X(X)
        return self.nn_.kneighbors(X, return_distance=False)

    def neighbour_counts(self, X):
        """``(n, q)``: how many of each row's ``k`` neighbours carry each label."""
        return neighbour_label_counts(self.kneighbors(X), self.Y_train_)

    def _scores(self, X):
        counts = self.neighbour_counts(X)
        return posterior_from_counts(counts, self.prior_, self.likelihood_true_, self.likelihood_false_)

    def predict_proba(self, X):
        """Posterior P(label = 1 | neighbour counts), ``(n, q)``."""
        score_true, score_false = self._scores(X)
        return score_true / (score_true + score_false)

    def predict(self, X):
        """MAP decision per label (ties go to 1, as in scikit-multilearn), int 0/1 ``(n, q)``."""
        score_true, score_false = self._scores(X)
        return (score_true >= score_false).astype(int)
