"""Tests for notebook 12's widget (utils.widgets.thresholds), driven without a browser.

The tests set the real ipywidgets' ``.value`` (and click the real buttons), so the callbacks run as they
do in JupyterLab, then compare what the panels show with scikit-learn computed directly.
"""

import io
import os
import statistics
import time

import numpy as np
import pytest
from PIL import Image
from sklearn.metrics import f1_score, hamming_loss

from utils.thresholds import apply_thresholds, best_f1_thresholds
from utils.widgets.thresholds import (
    MAX_SIDE_BY_SIDE,
    ThresholdExplorer,
    build_threshold_widget,
    pick_examples,
)

NAMES = ["a", "b", "c", "d"]


def fake_data(n=300, seed=0):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 4)) < [0.3, 0.15, 0.08, 0.05]).astype(int)
    P = np.clip(0.4 * Y + 0.6 * rng.random(Y.shape) ** 2, 0, 1)
    texts = [f"comment {i}" for i in range(n)]
    return Y, P, texts


class CountingModel:
    """A stand-in for vectoriser + model that counts how often it is asked."""

    def __init__(self):
        self.calls = 0

    def __call__(self, texts):
        self.calls += 1
        return np.array([[min(1.0, len(t) / 40), 0.2, 0.05, 0.6] for t in texts])


@pytest.fixture
def explorer():
    Y, P, texts = fake_data()
    Yv, Pv, _ = fake_data(200, seed=1)
    return ThresholdExplorer(Y, P, NAMES, texts, Y_val=Yv, Y_val_score=Pv, predict_proba=CountingModel())


def png_pixels(data):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_predictions_and_scores_follow_the_thresholds(explorer):
    Y, P = explorer.Y_true, explorer.Y_score
    explorer.set_global(0.3)
    np.testing.assert_array_equal(explorer.predictions, (P >= 0.3).astype(int))
    explorer.set_label("b", 0.9)
    expected = (P >= [0.3, 0.9, 0.3, 0.3]).astype(int)
    np.testing.assert_array_equal(explorer.predictions, expected)
    scores = explorer.scores()
    assert scores["micro_f1"] == pytest.approx(f1_score(Y, expected, average="micro"))
    assert scores["macro_f1"] == pytest.approx(f1_score(Y, expected, average="macro", zero_division=0))
    assert scores["hamming_loss"] == pytest.approx(hamming_loss(Y, expected))
    table = explorer.per_label()
    assert table["threshold"].tolist() == [0.3, 0.9, 0.3, 0.3]
    assert table.loc["b", "recall"] == pytest.approx(expected[Y[:, 1] == 1, 1].mean())
    np.testing.assert_array_equal(explorer.confusion()[:, 1, 1], (expected & Y).sum(axis=0))


def pick(controls, label, value):
    """Pick ``label`` in the widget's label picker and move its slider to ``value``."""
    controls["picker"].value = label
    controls["label"].value = value


def test_global_slider_sets_every_label_and_updates_every_panel(explorer):
    box = explorer.widget()
    c = box.controls
    before = {k: c[k].value for k in ("metrics", "table", "typed", "figure")}
    c["global"].value = 0.3
    assert c["label"].value == 0.3  # the picked label's slider follows
    assert explorer.thresholds.tolist() == [0.3] * 4
    pred = apply_thresholds(explorer.Y_score, 0.3)
    micro = f1_score(explorer.Y_true, pred, average="micro")
    assert f"<b>{micro:.3f}</b>" in c["metrics"].value
    assert "thresholds: global" in c["metrics"].value
    for key in ("metrics", "table", "figure"):
        assert c[key].value != before[key], f"the {key} panel did not change"
    assert len(explorer.timings_ms) >= 2


def test_a_label_slider_overrides_only_its_label(explorer):
    box = explorer.widget()
    c = box.controls
    c["global"].value = 0.3
    pick(c, "b", 0.8)
    assert explorer.thresholds.tolist() == [0.3, 0.8, 0.3, 0.3]
    assert c["global"].value == 0.3
    assert "moving “all labels” sets every label" in c["mode"].value  # says what the other slider would do
    c["picker"].value = "a"
    assert c["label"].value == 0.3 and explorer.thresholds.tolist() == [0.3, 0.8, 0.3, 0.3]  # picking moves nothing
    c["picker"].value = "b"
    assert c["label"].value == 0.8
    pred = (explorer.Y_score >= [0.3, 0.8, 0.3, 0.3]).astype(int)
    macro = f1_score(explorer.Y_true, pred, average="macro", zero_division=0)
    assert f"<b>{macro:.3f}</b>" in c["metrics"].value
    assert "<td>b</td><td class='num'>0.80</td>" in c["metrics"].value
    # Moving the global slider again sets all four, the override included.
    c["global"].value = 0.6
    assert explorer.thresholds.tolist() == [0.6] * 4 and c["label"].value == 0.6


