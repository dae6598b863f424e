"""In-place answer checks for notebook 11 (Keras: one output per label).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

from utils.checks import check_answer

__all__ = ["check_head_params", "check_loss_weight", "check_total_loss", "check_separate_hidden_params"]


def check_head_params(answer, hidden, n_labels=6):
    """Exercise 1: parameters of ``n_labels`` heads ``Dense(1)`` on a trunk of ``hidden`` units."""
    expected = int(n_labels) * (int(hidden) + 1)
    return check_answer(
        answer, expected,
        hint="each Dense(1) head has one weight per trunk unit plus one bias; multiply by the number of heads "
        "(the same as one Dense(n_labels) layer).",
    )


def check_loss_weight(answer, n_labels=6):
    """Exercise 2: the per-output loss weight that turns the sum of ``n_labels`` losses into their mean."""
    expected = 1.0 / int(n_labels)
    return check_answer(
        answer, expected,
        hint="the multi-output total is the SUM of the per-output losses; the single-output loss is their MEAN. "
        "Which factor turns a sum of q terms into their mean?",
    )


def check_total_loss(answer, history, labels):
    """Exercise 3: the last epoch's total loss, rebuilt from the per-output losses in ``history``."""
    try:
        expected = float(sum(history[f"{label}_loss"][-1] for label in labels))
    except (KeyError, IndexError, TypeError):
        print("⚠️ The checker needs a Keras history dict with a '<label>_loss' list for every label.")
        return None
    return check_answer(
        answer, expected,
        hint="take history[f'{label}_loss'][-1] for each of the six labels and add them up (no loss weights were set).",
    )


def check_separate_hidden_params(answer, n_features, head_hidden, n_labels=6):
    """Exercise 4: parameters of ``n_labels`` heads, each ``Dense(head_hidden, relu)`` then ``Dense(1)``."""
    per_head = int(n_features) * int(head_hidden) + int(head_hidden) + int(head_hidden) + 1
    expected = int(n_labels) * per_head
    return check_answer(
        answer, expected,
        hint="per label: a hidden kernel n_features × head_hidden plus head_hidden biases, then a Dense(1) with "
        "head_hidden weights and 1 bias; times the number of labels.",
    )
