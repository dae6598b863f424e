"""Widgets on label sets and splits (notebooks 01 and 02), testable without a browser.

Notebook 01: :class:`LabelSetExplorer` squeezes a multi-label comment into one
class and shows what is lost (a test can call ``select``, ``keep`` and read
``report()``); :meth:`LabelSetExplorer.widget` wraps it in two dropdowns and an
HTML panel.

Notebook 02: :class:`SplitExplorer` measures how often random and iteratively
stratified splits leave a label without a test example, for a chosen data size
and test share; :meth:`SplitExplorer.widget` wraps it in two sliders.

A multi-class model can turn a comment's label set into one class in two ways:

- **label powerset**: the whole set becomes one class (``"toxic+obscene+insult"``),
  exact but with many, often rare, classes;
- **keep one label**: the model's argmax picks a single label and the rest
  are lost; by default we keep the label that is most frequent in the data,
  the usual way people "make the data single-label".
"""

import html

import numpy as np
import pandas as pd

from utils import SEED
from utils.labelsets import (
    FAIR_ROW,
    as_label_matrix,
    label_counts,
    label_names,
    label_set_counts,
    label_set_names,
    missing_label_rate,
    random_splits,
    stratified_splits,
)
from utils.widgets.messages import BUSY_HTML, classroom_box, guard, message_html

__all__ = [
    "curate_multilabel_examples",
    "LabelSetExplorer",
    "build_label_set_widget",
    "SplitExplorer",
    "build_split_widget",
]


def curate_multilabel_examples(texts, Y, n=12, max_chars=300, random_state=SEED):
    """Indices of up to ``n`` short comments with two or more labels, as varied in label set as possible.

    Label sets are visited most common first, one comment from each per round,
    so the examples cover many different sets; picks are seeded.
    """
    arr = as_label_matrix(Y)
    texts = list(texts)
    if len(texts) != len(arr):
        raise ValueError(f"got {len(texts)} texts but {len(arr)} label rows; expected one row per text.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number, got {n!r}.")
    rng = np.random.default_rng(random_state)
    names = np.array(label_set_names(arr), dtype=object)
    eligible = (arr.sum(axis=1) >= 2) & np.array([len(str(t)) <= max_chars for t in texts], dtype=bool)
    pools = []
    for name in label_set_counts(arr).index:
        rows = np.flatnonzero(eligible & (names == name))
        if rows.size:
            pools.append(list(rng.permutation(rows)))
    picked = []
    while len(picked) < n and any(pools):
        for pool in pools:
            if pool and len(picked) < n:
                picked.append(int(pool.pop(0)))
    return picked


