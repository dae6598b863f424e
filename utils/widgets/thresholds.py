"""Notebook 12's widget: move per-label thresholds and watch predictions and scores change.

:class:`ThresholdExplorer` holds the logic: the probabilities (computed once,
never recomputed on a move), the six thresholds, and every view of the result
(predictions, scores, confusion matrices, an example table, a typed comment).
Tests call ``set_global``, ``set_label``, ``tune`` and read ``scores()`` or the
HTML. :meth:`ThresholdExplorer.widget` wraps it in sliders, buttons, a text box
and HTML/image panels; every update runs the same fast path and records its time.

:class:`ThresholdFigure` draws a precision-recall curve and a confusion matrix
per label once, then on each move redraws only what moved (the threshold
markers and the matrices) on top of the saved background (blitting), so the
figure stays cheap to update.
"""

import html
import io
import time

import numpy as np

from utils import SEED
from utils.metrics import evaluable_labels
from utils.thresholds import (
    apply_thresholds,
    best_f1_thresholds,
    check_scores,
    check_thresholds,
    confusion_matrices,
    per_label_scores,
    summary_scores,
)
from utils.validation import default_label_names, shorten
from utils.widgets.messages import classroom_box, guard, message_html, one_line

__all__ = ["check_probabilities", "pick_examples", "ThresholdFigure", "ThresholdExplorer", "build_threshold_widget"]

# Cell colours of the example table: what a prediction is, given the truth.
OUTCOME_STYLE = {
    "TP": "background:#b9e4bd; font-weight:bold",  # predicted and true: a hit
    "FP": "background:#f6b9b9; font-weight:bold",  # predicted, not true: a false alarm
    "FN": "background:#ffe1a8",  # true, not predicted: a miss
    "TN": "color:#999",  # neither
}
# Scoped to the lab's tables (class "mlc-thr"): compact rows, JupyterLab's widget line height is tall.
#: Up to this many labels, the static figure shows every label side by side; beyond, it is illegible and slow
#: (matplotlib's layout of 56 axes for 28 labels takes about 100 s), so it shows one label, like the widget.
MAX_SIDE_BY_SIDE = 8
NO_TRUE_NOTE = " <span style='font-size:13px'>(no true examples)</span>"  # after a label without true examples
STYLE = ("<style>.mlc-thr {border-collapse:collapse; font-size:14px; margin:2px 14px 6px 0}"
         ".mlc-thr td, .mlc-thr th {padding:1px 6px; line-height:1.35; vertical-align:middle}"
         ".mlc-thr th {border-bottom:1px solid #bbb} .mlc-thr td.num {text-align:right; font-family:monospace}"
         ".mlc-thr td.comment {min-width:220px; max-width:380px; text-align:left}"
         ".mlc-thr td.labels {max-width:170px; font-size:13px}</style>")
SUMMARY_NAMES = {
    "micro_f1": "micro-F1 ↑",
    "macro_f1": "macro-F1 ↑",
    "hamming_loss": "Hamming loss ↓",
    "subset_accuracy": "subset accuracy ↑",
}


def _number(value, spec=".2f"):
    """``value`` formatted with ``spec``, or "–" when it is undefined (NaN)."""
    return "–" if np.isnan(value) else format(value, spec)


def check_probabilities(Y_score, name="Y_score"):
    """``Y_score`` as a 2-D float array of probabilities with at least one row, or a clear error."""
    arr = check_scores(Y_score)
    if arr.shape[0] == 0:
        raise ValueError(f"{name} has no rows: there is nothing to score; expected one row per comment.")
    if arr.min() < 0 or arr.max() > 1:
        raise ValueError(f"probabilities must lie in [0, 1]; {name} has values from {arr.min():.3g} "
                         f"to {arr.max():.3g} (pass predict_proba's output, not decision scores).")
    return arr


