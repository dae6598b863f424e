"""ML-kNN: the paper's algorithm, and exact agreement with scikit-multilearn when counting self."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.neighbors import NearestNeighbors

from utils.adapt import (
    BLOCK_BYTES,
    MLkNN,
    cosine_kneighbors,
    count_likelihoods,
    count_tables,
    label_priors,
    neighbour_label_counts,
    query_block_rows,
)
from utils.features import tfidf_features


@pytest.fixture(scope="module")
def numeric():
    X, Y = make_multilabel_classification(n_samples=300, n_features=20, n_classes=6, random_state=1)
    return X[:200], Y[:200], X[200:], Y[200:]


@pytest.fixture(scope="module")
def text():
    rng = np.random.default_rng(0)
    vocab = [["awful", "stupid"], ["kill", "hurt"], ["ugly", "loser"]]
    neutral = ["article", "edit", "page", "source", "thanks", "talk", "wiki", "section"]
    texts, Y = [], []
    for _ in range(260):
        y = (rng.random(3) < [0.3, 0.15, 0.2]).astype(int)
        words = list(rng.choice(neutral, size=5)) + [w for j in np.flatnonzero(y) for w in vocab[j]]
        texts.append(" ".join(rng.permutation(words)))
        Y.append(y)
    Y = np.array(Y)
    X_train, X_test, _ = tfidf_features(texts[:200], texts[200:], kind="word")
    return X_train, Y[:200], X_test, Y[200:]


def reference_mlknn(X_train, Y_train, X_test, k, s, include_self):
    """A slow, loop-by-loop transcription of Zhang & Zhou's pseudo-code (Euclidean)."""
    nn = NearestNeighbors(n_neighbors=k).fit(X_train)
    train_nb = nn.kneighbors(X_train if include_self else None, return_distance=False)
    n, q = Y_train.shape
    proba = np.zeros((X_test.shape[0], q))
    test_nb = nn.kneighbors(X_test, return_distance=False)
    for j in range(q):
        prior = (s + Y_train[:, j].sum()) / (2 * s + n)
        c, c_not = np.zeros(k + 1), np.zeros(k + 1)
        for i in range(n):
            delta = Y_train[train_nb[i], j].sum()
            if Y_train[i, j] == 1:
                c[delta] += 1
            else:
                c_not[delta] += 1
        for t in range(X_test.shape[0]):
            delta = Y_train[test_nb[t], j].sum()
            yes = prior * (s + c[delta]) / (s * (k + 1) + c.sum())
            no = (1 - prior) * (s + c_not[delta]) / (s * (k + 1) + c_not.sum())
            proba[t, j] = yes / (yes + no)
    return proba


@pytest.mark.parametrize("include_self", [False, True])
@pytest.mark.parametrize("k, s", [(1, 1.0), (5, 0.5), (10, 1.0)])
def test_matches_a_loop_by_loop_transcription_of_the_paper(numeric, include_self, k, s):
    X_train, Y_train, X_test, _ = numeric
    model = MLkNN(k=k, s=s, include_self=include_self, metric="minkowski").fit(X_train, Y_train)
    expected = reference_mlknn(X_train, Y_train, X_test, k, s, include_self)
    np.testing.assert_allclose(model.predict_proba(X_test), expected, rtol=1e-12)


@pytest.mark.parametrize("which", ["numeric", "text"])
def test_include_self_reproduces_scikit_multilearn_exactly(numeric, text, which):
    skml = pytest.importorskip("skmultilearn.adapt")
    X_train, Y_train, X_test, _ = numeric if which == "numeric" else text
    ours = MLkNN(k=10, s=1.0, include_self=True, metric="minkowski").fit(X_train, Y_train)
    theirs = skml.MLkNN(k=10, s=1.0).fit(X_train, Y_train)
    assert np.array_equal(ours.predict(X_test), theirs.predict(X_test).toarray())
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test).toarray(), rtol=1e-12)
    np.testing.assert_allclose(ours.prior_, theirs._prior_prob_true)
    np.testing.assert_allclose(ours.likelihood_true_, theirs._cond_prob_true.toarray())
    np.testing.assert_allclose(ours.likelihood_false_, theirs._cond_prob_false.toarray())


def test_paper_setting_differs_from_scikit_multilearn(numeric):
    skml = pytest.importorskip("skmultilearn.adapt")
    X_train, Y_train, _, _ = numeric
    ours = MLkNN(k=10, include_self=False, metric="minkowski").fit(X_train, Y_train)
    theirs = skml.MLkNN(k=10).fit(X_train, Y_train)
    assert not np.allclose(ours.likelihood_true_, theirs._cond_prob_true.toarray())


def test_include_self_puts_every_positive_at_count_one_or_more(numeric):
    X_train, Y_train, _, _ = numeric
    leaky = MLkNN(k=5, include_self=True, metric="minkowski").fit(X_train, Y_train)
    assert (leaky.table_true_[:, 0] == 0).all()
    assert (leaky.table_false_[:, -1] == 0).all()  # a negative counts itself as a "no"
    honest = MLkNN(k=5, include_self=False, metric="minkowski").fit(X_train, Y_train)
    assert honest.table_true_[:, 0].sum() > 0


def test_tables_count_every_training_sample_once(text):
    X_train, Y_train, _, _ = text
    model = MLkNN(k=7).fit(X_train, Y_train)
    assert model.table_true_.shape == (3, 8)
    np.testing.assert_array_equal(model.table_true_.sum(axis=1), Y_train.sum(axis=0))
    np.testing.assert_array_equal(model.table_false_.sum(axis=1), (1 - Y_train).sum(axis=0))
    np.testing.assert_allclose(model.likelihood_true_.sum(axis=1), 1)


