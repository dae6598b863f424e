"""Checkers for the exercises of notebook 00.

Each checker computes the expected answer from the data it is given (label
columns included), prints right/wrong with a hint, returns True/False (None if
unanswered) and never raises.
"""

from utils.checks import check_answer
from utils.data import label_columns

__all__ = ["label_columns", "check_labelled_train_comments", "check_rarest_label"]


def check_labelled_train_comments(answer, comments):
    """Exercise 1: the number of training comments with at least one label."""
    labels = label_columns(comments)
    train = comments[comments["split"] == "train"]
    expected = int((train[labels].sum(axis=1) > 0).sum())
    labelled = comments[labels].sum(axis=1) > 0
    mistakes = [
        (int(labelled.sum()), "that counts the labelled comments of every split; keep only the rows whose split is "
                              "'train'."),
        (int((labelled & (comments["split"] != "test")).sum()), "that counts the 'validation' rows too; the "
                                                               "question asks for the rows whose split is 'train'."),
        (int(train[labels].to_numpy().sum()), "that counts the 1s (labels), not the comments that have one."),
        (len(train), "that is every training comment, labelled or not."),
    ]
    return check_answer(
        answer, expected, mistakes=[m for m in mistakes if m[0] != expected],  # the first that matches explains
        hint=f"filter the train split, sum the {len(labels)} label columns per row, count the rows where that is > 0.",
    )


def check_rarest_label(answer, comments):
    """Exercise 2: the name of the label with the fewest positives (any label tied for rarest is right)."""
    counts = comments[label_columns(comments)].sum()
    rarest = [str(name) for name in counts[counts == counts.min()].index]
    expected = rarest[0]
    if isinstance(answer, str) and answer.strip().lower() in rarest:
        expected = answer.strip().lower()
    most = [str(name) for name in counts[counts == counts.max()].index]
    mistakes = [(name, "that is the most common label: .idxmax() finds the largest count.")
                for name in most if name not in rarest]
    return check_answer(
        answer, expected, mistakes=mistakes,
        hint="comments[labels].sum() (labels = label_columns(comments)) counts the positives per label; .idxmin() names the smallest.",
    )
