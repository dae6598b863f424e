"""Checking exercise answers in place, and asserting what the prose claims.

``check_answer`` tells a learner right or wrong (and why) without raising, so
exercise cells run under nbval before anyone has answered them.
``claim`` asserts a statement the notebook's prose makes about a result: it is
silent when the statement holds.
"""

import math
import numbers

import numpy as np

__all__ = ["NOT_ANSWERED", "DEFAULT_TOL", "check_answer", "describe", "ClaimFailed", "claim"]

NOT_ANSWERED = "Not answered yet: replace the `None` with your answer and run the cell again."
DEFAULT_TOL = 1e-3


# --------------------------------------------------------------------------- #
# Describing what the learner gave
# --------------------------------------------------------------------------- #
def describe(value):
    """A short phrase naming ``value``'s type (and its value when it is short), for hints."""
    import pandas as pd

    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {bool(value)}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, numbers.Integral):
        return f"the whole number {int(value)}"
    if isinstance(value, numbers.Real):
        text = f"{float(value):.6g}"
        return f"the decimal number {text}.0" if text.lstrip("-").isdigit() else f"the decimal number {text}"
    if isinstance(value, pd.DataFrame):
        return f"a pandas DataFrame of shape {value.shape}"
    if isinstance(value, pd.Series):
        return f"a pandas Series of length {len(value)}"
    if isinstance(value, pd.Index):
        return f"a pandas Index of length {len(value)}"
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape}"
    if isinstance(value, dict):
        return "a dict"
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"an object of type {type(value).__name__}"


def _show_number(value):
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.6g}"


def _show(value):
    """The answer as the learner would recognise it."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_)):
        return str(int(value)) if isinstance(value, numbers.Integral) else _show_number(value)
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(repr(v) for v in value)) + "}" if value else "set()"
    if isinstance(value, (tuple, list)) and len(value) <= 6:
        return repr(type(value)(_plain(v) for v in value))
    return describe(value)


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value


def _format_tol(tol):
    """``tol`` rounded down to one significant digit, written without exponent."""
    exponent = math.floor(math.log10(tol))
    digit = math.floor(tol / 10**exponent + 1e-9)
    return np.format_float_positional(digit * 10.0**exponent, trim="-")


# --------------------------------------------------------------------------- #
# Comparing: a type problem (a message) first, then the value
# --------------------------------------------------------------------------- #
def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _unwrap(value):
    """0-d arrays and NumPy scalars as plain Python values."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    return _plain(value)


def _type_problem(answer, expected):
    """A sentence saying why ``answer`` cannot be compared with ``expected``, or None."""
    import pandas as pd

    answer = _unwrap(answer)
    if isinstance(expected, (bool, np.bool_)):
        return None if isinstance(answer, (bool, np.bool_)) else f"Expected True or False, got {describe(answer)}."
    if isinstance(expected, numbers.Integral):
        if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
            return None
        if isinstance(answer, float) and answer.is_integer():
            return (f"Expected a whole number (an int), got {describe(answer)}: "
                    f"a count is a whole number, so wrap your computation in int(...).")
        return f"Expected a whole number, got {describe(answer)}."
    if isinstance(expected, numbers.Real):
        if _is_number(answer):
            return None if math.isfinite(float(answer)) else f"Expected a finite number, got {_show(answer)}."
        return f"Expected a number, got {describe(answer)}."
    if isinstance(expected, str):
        if isinstance(answer, str):
            return None
        if isinstance(answer, (pd.Series, pd.DataFrame)):
            return (f"Expected a name (a string), got {describe(answer)}: pick one name from it, "
                    "e.g. with .idxmin() or .idxmax().")
        if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
            return (f"Expected a name (a string), got {describe(answer)}: give the name itself, "
                    "not its position or its count.")
        return f"Expected a name (a string), got {describe(answer)}."
    if isinstance(expected, (set, frozenset)):
        if isinstance(answer, (set, frozenset, list, tuple, pd.Index)) or (
                isinstance(answer, np.ndarray) and answer.ndim == 1):
            if all(isinstance(_plain(v), str) for v in answer):
                return None
            return "Expected a set of names (strings), e.g. {'toxic', 'insult'}; some items are not strings."
        return f"Expected a set of names, e.g. {{'toxic', 'insult'}}, got {describe(answer)}."
    if isinstance(expected, tuple):
        if not isinstance(answer, (tuple, list)) or len(answer) != len(expected):
            return f"Expected a tuple of {len(expected)} values, e.g. (2, 16), got {describe(answer)}."
        for position, (a, e) in enumerate(zip(answer, expected, strict=True), start=1):
            problem = _type_problem(a, e)
            if problem:
                return f"Item {position} of your tuple: {problem[0].lower()}{problem[1:]}"
        return None
    if isinstance(expected, (np.ndarray, list)):
        e = np.asarray(expected)
        if isinstance(answer, (dict, str, set, frozenset)) or answer is None:
            return f"Expected an array of shape {e.shape}, got {describe(answer)}."
        try:
            a = np.asarray(answer)
        except (TypeError, ValueError):
            return f"Expected an array of shape {e.shape}, got {describe(answer)}."
        if a.shape != e.shape:
            return f"Expected an array of shape {e.shape}, got shape {a.shape}."
        if np.issubdtype(e.dtype, np.number) and not np.issubdtype(a.dtype, np.number):
            return f"Expected an array of numbers, got an array of {a.dtype}."
        return None
    return None


