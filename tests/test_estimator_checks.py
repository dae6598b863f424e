"""Every course estimator is a scikit-learn estimator: the estimator checks, and model selection that works.

``parametrize_with_checks`` runs scikit-learn's own checks. The only checks
expected to fail are those that do not apply to an estimator whose target is a
0/1 label matrix (listed with their reason in :data:`NOT_FOR_LABEL_MATRICES`).
The model-selection tests then check that ``GridSearchCV``, ``cross_val_score``
and ``cross_validate`` give finite scores equal to a hand-written loop.
"""

import utils  # noqa: F401  (first: picks the JAX backend before keras is imported)

# isort: split
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.exceptions import NotFittedError
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score, cross_validate
from sklearn.multiclass import OneVsRestClassifier
from sklearn.utils.estimator_checks import parametrize_with_checks

from utils.adapt import MLkNN
from utils.baselines import linear_classifier
from utils.ensemble import EnsembleClassifierChains, RakelD, RakelO
from utils.keras_estimator import KerasMultiLabel
from utils.stacking import NBLogisticRegression, StackedBinaryRelevance
from utils.transform import BinaryRelevance, ClassifierChain, LabelPowerset


def _ovr():
    return OneVsRestClassifier(linear_classifier())


def course_estimators():
    """One small instance of every multi-label estimator in utils (tiny Keras runs keep the checks quick)."""
    return [
        BinaryRelevance(linear_classifier()),
        ClassifierChain(linear_classifier()),
        LabelPowerset(_ovr()),
        MLkNN(k=3),
        RakelD(_ovr(), labelset_size=2),
        RakelO(_ovr(), labelset_size=2),
        EnsembleClassifierChains(linear_classifier(), n_estimators=3),
        StackedBinaryRelevance(cv=2),
        KerasMultiLabel(epochs=2, batch_size=32),
    ]


#: Checks that do not apply to a target that is a 0/1 label matrix, and why.
NOT_FOR_LABEL_MATRICES = {
    "check_classifiers_train": "expects predict to return a 1-D array and predict_proba one column per class; "
    "a multi-label estimator returns (n_samples, n_labels) for both (P(label = 1) per label, the "
    "layout of MLPClassifier on multi-label targets)",
    "check_estimator_sparse_array": "asserts predict_proba has one column per class (2 or 4); here it has "
    "one column per label (sparse input itself is supported and tested)",
    "check_estimator_sparse_matrix": "same as check_estimator_sparse_array, for sparse matrices",
    "check_classifiers_classes": "fits on 1-D string class labels; a label matrix holds 0 and 1",
    "check_estimators_dtypes": "the target it builds for a binary-only estimator holds 1 and 2, not 0 and 1",
    "check_classifier_data_not_an_array": "the target it builds holds values other than 0 and 1",
    "check_fit2d_1feature": "the target it builds holds values other than 0 and 1, which is refused before "
    "the one-feature X is looked at",
}


#: NB-LR is a binary classifier for presence/absence features.
NOT_FOR_PRESENCE_FEATURES = {
    "check_classifiers_train": "NB-LR binarises X (an n-gram is present or not), so on the check's continuous "
    "blobs every row looks alike and the 0.83 accuracy the check asks for is out of reach",
}


def expected_failures(estimator):
    """The checks that do not apply to this estimator, with the reason."""
    return NOT_FOR_PRESENCE_FEATURES if isinstance(estimator, NBLogisticRegression) else NOT_FOR_LABEL_MATRICES


@parametrize_with_checks(course_estimators() + [NBLogisticRegression()], expected_failed_checks=expected_failures)
def test_sklearn_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        check(estimator)


# --------------------------------------------------------------------------- #
# Model selection gives the scores of a hand-written loop
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def problem():
    X, Y = make_multilabel_classification(n_samples=90, n_features=10, n_classes=4, random_state=1)
    return X / X.max(), Y


CV = KFold(3, shuffle=True, random_state=0)


def _by_hand(estimator, X, Y):
    """Per fold: (micro F1, macro F1, mean ROC AUC), from fit/predict/predict_proba written out."""
    rows = []
    for train, test in CV.split(X):
        fitted = clone(estimator).fit(X[train], Y[train])
        pred, proba = fitted.predict(X[test]), fitted.predict_proba(X[test])
        rows.append([f1_score(Y[test], pred, average="micro"), f1_score(Y[test], pred, average="macro"),
                     roc_auc_score(Y[test], proba)])
    return np.array(rows)


