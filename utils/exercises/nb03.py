"""In-place answer checks for notebook 03 (text to features).

Each checker computes the expected answer from the objects it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

import numpy as np
from scipy import sparse

from utils.checks import check_answer
from utils.sequences import OOV_ID, PAD_ID

__all__ = ["check_density", "check_max_len_for_share", "check_oov_count", "smallest_max_len"]


def check_density(answer, X):
    """Exercise 1: the share of cells of the matrix ``X`` that are not zero."""
    n_rows, n_cols = X.shape
    nonzero = X.nnz if sparse.issparse(X) else np.count_nonzero(X)
    expected = nonzero / (n_rows * n_cols) if n_rows * n_cols else float("nan")
    mistakes = [(float(nonzero / n_rows), "that is the mean number of non-zero cells per comment; divide by the "
                                          "columns too.")] if n_rows else []
    return check_answer(
        answer, float(expected), tol=1e-6, mistakes=mistakes,
        hint="count the stored (non-zero) entries with X.nnz and divide by rows × columns "
        "(X.shape[0] * X.shape[1]); the answer is a fraction, not a percentage.",
    )


def smallest_max_len(lengths, share=0.95):
    """The smallest ``max_len`` that leaves at least ``share`` of the texts uncut."""
    lengths = np.sort(np.asarray(lengths))
    k = int(np.ceil(share * lengths.size))  # this many texts must fit
    return int(max(1, lengths[max(k, 1) - 1]))


def check_max_len_for_share(answer, lengths, share=0.9):
    """Exercise 2: the smallest ``max_len`` that cuts none of at least ``share`` of the comments."""
    expected = smallest_max_len(lengths, share)
    mistakes = [(expected + 1, "that is one too many: a comment of exactly max_len tokens is not cut, so count "
                               "(lengths <= L), not (lengths < L)."),
                (expected - 1, f"with that max_len fewer than {share:.0%} of the comments stay uncut.")]
    if share != 0.95:
        mistakes.append((smallest_max_len(lengths, 0.95), f"that is the answer for 95%; the question asks {share:.0%}."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint=f"a comment is cut when it has more than max_len tokens; try (lengths <= L).mean() for "
        f"several L and keep the smallest L where it reaches {share}.",
    )


def check_oov_count(answer, sequencer, text):
    """Exercise 3: how many ids of ``text``'s padded row are the out-of-vocabulary id."""
    try:
        row = np.asarray(sequencer.transform([text])[0])
    except (RuntimeError, TypeError, ValueError) as err:
        print(f"⚠️ The checker could not run the sequencer: {err}")
        return None
    return check_answer(
        answer, int((row == OOV_ID).sum()),
        mistakes=[(int((row == PAD_ID).sum()), f"that counts the padding id {PAD_ID}, not the out-of-vocabulary "
                                               f"id {OOV_ID}."),
                  (int((row != PAD_ID).sum()), "that counts every token of the comment, known or not.")],
        hint=f"transform [text] with the sequencer and count the ids equal to {OOV_ID}; "
        "inverse_transform shows them as '[UNK]'.",
    )
