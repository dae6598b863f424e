"""In-place answer checks for notebook 02 (the data).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

from utils.checks import check_answer
from utils.labelsets import (
    as_label_matrix,
    conditional_probability_matrix,
    label_cardinality,
    label_names,
    label_set_counts,
)

__all__ = ["check_cardinality", "check_conditional_probability", "check_singleton_label_sets"]


def check_cardinality(answer, Y):
    """Exercise 1: the label cardinality (mean labels per comment) of ``Y``."""
    arr = as_label_matrix(Y)
    expected = label_cardinality(arr)
    labelled = arr.sum(axis=1) > 0
    mistakes = [(float(arr.mean()), "that is the label density: it also divides by the number of labels.")]
    if labelled.any():
        mistakes.append((float(arr[labelled].sum(axis=1).mean()),
                         "that averages over the labelled comments only; cardinality counts every comment."))
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="count the 1s in each row, then average over the rows (Y.sum(axis=1).mean()).",
    )


def check_conditional_probability(answer, Y, given, target, labels=None):
    """Exercise 2: P(``target`` | ``given``), the share of ``given``'s comments that also carry ``target``."""
    names = label_names(Y, labels)
    if given not in names or target not in names:
        print(f"⚠️ The checker was called with labels {given!r}, {target!r}; expected two of {names}.")
        return None
    arr = as_label_matrix(Y)
    table = conditional_probability_matrix(arr, names)
    both = arr[:, names.index(given)] & arr[:, names.index(target)]
    return check_answer(
        answer, float(table.loc[given, target]),
        mistakes=[(float(table.loc[target, given]), f"that is P({given} | {target}), the other direction."),
                  (float(both.mean()), f"that is P({given} and {target}), the share of ALL comments with both.")],
        hint=f"among the rows with {given} = 1, what fraction also has {target} = 1? "
        f"(Not the other way round: P({given} | {target}) is a different number.)",
    )


def check_singleton_label_sets(answer, Y, labels=None):
    """Exercise 3: how many distinct label sets occur exactly once in ``Y``."""
    counts = label_set_counts(Y, labels)
    return check_answer(
        answer, int((counts == 1).sum()),
        mistakes=[(int(len(counts)), "that counts every distinct label set, not only those seen once."),
                  (int((counts <= 2).sum()), "that counts the sets seen once or twice.")],
        hint="use label_set_counts(Y) and count the label sets whose count is exactly 1.",
    )
