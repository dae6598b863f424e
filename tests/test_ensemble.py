"""RAkEL-d, RAkEL-o and ensembles of classifier chains, against their definitions."""

from math import comb

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import normalize

from utils.baselines import linear_classifier
from utils.ensemble import (
    EnsembleClassifierChains,
    RakelD,
    RakelO,
    disjoint_labelsets,
    overlapping_labelsets,
    vote_share,
)
from utils.transform import BinaryRelevance, ClassifierChain, LabelPowerset


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(n_samples=200, n_features=20, n_classes=5, random_state=2)
    X = normalize(X)  # unit rows, like TF-IDF: liblinear converges quickly
    return X[:150], Y[:150], X[150:], Y[150:]


BASE = linear_classifier()
MULTI = OneVsRestClassifier(linear_classifier())


@pytest.mark.parametrize("q, k", [(6, 3), (7, 3), (5, 1), (4, 4)])
def test_disjoint_labelsets_partition_the_labels(q, k):
    sets = disjoint_labelsets(q, k, random_state=0)
    assert sorted(np.concatenate(sets).tolist()) == list(range(q))
    assert all(len(s) == k for s in sets[:-1]) and 1 <= len(sets[-1]) <= k
    assert [s.tolist() for s in sets] == [s.tolist() for s in disjoint_labelsets(q, k, random_state=0)]


@pytest.mark.parametrize("q, k, m", [(6, 3, 12), (6, 3, 2), (7, 3, 20), (5, 2, 10), (6, 4, 15)])
def test_overlapping_labelsets_are_distinct_full_size_and_cover_every_label(q, k, m):
    sets = overlapping_labelsets(q, k, m, random_state=1)
    assert len(sets) == m and all(len(s) == k for s in sets)
    assert len({tuple(s) for s in sets}) == m
    assert set(np.concatenate(sets).tolist()) == set(range(q))


def test_overlapping_labelsets_refuse_impossible_sizes():
    with pytest.raises(ValueError, match="from 2 .* to 20"):
        overlapping_labelsets(6, 3, 21)
    with pytest.raises(ValueError, match="from 2 "):
        overlapping_labelsets(6, 3, 1)
    with pytest.raises(ValueError, match="labelset_size must be a whole number from 1 to the number of labels"):
        overlapping_labelsets(6, 7, 3)


def test_vote_share_averages_over_covering_models_only():
    votes = [np.array([[1, 1]]), np.array([[0, 1]])]
    share = vote_share(votes, [np.array([0, 1]), np.array([1, 2])], 3)
    np.testing.assert_allclose(share, [[1.0, 0.5, 1.0]])
    with pytest.raises(ValueError, match=r"label\(s\) \[2\] are in no labelset"):
        vote_share([np.array([[1, 1]])], [np.array([0, 1])], 3)


def test_rakel_d_with_one_labelset_is_label_powerset(data):
    X_train, Y_train, X_test, _ = data
    rakel = RakelD(MULTI, labelset_size=Y_train.shape[1], random_state=0).fit(X_train, Y_train)
    lp = LabelPowerset(MULTI).fit(X_train, Y_train)
    np.testing.assert_array_equal(rakel.predict(X_test), lp.predict(X_test))
    np.testing.assert_allclose(rakel.predict_proba(X_test), lp.predict_proba(X_test))


def test_rakel_d_with_single_labels_is_binary_relevance(data):
    X_train, Y_train, X_test, _ = data
    rakel = RakelD(MULTI, labelset_size=1, random_state=0).fit(X_train, Y_train)
    br = BinaryRelevance(BASE).fit(X_train, Y_train)
    np.testing.assert_array_equal(rakel.predict(X_test), br.predict(X_test))


def test_rakel_d_puts_each_group_back_in_its_columns(data):
    X_train, Y_train, X_test, _ = data
    rakel = RakelD(MULTI, labelset_size=2, random_state=3).fit(X_train, Y_train)
    assert len(rakel.estimators_) == 3
    pred = rakel.predict(X_test)
    for labelset in rakel.labelsets_:
        lp = LabelPowerset(MULTI).fit(X_train, Y_train[:, labelset])
        np.testing.assert_array_equal(pred[:, labelset], lp.predict(X_test))
    assert pred.dtype.kind == "i" and set(np.unique(pred)) <= {0, 1}


