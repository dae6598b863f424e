"""The answer checkers of notebook 12 compute the expected answers themselves and never raise."""

import numpy as np
import pytest
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
    assert check_hamming_at_zero(None, Y) is None
    assert check_hamming_at_zero(hamming_loss(Y, np.ones_like(Y)), Y) is True
    assert check_hamming_at_zero(1 - Y.mean(), Y) is True
    assert check_hamming_at_zero(Y.mean(), Y) is False
    assert "Hint" in capsys.readouterr().out


def test_micro_f1_at_a_global_threshold(data):
    Y, P = data
    right = f1_score(Y, (P >= 0.3).astype(int), average="micro")
    assert check_micro_f1_at(right, Y, P, threshold=0.3) is True
    assert check_micro_f1_at(f1_score(Y, (P >= 0.5).astype(int), average="micro"), Y, P, threshold=0.3) is False
    assert check_micro_f1_at("0.5", Y, P) is False


def test_best_threshold_accepts_every_tied_maximum(data):
    Y, P = data
    j = 1
    f1 = [f1_score(Y[:, j], (P[:, j] >= t).astype(int), zero_division=0) for t in THRESHOLD_GRID]
    best = max(f1)
    winners = [t for t, f in zip(THRESHOLD_GRID, f1, strict=True) if np.isclose(f, best)]
    losers = [t for t, f in zip(THRESHOLD_GRID, f1, strict=True) if f < best - 1e-9]
    assert all(check_best_threshold(float(t), Y, P, j) is True for t in winners)
    assert check_best_threshold(float(losers[0]), Y, P, j) is False
    assert check_best_threshold(None, Y, P, j) is None
    assert check_best_threshold("threat", Y, P, j) is False  # never raises on a wrong type
    assert check_best_threshold(7, Y, P, j) is False