def pick_examples(texts, Y_true, Y_score, n=8, max_chars=160, random_state=SEED):
    """Indices of up to ``n`` short comments whose labels flip at moderate thresholds.

    First, for each label in turn, a true-positive comment whose probability for
    that label lies between 0.15 and 0.85; then clean comments with a moderate
    top probability (false alarms at low thresholds). Picks are seeded.
    """
    Y_true = np.asarray(Y_true)
    Y_score = check_scores(Y_score)
    texts = list(texts)
    if not (len(texts) == len(Y_true) == len(Y_score)):
        raise ValueError(f"got {len(texts)} texts, {len(Y_true)} label rows and {len(Y_score)} score rows; expected one each per comment.")
    rng = np.random.default_rng(random_state)
    short = np.array([len(str(t)) <= max_chars for t in texts], dtype=bool)
    middle = (Y_score > 0.15) & (Y_score < 0.85)
    picked = []
    for j in range(Y_true.shape[1]):
        rows = np.flatnonzero(short & (Y_true[:, j] == 1) & middle[:, j] & ~np.isin(np.arange(len(texts)), picked))
        if rows.size and len(picked) < n:
            picked.append(int(rng.choice(rows)))
    clean = np.flatnonzero(short & (Y_true.sum(axis=1) == 0) & middle.any(axis=1))
    clean = [int(i) for i in rng.permutation(clean) if int(i) not in picked]
    picked += clean[: max(0, n - len(picked))]
    if len(picked) < n:  # fall back to any short comment, most uncertain first
        rest = [int(i) for i in np.argsort(np.abs(Y_score.max(axis=1) - 0.5)) if short[i] and int(i) not in picked]
        picked += rest[: n - len(picked)]
    return picked


class ThresholdFigure:
    """Per label: a precision-recall curve with the current threshold marked, and a confusion matrix.

    The figure is drawn once; :meth:`render` redraws only the moving parts and
    returns PNG bytes. Matrix colours show the share of each true class
    (rows sum to 1), the numbers are counts.
    """

    def __init__(self, Y_true, Y_score, labels, dpi=100, width=2.05, height=4.2):
        import seaborn as sns
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from sklearn.metrics import precision_recall_curve

        Y_true, Y_score = np.asarray(Y_true), check_scores(Y_score)
        q = Y_true.shape[1]
        self.fig = Figure(figsize=(width * q, height), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.fig)
        axes = self.fig.subplots(2, q, squeeze=False)
        self.markers, self.meshes, self.cells = [], [], []
        for j, name in enumerate(labels):
            ax = axes[0, j]
            if Y_true[:, j].any():
                precision, recall, _ = precision_recall_curve(Y_true[:, j], Y_score[:, j])
                ax.plot(recall, precision, drawstyle="steps-post", color="C0", lw=1.5)
            ax.set(xlim=(-0.02, 1.02), ylim=(-0.02, 1.05), title=name, xlabel="recall")
            ax.set_ylabel("precision" if j == 0 else "")
            self.markers.append(ax.plot([], [], "o", color="C3", ms=8, animated=True)[0])
            ax = axes[1, j]
            sns.heatmap(np.zeros((2, 2)), vmin=0, vmax=1, cmap="Blues", cbar=False, ax=ax,
                        xticklabels=["0", "1"], yticklabels=["0", "1"], linewidths=0.5, linecolor="white")
            ax.set_xlabel("predicted")
            ax.set_ylabel("true" if j == 0 else "")
            ax.tick_params(axis="y", rotation=0)
            mesh = ax.collections[0]
            mesh.set_animated(True)
            self.meshes.append(mesh)
            self.cells.append([ax.text(c + 0.5, r + 0.5, "", ha="center", va="center", fontsize=10, animated=True)
                               for r in range(2) for c in range(2)])
        self.canvas.draw()
        # One saved background per axes: a move redraws only the labels whose picture changed.
        self.backgrounds = [tuple(self.canvas.copy_from_bbox(ax.bbox.padded(4)) for ax in axes[:, j]) for j in range(q)]
        self.shown = [None] * q  # what each label's panels show now
        self.png = None  # the last rendering
        self.wanted = [None] * q  # what they should show after the next render

    def update(self, thresholds, confusion, table):
        """Set what each label's panels should show; ``table`` is :func:`per_label_scores`' output.

        A label whose counts did not change (``thresholds`` moved between two probabilities) is not redrawn.
        """
        for j, cm in enumerate(np.asarray(confusion)):
            row = table.iloc[j]
            self.wanted[j] = (float(row["precision"]), float(row["recall"]), tuple(int(c) for c in cm.ravel()))

    def _draw_label(self, j):
        precision, recall, counts = self.wanted[j]
        cm = np.array(counts, dtype=float).reshape(2, 2)
        rates = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
        self.markers[j].set_data([recall], [precision])
        self.meshes[j].set_array(rates.ravel())
        for cell, count, rate in zip(self.cells[j], counts, rates.ravel(), strict=True):
            cell.set_text(str(count))
            cell.set_color("white" if rate > 0.55 else "black")
        top, bottom = self.backgrounds[j]
        self.canvas.restore_region(top)
        self.fig.draw_artist(self.markers[j])
        self.canvas.restore_region(bottom)
        self.fig.draw_artist(self.meshes[j])
        for cell in self.cells[j]:
            self.fig.draw_artist(cell)
        self.shown[j] = self.wanted[j]

    def changed_labels(self):
        """Positions of the labels whose panels differ from what was last rendered."""
        return [j for j, (want, have) in enumerate(zip(self.wanted, self.shown, strict=True))
                if want is not None and want != have]

    def render(self):
        """PNG bytes of the figure, redrawing only the labels that changed since the last render."""
        from PIL import Image

        changed = self.changed_labels()
        if not changed and self.png is not None:
            return self.png
        for j in changed:
            self._draw_label(j)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="png", compress_level=1)
        self.png = out.getvalue()
        return self.png


