"""Tests for utils.models: builders, weight copying, the weighted loss and the sklearn-style wrapper."""

import utils  # noqa: F401  (first: picks the JAX backend before keras is imported)

# isort: split
import keras
import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from utils.data import LABELS
from utils.keras_estimator import KerasMultiLabel, RowBatches, dense_rows, identical_row_groups
from utils.models import (
    PerLabelAUCHistory,
    as_output_dict,
    head_names,
    infer_input_kind,
    layer_table,
    multi_output_model,
    output_layer_params,
    positive_weights,
    set_weights_from,
    single_output_model,
    stack_outputs,
    to_dense_float32,
    train_validation_split,
    weighted_binary_crossentropy,
)


def toy_data(n=120, n_features=30, seed=0):
    """Sparse features where label j is switched on by feature j (plus noise)."""
    rng = np.random.default_rng(seed)
    X = sp.random(n, n_features, density=0.2, random_state=seed, format="csr", dtype=np.float64)
    X = X.toarray()
    Y = (X[:, :6] > 0).astype(int)
    Y[rng.random(Y.shape) < 0.05] = 1
    Y[:6] = np.eye(6, dtype=int)  # every label has positives
    return sp.csr_matrix(X), Y


def test_to_dense_float32_from_sparse_and_rejects_bad_shape():
    X = sp.csr_matrix(np.array([[0, 1.5], [2, 0]]))
    D = to_dense_float32(X)
    assert D.dtype == np.float32 and isinstance(D, np.ndarray)
    np.testing.assert_array_equal(D, [[0, 1.5], [2, 0]])
    with pytest.raises(ValueError, match="2-D"):
        to_dense_float32(np.zeros(3))


def test_to_dense_refuses_huge_matrix():
    with pytest.raises(MemoryError, match="fewer features"):
        to_dense_float32(sp.csr_matrix((100_000, 10_000), dtype=np.float32))


def test_infer_input_kind():
    assert infer_input_kind(sp.csr_matrix(np.eye(3))) == "tfidf"
    assert infer_input_kind(np.zeros((2, 3), dtype=np.float32)) == "tfidf"
    assert infer_input_kind(np.zeros((2, 3), dtype=np.int32)) == "tokens"


def test_positive_weights_is_negatives_over_positives():
    Y = np.array([[1, 0], [0, 1], [0, 1], [0, 0]])
    np.testing.assert_allclose(positive_weights(Y), [3.0, 1.0])
    np.testing.assert_allclose(positive_weights(Y, max_weight=2), [2.0, 1.0])
    with pytest.raises(ValueError, match="no positive"):
        positive_weights(np.array([[1, 0], [0, 0]]))
    with pytest.raises(ValueError, match="only 0 and 1"):
        positive_weights(np.array([[2, 1]]))


def test_weighted_bce_equals_keras_bce_with_unit_weights_and_upweights_positives():
    y = np.array([[1, 0, 1], [0, 0, 1]], dtype=np.float32)
    p = np.array([[0.7, 0.2, 0.4], [0.1, 0.6, 0.9]], dtype=np.float32)
    ours = np.asarray(weighted_binary_crossentropy(np.ones(3))(y, p))
    ref = np.asarray(keras.losses.binary_crossentropy(y, p))
    np.testing.assert_allclose(ours, ref, rtol=1e-5)
    heavy = np.asarray(weighted_binary_crossentropy([1, 1, 5])(y, p))
    expected_extra = 4 * -np.log(p[:, 2]) * y[:, 2] / 3
    np.testing.assert_allclose(heavy - ours, expected_extra, rtol=1e-5)
    with pytest.raises(ValueError, match="positive"):
        weighted_binary_crossentropy([1, 0])


def test_single_output_on_tfidf_is_six_logistic_regressions():
    model = single_output_model("tfidf", n_features=40)
    kernel, bias = model.get_layer("labels").get_weights()
    assert kernel.shape == (40, 6) and bias.shape == (6,)
    assert model.count_params() == 40 * 6 + 6
    assert model.get_layer("labels").activation.__name__ == "sigmoid"


def test_builders_reject_missing_sizes():
    with pytest.raises(ValueError, match="n_features"):
        single_output_model("tfidf")
    with pytest.raises(ValueError, match="vocab_size"):
        multi_output_model("tokens", max_len=10)
    with pytest.raises(ValueError, match="input_kind"):
        single_output_model("images", n_features=3)


