"""Readable one-line messages in a widget, instead of exceptions inside its observers.

An exception raised in an ipywidgets observer never reaches the notebook: in a
browser it goes to the log console and the panel silently keeps its old
content. Every widget of the course therefore wraps its observers in
:func:`guard`, which shows what went wrong as one line in the widget's own
output.
"""

import functools
import html

__all__ = ["one_line", "message_html", "guard"]


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
