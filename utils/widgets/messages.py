"""Readable one-line messages in a widget, instead of exceptions inside its observers.

An exception raised in an ipywidgets observer never reaches the notebook: in a
browser it goes to the log console and the panel silently keeps its old
content. Every widget of the course therefore wraps its observers in
:func:`guard`, which shows what went wrong as one line in the widget's own
output.
"""

import functools
import html

__all__ = ["one_line", "message_html", "guard", "classroom_box", "show", "BUSY_HTML"]


def one_line(error):
    """The first line of an exception's message (its type name when the message is empty)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def message_html(text):
    """``text`` as a small HTML notice (escaped), for a widget's panel."""
    return f"<div class='mlc-message' style='color:#a94442'>⚠ {html.escape(str(text))}</div>"


def guard(handler, show):
    """``handler`` wrapped so that an error calls ``show(one_line(error))`` instead of raising."""

    @functools.wraps(handler)
    def guarded(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - an observer must never raise
            show(one_line(error))
            return None

    return guarded


# Shown under every widget; hidden (by CSS that only a live widget carries) while the widget is displayed.
REOPEN_NOTE = ("<div class='mlc-reopen-note' style='font-size:13px; color:#555'>No widget above, or "
               "“Error displaying widget: model not found” (a saved notebook reopened)? "
               "Run this cell again.</div>")
# Carried by a live widget: hides the note above, and keeps the plain keys pressed in its controls (arrows or a
# letter on a dropdown, arrows on radio buttons, Space) in the control instead of letting them move the notebook's
# cell selection. JupyterLab's command-mode shortcuts (ArrowDown: select the cell below, A: insert a cell, ...)
# match any focused element that is not a text field, a ``<select>`` included; they skip an element that carries
# ``data-lm-suppress-shortcuts``, so the focused control gets that attribute (on an ancestor it would not help:
# the focused element itself matches the shortcut's ``:focus`` selector first). A key with Ctrl, Alt or Meta, and
# Shift+Enter, still reach JupyterLab (Ctrl+S saves, Ctrl+Shift+C opens the command palette).
LIVE_HTML = ("<style>.jp-OutputArea-child:has(.mlc-widget) + .jp-OutputArea-child .mlc-reopen-note"
             " {display:none}</style><img src='' alt='' style='display:none' onerror=\"var w=this.closest("
             "'.mlc-widget'); if (w) { var keep = function (e) { var mine = !(e.ctrlKey || e.altKey || e.metaKey"
             " || (e.shiftKey && e.key === 'Enter')); if (mine) e.target.setAttribute('data-lm-suppress-shortcuts',"
             " 'true'); else e.target.removeAttribute('data-lm-suppress-shortcuts'); };"
             " w.addEventListener('focusin', keep); w.addEventListener('keydown', keep, true); }\">")


def classroom_box(children, layout=None):
    """A VBox of ``children`` marked for the classroom: keys stay in its controls; see :func:`show`."""
    import ipywidgets as W

    box = W.VBox([*children, W.HTML(LIVE_HTML, layout=W.Layout(height="0px", margin="0px"))],
                 layout=layout or W.Layout())
    box.add_class("mlc-widget")
    return box


def show(widget):
    """Display ``widget`` with a one-line note that appears only when it cannot be shown (re-run the cell)."""
    from IPython.display import HTML, display

    display(widget)
    display(HTML(REOPEN_NOTE))

BUSY_HTML = "<span class='mlc-busy' style='font-size:13px; color:#555'>⏳ computing…</span>"