@pytest.mark.parametrize("kind", ["tfidf", "tokens"])
def test_multi_output_heads_have_exactly_the_parameters_of_one_dense6(kind):
    kw = dict(n_features=25) if kind == "tfidf" else dict(vocab_size=50, max_len=12, conv_filters=4)
    single = single_output_model(kind, hidden=8, **kw)
    multi = multi_output_model(kind, hidden=8, **kw)
    assert head_names(multi) == LABELS
    assert single.count_params() == multi.count_params()
    assert output_layer_params(single) == output_layer_params(multi) == 8 * 6 + 6
    wide = multi_output_model(kind, hidden=8, separate_hidden=True, head_hidden=4, **kw)
    assert wide.count_params() == multi.count_params() + 6 * (8 * 4 + 4) + 6 * 4 - 6 * 8


def test_set_weights_from_maps_column_j_to_label_j_and_gives_same_predictions():
    single = single_output_model("tokens", vocab_size=40, max_len=10, hidden=5, seed=1)
    multi = multi_output_model("tokens", vocab_size=40, max_len=10, hidden=5, seed=2)
    set_weights_from(single, multi)
    kernel = single.get_layer("labels").get_weights()[0]
    np.testing.assert_array_equal(multi.get_layer("threat").get_weights()[0][:, 0], kernel[:, LABELS.index("threat")])
    X = np.random.default_rng(0).integers(0, 40, size=(16, 10)).astype(np.int32)
    P_single = single.predict(X, verbose=0)
    P_multi = stack_outputs(multi.predict(X, verbose=0))
    np.testing.assert_allclose(P_single, P_multi, atol=1e-6)
    wide = multi_output_model("tokens", vocab_size=40, max_len=10, hidden=5, separate_hidden=True)
    with pytest.raises(ValueError, match="separate hidden"):
        set_weights_from(single, wide)


def test_same_start_same_batches_train_to_same_predictions_when_loss_is_scaled():
    X, Y = toy_data()
    Xd = to_dense_float32(X)
    single = single_output_model("tfidf", n_features=Xd.shape[1], hidden=6, seed=3)
    multi = set_weights_from(single, multi_output_model("tfidf", n_features=Xd.shape[1], hidden=6, seed=9))
    single.compile(optimizer=keras.optimizers.SGD(0.5), loss="binary_crossentropy")
    multi.compile(optimizer=keras.optimizers.SGD(0.5), loss={lab: "binary_crossentropy" for lab in LABELS},
                  loss_weights={lab: 1 / 6 for lab in LABELS})
    single.fit(Xd, Y, epochs=3, batch_size=32, shuffle=False, verbose=0)
    multi.fit(Xd, as_output_dict(Y), epochs=3, batch_size=32, shuffle=False, verbose=0)
    diff = np.abs(single.predict(Xd, verbose=0) - stack_outputs(multi.predict(Xd, verbose=0))).max()
    assert diff < 1e-4
    moved = np.abs(single.predict(Xd, verbose=0) - 0.5).max()
    assert moved > 0.05  # training changed something, so the equality is not trivial


def test_as_output_dict_and_stack_outputs_round_trip():
    Y = np.array([[1, 0, 0, 1, 0, 1], [0, 1, 1, 0, 0, 0]])
    d = as_output_dict(Y)
    assert list(d) == LABELS and d["threat"].shape == (2, 1)
    shuffled = {k: d[k] for k in reversed(LABELS)}
    np.testing.assert_array_equal(stack_outputs(shuffled), Y)
    with pytest.raises(ValueError, match="columns"):
        as_output_dict(Y[:, :3])


def test_train_validation_split_is_disjoint_seeded_and_stratified():
    _, Y = toy_data(n=200)
    tr, va = train_validation_split(Y, 0.25, seed=1)
    assert len(np.intersect1d(tr, va)) == 0 and len(tr) + len(va) == 200
    tr2, va2 = train_validation_split(Y, 0.25, seed=1)
    np.testing.assert_array_equal(va, va2)
    assert np.all(np.abs(Y[va].mean(0) - Y.mean(0)) < 0.08)


