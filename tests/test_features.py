"""Tests of utils.features (TF-IDF vectorisers) and utils.sequences (token-id sequences)."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import FeatureUnion

from utils.features import MAX_FEATURES, tfidf_features, tfidf_vectorizer
from utils.sequences import OOV_ID, PAD_ID, TextSequencer, tokenize

TRAIN = [
    "You are an idiot and a troll.",
    "Thanks for the source, the edit is fine.",
    "What an idiot, revert this troll edit!",
    "The source is fine; thanks for checking.",
]
TEST = ["You id1ot troll", "brand new words only"]


# ------------------------------------------------------------------ features
@pytest.mark.parametrize("kind", ["word", "char", "word+char"])
def test_tfidf_features_shapes_and_unit_rows(kind):
    X_train, X_test, vec = tfidf_features(TRAIN, TEST, kind=kind)
    assert sparse.issparse(X_train) and sparse.issparse(X_test)
    assert X_train.shape[0] == len(TRAIN) and X_test.shape[0] == len(TEST)
    assert X_train.shape[1] == X_test.shape[1] > 0
    norms = np.sqrt(X_train.multiply(X_train).sum(axis=1)).A1
    expected = 2.0 if kind == "word+char" else 1.0  # a FeatureUnion stacks two unit-length blocks
    assert np.allclose(norms, np.sqrt(expected))
    assert (X_train.data > 0).all()


def test_word_vectoriser_settings_and_min_df():
    vec = tfidf_vectorizer("word")
    assert vec.ngram_range == (1, 2) and vec.min_df == 2 and vec.sublinear_tf
    vec.fit(TRAIN)
    # 'idiot' occurs in two comments, 'brand' in none, 'checking' in one (dropped by min_df=2)
    assert "idiot" in vec.vocabulary_ and "checking" not in vec.vocabulary_
    assert "the source" in vec.vocabulary_  # a bigram seen twice


def test_char_vectoriser_survives_obfuscation():
    X_train, X_test, vec = tfidf_features(TRAIN, TEST, kind="char")
    word_train, word_test, _ = tfidf_features(TRAIN, TEST, kind="word")
    assert vec.analyzer == "char_wb" and vec.ngram_range == (2, 5)
    # "You id1ot troll": char n-grams overlap with the idiot comments, word features only keep 'you' and 'troll'
    sims = (X_test[0] @ X_train.T).toarray().ravel()
    assert sims[0] > sims[1]
    # a comment made only of unseen words has no word feature at all
    assert word_test[1].nnz == 0


def test_test_texts_do_not_change_the_vocabulary():
    _, _, vec = tfidf_features(TRAIN, TEST + ["zzzz qqqq"] * 5, kind="word")
    assert "zzzz" not in vec.vocabulary_


def test_word_plus_char_is_a_feature_union_of_both():
    vec = tfidf_vectorizer("word+char", max_features=100)
    assert isinstance(vec, FeatureUnion)
    X = vec.fit_transform(TRAIN)
    n_word = tfidf_vectorizer("word", 100).fit_transform(TRAIN).shape[1]
    n_char = tfidf_vectorizer("char", 100).fit_transform(TRAIN).shape[1]
    assert X.shape[1] == n_word + n_char
    assert n_char <= 100


def test_max_features_and_clone():
    vec = tfidf_vectorizer("char", max_features=20)
    assert vec.fit_transform(TRAIN).shape[1] == 20
    assert clone(vec).get_params()["max_features"] == 20


def test_unknown_kind_is_explained():
    with pytest.raises(ValueError, match="kind must be one of"):
        tfidf_vectorizer("bigram")


# ------------------------------------------------------------------ sequences
def test_tokenize_keeps_words_and_tone_punctuation():
    assert tokenize("You're SO wrong!!! f*** it?") == ["you're", "so", "wrong", "!", "!", "!", "f", "*", "*", "*", "it", "?"]
    assert tokenize("Id1ot 42") == ["id1ot", "42"]


def test_tokenize_without_lowercasing_keeps_capitals():
    assert tokenize("Hello YOU", lowercase=False) == ["Hello", "YOU"]


def test_vocabulary_is_frequency_ordered_and_deterministic():
    seq = TextSequencer(max_tokens=5).fit(["b a a c", "a b d"])
    # counts a 3, b 2, c 1, d 1 -> ids from 2, ties alphabetical; max_tokens 5 keeps 3 words
    assert seq.vocabulary_ == {"a": 2, "b": 3, "c": 4}
    assert seq.vocabulary_size_ == 5
    assert TextSequencer(max_tokens=5).fit(["a b d", "b a a c"]).vocabulary_ == seq.vocabulary_


def test_transform_pads_cuts_and_marks_unknown_tokens():
    seq = TextSequencer(max_tokens=10, max_len=4).fit(["the cat sat", "the dog"])
    ids = seq.transform(["the cat", "the zebra sat on the mat"])
    assert ids.dtype == np.int32 and ids.shape == (2, 4)
    the, cat, sat = seq.vocabulary_["the"], seq.vocabulary_["cat"], seq.vocabulary_["sat"]
    assert ids[0].tolist() == [the, cat, PAD_ID, PAD_ID]
    assert ids[1].tolist() == [the, OOV_ID, sat, OOV_ID]  # cut after 4 tokens
    assert seq.inverse_transform(ids) == [["the", "cat"], ["the", "[UNK]", "sat", "[UNK]"]]


def test_min_count_sends_rare_tokens_to_oov():
    seq = TextSequencer(min_count=2, max_len=3).fit(["x y", "x z"])
    assert set(seq.vocabulary_) == {"x"}
    assert seq.transform(["x y z"])[0].tolist() == [2, OOV_ID, OOV_ID]


def test_sequencer_is_a_clonable_estimator():
    seq = TextSequencer(max_tokens=50, max_len=7)
    assert clone(seq).get_params() == seq.get_params()
    out = seq.fit_transform(TRAIN)
    assert out.shape == (len(TRAIN), 7)


def test_sequencer_errors_are_explained():
    with pytest.raises(NotFittedError, match="not fitted"):
        TextSequencer().transform(["a"])
    with pytest.raises(TypeError, match="single string"):
        TextSequencer().fit("just one text")
    with pytest.raises(TypeError, match="expected str"):
        TextSequencer().fit(["ok", None])
    with pytest.raises(ValueError, match="at least 3"):
        TextSequencer(max_tokens=2).fit(["a"])


@pytest.mark.parametrize(("text", "tokens"), [
    ("café naïve", ["café", "naïve"]),
    ("Straße", ["straße"]),
    ("مرحبا بالعالم", ["مرحبا", "بالعالم"]),
    ("Привет, МИР 2024!", ["привет", "мир", "2024", "!"]),
    ("don't stop_now", ["don't", "stop", "now"]),
])
def test_tokenize_keeps_unicode_letters_and_digits(text, tokens):
    assert tokenize(text) == tokens


def test_emoji_are_dropped_so_an_emoji_only_comment_is_all_padding():
    assert tokenize("nice 👍 work 🔥🔥") == ["nice", "work"]
    seq = TextSequencer(max_len=3).fit(["nice work", "🔥🔥"])
    assert seq.transform(["🔥🔥"])[0].tolist() == [PAD_ID] * 3


def test_tfidf_is_float32_and_each_vocabulary_is_bounded():
    texts = [f"word{i} common shared text number {i % 7}" for i in range(60)] * 2
    X_train, X_test, vec = tfidf_features(texts, texts[:3], kind="word+char")
    assert X_train.dtype == X_test.dtype == np.float32
    assert MAX_FEATURES == tfidf_vectorizer("word").max_features == tfidf_vectorizer("char").max_features
    full = tfidf_features(texts, texts[:3], kind="word", max_features=None)[0].shape[1]
    small, _, small_vec = tfidf_features(texts, texts[:3], kind="word", max_features=10)
    assert full > 10 and small.shape[1] == 10 == len(small_vec.vocabulary_)
    # the bound keeps the most frequent terms: 'common' (in every comment) survives
    assert "common" in small_vec.vocabulary_
