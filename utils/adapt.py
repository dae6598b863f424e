"""Algorithm adaptation: multi-label k-nearest neighbours (ML-kNN).

ML-kNN (Zhang & Zhou, 2007, *Pattern Recognition* 40(7)) looks at the ``k``
nearest training examples of a comment and counts, for each label, how many
of them carry it. Bayes' rule then turns that count into a probability:

    P(label | c neighbours have it)  ∝  P(label) · P(c | label)

Both factors are counted on the training set with Laplace-style smoothing
``s``. The small functions below are the steps of the algorithm (notebook 08
builds them one by one); :class:`MLkNN` chains them, vectorised with NumPy.

Cosine neighbours (the default, for TF-IDF) come from :func:`cosine_kneighbors`:
sparse products of L2-normalised rows, a bounded block of query rows at a time,
so no ``n_query x n_train`` matrix is ever held (153k x 160k float64 would be 196 GB).
"""

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import _fit_context
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from sklearn.utils._param_validation import Interval

from utils.validation import MultiLabelEstimator

__all__ = [
    "MLkNN",
    "cosine_kneighbors",
    "query_block_rows",
    "neighbour_label_counts",
    "label_priors",
    "count_tables",
    "count_likelihoods",
    "posterior_from_counts",
]


#: Memory allowed for one block of query-to-training similarities (bytes, counting the sparse product's overhead).
BLOCK_BYTES = 256 * 2**20


def query_block_rows(n_train, max_rows=2000, block_bytes=BLOCK_BYTES):
    """How many query rows to compare with ``n_train`` training rows at once (1 to ``max_rows``)."""
    return int(min(max_rows, max(1, block_bytes // (16 * max(n_train, 1)))))


def cosine_kneighbors(X_query, X_train, k, exclude_self=False, block_rows=None):
    """Indices ``(n_query, k)`` of each query row's ``k`` most cosine-similar training rows, nearest first.

    Computes ``1 - cos`` one block of query rows at a time (``block_rows``,
    default :func:`query_block_rows`) with a sparse product of L2-normalised rows,
    then keeps the ``k`` smallest per row, as scikit-learn's brute-force
    ``NearestNeighbors(metric="cosine")`` does (same neighbours, same order).
    ``exclude_self`` means ``X_query`` is ``X_train`` and each row must not be
    its own neighbour (``kneighbors(None)`` in scikit-learn).
    """
    A = normalize(X_query)
    B = normalize(X_train)
    n_query, n_train = A.shape[0], B.shape[0]
    wanted = k + 1 if exclude_self else k
    if wanted > n_train:
        raise ValueError(f"{wanted} neighbours asked for but there are only {n_train} training rows.")
    B_T = B.T.tocsr() if sp.issparse(B) else B.T
    step = block_rows or query_block_rows(n_train)
    out = np.empty((n_query, k), dtype=np.intp)
    for start in range(0, n_query, step):
        stop = min(start + step, n_query)
        S = A[start:stop] @ B_T
        D = S.toarray() if sp.issparse(S) else np.asarray(S)
        D *= -1
        D += 1
        np.clip(D, 0, 2, out=D)
        rows = np.arange(stop - start)
        if exclude_self:
            D[rows, rows + start] = 0.0  # a row is at distance 0 from itself (rounding aside)
        index = np.argpartition(D, wanted - 1, axis=1)[:, :wanted]
        index = index[rows[:, None], np.argsort(D[rows[:, None], index], axis=1)]
        if exclude_self:  # drop the row itself, or the nearest one if duplicates pushed it out (as scikit-learn)
            keep = index != (rows + start)[:, None]
            keep[keep.all(axis=1), 0] = False
            index = index[keep].reshape(stop - start, k)
        out[start:stop] = index
    return out


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
        ``"cosine"`` (suits TF-IDF text; memory-bounded blocks, see
        :func:`cosine_kneighbors`) or any other :class:`~sklearn.neighbors.NearestNeighbors`
        metric; ``"minkowski"`` (Euclidean) is what the paper and scikit-multilearn use.

    Attributes after ``fit``: ``X_train_``, ``Y_train_``, ``prior_``, the count
    tables and likelihoods, and ``nn_`` (the fitted ``NearestNeighbors``) for
    metrics other than cosine.
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
        self.X_train_ = X
        if self.metric != "cosine":
            self.nn_ = NearestNeighbors(n_neighbors=self.k, metric=self.metric).fit(X)
        # include_self: query the training points as new points (each finds itself);
        # otherwise each sample is left out of its own list.
        neighbours = self._neighbours(X, exclude_self=not self.include_self)
        counts = neighbour_label_counts(neighbours, Y)
        self.Y_train_ = Y
        self.prior_ = label_priors(Y, self.s)
        self.table_true_, self.table_false_ = count_tables(counts, Y, self.k)
        self.likelihood_true_ = count_likelihoods(self.table_true_, self.s)
        self.likelihood_false_ = count_likelihoods(self.table_false_, self.s)
        return self

    def kneighbors(self, X):
        """Indices ``(n, k)`` of each row's nearest training samples, nearest first."""
        return self._neighbours(self._validate_X(X))

    def _neighbours(self, X, exclude_self=False):
        if self.metric == "cosine":
            return cosine_kneighbors(X, self.X_train_, self.k, exclude_self=exclude_self)
        return self.nn_.kneighbors(None if exclude_self else X, return_distance=False)

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