def test_wrapper_fits_predicts_and_is_reproducible():
    X, Y = toy_data()
    est = KerasMultiLabel(epochs=4, batch_size=32, learning_rate=0.05, random_state=5)
    P = est.fit(X, Y).predict_proba(X)
    assert P.shape == Y.shape and ((P >= 0) & (P <= 1)).all()
    assert set(np.unique(est.predict(X))) <= {0, 1}
    assert est.model_.get_layer("labels").get_weights()[0].shape == (X.shape[1], 6)
    again = clone(est).fit(X, Y).predict_proba(X)
    np.testing.assert_array_equal(P, again)
    assert len(est.history_["loss"]) == 4 and est.history_["loss"][-1] < est.history_["loss"][0]


def test_wrapper_multi_output_tokens_with_balanced_weights_and_early_stopping():
    rng = np.random.default_rng(0)
    ids = rng.integers(2, 30, size=(90, 8)).astype(np.int32)
    Y = np.stack([(ids == 2 + j).any(axis=1) for j in range(6)], axis=1).astype(int)
    est = KerasMultiLabel(builder="multi", input_kind="tokens", hidden=4, epochs=30, batch_size=32, pos_weight="balanced",
                          learning_rate=0.1,
                          validation_fraction=0.25, patience=1, model_kwargs=dict(embed_dim=4))
    est.fit(ids, Y)
    assert est.multi_output_ and est.vocab_size_ == 30
    val_loss = est.history_["val_loss"]
    best = int(np.argmin(val_loss))
    # early stopping ended training `patience` epochs after the best validation loss, well before 30
    assert len(val_loss) == best + 1 + est.patience < 30
    big = ids.copy()
    big[0, 0] = 10_000  # an id the model never saw is mapped to out-of-vocabulary, not an error
    assert est.predict_proba(big).shape == (90, 6)


def test_wrapper_errors_are_clear():
    X, Y = toy_data(n=40)
    with pytest.raises(ValueError, match="builder"):
        KerasMultiLabel(builder="nope").fit(X, Y)
    with pytest.raises(ValueError, match="validation_fraction"):
        KerasMultiLabel(patience=2, epochs=1).fit(X, Y)
    with pytest.raises(ValueError, match="rows"):
        KerasMultiLabel(epochs=1).fit(X, Y[:10])
    with pytest.raises(NotFittedError):
        KerasMultiLabel().predict_proba(X)
    est = KerasMultiLabel(epochs=1).fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        est.predict_proba(X[:, :5])
    with pytest.raises(ValueError, match="pos_weight"):
        KerasMultiLabel(epochs=1, pos_weight=[1, 2]).fit(X, Y)


def test_per_label_auc_history_records_every_epoch():
    X, Y = toy_data()
    Xd = to_dense_float32(X)
    model = multi_output_model("tfidf", n_features=Xd.shape[1])
    model.compile(optimizer="adam", loss={lab: "binary_crossentropy" for lab in LABELS})
    cb = PerLabelAUCHistory({"train": (Xd, Y), "val": (Xd[:60], Y[:60])})
    model.fit(Xd, as_output_dict(Y), epochs=3, batch_size=32, verbose=0, callbacks=[cb])
    hist = cb.as_arrays()
    assert hist["train"].shape == (3, 6) and hist["val"].shape == (3, 6)
    assert np.nanmin(hist["train"]) >= 0 and np.nanmax(hist["train"]) <= 1


def test_wrapper_accepts_a_custom_builder():
    X, Y = toy_data(n=60)

    def tiny(input_kind, n_features, hidden, seed, n_labels):
        inputs = keras.Input(shape=(n_features,))
        return keras.Model(inputs, keras.layers.Dense(n_labels, activation="sigmoid", name="labels")(inputs))

    est = KerasMultiLabel(builder=tiny, epochs=2).fit(X, Y)
    assert est.predict_proba(X).shape == Y.shape and not est.multi_output_


def test_wrapper_refits_from_scratch_and_leaves_global_generators_alone():
    import random

    X, Y = toy_data(n=60)
    tokens = KerasMultiLabel(input_kind="tokens", epochs=1, model_kwargs=dict(embed_dim=4))
    tokens.fit(np.random.default_rng(0).integers(2, 20, size=(60, 5)), Y)
    assert tokens.vocab_size_ == 20 and tokens.n_features_in_ == 5
    np.random.seed(123)
    random.seed(123)
    expected = np.random.random(), random.random()
    np.random.seed(123)
    random.seed(123)
    tokens.set_params(input_kind="tfidf").fit(X, Y)  # same object, other input: nothing left from the last fit
    assert tokens.vocab_size_ is None and tokens.n_features_in_ == X.shape[1]
    assert (np.random.random(), random.random()) == expected