def test_rakel_o_predicts_by_vote_share_above_threshold(data):
    X_train, Y_train, X_test, _ = data
    q = Y_train.shape[1]
    rakel = RakelO(MULTI, labelset_size=3, random_state=0).fit(X_train, Y_train)
    assert len(rakel.estimators_) == min(2 * q, comb(q, 3))
    votes, covered = np.zeros((len(X_test), q)), np.zeros(q)
    for est, labelset in zip(rakel.estimators_, rakel.labelsets_, strict=True):
        votes[:, labelset] += est.predict(X_test)
        covered[labelset] += 1
    np.testing.assert_allclose(rakel.vote_share(X_test), votes / covered)
    np.testing.assert_array_equal(rakel.predict(X_test), (votes / covered >= 0.5).astype(int))
    loose = clone(rakel).set_params(threshold=1e-9).fit(X_train, Y_train)
    np.testing.assert_array_equal(loose.predict(X_test), (votes > 0).astype(int))
    proba = rakel.predict_proba(X_test)
    assert proba.shape == (len(X_test), q) and ((proba >= 0) & (proba <= 1)).all()


def test_rakel_o_with_the_full_labelset_is_label_powerset(data):
    X_train, Y_train, X_test, _ = data
    q = Y_train.shape[1]
    rakel = RakelO(MULTI, labelset_size=q, n_estimators=1).fit(X_train, Y_train)
    np.testing.assert_array_equal(rakel.predict(X_test), LabelPowerset(MULTI).fit(X_train, Y_train).predict(X_test))


def test_ecc_averages_chains_with_distinct_random_orders(data):
    X_train, Y_train, X_test, _ = data
    ecc = EnsembleClassifierChains(BASE, n_estimators=4, random_state=0).fit(X_train, Y_train)
    assert len(ecc.chains_) == 4 and len({tuple(o) for o in ecc.orders_}) > 1
    for chain, order in zip(ecc.chains_, ecc.orders_, strict=True):
        same = ClassifierChain(BASE, order=list(order)).fit(X_train, Y_train)
        np.testing.assert_allclose(chain.predict_proba(X_test), same.predict_proba(X_test))
    mean = np.mean([c.predict_proba(X_test) for c in ecc.chains_], axis=0)
    np.testing.assert_allclose(ecc.predict_proba(X_test), mean)
    np.testing.assert_array_equal(ecc.predict(X_test), (mean >= 0.5).astype(int))


def test_ecc_is_reproducible_and_bootstrap_changes_it(data):
    X_train, Y_train, X_test, _ = data
    a = EnsembleClassifierChains(BASE, n_estimators=3, random_state=5).fit(X_train, Y_train).predict_proba(X_test)
    b = EnsembleClassifierChains(BASE, n_estimators=3, random_state=5).fit(X_train, Y_train).predict_proba(X_test)
    c = EnsembleClassifierChains(BASE, n_estimators=3, bootstrap=True, random_state=5).fit(X_train, Y_train)
    np.testing.assert_allclose(a, b)
    assert not np.allclose(a, c.predict_proba(X_test))


@pytest.mark.parametrize("make", [
    lambda: RakelD(MULTI, labelset_size=2, random_state=0),
    lambda: RakelO(MULTI, labelset_size=2, n_estimators=4, random_state=0),
    lambda: EnsembleClassifierChains(BASE, n_estimators=2, random_state=0),
])
def test_sklearn_api_sparse_input_and_clone(data, make):
    X_train, Y_train, X_test, _ = data
    model = make()
    cloned = clone(model)
    assert cloned is not model and cloned.estimator is not model.estimator
    own = {k: v for k, v in model.get_params(deep=False).items() if k != "estimator"}
    assert {k: v for k, v in cloned.get_params(deep=False).items() if k != "estimator"} == own
    assert repr(cloned.estimator) == repr(model.estimator)  # same settings all the way down
    assert model.fit(sp.csr_matrix(X_train), Y_train) is model
    dense = make().fit(X_train, Y_train)
    np.testing.assert_allclose(model.predict_proba(sp.csr_matrix(X_test)), dense.predict_proba(X_test), atol=1e-6)
    assert model.predict(X_test).shape == (len(X_test), Y_train.shape[1])


def test_bad_parameters_are_explained(data):
    X_train, Y_train, _, _ = data
    with pytest.raises(ValueError, match=r"'labelset_size' parameter of RakelD must be an int in the range \[1, inf\)"):
        RakelD(MULTI, labelset_size=0).fit(X_train, Y_train)
    with pytest.raises(ValueError, match="'threshold' parameter of RakelO must be a float in the range \\(0.0, 1.0\\]"):
        RakelO(MULTI, threshold=0.0).fit(X_train, Y_train)
    with pytest.raises(ValueError, match="'threshold' parameter of EnsembleClassifierChains"):
        EnsembleClassifierChains(BASE, threshold=5).fit(X_train, Y_train)
    with pytest.raises(ValueError, match=r"'n_estimators' parameter of EnsembleClassifierChains must be an int in the range \[1, inf\)"):
        EnsembleClassifierChains(BASE, n_estimators=0).fit(X_train, Y_train)
    with pytest.raises(ValueError, match="only 0 and 1"):
        RakelD(MULTI).fit(X_train, Y_train * 2)
