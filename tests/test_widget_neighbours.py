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
    assert box is not None and "query 0" in explorer.output.value
    explorer.comment_picker.value = 3
    explorer.k_slider.value = 4
    assert explorer.comment == 3 and explorer.k == 4
    assert "query 3" in explorer.output.value and "Its 4 nearest training comments" in explorer.output.value
    before = explorer.output.value
    explorer.k_slider.value = 12
    assert explorer.output.value != before and "Its 12 nearest" in explorer.output.value