class ThresholdExplorer:
    """Thresholds for a multi-label model's probabilities, and everything that follows from them.

    Parameters
    ----------
    Y_true, Y_score : the evaluation split's 0/1 labels and the model's probabilities
        (computed once by the caller; moving a threshold never calls the model).
    labels : label names (default :func:`utils.validation.default_label_names`).
    texts : the evaluation comments, for the example table.
    Y_val, Y_val_score : a validation split's labels and probabilities, for :meth:`tune`.
    predict_proba : optional callable ``list of texts -> (n, n_labels) probabilities``
        (the fitted vectoriser + model) for :meth:`type_text`.
    examples : row indices for the table (default :func:`pick_examples`).
    default : the starting threshold of every label.
    """

    def __init__(self, Y_true, Y_score, labels=None, texts=None, *, Y_val=None, Y_val_score=None,
                 predict_proba=None, examples=None, n_examples=8, default=0.5, random_state=SEED):
        self.Y_score = check_probabilities(Y_score)
        self.Y_true = np.asarray(Y_true)
        if self.Y_true.shape != self.Y_score.shape or not np.isin(self.Y_true, (0, 1)).all():
            raise ValueError(f"Y_true must be a 0/1 matrix of Y_score's shape {self.Y_score.shape}, "
                             f"got shape {self.Y_true.shape}.")
        q = self.Y_score.shape[1]
        self.labels = list(labels) if labels is not None else default_label_names(q)
        if len(self.labels) != q:
            raise ValueError(f"got {len(self.labels)} label names for {q} probability columns.")
        self.texts = None if texts is None else [str(t) for t in texts]
        if self.texts is not None and len(self.texts) != len(self.Y_true):
            raise ValueError(f"got {len(self.texts)} texts for {len(self.Y_true)} label rows.")
        self.Y_val = None if Y_val is None else np.asarray(Y_val)
        self.Y_val_score = None if Y_val_score is None else check_probabilities(Y_val_score, "Y_val_score")
        self.predict_proba = predict_proba
        self.default = float(check_thresholds(default, 1)[0])
        self.thresholds = np.full(q, self.default)
        self.mode = "default"
        if examples is None and self.texts is not None:
            examples = pick_examples(self.texts, self.Y_true, self.Y_score, n_examples, random_state=random_state)
        self.examples = [int(i) for i in (examples or [])]
        self.evaluable = evaluable_labels(self.Y_true)  # labels with a true example: macro-F1 averages these
        self.baseline = self._scores(apply_thresholds(self.Y_score, self.default))
        self.typed_text, self.typed_proba, self.typed_error = "", None, None
        self.timings_ms = []
        self._figure = None

    # ----------------------------------------------------------- actions
    def _index(self, label):
        if isinstance(label, (int, np.integer)) and not isinstance(label, bool) and 0 <= label < len(self.labels):
            return int(label)
        if label in self.labels:
            return self.labels.index(label)
        raise ValueError(f"unknown label {label!r}; expected one of {self.labels} or its position.")

    def set_global(self, threshold):
        """Set every label's threshold to ``threshold``."""
        self.thresholds = check_thresholds(threshold, len(self.labels)).copy()
        self.mode = "global"
        return self

    def set_label(self, label, threshold):
        """Override one label's threshold (by name or position)."""
        j = self._index(label)
        self.thresholds[j] = check_thresholds(threshold, 1)[0]
        self.mode = "custom"
        return self

    def set_thresholds(self, thresholds):
        """Set all thresholds at once (one number, or one per label)."""
        self.thresholds = check_thresholds(thresholds, len(self.labels)).copy()
        self.mode = "custom"
        return self

    def reset(self):
        """Every label back to the default threshold."""
        self.set_global(self.default)
        self.mode = "default"
        return self

    def tuned_thresholds(self):
        """Each label's best-F1 threshold on the validation split."""
        if self.Y_val is None or self.Y_val_score is None:
            raise ValueError("no validation split given: pass Y_val and Y_val_score to tune thresholds.")
        return best_f1_thresholds(self.Y_val, self.Y_val_score)

    def tune(self):
        """Set each label's threshold to the one that maximises its F1 on the validation split."""
        self.thresholds = self.tuned_thresholds()
        self.mode = "tuned"
        return self

    def type_text(self, text):
        """Score a comment of your own once (its probabilities are kept for later moves).

        If the model fails or returns something that is not one probability per label,
        ``typed_error`` says what went wrong (shown in the panel) and ``typed_proba`` is None.
        """
        if self.predict_proba is None:
            raise ValueError("no model given: pass predict_proba to score typed comments.")
        self.typed_text = str(text)
        self.typed_proba, self.typed_error = None, None
        if self.typed_text.strip():
            try:
                proba = check_probabilities(self.predict_proba([self.typed_text]), "the model's output")
                if proba.shape != (1, len(self.labels)):
                    raise ValueError(f"the model returned shape {proba.shape}; expected (1, {len(self.labels)}), "
                                     "one probability per label.")
                self.typed_proba = proba[0]
            except Exception as error:  # noqa: BLE001 - any model failure becomes a message in the panel
                self.typed_error = f"Could not score this comment: {one_line(error)}"
        return self

    # ----------------------------------------------------------- results
    @property
    def predictions(self):
        """The 0/1 prediction matrix at the current thresholds."""
        return apply_thresholds(self.Y_score, self.thresholds)

    def _scores(self, P, per_label=None):
        """The summary scores, macro-F1 over the labels with a true example (NaN when none has one)."""
        per_label = per_label_scores(self.Y_true, P, self.labels) if per_label is None else per_label
        scores = summary_scores(self.Y_true, P)
        f1 = per_label["f1"].to_numpy()[self.evaluable]
        scores["macro_f1"] = float(f1.mean()) if f1.size else float("nan")
        return scores

    def state(self, predictions=None):
        """Everything the panels show, from one pass over the predictions."""
        P = self.predictions if predictions is None else predictions
        per_label = per_label_scores(self.Y_true, P, self.labels)
        return {
            "predictions": P,
            "scores": self._scores(P, per_label),
            "per_label": per_label,
            "confusion": confusion_matrices(self.Y_true, P),
        }

    def scores(self):
        """Micro/macro-F1, Hamming loss and subset accuracy at the current thresholds.

        Macro-F1 averages the labels with at least one true example (:func:`utils.metrics.evaluable_labels`).
        """
        return self._scores(self.predictions)

    def _undefined_as_nan(self, table):
        """Recall and F1 of a label without true examples are NaN, and its precision when nothing is predicted."""
        table = table.copy()
        absent = table["support"].to_numpy() == 0
        table.loc[absent, ["recall", "f1"]] = np.nan
        table.loc[absent & (table["predicted"].to_numpy() == 0), "precision"] = np.nan
        return table

    def per_label(self):
        """Threshold, precision, recall, F1 and counts of each label at the current thresholds.

        NaN where a score is undefined: recall and F1 of a label with no true example.
        """
        table = self._undefined_as_nan(per_label_scores(self.Y_true, self.predictions, self.labels))
        table.insert(0, "threshold", self.thresholds)
        return table

    def left_out_note(self):
        """One sentence naming the labels macro-F1 leaves out ("" when none is)."""
        absent = [name for name, ok in zip(self.labels, self.evaluable, strict=True) if not ok]
        if not absent:
            return ""
        if len(absent) == len(self.labels):
            return "No label has a true example in this split: macro-F1 is undefined."
        return f"Macro-F1 leaves out {', '.join(absent)}: no true examples in this split."

    def confusion(self):
        """Per-label confusion matrices ``[[TN, FP], [FN, TP]]`` at the current thresholds."""
        return confusion_matrices(self.Y_true, self.predictions)

    def outcome(self, row, j, predictions=None):
        """``"TP"``, ``"FP"``, ``"FN"`` or ``"TN"`` for comment ``row`` and label ``j``."""
        P = self.predictions if predictions is None else predictions
        return {(1, 1): "TP", (0, 1): "FP", (1, 0): "FN", (0, 0): "TN"}[(int(self.Y_true[row, j]), int(P[row, j]))]

    def predicted_labels(self, row, predictions=None):
        P = self.predictions if predictions is None else predictions
        return [name for name, on in zip(self.labels, P[row], strict=True) if on]

    def report(self):
        """Plain text of the scores, the per-label table and the example predictions (static fallback)."""
        s = self.state()
        if np.ptp(self.thresholds) == 0:  # one value for every label: say it once
            lines = [f"Thresholds: every label at {self.thresholds[0]:.2f}"]
        else:
            lines = [f"Thresholds: {', '.join(f'{n} {t:.2f}' for n, t in zip(self.labels, self.thresholds, strict=True))}"]
        lines += [f"{SUMMARY_NAMES[k]:<18} {_number(v, '.3f')}" for k, v in s["scores"].items()]
        table = self._undefined_as_nan(s["per_label"])
        table.insert(0, "threshold", self.thresholds)
        lines += ["", table.round(3).to_string(na_rep="–")]
        lines += [self.left_out_note(), ""] if self.left_out_note() else [""]
        for row in self.examples:
            true = "+".join(n for n, on in zip(self.labels, self.Y_true[row], strict=True) if on) or "(none)"
            pred = "+".join(self.predicted_labels(row, s["predictions"])) or "(none)"
            lines.append(f"[true: {true} | predicted: {pred}] {self._snippet(row, 70)!r}")
        return "\n".join(lines)

    # ----------------------------------------------------------- HTML panels
    def _snippet(self, row, width=110):
        return shorten(self.texts[row], width) if self.texts else ""

    def metrics_html(self, state=None):
        """The four summary scores (now and with every threshold at the default) and the per-label table."""
        s = self.state() if state is None else state
        rows = "".join(
            f"<tr><td>{SUMMARY_NAMES[k]}</td><td class='num'><b>{_number(v, '.3f')}</b></td>"
            f"<td class='num'>{_number(self.baseline[k], '.3f')}</td>"
            f"<td class='num'>{_number(v - self.baseline[k], '+.3f')}</td></tr>"
            for k, v in s["scores"].items()
        )
        head = f"<tr><th>score</th><th>now</th><th>all at {self.default:.2f}</th><th>change</th></tr>"
        per = self._undefined_as_nan(s["per_label"])
        label_rows = "".join(
            f"<tr><td>{html.escape(n)}{'' if ok else NO_TRUE_NOTE}</td>"
            f"<td class='num'>{t:.2f}</td><td class='num'>{_number(r.precision)}</td>"
            f"<td class='num'>{_number(r.recall)}</td><td class='num'>{_number(r.f1)}</td>"
            f"<td class='num'>{int(r.predicted)}</td><td class='num'>{int(r.support)}</td></tr>"
            for n, t, ok, r in zip(self.labels, self.thresholds, self.evaluable, per.itertuples(), strict=True)
        )
        note = f"<div style='font-size:13px'>{html.escape(self.left_out_note())}</div>" if self.left_out_note() else ""
        label_head = ("<tr><th>label</th><th>threshold</th><th>precision</th><th>recall</th><th>F1</th>"
                      "<th>predicted</th><th>true</th></tr>")
        return (f"{STYLE}<div><b>Test split ({len(self.Y_true)} comments), thresholds: {self.mode}</b>"
                f"<div style='display:flex; flex-wrap:wrap'><table class='mlc-thr'>{head}{rows}</table>"
                f"<table class='mlc-thr'>{label_head}{label_rows}</table></div>{note}</div>")

    def table_html(self, predictions=None):
        """The example comments with each label's probability, coloured by outcome at the current thresholds."""
        P = self.predictions if predictions is None else predictions
        cell = "padding:1px 5px; text-align:center"
        head = "".join(f"<th style='{cell}'>{html.escape(n)}</th>" for n in self.labels)
        body = []
        for row in self.examples:
            probs = "".join(
                f"<td style='{cell}; {OUTCOME_STYLE[self.outcome(row, j, P)]}'>{self.Y_score[row, j]:.2f}</td>"
                for j in range(len(self.labels))
            )
            true = ", ".join(n for n, on in zip(self.labels, self.Y_true[row], strict=True) if on) or "(none)"
            pred = ", ".join(self.predicted_labels(row, P)) or "(none)"
            body.append(f"<tr><td class='comment'>{html.escape(self._snippet(row))}</td>"
                        f"<td class='labels'>{html.escape(true)}</td>{probs}"
                        f"<td class='labels'><b>{html.escape(pred)}</b></td></tr>")
        legend = " ".join(f"<span style='{OUTCOME_STYLE[k]}; padding:0 4px'>{k}: {d}</span>" for k, d in
                          [("TP", "predicted, true"), ("FP", "predicted, not true"), ("FN", "missed"),
                           ("TN", "not predicted, not true")])
        return (f"{STYLE}<div style='font-size:14px'>{legend}<table class='mlc-thr'>"
                f"<tr><th>comment</th><th>true labels</th>{head}<th>predicted</th></tr>{''.join(body)}</table></div>")

    def text_html(self):
        """The typed comment's six probabilities against the current thresholds."""
        if self.typed_error is not None:
            return message_html(self.typed_error)
        if self.typed_proba is None:
            return "<i>Type a comment above to see its probabilities.</i>"
        cells = []
        for name, p, t in zip(self.labels, self.typed_proba, self.thresholds, strict=True):
            on = p >= t
            bar = (f"<div style='width:120px; height:10px; background:#eee; position:relative; display:inline-block'>"
                   f"<div style='width:{100 * p:.0f}%; height:10px; background:{'#d9534f' if on else '#8aa'}'></div>"
                   f"<div style='position:absolute; left:{100 * t:.0f}%; top:-2px; width:2px; height:14px; background:#000'>"
                   f"</div></div>")
            cells.append(f"<tr><td>{html.escape(name)}</td><td class='num'>{p:.2f}</td>"
                         f"<td class='num'>{'≥' if on else '<'} {t:.2f}</td>"
                         f"<td>{bar}</td><td><b>{'yes' if on else ''}</b></td></tr>")
        pred = ", ".join(n for n, p, t in zip(self.labels, self.typed_proba, self.thresholds, strict=True) if p >= t)
        return (f"{STYLE}<div style='font-size:14px'>Predicted: <b>{html.escape(pred or '(none)')}</b>"
                f"<table class='mlc-thr'><tr><th>label</th><th>probability</th>"
                f"<th>threshold</th><th></th><th>on?</th></tr>{''.join(cells)}</table></div>")

    # ----------------------------------------------------------- figure
    @property
    def figure(self):
        """The :class:`ThresholdFigure` of this split (built on first use)."""
        if self._figure is None:
            self._figure = ThresholdFigure(self.Y_true, self.Y_score, self.labels)
        return self._figure

    def figure_png(self, state=None):
        """PNG bytes of the precision-recall curves and confusion matrices at the current thresholds."""
        s = self.state() if state is None else state
        self.figure.update(self.thresholds, s["confusion"], s["per_label"])
        return self.figure.render()

    def panels(self, label=None):
        """Every panel's content after a move, from one pass; records the time it took in ``timings_ms``.

        The figure shows every label, or only ``label`` (name or position) when one is given.
        """
        start = time.perf_counter()
        s = self.state()
        out = {
            "metrics": self.metrics_html(s),
            "table": self.table_html(s["predictions"]),
            "text": self.text_html(),
            "figure": self.figure_png(s) if label is None else self.label_figure_png(label, s),
            "mode": f"<div style='font-size:13px'>{html.escape(self.mode_note())}</div>",
        }
        self.timings_ms.append(1000 * (time.perf_counter() - start))
        return out

    # ----------------------------------------------------------- ipywidgets
    def label_figure(self, label):
        """A :class:`ThresholdFigure` of one label (by name or position), built once and kept."""
        j = self._index(label)
        cache = self.__dict__.setdefault("_label_figures", {})
        if j not in cache:
            cache[j] = ThresholdFigure(self.Y_true[:, [j]], self.Y_score[:, [j]], [self.labels[j]],
                                       dpi=100, width=3.0, height=3.4)
        return cache[j]

    def label_figure_png(self, label, state=None):
        """PNG bytes of one label's precision-recall curve and confusion matrix at its current threshold."""
        j = self._index(label)
        s = self.state() if state is None else state
        figure = self.label_figure(j)
        figure.update(self.thresholds[[j]], s["confusion"][[j]], s["per_label"].iloc[[j]])
        return figure.render()

    def static_figure_png(self, label=0):
        """The static fallback's figure: every label side by side (:meth:`figure_png`) when there are at
        most :data:`MAX_SIDE_BY_SIDE`, else ``label``'s alone (:meth:`label_figure_png`)."""
        if len(self.labels) <= MAX_SIDE_BY_SIDE:
            return self.figure_png()
        return self.label_figure_png(label)

    def mode_note(self):
        """One line on where the thresholds come from, and what the "all labels" slider would do."""
        if self.mode in ("default", "global"):
            return f"Every label at {self.thresholds[0]:.2f}."
        what = "tuned on validation" if self.mode == "tuned" else "set label by label"
        return f"Thresholds {what}; moving “all labels” sets every label to one value again."

    def widget(self, step=0.01):
        """One screen: the controls and the picked label's figure on the left, tabbed tables on the right.

        Controls: an "all labels" slider, a label picker with one slider for that label (so 28 labels need no
        column of 28 sliders), two buttons and a text box. The tabs hold the scores (per-label table scrolls),
        the example comments and the typed comment. A slider reports its value when released or moved with
        the arrow keys (``continuous_update=False``), so a late echo of a pushed value cannot undo a move.
        """
        import ipywidgets as W

        style, width = {"description_width": "80px"}, W.Layout(width="310px")

        def slider(description, value):
            return W.FloatSlider(value=value, min=0.0, max=1.0, step=step, description=description,
                                 continuous_update=False, readout_format=".2f", style=style, layout=width)

        everything = slider("all labels", self.default)
        picker = W.Dropdown(options=self.labels, value=self.labels[0], description="label", style=style,
                            layout=width)
        one = slider("its threshold", float(self.thresholds[0]))
        tune = W.Button(description="Best F1 on validation", button_style="info", layout=W.Layout(width="auto"),
                        disabled=self.Y_val is None)
        reset = W.Button(description=f"All at {self.default:.2f}", layout=W.Layout(width="auto"))
        typed = W.Text(value=self.typed_text, placeholder="Type a comment, press Enter", description="comment",
                       style=style, continuous_update=False, layout=width, disabled=self.predict_proba is None)
        metrics, table, typed_out, status, mode = W.HTML(), W.HTML(), W.HTML(), W.HTML(), W.HTML()
        image = W.Image(format="png", layout=W.Layout(width="300px"))
        scroll = W.Layout(max_height="470px", overflow="auto")
        for w in (metrics, table, typed_out):
            w.layout = scroll
        for w, name in [(metrics, "metrics"), (table, "table"), (typed_out, "typed"), (status, "status"),
                        (everything, "global"), (image, "figure"), (typed, "text"), (tune, "tune"),
                        (picker, "picker"), (one, "label"), (mode, "mode")]:
            w.add_class(f"mlc-threshold-{name}")
        syncing = []

        def quietly(control, value):
            syncing.append(True)
            try:
                control.value = value
            finally:
                syncing.pop()

        def refresh():
            out = self.panels(picker.value)
            mode.value = out["mode"]  # each value is its own message: the one-line note first, the figure last
            metrics.value, table.value, typed_out.value = out["metrics"], out["table"], out["text"]
            image.value = out["figure"]
            status.value = f"<span style='font-size:13px; color:#555'>updated in {self.timings_ms[-1]:.0f} ms</span>"

        def on_global(change):
            if not syncing:
                self.set_global(change["new"])
                quietly(one, float(self.thresholds[picker.index]))
                refresh()

        def on_pick(change):
            quietly(one, float(self.thresholds[self._index(change["new"])]))
            image.value = self.label_figure_png(change["new"])

        def on_one(change):
            if not syncing:
                self.set_label(picker.value, change["new"])
                refresh()

        def on_tune(_):
            self.tune()
            quietly(one, float(self.thresholds[picker.index]))
            refresh()

        def on_reset(_):
            self.reset()
            quietly(everything, self.default)
            quietly(one, self.default)
            refresh()

        def on_text(change):
            self.type_text(change["new"])
            typed_out.value = self.text_html()
            tabs.selected_index = 2

        def show(message):
            status.value = message_html(message)

        everything.observe(guard(on_global, show), names="value")
        picker.observe(guard(on_pick, show), names="value")
        one.observe(guard(on_one, show), names="value")
        tune.on_click(guard(on_tune, show))
        reset.on_click(guard(on_reset, show))
        typed.observe(guard(on_text, show), names="value")
        tabs = W.Tab([metrics, table, typed_out], layout=W.Layout(flex="1 1 auto", min_width="360px"))
        for i, title in enumerate(["Scores", "Examples", "Your comment"]):
            tabs.set_title(i, title)
        refresh()
        controls = W.VBox([everything, picker, one, W.HBox([tune, reset]), mode, typed, status, image],
                          layout=W.Layout(width="320px", flex="0 0 auto"))
        box = classroom_box([W.HBox([controls, tabs], layout=W.Layout(width="100%"))])
        box.controls = {"global": everything, "picker": picker, "label": one,
                        "labels": {name: _PickedSlider(self, picker, one, name) for name in self.labels}, "tune": tune, "reset": reset,
                        "text": typed, "metrics": metrics, "table": table, "typed": typed_out, "figure": image,
                        "status": status, "mode": mode, "tabs": tabs}
        return box


class _PickedSlider:
    """One label's threshold as if it had its own slider: setting ``value`` picks the label, then moves it."""

    def __init__(self, explorer, picker, slider, label):
        self.explorer, self.picker, self.slider, self.label = explorer, picker, slider, label

    @property
    def value(self):
        return float(self.explorer.thresholds[self.explorer._index(self.label)])

    @value.setter
    def value(self, value):
        self.picker.value = self.label
        self.slider.value = value


def build_threshold_widget(Y_true, Y_score, labels=None, texts=None, **kwargs):
    """Build the explorer and its widget; returns ``(explorer, widget)``."""
    explorer = ThresholdExplorer(Y_true, Y_score, labels, texts, **kwargs)
    return explorer, explorer.widget()
