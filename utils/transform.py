"""Problem transformation: turning one multi-label problem into ordinary ones.

Three classic ways to reuse a single-label classifier on a 0/1 label matrix ``Y``
of shape ``(n_samples, n_labels)``:

- :class:`BinaryRelevance`: one independent binary classifier per label.
- :class:`ClassifierChain`: binary classifiers in a chain; each also sees the
  labels before it in the chain as extra features.
- :class:`LabelPowerset`: one multi-class classifier whose classes are the
  distinct label *sets* seen in training.

All three follow scikit-learn's API: ``fit`` returns ``self``, ``predict``
returns a 0/1 integer matrix, ``predict_proba`` an ``(n_samples, n_labels)``
matrix of P(label = 1), and they can be cloned, cross-validated and
grid-searched with multi-label scorers (``"f1_micro"``, ``"roc_auc"``...):
``classes_`` lists the two values of each label, as scikit-learn's own
multi-label estimators do, which is what scorers read.

Label columns that hold a single value in training (a label with no positive
comment in a small sample, say) cannot be learned by a binary classifier.
:class:`BinaryRelevance` and :class:`ClassifierChain` do not fail on them: they
fit a constant predictor for that column (it always predicts the value seen,
with probability 1), silently, and list those columns in ``constant_labels_``.
"""


import numpy as np
import scipy.sparse as sp
from sklearn.base import _fit_context, clone
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import check_cv
from sklearn.multiclass import OneVsRestClassifier
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.validation import check_is_fitted

from utils import SEED
from utils.validation import MultiLabelEstimator, check_label_matrix

__all__ = ["BinaryRelevance", "ClassifierChain", "LabelPowerset", "check_label_matrix"]


# --------------------------------------------------------------------------- #
# Fitting one binary column
# --------------------------------------------------------------------------- #
def _fit_binary(estimator, X, y):
    """Fit a clone of ``estimator`` on a 0/1 column; a constant column gets a constant predictor."""
    if np.unique(y).size < 2:
        return DummyClassifier(strategy="most_frequent").fit(X, y)
    return clone(estimator).fit(X, y)


def _positive_proba(estimator, X):
    """P(y = 1) from a fitted binary classifier (0 if it never saw class 1)."""
    classes = list(estimator.classes_)
    if 1 not in classes:
        return np.zeros(X.shape[0])
    return estimator.predict_proba(X)[:, classes.index(1)]


def _is_constant(estimator):
    return isinstance(estimator, DummyClassifier)


def _append_columns(X, columns):
    """``[X | columns]`` keeping X sparse if it is sparse."""
    if sp.issparse(X):
        return sp.hstack([X, sp.csr_matrix(columns)], format="csr")
    return np.hstack([X, columns])


# --------------------------------------------------------------------------- #
# Binary relevance
# --------------------------------------------------------------------------- #
class BinaryRelevance(MultiLabelEstimator):
    """One independent binary classifier per label (scikit-learn: ``MultiOutputClassifier``).

    Parameters
    ----------
    estimator : a scikit-learn binary classifier with ``predict_proba``
        Cloned once per label.

    Attributes
    ----------
    estimators_ : list of fitted classifiers, one per label column
    constant_labels_ : list of int
        Columns that held one value in training; they are predicted as that constant.
    """

    _parameter_constraints = {"estimator": [HasMethods(["fit", "predict_proba"])]}

    def __init__(self, estimator):
        self.estimator = estimator

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        self.estimators_ = [_fit_binary(self.estimator, X, Y[:, j]) for j in range(Y.shape[1])]
        self.constant_labels_ = [j for j, est in enumerate(self.estimators_) if _is_constant(est)]
        return self

    def predict(self, X):
        """Each label's classifier's own 0/1 decision, ``(n_samples, n_labels)``."""
        X = self._validate_X(X)
        return np.column_stack([est.predict(X) for est in self.estimators_]).astype(int)

    def predict_proba(self, X):
        X = self._validate_X(X)
        return np.column_stack([_positive_proba(est, X) for est in self.estimators_])


