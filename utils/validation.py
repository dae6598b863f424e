"""Input checks shared by every multi-label helper and estimator."""

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin

__all__ = ["check_label_matrix", "MultiLabelEstimator"]


def check_label_matrix(Y, n_rows=None):
    """Return ``Y`` as a 2-D int array of 0s and 1s, or raise a ValueError saying what is wrong.

    Accepts lists, NumPy arrays (bool too) and SciPy sparse matrices. ``n_rows``,
    if given, is the number of samples ``Y`` must describe.
    """
    if sp.issparse(Y):
        Y = Y.toarray()
    try:
        Y = np.asarray(Y)
    except ValueError as err:
        raise ValueError(f"Y must be a 2-D 0/1 label matrix; could not make an array of it ({err}).") from None
    if Y.ndim != 2:
        raise ValueError(
            f"Y must be a 2-D 0/1 label matrix of shape (n_samples, n_labels); got a {Y.ndim}-D array "
            f"of shape {Y.shape}. For a single label use Y.reshape(-1, 1) (or a plain binary classifier)."
        )
    if Y.shape[1] == 0:
        raise ValueError("Y has no label columns; expected at least one.")
    if n_rows is not None and Y.shape[0] != n_rows:
        raise ValueError(f"X has {n_rows} rows but Y has {Y.shape[0]}; expected one row of labels per sample.")
    if Y.dtype == bool:
        return Y.astype(int)
    if not np.issubdtype(Y.dtype, np.number):
        raise ValueError(f"Y must hold the numbers 0 and 1; got values of type {Y.dtype}.")
    bad = ~np.isin(Y, (0, 1))
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"Y must hold only 0 and 1; found {Y[row, col].item()!r} at row {row}, column {col} "
            f"({int(bad.sum())} non-binary value(s) in all). Binarise the labels first."
        )
    return Y.astype(int)


class MultiLabelEstimator(ClassifierMixin, BaseEstimator):
    """Base class of the course's multi-label estimators: scikit-learn tags for a label matrix."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.single_output = False
        tags.target_tags.multi_output = True
        tags.input_tags.sparse = True
        return tags
