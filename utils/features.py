"""Turning comment text into features: TF-IDF matrices (and, later, token ids).

One place defines the course's standard vectorisers so every notebook from 05
on trains on the same features.
"""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

__all__ = ["tfidf_vectorizer", "tfidf_features"]

FEATURE_KINDS = ("word", "char", "word+char")


def _word_tfidf(max_features):
    return TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
        strip_accents="unicode", max_features=max_features,
    )


def _char_tfidf(max_features):
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
        strip_accents="unicode", max_features=max_features,
    )


def tfidf_vectorizer(kind="word+char", max_features=50_000):
    """The course's TF-IDF vectoriser: ``"word"``, ``"char"`` or ``"word+char"``.

    Words use 1–2-grams, characters 2–5-grams within word boundaries (robust to
    typos like "id1ot"); both are sublinear and ignore terms seen only once.
    """
    if kind == "word":
        return _word_tfidf(max_features)
    if kind == "char":
        return _char_tfidf(max_features)
    if kind == "word+char":
        return FeatureUnion([("word", _word_tfidf(max_features)), ("char", _char_tfidf(max_features))])
    raise ValueError(f"kind must be one of {FEATURE_KINDS}, got {kind!r}.")


def tfidf_features(texts_train, texts_test, kind="word+char", max_features=50_000):
    """Fit a TF-IDF vectoriser on the training texts; return ``(X_train, X_test, vectorizer)``."""
    vectorizer = tfidf_vectorizer(kind, max_features)
    X_train = vectorizer.fit_transform(texts_train)
    return X_train, vectorizer.transform(texts_test), vectorizer
