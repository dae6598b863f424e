"""Keras models for multi-label text: one sigmoid output layer, or one output per label.

Keras 3 on the JAX backend (``import utils`` chooses it before Keras loads).
No TensorFlow: token ids come from :class:`utils.sequences.TextSequencer`,
TF-IDF matrices are densified with :func:`to_dense_float32`.

Builders
    ``single_output_model``  one ``Dense(n_labels, sigmoid)`` layer named ``"labels"``.
    ``multi_output_model``   one ``Dense(1, sigmoid)`` head per label, named after the label
                             (``separate_hidden=True`` gives each label its own hidden layer too).
Both share the same trunk, with the same layer names, so :func:`set_weights_from`
can copy a trained or freshly initialised single-output model into a multi-output one.

Estimator
    ``KerasMultiLabel``      scikit-learn style wrapper (``fit``/``predict_proba``/``predict``)
                             taking sparse TF-IDF or token-id arrays.
"""

import inspect
import numbers

import keras  # safe: importing utils.models runs utils/__init__ first, which picks the JAX backend
import numpy as np
import scipy.sparse as sp
from keras import layers, ops
from sklearn.base import BaseEstimator, ClassifierMixin

from utils import SEED
from utils.data import LABELS

__all__ = [
    "INPUT_KINDS",
    "to_dense_float32",
    "infer_input_kind",
    "positive_weights",
    "weighted_binary_crossentropy",
    "single_output_model",
    "multi_output_model",
    "set_weights_from",
    "stack_outputs",
    "predict_probabilities",
    "as_output_dict",
    "head_names",
    "output_layer_params",
    "PerLabelAUCHistory",
    "train_validation_split",
    "KerasMultiLabel",
]

INPUT_KINDS = ("tfidf", "tokens")
POOLINGS = ("max", "average")
MAX_DENSE_BYTES = 2 * 1024**3


# --------------------------------------------------------------------------- #
# Inputs and labels
# --------------------------------------------------------------------------- #
def to_dense_float32(X):
    """A dense float32 NumPy array from a SciPy sparse matrix or array-like.

    Keras on JAX would turn each sparse batch into a JAX sparse array whose
    size changes from batch to batch, forcing a recompilation per batch; a
    dense float32 matrix keeps one shape. Refuses matrices above 2 GiB: use
    fewer TF-IDF features (``tfidf_vectorizer(kind, max_features=...)``).
    """
    shape = X.shape if sp.issparse(X) else np.shape(X)
    if len(shape) != 2:
        raise ValueError(f"expected a 2-D feature matrix (n_samples, n_features), got shape {shape}.")
    if shape[0] * shape[1] * 4 > MAX_DENSE_BYTES:
        raise MemoryError(
            f"a dense float32 copy of a {shape[0]} x {shape[1]} matrix needs "
            f"{shape[0] * shape[1] * 4 / 1024**3:.1f} GiB; use fewer features (e.g. max_features=10_000)."
        )
    if sp.issparse(X):
        return np.asarray(X.astype(np.float32).toarray())
    return np.asarray(X, dtype=np.float32)


def infer_input_kind(X):
    """``"tokens"`` for an integer 2-D array (token ids), ``"tfidf"`` for sparse or float features."""
    if sp.issparse(X):
        return "tfidf"
    arr = np.asarray(X)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D input (n_samples, n_features or max_len), got shape {arr.shape}.")
    return "tokens" if np.issubdtype(arr.dtype, np.integer) else "tfidf"


def _check_labels(Y, n_rows=None):
    Y = np.asarray(Y)
    if Y.ndim != 2:
        raise ValueError(f"Y must be a 2-D 0/1 label matrix (n_samples, n_labels), got shape {Y.shape}.")
    if not np.isin(Y, (0, 1)).all():
        raise ValueError("Y must contain only 0 and 1 (one column per label).")
    if n_rows is not None and Y.shape[0] != n_rows:
        raise ValueError(f"X has {n_rows} rows but Y has {Y.shape[0]}.")
    return Y.astype(np.float32)


def positive_weights(Y, max_weight=None):
    """Per-label weight of the positive class: ``n_negative / n_positive`` ("balanced").

    A label with 5 % positives gets weight 19, so its positives count as much in
    the loss as its negatives. ``max_weight`` caps very rare labels.
    """
    Y = _check_labels(Y)
    n_pos = Y.sum(axis=0)
    if (n_pos == 0).any():
        raise ValueError(f"label column(s) {np.flatnonzero(n_pos == 0).tolist()} have no positive example.")
    w = (Y.shape[0] - n_pos) / n_pos
    if max_weight is not None:
        w = np.minimum(w, max_weight)
    return w.astype(np.float32)


