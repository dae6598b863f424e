"""The ML-kNN neighbour explorer of notebook 08, driven without a browser."""

import numpy as np
import pytest

from utils.adapt import MLkNN
from utils.widgets.neighbours import NeighbourExplorer

LABELS = ["a", "b", "c"]


@pytest.fixture(scope="module")
def explorer_data():
    rng = np.random.default_rng(3)
    X_train, X_query = rng.normal(size=(80, 5)), rng.normal(size=(6, 5))
    Y_train = (rng.random((80, 3)) < [0.5, 0.3, 0.2]).astype(int)
    Y_train[:, 0] = (X_train[:, 0] > 0).astype(int)  # label a follows feature 0
    texts_train = [f"train {i}" for i in range(80)]
    texts_query = [f"query {i}" for i in range(6)]
    return X_train, Y_train, texts_train, X_query, texts_query


def make(explorer_data, **kwargs):
    X_train, Y_train, texts_train, X_query, texts_query = explorer_data
    return NeighbourExplorer(X_train, Y_train, texts_train, X_query, texts_query, LABELS,
                             k_max=15, metric="euclidean", **kwargs)


@pytest.mark.parametrize("k", [1, 4, 10, 15])
def test_posteriors_match_mlknn_for_every_k_and_comment(explorer_data, k):
    X_train, Y_train, _, X_query, _ = explorer_data
    explorer = make(explorer_data).set_k(k)
    model = MLkNN(k=k, metric="euclidean").fit(X_train, Y_train)
    expected = model.predict_proba(X_query)
    for i in range(len(X_query)):
        table = explorer.set_comment(i).posteriors()
        np.testing.assert_allclose(table["posterior"], expected[i])
        np.testing.assert_array_equal(table["predicted"], model.predict(X_query[[i]])[0])


def test_neighbours_table_follows_k_and_comment(explorer_data):
    X_train, Y_train, texts_train, X_query, _ = explorer_data
    explorer = make(explorer_data).set_comment(2).set_k(6)
    table = explorer.neighbours()
    assert len(table) == 6 and list(table.columns[-3:]) == LABELS
    distances = np.linalg.norm(X_train - X_query[2], axis=1)
    np.testing.assert_array_equal(table["train_index"], np.argsort(distances)[:6])
    assert table["comment"].tolist() == [texts_train[i] for i in table["train_index"]]
    np.testing.assert_array_equal(table[LABELS].to_numpy(), Y_train[table["train_index"]])
    counts = explorer.posteriors()["neighbours_with_label"].to_numpy()
    np.testing.assert_array_equal(counts, Y_train[table["train_index"]].sum(axis=0))
    assert len(explorer.set_k(2).neighbours()) == 2


def test_true_labels_are_shown_when_given(explorer_data):
    Y_query = np.eye(6, 3, dtype=int)
    explorer = make(explorer_data, Y_query=Y_query).set_comment(1)
    np.testing.assert_array_equal(explorer.posteriors()["true"], Y_query[1])


def test_bad_settings_are_refused(explorer_data):
    explorer = make(explorer_data)
    with pytest.raises(ValueError, match="k must be a whole number from 1 to k_max=15"):
        explorer.set_k(16)
    with pytest.raises(ValueError, match="comment index"):
        explorer.set_comment(99)
    X_train, Y_train, texts_train, X_query, texts_query = explorer_data
    with pytest.raises(ValueError, match="label names"):
        NeighbourExplorer(X_train, Y_train, texts_train, X_query, texts_query, ["a"], k_max=5)


def test_ipywidgets_callbacks_update_the_state_and_output(explorer_data):
    pytest.importorskip("ipywidgets")
    explorer = make(explorer_data)
    box = explorer.widget(choices=[0, 3, 5])
    controls = box.children[0].children
    assert explorer.comment_picker in controls and explorer.k_slider in controls and explorer.output in box.children
    assert "query 0" in explorer.output.value
    explorer.comment_picker.value = 3
    explorer.k_slider.value = 4
    assert explorer.comment == 3 and explorer.k == 4
    assert "query 3" in explorer.output.value and "Its 4 nearest training comments" in explorer.output.value
    before = explorer.output.value
    explorer.k_slider.value = 12
    assert explorer.output.value != before and "Its 12 nearest" in explorer.output.value


# ------------------------------------------------------------------ edge cases (issue 15.8)
def test_comment_index_must_be_a_whole_number(explorer_data):
    explorer = make(explorer_data)
    for bad in (1.5, 1.0, "2", True):
        with pytest.raises(TypeError, match="whole number"):
            explorer.set_comment(bad)
    assert explorer.set_comment(np.int64(2)).comment == 2


def test_empty_query_has_no_neighbours_and_says_so(explorer_data):
    X_train, Y_train, texts_train, X_query, texts_query = explorer_data
    X_query = X_query.copy()
    X_query[1] = 0  # an empty comment: an all-zero feature row
    explorer = NeighbourExplorer(X_train, Y_train, texts_train, X_query, texts_query, LABELS, k_max=15,
                                 metric="cosine")
    explorer.set_comment(1)
    assert explorer.query_is_empty
    with pytest.raises(ValueError, match="no nearest neighbours"):
        explorer.neighbours()
    with pytest.raises(ValueError, match="no nearest neighbours"):
        explorer.posteriors()
    box = explorer.set_comment(0).widget(choices=[0, 1])
    assert "nearest training comments" in box.controls["output"].value  # comment 0 is a real query
    box.controls["comment"].value = 1
    assert "has no nearest neighbours" in box.controls["output"].value
    assert not explorer.set_comment(0).query_is_empty and len(explorer.neighbours()) == explorer.k


def test_empty_sparse_query_is_detected(explorer_data):
    from scipy import sparse

    X_train, Y_train, texts_train, X_query, texts_query = explorer_data
    X_query = X_query.copy()
    X_query[3] = 0
    explorer = NeighbourExplorer(sparse.csr_matrix(X_train), Y_train, texts_train, sparse.csr_matrix(X_query),
                                 texts_query, LABELS, k_max=5, metric="cosine", k=3)
    assert [explorer.set_comment(i).query_is_empty for i in range(len(texts_query))] == [
        False, False, False, True, False, False]


def test_neighbour_observer_shows_errors_instead_of_raising(explorer_data, monkeypatch):
    explorer = make(explorer_data)
    box = explorer.widget()

    def boom(*_):
        raise RuntimeError("cannot draw")

    monkeypatch.setattr(explorer, "_render", boom)
    box.controls["k"].value = 3
    assert "cannot draw" in box.controls["output"].value
