"""``KerasMultiLabel``: a Keras multi-label network used like any scikit-learn estimator.

The networks come from the builders in :mod:`utils.models`; this module only
wraps them: input validation, the training loop settings, early stopping on a
label-stratified validation part, and ``predict_proba``/``predict``.

TF-IDF input is never densified as a whole: :class:`RowBatches` hands Keras one
dense float32 batch at a time (a 160k x 100k float32 matrix would need 60 GiB),
so sparse and dense input give the same model for the same ``random_state``.

The validation part used for early stopping keeps near-copies of one comment on
one side: ``fit(X, Y, groups=...)`` takes one group id per row (for example
``data.groups_train``); without it, rows whose features are identical (exact
copies of one comment) form the groups (:func:`identical_row_groups`).
"""

import inspect
import math
import random
from numbers import Integral, Real

import keras  # safe: importing utils.* runs utils/__init__ first, which picks the JAX backend
import numpy as np
import scipy.sparse as sp
from sklearn.base import _fit_context
from sklearn.utils._param_validation import Interval, StrOptions

from utils import SEED
from utils.models import (
    BUILDERS,
    as_output_dict,
    positive_weights,
    predict_probabilities,
    train_validation_split,
    weighted_binary_crossentropy,
)
from utils.validation import SPARSE_FORMATS, MultiLabelEstimator, default_label_names

__all__ = ["KerasMultiLabel", "RowBatches", "dense_rows", "identical_row_groups"]

#: Rows densified at a time by ``predict_proba`` (1024 x 100k float32 features = 400 MB at most).
PREDICT_CHUNK = 1024


def dense_rows(X, index=None):
    """Rows ``index`` (all if None) of a matrix as a dense array (sparse rows become float32)."""
    part = X if index is None else X[index]
    if sp.issparse(part):
        return part.toarray().astype(np.float32, copy=False)
    return np.asarray(part)


def identical_row_groups(X):
    """One group id per row of a sparse or dense matrix: rows with identical values share an id.

    Ids are numbered in order of first appearance, so sparse and dense copies of
    one matrix get the same ids, and a matrix without repeated rows gets ``0 .. n-1``.
    """
    if sp.issparse(X):
        X = sp.csr_matrix(X, copy=True)
        X.sum_duplicates()
        X.eliminate_zeros()
        X.sort_indices()
        keys = [X.indices[a:b].tobytes() + b"|" + X.data[a:b].tobytes()
                for a, b in zip(X.indptr[:-1], X.indptr[1:], strict=True)]
    else:
        X = np.ascontiguousarray(X)
        keys = [row.tobytes() for row in X.reshape(len(X), -1)]
    first_row = {}
    return np.array([first_row.setdefault(key, len(first_row)) for key in keys], dtype=np.int64)


class RowBatches(keras.utils.PyDataset):
    """``(X, y)`` batches for ``model.fit``, densifying one batch of rows at a time.

    ``X`` may be a SciPy sparse matrix or a NumPy array; either gives the same
    batches. With ``seed`` the row order is shuffled (a fresh seeded permutation
    each epoch); without, rows come in order (validation data).
    """

    def __init__(self, X, y, batch_size, seed=None):
        super().__init__(workers=1, use_multiprocessing=False)
        self.X, self.y, self.batch_size = X, y, batch_size
        self._rng = None if seed is None else np.random.default_rng(seed)
        self.n_rows = X.shape[0]
        self._order = np.arange(self.n_rows) if self._rng is None else self._rng.permutation(self.n_rows)

    def __len__(self):
        return math.ceil(self.n_rows / self.batch_size)

    def __getitem__(self, i):
        index = self._order[i * self.batch_size : (i + 1) * self.batch_size]
        y = {k: v[index] for k, v in self.y.items()} if isinstance(self.y, dict) else self.y[index]
        return dense_rows(self.X, index), y

    def on_epoch_end(self):
        if self._rng is not None:
            self._order = self._rng.permutation(self.n_rows)


class _GlobalRandomState:
    """Seed Keras (and with it Python's and NumPy's global generators) for one fit, then put them back."""

    def __init__(self, seed):
        self.seed = seed

    def __enter__(self):
        self.saved = random.getstate(), np.random.get_state()
        keras.utils.set_random_seed(self.seed)

    def __exit__(self, *exc):
        random.setstate(self.saved[0])
        np.random.set_state(self.saved[1])


