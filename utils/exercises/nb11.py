"""In-place answer checks for notebook 11 (Keras: one output per label).

Each checker computes the expected answer from the data it is given, prints
right/wrong with a hint, returns True/False (None if unanswered) and never raises.
"""

from utils.checks import check_answer

__all__ = ["check_head_params", "check_loss_weight", "check_total_loss", "check_separate_hidden_params"]


def check_head_params(answer, hidden, n_labels):
    """Exercise 1: parameters of ``n_labels`` heads ``Dense(1)`` on a trunk of ``hidden`` units."""
    hidden, n_labels = int(hidden), int(n_labels)
    return check_answer(
        answer, n_labels * (hidden + 1),
        mistakes=[(n_labels * hidden, "the biases are missing: each head has one."),
                  (hidden + 1, f"that is ONE head; there are {n_labels}.")],
        hint="each Dense(1) head has one weight per trunk unit plus one bias; multiply by the number of heads "
        "(the same as one Dense(n_labels) layer).",
    )


def check_loss_weight(answer, n_labels):
    """Exercise 2: the per-output loss weight that turns the sum of ``n_labels`` losses into their mean."""
    n_labels = int(n_labels)
    return check_answer(
        answer, 1.0 / n_labels,
        mistakes=[(float(n_labels), f"upside down: multiplying each loss by {n_labels} makes the sum bigger, not "
                                    "a mean."),
                  (1.0, "with weight 1 the total stays the SUM of the losses.")],
        hint="the multi-output total is the SUM of the per-output losses; the single-output loss is their MEAN. "
        "Which factor turns a sum of q terms into their mean?",
    )


def check_total_loss(answer, history, labels):
    """Exercise 3: the last epoch's total loss, rebuilt from the per-output losses in ``history``."""
    try:
        last = [float(history[f"{label}_loss"][-1]) for label in labels]
        first = [float(history[f"{label}_loss"][0]) for label in labels]
    except (KeyError, IndexError, TypeError):
        print("⚠️ The checker needs a Keras history dict with a '<label>_loss' list for every label.")
        return None
    mistakes = [(sum(last) / len(last), "that is the mean of the per-output losses; with no loss weights Keras "
                                        "adds them up.")]
    if len(history[f"{labels[0]}_loss"]) > 1:
        mistakes.append((sum(first), "that is the FIRST epoch; take the last entry, [-1]."))
    return check_answer(
        answer, sum(last), mistakes=mistakes,
        hint=f"take history[f'{{label}}_loss'][-1] for each of the {len(last)} labels and add them up "
        "(no loss weights were set).",
    )


def check_separate_hidden_params(answer, n_features, head_hidden, n_labels):
    """Exercise 4: parameters of ``n_labels`` heads, each ``Dense(head_hidden, relu)`` then ``Dense(1)``."""
    n, h, q = int(n_features), int(head_hidden), int(n_labels)
    per_head = n * h + h + h + 1
    return check_answer(
        answer, q * per_head,
        mistakes=[(q * (n * h + h), "the biases are missing: head_hidden in each hidden layer and 1 in each output."),
                  (q * (n * h + h + h), "the output layer of each head has a bias too."),
                  (q * (n * h + h + 1), "each head's hidden layer has head_hidden biases as well."),
                  (per_head, f"that is ONE head; there are {q}.")],
        hint="per label: a hidden kernel n_features × head_hidden plus head_hidden biases, then a Dense(1) with "
        "head_hidden weights and 1 bias; times the number of labels.",
    )