def weighted_binary_crossentropy(pos_weights):
    """Binary cross-entropy whose positive term of label j is multiplied by ``pos_weights[j]``.

    ``loss = mean_j [ -w_j * y_j * log(p_j) - (1 - y_j) * log(1 - p_j) ]``; with all
    weights 1 it equals ``keras.losses.binary_crossentropy``. Works for a
    ``Dense(q)`` output (q weights) and for a ``Dense(1)`` head (one weight).
    """
    w = np.asarray(pos_weights, dtype=np.float32).ravel()
    if w.size == 0 or (w <= 0).any() or not np.isfinite(w).all():
        raise ValueError(f"pos_weights must be positive finite numbers, got {w.tolist()}.")

    def loss(y_true, y_pred):
        y_true = ops.cast(y_true, "float32")
        p = ops.clip(y_pred, keras.config.epsilon(), 1.0 - keras.config.epsilon())
        per_label = -(w * y_true * ops.log(p) + (1.0 - y_true) * ops.log(1.0 - p))
        return ops.mean(per_label, axis=-1)

    loss.__name__ = "weighted_binary_crossentropy"
    return loss


# --------------------------------------------------------------------------- #
# Builders
# --------------------------------------------------------------------------- #
def _trunk(input_kind, n_features, vocab_size, max_len, embed_dim, conv_filters, kernel_size, pooling,
           hidden, dropout, seed):
    """Input and shared layers; the same names in both builders (for ``set_weights_from``)."""
    if input_kind not in INPUT_KINDS:
        raise ValueError(f"input_kind must be one of {INPUT_KINDS}, got {input_kind!r}.")
    init = keras.initializers.GlorotUniform(seed=seed)
    if input_kind == "tfidf":
        if not isinstance(n_features, numbers.Integral) or n_features < 1:
            raise ValueError(f"input_kind='tfidf' needs n_features (columns of X), got {n_features!r}.")
        inputs = keras.Input(shape=(n_features,), name="features")
        x = inputs
    else:
        if not isinstance(vocab_size, numbers.Integral) or vocab_size < 3:
            raise ValueError(f"input_kind='tokens' needs vocab_size (TextSequencer.vocabulary_size_), got {vocab_size!r}.")
        if pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}, got {pooling!r}.")
        inputs = keras.Input(shape=(max_len,), dtype="int32", name="token_ids")
        x = layers.Embedding(vocab_size, embed_dim, embeddings_initializer=keras.initializers.RandomUniform(
            -0.05, 0.05, seed=seed), name="embedding")(inputs)
        if conv_filters:
            x = layers.Conv1D(conv_filters, kernel_size, activation="relu", kernel_initializer=init,
                              name="conv")(x)
        pool = layers.GlobalMaxPooling1D if pooling == "max" else layers.GlobalAveragePooling1D
        x = pool(name="pooling")(x)
    if hidden:
        x = layers.Dense(hidden, activation="relu", kernel_initializer=init, name="hidden")(x)
        if dropout:
            x = layers.Dropout(dropout, seed=seed, name="dropout")(x)
    return inputs, x


def single_output_model(input_kind="tfidf", n_features=None, vocab_size=None, n_labels=6, hidden=0,
                        max_len=None, embed_dim=32, conv_filters=0, kernel_size=3, pooling="max",
                        dropout=0.0, output_activation="sigmoid", seed=SEED, name=None):
    """One output layer ``Dense(n_labels, sigmoid)`` named ``"labels"`` (not compiled).

    With ``input_kind="tfidf"`` and ``hidden=0`` this is ``n_labels`` logistic
    regressions side by side: a kernel of shape ``(n_features, n_labels)``.
    ``output_activation="softmax"`` builds the (wrong for multi-label) softmax
    variant for comparison. ``seed`` fixes the initial weights.
    """
    if output_activation not in ("sigmoid", "softmax"):
        raise ValueError(f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}.")
    inputs, x = _trunk(input_kind, n_features, vocab_size, max_len, embed_dim, conv_filters, kernel_size,
                       pooling, hidden, dropout, seed)
    outputs = layers.Dense(n_labels, activation=output_activation, name="labels",
                           kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1))(x)
    return keras.Model(inputs, outputs, name=name or f"single_output_{input_kind}")


