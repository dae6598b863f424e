"""utils.widgets.messages: an observer's error becomes one readable line, never an exception."""

from utils.widgets.messages import guard, message_html, one_line


def test_guard_passes_results_through_and_shows_errors():
    shown = []
    assert guard(lambda x: x + 1, shown.append)(1) == 2 and shown == []

    def fails(_):
        raise ValueError("probabilities must lie in [0, 1]\nmore detail")

    assert guard(fails, shown.append)("change") is None
    assert shown == ["probabilities must lie in [0, 1]"]


def test_one_line_and_message_html():
    assert one_line(KeyError()) == "KeyError"
    assert one_line(RuntimeError("  first\nsecond ")) == "first"
    html = message_html("<b>x</b> & y")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html and "⚠" in html


def test_hello_threshold_observer_shows_errors(monkeypatch):
    from utils.widgets.hello import HelloThreshold

    demo = HelloThreshold([0.9, 0.1], ["a", "b"])
    box = demo.widget()

    def boom(*_):
        raise RuntimeError("cannot list labels")

    monkeypatch.setattr(demo, "describe", boom)
    box.children[0].value = 0.3
    assert "cannot list labels" in box.children[1].value


def test_a_live_widget_keeps_keys_in_the_focused_control():
    """JupyterLab skips its shortcuts for an element marked data-lm-suppress-shortcuts; the focused control must be it.

    On the widget's box the mark would not help: a shortcut's ``:focus`` selector matches the control itself first
    (the browser test proves the arrows then change a dropdown without moving the notebook's selection).
    """
    from utils.widgets.messages import LIVE_HTML, classroom_box

    box = classroom_box([])
    assert "mlc-widget" in box._dom_classes and box.children[-1].value == LIVE_HTML
    assert "addEventListener('focusin', keep)" in LIVE_HTML and "addEventListener('keydown', keep, true)" in LIVE_HTML
    assert "e.target.setAttribute('data-lm-suppress-shortcuts', 'true')" in LIVE_HTML
