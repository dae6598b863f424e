"""Looking inside text features: sparsity, n-gram vocabularies, obfuscated words, sequence lengths.

Notebook 03 uses these to measure what a vectoriser built (how many features,
how sparse, how much memory) and which n-grams matter for each label. Every
function returns plain numbers, dicts or small DataFrames.
"""

import re
from collections import Counter

import numpy as np
import pandas as pd
from scipy import sparse

from utils import SEED
from utils.sequences import tokenize

__all__ = [
    "sparse_nbytes",
    "dense_nbytes",
    "sparsity_summary",
    "ngram_length_counts",
    "feature_names",
    "known_ngram_share",
    "deobfuscate",
    "obfuscated_tokens",
    "token_lengths",
    "length_summary",
    "top_ngrams_per_label",
    "top_ngrams_table",
]

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"})
_WORDISH = re.compile(r"[a-z0-9$@*]+")
_LETTER_RUN = re.compile(r"([a-z])\1{2,}")
_LEET_BEFORE_LETTER = re.compile(r"[0-9$@][a-z]")  # "id1ot", "l0$er", "$0urce"; not "user77"


def _as_csr(X, name="X"):
    """A SciPy CSR matrix, or a clear error."""
    if not sparse.issparse(X):
        raise TypeError(f"{name} must be a SciPy sparse matrix (e.g. from a vectoriser), got {type(X).__name__}.")
    return sparse.csr_matrix(X)


def sparse_nbytes(X):
    """Bytes a CSR matrix really holds: its values, column indices and row pointers."""
    X = _as_csr(X)
    return int(X.data.nbytes + X.indices.nbytes + X.indptr.nbytes)


def dense_nbytes(X, dtype=None):
    """Bytes the same matrix would take as a dense NumPy array of ``dtype`` (default: ``X``'s own)."""
    n_rows, n_cols = X.shape
    return int(n_rows) * int(n_cols) * np.dtype(X.dtype if dtype is None else dtype).itemsize


def sparsity_summary(X):
    """Shape, stored entries, density and memory of a sparse feature matrix, as a dict.

    ``density`` is the fraction of cells that are not zero (``nnz / (rows * cols)``);
    memory is in megabytes (10**6 bytes), dense assuming float64.
    """
    X = _as_csr(X)
    n_rows, n_cols = X.shape
    if n_rows == 0 or n_cols == 0:
        raise ValueError(f"X has shape {X.shape}; expected at least one row and one column.")
    return {
        "rows": int(n_rows),
        "columns": int(n_cols),
        "nonzeros": int(X.nnz),
        "density": X.nnz / (n_rows * n_cols),
        "nonzeros_per_row": X.nnz / n_rows,
        "sparse_mb": sparse_nbytes(X) / 1e6,
        "dense_mb": dense_nbytes(X) / 1e6,
    }


def feature_names(vectorizer):
    """The fitted vectoriser's feature names as a NumPy array of strings."""
    if not hasattr(vectorizer, "get_feature_names_out"):
        raise TypeError(f"{type(vectorizer).__name__} has no get_feature_names_out(); expected a fitted vectoriser.")
    try:
        return np.asarray(vectorizer.get_feature_names_out(), dtype=str)
    except (AttributeError, ValueError) as err:
        raise ValueError(f"the vectoriser is not fitted yet ({err}); call fit or fit_transform first.") from None


def ngram_length_counts(vectorizer):
    """How many vocabulary entries have each n-gram length (words for word analysers, characters otherwise)."""
    names = feature_names(vectorizer)
    analyzer = getattr(vectorizer, "analyzer", "word")
    if analyzer == "word":
        lengths = [len(name.split(" ")) for name in names]
    else:
        lengths = [len(name) for name in names]
    counts = pd.Series(Counter(lengths)).sort_index()
    return counts.rename_axis("n").rename("features")


