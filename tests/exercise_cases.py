"""Shared cases for the exercise-checker tests: wrong types every checker must survive."""

import numpy as np
import pandas as pd

WRONG_TYPES = {
    "str": "28",
    "Series": pd.Series([0.1, 0.2], index=["toxic", "insult"]),
    "ndarray": np.array([0.1, 0.2]),
    "dict": {"answer": 1},
}


def run(capsys, checker, answer, *args, **kwargs):
    """The checker's result and what it printed."""
    capsys.readouterr()
    result = checker(answer, *args, **kwargs)
    return result, capsys.readouterr().out


def assert_right(capsys, checker, answer, *args, **kwargs):
    result, out = run(capsys, checker, answer, *args, **kwargs)
    assert result is True, out
    assert "Correct" in out


def assert_targeted(capsys, checker, wrong, phrase, *args, **kwargs):
    """The typical wrong answer is rejected with the explanation of what it misses."""
    result, out = run(capsys, checker, wrong, *args, **kwargs)
    assert result is False, out
    assert phrase.lower() in out.lower(), out


def assert_survives_wrong_types(capsys, checker, *args, whole_number=None, skip=(), **kwargs):
    """None is 'not answered'; every wrong type gets a hint and False, never an exception.

    ``whole_number``: the right count, for checkers expecting an int (a float must not pass).
    """
    result, out = run(capsys, checker, None, *args, **kwargs)
    assert result is None and "Not answered" in out
    for name, answer in WRONG_TYPES.items():
        if name in skip:
            continue
        result, out = run(capsys, checker, answer, *args, **kwargs)
        assert result is False, (name, out)
        assert "Expected" in out or "Hint" in out, (name, out)
        assert "Traceback" not in out
    if whole_number is not None:
        for answer in (float(whole_number), whole_number + 0.5):
            result, out = run(capsys, checker, answer, *args, **kwargs)
            assert result is False and "whole number" in out, out
        result, out = run(capsys, checker, str(whole_number), *args, **kwargs)
        assert result is False and "got the string" in out, out
