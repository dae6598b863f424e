"""Binary relevance, classifier chains and label powerset agree with the libraries."""

import itertools
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import ClassifierChain as SkClassifierChain
from sklearn.multioutput import MultiOutputClassifier

from utils.baselines import linear_classifier
from utils.features import tfidf_features
from utils.transform import BinaryRelevance, ClassifierChain, LabelPowerset, check_label_matrix

skmultilearn_lp = pytest.importorskip("skmultilearn.problem_transform").LabelPowerset


# --------------------------------------------------------------------------- #
# Data: a small synthetic problem (dense and sparse) and a small TF-IDF text case
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="module")
def numeric():
    X, Y = make_multilabel_classification(n_samples=160, n_features=15, n_classes=5, random_state=0)
    X = X / X.max()  # scaled counts: liblinear converges quickly
    return X[:120], Y[:120], X[120:], Y[120:]


def _texts(n, rng):
    """Short comments whose words depend on three correlated labels."""
    vocab = {0: ["awful", "stupid", "idiot"], 1: ["kill", "hurt", "destroy"], 2: ["ugly", "fool", "loser"]}
    neutral = ["article", "edit", "page", "source", "thanks", "please", "talk", "citation", "wiki", "section"]
    texts, Y = [], []
    for _ in range(n):
        y0 = rng.random() < 0.4
        y = [int(y0), int(y0 and rng.random() < 0.5), int(rng.random() < (0.6 if y0 else 0.1))]
        words = list(rng.choice(neutral, size=6))
        for j, on in enumerate(y):
            if on or rng.random() < 0.1:
                words += list(rng.choice(vocab[j], size=2))
        rng.shuffle(words)
        texts.append(" ".join(words))
        Y.append(y)
    return texts, np.array(Y)


@pytest.fixture(scope="module")
def text():
    rng = np.random.default_rng(0)
    t_train, Y_train = _texts(150, rng)
    t_test, Y_test = _texts(50, rng)
    X_train, X_test, _ = tfidf_features(t_train, t_test, kind="word+char", max_features=2000)
    return X_train, Y_train, X_test, Y_test


@pytest.fixture(params=["dense", "sparse", "text"])
def data(request, numeric, text):
    if request.param == "text":
        return text
    X_train, Y_train, X_test, Y_test = numeric
    if request.param == "sparse":
        return sp.csr_matrix(X_train), Y_train, sp.csr_matrix(X_test), Y_test
    return numeric


def _dense(M):
    return M.toarray() if sp.issparse(M) else np.asarray(M)


# --------------------------------------------------------------------------- #
# Agreement with the libraries
# --------------------------------------------------------------------------- #
def test_binary_relevance_matches_multioutputclassifier(data):
    X_train, Y_train, X_test, _ = data
    ours = BinaryRelevance(linear_classifier()).fit(X_train, Y_train)
    ref = MultiOutputClassifier(linear_classifier()).fit(X_train, Y_train)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test))
    ref_proba = np.column_stack([p[:, 1] for p in ref.predict_proba(X_test)])
    np.testing.assert_allclose(ours.predict_proba(X_test), ref_proba)


@pytest.mark.parametrize(("order", "cv"), [(None, None), ("random", None), ([2, 0, 1], None), (None, 3)])
def test_classifier_chain_matches_sklearn(data, order, cv):
    X_train, Y_train, X_test, _ = data
    if isinstance(order, list):
        order = order + list(range(3, Y_train.shape[1]))
    ours = ClassifierChain(linear_classifier(), order=order, cv=cv, random_state=7).fit(X_train, Y_train)
    ref = SkClassifierChain(linear_classifier(), order=order, cv=cv, random_state=7).fit(X_train, Y_train)
    np.testing.assert_array_equal(ours.order_, ref.order_)
    np.testing.assert_array_equal(ours.predict(X_test), ref.predict(X_test).astype(int))
    np.testing.assert_allclose(ours.predict_proba(X_test), ref.predict_proba(X_test))


