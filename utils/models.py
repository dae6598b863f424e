"""Keras models for multi-label text: one sigmoid output layer, or one output per label.

Keras 3 on the JAX backend (``import utils`` chooses it before Keras loads).
No TensorFlow: token ids come from :class:`utils.sequences.TextSequencer`,
sparse TF-IDF matrices reach a model one dense batch at a time
(:class:`utils.keras_estimator.RowBatches` for training, :func:`predict_probabilities`
for prediction), or whole with :func:`to_dense_float32` when they are small.

Builders
    ``single_output_model``  one ``Dense(n_labels, sigmoid)`` layer named ``"labels"``.
    ``multi_output_model``   one ``Dense(1, sigmoid)`` head per label, named after the label
                             (``separate_hidden=True`` gives each label its own hidden layer too).
Both share the same trunk, with the same layer names, so :func:`set_weights_from`
can copy a trained or freshly initialised single-output model into a multi-output one.

The scikit-learn estimator around these builders, ``KerasMultiLabel``, is in
:mod:`utils.keras_estimator`.
"""

import numbers

import keras  # safe: importing utils.models runs utils/__init__ first, which picks the JAX backend
import numpy as np
import scipy.sparse as sp
from keras import layers, ops

from utils import SEED
from utils.data import LABELS
from utils.validation import check_label_matrix

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
    "layer_table",
    "PerLabelAUCHistory",
    "train_validation_split",
    "BUILDERS",
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
    """The course's one label-matrix check, as float32 for Keras."""
    return check_label_matrix(Y, n_rows=n_rows).astype(np.float32)


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
def _trunk(input_kind, n_features=None, vocab_size=None, max_len=None, embed_dim=32, conv_filters=0,
           kernel_size=3, pooling="max", hidden=0, dropout=0.0, seed=SEED):
    """Input and shared layers; the same names in both builders (for ``set_weights_from``).

    ``input_kind="tfidf"`` needs ``n_features``; ``"tokens"`` needs ``vocab_size`` and ``max_len``
    (an ``Embedding(embed_dim)``, an optional ``Conv1D(conv_filters, kernel_size)``, then ``pooling``).
    ``hidden`` > 0 adds a shared ``Dense(hidden, relu)`` (with ``dropout``); ``seed`` fixes the initial weights.
    """
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


def single_output_model(input_kind="tfidf", n_labels=6, output_activation="sigmoid", name=None, **trunk):
    """One output layer ``Dense(n_labels, sigmoid)`` named ``"labels"`` (not compiled).

    ``trunk``: the input and shared-layer options of ``_trunk`` (``n_features``, ``hidden``, ``seed``, ...).
    With ``input_kind="tfidf"`` and ``hidden=0`` this is ``n_labels`` logistic
    regressions side by side: a kernel of shape ``(n_features, n_labels)``.
    ``output_activation="softmax"`` builds the (wrong for multi-label) softmax
    variant for comparison. ``seed`` fixes the initial weights.
    """
    if output_activation not in ("sigmoid", "softmax"):
        raise ValueError(f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}.")
    seed = trunk.get("seed", SEED)
    inputs, x = _trunk(input_kind, **trunk)
    outputs = layers.Dense(n_labels, activation=output_activation, name="labels",
                           kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1))(x)
    return keras.Model(inputs, outputs, name=name or f"single_output_{input_kind}")


def multi_output_model(input_kind="tfidf", labels=LABELS, separate_hidden=False, head_hidden=16, name=None,
                       **trunk):
    """One ``Dense(1, sigmoid)`` head per label, each named after its label (not compiled).

    ``trunk``: the input and shared-layer options of ``_trunk`` (``n_features``, ``hidden``, ``seed``, ...).
    The model's outputs are a dict ``{label: (n, 1) probabilities}``, so ``fit``
    takes ``y`` as a dict, ``compile`` takes a loss per label, and the total loss
    is the SUM of the per-label losses. With ``separate_hidden=True`` each label
    also gets its own ``Dense(head_hidden, relu)`` layer (``"<label>_hidden"``):
    real extra capacity.
    """
    labels = list(labels)
    if len(set(labels)) != len(labels) or not labels:
        raise ValueError(f"labels must be distinct names, got {labels}.")
    seed = trunk.get("seed", SEED)
    inputs, x = _trunk(input_kind, **trunk)
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


def layer_table(model):
    """A model's layers as a DataFrame (layer, type, output shape, parameters), ending with a ``total`` row.

    A run of consecutive layers of one type, shape and size (the per-label heads
    of ``multi_output_model``) shares one row, so 28 heads take one line, not 28.
    Plain data, unlike ``model.summary()``, which leaves an empty rich output in Jupyter.
    """
    import pandas as pd

    runs = []
    for layer in model.layers:
        key = (type(layer).__name__, str(tuple(layer.output.shape)), layer.count_params())
        if runs and runs[-1][0] == key:
            runs[-1][1].append(layer.name)
        else:
            runs.append((key, [layer.name]))
    heads = {name: i for i, name in enumerate(head_names(model))}
    rows = []
    for (kind, shape, params), names in runs:
        if set(names) <= heads.keys():  # Keras lists output layers sorted by name; show them in the builder's order
            names = sorted(names, key=heads.get)
        if len(names) == 1:
            rows.append({"layer": names[0], "type": kind, "output shape": shape, "parameters": f"{params:,}"})
        else:
            rows.append({"layer": f"{names[0]} … {names[-1]} ({len(names)} layers)", "type": kind,
                         "output shape": f"{shape} each", "parameters": f"{params:,} each = {params * len(names):,}"})
    rows.append({"layer": "total", "type": "", "output shape": "", "parameters": f"{model.count_params():,}"})
    return pd.DataFrame(rows).set_index("layer")


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
    A SciPy sparse ``X`` is densified one chunk of rows at a time (float32).
    """
    X = X.tocsr() if sp.issparse(X) else np.asarray(X)
    labels = labels if labels is not None else (head_names(model) if isinstance(model.output, dict) else None)
    parts = []
    for start in range(0, X.shape[0], chunk_size):
        part = X[start : start + chunk_size]
        out = model(part.toarray().astype(np.float32) if sp.issparse(part) else part, training=False)
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


def train_validation_split(Y, fraction=0.2, seed=SEED, groups=None):
    """Seeded, label-stratified ``(train_idx, val_idx)``: :func:`utils.splits.group_stratified_split`.

    Kept under this name for notebooks 10-11; ``groups`` (one value per row,
    near-copies sharing one) keeps every group on one side.
    """
    from utils.splits import group_stratified_split

    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}.")
    return group_stratified_split(Y, groups=groups, test_size=fraction, random_state=seed)


class PerLabelAUCHistory(keras.callbacks.Callback):
    """Record the ROC AUC of every label after each epoch, on each named data set.

    ``data`` is ``{"train": (X, Y), "val": (X, Y)}`` (X dense or sparse); after training,
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


#: The builders ``KerasMultiLabel(builder=...)`` knows by name.
BUILDERS = {"single": single_output_model, "multi": multi_output_model}
