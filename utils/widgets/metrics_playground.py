"""Notebook 04's widget: toggle predicted labels and watch every multi-label metric move.

:class:`MetricsPlayground` holds the logic (a test can call ``toggle``,
``set_prediction`` and read ``metrics()`` and ``outcomes()``);
:meth:`MetricsPlayground.widget` wraps it in one grid of checkboxes (ticked =
predicted; each coloured and coded TP, FP, FN or TN against the truth), three
buttons and the metrics beside them: about 300 px tall, so the controls and
everything they change fit one screen.

The metrics use the same conventions as :func:`utils.metrics.multilabel_scores`:
micro averages count an undefined precision/recall/F1 (nothing predicted, or
nothing to find) as 0; macro averages leave out the labels with no true example
(:func:`utils.metrics.evaluable_labels`; the panel names them); per-comment
("samples") averages count a comment with no true and no predicted label as
perfect (1).
"""

import html

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, hamming_loss, jaccard_score, precision_score, recall_score

from utils.data import LABELS
from utils.metrics import evaluable_labels, macro_scores
from utils.widgets.messages import classroom_box, guard, message_html

__all__ = ["EXAMPLE_COMMENTS", "EXAMPLE_TRUE", "EXAMPLE_PRED", "playground_metrics", "MetricsPlayground",
           "build_metrics_playground_widget"]

EXAMPLE_COMMENTS = [
    "Thanks for fixing the citation.",
    "You clearly did not read it, genius.",
    "This edit is cr*p and so are you, clown.",
    "Revert again and you will regret it.",
    "Go away, you filthy Zorvanian sh*t.",
]
# toxic, severe_toxic, obscene, threat, insult, identity_hate: every label has a positive and a negative.
EXAMPLE_TRUE = np.array(
    [
        [0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 1, 0],
        [1, 0, 1, 0, 1, 0],
        [1, 0, 0, 1, 0, 0],
        [1, 1, 1, 0, 1, 1],
    ]
)
# A plausible model: right on the clean comment, misses some labels, one false alarm.
EXAMPLE_PRED = np.array(
    [
        [0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0],
        [1, 0, 1, 0, 1, 0],
        [1, 0, 0, 0, 1, 0],
        [1, 0, 1, 0, 1, 0],
    ]
)

METRIC_NAMES = {
    "subset_accuracy": "subset accuracy",
    "hamming_loss": "Hamming loss",
    "micro_precision": "micro precision",
    "micro_recall": "micro recall",
    "micro_f1": "micro F1",
    "macro_precision": "macro precision",
    "macro_recall": "macro recall",
    "macro_f1": "macro F1",
    "samples_f1": "samples F1",
    "jaccard_samples": "Jaccard (samples)",
}
LOWER_IS_BETTER = {"hamming_loss"}
OUTCOMES = {"TP": "true positive", "FP": "false alarm", "FN": "miss", "TN": "true negative"}
RIGHT = "style='text-align:right'"
OUTCOME_COLOURS = {"TP": "#c8e6c9", "FP": "#ffcdd2", "FN": "#ffe0b2", "TN": "#f0f0f0"}


def _as_binary_matrix(M, name):
    arr = np.asarray(M)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D 0/1 matrix, got shape {arr.shape}.")
    if not np.isin(arr, (0, 1)).all():
        raise ValueError(f"{name} must hold only 0 and 1 (or False/True), found {sorted(set(arr.ravel().tolist()))}.")
    return arr.astype(int)


def playground_metrics(Y_true, Y_pred):
    """Every threshold-based multi-label metric of ``Y_pred`` against ``Y_true``, as a dict of floats.

    Macro averages leave out labels without a true example; NaN when no label has one.
    """
    Y_true, Y_pred = _as_binary_matrix(Y_true, "Y_true"), _as_binary_matrix(Y_pred, "Y_pred")
    if Y_true.shape != Y_pred.shape:
        raise ValueError(f"Y_true has shape {Y_true.shape} but Y_pred has {Y_pred.shape}; expected the same.")
    scores = {"subset_accuracy": float(np.all(Y_true == Y_pred, axis=1).mean()),
              "hamming_loss": hamming_loss(Y_true, Y_pred)}
    scores["micro_precision"] = precision_score(Y_true, Y_pred, average="micro", zero_division=0)
    scores["micro_recall"] = recall_score(Y_true, Y_pred, average="micro", zero_division=0)
    scores["micro_f1"] = f1_score(Y_true, Y_pred, average="micro", zero_division=0)
    if Y_true.any():  # else no label has a true example: macro averages are undefined (NaN)
        scores.update(macro_scores(Y_true, Y_pred))
    else:
        scores.update(macro_precision=np.nan, macro_recall=np.nan, macro_f1=np.nan)
    scores["samples_f1"] = f1_score(Y_true, Y_pred, average="samples", zero_division=1)
    scores["jaccard_samples"] = jaccard_score(Y_true, Y_pred, average="samples", zero_division=1)
    return {key: float(scores[key]) for key in METRIC_NAMES}


