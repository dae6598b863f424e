"""Input checks shared by every multi-label helper, and the base class of the course's estimators.

:class:`MultiLabelEstimator` is what makes the course's estimators real
scikit-learn estimators: X is validated by scikit-learn's ``validate_data``
(dense or sparse; NaN, infinity and complex numbers refused; ``n_features_in_``
and ``feature_names_in_`` recorded), parameters by ``_parameter_constraints``,
``classes_`` is the per-label list scikit-learn's multi-label estimators expose
(so scorers and ``GridSearchCV`` work), and a method called before ``fit``
raises ``NotFittedError``.
"""

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = ["check_label_matrix", "default_label_names", "sigmoid", "shorten", "MultiLabelEstimator"]

#: Sparse formats the estimators keep (COO and others are converted to CSR, which can be row-indexed).
SPARSE_FORMATS = ("csr", "csc")


def check_label_matrix(Y, n_rows=None, estimator=None):
    """Return ``Y`` as a 2-D int array of 0s and 1s, or raise a ValueError saying what is wrong.

    Accepts lists, NumPy arrays (bool too) and SciPy sparse matrices. ``n_rows``,
    if given, is the number of samples ``Y`` must describe; ``estimator`` (a
    name or an estimator) is named in the error when ``Y`` is missing.
    """
    if Y is None:
        name = estimator if isinstance(estimator, str) or estimator is None else type(estimator).__name__
        raise ValueError(f"{name or 'This estimator'} requires y to be passed, but the target y is None: "
                         "pass the 0/1 label matrix Y.")
    if sp.issparse(Y):
        Y = Y.toarray()
    try:
        Y = np.asarray(Y)
    except ValueError as err:
        raise ValueError(f"Y must be a 2-D 0/1 label matrix; could not make an array of it ({err}).") from None
    if Y.ndim != 2:
        raise ValueError(
            f"{_one_d_kind(Y)}Y must be a 2-D 0/1 label matrix of shape (n_samples, n_labels); got a {Y.ndim}-D "
            f"array of shape {Y.shape}. For a single label use Y.reshape(-1, 1) (or a plain binary classifier)."
        )
    if Y.shape[1] == 0:
        raise ValueError("Y has no label columns; expected at least one.")
    if n_rows is not None and Y.shape[0] != n_rows:
        raise ValueError(f"X has {n_rows} rows but Y has {Y.shape[0]}; expected one row of labels per sample.")
    if Y.dtype == bool:
        return Y.astype(int)
    if not np.issubdtype(Y.dtype, np.number):
        raise ValueError(f"Unknown label type: Y must hold the numbers 0 and 1; got values of type {Y.dtype}.")
    bad = ~np.isin(Y, (0, 1))
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"Unknown label type: Y must hold only 0 and 1; found {Y[row, col].item()!r} at row {row}, "
            f"column {col} ({int(bad.sum())} non-binary value(s) in all). Binarise the labels first."
        )
    return Y.astype(int)


def _one_d_kind(y):
    """Why a 1-D target cannot be a label matrix, in scikit-learn's words (its checks look for them)."""
    from sklearn.utils.multiclass import type_of_target

    try:
        kind = type_of_target(y)
    except ValueError:
        return ""
    if kind == "continuous":
        return "Unknown label type: continuous values. "
    if kind == "multiclass":
        return "Only binary classification is supported per label; the type of the target is multiclass. "
    return ""


def default_label_names(n_labels):
    """The names used when none are given: the course's six ``LABELS`` for 6 columns, else ``label_0, ...``."""
    from utils.data import LABELS

    if n_labels == len(LABELS):
        return list(LABELS)
    return [f"label_{j}" for j in range(n_labels)]


def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, element-wise, without overflow warnings."""
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


def shorten(text, width=110):
    """``text`` on one line (white space collapsed), cut to ``width`` characters ending in "…" if longer (widgets)."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class MultiLabelEstimator(ClassifierMixin, BaseEstimator):
    """Base class of the course's multi-label estimators.

    Subclasses list their parameters' constraints in ``_parameter_constraints``,
    decorate ``fit`` with ``sklearn.base._fit_context`` (which validates them), and
    call :meth:`_validate_fit_data` in ``fit`` and :meth:`_validate_X` before
    predicting. ``predict`` is ``predict_proba(X) >= threshold`` unless a subclass
    says otherwise: one threshold rule for the whole course.

    Attributes set by :meth:`_validate_fit_data`: ``n_features_in_``,
    ``feature_names_in_`` (when X has column names), ``n_labels_`` and
    ``classes_`` (a list with ``array([0, 1])`` per label, the layout of
    scikit-learn's ``MultiOutputClassifier``; a label constant in training still
    lists both values, so scorers work on every cross-validation fold).
    """

    _parameter_constraints: dict = {}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.target_tags.single_output = False
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_class = False
        tags.classifier_tags.multi_label = True
        tags.input_tags.sparse = True
        return tags

    def _validate_fit_data(self, X, Y, accept_sparse=SPARSE_FORMATS):
        """Validate ``X`` (resetting ``n_features_in_``) and ``Y``; set ``classes_`` and ``n_labels_``."""
        X = validate_data(self, X, accept_sparse=accept_sparse, reset=True)
        Y = check_label_matrix(Y, n_rows=X.shape[0], estimator=self)
        self.n_labels_ = Y.shape[1]
        self.classes_ = [np.array([0, 1]) for _ in range(Y.shape[1])]
        return X, Y

    def _validate_X(self, X, accept_sparse=SPARSE_FORMATS):
        """``NotFittedError`` before fit; otherwise ``X`` validated against what fit saw."""
        check_is_fitted(self)
        return validate_data(self, X, accept_sparse=accept_sparse, reset=False)

    def predict(self, X):
        """0/1 int matrix: 1 where ``predict_proba(X) >= threshold``."""
        return (self.predict_proba(X) >= self.threshold).astype(int)