def test_building_blocks():
    Y = np.array([[1, 0], [1, 1], [0, 0], [0, 1]])
    np.testing.assert_allclose(label_priors(Y, s=1), [3 / 6, 3 / 6])
    np.testing.assert_allclose(label_priors(Y, s=0), [0.5, 0.5])
    neighbours = np.array([[1, 2], [0, 3], [0, 1], [1, 2]])
    counts = neighbour_label_counts(neighbours, Y)
    np.testing.assert_array_equal(counts, [[1, 1], [1, 1], [2, 1], [1, 1]])
    table_true, table_false = count_tables(counts, Y, k=2)
    np.testing.assert_array_equal(table_true, [[0, 2, 0], [0, 2, 0]])
    np.testing.assert_array_equal(table_false, [[0, 1, 1], [0, 2, 0]])
    np.testing.assert_allclose(count_likelihoods(table_true, s=1), [[1 / 5, 3 / 5, 1 / 5]] * 2)


def test_cosine_on_tfidf_learns_the_text_labels(text):
    X_train, Y_train, X_test, Y_test = text
    model = MLkNN(k=10).fit(X_train, Y_train)
    proba = model.predict_proba(X_test)
    assert proba.shape == Y_test.shape and ((proba >= 0) & (proba <= 1)).all()
    assert set(np.unique(model.predict(X_test))) <= {0, 1}
    assert (model.predict(X_test) == Y_test).mean() > 0.9  # the vocabulary gives the labels away


def test_sparse_and_dense_inputs_agree(numeric):
    _, Y_train, _, _ = numeric
    rng = np.random.default_rng(0)  # continuous features: no tied distances
    X_train, X_test = rng.random((200, 8)) * (rng.random((200, 8)) < 0.5), rng.random((30, 8))
    dense = MLkNN(k=5, metric="euclidean").fit(X_train, Y_train).predict_proba(X_test)
    sparse = MLkNN(k=5, metric="euclidean").fit(sp.csr_matrix(X_train), Y_train).predict_proba(sp.csr_matrix(X_test))
    np.testing.assert_allclose(dense, sparse)


def test_clone_keeps_params_and_fit_returns_self(numeric):
    X_train, Y_train, _, _ = numeric
    model = MLkNN(k=3, s=0.5, include_self=True, metric="euclidean")
    assert clone(model).get_params() == model.get_params()
    assert model.fit(X_train, Y_train) is model


def test_bad_input_gives_clear_errors(numeric):
    X_train, Y_train, X_test, _ = numeric
    with pytest.raises(ValueError, match="only 0 and 1"):
        MLkNN().fit(X_train, Y_train * 2)
    with pytest.raises(ValueError, match="one row of labels per sample"):
        MLkNN().fit(X_train, Y_train[:-1])
    with pytest.raises(ValueError, match=r"'k' parameter of MLkNN must be an int in the range \[1, inf\)"):
        MLkNN(k=0).fit(X_train, Y_train)
    with pytest.raises(ValueError, match="only 4 training samples can be neighbours"):
        MLkNN(k=5).fit(X_train[:5], Y_train[:5])
    with pytest.raises(ValueError, match="features"):
        MLkNN(k=3, metric="euclidean").fit(X_train, Y_train).predict(X_test[:, :5])


# ------------------------------------------------------- memory-bounded cosine neighbours
@pytest.mark.parametrize("block_rows", [1, 7, None])
def test_cosine_kneighbors_equals_sklearn_brute_force_block_by_block(text, block_rows):
    X_train, _, X_test, _ = text
    nn = NearestNeighbors(n_neighbors=6, metric="cosine").fit(X_train)
    assert np.array_equal(cosine_kneighbors(X_test, X_train, 6, block_rows=block_rows),
                          nn.kneighbors(X_test, return_distance=False))
    assert np.array_equal(cosine_kneighbors(X_train, X_train, 6, exclude_self=True, block_rows=block_rows),
                          nn.kneighbors(None, return_distance=False))


def test_cosine_kneighbors_leaves_each_row_out_even_among_exact_duplicates():
    X = sp.csr_matrix(np.array([[1.0, 0], [1.0, 0], [1.0, 0], [0, 1.0], [1.0, 1.0]]))
    neighbours = cosine_kneighbors(X, X, 2, exclude_self=True, block_rows=2)
    assert all(i not in row for i, row in enumerate(neighbours))
    assert set(neighbours[0]) == {1, 2}  # its two copies, at distance 0
    with pytest.raises(ValueError, match="only 5 training rows"):
        cosine_kneighbors(X, X, 5, exclude_self=True)


def test_query_blocks_are_bounded_in_memory():
    assert query_block_rows(2_000) == 2000
    rows = query_block_rows(160_000)
    assert 1 <= rows < 2000 and rows * 160_000 * 16 <= BLOCK_BYTES
    assert query_block_rows(10**12) == 1


def test_mlknn_cosine_matches_sklearn_neighbours_and_never_fits_nearestneighbors(text):
    X_train, Y_train, X_test, _ = text
    model = MLkNN(k=7).fit(X_train, Y_train)
    assert not hasattr(model, "nn_")
    nn = NearestNeighbors(n_neighbors=7, metric="cosine").fit(X_train)
    assert np.array_equal(model.kneighbors(X_test), nn.kneighbors(X_test, return_distance=False))
    expected = count_tables(neighbour_label_counts(nn.kneighbors(None, return_distance=False), Y_train), Y_train, 7)
    assert np.array_equal(model.table_true_, expected[0]) and np.array_equal(model.table_false_, expected[1])
