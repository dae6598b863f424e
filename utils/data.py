"""The one entry to the course's data: the classroom corpus or Kaggle's files.

``load_comments()`` returns one DataFrame with columns ``id``,
``comment_text``, the six labels (0/1 integers) and ``split``
(``"train"`` or ``"test"``). Bad input raises :class:`DataFormatError` with a
message naming the file, the column or row, and what was expected; nothing is
silently dropped, coerced or filled.
"""

import difflib
import gzip
import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from utils import DATA_DIR

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
TEXT_COLUMNS = ["id", "comment_text"]
SPLITS = ("train", "test")
CLASSROOM_CORPUS = DATA_DIR / "classroom_comments.csv"
ENV_VAR = "MLC_DATA"
TEST_SIZE = 0.25

__all__ = [
    "LABELS",
    "CLASSROOM_CORPUS",
    "DataFormatError",
    "TrainTest",
    "load_comments",
    "load_train_test",
    "label_matrix",
    "resolve_source",
    "using_classroom_corpus",
    "describe_source",
]


class DataFormatError(ValueError):
    """The data on disk is not what the course expects; the message says where."""


# --------------------------------------------------------------------------- #
# Where the data comes from
# --------------------------------------------------------------------------- #
def resolve_source(source=None):
    """Return the path to read: ``source``, else ``$MLC_DATA``, else the corpus."""
    if source is None:
        env = os.environ.get(ENV_VAR, "").strip()
        if not env:
            return CLASSROOM_CORPUS
        path = Path(env).expanduser()
        if not path.exists():
            raise DataFormatError(
                f"{ENV_VAR}={env!r} names no file or folder. Expected a Kaggle-format "
                "train.csv, or a folder holding train.csv (and optionally test.csv "
                "plus test_labels.csv). Unset it to use the classroom corpus."
            )
        return path
    return Path(source).expanduser()


def using_classroom_corpus(source=None):
    """True when ``source`` (or the default) resolves to the shipped corpus."""
    return resolve_source(source).resolve() == CLASSROOM_CORPUS.resolve()


def describe_source(source=None):
    """A one-line, human-readable name of the data source in use."""
    path = resolve_source(source)
    if using_classroom_corpus(source):
        return "the classroom corpus (data/classroom_comments.csv)"
    return f"{path} (from {ENV_VAR})" if source is None else str(path)


# --------------------------------------------------------------------------- #
# Reading and validating one CSV file
# --------------------------------------------------------------------------- #
def _decode(path):
    """Read ``path`` (plain or .gz) as UTF-8 text, or explain why not."""
    if not path.is_file():
        raise DataFormatError(f"{path}: file not found.")
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise DataFormatError(f"{path}: not a readable gzip file ({err}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataFormatError(
            f"{path}: line {line}, byte {err.start}: cannot decode {raw[err.start:err.start + 1]!r} "
            "as UTF-8. Expected a UTF-8 encoded CSV file (re-save it as UTF-8)."
        ) from None


def _parse_csv(path, text):
    """Parse CSV text into an all-string DataFrame, wrapping parser errors."""
    if not text.strip():
        raise DataFormatError(f"{path}: the file is empty; expected a CSV header and rows.")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as err:
        raise DataFormatError(f"{path}: not a well-formed CSV file ({err}).") from None
    return frame


def _require_columns(path, frame, required):
    """Raise if a required column is missing, suggesting close misspellings."""
    missing = [c for c in required if c not in frame.columns]
    if not missing:
        return
    found = [str(c) for c in frame.columns]
    parts = []
    for col in missing:
        near = difflib.get_close_matches(col, found, n=1, cutoff=0.6)
        parts.append(f"'{col}'" + (f" (found '{near[0]}': misspelled?)" if near else ""))
    raise DataFormatError(
        f"{path}: missing column(s) {', '.join(parts)}. Expected columns "
        f"{', '.join(required)}; the file has {', '.join(found)}."
    )


def _row_ref(frame, position):
    """Describe a row for a message: its 1-based data row number and id."""
    ident = frame["id"].iloc[position] if "id" in frame.columns else None
    return f"row {position + 1}" + (f" (id {ident!r})" if ident not in (None, "") else "")


def _fail_at(path, frame, column, mask, expected):
    """Raise naming the first row where ``mask`` is True, and how many there are."""
    bad = np.flatnonzero(np.asarray(mask))
    if bad.size == 0:
        return
    first = bad[0]
    value = frame[column].iloc[first]
    shown = "an empty cell" if value is None or value != value or str(value).strip() == "" else repr(value)
    more = f" ({bad.size - 1} more row(s) like it)" if bad.size > 1 else ""
    raise DataFormatError(
        f"{path}: column '{column}', {_row_ref(frame, first)}: found {shown}, "
        f"expected {expected}{more}."
    )


