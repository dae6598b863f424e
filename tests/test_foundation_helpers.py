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
        (3.0004, 3, True),
        (3.1, 3, False),
        (True, 1, False),
        ("Threat", "threat", True),
        ("insult", "threat", False),
        ({"b", "a"}, {"a", "b"}, True),
        (["a"], {"a", "b"}, False),
        (np.array([[1, 0]]), [[1, 0]], True),
        (np.array([1, 0]), [[1, 0]], False),
        ("3", 3, False),
    ],
)
def test_check_answer(answer, expected, result, capsys):
    assert check_answer(answer, expected, hint="look again") is result
    out = capsys.readouterr().out
    if result is False:
        assert "Hint: look again" in out
    if result is None:
        assert "Not answered yet" in out


def test_claim_fails_on_the_classroom_corpus_and_warns_elsewhere(monkeypatch, tmp_path):
    monkeypatch.delenv("MLC_DATA", raising=False)
    assert claim(True, "fine") is True
    with pytest.raises(ClaimFailed, match="the sky is green"):
        claim(False, "the sky is green")
    other = tmp_path / "train.csv"
    other.write_text("x")
    monkeypatch.setenv("MLC_DATA", str(other))
    with pytest.warns(UserWarning, match="does not hold"):
        assert claim(False, "the sky is green") is False
    with pytest.raises(ClaimFailed):
        claim(False, "a mathematical fact", strict=True)


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
    slider, label = box.children
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
        assert cls.__name__ == name and hasattr(cls, "widget"), name
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        utils.widgets.Nope  # noqa: B018