def multi_output_model(input_kind="tfidf", n_features=None, vocab_size=None, labels=LABELS, hidden=0,
                       max_len=None, embed_dim=32, conv_filters=0, kernel_size=3, pooling="max",
                       dropout=0.0, separate_hidden=False, head_hidden=16, seed=SEED, name=None):
    """One ``Dense(1, sigmoid)`` head per label, each named after its label (not compiled).

    The model's outputs are a dict ``{label: (n, 1) probabilities}``, so ``fit``
    takes ``y`` as a dict, ``compile`` takes a loss per label, and the total loss
    is the SUM of the per-label losses. With ``separate_hidden=True`` each label
    also gets its own ``Dense(head_hidden, relu)`` layer (``"<label>_hidden"``):
    real extra capacity.
    """
    labels = list(labels)
    if len(set(labels)) != len(labels) or not labels:
        raise ValueError(f"labels must be distinct names, got {labels}.")
    inputs, x = _trunk(input_kind, n_features, vocab_size, max_len, embed_dim, conv_filters, kernel_size,
                       pooling, hidden, dropout, seed)
    outputs = {}
    for j, label in enumerate(labels):
        h = x
        if separate_hidden:
            h = layers.Dense(head_hidden, activation="relu", name=f"{label}_hidden",
                             kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 100 + j))(x)
        outputs[label] = layers.Dense(1, activation="sigmoid", name=label,
                                      kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1 + j))(h)
    return keras.Model(inputs, outputs, name=name or f"multi_output_{input_kind}")


def head_names(model):
    """Output layer names in the order the model was built (label order for ``multi_output_model``).

    Keras' ``model.output_names`` sorts dict outputs alphabetically; this keeps
    the builder's order.
    """
    if isinstance(model.output, dict):
        return list(model.output.keys())
    return list(model.output_names)


def output_layer_params(model):
    """Number of parameters in the output layer(s): ``"labels"`` or the per-label heads."""
    return int(sum(model.get_layer(n).count_params() for n in head_names(model)))


def set_weights_from(single, multi):
    """Copy a single-output model's weights into a multi-output model with the same trunk.

    Trunk layers are matched by name; column j of the ``"labels"`` kernel and
    bias goes to the j-th head (the multi-output model's label order). Returns ``multi``. Not possible with ``separate_hidden=True``
    (those heads have weights the single model does not have).
    """
    out = single.get_layer("labels")
    kernel, bias = out.get_weights()
    heads = head_names(multi)
    if kernel.shape[1] != len(heads):
        raise ValueError(f"the single-output model has {kernel.shape[1]} labels, the multi-output one {len(heads)}.")
    for layer in single.layers:
        if layer.name == "labels" or not layer.weights:
            continue
        try:
            target = multi.get_layer(layer.name)
        except ValueError as err:
            raise ValueError(f"the multi-output model has no trunk layer named {layer.name!r}.") from err
        target.set_weights(layer.get_weights())
    for j, label in enumerate(heads):
        head = multi.get_layer(label)
        if head.kernel.shape[0] != kernel.shape[0]:
            raise ValueError(f"head {label!r} does not sit on the shared trunk (separate hidden layer?): "
                             "weights cannot be copied one to one.")
        head.set_weights([kernel[:, j : j + 1], bias[j : j + 1]])
    return multi


def stack_outputs(pred, labels=None):
    """An ``(n, q)`` matrix from a multi-output prediction (dict or list of ``(n, 1)`` arrays).

    Dict columns follow ``labels`` (default: the course's ``LABELS`` when the keys
    are those names, else the dict's order).
    """
    if isinstance(pred, dict):
        if labels is None:
            labels = LABELS if set(pred) == set(LABELS) else list(pred)
        keys = list(labels)
        return np.column_stack([np.asarray(pred[k]).reshape(-1) for k in keys])
    if isinstance(pred, (list, tuple)):
        return np.column_stack([np.asarray(p).reshape(-1) for p in pred])
    return np.asarray(pred)


def predict_probabilities(model, X, labels=None, chunk_size=1024):
    """``(n, q)`` probabilities from a single- or multi-output model, by calling it directly.

    Same numbers as ``model.predict`` but without compiling a predict function
    for every new model (on JAX that compilation takes about a second; the
    direct call reuses compiled operations across models of the same shapes).
    """
    X = np.asarray(X)
    labels = labels if labels is not None else (head_names(model) if isinstance(model.output, dict) else None)
    parts = []
    for start in range(0, len(X), chunk_size):
        out = model(X[start : start + chunk_size], training=False)
        out = {k: np.asarray(v) for k, v in out.items()} if isinstance(out, dict) else np.asarray(out)
        parts.append(stack_outputs(out, labels))
    return np.concatenate(parts, axis=0) if parts else np.zeros((0, len(labels or [])), dtype=np.float32)


