"""Widget logic for the notebooks, testable without a browser.

Each widget is a thin ipywidgets wrapper over a plain class in one of this
package's modules; tests drive the class directly. The classes are also
reachable here, e.g. ``utils.widgets.ThresholdExplorer`` (imported on first use).
"""

import importlib

_HOMES = {
    "HelloThreshold": "hello",
    "LabelSetExplorer": "label_sets",
    "SplitExplorer": "label_sets",
    "CommentInspector": "comment_inspector",
    "MetricsPlayground": "metrics_playground",
    "NeighbourExplorer": "neighbours",
    "ThresholdExplorer": "thresholds",
    "show": "messages",
}

__all__ = sorted(_HOMES)


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module 'utils.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"utils.widgets.{_HOMES[name]}"), name)