def known_ngram_share(vectorizer, text):
    """Share of the n-grams ``vectorizer`` extracts from ``text`` that are in its fitted vocabulary.

    1.0 means every n-gram was seen in training; 0.0 means the text is, to this
    vectoriser, an empty row of zeros.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}.")
    if not hasattr(vectorizer, "vocabulary_"):
        raise ValueError("the vectoriser is not fitted yet (no vocabulary_); call fit or fit_transform first.")
    grams = vectorizer.build_analyzer()(text)
    if not grams:
        return float("nan")
    return sum(g in vectorizer.vocabulary_ for g in grams) / len(grams)


def deobfuscate(token, vocabulary=None):
    """Undo common obfuscation: leetspeak digits/symbols to letters, runs of 3+ letters to one.

    ``"id1ot"`` → ``"idiot"``, ``"stuuupid"`` → ``"stupid"``, ``"l0$er"`` → ``"loser"``.
    With a ``vocabulary`` (known words), runs shrink to two letters instead when
    that form is known: ``"gooood"`` → ``"good"``, not ``"god"``.
    A rough normaliser for finding examples, not a spelling corrector.
    """
    out = token.lower().translate(_LEET)
    double = _LETTER_RUN.sub(r"\1\1", out)
    if vocabulary is not None and double in vocabulary:
        return double
    return _LETTER_RUN.sub(r"\1", out)


def _looks_obfuscated(token):
    return bool(_LETTER_RUN.search(token) or _LEET_BEFORE_LETTER.search(token))


def obfuscated_tokens(texts, vocabulary=None, min_length=4):
    """Tokens that look obfuscated: a letter repeated 3+ times, or a digit/``$``/``@`` before a letter.

    Returns a DataFrame with one row per distinct token: ``token``, its
    ``plain`` form (:func:`deobfuscate`, told the ``vocabulary``), ``count`` in ``texts`` and, if a word
    ``vocabulary`` (a mapping or set of known words) is given, whether the token
    and its plain form are in it. Sorted by count, then token.
    """
    if isinstance(texts, str):
        raise TypeError("expected a list of texts, got a single string; wrap it in a list.")
    counts = Counter(
        tok for text in texts for tok in _WORDISH.findall(str(text).lower())
        if len(tok) >= min_length and _looks_obfuscated(tok)
    )
    rows = [{"token": tok, "plain": deobfuscate(tok, vocabulary), "count": n} for tok, n in counts.items()]
    frame = pd.DataFrame(rows, columns=["token", "plain", "count"])
    frame = frame[frame["token"] != frame["plain"]]
    if vocabulary is not None:
        frame["token_known"] = frame["token"].map(lambda t: t in vocabulary)
        frame["plain_known"] = frame["plain"].map(lambda t: t in vocabulary)
    return frame.sort_values(["count", "token"], ascending=[False, True]).reset_index(drop=True)


def token_lengths(texts, lowercase=True):
    """Number of tokens (as :class:`utils.sequences.TextSequencer` splits them) in each text."""
    if isinstance(texts, str):
        raise TypeError("expected a list of texts, got a single string; wrap it in a list.")
    return np.array([len(tokenize(str(t), lowercase)) for t in texts], dtype=int)


def length_summary(lengths, max_len):
    """What cutting sequences at ``max_len`` tokens does: a dict of shares and percentiles.

    ``share_cut``: share of texts longer than ``max_len``; ``tokens_lost``: share
    of all tokens beyond the cut; ``padding``: share of the padded matrix's cells
    that are padding.
    """
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or lengths.size == 0:
        raise ValueError(f"lengths must be a non-empty 1-D array of token counts, got shape {lengths.shape}.")
    if isinstance(max_len, bool) or not isinstance(max_len, (int, np.integer)) or max_len < 1:
        raise ValueError(f"max_len must be a positive whole number, got {max_len!r}.")
    kept = np.minimum(lengths, max_len)
    total = lengths.sum()
    return {
        "max_len": int(max_len),
        "median": float(np.median(lengths)),
        "p95": float(np.percentile(lengths, 95)),
        "longest": int(lengths.max()),
        "share_cut": float((lengths > max_len).mean()),
        "tokens_lost": float((lengths - kept).sum() / total) if total else 0.0,
        "padding": float(1 - kept.sum() / (max_len * lengths.size)),
    }


def _check_xy(X, Y, labels):
    X = _as_csr(X)
    Y = np.asarray(Y)
    if Y.ndim != 2 or Y.shape[0] != X.shape[0]:
        raise ValueError(f"Y must be a (n_samples, n_labels) matrix with {X.shape[0]} rows, got shape {Y.shape}.")
    if labels is None:
        labels = [f"label_{j}" for j in range(Y.shape[1])]
    labels = list(labels)
    if len(labels) != Y.shape[1]:
        raise ValueError(f"got {len(labels)} label names for {Y.shape[1]} label columns.")
    return X, Y, labels


def _label_scores(X, y, method, C, random_state):
    """One score per feature for one label column (higher = more typical of positives)."""
    pos, neg = y == 1, y == 0
    mean_pos = np.asarray(X[pos].mean(axis=0)).ravel()
    mean_neg = np.asarray(X[neg].mean(axis=0)).ravel()
    if method == "mean_diff":
        return mean_pos - mean_neg, mean_pos, mean_neg
    from utils.baselines import linear_classifier

    model = linear_classifier(C=C, random_state=random_state).fit(X, y)
    return model.coef_.ravel(), mean_pos, mean_neg


def top_ngrams_per_label(vectorizer, X, Y, labels=None, n=10, method="mean_diff", C=4.0, random_state=SEED):
    """The ``n`` features that most mark each label, as ``{label: DataFrame}``.

    ``method="mean_diff"``: mean TF-IDF in the label's positive comments minus
    in its negatives (fast, no model). ``method="logreg"``: the coefficients of
    one logistic regression per label (:func:`utils.baselines.linear_classifier`),
    which discounts n-grams that only ride along with stronger ones.
    Each table has ``ngram``, ``score``, ``mean_pos`` and ``mean_neg`` columns.
    Labels without both classes get an empty table.
    """
    if method not in ("mean_diff", "logreg"):
        raise ValueError(f"method must be 'mean_diff' or 'logreg', got {method!r}.")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number, got {n!r}.")
    X, Y, labels = _check_xy(X, Y, labels)
    names = feature_names(vectorizer)
    if names.size != X.shape[1]:
        raise ValueError(f"the vectoriser has {names.size} features but X has {X.shape[1]} columns.")
    tables = {}
    for j, label in enumerate(labels):
        y = Y[:, j]
        if np.unique(y).size < 2:
            tables[label] = pd.DataFrame(columns=["ngram", "score", "mean_pos", "mean_neg"])
            continue
        score, mean_pos, mean_neg = _label_scores(X, y, method, C, random_state)
        top = np.lexsort((names, -score))[:n]  # highest score first, ties alphabetical
        tables[label] = pd.DataFrame(
            {"ngram": names[top], "score": score[top], "mean_pos": mean_pos[top], "mean_neg": mean_neg[top]}
        )
    return tables


def top_ngrams_table(tables, labels_as_rows=False):
    """One table from :func:`top_ngrams_per_label`: rank as rows, one column of n-grams per label.

    ``labels_as_rows=True`` turns it round (one row per label, one column per rank), which keeps
    many labels readable: a notebook shows every row, but cuts wide tables with "…".
    """
    columns = {label: table["ngram"].reset_index(drop=True) for label, table in tables.items()}
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="rank")
    frame = frame.fillna("")
    return frame.T.rename_axis(index="label", columns="rank") if labels_as_rows else frame