def test_integer_counts_are_features_not_token_ids():
    X, Y = toy_data(n=60)
    counts = (X.toarray() * 10).astype(np.int64) if sp.issparse(X) else (X * 10).astype(np.int64)
    est = KerasMultiLabel(epochs=1).fit(counts, Y)
    assert est.model_.get_layer("labels").get_weights()[0].shape == (counts.shape[1], 6)
    assert "embedding" not in [layer.name for layer in est.model_.layers]


# ---------------------------------------------------- sparse input, one batch at a time
def test_row_batches_densify_one_batch_and_reshuffle_every_epoch_with_the_seed():
    X, Y = toy_data(n=50)
    batches = RowBatches(X, Y, batch_size=16, seed=3)
    assert len(batches) == 4
    first = [batches[i] for i in range(len(batches))]
    assert [b[0].shape for b in first] == [(16, 30)] * 3 + [(2, 30)]
    assert all(isinstance(b[0], np.ndarray) and b[0].dtype == np.float32 for b in first)
    order = batches._order.copy()
    assert sorted(order) == list(range(50)) and not np.array_equal(order, np.arange(50))
    np.testing.assert_array_equal(first[0][0], X[order[:16]].toarray().astype(np.float32))
    np.testing.assert_array_equal(first[0][1], Y[order[:16]])
    dense = RowBatches(X.toarray().astype(np.float32), Y, batch_size=16, seed=3)
    np.testing.assert_array_equal(dense[1][0], first[1][0])  # same seed, same rows, sparse or dense
    batches.on_epoch_end()
    assert not np.array_equal(batches._order, order) and sorted(batches._order) == list(range(50))
    in_order = RowBatches(X, {"a": Y[:, :1]}, batch_size=16)
    np.testing.assert_array_equal(in_order[0][1]["a"], Y[:16, :1])
    np.testing.assert_array_equal(dense_rows(X, [4, 2]), X.toarray()[[4, 2]].astype(np.float32))


@pytest.mark.parametrize("builder", ["single", "multi"])
def test_sparse_and_dense_tfidf_train_the_same_network(builder):
    X, Y = toy_data()
    settings = dict(builder=builder, epochs=3, batch_size=32, validation_fraction=0.25, patience=1, random_state=2)
    from_sparse = KerasMultiLabel(**settings).fit(X, Y)
    from_dense = KerasMultiLabel(**settings).fit(X.toarray(), Y)
    assert from_sparse.history_ == from_dense.history_
    np.testing.assert_array_equal(from_sparse.predict_proba(X), from_dense.predict_proba(X.toarray()))
    np.testing.assert_array_equal(from_sparse.predict_proba(X), from_sparse.predict_proba(X.toarray()))


def test_sparse_prediction_is_chunked_and_keeps_row_order(monkeypatch):
    import utils.keras_estimator as ke

    X, Y = toy_data()
    est = KerasMultiLabel(epochs=1, batch_size=64).fit(X, Y)
    whole = est.predict_proba(X)
    monkeypatch.setattr(ke, "PREDICT_CHUNK", 7)
    np.testing.assert_allclose(est.predict_proba(X), whole, rtol=1e-6)


def _with_copies(n_copies=3):
    """Toy data where every row appears ``n_copies`` times (exact copies), rows of one copy set adjacent."""
    X, Y = toy_data(n=60)
    index = np.repeat(np.arange(60), n_copies)
    return X[index], Y[index], index


def test_identical_row_groups_are_the_same_for_sparse_and_dense_and_join_only_copies():
    X, _, base_row = _with_copies()
    sparse_ids, dense_ids = identical_row_groups(X), identical_row_groups(X.toarray())
    np.testing.assert_array_equal(sparse_ids, dense_ids)
    assert len(np.unique(sparse_ids)) == len(np.unique(base_row)) == 60
    # two rows share a group exactly when they are copies of one base row
    assert ((sparse_ids[:, None] == sparse_ids[None, :]) == (base_row[:, None] == base_row[None, :])).all()
    explicit_zero = sp.csr_matrix((np.array([0.0, 1.0]), np.array([0, 1]), np.array([0, 2])), shape=(1, 3))
    assert identical_row_groups(sp.vstack([explicit_zero, sp.csr_matrix([[0.0, 1.0, 0.0]])]).tocsr()).tolist() == [0, 0]