def _check_ids(path, frame):
    """Ids must be present and unique."""
    ids = frame["id"]
    _fail_at(path, frame, "id", ids.isna() | (ids.str.strip() == ""), "a non-empty id")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)
        first = ids.iloc[rows[0]]
        same = np.flatnonzero((ids == first).to_numpy()) + 1
        raise DataFormatError(
            f"{path}: column 'id': id {first!r} appears on rows {', '.join(map(str, same))}; "
            f"expected unique ids ({len(set(ids.iloc[rows]))} duplicated id(s) in all)."
        )


def _check_text(path, frame):
    """Comment text must be present and not blank."""
    text = frame["comment_text"]
    _fail_at(path, frame, "comment_text", text.isna() | (text.str.strip() == ""), "non-empty comment text")


def _labels_as_int(path, frame, allowed=("0", "1")):
    """Validate label columns hold only ``allowed`` strings; return them as ints."""
    expected = " or ".join(allowed)
    for col in LABELS:
        values = frame[col]
        _fail_at(path, frame, col, values.isna() | ~values.isin(allowed), expected)
    return frame[LABELS].astype(int)


def read_labelled_csv(path, *, require_text=True):
    """Read a CSV with ``id``, ``comment_text`` and the six labels, validated."""
    path = Path(path)
    frame = _parse_csv(path, _decode(path))
    required = TEXT_COLUMNS + LABELS if require_text else ["id"] + LABELS
    _require_columns(path, frame, required)
    _check_ids(path, frame)
    if require_text:
        _check_text(path, frame)
    out = frame[[c for c in required if c not in LABELS]].copy()
    out[LABELS] = _labels_as_int(path, frame)
    if "split" in frame.columns:
        _fail_at(path, frame, "split", ~frame["split"].isin(SPLITS), "'train' or 'test'")
        out["split"] = frame["split"].to_numpy()
    return out


def _read_test_pair(test_path, labels_path):
    """Join Kaggle's test.csv and test_labels.csv, dropping unscored (-1) rows."""
    texts = _parse_csv(test_path, _decode(test_path))
    _require_columns(test_path, texts, TEXT_COLUMNS)
    _check_ids(test_path, texts)
    _check_text(test_path, texts)
    labels = _parse_csv(labels_path, _decode(labels_path))
    _require_columns(labels_path, labels, ["id"] + LABELS)
    _check_ids(labels_path, labels)
    _labels_as_int(labels_path, labels, allowed=("0", "1", "-1"))
    ints = labels[LABELS].astype(int)
    unscored = (ints == -1).to_numpy()
    partly = unscored.any(axis=1) & ~unscored.all(axis=1)
    if partly.any():
        column = LABELS[int(np.argmax(unscored[np.argmax(partly)]))]
        _fail_at(labels_path, labels, column, partly, "-1 in all six labels or in none (-1 means 'not scored')")
    only_text = sorted(set(texts["id"]) - set(labels["id"]))
    only_labels = sorted(set(labels["id"]) - set(texts["id"]))
    if only_text or only_labels:
        raise DataFormatError(
            f"{labels_path}: column 'id' does not match {test_path.name}: "
            f"{len(only_text)} id(s) only in {test_path.name} (e.g. {only_text[:3]}), "
            f"{len(only_labels)} only in {labels_path.name} (e.g. {only_labels[:3]}). "
            "Expected the same ids in both files."
        )
    scored = pd.concat([labels[["id"]], ints], axis=1)[~unscored.all(axis=1)]
    return texts[TEXT_COLUMNS].merge(scored, on="id", how="inner", validate="one_to_one")


def _find(folder, stem):
    """``folder/stem.csv`` or ``folder/stem.csv.gz``; None if neither exists."""
    hits = [folder / f"{stem}.csv{ext}" for ext in ("", ".gz") if (folder / f"{stem}.csv{ext}").is_file()]
    if len(hits) > 1:
        raise DataFormatError(f"{folder}: both {hits[0].name} and {hits[1].name} exist; keep only one.")
    return hits[0] if hits else None