def test_tune_button_uses_the_validation_split_and_moves_the_sliders(explorer):
    box = explorer.widget()
    box.controls["tune"].click()
    expected = best_f1_thresholds(explorer.Y_val, explorer.Y_val_score)
    np.testing.assert_allclose(explorer.thresholds, expected)
    assert box.controls["label"].value == pytest.approx(expected[0])  # the picked label's slider shows its value
    assert "thresholds: tuned" in box.controls["metrics"].value
    assert "tuned on validation" in box.controls["mode"].value
    # It tunes on validation, not on the split it shows.
    assert not np.allclose(expected, best_f1_thresholds(explorer.Y_true, explorer.Y_score))
    box.controls["reset"].click()
    assert explorer.thresholds.tolist() == [0.5] * 4
    assert box.controls["global"].value == 0.5 and box.controls["label"].value == 0.5


def test_edge_values_never_raise():
    Y, P, texts = fake_data(120)
    P[0] = [0.0, 1.0, 0.0, 1.0]  # exact 0 and 1 probabilities
    explorer = ThresholdExplorer(Y, P, NAMES, texts)
    c = explorer.widget().controls
    c["global"].value = 0.0
    assert explorer.predictions.all()
    assert explorer.scores()["hamming_loss"] == pytest.approx(1 - Y.mean())
    c["global"].value = 1.0
    assert explorer.predictions.sum() == 2  # only the two probabilities of exactly 1
    for name in NAMES:
        pick(c, name, 1.0)
    P[0] = 0.5
    off = ThresholdExplorer(Y, P, NAMES, texts)
    oc = off.widget().controls
    for name in NAMES:  # every label switched off, one at a time
        pick(oc, name, 1.0)
    assert off.predictions.sum() == 0
    assert off.scores()["micro_f1"] == 0 and off.scores()["macro_f1"] == 0
    assert "(none)" in oc["table"].value and "0.000" in oc["metrics"].value
    assert bytes(oc["figure"].value[:8]) == b"\x89PNG\r\n\x1a\n"  # the figure was redrawn as a PNG image


def test_typed_comment_is_scored_once_and_slider_moves_never_call_the_model(explorer):
    model = explorer.predict_proba
    c = explorer.widget().controls
    c["text"].value = "you are a clown"
    assert model.calls == 1
    assert "0.38" in c["typed"].value and "<b>d</b>" in c["typed"].value  # 15/40 and the 0.6 label
    for value in (0.1, 0.7, 0.3):
        c["global"].value = value
    pick(c, "a", 0.2)
    assert "≥ 0.20" in c["typed"].value  # the text panel follows the thresholds without rescoring
    c["tune"].click()
    assert f"{explorer.thresholds[3]:.2f}" in c["typed"].value
    assert model.calls == 1
    c["text"].value = ""
    assert "Type a comment" in c["typed"].value