def as_output_dict(Y, labels=LABELS):
    """A label matrix as ``{label: column (n, 1)}``, the ``y`` a multi-output model fits on."""
    Y = _check_labels(Y)
    labels = list(labels)
    if Y.shape[1] != len(labels):
        raise ValueError(f"Y has {Y.shape[1]} columns but {len(labels)} label names were given.")
    return {label: Y[:, j : j + 1] for j, label in enumerate(labels)}


def train_validation_split(n_samples_or_Y, fraction=0.2, seed=SEED):
    """Seeded, label-stratified indices ``(train_idx, val_idx)`` for carving a validation split.

    Uses iterative stratification so every label keeps about the same share of
    positives in both parts.
    """
    from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

    Y = _check_labels(n_samples_or_Y)
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}.")
    splitter = MultilabelStratifiedShuffleSplit(n_splits=1, test_size=fraction, random_state=seed)
    train_idx, val_idx = next(splitter.split(np.zeros(len(Y)), Y))
    return np.sort(train_idx), np.sort(val_idx)


class PerLabelAUCHistory(keras.callbacks.Callback):
    """Record the ROC AUC of every label after each epoch, on each named data set.

    ``data`` is ``{"train": (X, Y), "val": (X, Y)}``; after training,
    ``history[name]`` is an ``(epochs, q)`` array. Works with single- and
    multi-output models.
    """

    def __init__(self, data, batch_size=1024):
        super().__init__()
        self.data = data
        self.batch_size = batch_size
        self.history = {name: [] for name in data}

    def on_epoch_end(self, epoch, logs=None):
        from utils.metrics import per_label_roc_auc

        for name, (X, Y) in self.data.items():
            P = predict_probabilities(self.model, X, chunk_size=self.batch_size)
            self.history[name].append(np.asarray(per_label_roc_auc(Y, P)))

    def as_arrays(self):
        """``{name: (epochs, q) array}``."""
        return {name: np.array(rows) for name, rows in self.history.items()}


# --------------------------------------------------------------------------- #
# scikit-learn style wrapper
# --------------------------------------------------------------------------- #
BUILDERS = {"single": single_output_model, "multi": multi_output_model}


