"""Tests of notebook 04's metrics playground (utils.widgets.metrics_playground), without a browser."""

import numpy as np
import pytest
from sklearn.metrics import f1_score, hamming_loss, jaccard_score, precision_score, recall_score

from utils.data import LABELS
from utils.widgets.metrics_playground import (
    EXAMPLE_PRED,
    EXAMPLE_TRUE,
    OUTCOME_COLOURS,
    MetricsPlayground,
    build_metrics_playground_widget,
    playground_metrics,
)

T = np.array([[1, 0], [0, 1], [0, 0]])


def test_example_data_has_both_classes_in_every_label():
    assert EXAMPLE_TRUE.shape == EXAMPLE_PRED.shape == (5, len(LABELS))
    assert (EXAMPLE_TRUE.sum(axis=0) >= 1).all() and (EXAMPLE_TRUE.sum(axis=0) < 5).all()


def test_metrics_by_hand_on_a_tiny_case():
    m = playground_metrics(T, [[1, 1], [0, 0], [0, 0]])
    # cells wrong: (0, 1) FP and (1, 1) FN -> 2 of 6
    assert m["hamming_loss"] == pytest.approx(2 / 6)
    assert m["subset_accuracy"] == pytest.approx(1 / 3)  # only the clean row is exact
    assert m["micro_precision"] == pytest.approx(1 / 2) and m["micro_recall"] == pytest.approx(1 / 2)
    assert m["macro_f1"] == pytest.approx((1 + 0) / 2)
    # samples F1: row 0 2*1/(1+2), row 1 0, clean row predicted clean 1
    assert m["samples_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    assert m["jaccard_samples"] == pytest.approx((1 / 2 + 0 + 1) / 3)


@pytest.mark.parametrize("seed", [0, 1])
def test_metrics_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    Y, P = (rng.random((8, 4)) < 0.4).astype(int), (rng.random((8, 4)) < 0.4).astype(int)
    m = playground_metrics(Y, P)
    assert m["hamming_loss"] == pytest.approx(hamming_loss(Y, P))
    for avg in ("micro", "macro"):
        assert m[f"{avg}_precision"] == pytest.approx(precision_score(Y, P, average=avg, zero_division=0))
        assert m[f"{avg}_recall"] == pytest.approx(recall_score(Y, P, average=avg, zero_division=0))
        assert m[f"{avg}_f1"] == pytest.approx(f1_score(Y, P, average=avg, zero_division=0))
    assert m["samples_f1"] == pytest.approx(f1_score(Y, P, average="samples", zero_division=1))
    assert m["jaccard_samples"] == pytest.approx(jaccard_score(Y, P, average="samples", zero_division=1))


def test_toggle_flips_a_cell_and_records_the_change():
    pg = MetricsPlayground()
    before = pg.metrics()
    pg.toggle(0, LABELS.index("threat"))  # a false alarm on the clean comment
    assert pg.Y_pred[0, 3] == 1
    after = pg.metrics()
    assert after["hamming_loss"] == pytest.approx(before["hamming_loss"] + 1 / 30)
    assert after["subset_accuracy"] == pytest.approx(before["subset_accuracy"] - 1 / 5)
    table = pg.metrics_table()
    assert table.loc["Hamming loss", "change"] == pytest.approx(1 / 30)
    assert table.loc["Hamming loss", "better"] == "lower"
    pg.toggle(0, 3)
    assert pg.metrics() == before


def test_set_prediction_and_reset():
    pg = MetricsPlayground()
    pg.set_prediction(EXAMPLE_TRUE)
    m = pg.metrics()
    assert m["hamming_loss"] == 0 and m["subset_accuracy"] == 1 and m["macro_f1"] == 1
    pg.set_prediction(np.zeros_like(EXAMPLE_TRUE))
    assert pg.metrics()["micro_f1"] == 0
    pg.reset()
    assert (pg.Y_pred == EXAMPLE_PRED).all()
    pg.Y_pred[0, 0] = 1  # the start is a copy, not the shared example
    assert EXAMPLE_PRED[0, 0] == 0


def test_cell_counts():
    pg = MetricsPlayground(T, [[1, 1], [0, 0], [0, 0]], labels=["a", "b"])
    counts = pg.cell_counts()
    assert counts["a"].tolist() == [1, 0, 0] and counts["b"].tolist() == [0, 1, 1]


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="only 0 and 1"):
        MetricsPlayground(T, [[2, 0], [0, 0], [0, 0]])
    with pytest.raises(ValueError, match="shape"):
        MetricsPlayground().set_prediction(np.zeros((2, 2), int))
    with pytest.raises(ValueError, match="shape"):
        MetricsPlayground(T, np.zeros((2, 2), int))
    with pytest.raises(ValueError, match="label names"):
        MetricsPlayground(T, labels=["only one"])
    pg = MetricsPlayground()
    with pytest.raises(ValueError, match="0..4"):
        pg.toggle(5, 0)
    with pytest.raises(TypeError):
        pg.toggle(0, "toxic")
    with pytest.raises(ValueError, match="0 or 1"):
        pg.set_cell(0, 0, 3)


def test_defaults_for_custom_truth():
    pg = MetricsPlayground(T)
    assert (pg.Y_pred == 0).all()
    assert pg.labels == ["label 0", "label 1"] and pg.comments == ["comment 0", "comment 1", "comment 2"]