def _equal(answer, expected, tol):
    """Whether ``answer`` equals ``expected`` (types already checked)."""
    answer = _unwrap(answer)
    if isinstance(expected, (bool, np.bool_)):
        return bool(answer) == bool(expected)
    if isinstance(expected, numbers.Integral):
        return int(answer) == int(expected)
    if isinstance(expected, numbers.Real):
        return abs(float(answer) - float(expected)) <= tol
    if isinstance(expected, str):
        return answer.strip().lower() == expected.strip().lower()
    if isinstance(expected, (set, frozenset)):
        return {str(v).strip() for v in answer} == {str(v) for v in expected}
    if isinstance(expected, tuple):
        return all(_equal(a, e, tol) for a, e in zip(answer, expected, strict=True))
    a, e = np.asarray(answer), np.asarray(expected)
    if np.issubdtype(e.dtype, np.number):
        return bool(np.allclose(a.astype(float), e.astype(float), rtol=0, atol=tol))
    return bool(np.array_equal(a, e))


def _matches(answer, expected, tol):
    """Right type and equal value; never raises."""
    try:
        return _type_problem(answer, expected) is None and _equal(answer, expected, tol)
    except Exception:  # noqa: BLE001 - a checker must never raise on a learner's answer
        return False


def _tolerance(expected, mistakes, tol):
    """``tol``, narrowed so that no listed mistake counts as right."""
    if not _is_number(_unwrap(expected)) or isinstance(_unwrap(expected), numbers.Integral):
        return tol
    for wrong, _ in mistakes:
        if _is_number(_unwrap(wrong)):
            gap = abs(float(_unwrap(wrong)) - float(_unwrap(expected)))
            if gap > 1e-12:
                tol = min(tol, gap / 2)
    return tol


def _percentage_mistake(answer, expected, tol):
    expected, answer = _unwrap(expected), _unwrap(answer)
    if isinstance(expected, numbers.Integral) or not _is_number(expected) or not _is_number(answer):
        return None
    if 0 < float(expected) <= 1 and abs(float(answer) - 100 * float(expected)) <= 100 * tol:
        return "that looks like a percentage: answer with a fraction between 0 and 1."
    return None


def check_answer(answer, expected, *, hint="", tol=DEFAULT_TOL, mistakes=(), quiet=False):
    """Print whether ``answer`` matches ``expected``; return True, False, or None if unanswered.

    Never raises. The type of ``expected`` sets the rule:

    - ``int``: a whole number, compared exactly (a float or a string is a type hint, not a match);
    - ``float``: any number within ``tol`` (absolute), stated in the hint;
    - ``str``: a name, compared case-insensitively;
    - ``set``: names in any order (a list, tuple, set or pandas Index of strings);
    - ``tuple``: item by item with these rules, e.g. ``(models, classes)``;
    - ``bool``: True or False only; an array or list: element-wise, same shape.

    ``mistakes`` lists ``(wrong_value, explanation)`` pairs: an answer equal to a
    typical wrong value gets its explanation (what that answer misses). The
    tolerance is narrowed, if needed, so that no listed mistake counts as right.
    """
    tol = _tolerance(expected, mistakes, float(tol))
    if answer is None:
        result, message = None, "✏️ " + NOT_ANSWERED
    else:
        try:
            problem = _type_problem(answer, expected)
        except Exception:  # noqa: BLE001
            problem = f"Could not compare {describe(answer)} with the expected kind of answer."
        if problem is None and _matches(answer, expected, tol):
            result, message = True, "✅ Correct!"
        else:
            result = False
            if problem is not None:
                message = f"❌ {problem}"
            else:
                message = f"❌ Not quite: your answer was {_show(answer)}."
                why = next((text for wrong, text in mistakes if _matches(answer, wrong, tol)), None)
                why = why or _percentage_mistake(answer, expected, tol)
                if why:
                    message += f" {why[0].upper()}{why[1:]}"
            if hint:
                message += f" Hint: {hint}"
            if problem is None and _is_number(_unwrap(expected)) and not isinstance(_unwrap(expected), numbers.Integral):
                message += f" (Answers within ±{_format_tol(tol)} count as right.)"
    if not quiet:
        print(message)
    return result


# --------------------------------------------------------------------------- #
# Claims
# --------------------------------------------------------------------------- #
class ClaimFailed(AssertionError):
    """A statement in a notebook's prose is not true of the computed result."""


CLAIM_NOTE = "Note: on the classroom corpus, "  # how the note a false claim prints begins ...
CLAIM_NOTE_END = "; on this data it does not hold."  # ... and ends


def claim(condition, statement, *, strict=None, corpus_only=False):
    """Assert ``statement`` (the prose's words) about a computed result; silent when it holds.

    On the classroom corpus the notebook's prose was written for, a false
    claim raises ``ClaimFailed`` so nbval fails. On other data (``MLC_DATA``
    set) the same numbers may legitimately differ, so a false claim prints one
    short note for the learner instead ("Note: on the classroom corpus, <statement>;
    on this data it does not hold."); pass ``strict=True`` for claims that must
    hold on any data (mathematical facts, shapes). ``corpus_only=True`` is for a
    statement the prose makes of the corpus alone while the cell prints the figure
    it rests on: checked on the corpus, silent on other data, where the printed
    figure already tells (one statement per fact). Write ``statement`` as a
    sentence that stands alone (no leading "but"). Returns the truth value.
    """
    if strict and corpus_only:
        raise ValueError("a claim is either strict (any data) or corpus_only, not both.")
    if bool(condition):
        return True
    if strict is None:
        from utils.data import using_classroom_corpus

        strict = using_classroom_corpus()
    if strict:
        raise ClaimFailed(f"The notebook claims: {statement!r}, but the computed result disagrees.")
    if corpus_only:
        return False
    print(f"{CLAIM_NOTE}{statement}{CLAIM_NOTE_END}")
    return False
