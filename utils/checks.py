"""Checking exercise answers in place, and asserting what the prose claims.

``check_answer`` tells a learner right or wrong (and why) without raising, so
exercise cells run under nbval before anyone has answered them.
``claim`` asserts a statement the notebook's prose makes about a result.
"""

import numbers
import warnings

import numpy as np

NOT_ANSWERED = "Not answered yet: replace the `None` with your answer and run the cell again."


def _same(answer, expected, rtol, atol):
    """Compare numbers with a tolerance, sets as sets, arrays element-wise."""
    if isinstance(expected, (set, frozenset)):
        try:
            return set(answer) == set(expected)
        except TypeError:
            return False
    if isinstance(expected, numbers.Number) and not isinstance(expected, bool):
        if isinstance(answer, bool) or not isinstance(answer, numbers.Number):
            return False
        return bool(np.isclose(float(answer), float(expected), rtol=rtol, atol=atol))
    if isinstance(expected, (np.ndarray, list, tuple)):
        a, e = np.asarray(answer), np.asarray(expected)
        if a.shape != e.shape:
            return False
        if np.issubdtype(e.dtype, np.number):
            return bool(np.allclose(a.astype(float), e.astype(float), rtol=rtol, atol=atol))
        return bool(np.array_equal(a, e))
    if isinstance(expected, str) and isinstance(answer, str):
        return answer.strip().lower() == expected.strip().lower()
    return answer == expected


def check_answer(answer, expected, *, hint="", rtol=1e-3, atol=1e-6, quiet=False):
    """Print whether ``answer`` matches ``expected`` and return True/False/None.

    ``None`` means "not answered yet" and returns None, so the cell still runs.
    Numbers are compared with a tolerance, sets as sets, arrays element-wise
    (shape must match), strings case-insensitively.
    """
    if answer is None:
        result, message = None, NOT_ANSWERED
    elif _same(answer, expected, rtol, atol):
        result, message = True, "Correct!"
    else:
        result = False
        message = f"Not quite: your answer was {answer!r}."
        if hint:
            message += f" Hint: {hint}"
    if not quiet:
        print(("✅ " if result else "❌ " if result is False else "✏️ ") + message)
    return result


class ClaimFailed(AssertionError):
    """A statement in a notebook's prose is not true of the computed result."""


def claim(condition, statement, *, strict=None):
    """Assert ``statement`` (the prose's words) about a computed result.

    On the classroom corpus the notebook's prose was written for, a false
    claim raises ``ClaimFailed`` so nbval fails. On other data (``MLC_DATA``
    set) the same numbers may legitimately differ, so a false claim is reported
    as a warning instead; pass ``strict=True`` for claims that must hold on any
    data (mathematical facts, shapes).
    """
    from utils.data import using_classroom_corpus

    if strict is None:
        strict = using_classroom_corpus()
    if bool(condition):
        print(f"✔ {statement}")
        return True
    if strict:
        raise ClaimFailed(f"The notebook claims: {statement!r}, but the computed result disagrees.")
    warnings.warn(f"On this data the claim {statement!r} does not hold.", stacklevel=2)
    print(f"✘ On this data: not true that {statement}")
    return False
