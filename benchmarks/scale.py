"""A Kaggle-size stand-in of the Jigsaw toxic-comment data, and every notebook timed on it.

Usage (from the repository root; ``make bench-scale`` runs the last two lines)::

    python benchmarks/scale.py generate --sample /path/to/jigsaw_sample --rows 40000
    python benchmarks/scale.py generate --sample /path/to/jigsaw_sample              # full size
    python benchmarks/scale.py run --rows 40000 [--rows full]

``generate`` writes a Kaggle-layout folder (``train.csv``, ``test.csv``,
``test_labels.csv``) to ``benchmarks/standin/<size>/`` (git-ignored), seeded:

- **Sizes**: the full data has 159,571 training and 153,164 test comments, of
  which 63,978 are scored (the others are ``-1`` in ``test_labels.csv``, as in
  the real file). ``--rows N`` scales all three counts by ``N / 159,571``.
- **Label rates**: rows are drawn with replacement from the sample's rows, the
  clean ones and the ones with at least one label separately, so that 10.17 % of
  the comments carry a label (16,225 of 159,571 in the full training file); the
  label combinations are the sample's.
- **Perturbation**: every drawn comment is changed lightly (:func:`perturb`):
  each word, with probability 0.08, gets one character-level edit (a letter
  deleted, doubled, swapped with its neighbour, or replaced by a neighbouring key),
  and with probability 0.03 a word is dropped. Text
  is otherwise the original's; labels are kept.
- **Why the vocabulary grows realistically**: plain resampling of a 4k-comment
  sample repeats its vocabulary, so the number of distinct words stops growing
  (Heaps' exponent near 0) and vectorisers, vocabulary bounds and neighbour
  searches would be tested on far fewer distinct terms than real data has.
  Misspellings are what makes a real forum's vocabulary keep growing; the
  edits add new rare word forms at a rate set so that the Heaps' law exponent
  ``beta`` of the stand-in (distinct words ``~ K * tokens**beta``, fitted over
  prefixes) is close to the sample's own; :func:`heaps_exponent` measures both and
  ``generate`` prints them.

``run`` executes every notebook on a stand-in with a fresh kernel and records the
wall time and the kernel's peak resident memory (polled every 0.5 s with psutil,
the kernel and its children), into ``benchmarks/results/scale_<size>.md`` and,
(copied by hand into ``benchmarks/README.md``).
"""

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from utils import SEED

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STANDIN = HERE / "standin"
RESULTS = HERE / "results"
LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]

FULL_TRAIN, FULL_TEST, FULL_SCORED = 159_571, 153_164, 63_978
FULL_LABELLED_RATE = 16_225 / 159_571
WORD_EDIT, WORD_DROP = 0.08, 0.03
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def read_sample(folder):
    """The sample's training rows and scored test rows, as one frame (text + six labels)."""
    folder = Path(folder)

    def find(name):
        for candidate in (folder / name, folder / f"{name}.gz"):
            if candidate.exists():
                return candidate
        raise FileNotFoundError(f"{folder} has no {name} or {name}.gz (a Kaggle-format folder is expected).")

    train = pd.read_csv(find("train.csv"))
    test = pd.read_csv(find("test.csv")).merge(pd.read_csv(find("test_labels.csv")), on="id")
    test = test[(test[LABELS] >= 0).all(axis=1)]
    return pd.concat([train, test], ignore_index=True)[["comment_text", *LABELS]]


def _edit(word, rng):
    """One character-level edit of ``word`` (delete, double, swap, neighbouring key)."""
    if len(word) < 3:
        return word
    i = int(rng.integers(1, len(word) - 1))
    kind = int(rng.integers(4))
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    pos = KEYBOARD.find(word[i].lower())
    key = KEYBOARD[(pos + 1) % len(KEYBOARD)] if pos >= 0 else word[i]
    return word[:i] + key + word[i + 1 :]


def perturb(text, rng, edit=WORD_EDIT, drop=WORD_DROP):
    """``text`` with each word edited (probability ``edit``) or dropped (``drop``); spacing kept.

    A text whose every word was dropped stays as it was (a comment is never empty).
    """
    parts = re.split(r"(\s+)", str(text))
    out = []
    for part in parts:
        if part and not part.isspace():
            u = rng.random()
            if u < drop:
                continue
            if u < drop + edit:
                part = _edit(part, rng)
        out.append(part)
    result = "".join(out)
    return result if result.strip() else str(text)