def test_bad_input_is_explained():
    Y, P, texts = fake_data(50)
    with pytest.raises(ValueError, match="0/1 matrix"):
        ThresholdExplorer(Y[:10], P, NAMES)
    with pytest.raises(ValueError, match="label names"):
        ThresholdExplorer(Y, P, NAMES[:3])
    with pytest.raises(ValueError, match="texts"):
        ThresholdExplorer(Y, P, NAMES, texts[:3])
    explorer = ThresholdExplorer(Y, P, NAMES, texts)
    with pytest.raises(ValueError, match="unknown label"):
        explorer.set_label("zzz", 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        explorer.set_global(1.5)
    with pytest.raises(ValueError, match="validation"):
        explorer.tune()
    with pytest.raises(ValueError, match="no model"):
        explorer.type_text("hello")
    assert explorer.widget().controls["tune"].disabled


def test_blitted_figure_equals_a_fresh_drawing(explorer):
    c = explorer.widget().controls
    for value in (0.05, 0.95, 0.2):
        c["global"].value = value
    pick(c, "c", 0.7)
    explorer.figure_png()  # the widget shows one label's figure; the full figure catches up here
    assert explorer.figure.changed_labels() == []
    explorer.set_label("a", 0.6)
    explorer.figure.update(explorer.thresholds, explorer.confusion(), explorer.state()["per_label"])
    assert explorer.figure.changed_labels() == [0]  # only label a needs redrawing
    moved = png_pixels(explorer.figure.render())
    fresh = ThresholdExplorer(explorer.Y_true, explorer.Y_score, NAMES).set_thresholds(explorer.thresholds)
    np.testing.assert_array_equal(moved, png_pixels(fresh.figure_png()))


def test_an_update_on_the_full_test_split_takes_under_100_ms():
    from utils.data import LABELS, load_train_test

    Y = load_train_test().Y_test
    rng = np.random.default_rng(0)
    P = np.clip(0.45 * Y + 0.55 * rng.random(Y.shape) ** 2, 0, 1)
    texts = [f"comment {i}" for i in range(len(Y))]
    explorer, box = build_threshold_widget(Y, P, LABELS, texts)
    slider = box.controls["global"]
    wall, cpu = [], []
    for value in np.linspace(0.1, 0.9, 17):
        w, c = time.perf_counter(), time.process_time()
        slider.value = float(value)
        wall.append(1000 * (time.perf_counter() - w))
        cpu.append(1000 * (time.process_time() - c))
    median_wall, median_cpu = statistics.median(wall), statistics.median(cpu)
    print(f"\nupdate of all {len(LABELS)} labels on {len(Y)} comments: median {median_wall:.1f} ms wall "
          f"({median_cpu:.1f} ms CPU), slowest {max(wall):.1f} ms")
    assert median_cpu < 100, f"an update needs {median_cpu:.0f} ms of CPU; the budget is 100 ms"
    overloaded = os.getloadavg()[0] > (os.cpu_count() or 1)
    if not overloaded:  # on a machine busy with other jobs, wall time measures the queue, not this code
        assert median_wall < 100, f"an update took {median_wall:.0f} ms; the budget is 100 ms"


def test_pick_examples_are_short_varied_and_seeded():
    Y, P, _ = fake_data(400)
    texts = [("long " * 50) if i % 3 == 0 else f"short {i}" for i in range(len(Y))]
    picked = pick_examples(texts, Y, P, n=6)
    assert len(picked) == len(set(picked)) == 6
    assert all(len(texts[i]) <= 160 for i in picked)
    for j, row in enumerate(picked[:4]):  # one true positive per label, with a moderate probability
        assert Y[row, j] == 1 and 0.15 < P[row, j] < 0.85
    assert picked == pick_examples(texts, Y, P, n=6)
    with pytest.raises(ValueError, match="one each per comment"):
        pick_examples(texts[:5], Y, P)


def test_report_is_a_readable_static_fallback(explorer):
    explorer.set_global(0.4)
    text = explorer.report()
    assert "Thresholds: every label at 0.40" in text
    explorer.set_thresholds([0.4] + [0.6] * (len(NAMES) - 1))
    assert "Thresholds: a 0.40, b 0.60" in explorer.report()
    explorer.set_global(0.4)
    text = explorer.report()
    assert "micro-F1" in text and "Hamming loss" in text
    assert text.count("[true: ") == len(explorer.examples) == 8


# ------------------------------------------------------------------ edge cases (issue 15.8)
def test_scores_outside_zero_one_are_refused():
    Y, P, texts = fake_data(50)
    for bad in (P * 2, P - 0.5):
        with pytest.raises(ValueError, match=r"probabilities must lie in \[0, 1\]"):
            ThresholdExplorer(Y, bad, NAMES, texts)
    with pytest.raises(ValueError, match=r"Y_val_score.*|probabilities must lie in \[0, 1\]"):
        ThresholdExplorer(Y, P, NAMES, texts, Y_val=Y, Y_val_score=P + 1)


def test_no_rows_is_a_clear_error_not_nan():
    with pytest.raises(ValueError, match="no rows"):
        ThresholdExplorer(np.zeros((0, 4), int), np.zeros((0, 4)), NAMES)


def test_label_without_true_examples_shows_no_true_examples_not_zeros():
    Y, P, texts = fake_data(120)
    Y[:, 2] = 0  # label c has no true example in this split
    explorer = ThresholdExplorer(Y, P, NAMES, texts).set_global(0.3)
    table = explorer.per_label()
    assert np.isnan(table.loc["c", "recall"]) and np.isnan(table.loc["c", "f1"])
    assert table.loc["c", "predicted"] > 0 and table.loc["c", "precision"] == 0  # all false alarms: a real 0
    explorer.set_label("c", 1.0)
    assert explorer.per_label()[["precision", "recall", "f1"]].loc["c"].isna().all()  # nothing predicted
    html = explorer.metrics_html()
    assert "no true examples" in html and "Macro-F1 leaves out c" in html and "nan" not in html.lower()
    # macro-F1 averages a, b, d only: the course policy of utils.metrics
    expected = f1_score(np.delete(Y, 2, axis=1), np.delete(explorer.predictions, 2, axis=1), average="macro")
    assert explorer.scores()["macro_f1"] == pytest.approx(expected)
    from utils.metrics import macro_f1

    assert explorer.scores()["macro_f1"] == pytest.approx(macro_f1(Y, explorer.predictions))
    assert "nan" not in explorer.report().lower() and "leaves out c" in explorer.report()


def test_no_label_with_true_examples_shows_undefined_macro_f1():
    Y, P, texts = fake_data(40)
    explorer = ThresholdExplorer(np.zeros_like(Y), P, NAMES, texts)
    assert np.isnan(explorer.scores()["macro_f1"])
    html = explorer.metrics_html()
    assert "macro-F1 is undefined" in html and "nan" not in html.lower()


@pytest.mark.parametrize("output", [
    np.array([[np.nan, 0.2, 0.1, 0.3]]),
    np.array([[1.4, 0.2, 0.1, 0.3]]),
    np.array([[0.5, 0.2]]),
])
def test_bad_model_output_for_a_typed_comment_is_a_message(output):
    Y, P, texts = fake_data(60)
    explorer = ThresholdExplorer(Y, P, NAMES, texts, predict_proba=lambda _: output)
    explorer.type_text("hello")
    assert explorer.typed_proba is None and explorer.typed_error.startswith("Could not score this comment")
    assert "Could not score" in explorer.text_html()


def test_typed_box_shows_model_failures_as_messages():
    def model(texts):
        if texts[0] == "boom":
            raise RuntimeError("vectoriser not fitted")
        return np.array([[np.nan if texts[0] == "nan" else 0.7, 0.2, 0.1, 0.3]])

    Y, P, texts = fake_data(60)
    c = ThresholdExplorer(Y, P, NAMES, texts, predict_proba=model).widget().controls
    c["text"].value = "nan"  # the observer does not raise; the typed panel says what happened
    assert "Could not score this comment" in c["typed"].value and "NaN" in c["typed"].value
    c["text"].value = "boom"
    assert "vectoriser not fitted" in c["typed"].value
    c["text"].value = "fine"
    assert "Predicted: <b>a</b>" in c["typed"].value


def test_every_observer_shows_its_error_instead_of_raising(explorer, monkeypatch):
    c = explorer.widget().controls

    def boom(*_):
        raise RuntimeError("boom in the panels")

    monkeypatch.setattr(explorer, "panels", boom)
    for act in (lambda: setattr(c["global"], "value", 0.4), lambda: setattr(c["label"], "value", 0.2),
                c["tune"].click, c["reset"].click):
        c["status"].value = ""
        act()  # does not raise
        assert "boom in the panels" in c["status"].value and "⚠" in c["status"].value


def test_one_picker_and_one_slider_scale_to_28_labels():
    names = [line.strip() for line in open("/work/shared/data/goemotions/emotions.txt")] \
        if os.path.exists("/work/shared/data/goemotions/emotions.txt") else [f"emotion_{j}" for j in range(28)]
    rng = np.random.default_rng(0)
    Y = (rng.random((300, 28)) < 0.1).astype(int)
    Y[:, 5] = 0  # one label with no true example
    P = np.clip(0.5 * Y + 0.5 * rng.random(Y.shape), 0, 1)
    explorer = ThresholdExplorer(Y, P, names, [f"comment {i}" for i in range(300)], Y_val=Y, Y_val_score=P)
    box = explorer.widget()
    c = box.controls
    sliders = [w for w in _descendants(box) if type(w).__name__ == "FloatSlider"]
    assert len(sliders) == 2 and len(c["picker"].options) == 28  # "all labels" and the picked label's slider
    pick(c, names[27], 0.9)
    assert explorer.thresholds[27] == 0.9 and (explorer.thresholds[:27] == 0.5).all()
    assert c["labels"][names[27]].value == 0.9  # the per-label view of the same threshold
    assert c["metrics"].layout.max_height and c["metrics"].layout.overflow == "auto"  # the 28-row table scrolls
    assert f"{names[5]} <span style='font-size:13px'>(no true examples)</span>" in c["metrics"].value and "nan" not in c["metrics"].value
    width, height = Image.open(io.BytesIO(c["figure"].value)).size
    assert width <= 320 and height <= 360  # one label's figure, whatever the number of labels
    c["tune"].click()
    assert "tuned on validation" in c["mode"].value


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def test_static_figure_shows_every_label_only_when_few():
    rng = np.random.default_rng(0)
    for q, everything in [(3, True), (MAX_SIDE_BY_SIDE + 1, False)]:
        Y = (rng.random((60, q)) < 0.3).astype(int)
        explorer = ThresholdExplorer(Y, np.clip(0.4 * Y + 0.6 * rng.random((60, q)), 0, 1))
        expected = explorer.figure_png() if everything else explorer.label_figure_png(0)
        np.testing.assert_array_equal(png_pixels(explorer.static_figure_png()), png_pixels(expected))