class LabelSetExplorer:
    """Pick a multi-label comment; see its label set and how a multi-class model must squeeze it.

    Parameters
    ----------
    texts, Y : the comments and their 0/1 label matrix (the statistics use all rows).
    labels : label names (default: as in :mod:`utils.labelsets`).
    examples : row indices to offer; default :func:`curate_multilabel_examples`.
    """

    def __init__(self, texts, Y, labels=None, examples=None, n_examples=12, max_chars=300, random_state=SEED):
        self.texts = list(texts)
        self.Y = as_label_matrix(Y)
        if len(self.texts) != len(self.Y):
            raise ValueError(f"got {len(self.texts)} texts but {len(self.Y)} label rows; expected one row per text.")
        self.labels = label_names(Y, labels)
        if examples is None:
            examples = curate_multilabel_examples(self.texts, self.Y, n_examples, max_chars, random_state)
        self.examples = [int(i) for i in examples]
        if not self.examples:
            raise ValueError("no examples to show: the data has no comment with two or more labels.")
        bad = [i for i in self.examples if not 0 <= i < len(self.Y)]
        if bad:
            raise ValueError(f"example indices {bad} are outside 0..{len(self.Y) - 1}.")
        self.frequency = label_counts(self.Y, self.labels)
        self.powerset_counts = label_set_counts(self.Y, self.labels)
        self.position = 0
        self.kept = self.default_kept()

    # ----------------------------------------------------------- state
    @property
    def row(self):
        """Index (in ``texts``/``Y``) of the selected comment."""
        return self.examples[self.position]

    @property
    def text(self):
        return self.texts[self.row]

    @property
    def label_set(self):
        """The selected comment's labels, in label order."""
        return [name for name, on in zip(self.labels, self.Y[self.row], strict=True) if on]

    @property
    def powerset_class(self):
        """The one class a label-powerset model would use for this comment."""
        return "+".join(self.label_set) if self.label_set else "(none)"

    @property
    def powerset_class_count(self):
        """How many comments in the data carry exactly this label set."""
        return int(self.powerset_counts.get(self.powerset_class, 0))

    @property
    def n_powerset_classes(self):
        """How many distinct label sets (label-powerset classes) the data has."""
        return len(self.powerset_counts)

    @property
    def lost(self):
        """The labels dropped when only ``kept`` survives."""
        return [name for name in self.label_set if name != self.kept]

    @property
    def recall(self):
        """Share of this comment's true labels that the single kept label recovers (NaN: it has none)."""
        return 1 / len(self.label_set) if self.label_set else float("nan")

    def default_kept(self):
        """The comment's most frequent label in the data (ties: first in label order)."""
        if not self.label_set:
            return None
        return max(self.label_set, key=lambda name: (self.frequency[name], -self.labels.index(name)))

    # ----------------------------------------------------------- actions
    def select(self, position):
        """Show example number ``position`` (0-based) and keep its most frequent label."""
        if isinstance(position, bool) or not isinstance(position, (int, np.integer)):
            raise TypeError(f"position must be a whole number, got {position!r}.")
        if not 0 <= position < len(self.examples):
            raise ValueError(f"position must be in 0..{len(self.examples) - 1}, got {position}.")
        self.position = int(position)
        self.kept = self.default_kept()
        return self

    def keep(self, label):
        """Let the single-label model keep ``label`` (one of the comment's labels)."""
        if label not in self.label_set:
            raise ValueError(f"{label!r} is not one of this comment's labels {self.label_set}.")
        self.kept = label
        return self

    # ----------------------------------------------------------- output
    def summary(self):
        """The current state as a dict (what the panel shows)."""
        return {
            "row": self.row,
            "label_set": self.label_set,
            "powerset_class": self.powerset_class,
            "powerset_class_count": self.powerset_class_count,
            "n_powerset_classes": self.n_powerset_classes,
            "kept": self.kept,
            "lost": self.lost,
            "recall": self.recall,
        }

    def report(self, max_chars=300):
        """A plain-text description of the selected comment and both squeezes."""
        s = self.summary()
        text = self.text if len(self.text) <= max_chars else self.text[:max_chars] + " …"
        lost = ", ".join(s["lost"]) or "nothing"
        return "\n".join(
            [
                f"Comment: {text!r}",
                f"Label set ({len(s['label_set'])} labels): {{{', '.join(s['label_set'])}}}",
                f"Label powerset: one class {s['powerset_class']!r}, shared by {s['powerset_class_count']} "
                f"comment(s); one of {s['n_powerset_classes']} classes in this data.",
                (f"Keep one label (argmax): keeps {s['kept']!r}, loses {lost}; "
                 f"recall on this comment = {s['recall']:.0%}." if s["label_set"] else
                 "Keep one label (argmax): nothing to keep or lose, the comment has no labels "
                 "(recall is undefined: no true label to find)."),
            ]
        )

    def report_html(self, max_chars=300):
        """The report as HTML for the widget's panel."""
        text = html.escape(self.report(max_chars), quote=False)
        return "<div style='font-family: monospace; white-space: pre-wrap; line-height: 1.5'>" + text + "</div>"

    def option_label(self, position, width=50):
        """Dropdown text for example ``position``: its label set and the start of the comment."""
        row = self.examples[position]
        names = [n for n, on in zip(self.labels, self.Y[row], strict=True) if on]
        snippet = " ".join(str(self.texts[row]).split())
        snippet = snippet if len(snippet) <= width else snippet[: width - 1] + "…"
        return f"{position}: {'+'.join(names) or '(no labels)'} | {snippet}"

    def widget(self):
        """Two dropdowns (comment, label kept) and an HTML panel, wired to this object."""
        import ipywidgets as W

        comment = W.Dropdown(
            options=[(self.option_label(k), k) for k in range(len(self.examples))],
            value=self.position, description="Comment", layout=W.Layout(width="95%"),
        )
        keep = W.Dropdown(options=self.label_set, value=self.kept, description="Keep only")
        panel = W.HTML(self.report_html())

        def on_comment(change):
            self.select(change["new"])
            keep.unobserve(on_keep, names="value")
            try:
                keep.options = self.label_set
                keep.value = self.kept
            finally:
                keep.observe(on_keep, names="value")
            panel.value = self.report_html()

        def on_keep(change):
            if change["new"] is not None:
                self.keep(change["new"])
                panel.value = self.report_html()

        def show(message):
            panel.value = message_html(message)

        on_comment, on_keep = guard(on_comment, show), guard(on_keep, show)
        comment.observe(on_comment, names="value")
        keep.observe(on_keep, names="value")
        box = classroom_box([comment, keep, panel])
        box.controls = {"comment": comment, "keep": keep, "panel": panel}
        return box


