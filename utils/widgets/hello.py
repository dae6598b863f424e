"""The course's first widget: one comment's label probabilities against a threshold.

Notebook 00 uses it to show at once whether widgets render in this JupyterLab.
"""

import numpy as np

from utils.widgets.messages import classroom_box, guard

__all__ = ["labels_above", "HelloThreshold"]


def labels_above(probabilities, threshold, labels):
    """The labels whose probability is at least ``threshold``."""
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.shape != (len(labels),):
        raise ValueError(f"expected {len(labels)} probabilities, one per label, got shape {probabilities.shape}.")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}.")
    return [label for label, p in zip(labels, probabilities, strict=True) if p >= threshold]


class HelloThreshold:
    """A slider over the threshold; the text below lists the predicted labels."""

    def __init__(self, probabilities, labels, threshold=0.5):
        self.probabilities = np.asarray(probabilities, dtype=float)
        self.labels = list(labels)
        self.threshold = threshold
        self._slider = self._output = None

    def describe(self):
        """One line: the threshold and the labels it predicts."""
        chosen = labels_above(self.probabilities, self.threshold, self.labels)
        return f"threshold {self.threshold:.2f} → predicted labels: {', '.join(chosen) if chosen else '(none)'}"

    def set_threshold(self, value):
        self.threshold = float(value)
        if self._output is not None:
            self._output.value = self.describe()
        return self.describe()

    def widget(self):
        """The ipywidgets UI: a slider and a line of text that follows it."""
        import ipywidgets as widgets

        self._slider = widgets.FloatSlider(value=self.threshold, min=0.0, max=1.0, step=0.05,
                                           description="threshold", continuous_update=True)
        self._output = widgets.Label(value=self.describe())
        def show(message):
            self._output.value = f"⚠ {message}"

        self._slider.observe(guard(lambda change: self.set_threshold(change["new"]), show), names="value")
        return classroom_box([self._slider, self._output])
