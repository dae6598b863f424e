"""The Kaggle-size stand-in generator (benchmarks/scale.py): seeded, label rates kept, text perturbed lightly."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

SPEC = importlib.util.spec_from_file_location("scale", Path(__file__).resolve().parents[1] / "benchmarks" / "scale.py")
scale = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(scale)


def test_perturb_is_seeded_light_and_keeps_spacing():
    text = "you are a complete idiot and everyone on this talk page knows it " * 20
    a = scale.perturb(text, np.random.default_rng(1))
    assert a == scale.perturb(text, np.random.default_rng(1)) and a != text
    words, changed = text.split(), a.split()
    assert 0.85 * len(words) < len(changed) <= len(words)  # ~3 % dropped
    assert len(set(changed) - set(words)) > 0  # edits make new word forms
    assert scale.perturb("", np.random.default_rng(0)) == ""


def test_perturb_never_empties_a_comment():
    rng = np.random.default_rng(0)
    outs = [scale.perturb("Hi", rng, drop=0.5) for _ in range(200)]
    assert all(out.strip() for out in outs)
    assert scale.perturb("one two", np.random.default_rng(0), edit=0.0, drop=1.0) == "one two"


def test_heaps_exponent_is_about_one_for_all_new_words_and_low_for_repeats():
    fresh = [" ".join(f"w{i}_{j}" for j in range(10)) for i in range(300)]
    repeated = ["the same few words again"] * 300
    assert scale.heaps_exponent(fresh) == pytest.approx(1.0, abs=0.02)
    assert scale.heaps_exponent(repeated) < 0.1


def test_draw_rows_matches_the_full_data_labelled_rate():
    labelled = np.zeros(1000, dtype=bool)
    labelled[:500] = True
    rows = scale.draw_rows(labelled, 20_000, np.random.default_rng(0))
    assert len(rows) == 20_000
    assert labelled[rows].mean() == pytest.approx(scale.FULL_LABELLED_RATE, abs=1e-4)


def test_generate_writes_a_kaggle_layout_the_loader_reads(tmp_path):
    from utils.data import load_train_test

    rng = np.random.default_rng(0)
    n = 400
    frame = pd.DataFrame({"id": [f"x{i}" for i in range(n)],
                          "comment_text": [f"comment number {i} with words {rng.integers(50)}" for i in range(n)]})
    for j, label in enumerate(scale.LABELS):
        frame[label] = (rng.random(n) < 0.1 + 0.02 * j).astype(int)
    sample = tmp_path / "sample"
    sample.mkdir()
    frame.iloc[:300].to_csv(sample / "train.csv", index=False)
    frame.iloc[300:, :2].to_csv(sample / "test.csv", index=False)
    frame.iloc[300:][["id", *scale.LABELS]].to_csv(sample / "test_labels.csv", index=False)
    folder, summary = scale.generate(sample, rows=3000, out=tmp_path / "standin")
    assert summary["train rows"] == 3000 and summary["test rows"] == round(scale.FULL_TEST * 3000 / scale.FULL_TRAIN)
    unscored = (pd.read_csv(folder / "test_labels.csv")[scale.LABELS] == -1).all(axis=1).sum()
    assert unscored == summary["test rows"] - summary["scored test rows"]
    data = load_train_test(folder)
    assert len(data.train) == 3000 and len(data.test) == summary["scored test rows"]
    again, _ = scale.generate(sample, rows=3000, out=tmp_path / "again")
    assert (folder / "train.csv").read_bytes() == (again / "train.csv").read_bytes()