class KerasMultiLabel(ClassifierMixin, BaseEstimator):
    """A Keras multi-label model used like any scikit-learn estimator.

    Parameters
    ----------
    builder : "single", "multi" or callable
        ``single_output_model``, ``multi_output_model`` or any function taking
        the same keyword arguments (``input_kind``, ``n_features``/``vocab_size``,
        ``max_len``, ``hidden``, ``seed``, and ``labels`` or ``n_labels`` if it has
        them) and returning an uncompiled model (one sigmoid output, or a dict of them).
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
        Share of the training rows held out (stratified) for early stopping; 0 = none.
    patience : int or None
        Early stopping on validation loss with best weights restored (needs a validation part).
    threshold : float
        Probability from which ``predict`` says 1.
    seed : int
        Seeds initial weights, shuffling and the validation split.

    Inputs: a SciPy sparse / float matrix (TF-IDF) or an int matrix of token ids
    (``TextSequencer``). Attributes after ``fit``: ``model_``, ``history_`` (dict of
    lists), ``input_kind_``, ``n_labels_``, ``labels_``.
    """

    def __init__(self, builder="single", hidden=0, model_kwargs=None, epochs=20, batch_size=64,
                 learning_rate=1e-2, pos_weight=None, max_pos_weight=20.0, validation_fraction=0.0,
                 patience=None, threshold=0.5, labels=None, seed=SEED, verbose=0):
        self.builder = builder
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
        self.seed = seed
        self.verbose = verbose

    # -- helpers ---------------------------------------------------------- #
    def _builder(self):
        if callable(self.builder):
            return self.builder
        if self.builder in BUILDERS:
            return BUILDERS[self.builder]
        raise ValueError(f"builder must be 'single', 'multi' or a callable, got {self.builder!r}.")

    def _prepare_X(self, X):
        kind = infer_input_kind(X)
        if hasattr(self, "input_kind_") and kind != self.input_kind_:
            raise ValueError(f"the model was fitted on {self.input_kind_} input but got {kind} input.")
        if kind == "tfidf":
            X = to_dense_float32(X)
            if hasattr(self, "n_features_in_") and X.shape[1] != self.n_features_in_:
                raise ValueError(f"X has {X.shape[1]} features, the model was fitted on {self.n_features_in_}.")
            return X
        X = np.asarray(X, dtype=np.int32)
        if (X < 0).any():
            raise ValueError("token ids must be non-negative.")
        if hasattr(self, "vocab_size_"):
            X = np.where(X >= self.vocab_size_, 1, X).astype(np.int32)  # unseen ids -> out-of-vocabulary id 1
        return X

    def _pos_weights(self, Y):
        if self.pos_weight is None:
            return None
        if isinstance(self.pos_weight, str):
            if self.pos_weight != "balanced":
                raise ValueError(f"pos_weight must be None, 'balanced' or an array, got {self.pos_weight!r}.")
            return positive_weights(Y, self.max_pos_weight)
        w = np.asarray(self.pos_weight, dtype=np.float32).ravel()
        if w.size != Y.shape[1]:
            raise ValueError(f"pos_weight has {w.size} values but Y has {Y.shape[1]} labels.")
        return w

    def _compile(self, model, pos_w, multi):
        optimizer = keras.optimizers.Adam(self.learning_rate)
        if not multi:
            loss = "binary_crossentropy" if pos_w is None else weighted_binary_crossentropy(pos_w)
            model.compile(optimizer=optimizer, loss=loss)
            return
        losses = {label: ("binary_crossentropy" if pos_w is None else weighted_binary_crossentropy(pos_w[j : j + 1]))
                  for j, label in enumerate(self.labels_)}
        model.compile(optimizer=optimizer, loss=losses)

    def _targets(self, Y, multi):
        return as_output_dict(Y, self.labels_) if multi else Y

    # -- estimator API ---------------------------------------------------- #
    def fit(self, X, Y):
        """Train on ``X`` (sparse TF-IDF or token ids) and the 0/1 matrix ``Y``; returns self."""
        self.input_kind_ = infer_input_kind(X)
        n = X.shape[0]
        Y = _check_labels(Y, n)
        self.n_labels_ = Y.shape[1]
        self.labels_ = list(self.labels) if self.labels is not None else (
            list(LABELS) if self.n_labels_ == len(LABELS) else [f"label_{j}" for j in range(self.n_labels_)])
        Xd = self._prepare_X(X)
        kwargs = dict(self.model_kwargs or {})
        if self.input_kind_ == "tfidf":
            self.n_features_in_ = Xd.shape[1]
            kwargs.setdefault("n_features", Xd.shape[1])
        else:
            kwargs.setdefault("vocab_size", int(Xd.max()) + 1)
            kwargs.setdefault("max_len", Xd.shape[1])
            self.vocab_size_ = kwargs["vocab_size"]
        builder = self._builder()
        accepted = inspect.signature(builder).parameters
        if "labels" in accepted:
            kwargs.setdefault("labels", self.labels_)
        if "n_labels" in accepted:
            kwargs.setdefault("n_labels", self.n_labels_)
        keras.utils.set_random_seed(self.seed)
        self.model_ = builder(input_kind=self.input_kind_, hidden=self.hidden, seed=self.seed, **kwargs)
        self.multi_output_ = isinstance(self.model_.output, dict)
        self._compile(self.model_, self._pos_weights(Y), self.multi_output_)

        callbacks, validation_data, train_idx = [], None, np.arange(n)
        if self.validation_fraction:
            train_idx, val_idx = train_validation_split(Y, self.validation_fraction, self.seed)
            validation_data = (Xd[val_idx], self._targets(Y[val_idx], self.multi_output_))
            if self.patience is not None:
                callbacks.append(keras.callbacks.EarlyStopping(
                    monitor="val_loss", patience=self.patience, restore_best_weights=True))
        elif self.patience is not None:
            raise ValueError("patience needs a validation part: set validation_fraction > 0.")
        hist = self.model_.fit(
            Xd[train_idx], self._targets(Y[train_idx], self.multi_output_), epochs=self.epochs,
            batch_size=self.batch_size, validation_data=validation_data, callbacks=callbacks,
            verbose=self.verbose, shuffle=True,
        )
        self.history_ = {k: [float(v) for v in vals] for k, vals in hist.history.items()}
        return self

    def predict_proba(self, X):
        """``(n, q)`` matrix of P(label = 1)."""
        if not hasattr(self, "model_"):
            raise RuntimeError("KerasMultiLabel is not fitted yet: call fit(X, Y) first.")
        P = predict_probabilities(self.model_, self._prepare_X(X), self.labels_ if self.multi_output_ else None)
        return P.astype(float)

    def predict(self, X):
        """0/1 int matrix: P(label = 1) ≥ ``threshold`` (a number or one per label)."""
        return (self.predict_proba(X) >= np.asarray(self.threshold)).astype(int)
