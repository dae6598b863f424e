"""utils.checks, utils.envcheck, utils.nbtools, the first widget and notebook 00's checkers."""

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from utils.checks import ClaimFailed, check_answer, claim
from utils.data import LABELS
from utils.envcheck import PackageStatus, course_requirements
from utils.exercises import nb00
from utils.nbtools import KEEP_METADATA, is_stripped, strip_file, stripped
from utils.widgets.hello import HelloThreshold, labels_above


# --- check_answer ------------------------------------------------------------ #
@pytest.mark.parametrize(
    ("answer", "expected", "result"),
    [
        (None, 3, None),
        (3, 3, True),
        (np.int64(3), 3, True),
        (3.0004, 3, False),  # counts are exact
        (3.0, 3, False),  # a float is not a count
        (4, 3, False),
        (True, 1, False),  # a bool is not a number
        ("3", 3, False),
        (0.1234, 0.1235, True),  # floats: within the default 1e-3
        (0.126, 0.1235, False),
        (np.float64(0.5), 0.5, True),
        (np.array(0.5), 0.5, True),
        (float("nan"), 0.5, False),
        ("Threat", "threat", True),
        ("insult", "threat", False),
        ({"b", "a"}, {"a", "b"}, True),
        (["a", "b"], {"a", "b"}, True),
        (["a"], {"a", "b"}, False),
        ((2, 16), (2, 16), True),
        ([2, 16], (2, 16), True),
        ((2.0, 16), (2, 16), False),
        (np.array([[1, 0]]), [[1, 0]], True),
        (np.array([1, 0]), [[1, 0]], False),
    ],
)
def test_check_answer(answer, expected, result, capsys):
    assert check_answer(answer, expected, hint="look again") is result
    out = capsys.readouterr().out
    if result is False:
        assert "Hint: look again" in out
    if result is None:
        assert "Not answered yet" in out


@pytest.mark.parametrize(
    ("answer", "expected", "message"),
    [
        ("28", 28, "Expected a whole number, got the string '28'"),
        (28.0, 28, "wrap your computation in int(...)"),
        (pd.Series([1, 2], index=["a", "b"]), "toxic", "got a pandas Series of length 2: pick one name"),
        (np.array([1, 2]), "toxic", "Expected a name (a string), got a NumPy array of shape (2,)"),
        ({"a": 1}, "toxic", "Expected a name (a string), got a dict"),
        (3, "toxic", "give the name itself, not its position or its count"),
        ("0.3", 0.3, "Expected a number, got the string '0.3'"),
        (pd.DataFrame({"a": [1]}), 0.3, "Expected a number, got a pandas DataFrame of shape (1, 1)"),
        (28, (2, 16), "Expected a tuple of 2 values"),
        ("28", (2, 16), "Expected a tuple of 2 values, e.g. (2, 16), got the string '28'"),
        ((2.5, 16), (2, 16), "Item 1 of your tuple: expected a whole number"),
        ({"x": 1}, {"a"}, "Expected a set of names"),
        (object(), 3, "Expected a whole number, got an object of type object"),
    ],
)
def test_check_answer_names_the_wrong_type_and_never_raises(answer, expected, message, capsys):
    assert check_answer(answer, expected, hint="h") is False
    assert message in capsys.readouterr().out


def test_check_answer_states_the_float_tolerance(capsys):
    assert check_answer(0.2, 0.1, tol=0.01) is False
    assert "within ±0.01 count as right" in capsys.readouterr().out
    assert check_answer(0.105, 0.1, tol=0.01) is True
    assert check_answer(12.35, 0.1235) is False  # a percentage, not a fraction
    assert "looks like a percentage" in capsys.readouterr().out


def test_check_answer_explains_a_listed_mistake(capsys):
    mistakes = [(600, "that leaves out the biases.")]
    assert check_answer(600, 606, mistakes=mistakes) is False
    assert "your answer was 600. That leaves out the biases." in capsys.readouterr().out
    assert check_answer(606, 606, mistakes=mistakes) is True
    assert check_answer(601, 606, mistakes=mistakes) is False
    assert "biases" not in capsys.readouterr().out


def test_the_tolerance_narrows_so_no_listed_mistake_counts_as_right(capsys):
    smoothed, raw = 84 / 2451, 83 / 2449  # 0.03427 vs 0.03389: closer than the default 1e-3
    mistakes = [(raw, "that forgets the smoothing.")]
    assert check_answer(raw, smoothed, mistakes=mistakes) is False
    out = capsys.readouterr().out
    assert "forgets the smoothing" in out and "within ±0.0001 count as right" in out
    assert check_answer(round(smoothed, 4), smoothed, mistakes=mistakes) is True


