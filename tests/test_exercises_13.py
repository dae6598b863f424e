"""Checkers of notebook 13: right answers pass, the targeted wrong ones get their hint, wrong types never raise."""

import numpy as np
import pandas as pd
from exercise_cases import assert_right, assert_survives_wrong_types, assert_targeted

from utils.exercises import nb13

TABLE = pd.DataFrame(
    {"mean_roc_auc": [0.90, 0.92, 0.80], "micro_f1": [0.70, 0.60, 0.50], "macro_f1": [0.50, 0.55, 0.40],
     "hamming_loss": [0.030, 0.020, 0.050], "subset_accuracy": [0.80, 0.82, 0.70], "fit_seconds": [1.0, 4.0, 0.5]},
    index=["A", "B", "C"])
BOOT = pd.DataFrame({"A": [0.5, 0.6, 0.7, 0.4], "B": [0.4, 0.5, 0.6, 0.5]})


def test_best_method(capsys):
    check = nb13.check_best_method
    assert_right(capsys, check, "B", TABLE, "macro_f1")
    assert_right(capsys, check, "b", TABLE, "macro_f1")
    assert_targeted(capsys, check, "C", "WORST macro_f1", TABLE, "macro_f1")
    assert_targeted(capsys, check, "A", "best micro_f1", TABLE, "macro_f1")
    assert_right(capsys, check, "B", TABLE, "hamming_loss")  # lower is better
    assert_targeted(capsys, check, "C", "WORST hamming_loss", TABLE, "hamming_loss")
    assert_targeted(capsys, check, TABLE["macro_f1"], "pick one name", TABLE, "macro_f1")
    assert_targeted(capsys, check, 1, "not its position", TABLE, "macro_f1")
    assert_survives_wrong_types(capsys, check, TABLE, "macro_f1")


def test_fit_time_ratio(capsys):
    check = nb13.check_fit_time_ratio
    assert_right(capsys, check, 4.0, TABLE, "B", "A")
    assert_right(capsys, check, 4.05, TABLE, "B", "A")  # within the stated 2 %
    assert_targeted(capsys, check, 0.25, "upside down", TABLE, "B", "A")
    assert_targeted(capsys, check, 3.0, "difference in seconds", TABLE, "B", "A")
    assert_survives_wrong_types(capsys, check, TABLE, "B", "A")


def test_best_mean_rank(capsys):
    check = nb13.check_best_mean_rank
    assert list(nb13.mean_quality_rank(TABLE).index) == ["B", "A", "C"]
    assert_right(capsys, check, "B", TABLE)
    assert_targeted(capsys, check, "C", "WORST mean rank", TABLE)
    # every metric ranked as higher-is-better: Hamming loss flips, and A and B tie or swap
    table = TABLE.assign(hamming_loss=[0.010, 0.060, 0.050], mean_roc_auc=[0.92, 0.90, 0.80])
    one_way = nb13.mean_quality_rank(table, directions={m: "higher" for m in nb13.QUALITY_METRICS})
    right = nb13.mean_quality_rank(table).index[0]
    assert one_way.index[0] != right
    assert_targeted(capsys, check, one_way.index[0], "Hamming loss is better when LOWER", table)
    assert_survives_wrong_types(capsys, check, TABLE)


def test_share_of_resamples(capsys):
    check = nb13.check_share_of_resamples
    assert_right(capsys, check, 0.75, BOOT, "A", "B")
    assert_targeted(capsys, check, 0.25, "does NOT score above", BOOT, "A", "B")
    assert_targeted(capsys, check, 3, "number of resamples", BOOT, "A", "B")
    assert_targeted(capsys, check, 75, "percentage", BOOT, "A", "B")
    assert_survives_wrong_types(capsys, check, BOOT, "A", "B")
    assert np.isclose(np.mean(BOOT["A"] > BOOT["B"]), 0.75)
