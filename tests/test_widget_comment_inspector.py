"""Edge cases of notebook 03's comment inspector (utils.widgets.comment_inspector), without a browser."""

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from utils.sequences import TextSequencer
from utils.widgets.comment_inspector import CommentInspector

TEXTS = ["you stupid idiot", "thanks for the edit", "go away troll"]


@pytest.fixture
def inspector():
    word = TfidfVectorizer().fit(TEXTS)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TEXTS)
    return CommentInspector(word, char, TextSequencer(max_len=4).fit(TEXTS))


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_says_there_is_no_comment(inspector, text):
    report = inspector.set_text(text).report()
    assert report == "No comment to inspect: type one in the box above."


@pytest.mark.parametrize("text", ["😀😀", "!!!"])
def test_text_without_words_never_shows_nan_percent(inspector, text):
    report = inspector.set_text(text).report()
    assert "nan" not in report.lower()
    assert "Word n-grams known to the word TF-IDF: none: the text has no word" in report


def test_normal_text_still_shows_shares(inspector):
    report = inspector.set_text("you troll").report()
    assert "Word n-grams known to the word TF-IDF: 100%" in report


def test_inspector_observer_shows_errors_instead_of_raising(inspector, monkeypatch):
    box = inspector.widget()

    def boom(*_):
        raise RuntimeError("sequencer broke")

    monkeypatch.setattr(inspector, "report", boom)
    box.controls["text"].value = "new text"
    assert "sequencer broke" in box.controls["panel"].value and "⚠" in box.controls["panel"].value
    monkeypatch.undo()
    box.controls["text"].value = ""
    assert "No comment to inspect" in box.controls["panel"].value