def test_label_powerset_matches_scikit_multilearn(data):
    X_train, Y_train, X_test, _ = data
    ours = LabelPowerset(OneVsRestClassifier(linear_classifier())).fit(X_train, Y_train)
    ref = skmultilearn_lp(OneVsRestClassifier(linear_classifier())).fit(X_train, Y_train)
    assert ours.n_label_sets_ == len(ref.unique_combinations_)
    np.testing.assert_array_equal(ours.predict(X_test), _dense(ref.predict(X_test)))
    np.testing.assert_allclose(ours.predict_proba(X_test), _dense(ref.predict_proba(X_test)))


# --------------------------------------------------------------------------- #
# Behaviour
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(
    "model",
    [
        BinaryRelevance(linear_classifier()),
        ClassifierChain(linear_classifier(), order="random", random_state=1),
        LabelPowerset(OneVsRestClassifier(linear_classifier())),
    ],
)
def test_outputs_have_the_right_shape_and_type_and_clone(model, numeric):
    X_train, Y_train, X_test, _ = numeric
    fitted = clone(model).fit(X_train, Y_train)
    pred, proba = fitted.predict(X_test), fitted.predict_proba(X_test)
    assert pred.shape == proba.shape == (len(X_test), Y_train.shape[1])
    assert pred.dtype.kind == "i" and set(np.unique(pred)) <= {0, 1}
    assert proba.min() >= 0 and proba.max() <= 1 + 1e-12
    assert repr(clone(model)) == repr(model) and clone(model).estimator is not model.estimator
    assert not hasattr(clone(model), "estimators_") and not hasattr(clone(model), "estimator_")


def test_random_order_is_seeded():
    Y = np.eye(6, dtype=int)[np.arange(30) % 6]
    X = np.random.default_rng(0).random((30, 4))
    first = ClassifierChain(linear_classifier(), order="random", random_state=3).fit(X, Y).order_
    again = ClassifierChain(linear_classifier(), order="random", random_state=3).fit(X, Y).order_
    other = ClassifierChain(linear_classifier(), order="random", random_state=4).fit(X, Y).order_
    np.testing.assert_array_equal(first, again)
    assert sorted(first) == list(range(6)) and not np.array_equal(first, other)


def test_chain_feeds_earlier_labels_as_features(numeric):
    X_train, Y_train, _, _ = numeric
    chain = ClassifierChain(linear_classifier(), order=[3, 1, 0, 2, 4]).fit(X_train, Y_train)
    widths = [est.coef_.shape[1] for est in chain.estimators_]
    assert widths == [X_train.shape[1] + k for k in range(Y_train.shape[1])]


def test_label_powerset_predicts_only_training_sets_and_sums_probabilities(numeric):
    X_train, Y_train, X_test, _ = numeric
    lp = LabelPowerset(OneVsRestClassifier(linear_classifier())).fit(X_train, Y_train)
    assert lp.n_label_sets_ == len({tuple(r) for r in Y_train}) == len(lp.label_sets_)
    assert [c.tolist() for c in lp.classes_] == [[0, 1]] * Y_train.shape[1]  # per label, as scikit-learn
    assert {tuple(r) for r in lp.predict(X_test)} <= {tuple(r) for r in lp.label_sets_}
    set_proba = lp.predict_set_proba(X_test)
    np.testing.assert_allclose(set_proba.sum(axis=1), 1)
    j = 2
    np.testing.assert_allclose(lp.predict_proba(X_test)[:, j], set_proba[:, lp.label_sets_[:, j] == 1].sum(axis=1))
    np.testing.assert_array_equal(lp.decode(lp.encode(Y_train)), Y_train)
    seen = {tuple(r) for r in Y_train}
    unseen = next(np.array([s]) for s in itertools.product((0, 1), repeat=Y_train.shape[1]) if s not in seen)
    assert lp.encode(unseen)[0] == -1  # a set no training row has: no class of its own
    assert tuple(unseen[0]) not in {tuple(r) for r in lp.predict(X_test)}


def test_constant_label_columns_are_predicted_as_constants_without_warnings(numeric):
    X_train, Y_train, X_test, _ = numeric
    Y = Y_train.copy()
    Y[:, 1] = 0
    Y[:, 3] = 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for model in (BinaryRelevance(linear_classifier()), ClassifierChain(linear_classifier(), order="random", random_state=0, cv=3)):
            model.fit(X_train, Y)
            assert model.constant_labels_ == [1, 3]
            pred, proba = model.predict(X_test), model.predict_proba(X_test)
            assert (pred[:, 1] == 0).all() and (pred[:, 3] == 1).all()
            assert (proba[:, 1] == 0).all() and (proba[:, 3] == 1).all()
            assert 0 < proba[:, 0].mean() < 1