class MetricsPlayground:
    """A small prediction matrix next to fixed true labels; every metric recomputed on each change.

    Parameters
    ----------
    Y_true : (n, q) 0/1 matrix of true labels (default :data:`EXAMPLE_TRUE`).
    Y_pred : (n, q) 0/1 starting prediction (default :data:`EXAMPLE_PRED`, or all zeros
        when ``Y_true`` is given).
    labels : the q column names (default the course's six labels when q = 6).
    comments : the n row names (default :data:`EXAMPLE_COMMENTS` for the default data).
    """

    def __init__(self, Y_true=None, Y_pred=None, labels=None, comments=None):
        default = Y_true is None
        self.Y_true = _as_binary_matrix(EXAMPLE_TRUE if default else Y_true, "Y_true")
        n, q = self.Y_true.shape
        if Y_pred is None:
            Y_pred = EXAMPLE_PRED if default else np.zeros((n, q), dtype=int)
        if labels is None:
            labels = LABELS if q == len(LABELS) else [f"label {j}" for j in range(q)]
        if comments is None:
            comments = EXAMPLE_COMMENTS if default else [f"comment {i}" for i in range(n)]
        self.labels, self.comments = list(labels), list(comments)
        if len(self.labels) != q:
            raise ValueError(f"got {len(self.labels)} label names for {q} label columns.")
        if len(self.comments) != n:
            raise ValueError(f"got {len(self.comments)} comments for {n} rows.")
        self.start = _as_binary_matrix(Y_pred, "Y_pred").copy()
        if self.start.shape != self.Y_true.shape:
            raise ValueError(f"Y_pred has shape {self.start.shape}; expected {self.Y_true.shape} like Y_true.")
        self.Y_pred = self.start.copy()
        self.previous = None  # metrics before the last edit

    # ----------------------------------------------------------- state
    def _check_cell(self, i, j):
        n, q = self.Y_true.shape
        for value, size, what in ((i, n, "row i"), (j, q, "column j")):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{what} must be a whole number, got {value!r}.")
            if not 0 <= value < size:
                raise ValueError(f"{what} must be in 0..{size - 1}, got {value}.")

    def set_cell(self, i, j, value):
        """Set predicted cell (comment ``i``, label ``j``) to 0 or 1."""
        self._check_cell(i, j)
        if value not in (0, 1):
            raise ValueError(f"value must be 0 or 1 (or False/True), got {value!r}.")
        self.previous = self.metrics()
        self.Y_pred[i, j] = int(value)
        return self

    def toggle(self, i, j):
        """Flip predicted cell (comment ``i``, label ``j``) between 0 and 1."""
        self._check_cell(i, j)
        return self.set_cell(i, j, 1 - self.Y_pred[i, j])

    def set_prediction(self, Y_pred):
        """Replace the whole prediction matrix (same shape as ``Y_true``)."""
        Y_pred = _as_binary_matrix(Y_pred, "Y_pred")
        if Y_pred.shape != self.Y_true.shape:
            raise ValueError(f"the prediction has shape {Y_pred.shape}; expected {self.Y_true.shape} like Y_true.")
        self.previous = self.metrics()
        self.Y_pred = Y_pred.copy()
        return self

    def reset(self):
        """Go back to the starting prediction."""
        return self.set_prediction(self.start)

    # ----------------------------------------------------------- output
    def metrics(self):
        """Every metric of the current prediction: ``{name: value}``."""
        return playground_metrics(self.Y_true, self.Y_pred)

    def metrics_table(self):
        """Metrics as a DataFrame: value, change since the last edit, and which way is better."""
        now, before = self.metrics(), self.previous or self.metrics()
        return pd.DataFrame(
            {
                "value": [now[k] for k in METRIC_NAMES],
                "change": [now[k] - before[k] for k in METRIC_NAMES],
                "better": ["lower" if k in LOWER_IS_BETTER else "higher" for k in METRIC_NAMES],
            },
            index=pd.Index(list(METRIC_NAMES.values()), name="metric"),
        )

    def cell_counts(self):
        """Per label: true positives, false positives, false negatives of the current prediction."""
        T, P = self.Y_true, self.Y_pred
        return pd.DataFrame(
            {"TP": (T & P).sum(axis=0), "FP": ((1 - T) & P).sum(axis=0), "FN": (T & (1 - P)).sum(axis=0)},
            index=self.labels,
        ).T

    def left_out_note(self):
        """One sentence naming the labels the macro averages leave out ("" when none is)."""
        absent = [name for name, ok in zip(self.labels, evaluable_labels(self.Y_true), strict=True) if not ok]
        if not absent:
            return ""
        if len(absent) == len(self.labels):
            return "No label has a true example: macro averages are undefined."
        return f"Macro averages leave out {', '.join(absent)}: no true examples."

    @staticmethod
    def _value_text(value):
        return "undefined" if np.isnan(value) else f"{value:.3f}"

    @staticmethod
    def _has_change(delta):
        return not np.isnan(delta) and abs(delta) > 1e-12

    def report(self):
        """A plain-text table of the metrics (what the panel shows)."""
        lines = []
        for name, row in self.metrics_table().iterrows():
            change = f"{row['change']:+.3f}" if self._has_change(row["change"]) else ""
            lines.append(f"{name:<18} {self._value_text(row['value']):>9} {change:>7}   ({row['better']} is better)")
        note = self.left_out_note()
        return "\n".join(lines + ([note] if note else []))

    def report_html(self):
        """The metrics table as HTML (↑ higher is better, ↓ lower), changes since the last edit in colour."""
        rows = []
        for name, row in self.metrics_table().iterrows():
            delta = row["change"]
            good = (delta < 0) if row["better"] == "lower" else (delta > 0)
            colour = "green" if good else "firebrick"
            change = f"<span style='color:{colour}'>{delta:+.3f}</span>" if self._has_change(delta) else ""
            arrow = "↓" if row["better"] == "lower" else "↑"
            rows.append(f"<tr><td>{html.escape(name)} {arrow}</td><td {RIGHT}>{self._value_text(row['value'])}</td>"
                        f"<td {RIGHT}>{change}</td></tr>")
        head = (f"<colgroup><col style='width:158px'><col style='width:72px'><col style='width:60px'></colgroup>"
                f"<tr><th style='text-align:left'>metric</th><th {RIGHT}>value</th><th {RIGHT}>change</th></tr>")
        notes = [self.left_out_note(), "↑ higher is better, ↓ lower is better; change: since your last click."]
        notes = "".join(f"<div style='font-size:13px; line-height:1.4; max-width:290px'>{html.escape(note)}</div>"
                        for note in notes if note)
        return (f"<style>.mlc-metrics td, .mlc-metrics th {{padding:1px 4px; line-height:1.4}}</style>"
                f"<table class='mlc-metrics' style='font-family: monospace; font-size:13px; border-collapse:collapse;"
                f" table-layout:fixed; width:290px'>"
                f"{head}{''.join(rows)}</table>{notes}")

    def truth_html(self):
        """The fixed true label matrix as a small HTML table (✔ = label present)."""
        head = "".join(f"<th>{html.escape(label)}</th>" for label in self.labels)
        body = "".join(
            f"<tr><td>{html.escape(comment)}</td>" + "".join(f"<td style='text-align:center'>{'✔' if v else '–'}</td>"
                                                           for v in row) + "</tr>"
            for comment, row in zip(self.comments, self.Y_true, strict=True)
        )
        return f"<b>True labels</b><table><tr><th>comment</th>{head}</tr>{body}</table>"

    def outcomes(self):
        """Each predicted cell against the truth: an (n, q) array of "TP", "FP", "FN" or "TN"."""
        codes = np.array([["TN", "FN"], ["FP", "TP"]])  # indexed [predicted, true]
        return codes[self.Y_pred, self.Y_true]

    def cell_tooltip(self, i, j):
        """What cell (comment ``i``, label ``j``) says, in words, e.g. "insult: predicted, not true (FP)"."""
        code = self.outcomes()[i, j]
        said = "predicted" if self.Y_pred[i, j] else "not predicted"
        truth = "true" if self.Y_true[i, j] else "not true"
        return f"{self.labels[j]}: {said}, {truth} ({OUTCOMES[code]})"

    def widget(self):
        """One grid (tick = predicted; colour and code = against the truth), three buttons, the metrics beside it.

        Each cell is a checkbox whose background and code (TP, FP, FN, TN) compare the prediction with the fixed
        true label, so the truth needs no second grid and the whole widget fits one screen.
        """
        import ipywidgets as W

        n, q = self.Y_true.shape

        def cell_look(box, i, j):
            code = self.outcomes()[i, j]
            box.description, box.tooltip, box.style.background = code, self.cell_tooltip(i, j), OUTCOME_COLOURS[code]

        boxes = [[W.Checkbox(value=bool(self.Y_pred[i, j]), indent=False,
                             layout=W.Layout(width="auto", margin="1px", padding="0 4px"))
                  for j in range(q)] for i in range(n)]
        for i in range(n):
            for j in range(q):
                cell_look(boxes[i][j], i, j)
        panel = W.HTML(self.report_html(), layout=W.Layout(margin="0 0 0 8px", width="294px"))  # no jump on a click

        busy = []  # non-empty while a button updates all boxes: one metrics update, not one per box

        def on_change(change, i, j):
            if busy:
                return
            self.set_cell(i, j, int(change["new"]))
            cell_look(boxes[i][j], i, j)
            panel.value = self.report_html()

        def show(matrix):
            busy.append(True)
            try:
                for i in range(n):
                    for j in range(q):
                        boxes[i][j].value = bool(matrix[i, j])
            finally:
                busy.clear()
            self.set_prediction(matrix)  # the change column then shows the effect of the whole button
            for i in range(n):
                for j in range(q):
                    cell_look(boxes[i][j], i, j)
            panel.value = self.report_html()

        small = W.Layout(width="auto")
        buttons = {
            "all zeros": W.Button(description="Predict nothing", layout=small),
            "truth": W.Button(description="Copy the truth", layout=small),
            "start": W.Button(description="Start again", layout=small),
        }

        def message(text):
            panel.value = message_html(text)

        for i in range(n):
            for j in range(q):
                boxes[i][j].observe(guard(lambda change, i=i, j=j: on_change(change, i, j), message), names="value")
        buttons["all zeros"].on_click(guard(lambda _: show(np.zeros_like(self.Y_true)), message))
        buttons["truth"].on_click(guard(lambda _: show(self.Y_true), message))
        buttons["start"].on_click(guard(lambda _: show(self.start), message))

        def header(label):  # long label names may wrap after an underscore
            return W.HTML(f"<div style='font-size:13px; font-weight:bold; line-height:1.2'>"
                          f"{html.escape(label).replace('_', '_<wbr>')}</div>")

        cells = [W.HTML("<b style='font-size:13px'>comment</b>")] + [header(label) for label in self.labels]
        for comment, row in zip(self.comments, boxes, strict=True):
            cells += [W.HTML(f"<div style='font-size:13px; line-height:1.2'>{html.escape(comment)}</div>"), *row]
        grid = W.GridBox(cells, layout=W.Layout(grid_template_columns=f"132px repeat({q}, 66px)",
                                                 grid_gap="2px 2px", align_items="center"))
        legend = W.HTML(self.legend_html())
        left = W.VBox([grid, legend, W.HBox(list(buttons.values()))])
        box = classroom_box([W.HBox([left, panel], layout=W.Layout(flex_flow="row wrap", align_items="flex-start"))])
        box.controls = {"checkboxes": boxes, "buttons": buttons, "panel": panel, "legend": legend}
        return box

    @staticmethod
    def legend_html():
        """The key under the grid: what a tick, a colour and a code mean."""
        keys = " · ".join(f"<span style='background:{OUTCOME_COLOURS[code]}; padding:0 4px'>{code}</span> "
                          f"{OUTCOMES[code]}" for code in ("TP", "FP", "FN", "TN"))
        return (f"<div style='font-size:13px; line-height:1.5; max-width:540px'>Ticked = predicted; each cell against "
                f"the truth: {keys} (the true labels are the TP and FN cells).</div>")


def build_metrics_playground_widget(Y_true=None, Y_pred=None, labels=None, comments=None):
    """Build the playground and its widget; returns ``(playground, widget)``."""
    playground = MetricsPlayground(Y_true, Y_pred, labels, comments)
    return playground, playground.widget()