def build_label_set_widget(texts, Y, labels=None, **kwargs):
    """Build the explorer and its widget; returns ``(explorer, widget)``."""
    explorer = LabelSetExplorer(texts, Y, labels, **kwargs)
    return explorer, explorer.widget()




class SplitExplorer:
    """How often do random vs stratified splits leave a label without a test example?

    For the first ``n_comments`` rows of a seeded shuffle of ``Y`` (so a larger
    sample contains the smaller ones) and a test share ``test_size``, draws
    ``n_splits`` random and ``n_splits`` iteratively stratified splits and
    reports, per label and for any label, the share of splits whose test set
    has no comment with it (:func:`utils.labelsets.missing_label_rate`).
    Results are cached per setting.
    """

    def __init__(self, Y, labels=None, n_comments=400, test_size=0.1, n_splits=50, random_state=SEED):
        self.Y = as_label_matrix(Y)
        self.labels = label_names(Y, labels)
        self.n_splits = n_splits
        self.random_state = random_state
        self.order = np.random.default_rng(random_state).permutation(len(self.Y))
        self._cache = {}
        self.n_comments = None
        self.test_size = None
        self.set_n_comments(n_comments)
        self.set_test_size(test_size)

    def set_n_comments(self, n):
        """Use the first ``n`` comments of the shuffle (at least 20, at most all)."""
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 20 <= n <= len(self.Y):
            raise ValueError(f"n_comments must be a whole number in 20..{len(self.Y)}, got {n!r}.")
        self.n_comments = int(n)
        return self

    def set_test_size(self, test_size):
        """Hold out this share of the comments as the test (or validation) set."""
        if not 0.02 <= test_size <= 0.5:
            raise ValueError(f"test_size must be between 0.02 and 0.5, got {test_size!r}.")
        self.test_size = float(test_size)
        return self

    @property
    def sample(self):
        """The label matrix of the comments in use."""
        return self.Y[self.order[: self.n_comments]]

    def missing_rates(self):
        """DataFrame: rows = labels, ``"ANY label"`` and :data:`FAIR_ROW` (any label whose fair share,
        its comments × ``test_size``, is at least one comment; NaN when none is), columns ``random``
        and ``stratified``."""
        key = (self.n_comments, round(self.test_size, 4))
        if key not in self._cache:
            Y = self.sample
            if Y.sum() == 0:
                raise ValueError(f"the first {self.n_comments} comments carry no label; use more comments.")
            splits = {
                "random": random_splits(Y, self.test_size, self.n_splits, self.random_state),
                "stratified": stratified_splits(Y, self.test_size, self.n_splits, self.random_state),
            }
            rates = pd.DataFrame({method: missing_label_rate(Y, s, self.labels, test_size=self.test_size)
                                  for method, s in splits.items()})
            self._cache[key] = rates
        return self._cache[key]

    def table(self):
        """Per label: its comments in the sample, its fair share of held-out comments, and both miss rates."""
        rates = self.missing_rates()
        counts = pd.Series(self.sample.sum(axis=0), index=self.labels)
        table = pd.DataFrame({"comments": counts, "fair share": counts * self.test_size}).reindex(rates.index)
        return table.join(rates.rename(columns=lambda m: f"{m} misses"))

    def report(self):
        """A plain-text summary of the current setting."""
        n_test = int(np.ceil(self.test_size * self.n_comments))
        table = self.table()
        text = table.to_string(
            na_rep="",
            formatters={
                "comments": lambda x: "" if np.isnan(x) else f"{x:.0f}",
                "fair share": lambda x: "" if np.isnan(x) else f"{x:.1f}",
                "random misses": lambda x: "" if np.isnan(x) else f"{x:.0%}",
                "stratified misses": lambda x: "" if np.isnan(x) else f"{x:.0%}",
            }
        )
        lines = [
            f"{self.n_comments} comments, {self.test_size:.0%} held out (~{n_test} comments), "
            f"{self.n_splits} splits of each kind.",
            "fair share = the label's comments x held-out share; misses = share of splits whose held-out set",
            "has no comment with the label. (Labels absent from the sample are left out.) Stratified splits",
            "deal each label its fair share rounded (a tie at one half goes to the larger, training side),",
            "so they miss every label whose fair share is one half or less;",
            f"the row {FAIR_ROW!r} compares the two kinds on the labels a held-out set this size can hold.",
            "",
            text,
        ]
        if table.loc[FAIR_ROW, ["random misses", "stratified misses"]].isna().all():
            lines.append(f"({FAIR_ROW!r}: no label has a fair share of one comment or more at this size.)")
        return "\n".join(lines)

    def report_html(self):
        return "<pre>" + html.escape(self.report(), quote=False) + "</pre>"

    def widget(self):
        """Two sliders (comments, held-out share) and a panel, wired to this object."""
        import ipywidgets as W

        sizes = sorted({n for n in (50, 100, 200, 400, 800, 1600, len(self.Y)) if 20 <= n <= len(self.Y)}
                       | {self.n_comments})
        size = W.SelectionSlider(options=sizes, value=self.n_comments, description="Comments",
                                 continuous_update=False)
        share = W.FloatSlider(value=self.test_size, min=0.05, max=0.5, step=0.05, description="Held out",
                              readout_format=".0%", continuous_update=False)
        panel, busy = W.HTML(self.report_html()), W.HTML("", layout=W.Layout(min_height="22px"))

        def update(_):
            busy.value = BUSY_HTML  # sent at once: the browser shows it while the splits are drawn
            try:
                self.set_n_comments(size.value).set_test_size(share.value)
                panel.value = self.report_html()
            finally:
                busy.value = ""

        def show(message):
            panel.value = message_html(message)

        size.observe(guard(update, show), names="value")
        share.observe(guard(update, show), names="value")
        box = classroom_box([W.HBox([size, share, busy]), panel])
        box.controls = {"comments": size, "held_out": share, "panel": panel, "busy": busy}
        return box


def build_split_widget(Y, labels=None, **kwargs):
    """Build the split explorer and its widget; returns ``(explorer, widget)``."""
    explorer = SplitExplorer(Y, labels, **kwargs)
    return explorer, explorer.widget()
