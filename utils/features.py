"""Turning comment text into features: TF-IDF matrices (and, later, token ids).

One place defines the course's standard vectorisers so every notebook from 05
on trains on the same features.

Sized for the full Kaggle data as well as the classroom corpus: values are
``float32`` (half the memory of float64, and what Keras trains on anyway) and
each vocabulary keeps at most :data:`MAX_FEATURES` terms, the most frequent
ones. Unbounded, word 1-2-grams and character 2-5-grams of 160k comments give
millions of columns; the classroom corpus has fewer terms than the bound, so
the bound changes nothing there.
"""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

__all__ = ["tfidf_vectorizer", "tfidf_features"]

FEATURE_KINDS = ("word", "char", "word+char")

#: Default size bound of each vocabulary (word+char: up to twice this many columns).
MAX_FEATURES = 50_000


def _word_tfidf(max_features):
    return TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
        strip_accents="unicode", max_features=max_features, dtype=np.float32,
    )


def _char_tfidf(max_features):
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
        strip_accents="unicode", max_features=max_features, dtype=np.float32,
    )


def tfidf_vectorizer(kind="word+char", max_features=MAX_FEATURES):
    """The course's TF-IDF vectoriser: ``"word"``, ``"char"`` or ``"word+char"``.

    Words use 1–2-grams, characters 2–5-grams within word boundaries (robust to
    typos like "id1ot"); both are sublinear and ignore terms seen only once.
    Values are float32; each vocabulary keeps the ``max_features`` most frequent
    terms (None = no bound).
    """
    if kind == "word":
        return _word_tfidf(max_features)
    if kind == "char":
        return _char_tfidf(max_features)
    if kind == "word+char":
        return FeatureUnion([("word", _word_tfidf(max_features)), ("char", _char_tfidf(max_features))])
    raise ValueError(f"kind must be one of {FEATURE_KINDS}, got {kind!r}.")


def tfidf_features(texts_train, texts_test, kind="word+char", max_features=MAX_FEATURES):
    """Fit a TF-IDF vectoriser on the training texts; return ``(X_train, X_test, vectorizer)``."""
    vectorizer = tfidf_vectorizer(kind, max_features)
    X_train = vectorizer.fit_transform(texts_train)
    return X_train, vectorizer.transform(texts_test), vectorizer
