"""Tests for notebook 01's widget (utils.widgets.label_sets), without a browser."""

import numpy as np
import pytest

from utils import SEED
from utils.labelsets import random_splits, stratified_splits
from utils.widgets.label_sets import (
    FAIR_ROW,
    LabelSetExplorer,
    SplitExplorer,
    build_label_set_widget,
    build_split_widget,
    curate_multilabel_examples,
)

LABELS3 = ["common", "middle", "rare"]
# common: 5, middle: 3, rare: 2 comments.
Y = np.array(
    [
        [1, 1, 0],
        [1, 1, 1],
        [1, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, 0],
    ]
)
TEXTS = [f"comment number {i} " + "x" * (500 if i == 4 else 0) for i in range(len(Y))]


def test_curated_examples_are_short_and_multilabel_and_varied():
    picked = curate_multilabel_examples(TEXTS, Y, n=10, max_chars=300)
    assert set(picked) == {0, 1}  # row 4 is multi-label but too long
    assert all(Y[i].sum() >= 2 for i in picked)
    # One per label set first: two distinct sets among the first two picks.
    assert len({tuple(Y[i]) for i in picked[:2]}) == 2
    assert curate_multilabel_examples(TEXTS, Y, n=10, max_chars=1000, random_state=1) != []
    with pytest.raises(ValueError, match="one row per text"):
        curate_multilabel_examples(TEXTS[:3], Y)


def test_curated_examples_are_seeded():
    rng = np.random.default_rng(0)
    Yr = (rng.random((200, 4)) < 0.4).astype(int)
    texts = ["t"] * 200
    a = curate_multilabel_examples(texts, Yr, n=8, random_state=3)
    assert a == curate_multilabel_examples(texts, Yr, n=8, random_state=3)
    assert len(a) == 8 and len(set(a)) == 8


def test_explorer_state_for_a_three_label_comment():
    explorer = LabelSetExplorer(TEXTS, Y, LABELS3, examples=[0, 1])
    explorer.select(1)
    s = explorer.summary()
    assert s["label_set"] == LABELS3
    assert s["powerset_class"] == "common+middle+rare"
    assert s["powerset_class_count"] == 1
    assert s["n_powerset_classes"] == len({tuple(r) for r in Y})
    assert s["kept"] == "common"  # most frequent label
    assert s["lost"] == ["middle", "rare"]
    assert s["recall"] == pytest.approx(1 / 3)


def test_keep_changes_what_is_lost_and_rejects_foreign_labels():
    explorer = LabelSetExplorer(TEXTS, Y, LABELS3, examples=[0, 1])
    explorer.keep("middle")
    assert explorer.lost == ["common"]
    assert "keeps 'middle', loses common" in explorer.report()
    with pytest.raises(ValueError, match="not one of this comment's labels"):
        explorer.keep("rare")
    explorer.select(1)  # selecting resets to the most frequent label
    assert explorer.kept == "common"


def test_select_checks_position():
    explorer = LabelSetExplorer(TEXTS, Y, LABELS3, examples=[0, 1])
    with pytest.raises(ValueError, match="0..1"):
        explorer.select(2)
    with pytest.raises(TypeError):
        explorer.select("1")


def test_bad_construction_is_explained():
    with pytest.raises(ValueError, match="outside"):
        LabelSetExplorer(TEXTS, Y, LABELS3, examples=[99])
    with pytest.raises(ValueError, match="no comment with two or more labels"):
        LabelSetExplorer(TEXTS, np.eye(len(Y), 3, dtype=int), LABELS3)


def test_report_escapes_html_and_truncates():
    texts = list(TEXTS)
    texts[0] = "<b>bold</b> " + "y" * 400
    explorer = LabelSetExplorer(texts, Y, LABELS3, examples=[0])
    html = explorer.report_html(max_chars=50)
    assert "<b>bold" not in html and "&lt;b&gt;bold" in html
    assert "y" * 60 not in html