# --------------------------------------------------------------------------- #
# Classifier chain
# --------------------------------------------------------------------------- #
class ClassifierChain(MultiLabelEstimator):
    """Binary classifiers in a chain; each sees X plus the labels earlier in the chain.

    Training feeds the *true* earlier labels (``cv=None``, the default, as in
    scikit-learn), or out-of-fold *predicted* ones (``cv=5`` etc.), which match
    what the chain will see at prediction time. Prediction always feeds each
    classifier the 0/1 predictions of the classifiers before it.

    Parameters
    ----------
    estimator : a scikit-learn binary classifier with ``predict_proba``
    order : None, "random" or a list of label indices
        None: labels 0, 1, ..., q-1. "random": a permutation drawn with
        ``random_state``. A list: that order (a permutation of 0..q-1).
    cv : None, int or a cross-validation splitter
        None trains on the true earlier labels; otherwise on predictions made by
        ``cross_val_predict``-style out-of-fold models (as scikit-learn's ``cv``).
    random_state : int, RandomState or None, default ``utils.SEED``
        Seed for ``order="random"``.

    Attributes
    ----------
    order_ : ndarray, the label order used
    estimators_ : list of fitted classifiers, in chain order
    constant_labels_ : list of int, label columns predicted as a constant
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict_proba"])],
        "order": [None, StrOptions({"random"}), "array-like"],
        "cv": [None, "cv_object"],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator, order=None, cv=None, random_state=SEED):
        self.estimator = estimator
        self.order = order
        self.cv = cv
        self.random_state = random_state

    def _resolve_order(self, n_labels):
        if self.order is None:
            return np.arange(n_labels)
        if isinstance(self.order, str):
            return check_random_state(self.random_state).permutation(n_labels)
        order = np.asarray(self.order)
        if order.ndim != 1 or sorted(order.tolist()) != list(range(n_labels)):
            raise ValueError(
                f"order must list each label index 0..{n_labels - 1} exactly once; got {list(self.order)!r}."
            )
        return order.astype(int)

    def _out_of_fold_predictions(self, X, y):
        """0/1 predictions for ``y`` from models that did not see each row."""
        splitter = check_cv(self.cv, y, classifier=True)
        pred = np.zeros(X.shape[0])
        for train, test in splitter.split(X, y):
            pred[test] = _fit_binary(self.estimator, X[train], y[train]).predict(X[test])
        return pred

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        self.order_ = self._resolve_order(Y.shape[1])
        if sp.issparse(X):
            X = X.tocsr()
        self.estimators_ = []
        X_aug = X
        for position, label in enumerate(self.order_):
            y = Y[:, label]
            self.estimators_.append(_fit_binary(self.estimator, X_aug, y))
            if position < len(self.order_) - 1:
                fed = y if self.cv is None else self._out_of_fold_predictions(X_aug, y)
                X_aug = _append_columns(X_aug, np.asarray(fed, dtype=float).reshape(-1, 1))
        self.constant_labels_ = sorted(
            int(label) for label, est in zip(self.order_, self.estimators_, strict=True) if _is_constant(est)
        )
        return self

    def _run_chain(self, X):
        """Walk the chain once: (0/1 predictions, P(label = 1)), in label order."""
        X = self._validate_X(X)
        if sp.issparse(X):
            X = X.tocsr()
        pred = np.zeros((X.shape[0], self.n_labels_), dtype=int)
        proba = np.zeros((X.shape[0], self.n_labels_))
        X_aug = X
        for position, (label, est) in enumerate(zip(self.order_, self.estimators_, strict=True)):
            pred[:, label] = est.predict(X_aug)
            proba[:, label] = _positive_proba(est, X_aug)
            if position < len(self.order_) - 1:
                X_aug = _append_columns(X_aug, pred[:, [label]].astype(float))
        return pred, proba

    def predict(self, X):
        """The chain's 0/1 decisions (each link's own classifier decides), ``(n_samples, n_labels)``."""
        return self._run_chain(X)[0]

    def predict_proba(self, X):
        return self._run_chain(X)[1]


# --------------------------------------------------------------------------- #
# Label powerset
# --------------------------------------------------------------------------- #
class LabelPowerset(MultiLabelEstimator):
    """One multi-class classifier whose classes are the label sets seen in training.

    Class ``k`` stands for the label set ``label_sets_[k]`` (a 0/1 row). The model
    can only ever predict one of these sets. ``predict_proba`` gives, for each
    label, the summed probability of every set that contains it.

    Parameters
    ----------
    estimator : a scikit-learn classifier with ``predict_proba``
        Fitted on the label-set classes. If it refuses more than two classes
        (liblinear logistic regression, ``utils.baselines.linear_classifier()``,
        is binary-only in scikit-learn >= 1.8), it is wrapped in
        ``OneVsRestClassifier`` automatically: one binary classifier per label
        set, probabilities normalised to sum to 1.

    Attributes
    ----------
    label_sets_ : ndarray of shape (n_label_sets_, n_labels), the distinct training rows of Y (sorted)
    classes_ : list of ``array([0, 1])``, one per label (as every multi-label estimator here)
    n_label_sets_ : int, how many distinct label sets training had
    estimator_ : the fitted multi-class classifier: a clone of ``estimator``, a
        ``OneVsRestClassifier`` around it (see above), or a constant one if
        training had a single label set
    """

    _parameter_constraints = {"estimator": [HasMethods(["fit", "predict_proba"])]}

    def __init__(self, estimator):
        self.estimator = estimator

    def encode(self, Y):
        """Class id of each row of ``Y``; -1 for a label set never seen in training."""
        check_is_fitted(self, "label_sets_")
        Y = check_label_matrix(Y)
        if Y.shape[1] != self.label_sets_.shape[1]:
            raise ValueError(f"Y has {Y.shape[1]} label columns; the model was fitted with {self.label_sets_.shape[1]}.")
        index = {tuple(row): k for k, row in enumerate(self.label_sets_)}
        return np.array([index.get(tuple(row), -1) for row in Y], dtype=int)

    def decode(self, class_ids):
        """The 0/1 label rows of the given class ids."""
        check_is_fitted(self, "label_sets_")
        return self.label_sets_[np.asarray(class_ids, dtype=int)]

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, Y):
        X, Y = self._validate_fit_data(X, Y)
        self.label_sets_, y = np.unique(Y, axis=0, return_inverse=True)
        y = y.ravel()
        self.n_label_sets_ = len(self.label_sets_)
        if self.n_label_sets_ == 1:
            self.estimator_ = DummyClassifier(strategy="most_frequent").fit(X, y)
            return self
        try:
            self.estimator_ = clone(self.estimator).fit(X, y)
        except ValueError as err:
            if self.n_label_sets_ <= 2 or isinstance(self.estimator, OneVsRestClassifier):
                raise
            # A binary-only classifier (e.g. liblinear): one-vs-rest over the label sets.
            try:
                self.estimator_ = OneVsRestClassifier(clone(self.estimator)).fit(X, y)
            except ValueError as err_ovr:
                raise ValueError(
                    f"LabelPowerset turned Y into a {self.n_label_sets_}-class problem; the base estimator "
                    f"could not fit it ({err}), nor could OneVsRestClassifier around it ({err_ovr})."
                ) from err_ovr
        return self

    def predict_set_proba(self, X):
        """``(n_samples, n_label_sets_)`` probabilities of each training label set."""
        X = self._validate_X(X)
        proba = np.zeros((X.shape[0], self.n_label_sets_))
        proba[:, self.estimator_.classes_] = self.estimator_.predict_proba(X)
        return proba

    def predict(self, X):
        """The most probable training label set of each row, as 0/1 rows."""
        X = self._validate_X(X)
        return self.label_sets_[np.asarray(self.estimator_.predict(X), dtype=int)].astype(int)

    def predict_proba(self, X):
        return self.predict_set_proba(X) @ self.label_sets_
