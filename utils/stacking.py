"""Beyond the course's methods: stacking the labels' scores, and naive-Bayes-scaled logistic regression.

- :class:`StackedBinaryRelevance`: binary relevance plus a second level that
  reads every label's first-level scores ("2BR", Godbole & Sarawagi, 2004).
- :class:`NBLogisticRegression`: NB-SVM in its logistic-regression form
  (Wang & Manning, 2012), a binary classifier for one label.

Notebook 13 compares both with the course's methods (:mod:`utils.comparison`).
"""

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from utils import SEED
from utils.validation import SPARSE_FORMATS, MultiLabelEstimator, sigmoid

__all__ = ["NBLogisticRegression", "StackedBinaryRelevance"]


def _safe_scale(values):
    """Column standard deviations, with 1 where a column is (nearly) constant."""
    std = np.asarray(values).std(axis=0)
    return np.where(std > 1e-9, std, 1.0)


def _default_base():
    from utils.baselines import linear_classifier

    return linear_classifier()


class NBLogisticRegression(ClassifierMixin, BaseEstimator):
    """NB-SVM in its logistic-regression form (Wang & Manning, 2012), for one binary label.

    The features are binarised (a word or character n-gram is present or not)
    and each column is scaled by its naive-Bayes **log-count ratio**
    ``r = log((p / |p|_1) / (q / |q|_1))``, where ``p`` and ``q`` count the
    column in positive and negative comments (plus ``alpha``). A logistic
    regression on the scaled features then starts from naive Bayes' view of
    which n-grams matter. Strong on frequent labels, weak on very rare ones.
    """

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, closed="neither")],
        "alpha": [Interval(Real, 0, None, closed="neither")],
        "random_state": ["random_state"],
    }

    def __init__(self, C=1.0, alpha=1.0, random_state=SEED):
        self.C = C
        self.alpha = alpha
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        tags.input_tags.sparse = True
        return tags

    @staticmethod
    def _binary(X):
        return (sp.csr_matrix(X) != 0).astype(np.float64)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse=SPARSE_FORMATS)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if self.classes_.size != 2:
            n = self.classes_.size
            raise ValueError(f"Only binary classification is supported: NBLogisticRegression needs y with exactly "
                             f"two classes, got {n} class{'' if n == 1 else 'es'} ({self.classes_.tolist()[:5]}).")
        B = self._binary(X)
        pos = self.alpha + np.asarray(B[y == self.classes_[1]].sum(axis=0)).ravel()
        neg = self.alpha + np.asarray(B[y == self.classes_[0]].sum(axis=0)).ravel()
        self.log_count_ratio_ = np.log((pos / pos.sum()) / (neg / neg.sum()))
        self.estimator_ = LogisticRegression(C=self.C, solver="liblinear", dual=True, max_iter=1000,
                                             random_state=self.random_state)
        self.estimator_.fit(B.multiply(self.log_count_ratio_).tocsr(), y)
        return self

    def decision_function(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=SPARSE_FORMATS, reset=False)
        return self.estimator_.decision_function(self._binary(X).multiply(self.log_count_ratio_).tocsr())

    def predict_proba(self, X):
        p = sigmoid(self.decision_function(X))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        """The second class where P >= 0.5 (decision >= 0), the first elsewhere."""
        decision = self.decision_function(X)
        return self.classes_[(decision >= 0).astype(int)]


