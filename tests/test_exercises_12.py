"""Checkers of notebook 12: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pytest
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted
from sklearn.metrics import f1_score, hamming_loss

from utils.exercises.nb12 import check_best_threshold, check_hamming_at_zero, check_micro_f1_at
from utils.thresholds import THRESHOLD_GRID


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    Y = (rng.random((200, 3)) < [0.3, 0.1, 0.05]).astype(int)
    P = np.clip(0.4 * Y + 0.6 * rng.random(Y.shape) ** 2, 0, 1)
    return Y, P


def test_hamming_at_zero(data, capsys):
    Y, _ = data
    assert_right(capsys, check_hamming_at_zero, hamming_loss(Y, np.ones_like(Y)), Y)
    assert_right(capsys, check_hamming_at_zero, 1 - Y.mean(), Y)
    assert_targeted(capsys, check_hamming_at_zero, Y.mean(), "share of 1s", Y)
    assert_targeted(capsys, check_hamming_at_zero, int((Y == 0).sum()), "number of wrong cells", Y)
    assert_survives_wrong_types(capsys, check_hamming_at_zero, Y)


def test_micro_f1_at_a_global_threshold(data, capsys):
    Y, P = data
    right = f1_score(Y, (P >= 0.3).astype(int), average="micro")
    assert_right(capsys, check_micro_f1_at, right, Y, P, threshold=0.3)
    at_half = f1_score(Y, (P >= 0.5).astype(int), average="micro")
    assert_targeted(capsys, check_micro_f1_at, at_half, "default 0.5", Y, P, threshold=0.3)
    macro = f1_score(Y, (P >= 0.3).astype(int), average="macro")
    assert_targeted(capsys, check_micro_f1_at, macro, "macro-F1", Y, P, threshold=0.3)
    assert_survives_wrong_types(capsys, check_micro_f1_at, Y, P, threshold=0.3)


def test_best_threshold_accepts_every_tied_maximum(data, capsys):
    Y, P = data
    j = 1
    f1 = [f1_score(Y[:, j], (P[:, j] >= t).astype(int), zero_division=0) for t in THRESHOLD_GRID]
    best = max(f1)
    winners = [t for t, f in zip(THRESHOLD_GRID, f1, strict=True) if np.isclose(f, best)]
    losers = [t for t, f in zip(THRESHOLD_GRID, f1, strict=True) if f < best - 1e-9]
    for t in winners:
        assert_right(capsys, check_best_threshold, float(t), Y, P, j)
    assert check_best_threshold(float(losers[0]), Y, P, j) is False
    assert_targeted(capsys, check_best_threshold, float(best), "best F1 itself", Y, P, j)
    if 0.5 not in winners:
        assert_targeted(capsys, check_best_threshold, 0.5, "default", Y, P, j)
    assert check_best_threshold(7, Y, P, j) is False
    assert_survives_wrong_types(capsys, check_best_threshold, Y, P, j)
