"""Tests of utils.comparison: the registry, the scoring loop, tables and notebook runs."""

import nbformat
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import f1_score, hamming_loss, roc_auc_score

from utils import comparison
from utils.comparison import (
    COURSE_METHODS,
    METRICS,
    REGISTRY,
    Method,
    bootstrap_mean_auc,
    build_method,
    compare_methods,
    markdown_table,
    missing_methods,
    score_method,
)
from utils.data import LABELS, TrainTest
from utils.notebook_runs import execute_notebook, source_name

EVERY_COURSE_METHOD = {
    "binary_relevance", "classifier_chain", "ensemble_of_chains", "label_powerset",
    "rakel_d", "rakel_o", "ml_knn", "keras_single_output", "keras_multi_output",
}


def toy_problem(n=160, n_features=30, seed=0):
    """Separable-ish multi-label data, non-negative and half zeros like TF-IDF."""
    rng = np.random.default_rng(seed)
    X = np.maximum(rng.normal(size=(n, n_features)), 0)
    W = rng.normal(size=(n_features, 6))
    Y = (X @ W + rng.normal(scale=0.5, size=(n, 6)) > 0.8).astype(int)
    Y[:4] = 1  # every column has both classes
    Y[4:8] = 0
    return X, Y


def toy_train_test(n=120):
    """A TrainTest frame of ``n`` comments (words signal labels), half train, half test."""
    rng = np.random.default_rng(1)
    Y = (rng.random((n, 6)) < 0.3).astype(int)
    Y[:2], Y[n // 2:n // 2 + 2] = 1, 1
    Y[2:4], Y[n // 2 + 2:n // 2 + 4] = 0, 0
    words = np.array([[f"w{j}yes" if y else f"w{j}no" for j, y in enumerate(row)] for row in Y])
    text = [" ".join(w) + f" filler{i % 7}" for i, w in enumerate(words)]
    frame = pd.DataFrame({"id": [str(i) for i in range(n)], "comment_text": text})
    frame[LABELS] = Y
    return TrainTest(train=frame.iloc[: n // 2].reset_index(drop=True), test=frame.iloc[n // 2:].reset_index(drop=True))


# --------------------------------------------------------------------------- #
# The registry
# --------------------------------------------------------------------------- #
def test_registry_lists_every_course_method():
    assert set(COURSE_METHODS) == EVERY_COURSE_METHOD
    assert EVERY_COURSE_METHOD <= set(REGISTRY)


def test_every_registered_module_is_present():
    assert missing_methods() == {}, "methods whose module is missing: " + str(missing_methods())


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_method_builds_a_cloneable_estimator(key):
    if key in missing_methods([key]):
        pytest.fail(f"{key}: {missing_methods([key])[key]}")
    estimator = build_method(key)
    for attr in ("fit", "predict", "predict_proba", "get_params"):
        assert hasattr(estimator, attr), f"{key} has no {attr}"
    assert type(clone(estimator)) is type(estimator)


@pytest.mark.parametrize("key", sorted(k for k in REGISTRY if not k.startswith("keras")))
def test_every_fast_method_fits_and_scores(key):
    if key in missing_methods([key]):
        pytest.fail(f"{key}: {missing_methods([key])[key]}")
    X, Y = toy_problem()
    row = score_method(build_method(key), X[:100], Y[:100], X[100:], Y[100:])
    assert list(row) == list(METRICS)
    assert 0.5 < row["mean_roc_auc"] <= 1.0, f"{key} learned nothing: {row}"


def test_build_method_rejects_unknown_names():
    with pytest.raises(KeyError, match="registered methods"):
        build_method("naive_bayes")


def test_a_missing_module_is_reported_not_dropped(monkeypatch):
    ghost = Method("ghost", "Ghost", "99", "utils.no_such_module", lambda: None, "")
    monkeypatch.setitem(comparison.REGISTRY, "ghost", ghost)
    assert "ghost" in missing_methods(["ghost"])
    data = toy_train_test()
    X = np.eye(len(data.train), 8), np.eye(len(data.test), 8)
    result = compare_methods(["ghost"], data=data, features=X, verbose=False)
    assert result.table.empty and "ghost" in result.skipped
    with pytest.raises(ImportError, match="utils.no_such_module"):
        compare_methods(["ghost"], data=data, features=X, on_missing="raise", verbose=False)


# --------------------------------------------------------------------------- #
# Scoring
# --------------------------------------------------------------------------- #
class FixedModel:
    """Returns given scores; predicts score > 0.5."""

    def __init__(self, scores):
        self.scores = scores

    def fit(self, X, Y):
        self.fitted_ = True
        return self

    def predict_proba(self, X):
        return self.scores

    def predict(self, X):
        return (self.scores > 0.5).astype(int)


def test_score_method_computes_each_metric():
    rng = np.random.default_rng(3)
    Y = (rng.random((50, 6)) < 0.4).astype(int)
    S = np.clip(Y * 0.4 + rng.random((50, 6)) * 0.7, 0, 1)
    model = FixedModel(S)
    row = score_method(model, None, None, None, Y)
    P = (S > 0.5).astype(int)
    assert model.fitted_
    assert row["mean_roc_auc"] == pytest.approx(np.mean([roc_auc_score(Y[:, j], S[:, j]) for j in range(6)]))
    assert row["micro_f1"] == pytest.approx(f1_score(Y, P, average="micro"))
    assert row["macro_f1"] == pytest.approx(f1_score(Y, P, average="macro"))
    assert row["hamming_loss"] == pytest.approx(hamming_loss(Y, P))
    assert row["subset_accuracy"] == pytest.approx(np.mean((Y == P).all(axis=1)))
    assert row["fit_seconds"] < 1 and row["predict_seconds"] < 1


def test_score_method_times_fit_and_predict_separately():
    import time

    class SlowModel(FixedModel):
        def fit(self, X, Y):
            time.sleep(0.06)
            return super().fit(X, Y)

        def predict(self, X):
            time.sleep(0.03)
            return super().predict(X)

    Y = np.eye(6, dtype=int)[np.arange(12) % 6]
    row = score_method(SlowModel(Y * 0.9), None, None, None, Y)
    assert 0.06 <= row["fit_seconds"] < 1 and 0.03 <= row["predict_seconds"] < 1


def test_score_method_rejects_wrong_output_shapes():
    Y = np.array([[0, 1], [1, 0], [1, 1]])
    with pytest.raises(ValueError, match="expected"):
        score_method(FixedModel(np.zeros((3, 1))), None, None, None, Y)


def test_compare_methods_trains_all_on_the_same_split():
    data = toy_train_test()
    result = compare_methods(["binary_relevance", "classifier_chain"], data=data, verbose=False)
    table = result.table
    assert list(table.index) == ["Binary relevance", "Classifier chain"]
    assert list(table.columns) == list(METRICS)
    assert (table["mean_roc_auc"] > 0.9).all()  # the words give the labels away
    br = result.estimators["Binary relevance"]
    assert br.n_features_in_ == result.estimators["Classifier chain"].n_features_in_
    assert result.scores["Binary relevance"].shape == data.Y_test.shape
    assert np.array_equal(result.predictions["Classifier chain"], result.estimators["Classifier chain"].predict(
        comparison.course_features(data)[1]))


def test_compare_methods_trains_capped_methods_on_a_marked_sample():
    data = toy_train_test(n=240)
    X = comparison.course_features(data)
    result = compare_methods(["binary_relevance", "classifier_chain"], data=data, features=X, verbose=False,
                             caps={"classifier_chain": comparison.Cap(60, "test"), "binary_relevance": 500})
    table = result.table
    assert list(table.columns) == ["train_rows", *METRICS]
    assert table.loc["Binary relevance", "train_rows"] == "120"  # a cap above the row count: every row
    sample = comparison.capped_rows(data.Y_train, 60, data.groups_train)
    assert table.loc["Classifier chain", "train_rows"] == f"{len(sample)} (subsample)"
    refit = comparison.build_method("classifier_chain").fit(X[0][sample], data.Y_train[sample])
    assert np.allclose(refit.predict_proba(X[1]), result.scores["Classifier chain"])


def test_capped_rows_is_seeded_stratified_and_checked():
    rng = np.random.default_rng(3)
    Y = (rng.random((400, 4)) < [0.5, 0.2, 0.1, 0.05]).astype(int)
    rows = comparison.capped_rows(Y, 100)
    assert len(rows) == 100 and np.all(np.diff(rows) > 0)
    assert np.array_equal(rows, comparison.capped_rows(Y, 100))  # seeded
    assert np.allclose(Y[rows].mean(axis=0), Y.mean(axis=0), atol=0.03)  # every label keeps its share
    assert np.array_equal(comparison.capped_rows(Y, None), np.arange(400))
    assert np.array_equal(comparison.capped_rows(Y, 1_000), np.arange(400))
    for bad in (0, 2.5, True, "100"):
        with pytest.raises(ValueError, match="n_rows must be a whole number"):
            comparison.capped_rows(Y, bad)
    assert comparison.train_rows_label(8_000, 43_410) == "8,000 (subsample)"
    assert comparison.train_rows_label(43_410, 43_410) == "43,410"


def test_benchmark_and_notebook_caps_are_documented():
    for caps in (comparison.BENCHMARK_CAPS, comparison.NOTEBOOK_CAPS):
        assert set(caps) <= set(comparison.REGISTRY)
        assert all(cap.rows > 0 and cap.why for cap in caps.values())


def test_compare_methods_rejects_unknown_keys():
    with pytest.raises(KeyError, match="unknown"):
        compare_methods(["nope"], data=toy_train_test(), verbose=False)


# --------------------------------------------------------------------------- #
# The tuned extra method
# --------------------------------------------------------------------------- #
def test_stacked_br_reads_the_other_labels():
    from utils.stacking import StackedBinaryRelevance

    X, Y = toy_problem(n=240)
    model = StackedBinaryRelevance(cv=3).fit(X[:180], Y[:180])
    P = model.predict_proba(X[180:])
    assert P.shape == (60, 6) and np.all((P >= 0) & (P <= 1))
    assert set(np.unique(model.predict(X[180:]))) <= {0, 1}
    assert model.meta_estimators_[0].coef_.shape[1] == 6  # the second level sees all six scores
    assert model.out_of_fold_.shape == (180, 6)
    Z = model.out_of_fold_ / model.scale_  # level 2 was trained on the out-of-fold values, scaled
    refit = clone(model.meta_estimators_[2]).fit(Z, Y[:180, 2])
    assert np.allclose(refit.coef_, model.meta_estimators_[2].coef_)
    assert not np.allclose(model.out_of_fold_[:, 0], model.estimators_[0][0].decision_function(X[:180]))


def test_stacking_keeps_near_copies_in_one_out_of_fold_fold():
    from utils.splits import group_stratified_folds, groups_across
    from utils.stacking import StackedBinaryRelevance

    X, Y = toy_problem(n=240)
    X, Y = X[:180], Y[:180]
    groups = np.arange(180) // 3  # rows 0-2 are copies, rows 3-5, ...
    folds = group_stratified_folds(Y, groups, n_splits=3, random_state=0)
    assert [groups_across(groups, train, test) for train, test in folds] == [0, 0, 0]
    assert sorted(np.concatenate([test for _, test in folds]).tolist()) == list(range(180))
    plain = group_stratified_folds(Y, None, n_splits=3, random_state=0)
    assert any(groups_across(groups, train, test) for train, test in plain)  # without groups they straddle
    model = StackedBinaryRelevance(cv=3, random_state=0).fit(X, Y, groups=groups)
    train, held_out = folds[0]  # level 1 refitted without the held-out groups gives the kept scores
    by_hand = np.column_stack([clone(model._bases()[0]).fit(X[train], Y[train, k]).decision_function(X[held_out])
                               for k in range(Y.shape[1])])
    assert np.allclose(by_hand, model.out_of_fold_[held_out], atol=1e-6)
    ungrouped = StackedBinaryRelevance(cv=3, random_state=0).fit(X, Y)
    assert not np.allclose(ungrouped.out_of_fold_, model.out_of_fold_)
    with pytest.raises(ValueError, match="at least n_splits=3 groups"):
        group_stratified_folds(Y, np.zeros(180), n_splits=3)


# --------------------------------------------------------------------------- #
# Presenting
# --------------------------------------------------------------------------- #
def test_markdown_table_has_a_row_per_method_and_rounds():
    table = pd.DataFrame({"a": [0.12345, 1.0], "b": [2.0, np.nan]}, index=pd.Index(["x", "y"], name="method"))
    lines = markdown_table(table, digits=2).splitlines()
    assert lines[0] == "| method | a | b |"
    assert lines[1] == "|---|---:|---:|"
    assert len(lines) == 4
    assert lines[2] == "| x | 0.12 | 2.00 |"
    assert lines[3] == "| y | 1.00 |  |"
    text = pd.DataFrame({"seconds": [1.0], "status": ["ok"]}, index=pd.Index(["n.ipynb"], name="notebook"))
    assert markdown_table(text).splitlines()[1] == "|---|---:|---|"


def test_source_name(tmp_path, monkeypatch):
    monkeypatch.delenv("MLC_DATA", raising=False)
    assert source_name() == "classroom_corpus"
    folder = tmp_path / "jigsaw_sample"
    folder.mkdir()
    assert source_name(folder) == "jigsaw_sample"
    assert source_name(tmp_path / "train.csv.gz") == "train"


# --------------------------------------------------------------------------- #
# Running notebooks
# --------------------------------------------------------------------------- #
def write_notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    nbformat.write(nb, path)
    return path


def test_execute_notebook_sets_data_and_working_folder(tmp_path):
    path = write_notebook(
        tmp_path / "ok.ipynb",
        "import os, pathlib",
        "assert os.environ['MLC_DATA'] == 'somewhere', os.environ.get('MLC_DATA')\n"
        f"assert pathlib.Path.cwd() == pathlib.Path(r'{tmp_path}')",
    )
    run = execute_notebook(path, data="somewhere", timeout=60)
    assert run.ok, run.error
    assert run.n_cells == 2 and run.seconds > 0


def test_execute_notebook_reports_the_failing_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("MLC_DATA", "leaked")
    path = write_notebook(
        tmp_path / "bad.ipynb",
        "import os\nassert 'MLC_DATA' not in os.environ, 'MLC_DATA leaked into the kernel'",
        "raise RuntimeError('boom in cell two')",
    )
    run = execute_notebook(path, timeout=60)
    assert not run.ok and "boom in cell two" in run.error


def test_bootstrap_auc_matches_sklearn_and_pairs_the_resamples():
    rng = np.random.default_rng(5)
    Y = (rng.random((80, 3)) < 0.3).astype(int)
    Y[0] = 1
    good, noise = Y + rng.normal(scale=0.6, size=Y.shape), rng.random(Y.shape)
    from utils.metrics import mean_roc_auc

    assert mean_roc_auc(Y, good) == pytest.approx(np.mean([roc_auc_score(Y[:, j], good[:, j]) for j in range(3)]))
    boot = bootstrap_mean_auc(Y, {"good": good, "noise": noise, "same": good}, n_boot=50)
    assert boot["good"].between(0, 1).all()
    assert boot.shape == (50, 3)
    assert (boot["good"] > boot["noise"]).mean() > 0.9
    assert np.array_equal(boot["good"], boot["same"])  # same resamples for every method


def test_paired_from_resamples_equals_paired_bootstrap():
    from utils.metrics import mean_roc_auc, paired_bootstrap

    rng = np.random.default_rng(6)
    Y = (rng.random((150, 3)) < 0.3).astype(int)
    Y[0] = 1
    good, noise = Y + rng.normal(scale=0.8, size=Y.shape), rng.random(Y.shape)
    boot = bootstrap_mean_auc(Y, {"good": good, "noise": noise}, n_boot=1000)
    observed = mean_roc_auc(Y, good) - mean_roc_auc(Y, noise)
    ours = comparison.paired_from_resamples(boot, "good", "noise", observed)
    theirs = paired_bootstrap("mean_roc_auc", Y, good, noise)
    assert (ours.difference, ours.low, ours.high, ours.real) == pytest.approx(
        (theirs.difference, theirs.low, theirs.high, theirs.real))
    assert ours.real and str(ours) == str(theirs)
    with pytest.raises(KeyError, match="no resampled scores for 'ghost'"):
        comparison.paired_from_resamples(boot, "good", "ghost", 0.0)


# --------------------------------------------------------------------------- #
# The tuned extra methods
# --------------------------------------------------------------------------- #
def test_nb_logistic_regression_scales_by_log_count_ratio():
    from utils.stacking import NBLogisticRegression

    X = np.array([[1, 0, 2], [3, 0, 0], [0, 1, 0], [0, 2, 1]], dtype=float)
    y = np.array([1, 1, 0, 0])
    model = NBLogisticRegression(alpha=1.0).fit(X, y)
    # present in 2 positives / 0 negatives -> positive ratio; only in negatives -> negative ratio
    pos, neg = np.array([3, 1, 2]), np.array([1, 3, 2])
    assert np.allclose(model.log_count_ratio_, np.log((pos / pos.sum()) / (neg / neg.sum())))
    assert model.log_count_ratio_[0] > 0 > model.log_count_ratio_[1]
    assert model.predict_proba(X).shape == (4, 2) and list(model.predict(X)) == [1, 1, 0, 0]
    with pytest.raises(ValueError, match="exactly two classes, got 1 class"):
        NBLogisticRegression().fit(X, np.ones(4))


def test_stacking_two_views_uses_out_of_fold_scores_of_both():
    from utils.stacking import NBLogisticRegression, StackedBinaryRelevance

    X, Y = toy_problem(n=240)
    model = StackedBinaryRelevance([comparison._base(), NBLogisticRegression()], cv=3, blend=0.0).fit(X, Y)
    assert model.meta_estimators_[0].coef_.shape[1] == 12  # six scores from each view
    assert model.predict_proba(X[:5]).shape == (5, 6)
    with pytest.raises(ValueError, match="blend"):
        StackedBinaryRelevance(blend=2).fit(X, Y)


def test_stacking_rejects_labels_too_rare_for_its_folds():
    from utils.stacking import StackedBinaryRelevance

    X, Y = toy_problem()
    Y[:, 2] = 0
    Y[:2, 2] = 1
    with pytest.raises(ValueError, match=r"column\(s\) \[2\]"):
        StackedBinaryRelevance(cv=4).fit(X, Y)


# --------------------------------------------------------------------------- #
# Notebook 13's exercise checkers
# --------------------------------------------------------------------------- #
def small_table():
    return pd.DataFrame(
        {"mean_roc_auc": [0.9, 0.8, 0.85], "micro_f1": [0.5, 0.7, 0.6], "macro_f1": [0.4, 0.6, 0.5],
         "hamming_loss": [0.05, 0.04, 0.06], "subset_accuracy": [0.8, 0.85, 0.7],
         "fit_seconds": [1.0, 4.0, 2.0], "predict_seconds": [0.1, 0.1, 0.5]},
        index=pd.Index(["A", "B", "C"], name="method"))


def test_nb13_checkers_compute_their_answers(capsys):
    from utils.exercises import nb13

    table = small_table()
    assert nb13.best_method(table, "hamming_loss") == "B"  # lower is better
    assert nb13.check_best_method("b", table, "micro_f1") is True
    assert nb13.check_best_method("A", table, "macro_f1") is False
    assert nb13.check_fit_time_ratio(4.0, table, "B", "A") is True
    assert nb13.check_fit_time_ratio(2.0, table, "B", "A") is False
    assert list(nb13.mean_quality_rank(table).index) == ["B", "A", "C"]
    assert nb13.check_best_mean_rank("B", table) is True
    boot = pd.DataFrame({"A": [0.9, 0.8, 0.7, 0.95], "B": [0.85, 0.85, 0.6, 0.9]})
    assert nb13.check_share_of_resamples(0.75, boot, "A", "B") is True
    assert nb13.check_share_of_resamples(None, boot, "A", "B") is None
    assert "Not answered" in capsys.readouterr().out


# --------------------------------------------------------------------------- #
# The benchmark script's pure parts
# --------------------------------------------------------------------------- #
def load_benchmark_script():
    import importlib.util

    from utils import REPO_ROOT

    spec = importlib.util.spec_from_file_location("run_benchmarks", REPO_ROOT / "benchmarks" / "run_benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_readme_block_is_replaced_not_duplicated(tmp_path):
    bench = load_benchmark_script()
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nintro\n", encoding="utf-8")
    bench.update_readme("corpus", "first report", readme)
    bench.update_readme("real", "real report", readme)
    bench.update_readme("corpus", "second report", readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nintro\n")
    assert text.count("<!-- results:corpus -->") == 1 and "second report" in text and "first report" not in text
    assert text.index("results:corpus") < text.index("results:real")


def test_benchmark_options_reject_unknown_methods(capsys):
    bench = load_benchmark_script()
    args = bench.parse_args(["--skip-notebooks", "--methods", "ml_knn, binary_relevance"])
    assert args.skip_notebooks and args.methods == ["ml_knn", "binary_relevance"]
    with pytest.raises(SystemExit):
        bench.parse_args(["--methods", "ml_knn,nope"])
    assert "unknown method(s) nope" in capsys.readouterr().err


def test_benchmark_report_lists_notebooks_methods_and_skips():
    bench = load_benchmark_script()
    notebooks = pd.DataFrame({"seconds": [1.5], "status": ["ok"]}, index=pd.Index(["00_x.ipynb"], name="notebook"))
    report = bench.build_report("corpus", "data", "split", notebooks, small_table(), {"ghost": "missing"})
    assert "| 00_x.ipynb | 1.5 | ok |" in report
    assert "| A | 0.900 |" in report and "`ghost`: missing" in report


def test_comparison_figure_has_a_panel_per_metric_and_a_log_time_axis():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils.comparison import comparison_figure

    table = small_table().rename(index={"A": "Binary relevance", "B": "ML-kNN", "C": "Keras, one output"})
    grid = comparison_figure(table)
    axes = list(grid.axes.flat)
    assert len(axes) == 6
    assert axes[0].get_title().startswith("mean_roc_auc (higher")
    assert axes[5].get_xscale() == "log" and axes[3].get_title().startswith("hamming_loss (lower")
    grid.figure.canvas.draw()
    for ax in axes:  # readable at projector size, and no crowded minor labels on the log axis
        labelled = [t for t in ax.get_xticklabels() if t.get_text()]
        assert all(t.get_fontsize() >= 10 for t in labelled + ax.get_yticklabels())
        assert len(labelled) <= 6
    assert not any(t.get_text() for t in axes[5].get_xminorticklabels())
    plt.close("all")


def test_one_failing_method_is_reported_in_its_row_and_the_rest_stands(monkeypatch):
    """Issue 16: a method that raised used to throw the whole comparison away."""
    from utils.stacking import StackedBinaryRelevance

    picky = Method("picky", "Picky stacking", "13", "utils.stacking", lambda: StackedBinaryRelevance(cv=50), "")
    monkeypatch.setitem(comparison.REGISTRY, "picky", picky)
    data = toy_train_test()
    X = comparison.course_features(data)
    result = compare_methods(["binary_relevance", "picky"], data=data, features=X, verbose=False)
    assert list(result.table.index) == ["Binary relevance", "Picky stacking"]
    assert np.isfinite(result.table.loc["Binary relevance", "mean_roc_auc"])
    assert result.table.loc["Binary relevance", "error"] == ""
    error = result.table.loc["Picky stacking", "error"]
    assert np.isnan(result.table.loc["Picky stacking", "mean_roc_auc"]) and "Picky stacking" not in result.estimators
    names = comparison.label_names(data)
    assert "fewer than cv=50" in error and names[0] in error and "column(s) [" not in error
    assert "build_method('picky')" in error


def test_compare_methods_hands_the_keras_rows_the_near_copy_groups(monkeypatch):
    """Issue 12: the Keras rows' early-stopping split must keep near-copies together (``data.groups_train``)."""
    from utils.keras_estimator import KerasMultiLabel

    base = toy_train_test(n=240)
    groups_train = np.arange(120) // 3  # three rows a group, unlike the exact-copy default
    data = TrainTest(base.train, base.test, groups_train=groups_train, groups_test=np.arange(120) + 1000)
    X = comparison.course_features(data)
    assert comparison._fit_accepts_groups(comparison.build_method("keras_single_output"))  # the real fit
    seen, real_fit = [], KerasMultiLabel.fit

    def spy(self, X, Y, groups=None):
        seen.append(None if groups is None else np.asarray(groups).copy())
        return real_fit(self, X, Y, groups=groups)

    monkeypatch.setattr(KerasMultiLabel, "fit", spy)
    result = compare_methods(["keras_single_output", "binary_relevance"], data=data, features=X, verbose=False,
                             caps={"keras_single_output": 60})
    assert "error" not in result.table  # the column appears only when a method failed
    sample = comparison.capped_rows(data.Y_train, 60, groups_train)
    assert len(seen) == 1 and np.array_equal(seen[0], groups_train[sample])  # the sampled rows' own groups
    assert np.isfinite(result.table.loc["Keras, one output", "mean_roc_auc"])


def test_score_method_passes_groups_only_to_a_fit_that_takes_them():
    class GroupAware(FixedModel):
        def fit(self, X, Y, groups=None):
            self.groups_ = groups
            return self

    Y = np.array([[0, 1], [1, 0], [1, 1], [0, 0]])
    aware = GroupAware(Y * 0.8 + 0.1)
    score_method(aware, None, None, None, Y, groups=np.array([0, 0, 1, 1]))
    assert np.array_equal(aware.groups_, [0, 0, 1, 1])
    plain = FixedModel(Y * 0.8 + 0.1)  # fit(X, Y) only: no groups to hand over
    assert np.isfinite(score_method(plain, None, None, None, Y, groups=np.array([0, 0, 1, 1]))["micro_f1"])


def test_benchmark_gives_each_method_its_peak_memory_and_marks_capped_rows():
    from utils.comparison import SCALE_CAPS, Cap
    from utils.data import load_train_test

    bench = load_benchmark_script()
    data = load_train_test()
    caps = {"label_powerset": Cap(500, "a test cap")}
    table, skipped = bench.compare_with_memory(["binary_relevance", "label_powerset"], data, None, caps)
    assert list(table.index) == ["Binary relevance", "Label powerset"] and not skipped
    assert table.loc["Binary relevance", "train_rows"] == f"{len(data.train):,}"
    assert table.loc["Label powerset", "train_rows"].endswith("(subsample)")
    assert (table["peak_gb"] > 0).all() and (table["added_gb"] >= 0).all()
    assert (table["peak_gb"] >= table["added_gb"]).all()
    assert bench.parse_args(["--caps", "scale"]).caps == "scale" and bench.CAPS["scale"] is SCALE_CAPS
    assert set(SCALE_CAPS) <= set(bench.REGISTRY)