# --- claim --------------------------------------------------------------------- #
def test_a_true_claim_is_silent(monkeypatch, capsys):
    monkeypatch.delenv("MLC_DATA", raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert claim(True, "fine") is True
        assert claim(np.bool_(True), "fine", strict=True) is True
    assert capsys.readouterr().out == ""


def test_claim_fails_on_the_classroom_corpus_and_notes_elsewhere(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("MLC_DATA", raising=False)
    with pytest.raises(ClaimFailed, match="the sky is green"):
        claim(False, "the sky is green")
    other = tmp_path / "train.csv"
    other.write_text("x")
    monkeypatch.setenv("MLC_DATA", str(other))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning (its text would carry a file path)
        assert claim(False, "the sky is green") is False
    out = capsys.readouterr().out
    assert out == "Note: on the classroom corpus, the sky is green; on this data it does not hold.\n"
    with pytest.raises(ClaimFailed):
        claim(False, "a mathematical fact", strict=True)


def test_a_corpus_only_claim_fails_on_the_corpus_and_is_silent_elsewhere(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("MLC_DATA", raising=False)
    with pytest.raises(ClaimFailed, match="most comments are clean"):
        claim(False, "most comments are clean", corpus_only=True)
    other = tmp_path / "train.csv"
    other.write_text("x")
    monkeypatch.setenv("MLC_DATA", str(other))
    assert claim(False, "most comments are clean", corpus_only=True) is False
    assert claim(True, "most comments are clean", corpus_only=True) is True
    assert capsys.readouterr().out == ""  # the cell's printed figure tells; no note beside it
    with pytest.raises(ValueError, match="either strict"):
        claim(True, "a fact", strict=True, corpus_only=True)


# --- envcheck ------------------------------------------------------------------ #
def test_course_requirements_stop_at_the_testing_section(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# top\nnumpy==1.0  # note\n\npandas==2.0\n# --- testing only ---\npytest==9\n")
    assert course_requirements(req) == {"numpy": "1.0", "pandas": "2.0"}


def test_package_status_lines():
    assert PackageStatus("numpy", "2.0", "2.0").line() == "[ OK ] numpy 2.0"
    assert PackageStatus("numpy", "2.0", "1.9").line().startswith("[WARN] numpy 1.9 (tested with 2.0")
    assert PackageStatus("numpy", "2.0", None).line() == "[FAIL] numpy: not installed (wanted 2.0)"


# --- nbtools ------------------------------------------------------------------ #
def test_strip_removes_outputs_counts_and_volatile_metadata(tmp_path):
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {"collapsed": True, "tags": ["x"]}, "source": "1+1",
             "outputs": [{"output_type": "execute_result", "data": {"text/plain": "2"}, "metadata": {},
                          "execution_count": 3}], "execution_count": 3},
            {"cell_type": "markdown", "metadata": {}, "source": "# hi"},
        ],
        "metadata": {"kernelspec": {"name": "other"}, "widgets": {"state": {}}},
        "nbformat": 4, "nbformat_minor": 4,
    }
    assert not is_stripped(nb)
    clean = stripped(nb)
    assert clean["cells"][0]["outputs"] == [] and clean["cells"][0]["execution_count"] is None
    assert clean["cells"][0]["metadata"] == {"tags": ["x"]}
    assert clean["metadata"] == KEEP_METADATA
    assert is_stripped(clean)
    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps(nb))
    assert strip_file(path) is True
    assert strip_file(path) is False
    assert json.loads(path.read_text()) == clean


# --- the first widget ------------------------------------------------------------ #
def test_labels_above_threshold():
    probs = [0.9, 0.1, 0.5, 0.0, 0.7, 0.2]
    assert labels_above(probs, 0.5, LABELS) == ["toxic", "obscene", "insult"]
    assert labels_above(probs, 0.0, LABELS) == LABELS
    assert labels_above(probs, 1.0, LABELS) == []
    with pytest.raises(ValueError, match="expected 6 probabilities"):
        labels_above([0.1], 0.5, LABELS)
    with pytest.raises(ValueError, match="between 0 and 1"):
        labels_above(probs, 1.5, LABELS)


def test_hello_widget_slider_updates_the_text():
    demo = HelloThreshold([0.92, 0.18, 0.55, 0.04, 0.71, 0.09], LABELS)
    box = demo.widget()
    slider, label = box.children[:2]  # then the classroom box's hidden helper
    assert label.value.endswith("toxic, obscene, insult")
    slider.value = 0.1
    assert "severe_toxic" in label.value and "threat" not in label.value
    slider.value = 0.95
    assert label.value.endswith("(none)")


# --- notebook 00's exercise checkers ----------------------------------------------- #
def test_nb00_checkers():
    Y = [[1, 0, 1, 0, 1, 0], [1, 1, 0, 1, 0, 1], [0, 0, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0]]
    comments = pd.DataFrame(Y, columns=LABELS).assign(
        id=list("abcd"), comment_text=list("wxyz"), split=["train", "train", "test", "train"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nb00.check_labelled_train_comments(3, comments) is True
        assert nb00.check_labelled_train_comments(4, comments) is False
        assert nb00.check_labelled_train_comments(None, comments) is None
    assert nb00.check_rarest_label("severe_toxic", comments) is True
    assert nb00.check_rarest_label("toxic", comments) is False
    comments.loc[3, "severe_toxic"] = 1  # now severe_toxic (2) ties with obscene, threat, insult, identity_hate
    assert nb00.check_rarest_label("threat", comments) is True
    assert nb00.check_rarest_label("toxic", comments) is False


def test_every_widget_class_is_reachable_from_utils_widgets():
    import utils.widgets

    for name in utils.widgets.__all__:
        cls = getattr(utils.widgets, name)
        assert cls.__name__ == name and (hasattr(cls, "widget") or name == "show"), name
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        utils.widgets.Nope  # noqa: B018