def heaps_exponent(texts, points=8):
    """Heaps' law exponent: slope of log(distinct words) on log(tokens) over ``points`` prefixes."""
    tokens = [w for t in texts for w in re.findall(r"\w+", str(t).lower())]
    sizes = np.unique(np.geomspace(max(len(tokens) // 50, 10), len(tokens), points).astype(int))
    seen, counts, done = set(), [], 0
    for size in sizes:
        seen.update(tokens[done:size])
        done = size
        counts.append(len(seen))
    return float(np.polyfit(np.log(sizes), np.log(counts), 1)[0])


def draw_rows(labelled, n, rng):
    """``n`` row indices: ``FULL_LABELLED_RATE`` of them from the labelled rows, the rest from the clean ones."""
    labelled_idx, clean_idx = np.flatnonzero(labelled), np.flatnonzero(~labelled)
    n_labelled = int(round(n * FULL_LABELLED_RATE))
    rows = np.concatenate([rng.choice(labelled_idx, n_labelled), rng.choice(clean_idx, n - n_labelled)])
    return rng.permutation(rows)


def generate(sample, rows=None, out=None, random_state=SEED):
    """Write a stand-in of ``rows`` training comments (default full size); return its folder and a summary."""
    start = time.perf_counter()
    rng = np.random.default_rng(random_state)
    pool = read_sample(sample)
    scale = 1.0 if rows is None else rows / FULL_TRAIN
    n_train, n_test = int(round(FULL_TRAIN * scale)), int(round(FULL_TEST * scale))
    n_scored = int(round(FULL_SCORED * scale))
    labelled = pool[LABELS].to_numpy().any(axis=1)
    picked = pool.iloc[draw_rows(labelled, n_train + n_scored, rng)].reset_index(drop=True)
    picked["comment_text"] = [perturb(t, rng) for t in picked["comment_text"]]
    unscored = pool.iloc[rng.choice(len(pool), n_test - n_scored)].reset_index(drop=True)
    unscored["comment_text"] = [perturb(t, rng) for t in unscored["comment_text"]]
    unscored[LABELS] = -1
    train = picked.iloc[:n_train].copy()
    test = pd.concat([picked.iloc[n_train:], unscored], ignore_index=True).sample(frac=1, random_state=random_state)
    train.insert(0, "id", [f"s{i:07d}" for i in range(len(train))])
    test.insert(0, "id", [f"t{i:07d}" for i in range(len(test))])
    folder = Path(out or STANDIN / ("full" if rows is None else str(rows)))
    folder.mkdir(parents=True, exist_ok=True)
    train.to_csv(folder / "train.csv", index=False)
    test[["id", "comment_text"]].to_csv(folder / "test.csv", index=False)
    test[["id", *LABELS]].to_csv(folder / "test_labels.csv", index=False)
    n_tokens = min(len(train), 20_000)
    summary = {
        "train rows": len(train), "test rows": len(test), "scored test rows": n_scored,
        "label rates (train)": {k: round(float(train[k].mean()), 4) for k in LABELS},
        "heaps beta, sample": round(heaps_exponent(pool["comment_text"]), 3),
        "heaps beta, stand-in (first 20k comments)": round(heaps_exponent(train["comment_text"][:n_tokens]), 3),
        "heaps beta, resampled without perturbation": round(
            heaps_exponent(pool["comment_text"].iloc[draw_rows(labelled, n_tokens, np.random.default_rng(0))]), 3),
        "megabytes on disk": round(sum(f.stat().st_size for f in folder.iterdir()) / 1e6, 1),
        "seconds": round(time.perf_counter() - start, 1),
    }
    return folder, summary


def run_notebooks(folder, timeout=1800):
    """Each notebook on the stand-in ``folder``: seconds, peak kernel memory (GB), status."""
    from utils.notebook_runs import PeakMemory, execute_notebook

    rows = []
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        with PeakMemory() as memory:
            run = execute_notebook(path, data=folder, timeout=timeout)
        status = "ok" if run.ok else "FAILED: " + str(run.error).strip().splitlines()[-1][:120]
        slowest = max(run.cell_seconds, key=lambda cell: cell[1], default=("-", 0.0))
        rows.append({"notebook": run.name, "seconds": round(run.seconds, 1),
                     "peak kernel GB": round(memory.peak / 1e9, 2), "slowest cell (s)": f"{slowest[0]} ({slowest[1]:.0f})",
                     "claims not holding": len(run.notes), "status": status})
        print(rows[-1], file=sys.stderr, flush=True)
    return pd.DataFrame(rows).set_index("notebook")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a stand-in folder")
    gen.add_argument("--sample", required=True, help="a Kaggle-format folder (train/test/test_labels .csv[.gz])")
    gen.add_argument("--rows", type=int, default=None, help="training rows (default: full size, 159,571)")
    run = sub.add_parser("run", help="time every notebook on stand-ins already generated")
    run.add_argument("--rows", action="append", default=None, help="stand-in size: a number or 'full' (repeatable)")
    run.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    if args.command == "generate":
        folder, summary = generate(args.sample, args.rows)
        print(f"{folder}:")
        for key, value in summary.items():
            print(f"  {key}: {value}")
        return 0
    RESULTS.mkdir(exist_ok=True)
    for size in args.rows or ["40000", "full"]:
        folder = STANDIN / size
        if not (folder / "train.csv").exists():
            raise SystemExit(f"no stand-in at {folder}: run `python benchmarks/scale.py generate` first.")
        table = run_notebooks(folder, args.timeout)
        text = f"### Notebooks on the `{size}` stand-in\n\n{table.to_markdown()}\n"
        (RESULTS / f"scale_{size}.md").write_text(text, encoding="utf-8")
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
