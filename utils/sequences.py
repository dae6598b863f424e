"""Text to padded token-id sequences for Keras models, without TensorFlow.

Keras' ``TextVectorization`` layer needs TensorFlow; this small, scikit-learn
style transformer does the same job in NumPy: lower-case, split into word and
punctuation tokens, map the most frequent tokens to ids, pad or cut to a
fixed length.
"""

import re
from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["TextSequencer", "tokenize", "PAD_ID", "OOV_ID"]

PAD_ID = 0
OOV_ID = 1
# A word is a run of Unicode letters and digits (any script: "café", "Straße", "مرحبا"), optionally
# with an apostrophe part ("don't"); "_" is not a letter. Emoji and other symbols are not word characters.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[!?*]")


def tokenize(text, lowercase=True):
    """Split text into word tokens (Unicode letters and digits) and the punctuation that carries tone (! ? *).

    Any script is kept whole: ``"café naïve"`` gives ``["café", "naïve"]``. Lower-casing is
    ``str.casefold``-free ``lower()`` (``"Straße"`` stays ``"straße"``). Emoji and other symbols
    are dropped: ``"nice 👍"`` gives ``["nice"]``, so a comment made only of emoji has no tokens.
    """
    return _TOKEN.findall(text.lower() if lowercase else text)


class TextSequencer(BaseEstimator, TransformerMixin):
    """Map texts to fixed-length arrays of token ids.

    Id 0 is padding, id 1 stands for tokens outside the vocabulary, and ids
    from 2 on go to the ``max_tokens - 2`` most frequent training tokens
    (ties broken alphabetically, so the vocabulary is deterministic).

    Parameters
    ----------
    max_tokens : int
        Vocabulary size including the padding and out-of-vocabulary ids.
    max_len : int
        Length of every output row: longer texts are cut, shorter ones padded
        at the end (``truncating``/``padding`` = "post").
    min_count : int
        Tokens seen fewer times in training are out of vocabulary.
    """

    def __init__(self, max_tokens=20_000, max_len=100, min_count=1, lowercase=True):
        self.max_tokens = max_tokens
        self.max_len = max_len
        self.min_count = min_count
        self.lowercase = lowercase

    def fit(self, texts, y=None):
        """Learn the vocabulary from ``texts`` (an iterable of strings)."""
        texts = self._check_texts(texts)
        if self.max_tokens < 3:
            raise ValueError(f"max_tokens must be at least 3 (padding, unknown, one word), got {self.max_tokens}.")
        counts = Counter(tok for text in texts for tok in tokenize(text, self.lowercase))
        kept = sorted((tok for tok, n in counts.items() if n >= self.min_count), key=lambda t: (-counts[t], t))
        kept = kept[: self.max_tokens - 2]
        self.vocabulary_ = {tok: i + 2 for i, tok in enumerate(kept)}
        self.vocabulary_size_ = len(self.vocabulary_) + 2
        return self

    def transform(self, texts):
        """Return an int32 array of shape ``(n_texts, max_len)``."""
        check_is_fitted(self, "vocabulary_")
        texts = self._check_texts(texts)
        out = np.full((len(texts), self.max_len), PAD_ID, dtype=np.int32)
        for row, text in enumerate(texts):
            ids = [self.vocabulary_.get(tok, OOV_ID) for tok in tokenize(text, self.lowercase)][: self.max_len]
            out[row, : len(ids)] = ids
        return out

    def inverse_transform(self, ids):
        """Turn id rows back into token lists (padding dropped, unknowns as '[UNK]')."""
        check_is_fitted(self, "vocabulary_")
        words = {i: tok for tok, i in self.vocabulary_.items()}
        words[OOV_ID] = "[UNK]"
        return [[words[i] for i in row if i != PAD_ID] for row in np.asarray(ids)]

    @staticmethod
    def _check_texts(texts):
        if isinstance(texts, str):
            raise TypeError("expected a list of texts, got a single string; wrap it in a list.")
        texts = list(texts)
        bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
        if bad:
            raise TypeError(f"text {bad[0]} is {type(texts[bad[0]]).__name__}, expected str.")
        return texts