def _ids(estimators):
    return [type(e).__name__ for e in estimators]


@pytest.mark.parametrize("estimator", course_estimators(), ids=_ids(course_estimators()))
def test_cross_validation_equals_a_hand_loop(estimator, problem):
    X, Y = problem
    expected = _by_hand(estimator, X, Y)
    assert np.isfinite(expected).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", category=UserWarning)  # "Scoring failed" would be an error here
        micro = cross_val_score(estimator, X, Y, cv=CV, scoring="f1_micro")
        results = cross_validate(estimator, X, Y, cv=CV, scoring=["f1_macro", "roc_auc"])
    np.testing.assert_allclose(micro, expected[:, 0])
    np.testing.assert_allclose(results["test_f1_macro"], expected[:, 1])
    np.testing.assert_allclose(results["test_roc_auc"], expected[:, 2])


GRIDS = {
    "BinaryRelevance": {"estimator__C": [0.1, 4.0]},
    "ClassifierChain": {"estimator__C": [0.1, 4.0]},
    "LabelPowerset": {"estimator__estimator__C": [0.1, 4.0]},
    "MLkNN": {"k": [3, 8]},
    "RakelD": {"labelset_size": [1, 3]},
    "RakelO": {"threshold": [0.5, 1.0]},
    "EnsembleClassifierChains": {"threshold": [0.3, 0.6]},
    "StackedBinaryRelevance": {"blend": [0.0, 1.0]},
    "KerasMultiLabel": {"threshold": [0.3, 0.6]},
}


@pytest.mark.parametrize("estimator", course_estimators(), ids=_ids(course_estimators()))
def test_grid_search_scores_every_candidate_like_a_hand_loop(estimator, problem):
    X, Y = problem
    grid = GRIDS[type(estimator).__name__]
    (name, values), = grid.items()
    expected = np.array([_by_hand(clone(estimator).set_params(**{name: v}), X, Y).mean(axis=0) for v in values])
    scoring = ["f1_micro", "f1_macro", "roc_auc"]
    search = GridSearchCV(estimator, grid, scoring=scoring, refit="f1_micro", cv=CV, error_score="raise").fit(X, Y)
    for column, scorer in enumerate(scoring):
        np.testing.assert_allclose(search.cv_results_[f"mean_test_{scorer}"], expected[:, column])
    assert search.best_params_ == {name: values[int(np.argmax(expected[:, 0]))]}


# --------------------------------------------------------------------------- #
# Consistent API across the estimators
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("estimator", course_estimators(), ids=_ids(course_estimators()))
def test_every_estimator_says_not_fitted_and_is_multilabel(estimator, problem):
    X, Y = problem
    with pytest.raises(NotFittedError):
        estimator.predict_proba(X)
    tags = estimator.__sklearn_tags__()
    assert tags.classifier_tags.multi_label and not tags.classifier_tags.multi_class
    assert tags.target_tags.multi_output and not tags.target_tags.single_output
    fitted = clone(estimator).fit(X, Y)
    assert [c.tolist() for c in fitted.classes_] == [[0, 1]] * Y.shape[1]
    assert fitted.n_features_in_ == X.shape[1]


@pytest.mark.parametrize("estimator", course_estimators(), ids=_ids(course_estimators()))
def test_random_state_is_the_one_seed_parameter_with_the_course_default(estimator):
    params = estimator.get_params(deep=False)
    assert "seed" not in params and "n_chains" not in params
    if "random_state" in params:
        assert params["random_state"] == utils.SEED


@pytest.mark.parametrize("estimator", [e for e in course_estimators() if "threshold" in e.get_params(deep=False)],
                         ids=lambda e: type(e).__name__)
def test_threshold_is_validated_and_applied_with_greater_or_equal(estimator, problem):
    X, Y = problem
    with pytest.raises(ValueError, match="threshold"):
        clone(estimator).set_params(threshold=5).fit(X, Y)
    fitted = clone(estimator).fit(X, Y)
    score = fitted.vote_share(X) if isinstance(fitted, RakelO) else fitted.predict_proba(X)
    cut = float(np.median(score))
    fitted.set_params(threshold=cut)
    np.testing.assert_array_equal(fitted.predict(X), (score >= cut).astype(int))
