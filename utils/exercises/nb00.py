"""Checkers for the exercises of notebook 00."""

from utils.checks import check_answer
from utils.data import LABELS


def check_labelled_train_comments(answer, comments):
    """Exercise 1: the number of training comments with at least one label."""
    train = comments[comments["split"] == "train"]
    expected = int((train[LABELS].sum(axis=1) > 0).sum())
    return check_answer(answer, expected, hint="filter the train split, sum the six label columns per row, count rows > 0.")


def check_rarest_label(answer, comments):
    """Exercise 2: the name of the label with the fewest positives."""
    counts = comments[LABELS].sum()
    rarest = list(counts[counts == counts.min()].index)
    expected = answer if answer in rarest else rarest[0]  # any label tied for rarest is right
    return check_answer(answer, expected, hint="comments[LABELS].sum() counts positives per label; .idxmin() names the smallest.")
