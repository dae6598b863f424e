"""Tests for utils.plots (Agg backend, small data, fast)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils.labelsets import random_splits, stratified_splits  # noqa: E402
from utils.plots import (  # noqa: E402
    comment_lengths_by_label,
    plot_conditional_probability,
    plot_cooccurrence,
    plot_label_frequencies,
    plot_label_set_counts,
    plot_length_by_label,
    plot_split_shares,
)

ABC = ["a", "b", "c"]
Y3 = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0]])
TEXTS = ["one two", "one", "one two three", "a b c d e f", "x"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def heatmap_values(ax):
    """The numbers drawn in a seaborn heatmap, row by row."""
    return ax.collections[0].get_array().reshape(3, 3)


def test_label_frequencies_draws_one_bar_per_label():
    ax = plot_label_frequencies(Y3, ABC)
    widths = [p.get_width() for p in ax.patches]
    assert widths == [3, 2, 1]
    assert [t.get_text() for t in ax.get_yticklabels()] == ABC
    assert "5 comments" in ax.get_title()


def test_label_set_counts_excludes_none_by_default():
    ax = plot_label_set_counts(Y3, ABC)
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert "(none)" not in names and set(names) == {"a+b", "a", "a+b+c"}
    ax = plot_label_set_counts(Y3, ABC, include_none=True, top=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["(none)"]


def test_cooccurrence_heatmap_shows_the_counts():
    ax = plot_cooccurrence(Y3, ABC)
    np.testing.assert_array_equal(heatmap_values(ax), Y3.T @ Y3)


def test_conditional_probability_heatmap_draws_into_given_axes():
    _, given = plt.subplots()
    ax = plot_conditional_probability(Y3, ABC, ax=given)
    assert ax is given
    values = heatmap_values(ax)
    assert values[1, 0] == pytest.approx(1.0)  # P(a | b)
    assert values[0, 1] == pytest.approx(2 / 3)  # P(b | a)
    assert "P(column label | row label)" in ax.get_title()


def test_comment_lengths_by_label_repeats_multilabel_comments():
    frame = comment_lengths_by_label(TEXTS, Y3, ABC)
    assert sorted(frame.loc[frame.label == "(none)", "length"]) == [1, 3]
    assert sorted(frame.loc[frame.label == "a", "length"]) == [1, 2, 6]
    assert len(frame) == 2 + Y3.sum()
    chars = comment_lengths_by_label(TEXTS, Y3, ABC, unit="characters")
    assert sorted(chars.loc[chars.label == "c", "length"]) == [len("a b c d e f")]
    with pytest.raises(ValueError, match="one row per text"):
        comment_lengths_by_label(TEXTS[:2], Y3, ABC)
    with pytest.raises(ValueError, match="unit"):
        comment_lengths_by_label(TEXTS, Y3, ABC, unit="tokens")


def test_length_by_label_has_a_box_per_group():
    ax = plot_length_by_label(TEXTS, Y3, ABC)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["(none)", *ABC]
    assert ax.get_xscale() == "linear"  # lengths 1..6: no need for a log scale
    long_texts = ["w " * n for n in (1, 3, 30, 300, 3000)]
    assert plot_length_by_label(long_texts, Y3, ABC).get_xscale() == "log"
    assert plot_length_by_label(long_texts, Y3, ABC, log=False).get_xscale() == "linear"


def test_split_shares_plot_has_reference_line_and_both_methods():
    rng = np.random.default_rng(0)
    Y = (rng.random((120, 3)) < [0.05, 0.2, 0.4]).astype(int)
    splits = {
        "random": random_splits(Y, 0.25, 10, random_state=0),
        "stratified": stratified_splits(Y, 0.25, 10, random_state=0),
    }
    ax = plot_split_shares(Y, splits, ABC, test_size=0.25)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"random", "stratified"} <= set(legend)
    assert any(np.allclose(line.get_ydata(), 0.25) for line in ax.get_lines())


def test_label_set_counts_names_the_left_out_empty_set_in_the_title():
    ax = plot_label_set_counts(Y3, ABC, top=15)
    assert "(none)" not in [t.get_text() for t in ax.get_yticklabels()]
    assert "(none), the 2 comments with no label" in ax.get_title()
    ax = plot_label_set_counts(Y3, ABC, top=15, include_none=True)
    assert "(none)" in [t.get_text() for t in ax.get_yticklabels()]
    assert "not shown" not in ax.get_title()


def test_heatmaps_drop_cell_numbers_only_for_many_labels():
    assert len(plot_cooccurrence(Y3, ABC).texts) == 9
    many = np.eye(13, dtype=int)[[i % 13 for i in range(26)]]
    ax = plot_conditional_probability(many, [f"l{i}" for i in range(13)])
    assert len(ax.texts) == 0
    assert ax.figure.get_size_inches()[1] >= 0.5 * 13


def test_split_shares_draw_one_dot_per_split_even_when_boxes_collapse():
    Y = np.tile(Y3, (8, 1))
    splits = {"random": random_splits(Y, 0.25, 5, random_state=0),
              "stratified": stratified_splits(Y, 0.25, 5, random_state=0)}
    ax = plot_split_shares(Y, splits, ABC, test_size=0.25)
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == 2 * 5 * 3  # methods × splits × labels
    assert [t.get_text() for t in ax.get_yticklabels()] == ABC