def _straddling(groups, est):
    from utils.splits import groups_across

    val = est.validation_index_
    fit_rows = np.setdiff1d(np.arange(len(groups)), val)
    return groups_across(groups, fit_rows, val)


def test_wrapper_validation_split_keeps_exact_copies_on_one_side_by_default():
    from utils.models import train_validation_split

    X, Y, base_row = _with_copies()
    # without groups, a plain stratified split of these rows would put copies on both sides:
    tr, va = train_validation_split(Y, 0.25, 2)
    from utils.splits import groups_across

    assert groups_across(base_row, tr, va) > 0
    est = KerasMultiLabel(epochs=2, batch_size=32, validation_fraction=0.25, patience=1, random_state=2).fit(X, Y)
    assert len(est.validation_index_) > 0
    assert _straddling(base_row, est) == 0


def test_wrapper_validation_split_follows_given_groups():
    X, Y = toy_data(n=120)
    groups = np.arange(120) // 4  # pretend every 4 consecutive rows are near-copies (different features)
    est = KerasMultiLabel(epochs=1, batch_size=32, validation_fraction=0.25, random_state=3).fit(X, Y, groups=groups)
    assert 0 < len(est.validation_index_) < 120 and _straddling(groups, est) == 0
    ungrouped = KerasMultiLabel(epochs=1, batch_size=32, validation_fraction=0.25, random_state=3).fit(X, Y)
    assert _straddling(groups, ungrouped) > 0  # the default (identical rows only) does not know these groups
    no_validation = KerasMultiLabel(epochs=1).fit(X, Y, groups=groups)
    assert len(no_validation.validation_index_) == 0
    with pytest.raises(ValueError, match="one id per row"):
        KerasMultiLabel(epochs=1, validation_fraction=0.25).fit(X, Y, groups=groups[:10])


def test_wrapper_groups_route_through_model_selection_metadata():
    import sklearn
    from sklearn.model_selection import GroupKFold, cross_val_score

    X, Y = toy_data(n=120)
    groups = np.arange(120) // 4
    with sklearn.config_context(enable_metadata_routing=True):
        est = KerasMultiLabel(epochs=1, batch_size=32, validation_fraction=0.25).set_fit_request(groups=True)
        scores = cross_val_score(est, X, Y, cv=GroupKFold(2), params={"groups": groups}, scoring="roc_auc")
    assert np.isfinite(scores).all()


def test_predict_probabilities_takes_sparse_input_chunk_by_chunk():
    from utils.models import predict_probabilities

    X, _ = toy_data(n=50)
    model = single_output_model("tfidf", n_features=X.shape[1], n_labels=6, seed=1)
    dense = predict_probabilities(model, X.toarray().astype(np.float32), chunk_size=1024)
    sparse = predict_probabilities(model, X, chunk_size=7)
    assert sparse.shape == (50, 6)
    np.testing.assert_allclose(sparse, dense, rtol=1e-6)


def test_layer_table_folds_identical_heads_into_one_row_and_totals_the_parameters():
    labels = ["a", "b", "c", "d", "e", "f"]
    model = multi_output_model("tfidf", n_features=50, labels=labels, hidden=8, seed=0)
    table = layer_table(model)
    assert list(table.index) == ["features", "hidden", "a … f (6 layers)", "total"]
    assert table.loc["hidden", "parameters"] == "408"  # 50 × 8 weights + 8 biases
    assert table.loc["a … f (6 layers)", "parameters"] == "9 each = 54"  # 8 weights + 1 bias per head
    assert table.loc["total", "parameters"] == f"{model.count_params():,}" == "462"
    unsorted = layer_table(multi_output_model("tfidf", n_features=50, labels=["toxic", "insult", "abuse"], hidden=8))
    assert "toxic … abuse (3 layers)" in unsorted.index  # the builder's (label) order, not Keras' sorted one
    single = layer_table(single_output_model("tfidf", n_features=50, n_labels=6))
    assert list(single.index) == ["features", "labels", "total"] and single.loc["labels", "output shape"] == "(None, 6)"
