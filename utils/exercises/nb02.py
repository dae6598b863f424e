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
    expected = label_cardinality(Y)
    return check_answer(
        answer, expected,
        hint="count the 1s in each row, then average over the rows (Y.sum(axis=1).mean()).",
    )


def check_conditional_probability(answer, Y, given, target, labels=None):
    """Exercise 2: P(``target`` | ``given``), the share of ``given``'s comments that also carry ``target``."""
    names = label_names(Y, labels)
    if given not in names or target not in names:
        print(f"⚠️ The checker was called with labels {given!r}, {target!r}; expected two of {names}.")
        return None
    expected = float(conditional_probability_matrix(as_label_matrix(Y), names).loc[given, target])
    return check_answer(
        answer, expected,
        hint=f"among the rows with {given} = 1, what fraction also has {target} = 1? "
        f"(Not the other way round: P({given} | {target}) is a different number.)",
    )


def check_singleton_label_sets(answer, Y, labels=None):
    """Exercise 3: how many distinct label sets occur exactly once in ``Y``."""
    counts = label_set_counts(Y, labels)
    expected = int((counts == 1).sum())
    return check_answer(
        answer, expected,
        hint="use label_set_counts(Y) and count the label sets whose count is exactly 1.",
    )