class KerasMultiLabel(MultiLabelEstimator):
    """A Keras multi-label model used like any scikit-learn estimator.

    Parameters
    ----------
    builder : "single", "multi" or callable
        ``single_output_model``, ``multi_output_model`` or any function taking
        the same keyword arguments (``input_kind``, ``n_features``/``vocab_size``,
        ``max_len``, ``hidden``, ``seed``, and ``labels`` or ``n_labels`` if it has
        them) and returning an uncompiled model (one sigmoid output, or a dict of them).
    input_kind : "tfidf" or "tokens"
        What X holds: feature values (sparse or dense TF-IDF, any numeric dtype,
        even integer counts) or token ids from ``TextSequencer`` (non-negative ints).
        Said explicitly, never guessed from the dtype.
    hidden : int
        Units of the shared hidden layer (0 = none).
    model_kwargs : dict or None
        Further keyword arguments for the builder (``embed_dim``, ``conv_filters``,
        ``separate_hidden``, ``vocab_size`` ...).
    epochs, batch_size, learning_rate : training settings (Adam optimiser).
    pos_weight : None, "balanced" or array of q floats
        Weight of the positive class per label in the loss (class imbalance);
        "balanced" = ``n_negative / n_positive`` capped at ``max_pos_weight``.
    validation_fraction : float
        Share of the training rows held out (label-stratified, each group of
        near-copies on one side: see ``fit``'s ``groups``) for early stopping; 0 = none.
    patience : int or None
        Early stopping on validation loss with best weights restored (needs a validation part).
    threshold : float in (0, 1]
        ``predict`` is ``predict_proba >= threshold``.
    labels : list of str or None
        Output names (default: the course's ``LABELS`` for 6 columns, else ``label_0``...).
    random_state : int, default ``utils.SEED``
        Seeds initial weights, shuffling and the validation split. Python's and
        NumPy's global generators are left as ``fit`` found them.

    Attributes after ``fit``: ``model_``, ``history_`` (dict of lists),
    ``validation_index_`` (the rows of X held out for validation; empty without),
    ``n_features_in_``, ``n_labels_``, ``labels_``, ``classes_``, ``multi_output_``,
    and ``vocab_size_`` (None for TF-IDF input).
    """

    _parameter_constraints = {
        "builder": [StrOptions(set(BUILDERS)), callable],
        "input_kind": [StrOptions({"tfidf", "tokens"})],
        "hidden": [Interval(Integral, 0, None, closed="left")],
        "model_kwargs": [None, dict],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "pos_weight": [None, StrOptions({"balanced"}), "array-like"],
        "max_pos_weight": [None, Interval(Real, 0, None, closed="neither")],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "patience": [None, Interval(Integral, 0, None, closed="left")],
        "threshold": [Interval(Real, 0, 1, closed="right")],
        "labels": [None, list],
        "random_state": [Interval(Integral, 0, None, closed="left")],
        "verbose": ["verbose"],
    }

    def __init__(self, builder="single", input_kind="tfidf", hidden=0, model_kwargs=None, epochs=20,
                 batch_size=64, learning_rate=1e-2, pos_weight=None, max_pos_weight=20.0,
                 validation_fraction=0.0, patience=None, threshold=0.5, labels=None, random_state=SEED,
                 verbose=0):
        self.builder = builder
        self.input_kind = input_kind
        self.hidden = hidden
        self.model_kwargs = model_kwargs
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.pos_weight = pos_weight
        self.max_pos_weight = max_pos_weight
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.threshold = threshold
        self.labels = labels
        self.random_state = random_state
        self.verbose = verbose

    # -- helpers ---------------------------------------------------------- #
    def _builder(self):
        return self.builder if callable(self.builder) else BUILDERS[self.builder]

    def _network_input(self, X):
        """What the network is fed: float32 features (sparse stays sparse), or int32 token ids (unseen -> OOV 1)."""
        if self.input_kind == "tfidf":
            return X.astype(np.float32).tocsr() if sp.issparse(X) else np.asarray(X, dtype=np.float32)
        if not np.issubdtype(X.dtype, np.integer) and not np.all(np.mod(X, 1) == 0):
            raise ValueError("input_kind='tokens' needs whole-number token ids (TextSequencer output); "
                             "got fractional values. For TF-IDF features use input_kind='tfidf'.")
        X = np.asarray(X, dtype=np.int64)
        if (X < 0).any():
            raise ValueError("token ids must be non-negative (TextSequencer output).")
        if getattr(self, "vocab_size_", None) is not None:
            X = np.where(X >= self.vocab_size_, 1, X)
        return X.astype(np.int32)

    @staticmethod
    def _validation_groups(X, groups):
        """The groups the validation split keeps whole: the given ones, or identical rows of X."""
        if groups is None:
            return identical_row_groups(X)
        groups = np.asarray(groups)
        if groups.ndim != 1 or len(groups) != X.shape[0]:
            raise ValueError(f"groups must hold one id per row of X ({X.shape[0]}); got shape {groups.shape}.")
        return groups

    def _sparse_formats(self):
        return SPARSE_FORMATS if self.input_kind == "tfidf" else False

    def _pos_weights(self, Y):
        if self.pos_weight is None:
            return None
        if isinstance(self.pos_weight, str):
            return positive_weights(Y, self.max_pos_weight)
        w = np.asarray(self.pos_weight, dtype=np.float32).ravel()
        if w.size != Y.shape[1]:
            raise ValueError(f"pos_weight has {w.size} values but Y has {Y.shape[1]} labels.")
        return w

    def _compile(self, model, pos_w):
        optimizer = keras.optimizers.Adam(self.learning_rate)
        if not self.multi_output_:
            loss = "binary_crossentropy" if pos_w is None else weighted_binary_crossentropy(pos_w)
            model.compile(optimizer=optimizer, loss=loss)
            return
        losses = {label: ("binary_crossentropy" if pos_w is None else weighted_binary_crossentropy(pos_w[j : j + 1]))
                  for j, label in enumerate(self.labels_)}
        model.compile(optimizer=optimizer, loss=losses)

    def _targets(self, Y):
        return as_output_dict(Y, self.labels_) if self.multi_output_ else Y

    def _batches(self, Xn, Y, seed):
        """Training (shuffled with ``seed``) or validation (``seed=None``) batches for ``model.fit``."""
        return RowBatches(Xn, self._targets(Y), self.batch_size, seed=seed)

    def _builder_kwargs(self, Xn):
        kwargs = dict(self.model_kwargs or {})
        if self.input_kind == "tfidf":
            kwargs.setdefault("n_features", Xn.shape[1])
        else:
            kwargs.setdefault("vocab_size", max(int(Xn.max()) + 1, 3))
            kwargs.setdefault("max_len", Xn.shape[1])
        accepted = inspect.signature(self._builder()).parameters
        if "labels" in accepted:
            kwargs.setdefault("labels", self.labels_)
        if "n_labels" in accepted:
            kwargs.setdefault("n_labels", self.n_labels_)
        return kwargs

    # -- estimator API ---------------------------------------------------- #
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, Y, groups=None):
        """Train on ``X`` (TF-IDF or token ids, as ``input_kind`` says) and the 0/1 matrix ``Y``; returns self.

        ``groups``: one id per row, near-copies sharing one (e.g. ``data.groups_train``);
        the validation part never splits a group. Default: rows with identical
        features form a group (exact copies).
        """
        if self.patience is not None and not self.validation_fraction:
            raise ValueError("patience needs a validation part: set validation_fraction > 0.")
        self.vocab_size_ = None
        X, Y = self._validate_fit_data(X, Y, accept_sparse=self._sparse_formats())
        Y = Y.astype(np.float32)
        self.labels_ = list(self.labels) if self.labels is not None else default_label_names(self.n_labels_)
        if len(self.labels_) != self.n_labels_:
            raise ValueError(f"labels names {len(self.labels_)} outputs but Y has {self.n_labels_} columns.")
        Xn = self._network_input(X)
        kwargs = self._builder_kwargs(Xn)
        if self.input_kind == "tokens":
            self.vocab_size_ = kwargs["vocab_size"]
        with _GlobalRandomState(self.random_state):
            self.model_ = self._builder()(input_kind=self.input_kind, hidden=self.hidden, seed=self.random_state,
                                          **kwargs)
            self.multi_output_ = isinstance(self.model_.output, dict)
            self._compile(self.model_, self._pos_weights(Y))
            callbacks, validation_data = [], None
            train_idx, val_idx = np.arange(len(Y)), np.arange(0)
            if self.validation_fraction:
                train_idx, val_idx = train_validation_split(Y, self.validation_fraction, self.random_state,
                                                            groups=self._validation_groups(X, groups))
                validation_data = self._batches(Xn[val_idx], Y[val_idx], seed=None)
                if self.patience is not None:
                    callbacks.append(keras.callbacks.EarlyStopping(
                        monitor="val_loss", patience=self.patience, restore_best_weights=True))
            hist = self.model_.fit(
                self._batches(Xn[train_idx], Y[train_idx], seed=self.random_state), epochs=self.epochs,
                validation_data=validation_data, callbacks=callbacks, verbose=self.verbose,
            )
        self.history_ = {k: [float(v) for v in vals] for k, vals in hist.history.items()}
        self.validation_index_ = val_idx
        return self

    def predict_proba(self, X):
        """``(n, q)`` matrix of P(label = 1)."""
        Xn = self._network_input(self._validate_X(X, accept_sparse=self._sparse_formats()))
        labels = self.labels_ if self.multi_output_ else None
        if not sp.issparse(Xn):
            return predict_probabilities(self.model_, Xn, labels, chunk_size=PREDICT_CHUNK).astype(float)
        parts = [predict_probabilities(self.model_, dense_rows(Xn[start : start + PREDICT_CHUNK]), labels,
                                       chunk_size=PREDICT_CHUNK)
                 for start in range(0, Xn.shape[0], PREDICT_CHUNK)]
        return np.concatenate(parts).astype(float) if parts else np.zeros((0, self.n_labels_))