def test_real_checkboxes_drive_the_metrics():
    pg, box = build_metrics_playground_widget()
    boxes, panel = box.controls["checkboxes"], box.controls["panel"]
    assert len(boxes) == 5 and len(boxes[0]) == 6
    assert boxes[2][0].value is True and boxes[0][3].value is False
    start = panel.value
    assert "0.167" in start  # Hamming loss 5/30

    boxes[0][3].value = True  # tick threat on the clean comment
    assert pg.Y_pred[0, 3] == 1
    assert panel.value != start
    assert "0.200" in panel.value and "+0.033" in panel.value  # new Hamming loss and its change

    boxes[0][3].value = False
    assert pg.Y_pred[0, 3] == 0 and pg.metrics()["hamming_loss"] == pytest.approx(5 / 30)


def test_buttons_set_every_checkbox():
    pg, box = build_metrics_playground_widget()
    boxes, buttons, panel = box.controls["checkboxes"], box.controls["buttons"], box.controls["panel"]
    buttons["truth"].click()
    assert (pg.Y_pred == EXAMPLE_TRUE).all()
    assert all(boxes[i][j].value == bool(EXAMPLE_TRUE[i, j]) for i in range(5) for j in range(6))
    assert pg.metrics()["subset_accuracy"] == 1
    buttons["all zeros"].click()
    assert pg.Y_pred.sum() == 0 and not any(b.value for row in boxes for b in row)
    assert pg.metrics()["micro_f1"] == 0
    buttons["start"].click()
    assert (pg.Y_pred == EXAMPLE_PRED).all()
    assert "0.167" in panel.value
    # the change column shows the effect of the whole button (from all zeros back to the start)
    assert pg.metrics_table().loc["Hamming loss", "change"] == pytest.approx(5 / 30 - EXAMPLE_TRUE.mean())


def test_outcomes_compare_each_predicted_cell_with_the_truth():
    pg = MetricsPlayground(T, [[1, 1], [0, 0], [0, 0]], labels=["a", "b"])
    assert pg.outcomes().tolist() == [["TP", "FP"], ["TN", "FN"], ["TN", "TN"]]
    assert pg.cell_tooltip(0, 1) == "b: predicted, not true (false alarm)"
    assert pg.cell_tooltip(1, 1) == "b: not predicted, true (miss)"
    counts = pg.cell_counts()  # the codes and the counts agree
    assert (pg.outcomes() == "FP").sum(axis=0).tolist() == counts.loc["FP"].tolist()


def test_each_checkbox_shows_its_outcome_and_follows_every_change():
    pg, box = build_metrics_playground_widget()
    boxes, buttons = box.controls["checkboxes"], box.controls["buttons"]

    def shown():
        return [[b.description for b in row] for row in boxes]

    assert shown() == pg.outcomes().tolist()
    assert boxes[4][1].description == "FN" and boxes[4][1].style.background == OUTCOME_COLOURS["FN"]
    boxes[0][3].value = True  # threat on the clean comment: a false alarm
    assert boxes[0][3].description == "FP" and boxes[0][3].style.background == OUTCOME_COLOURS["FP"]
    assert "threat: predicted, not true" in boxes[0][3].tooltip
    buttons["truth"].click()
    assert {d for row in shown() for d in row} == {"TP", "TN"}
    buttons["all zeros"].click()
    assert {d for row in shown() for d in row} == {"FN", "TN"} and shown() == pg.outcomes().tolist()
    legend = box.controls["legend"].value
    assert all(code in legend for code in OUTCOME_COLOURS)


def test_report_html_escapes_names():
    pg = MetricsPlayground(T, labels=["<a>", "b"], comments=["<script>", "x", "y"])
    assert "<script>" not in pg.truth_html() and "&lt;script&gt;" in pg.truth_html()
    assert "Hamming loss" in pg.report_html() and "Hamming loss" in pg.report()


# ------------------------------------------------------------------ edge cases (issue 15.8, 16.4)
def test_macro_averages_leave_out_a_label_without_true_examples():
    Y = np.array([[1, 0], [0, 0], [1, 0]])
    m = playground_metrics(Y, Y)
    assert m["macro_f1"] == m["macro_precision"] == m["macro_recall"] == pytest.approx(1.0)  # not 0.5
    pg = MetricsPlayground(Y, Y, labels=["a", "b"])
    assert "leave out b: no true examples" in pg.report() and "leave out b" in pg.report_html()
    assert "nan" not in pg.report().lower()


def test_macro_averages_without_any_true_label_say_undefined():
    pg = MetricsPlayground(np.zeros((3, 2), int), labels=["a", "b"])
    assert np.isnan(pg.metrics()["macro_f1"])
    assert "undefined" in pg.report() and "nan" not in pg.report().lower()
    pg.toggle(0, 0)  # the change column stays readable too
    assert "nan" not in pg.report().lower() and "nan" not in pg.report_html().lower()


def test_playground_observers_show_errors_instead_of_raising(monkeypatch):
    pg, box = build_metrics_playground_widget()
    boxes, buttons, panel = box.controls["checkboxes"], box.controls["buttons"], box.controls["panel"]

    def boom(*_):
        raise RuntimeError("cannot score this")

    monkeypatch.setattr(pg, "report_html", boom)
    boxes[0][0].value = not boxes[0][0].value
    assert "cannot score this" in panel.value
    for button in buttons.values():
        panel.value = ""
        button.click()
        assert "cannot score this" in panel.value
