"""Time every notebook and score every method of the course on one data source.

Usage (from the repository root; ``make bench`` runs the first line)::

    python benchmarks/run_benchmarks.py                      # the classroom corpus, or $MLC_DATA
    MLC_DATA=path/to/kaggle_folder python benchmarks/run_benchmarks.py
    python benchmarks/run_benchmarks.py --skip-notebooks --methods binary_relevance,ml_knn
    python benchmarks/run_benchmarks.py --readme             # also refresh the table in benchmarks/README.md
    python benchmarks/run_benchmarks.py --skip-notebooks --caps scale --data benchmarks/standin/full

``--caps scale`` trains the methods that do not scale to Kaggle's size on a seeded, stratified
sample (``utils.comparison.SCALE_CAPS``, each with its reason; the table's ``train_rows`` column marks
them). Each method's row also gives the process's peak resident memory while it fitted and
predicted (``peak_gb``) and how much of that it added on top of the data and features (``added_gb``).

The report (Markdown) goes to stdout and to ``benchmarks/results/<source-name>.md``.
Methods and the scoring loop live in :mod:`utils.comparison`, shared with notebook 13.
"""

import argparse
import os
import platform
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from utils import set_seeds
from utils.comparison import (
    BENCHMARK_CAPS,
    REGISTRY,
    SCALE_CAPS,
    compare_methods,
    course_features,
    markdown_table,
)
from utils.data import LABELS, describe_source, load_train_test, resolve_source, using_classroom_corpus
from utils.notebook_runs import PeakMemory, execute_notebook, source_name

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
README = HERE / "README.md"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-notebooks", action="store_true", help="do not time the notebooks")
    parser.add_argument(
        "--methods", default=None,
        help=f"comma-separated registry keys (default: all): {', '.join(REGISTRY)}",
    )
    parser.add_argument(
        "--data", default=None,
        help="data source (a Kaggle-format folder or CSV); default $MLC_DATA, else the classroom corpus",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    parser.add_argument(
        "--caps", choices=sorted(CAPS), default="none",
        help="train the methods that do not scale on a sample: 'scale' (Kaggle size) or 'goemotions'",
    )
    parser.add_argument(
        "--readme", action="store_true",
        help="also write the report into benchmarks/README.md (between this source's markers)",
    )
    args = parser.parse_args(argv)
    if args.methods:
        args.methods = [m.strip() for m in args.methods.split(",") if m.strip()]
        unknown = [m for m in args.methods if m not in REGISTRY]
        if unknown:
            parser.error(f"unknown method(s) {', '.join(unknown)}; choose from {', '.join(REGISTRY)}")
    return args


CAPS = {"none": None, "scale": SCALE_CAPS, "goemotions": BENCHMARK_CAPS}


def compare_with_memory(keys, data, features, caps=None):
    """:func:`compare_methods`, one method at a time, with ``peak_gb`` and ``added_gb`` columns."""
    tables, skipped = [], {}
    for key in keys or list(REGISTRY):
        with PeakMemory(children=False, every=0.2) as memory:
            result = compare_methods([key], data=data, features=features, caps=caps)
        skipped.update(result.skipped)
        if len(result.table):
            tables.append(result.table.assign(peak_gb=round(memory.peak / 1e9, 2),
                                              added_gb=round((memory.peak - memory.start) / 1e9, 2)))
    table = pd.concat(tables) if tables else pd.DataFrame()
    if "error" in table.columns:
        table["error"] = table["error"].fillna("")
    return table, skipped


def time_notebooks(data, timeout):
    """Run each notebook on ``data`` (None = corpus); a table of seconds and status."""
    rows = []
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        run = execute_notebook(path, data=data, timeout=timeout)
        status = "ok" if run.ok else "FAILED: " + _first_line(run.error)
        print(f"  {run.name:<40} {run.seconds:6.1f} s  {status}", file=sys.stderr, flush=True)
        rows.append({"notebook": run.name, "seconds": run.seconds, "status": status})
    return pd.DataFrame(rows, columns=["notebook", "seconds", "status"]).set_index("notebook")


def _first_line(error):
    lines = [ln for ln in str(error).splitlines() if ln.strip()]
    tail = [ln for ln in lines if re.match(r"^\w*(Error|Exception|Failed)\b", ln)]
    return (tail[-1] if tail else lines[-1] if lines else "error")[:160]


def environment_line():
    import sklearn

    return (
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, scikit-learn {sklearn.__version__}, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}"
    )


def build_report(name, data_line, split_line, notebooks, methods, skipped=None):
    parts = [
        f"### Results on `{name}`",
        "",
        f"- Data: {data_line}",
        f"- Split: {split_line}",
        f"- Machine: {environment_line()}",
        f"- Generated by `benchmarks/run_benchmarks.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
    ]
    if notebooks is not None:
        total = notebooks["seconds"].sum()
        parts += [
            "#### Notebook execution time (fresh kernel, top to bottom)",
            "",
            markdown_table(notebooks, digits=1),
            "",
            f"Total: {total:.0f} s.",
            "",
        ]
    parts += [
        "#### Methods on the test split (same split, same word+char TF-IDF features)",
        "",
        markdown_table(methods, digits=3),
        "",
    ]
    if skipped:
        parts += ["Skipped (module missing): " + "; ".join(f"`{k}`: {v}" for k, v in skipped.items()), ""]
    return "\n".join(parts)


def update_readme(name, report, readme=README):
    """Replace the block between ``<!-- results:NAME -->`` and ``<!-- /results:NAME -->``."""
    start, end = f"<!-- results:{name} -->", f"<!-- /results:{name} -->"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = f"{start}\n{report}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def main(argv=None):
    args = parse_args(argv)
    if args.data is not None:
        os.environ["MLC_DATA"] = str(Path(args.data).expanduser().resolve())
    set_seeds()
    name = source_name()
    # None means "the classroom corpus" for the notebooks' kernels.
    data_for_notebooks = None if using_classroom_corpus() else resolve_source()
    print(f"Benchmarking on {describe_source()} ...", file=sys.stderr, flush=True)

    notebooks = None
    if not args.skip_notebooks:
        print("Timing notebooks:", file=sys.stderr, flush=True)
        notebooks = time_notebooks(data_for_notebooks, args.timeout)

    data = load_train_test()
    features = course_features(data)
    print("Scoring methods:", file=sys.stderr, flush=True)
    caps = CAPS[args.caps]
    methods, skipped = compare_with_memory(args.methods, data, features, caps)

    positives = ", ".join(f"{k} {v}" for k, v in zip(LABELS, np.asarray(data.Y_test).sum(0), strict=True))
    split_line = (
        f"{len(data.train):,} training and {len(data.test):,} test comments; "
        f"TF-IDF: {features[0].shape[1]:,} features; positives in the test split: {positives}"
    )
    if caps:
        capped = [(REGISTRY[k].name, c) for k, c in caps.items()
                  if REGISTRY[k].name in methods.index and c.rows < len(data.train)]
        if capped:
            split_line += "; on a sample (marked in train_rows): " + "; ".join(
                f"{name}, {c.rows:,} rows: {c.why}" for name, c in capped)
    report = build_report(name, describe_source() if name == "classroom_corpus" else name, split_line, notebooks,
                          methods, skipped)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.md"
    out.write_text(report + "\n", encoding="utf-8")
    if args.readme:
        update_readme(name, report)
    print(report)
    print(f"(written to {out.relative_to(REPO)})", file=sys.stderr)
    failed = notebooks is not None and (notebooks["status"] != "ok").any()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