def test_real_ipywidgets_drive_the_explorer():
    explorer, box = build_label_set_widget(TEXTS, Y, LABELS3, examples=[0, 1])
    comment, keep, panel = box.controls["comment"], box.controls["keep"], box.controls["panel"]
    assert keep.options == ("common", "middle")
    assert "'common+middle'" in panel.value

    comment.value = 1
    assert explorer.position == 1
    assert keep.options == ("common", "middle", "rare")
    assert keep.value == "common"
    assert "common+middle+rare" in panel.value and "33%" in panel.value

    keep.value = "rare"
    assert explorer.kept == "rare"
    assert "keeps 'rare', loses common, middle" in panel.value

    comment.value = 0  # the keep dropdown follows the new comment
    assert keep.options == ("common", "middle") and explorer.kept == "common"


# ---------------------------------------------------------------- notebook 02: SplitExplorer
def rare_label_data(n=300, seed=0):
    """Label 0 is rare (6 comments), label 1 common."""
    rng = np.random.default_rng(seed)
    Y = np.zeros((n, 2), int)
    Y[rng.choice(n, 6, replace=False), 0] = 1
    Y[:, 1] = rng.random(n) < 0.3
    return Y


def test_split_explorer_shows_random_splits_missing_a_rare_label():
    explorer = SplitExplorer(rare_label_data(), ["rare", "common"], n_comments=300, test_size=0.1, n_splits=40)
    rates = explorer.missing_rates()
    assert list(rates.columns) == ["random", "stratified"]
    assert list(rates.index) == ["rare", "common", "ANY label", FAIR_ROW]
    # With 6 positives and 10% held out, P(none held out) is about 0.9**6 ≈ 0.53.
    assert rates.loc["rare", "random"] > 0.25
    assert rates.loc["rare", "stratified"] == 0
    assert rates.loc["ANY label", "random"] >= rates.loc["rare", "random"]
    table = explorer.table()
    assert table.loc["rare", "comments"] == 6
    assert table.loc["rare", "fair share"] == pytest.approx(0.6)
    assert table.loc["rare", "random misses"] == rates.loc["rare", "random"]
    assert np.isnan(table.loc["ANY label", "comments"])
    assert "ANY label" in explorer.report() and "fair share" in explorer.report()


def test_split_explorer_fair_share_row_counts_only_labels_a_held_out_set_can_hold():
    Y = rare_label_data()
    explorer = SplitExplorer(Y, ["rare", "common"], n_comments=300, test_size=0.1, n_splits=40)
    rates, sample = explorer.missing_rates(), explorer.sample
    # "rare" has a fair share of 0.6 (< 1): only "common" (about 90 comments, fair share ~9) counts.
    by_hand = {}
    for method, splits in [("random", random_splits(sample, 0.1, 40, SEED)),
                           ("stratified", stratified_splits(sample, 0.1, 40, SEED))]:
        by_hand[method] = np.mean([sample[test, 1].sum() == 0 for _, test in splits])
    assert rates.loc[FAIR_ROW].to_dict() == pytest.approx(by_hand)
    assert rates.loc[FAIR_ROW, "random"] < rates.loc["ANY label", "random"]
    tiny = SplitExplorer(Y, ["rare", "common"], n_comments=20, test_size=0.02, n_splits=5)
    assert tiny.missing_rates().loc[FAIR_ROW].isna().all()  # no label has a fair share of one comment
    assert "no label has a fair share of one comment or more at this size" in tiny.report() and "nan" not in tiny.report()


def test_split_explorer_stratified_splits_drop_a_label_whose_fair_share_is_one_half():
    """The report's rule: a tie at one half goes to the larger, training side."""
    Y = np.zeros((300, 2), int)
    Y[np.arange(0, 300, 60), 0] = 1  # 5 comments: fair share 0.5 with 10% held out
    Y[np.arange(1, 300, 3), 1] = 1
    explorer = SplitExplorer(Y, ["half", "common"], n_comments=300, test_size=0.1, n_splits=40)
    assert explorer.table().loc["half", "fair share"] == pytest.approx(0.5)
    assert explorer.missing_rates().loc["half", "stratified"] == 1.0
    assert "one half or less" in explorer.report()
    assert "no label has a fair share" not in explorer.report()  # "common" has one: the row is filled


