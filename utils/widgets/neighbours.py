"""Widget: pick a comment, move ``k``, and watch ML-kNN's neighbours and posteriors change.

:class:`NeighbourExplorer` holds the logic (tests drive it directly);
:meth:`NeighbourExplorer.widget` wraps it in ipywidgets. Neighbours are found
once, up to ``k_max``; moving ``k`` only recounts, so the slider is instant.
"""

import html

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors

from utils.adapt import count_likelihoods, count_tables, label_priors, neighbour_label_counts
from utils.validation import check_label_matrix, shorten
from utils.widgets.messages import classroom_box, guard, message_html

__all__ = ["NeighbourExplorer"]


def _count_nonzero_per_row(X):
    """How many non-zero features each row of a dense or sparse matrix has."""
    if hasattr(X, "getnnz"):
        return np.asarray((X != 0).sum(axis=1)).ravel()
    return np.count_nonzero(np.asarray(X), axis=1)


NEIGHBOUR_STYLE = ("<style>.mlc-knn {font-size:14px; border-collapse:collapse} .mlc-knn td, .mlc-knn th "
                   "{padding:1px 6px} .mlc-knn thead th {position:sticky; top:0; background:#fff}</style>")

class NeighbourExplorer:
    """ML-kNN for one comment at a time, for any ``k`` up to ``k_max``.

    Parameters
    ----------
    X_train, Y_train : training features and 0/1 labels.
    texts_train : the training comments (shown as neighbours).
    X_query, texts_query : the comments one can pick (e.g. the test set).
    labels : label names. k_max : largest ``k`` offered. s : smoothing.
    metric : neighbour metric (``"cosine"`` for TF-IDF). Y_query : optional true labels, shown for reference.
    """

    def __init__(self, X_train, Y_train, texts_train, X_query, texts_query, labels,
                 k_max=25, s=1.0, metric="cosine", Y_query=None, k=10):
        self.Y_train = check_label_matrix(Y_train, n_rows=X_train.shape[0])
        if len(texts_train) != X_train.shape[0] or len(texts_query) != X_query.shape[0]:
            raise ValueError("texts_train / texts_query must have one text per row of X_train / X_query.")
        if len(labels) != self.Y_train.shape[1]:
            raise ValueError(f"{len(labels)} label names given for {self.Y_train.shape[1]} label columns.")
        if not 1 <= k_max < X_train.shape[0]:
            raise ValueError(f"k_max must be between 1 and n_train - 1 = {X_train.shape[0] - 1}, got {k_max}.")
        self.texts_train, self.texts_query = list(texts_train), list(texts_query)
        self.labels, self.k_max, self.s = list(labels), k_max, s
        self.Y_query = None if Y_query is None else check_label_matrix(Y_query, n_rows=X_query.shape[0])
        self._query_is_empty = _count_nonzero_per_row(X_query) == 0
        nn = NearestNeighbors(n_neighbors=k_max, metric=metric).fit(X_train)
        self._train_neighbours = nn.kneighbors(None, return_distance=False)  # leave-one-out, as in the paper
        self._query_distances, self._query_neighbours = nn.kneighbors(X_query)
        self.prior = label_priors(self.Y_train, s)
        self.comment = 0
        self.set_k(k)

    # -- state ------------------------------------------------------------- #
    def set_k(self, k):
        """Use the ``k`` nearest neighbours; recount the likelihood tables."""
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= self.k_max:
            raise ValueError(f"k must be a whole number from 1 to k_max={self.k_max}, got {k!r}.")
        self.k = int(k)
        counts = neighbour_label_counts(self._train_neighbours[:, : self.k], self.Y_train)
        table_true, table_false = count_tables(counts, self.Y_train, self.k)
        self.likelihood_true = count_likelihoods(table_true, self.s)
        self.likelihood_false = count_likelihoods(table_false, self.s)
        return self

    def set_comment(self, index):
        """Pick the query comment at position ``index`` (a whole number)."""
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise TypeError(f"comment index must be a whole number, got {index!r}.")
        if not 0 <= index < len(self.texts_query):
            raise ValueError(f"comment index must be in 0..{len(self.texts_query) - 1}, got {index!r}.")
        self.comment = int(index)
        return self

    @property
    def query_is_empty(self):
        """True when the chosen comment's feature row is all zeros (e.g. an empty text, or only unknown words)."""
        return bool(self._query_is_empty[self.comment])

    def _check_query(self):
        if self.query_is_empty:
            raise ValueError(f"comment {self.comment} has no features (empty, or only words unknown to the "
                             "vectoriser): every training comment is equally far from it, so it has no nearest "
                             "neighbours.")

    # -- results ----------------------------------------------------------- #
    def neighbours(self):
        """The chosen comment's ``k`` nearest training comments, their distance and labels.

        Raises ValueError for a comment without features (:attr:`query_is_empty`): it has no nearest neighbours.
        """
        self._check_query()
        idx = self._query_neighbours[self.comment, : self.k]
        table = pd.DataFrame(self.Y_train[idx], columns=self.labels)
        table.insert(0, "comment", [shorten(self.texts_train[i]) for i in idx])
        table.insert(0, "distance", np.round(self._query_distances[self.comment, : self.k], 3))
        table.insert(0, "train_index", idx)
        table.index = pd.RangeIndex(1, self.k + 1, name="rank")
        return table

    def posteriors(self):
        """Per label: neighbour count ``c``, prior, both likelihoods, posterior P(label | c), decision.

        Raises ValueError for a comment without features, like :meth:`neighbours`.
        """
        counts = self.neighbours()[self.labels].sum(axis=0).to_numpy()
        rows = np.arange(len(self.labels))
        like_true, like_false = self.likelihood_true[rows, counts], self.likelihood_false[rows, counts]
        score_true, score_false = self.prior * like_true, (1 - self.prior) * like_false
        table = pd.DataFrame({
            "neighbours_with_label": counts,
            "prior": self.prior,
            "P(c | label)": like_true,
            "P(c | no label)": like_false,
            "posterior": score_true / (score_true + score_false),
            "predicted": (score_true >= score_false).astype(int),
        }, index=pd.Index(self.labels, name="label"))
        if self.Y_query is not None:
            table["true"] = self.Y_query[self.comment]
        return table

    # -- ipywidgets wrapper ------------------------------------------------ #
    def _render(self):
        """The comment, then side by side: ML-kNN per label (the point) and the neighbours, each scrolling."""
        comment = (f"<div style='font-size:14px'><b>Comment:</b> "
                   f"{html.escape(shorten(self.texts_query[self.comment], 300)) or '(empty)'}</div>")
        if self.query_is_empty:
            return (f"{comment}<p><i>This comment has no features (empty, or only words the vectoriser never saw): "
                    "every training comment is equally far from it, so it has no nearest neighbours.</i></p>")
        neighbours = self.neighbours()
        compact = neighbours[["distance", "comment"]].copy()
        compact["labels"] = [", ".join(n for n, on in zip(self.labels, row, strict=True) if on) or "–"
                             for row in neighbours[self.labels].to_numpy()]
        panel = "style='max-height:430px; overflow:auto; flex:1 1 0; min-width:300px'"
        return (f"{NEIGHBOUR_STYLE}{comment}<div style='display:flex; gap:16px; align-items:flex-start'>"
                f"<div {panel}><b>ML-kNN per label</b>{self.posteriors().round(3).to_html(classes='mlc-knn')}</div>"
                f"<div {panel}><b>Its {self.k} nearest training comments</b>"
                f"{compact.to_html(escape=True, classes='mlc-knn')}</div></div>")

    def widget(self, choices=None):
        """An ipywidgets box: a comment dropdown, a ``k`` slider and the two tables."""
        import ipywidgets as widgets

        choices = range(len(self.texts_query)) if choices is None else choices
        options = [(f"{i}: {shorten(self.texts_query[i], 60)}", int(i)) for i in choices]
        self.comment_picker = widgets.Dropdown(options=options, value=self.comment if self.comment in
                                               dict(options).values() else options[0][1], description="comment",
                                               layout=widgets.Layout(width="520px"))
        self.k_slider = widgets.IntSlider(value=self.k, min=1, max=self.k_max, description="k")
        self.output = widgets.HTML()

        def update(_=None):
            self.set_comment(self.comment_picker.value).set_k(self.k_slider.value)
            self.output.value = self._render()

        def show(message):
            self.output.value = message_html(message)

        update = guard(update, show)
        self.comment_picker.observe(update, names="value")
        self.k_slider.observe(update, names="value")
        update()
        box = classroom_box([widgets.HBox([self.comment_picker, self.k_slider]), self.output])
        box.controls = {"comment": self.comment_picker, "k": self.k_slider, "output": self.output}
        return box
