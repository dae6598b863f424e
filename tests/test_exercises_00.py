"""Notebook 00's checkers: right answers pass, the typical wrong ones get their hint, wrong types never raise."""

import pandas as pd
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted

from utils.data import LABELS, load_comments
from utils.exercises import nb00


def small_comments(labels=LABELS):
    Y = [[1, 0, 1, 0, 1, 0], [1, 1, 0, 1, 0, 1], [0, 0, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0], [0] * 6, [0] * 6]
    return pd.DataFrame(Y, columns=labels).assign(
        id=list("abcdef"), comment_text=list("uvwxyz"), split=["train", "train", "test", "train", "train", "train"])


def test_labelled_train_comments(capsys):
    comments = small_comments()
    assert_right(capsys, nb00.check_labelled_train_comments, 3, comments)
    assert_targeted(capsys, nb00.check_labelled_train_comments, 4, "every split", comments)
    assert_targeted(capsys, nb00.check_labelled_train_comments, 8, "counts the 1s", comments)
    assert_targeted(capsys, nb00.check_labelled_train_comments, 5, "every training comment", comments)
    assert_survives_wrong_types(capsys, nb00.check_labelled_train_comments, comments, whole_number=3)


def test_labelled_train_comments_names_the_validation_rows_of_a_three_way_split(capsys):
    comments = small_comments()
    comments.loc[1, "split"] = "validation"  # labelled: train 2 (rows 0, 3), +1 validation, +1 test
    assert_right(capsys, nb00.check_labelled_train_comments, 2, comments)
    assert_targeted(capsys, nb00.check_labelled_train_comments, 3, "'validation' rows too", comments)
    assert_targeted(capsys, nb00.check_labelled_train_comments, 4, "every split", comments)


def test_rarest_label_accepts_ties_and_catches_the_most_common(capsys):
    comments = small_comments()
    assert_right(capsys, nb00.check_rarest_label, "severe_toxic", comments)
    assert_right(capsys, nb00.check_rarest_label, " Severe_Toxic", comments)
    assert_targeted(capsys, nb00.check_rarest_label, "toxic", "most common label", comments)
    comments.loc[3, "severe_toxic"] = 1  # now severe_toxic (2) ties with obscene, threat, insult, identity_hate
    assert_right(capsys, nb00.check_rarest_label, "threat", comments)
    assert nb00.check_rarest_label("toxic", comments) is False
    assert_survives_wrong_types(capsys, nb00.check_rarest_label, comments)


def test_rarest_label_gives_a_hint_for_a_series_or_a_count(capsys):
    comments = small_comments()
    counts = comments[LABELS].sum()
    assert_targeted(capsys, nb00.check_rarest_label, counts, "pick one name", comments)
    assert_targeted(capsys, nb00.check_rarest_label, counts[counts == counts.min()], "pick one name", comments)
    assert_targeted(capsys, nb00.check_rarest_label, int(counts.min()), "not its position or its count", comments)


def test_checkers_read_the_label_columns_of_the_data_they_get(capsys):
    names = [f"emotion_{j}" for j in range(6)]
    comments = small_comments(names)
    assert_right(capsys, nb00.check_labelled_train_comments, 3, comments)
    assert_right(capsys, nb00.check_rarest_label, "emotion_1", comments)


@pytest.mark.parametrize("checker", [nb00.check_labelled_train_comments, nb00.check_rarest_label])
def test_on_the_classroom_corpus_the_targeted_mistake_differs_from_the_answer(checker, capsys):
    comments = load_comments()
    train = comments[comments["split"] == "train"]
    if checker is nb00.check_labelled_train_comments:
        right = int((train[LABELS].sum(axis=1) > 0).sum())
        assert_right(capsys, checker, right, comments)
        assert_targeted(capsys, checker, int((comments[LABELS].sum(axis=1) > 0).sum()), "every split", comments)
    else:
        assert_right(capsys, checker, comments[LABELS].sum().idxmin(), comments)
        assert_targeted(capsys, checker, comments[LABELS].sum().idxmax(), "most common", comments)