class StackedBinaryRelevance(MultiLabelEstimator):
    """Binary relevance plus a second level that reads every label's first-level scores.

    Level 1 is binary relevance with one or more base classifiers. Level 2 (one
    small logistic regression per label) sees all the level-1 decision values
    (``q`` per base classifier), so an ``insult`` score can borrow from the
    ``toxic`` one. Level 2 is trained on *out-of-fold* level-1 values (``cv``
    iteratively stratified folds of the training rows, near-copies in one fold when
    ``fit`` gets ``groups``): the kind of values it
    will see on new comments. The final score blends the first base classifier's
    own standardised logit (weight ``blend``) with level 2's, squashed to
    (0, 1): a ranking score, not a calibrated probability. Known as "2BR" or
    meta-BR (Godbole & Sarawagi, 2004).

    Parameters
    ----------
    estimators : list of binary classifiers with ``decision_function``
        Default: the course's logistic regression alone.
    cv : int, folds for the out-of-fold level-1 values.
    blend : float in [0, 1], weight of level 1 in the final score.
    meta_C : float, inverse regularisation of the level-2 regressions.
    threshold : float in (0, 1], ``predict`` is ``predict_proba >= threshold``.
    random_state : int, default ``utils.SEED``, seeds the folds.

    Attributes
    ----------
    out_of_fold_ : (n_samples, n_labels * n_bases) level-1 decision values of the training rows,
        each from the fold's models that did not see the row (level 2's training input, unscaled).
    estimators_ : per base classifier, the ``n_labels`` level-1 models refitted on every row.
    scale_ : the standard deviation of each ``out_of_fold_`` column (level 2 reads ``out_of_fold_ / scale_``).
    meta_estimators_ : the ``n_labels`` level-2 logistic regressions.
    """

    _parameter_constraints = {
        "estimators": [None, list],
        "cv": [Interval(Integral, 2, None, closed="left")],
        "blend": [Interval(Real, 0, 1, closed="both")],
        "meta_C": [Interval(Real, 0, None, closed="neither")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "random_state": ["random_state"],
    }

    def __init__(self, estimators=None, cv=4, blend=0.5, meta_C=1.0, threshold=0.5, random_state=SEED):
        self.estimators = estimators
        self.cv = cv
        self.blend = blend
        self.meta_C = meta_C
        self.threshold = threshold
        self.random_state = random_state

    def _bases(self):
        return list(self.estimators) if self.estimators is not None else [_default_base()]

    def _level1(self, X, Y):
        return [[clone(base).fit(X, Y[:, j]) for j in range(Y.shape[1])] for base in self._bases()]

    @staticmethod
    def _decisions(models, X):
        return np.column_stack([m.decision_function(X) for per_base in models for m in per_base])

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y, groups=None):
        """Fit both levels; ``groups`` (one per row) keeps near-copies in one out-of-fold fold."""
        from utils.splits import group_stratified_folds

        X, Y = self._validate_fit_data(X, Y)
        too_rare = np.flatnonzero(np.minimum(Y.sum(0), len(Y) - Y.sum(0)) < self.cv)
        if too_rare.size:
            raise ValueError(f"label column(s) {too_rare.tolist()} have fewer than cv={self.cv} examples of a "
                             f"class (n_samples = {len(Y)}); lower cv or drop those labels.")
        q = Y.shape[1]
        out_of_fold = np.zeros((len(Y), q * len(self._bases())))
        for train, held_out in group_stratified_folds(Y, groups, self.cv, self.random_state):
            out_of_fold[held_out] = self._decisions(self._level1(X[train], Y[train]), X[held_out])
        self.out_of_fold_ = out_of_fold
        self.estimators_ = self._level1(X, Y)
        self.scale_ = _safe_scale(out_of_fold)
        Z = out_of_fold / self.scale_
        self.meta_estimators_ = [LogisticRegression(C=self.meta_C, max_iter=1000).fit(Z, Y[:, j]) for j in range(q)]
        self.meta_scale_ = _safe_scale(np.column_stack([m.decision_function(Z) for m in self.meta_estimators_]))
        return self

    def _decision_function(self, X):
        """Blended standardised logits, ``(n_samples, n_labels)``."""
        X = self._validate_X(X)
        Z = self._decisions(self.estimators_, X) / self.scale_
        meta = np.column_stack([m.decision_function(Z) for m in self.meta_estimators_]) / self.meta_scale_
        return self.blend * Z[:, : self.n_labels_] + (1 - self.blend) * meta

    def predict_proba(self, X):
        return sigmoid(self._decision_function(X))