def test_label_powerset_with_a_single_label_set(numeric):
    X_train, _, X_test, _ = numeric
    Y = np.tile([1, 0, 1], (len(X_train), 1))
    lp = LabelPowerset(OneVsRestClassifier(linear_classifier())).fit(X_train, Y)
    assert lp.n_label_sets_ == 1
    np.testing.assert_array_equal(lp.predict(X_test), np.tile([1, 0, 1], (len(X_test), 1)))
    np.testing.assert_allclose(lp.predict_proba(X_test), np.tile([1.0, 0.0, 1.0], (len(X_test), 1)))


# --------------------------------------------------------------------------- #
# Bad input gives clear messages
# --------------------------------------------------------------------------- #
MODELS = [
    BinaryRelevance(linear_classifier()),
    ClassifierChain(linear_classifier()),
    LabelPowerset(OneVsRestClassifier(linear_classifier())),
]


@pytest.mark.parametrize("model", MODELS)
def test_rows_of_X_and_Y_must_match(model, numeric):
    X_train, Y_train, _, _ = numeric
    with pytest.raises(ValueError, match="X has 120 rows but Y has 119"):
        clone(model).fit(X_train, Y_train[:-1])


@pytest.mark.parametrize("model", MODELS)
def test_Y_must_be_two_dimensional(model, numeric):
    X_train, Y_train, _, _ = numeric
    with pytest.raises(ValueError, match=r"2-D 0/1 label matrix.*1-D array of shape \(120,\)"):
        clone(model).fit(X_train, Y_train[:, 0])


@pytest.mark.parametrize("model", MODELS)
def test_Y_must_be_binary(model, numeric):
    X_train, Y_train, _, _ = numeric
    Y = Y_train.copy()
    Y[5, 2] = 2
    with pytest.raises(ValueError, match="found 2 at row 5, column 2"):
        clone(model).fit(X_train, Y)


@pytest.mark.parametrize("model", MODELS)
def test_predict_needs_the_fitted_number_of_features(model, numeric):
    X_train, Y_train, X_test, _ = numeric
    fitted = clone(model).fit(X_train, Y_train)
    with pytest.raises(ValueError, match="X has 14 features, but [A-Za-z]+ is expecting 15 features"):
        fitted.predict(X_test[:, :-1])


def test_label_matrix_check_accepts_sparse_and_bool():
    Y = check_label_matrix(sp.csr_matrix(np.array([[True, False], [False, True]])))
    assert Y.dtype.kind == "i" and Y.tolist() == [[1, 0], [0, 1]]
    with pytest.raises(ValueError, match="must hold the numbers 0 and 1; got values of type <U1"):
        check_label_matrix([["a", "b"]])


@pytest.mark.parametrize("order", ["alphabetical", [0, 1, 1, 2, 3], [0, 1, 2]])
def test_chain_order_must_be_a_permutation(order, numeric):
    X_train, Y_train, _, _ = numeric
    with pytest.raises(ValueError, match="order"):
        ClassifierChain(linear_classifier(), order=order).fit(X_train, Y_train)


def test_label_powerset_wraps_binary_only_estimators_in_one_vs_rest(numeric):
    X_train, Y_train, X_test, _ = numeric
    auto = LabelPowerset(linear_classifier()).fit(X_train, Y_train)
    explicit = LabelPowerset(OneVsRestClassifier(linear_classifier())).fit(X_train, Y_train)
    assert isinstance(auto.estimator_, OneVsRestClassifier)
    np.testing.assert_array_equal(auto.predict(X_test), explicit.predict(X_test))
    np.testing.assert_allclose(auto.predict_proba(X_test), explicit.predict_proba(X_test))


def test_label_powerset_reports_an_estimator_that_cannot_fit(numeric):
    X_train, Y_train, _, _ = numeric
    with pytest.raises(ValueError, match=r"-class problem; the base estimator could not fit it"):
        LabelPowerset(linear_classifier(C=-1.0)).fit(X_train, Y_train)