def _read_folder(folder):
    """Read a folder in Kaggle's layout into one frame with a ``split`` column."""
    train_path = _find(folder, "train")
    if train_path is None:
        raise DataFormatError(f"{folder}: no train.csv or train.csv.gz in this folder (Kaggle's layout expected).")
    train = read_labelled_csv(train_path).drop(columns="split", errors="ignore")
    test_path, labels_path = _find(folder, "test"), _find(folder, "test_labels")
    if (test_path is None) != (labels_path is None):
        have, lack = (test_path, "test_labels.csv") if test_path else (labels_path, "test.csv")
        raise DataFormatError(
            f"{folder}: found {have.name} but no {lack}; the test split needs both "
            "(comments and their labels). Add the missing file, or remove the other "
            "to draw a test split from train.csv."
        )
    if test_path is None:
        return _draw_test_split(train)
    test = _read_test_pair(test_path, labels_path)
    clash = sorted(set(train["id"]) & set(test["id"]))
    if clash:
        raise DataFormatError(f"{test_path}: column 'id': {len(clash)} id(s) also in {train_path.name} (e.g. {clash[:3]}); expected disjoint splits.")
    return pd.concat([train.assign(split="train"), test.assign(split="test")], ignore_index=True)


# --------------------------------------------------------------------------- #
# Splitting and sampling (multi-label iterative stratification)
# --------------------------------------------------------------------------- #
def _stratified_pick(Y, n_pick, random_state):
    """Indices of ``n_pick`` rows drawn so each label keeps its proportion."""
    from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

    splitter = MultilabelStratifiedShuffleSplit(
        n_splits=1, train_size=len(Y) - n_pick, test_size=n_pick, random_state=random_state
    )
    _, picked = next(splitter.split(np.zeros((len(Y), 1)), Y))
    return np.sort(picked)


def _draw_test_split(frame, test_size=TEST_SIZE, random_state=0):
    """Add a ``split`` column: a seeded, iteratively stratified test split."""
    n_test = int(round(test_size * len(frame)))
    if n_test < 1 or n_test >= len(frame):
        raise DataFormatError(f"only {len(frame)} labelled rows: too few to draw a test split.")
    test_rows = _stratified_pick(frame[LABELS].to_numpy(), n_test, random_state)
    split = np.full(len(frame), "train", dtype=object)
    split[test_rows] = "test"
    return frame.assign(split=split)


def _subsample(frame, n, random_state):
    """``n`` rows, stratified over the labels and the split, in original order."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"sample must be a positive whole number of rows, got {n!r}.")
    if n >= len(frame):
        return frame
    Y = np.column_stack([frame[LABELS].to_numpy(), (frame["split"] == "test").to_numpy()])
    return frame.iloc[_stratified_pick(Y, n, random_state)]


# --------------------------------------------------------------------------- #
# Public entry points
# --------------------------------------------------------------------------- #
def load_comments(source=None, *, sample=None, random_state=0):
    """Load labelled comments as one DataFrame with a ``split`` column.

    Parameters
    ----------
    source : str or Path, optional
        A Kaggle-format ``train.csv`` (``.csv.gz`` too; a test split is then
        drawn by iterative stratification), a CSV that already has a ``split``
        column (like the classroom corpus), or a folder with ``train.csv`` and
        optionally ``test.csv`` plus ``test_labels.csv`` (unscored ``-1`` rows
        are dropped). Default: ``$MLC_DATA`` if set, else the classroom corpus.
    sample : int, optional
        Keep a stratified subsample of this many rows (all rows if larger).
    random_state : int
        Seed for the drawn test split and the subsample.
    """
    path = resolve_source(source)
    if path.is_dir():
        frame = _read_folder(path)
    else:
        frame = read_labelled_csv(path)
        if "split" not in frame.columns:
            frame = _draw_test_split(frame, random_state=random_state)
    if sample is not None:
        frame = _subsample(frame, sample, random_state)
    order = np.argsort((frame["split"] == "test").to_numpy(), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame[LABELS] = frame[LABELS].astype(int)
    frame.attrs["source"] = str(path)
    return frame[TEXT_COLUMNS + LABELS + ["split"]]


def label_matrix(frame):
    """The ``(n_samples, 6)`` 0/1 label matrix of a comments frame."""
    return frame[LABELS].to_numpy(dtype=int)


@dataclass
class TrainTest:
    """Texts and label matrices of the train and test splits."""

    train: pd.DataFrame
    test: pd.DataFrame

    @property
    def text_train(self):
        return self.train["comment_text"].tolist()

    @property
    def text_test(self):
        return self.test["comment_text"].tolist()

    @property
    def Y_train(self):
        return label_matrix(self.train)

    @property
    def Y_test(self):
        return label_matrix(self.test)


def load_train_test(source=None, *, sample=None, random_state=0):
    """Load comments and split them: ``TrainTest(train=..., test=...)``."""
    frame = load_comments(source, sample=sample, random_state=random_state)
    is_test = frame["split"] == "test"
    return TrainTest(
        train=frame[~is_test].reset_index(drop=True),
        test=frame[is_test].reset_index(drop=True),
    )