def test_split_explorer_sample_is_nested_and_cached():
    Y = rare_label_data()
    explorer = SplitExplorer(Y, n_comments=100, n_splits=5)
    small = explorer.sample
    explorer.set_n_comments(200)
    np.testing.assert_array_equal(explorer.sample[:100], small)
    first = explorer.missing_rates()
    assert explorer.missing_rates() is first  # same setting: cached
    explorer.set_test_size(0.3)
    assert explorer.missing_rates() is not first


def test_split_explorer_checks_its_settings():
    explorer = SplitExplorer(rare_label_data(), n_comments=100, n_splits=5)
    with pytest.raises(ValueError, match="n_comments"):
        explorer.set_n_comments(5)
    with pytest.raises(ValueError, match="n_comments"):
        explorer.set_n_comments(10_000)
    with pytest.raises(ValueError, match="test_size"):
        explorer.set_test_size(0.9)


def test_split_sliders_drive_the_explorer():
    explorer, box = build_split_widget(rare_label_data(), ["rare", "common"], n_comments=100, test_size=0.1,
                                       n_splits=10)
    size, share, panel = box.controls["comments"], box.controls["held_out"], box.controls["panel"]
    assert "100 comments, 10% held out" in panel.value
    size.value = 200
    assert explorer.n_comments == 200 and "200 comments" in panel.value
    share.value = 0.25
    assert explorer.test_size == pytest.approx(0.25) and "25% held out" in panel.value


# ------------------------------------------------------------------ edge cases (issue 15.8)
def test_comment_without_labels_reads_well_not_nan_percent():
    explorer = LabelSetExplorer(TEXTS, Y, LABELS3, examples=[3, 0])  # row 3 is clean
    assert explorer.label_set == [] and explorer.kept is None
    report = explorer.report()
    assert "nan" not in report.lower() and "the comment has no labels" in report
    assert "(no labels)" in explorer.option_label(0)
    box = explorer.widget()
    box.controls["comment"].value = 1
    assert "recall on this comment = 50%" in box.controls["panel"].value
    box.controls["comment"].value = 0  # back to the clean comment: the keep list empties, no error
    assert list(box.controls["keep"].options) == [] and "no labels" in box.controls["panel"].value


def test_label_set_observers_show_errors_instead_of_raising(monkeypatch):
    explorer, box = build_label_set_widget(TEXTS, Y, LABELS3)

    def boom(*_):
        raise RuntimeError("broken report")

    monkeypatch.setattr(explorer, "report_html", boom)
    box.controls["comment"].value = 1
    assert "broken report" in box.controls["panel"].value
    box.controls["panel"].value = ""
    box.controls["keep"].value = [k for k in box.controls["keep"].options if k != explorer.kept][0]
    assert "broken report" in box.controls["panel"].value


def test_split_explorer_shows_a_sample_without_labels_as_a_message():
    Y_big = np.zeros((60, 3), int)
    Y_big[55:, 0] = 1  # only the last rows carry a label
    explorer = SplitExplorer(Y_big, LABELS3, n_comments=60, n_splits=5)
    explorer.order = np.arange(60)  # the smallest sample, the first 50 rows, has no label
    box = explorer.widget()
    box.controls["comments"].value = min(box.controls["comments"].options)
    assert "carry no label" in box.controls["panel"].value and "⚠" in box.controls["panel"].value


def test_split_sliders_show_a_busy_sign_while_drawing_splits():
    rng = np.random.default_rng(0)
    Y = (rng.random((400, 6)) < 0.2).astype(int)
    explorer = SplitExplorer(Y, n_comments=100, test_size=0.2, n_splits=5, random_state=0)
    box = explorer.widget()
    seen = []
    original = explorer.report_html
    explorer.report_html = lambda: seen.append(box.controls["busy"].value) or original()
    box.controls["held_out"].value = 0.3
    assert seen and "computing" in seen[0]  # shown while the splits are drawn
    assert box.controls["busy"].value == ""  # and gone afterwards
    assert "30%" in box.controls["panel"].value or "0.3" in box.controls["panel"].value
