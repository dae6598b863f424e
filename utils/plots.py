"""Seaborn plots of a multi-label dataset; each function draws on ``ax`` and returns it.

Pass ``ax=`` to draw into a figure of your own; without it a new figure is
made. The numbers behind every plot come from :mod:`utils.labelsets`.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from utils.labelsets import (
    NO_LABELS,
    as_label_matrix,
    conditional_probability_matrix,
    cooccurrence_matrix,
    label_counts,
    label_names,
    label_set_counts,
    split_label_counts,
)

__all__ = [
    "plot_label_frequencies",
    "plot_label_set_counts",
    "plot_cooccurrence",
    "plot_conditional_probability",
    "comment_lengths_by_label",
    "plot_length_by_label",
    "plot_split_shares",
]


def _boxplot(**kwargs):
    """seaborn.boxplot without seaborn 0.13's deprecation noise under Matplotlib 3.11."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="vert: bool", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message="vert: bool")
        return sns.boxplot(**kwargs)


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_label_frequencies(Y, labels=None, ax=None):
    """Horizontal bars: how many samples carry each label, annotated with the share."""
    counts = label_counts(Y, labels)
    n = as_label_matrix(Y).shape[0]
    ax = _axes(ax, (6, 0.45 * len(counts) + 1))
    sns.barplot(x=counts.to_numpy(), y=counts.index, color="tab:red", ax=ax)
    for i, count in enumerate(counts):
        ax.text(count, i, f" {count} ({count / n:.1%})", va="center")
    ax.set_xlim(0, counts.max() * 1.3 if counts.max() > 0 else 1)
    ax.set(xlabel="comments with the label", ylabel="", title=f"Label frequencies ({n} comments)")
    return ax


def plot_label_set_counts(Y, labels=None, top=12, include_none=False, ax=None):
    """Horizontal bars of the ``top`` most common label sets.

    ``(none)`` (no label) is left out unless ``include_none``; the title says so and gives its count.
    """
    counts = label_set_counts(Y, labels)
    n_none = int(counts.get(NO_LABELS, 0))
    if not include_none:
        counts = counts.drop(NO_LABELS, errors="ignore")
    counts = counts.head(top)
    ax = _axes(ax, (7, 0.35 * len(counts) + 1))
    sns.barplot(x=counts.to_numpy(), y=list(counts.index), color="tab:purple", ax=ax)
    for i, count in enumerate(counts):
        ax.text(count, i, f" {count}", va="center")
    ax.set_xlim(0, (counts.max() if len(counts) else 1) * 1.15)
    title = f"The {len(counts)} most common label sets"
    if not include_none and n_none:
        title += f"\n(not shown: {NO_LABELS}, the {n_none} comments with no label)"
    ax.set(xlabel="comments", ylabel="", title=title)
    return ax


def _heatmap_size(n_labels):
    """A figure size that keeps one cell readable, and whether cells can hold their numbers."""
    side = max(5.0, 0.5 * n_labels + 1.5)
    return (side + 1.5, side), n_labels <= 12


def plot_cooccurrence(Y, labels=None, ax=None):
    """Heatmap of co-occurrence counts (diagonal: each label's own count); numbers in the cells up to 12 labels."""
    counts = cooccurrence_matrix(Y, labels)
    figsize, annot = _heatmap_size(len(counts))
    ax = _axes(ax, figsize)
    sns.heatmap(counts, annot=annot, fmt="d", cmap="Reds", square=True, cbar_kws={"label": "comments"}, ax=ax)
    ax.set(title="Co-occurrence: comments with both labels", xlabel="", ylabel="")
    return ax


def plot_conditional_probability(Y, labels=None, ax=None):
    """Heatmap of P(column | row): of the comments with the row's label, the share with the column's."""
    probs = conditional_probability_matrix(Y, labels)
    figsize, annot = _heatmap_size(len(probs))
    ax = _axes(ax, figsize)
    sns.heatmap(
        probs, annot=annot, fmt=".2f", cmap="Blues", vmin=0, vmax=1, square=True,
        cbar_kws={"label": "P(column | row)"}, ax=ax,
    )
    ax.set(title="P(column label | row label)", xlabel="... also has this label", ylabel="Given this label ...")
    return ax


def comment_lengths_by_label(texts, Y, labels=None, unit="words"):
    """Long DataFrame (``label``, ``length``): each comment once per label it carries, clean ones as ``(none)``."""
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    texts = list(texts)
    if len(texts) != len(arr):
        raise ValueError(f"got {len(texts)} texts but {len(arr)} label rows; expected one row per text.")
    if unit == "words":
        lengths = np.array([len(str(t).split()) for t in texts])
    elif unit == "characters":
        lengths = np.array([len(str(t)) for t in texts])
    else:
        raise ValueError(f"unit must be 'words' or 'characters', got {unit!r}.")
    parts = [pd.DataFrame({"label": NO_LABELS, "length": lengths[arr.sum(axis=1) == 0]})]
    parts += [pd.DataFrame({"label": name, "length": lengths[arr[:, j] == 1]}) for j, name in enumerate(names)]
    return pd.concat(parts, ignore_index=True)


def plot_length_by_label(texts, Y, labels=None, unit="words", log="auto", ax=None):
    """Box plots of comment length for clean comments and for each label's comments.

    ``log="auto"`` uses a log scale when lengths span more than a factor of 10
    (5th to 95th percentile), as they do on Kaggle's data.
    """
    frame = comment_lengths_by_label(texts, Y, labels, unit)
    order = [NO_LABELS, *label_names(Y, labels)]
    order = [name for name in order if (frame["label"] == name).any()]
    if log == "auto":
        low, high = np.percentile(frame["length"], [5, 95]) if len(frame) else (1, 1)
        log = high > 10 * max(low, 1)
    ax = _axes(ax, (7, 0.35 * len(order) + 1.5))
    _boxplot(data=frame, x="length", y="label", order=order, color="tab:orange", showfliers=False, ax=ax)
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1, 2, 5)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set(xlabel=f"comment length ({unit}{', log scale' if log else ''})", ylabel="",
           title="Comment length by label")
    return ax


def plot_split_shares(Y, splits_by_method, labels=None, test_size=None, ax=None):
    """Strip/box plot: per label, the share of its positives in each split's test set, by method."""
    arr = as_label_matrix(Y)
    names = label_names(Y, labels)
    totals = arr.sum(axis=0).astype(float)
    parts = []
    for method, splits in splits_by_method.items():
        counts = split_label_counts(arr, splits, names)
        shares = counts / np.where(totals > 0, totals, np.nan)
        long = shares.melt(var_name="label", value_name="test share")
        parts.append(long.assign(method=method))
    frame = pd.concat(parts, ignore_index=True)
    ax = _axes(ax, (8, 0.5 * len(names) + 1.5))
    # a box can shrink to a line when every split gives the same share: the dots show each split anyway
    _boxplot(data=frame, x="test share", y="label", hue="method", whis=(0, 100), fill=False, linewidth=1.5, ax=ax)
    sns.stripplot(data=frame, x="test share", y="label", hue="method", dodge=True, size=3.5, alpha=0.5,
                  jitter=0.15, legend=False, ax=ax)
    if test_size is not None:
        ax.axvline(test_size, color="black", linestyle="--", linewidth=1, label=f"test size {test_size:g}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set(xlabel="share in the test set", ylabel="",
           title="Share of each label's comments that land in the test set\n(one dot per split; box: quartiles, "
                 "whiskers: min–max)")
    return ax
