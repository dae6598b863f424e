"""The one entry to the course's data: the classroom corpus or any multi-label text data.

``load_comments()`` returns one DataFrame with columns ``id``, ``comment_text``,
one 0/1 integer column per label (the label names come from the data, in file
order) and ``split`` (``"train"``, ``"validation"`` or ``"test"``); pass
``groups=True`` to get the ``group`` column too. ``load_train_test()`` returns a
:class:`TrainTest`. Three layouts are read (see the README's "The data"):

* **one CSV/TSV file** (``.csv``, ``.tsv``, optionally ``.gz``), like the
  classroom corpus or Kaggle's ``train.csv``: a text column ``comment_text`` or
  ``text``; optional ``id``, ``split`` (train / validation / test) and ``group``
  (rows sharing it are near-copies); every other column is a 0/1 label;
* **Kaggle's folder**: ``train.csv[.gz]``, optionally ``test.csv`` plus
  ``test_labels.csv`` (rows scored ``-1`` are dropped);
* **GoEmotions' folder**: ``train.tsv``, optional ``dev.tsv`` (the validation
  split) and ``test.tsv`` (no header: text, comma-separated label ids, id) and
  ``emotions.txt`` (label names, id = line number - 1).

Label cells may be ``0``/``1``, ``0.0``/``1.0`` or ``true``/``false`` (any case,
surrounding spaces ignored); nothing else. Without a ``split``, a seeded test
split is drawn with :func:`utils.splits.group_stratified_split`; without a
``group`` column, exact-duplicate texts form the groups, so copies of one
comment never straddle two splits. Bad or unusable input raises
:class:`DataFormatError` naming the file, column or row and what to do.

A relative ``$MLC_DATA`` is resolved against the repository root (where
``make lab`` starts JupyterLab), not the notebook's folder; a relative
``source=`` argument is resolved like any Python path (the working directory).
"""

import csv
import difflib
import gzip
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from utils import DATA_DIR, REPO_ROOT, SEED
from utils.splits import duplicate_text_groups, group_stratified_split
from utils.validation import shorten

LABELS = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
TEXT_COLUMNS = ["id", "comment_text"]
TEXT_NAMES = ("comment_text", "text")
RESERVED = ("id", "comment_text", "text", "split", "group")
SPLITS = ("train", "validation", "test")
CLASSROOM_CORPUS = DATA_DIR / "classroom_comments.csv"
ENV_VAR = "MLC_DATA"
TEST_SIZE = 0.25
VALIDATION_SIZE = 0.25
MIN_ROWS = 20
MIN_TEST_ROWS = 2
LABEL_VALUES = {"0": 0, "1": 1, "0.0": 0, "1.0": 1, "false": 0, "true": 1}
ACCEPTED_LABELS = "0 or 1 (also 0.0/1.0 or true/false)"

__all__ = [
    "LABELS",
    "CLASSROOM_CORPUS",
    "MIN_ROWS",
    "DataFormatError",
    "TrainTest",
    "load_comments",
    "load_train_test",
    "sample_train_test",
    "cap_training_rows",
    "label_columns",
    "label_matrix",
    "resolve_source",
    "using_classroom_corpus",
    "describe_source",
    "show_source",
    "CONTENT_NOTE",
]


class DataFormatError(ValueError):
    """The data on disk is not what the course expects; the message says where."""


# --------------------------------------------------------------------------- #
# Where the data comes from
# --------------------------------------------------------------------------- #
def resolve_source(source=None):
    """Return the absolute path to read: ``source``, else ``$MLC_DATA``, else the corpus.

    A relative ``$MLC_DATA`` is taken from the repository root; a relative
    ``source`` from the working directory.
    """
    if source is not None:
        return Path(source).expanduser().absolute()
    env = os.environ.get(ENV_VAR, "").strip().strip("'\"")
    if not env:
        return CLASSROOM_CORPUS
    path = Path(env).expanduser()
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.exists():
        raise DataFormatError(
            f"{ENV_VAR}={env!r} names no file or folder: tried {path} (a relative {ENV_VAR} "
            f"is resolved against the repository root {REPO_ROOT}). Expected a CSV/TSV file, "
            "a Kaggle folder (train.csv) or a GoEmotions folder (train.tsv + emotions.txt). "
            "Unset it to use the classroom corpus."
        )
    return path


def using_classroom_corpus(source=None):
    """True when ``source`` (or the default) resolves to the shipped corpus."""
    return resolve_source(source).resolve() == CLASSROOM_CORPUS.resolve()


def describe_source(source=None):
    """A one-line name of the data in use: file or folder name, layout and number of labels.

    Never the absolute path (it is one machine's, and printed in every notebook),
    e.g. ``"goemotions (GoEmotions layout, 28 labels)"``.
    """
    if using_classroom_corpus(source):
        return "the classroom corpus (data/classroom_comments.csv)"
    path = resolve_source(source)
    layout, labels = _layout_and_labels(path)
    return f"{path.name} ({layout}, {len(labels)} label{'s' if len(labels) != 1 else ''})"


CONTENT_NOTE = "Content note: these are real comments; they may contain strong profanity, slurs and hate speech."


def show_source(details="", source=None):
    """Print ``Data: <describe_source()><details>`` and, when the data is not the classroom corpus, :data:`CONTENT_NOTE`."""
    print(f"Data: {describe_source(source)}{details}")
    if not using_classroom_corpus(source):
        print(CONTENT_NOTE)


def _layout_and_labels(path):
    """``(layout name, label names)`` of a data file or folder, read from its header or emotions.txt only."""
    if path.is_dir():
        if (path / "emotions.txt").is_file():
            return "GoEmotions layout", _read_emotion_names(path / "emotions.txt")
        train_path = _find(path, "train")
        if train_path is None:
            _read_folder(path)  # raises the loader's own error: which files were expected
        return "Kaggle layout", _header_labels(train_path)
    kind = "TSV" if _separator(path) == "\t" else "CSV"
    return f"one {kind} file", _header_labels(path)


def _header_labels(path):
    """The label columns named in the first line of a CSV/TSV file (gzip or not)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as handle:
        header = next(csv.reader(handle, delimiter=_separator(path)), [])
    return [name for name in header if name.strip() and name.strip().lower() not in RESERVED]


# --------------------------------------------------------------------------- #
# Bytes to text: say what a file really is
# --------------------------------------------------------------------------- #
_RESAVE = "open it in a spreadsheet program and save it as 'CSV UTF-8 (comma delimited)'"


def _sniff(path, raw):
    """Raise if ``raw`` is a binary format rather than text; say what it is."""
    if raw[:2] == b"\x1f\x8b":
        raise DataFormatError(
            f"{path}: this file is gzip-compressed although its name does not end in .gz; "
            f"rename it to {path.name}.gz (the loader reads .csv.gz and .tsv.gz) or decompress it."
        )
    if raw[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except zipfile.BadZipFile:
            names = []
        if any(n.startswith("xl/") for n in names):
            what = "an Excel workbook (.xlsx)"
        elif "content.xml" in names:
            what = "an OpenDocument spreadsheet (.ods)"
        else:
            listed = ", ".join(names[:3]) or "unreadable contents"
            raise DataFormatError(
                f"{path}: this is a zip archive ({listed}), not a CSV file; unzip it and point "
                "the loader at the CSV/TSV file (or folder) inside."
            )
        raise DataFormatError(f"{path}: this is {what}, not a CSV file; {_RESAVE}.")
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DataFormatError(f"{path}: this is an old Excel workbook (.xls), not a CSV file; {_RESAVE}.")
    if raw[:4] == b"PAR1":
        raise DataFormatError(f"{path}: this is a Parquet file, not a CSV file; write it with DataFrame.to_csv.")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4096]:
        raise DataFormatError(
            f"{path}: this file is UTF-16 text (or binary: it holds NUL bytes), not UTF-8; "
            f"{_RESAVE} (Excel's 'Unicode text' export is UTF-16)."
        )


def _decode(path):
    """Read ``path`` (plain or .gz) as UTF-8 text with LF line endings, or explain why not."""
    path = Path(path).absolute()
    if not path.is_file():
        what = "is a folder, expected a file" if path.is_dir() else "file not found"
        raise DataFormatError(f"{path}: {what}.")
    raw = path.read_bytes()
    if path.suffix == ".gz":
        if raw[:2] != b"\x1f\x8b":
            raise DataFormatError(
                f"{path}: not a gzip file although its name ends in .gz (it starts with "
                f"{raw[:8]!r}); if it is plain text, remove .gz from its name."
            )
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise DataFormatError(f"{path}: not a readable gzip file ({err}).") from None
    _sniff(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataFormatError(
            f"{path}: line {line}, byte {err.start}: cannot decode {raw[err.start:err.start + 1]!r} "
            "as UTF-8. Expected a UTF-8 encoded file; this one is probably Windows-1252 or "
            f"Latin-1 ({_RESAVE}, or re-encode it as UTF-8)."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- #
# Text to a table of strings
# --------------------------------------------------------------------------- #
def _separator(path):
    """',' for .csv(.gz), tab for .tsv(.gz); anything else is refused."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".csv"):
        return ","
    if name.endswith(".tsv"):
        return "\t"
    raise DataFormatError(
        f"{path}: expected a file whose name ends in .csv, .tsv, .csv.gz or .tsv.gz "
        "(or a Kaggle / GoEmotions folder)."
    )


def _delimiter_hint(text, sep):
    """A sentence about the delimiter when the first line suggests another one."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    likely = max(counts, key=counts.get)
    if likely == sep or counts[likely] == 0 or counts[likely] <= counts[sep]:
        return ""
    names = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "'|'"}
    fix = "name it .tsv" if likely == "\t" else "save it comma-separated (.csv) or tab-separated (.tsv)"
    read_as = "comma-separated (.csv)" if sep == "," else "tab-separated (.tsv)"
    return (f" The first line is separated by {names[likely]}, but the file is read as {read_as}: "
            f"{fix}.")


def _per_distinct(values, function):
    """``values.map(function)``, calling ``function`` once per distinct cell (a label column holds a handful)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return pd.Series(np.array([function(u) for u in uniques], dtype=object)[codes], index=values.index)


def _is_blank(cell):
    return not cell.strip()


def _blank(values):
    """Which cells of a string column are empty or white space only (a boolean Series)."""
    return _per_distinct(values, _is_blank).astype(bool)


def _read_rows(path, text, sep, header):
    """Parse delimited text into an all-string DataFrame, wrapping parser errors."""
    kind = "TSV" if sep == "\t" else "CSV"
    if not text.strip():
        raise DataFormatError(f"{path}: the file is empty; expected a {kind} header and rows.")
    first = text.lstrip().split("\n", 1)[0].strip()
    if first.lower().startswith("sep=") and len(first) <= 6:
        raise DataFormatError(
            f"{path}: the first line is Excel's delimiter hint {first!r}; delete that line "
            "(and save the file comma-separated)."
        )
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str,
                            keep_default_na=False, na_filter=False, quoting=csv.QUOTE_MINIMAL)
    except pd.errors.ParserError as err:
        raise DataFormatError(
            f"{path}: not a well-formed {kind} file ({err}).{_delimiter_hint(text, sep)}"
        ) from None
    blank = np.logical_and.reduce([_blank(frame[col]).to_numpy() for col in frame.columns])
    frame = frame[~blank].reset_index(drop=True)  # rows of empty cells (",,,,") hold nothing
    if frame.empty:
        raise DataFormatError(f"{path}: holds only empty cells; expected a {kind} header and rows.")
    if not header:
        return frame
    names = [str(v).strip() for v in frame.iloc[0]]
    frame = frame.iloc[1:].reset_index(drop=True)
    keep = []
    for position, name in enumerate(names):
        if name:
            keep.append(position)
        elif not _blank(frame[position]).all():
            raise DataFormatError(
                f"{path}: column {position + 1} has no name in the header but holds values; "
                "expected a name for every column that holds data."
            )
    frame = frame[keep].set_axis([names[p] for p in keep], axis=1)
    seen = pd.Index(frame.columns)
    if seen.has_duplicates:
        twice = sorted(set(seen[seen.duplicated()]))
        raise DataFormatError(f"{path}: column name(s) {twice} appear more than once in the header; expected unique names.")
    if frame.empty:
        raise DataFormatError(f"{path}: only a header line, no data rows; expected a header and at least one row.")
    return frame


def _require_columns(path, frame, required, text=""):
    """Raise if a required column is missing, suggesting close misspellings."""
    missing = [c for c in required if c not in frame.columns]
    if not missing:
        return
    found = [str(c) for c in frame.columns]
    parts = []
    for col in missing:
        near = difflib.get_close_matches(col, found, n=1, cutoff=0.6)
        parts.append(f"'{col}'" + (f" (found '{near[0]}': misspelled?)" if near else ""))
    hint = _delimiter_hint(text, _sep_of(path)) if text else ""
    raise DataFormatError(
        f"{path}: missing column(s) {', '.join(parts)}. Expected columns "
        f"{', '.join(required)}; the file has {', '.join(found)}.{hint}"
    )


def _sep_of(path):
    return "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else ","


# --------------------------------------------------------------------------- #
# Validating cells
# --------------------------------------------------------------------------- #
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
    ids = frame["id"].str.strip()
    _fail_at(path, frame, "id", ids == "", "a non-empty id")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        rows = np.flatnonzero(dup)
        first = ids.iloc[rows[0]]
        same = np.flatnonzero((ids == first).to_numpy()) + 1
        raise DataFormatError(
            f"{path}: column 'id': id {first!r} appears on rows {', '.join(map(str, same))}; "
            f"expected unique ids ({len(set(ids.iloc[rows]))} duplicated id(s) in all)."
        )


def _check_text(path, frame, column="comment_text", sep=","):
    """Comment text must be present, not blank, and not hold rows swallowed by an unclosed quote."""
    text = frame[column]
    _fail_at(path, frame, column, _blank(text), "non-empty comment text")
    after = list(frame.columns).index(column) + 1
    if after < len(frame.columns):
        _check_unclosed_quote(path, frame, column, sep, len(frame.columns) - after)


def _check_unclosed_quote(path, frame, column, sep, n_after):
    """Raise if a text holds a line that ends like a whole row (``...,0,1``): a quote was never closed.

    The parser then reads on to the next quote, merging the rows in between
    into this text, and the row count and labels are silently wrong.
    """
    value = "|".join(sorted(map(re.escape, LABEL_VALUES), key=len, reverse=True))
    row_end = re.compile(rf"(?:{re.escape(sep)}\s*(?:{value})\s*){{{n_after}}}$", re.IGNORECASE | re.MULTILINE)
    text = frame[column]
    # only a text with a line break and at least n_after separators can hold a swallowed row
    multiline = (text.str.contains("\n", regex=False) & (text.str.count(re.escape(sep)) >= n_after)).to_numpy()
    swallowed = np.zeros(len(frame), dtype=bool)
    swallowed[multiline] = [bool(row_end.search(t)) for t in text[multiline]]
    if swallowed.any():
        first = int(np.flatnonzero(swallowed)[0])
        line = next(row for row in text.iloc[first].splitlines() if row_end.search(row))
        raise DataFormatError(
            f"{path}: column '{column}', {_row_ref(frame, first)}: the text holds a line that ends like a "
            f"whole row ({shorten(line, 60)!r}); a quote (\") that opens this text is probably never closed, "
            "so the following rows were merged into it. Close the quote (a quote inside a quoted text is "
            'written twice: "").'
        )


def _labels_as_int(path, frame, labels, allow_unscored=False):
    """Validate the label cells and return them as an int DataFrame."""
    accepted = dict(LABEL_VALUES, **({"-1": -1, "-1.0": -1} if allow_unscored else {}))
    expected = ACCEPTED_LABELS + (" or -1" if allow_unscored else "")
    out = {}
    for col in labels:
        values = _per_distinct(frame[col], lambda cell: cell.strip().lower())
        _fail_at(path, frame, col, ~values.isin(list(accepted)), expected)
        out[col] = values.map(accepted).astype(int)
    return pd.DataFrame(out, index=frame.index)


def _check_split(path, frame):
    values = frame["split"].str.strip().str.lower()
    _fail_at(path, frame, "split", ~values.isin(SPLITS),
             "'train', 'validation' or 'test' (rename 'dev' or 'val' to 'validation')")
    return values


# --------------------------------------------------------------------------- #
# The three layouts
# --------------------------------------------------------------------------- #
def read_labelled_csv(path, *, require_text=True):
    """Read one CSV/TSV file of labelled comments, validated (see the module docstring).

    Returns a frame with ``id``, ``comment_text``, the labels, and ``split`` /
    ``group`` when the file has them.
    """
    path = Path(path)
    sep = _separator(path)
    text = _decode(path)
    frame = _read_rows(path, text, sep, header=True)
    for name in frame.columns:
        wanted = name.lower().replace(" ", "_")
        if wanted in RESERVED and name != wanted:
            raise DataFormatError(
                f"{path}: column {name!r}: rename it to {wanted!r} (the names id, comment_text, text, "
                "split and group are lower case); otherwise it is read as a label."
            )
    present = [c for c in TEXT_NAMES if c in frame.columns]
    if require_text and not present:
        found = ", ".join(map(str, frame.columns))
        near = difflib.get_close_matches("comment_text", list(frame.columns), n=1, cutoff=0.6)
        guess = f" (found '{near[0]}': misspelled?)" if near else ""
        raise DataFormatError(
            f"{path}: no text column: expected a column named 'comment_text' or 'text'{guess}; "
            f"the file has {found}.{_delimiter_hint(text, sep)}"
        )
    if len(present) > 1:
        raise DataFormatError(f"{path}: has both 'comment_text' and 'text' columns; expected exactly one text column.")
    labels = [c for c in frame.columns if c not in RESERVED]
    if not labels:
        raise DataFormatError(
            f"{path}: no label columns; expected, besides the text (and optional id, split, group), "
            f"one 0/1 column per label. The file has {', '.join(map(str, frame.columns))}.{_delimiter_hint(text, sep)}"
        )
    if "id" not in frame.columns:
        frame.insert(0, "id", [f"{path.name.split('.')[0]}-{i + 1}" for i in range(len(frame))])
    _check_ids(path, frame)
    out = pd.DataFrame({"id": frame["id"].str.strip()})
    if present:
        _check_text(path, frame, present[0], sep)
        out["comment_text"] = frame[present[0]]
    out[labels] = _labels_as_int(path, frame, labels)
    if "split" in frame.columns:
        out["split"] = _check_split(path, frame)
    if "group" in frame.columns:
        _fail_at(path, frame, "group", frame["group"].str.strip() == "", "a non-empty group id")
        out["group"] = frame["group"].str.strip()
    out.attrs["labels"] = labels
    return out


def _find(folder, stem, kind="csv"):
    """``folder/stem.kind`` or ``folder/stem.kind.gz``; None if neither exists."""
    hits = [folder / f"{stem}.{kind}{ext}" for ext in ("", ".gz") if (folder / f"{stem}.{kind}{ext}").is_file()]
    if len(hits) > 1:
        raise DataFormatError(f"{folder}: both {hits[0].name} and {hits[1].name} exist; keep only one.")
    return hits[0] if hits else None


def _read_test_pair(test_path, labels_path, labels):
    """Join Kaggle's test.csv and test_labels.csv, dropping unscored (-1) rows."""
    texts = _read_rows(test_path, _decode(test_path), ",", header=True)
    _require_columns(test_path, texts, TEXT_COLUMNS)
    _check_ids(test_path, texts)
    _check_text(test_path, texts)
    scores = _read_rows(labels_path, _decode(labels_path), ",", header=True)
    _require_columns(labels_path, scores, ["id"] + labels)
    _check_ids(labels_path, scores)
    ints = _labels_as_int(labels_path, scores, labels, allow_unscored=True)
    unscored = (ints == -1).to_numpy()
    partly = unscored.any(axis=1) & ~unscored.all(axis=1)
    if partly.any():
        column = labels[int(np.argmax(unscored[np.argmax(partly)]))]
        _fail_at(labels_path, scores, column, partly,
                 f"-1 in all {len(labels)} labels or in none (-1 means 'not scored')")
    only_text = sorted(set(texts["id"]) - set(scores["id"]))
    only_labels = sorted(set(scores["id"]) - set(texts["id"]))
    if only_text or only_labels:
        raise DataFormatError(
            f"{labels_path}: column 'id' does not match {test_path.name}: "
            f"{len(only_text)} id(s) only in {test_path.name} (e.g. {only_text[:3]}), "
            f"{len(only_labels)} only in {labels_path.name} (e.g. {only_labels[:3]}). "
            "Expected the same ids in both files."
        )
    scored = pd.concat([scores[["id"]], ints], axis=1)[~unscored.all(axis=1)]
    return texts[TEXT_COLUMNS].merge(scored, on="id", how="inner", validate="one_to_one")


def _read_kaggle(folder, train_path):
    """Kaggle's layout: train.csv, optionally test.csv + test_labels.csv."""
    train = read_labelled_csv(train_path)
    labels = train.attrs["labels"]
    train = train.drop(columns=["split", "group"], errors="ignore")
    test_path, labels_path = _find(folder, "test"), _find(folder, "test_labels")
    if (test_path is None) != (labels_path is None):
        have, lack = (test_path, "test_labels.csv") if test_path else (labels_path, "test.csv")
        raise DataFormatError(
            f"{folder}: found {have.name} but no {lack}; the test split needs both "
            "(comments and their labels). Add the missing file, or remove the other "
            "to draw a test split from train.csv."
        )
    if test_path is None:
        return train, labels
    test = _read_test_pair(test_path, labels_path, labels)
    clash = sorted(set(train["id"]) & set(test["id"]))
    if clash:
        raise DataFormatError(f"{test_path}: column 'id': {len(clash)} id(s) also in {train_path.name} (e.g. {clash[:3]}); expected disjoint splits.")
    return pd.concat([train.assign(split="train"), test.assign(split="test")], ignore_index=True), labels


def _read_emotion_names(path):
    names = _decode(path).split("\n")
    if names and names[-1] == "":
        names = names[:-1]
    for number, name in enumerate(names, start=1):
        if not name.strip():
            raise DataFormatError(f"{path}: line {number} is empty; expected one label name per line.")
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise DataFormatError(f"{path}: label name(s) {twice} appear more than once; expected unique names.")
    if not names:
        raise DataFormatError(f"{path}: the file is empty; expected one label name per line.")
    return [n.strip() for n in names]


def _read_goemotions_split(path, names):
    """One headerless GoEmotions TSV: text, comma-separated label ids, id."""
    rows = _read_rows(path, _decode(path), "\t", header=False)
    if rows.shape[1] != 3:
        raise DataFormatError(
            f"{path}: {rows.shape[1]} tab-separated fields per line; expected 3 "
            "(text, comma-separated label ids, comment id) and no header."
        )
    rows.columns = ["comment_text", "label_ids", "id"]
    if rows["label_ids"].iloc[0].strip().lower() in ("label", "labels", "label_ids", "emotions"):
        rows = rows.iloc[1:].reset_index(drop=True)  # a copy with a header line added
        if rows.empty:
            raise DataFormatError(f"{path}: only a header line, no data rows.")
    _check_ids(path, rows)
    _check_text(path, rows)
    Y = np.zeros((len(rows), len(names)), dtype=int)
    for position, cell in enumerate(rows["label_ids"]):
        parts = cell.split(",")
        if not all(p.strip().isdigit() for p in parts):
            _fail_at(path, rows, "label_ids", np.arange(len(rows)) == position,
                     "comma-separated label ids such as 3 or 3,27")
        ids = [int(p) for p in parts]
        if max(ids) >= len(names):
            _fail_at(path, rows, "label_ids", np.arange(len(rows)) == position,
                     f"label ids 0..{len(names) - 1} (emotions.txt has {len(names)} names)")
        Y[position, ids] = 1
    out = rows[["id", "comment_text"]].copy()
    out[names] = Y
    return out


def _read_goemotions(folder):
    """GoEmotions' layout: train/dev/test .tsv and emotions.txt."""
    names_path = folder / "emotions.txt"
    names = _read_emotion_names(names_path)
    parts = []
    for stem, split in (("train", "train"), ("dev", "validation"), ("test", "test")):
        path = _find(folder, stem, "tsv")
        if path is None and stem == "train":
            raise DataFormatError(f"{folder}: has emotions.txt but no train.tsv; GoEmotions' layout expected.")
        if path is not None:
            parts.append((path, _read_goemotions_split(path, names).assign(split=split)))
    seen = {}
    for path, part in parts:
        for ident in part["id"]:
            if ident in seen:
                raise DataFormatError(f"{path}: column 'id': id {ident!r} is also in {seen[ident].name}; expected disjoint splits.")
            seen[ident] = path
    return pd.concat([p for _, p in parts], ignore_index=True), names


def _read_folder(folder):
    """A Kaggle or GoEmotions folder, told apart by its files."""
    if (folder / "emotions.txt").is_file():
        return _read_goemotions(folder)
    train_path = _find(folder, "train")
    if train_path is None:
        found = ", ".join(sorted(p.name for p in folder.iterdir())[:8]) or "nothing"
        raise DataFormatError(
            f"{folder}: no train.csv or train.csv.gz in this folder (Kaggle's layout) and no "
            f"emotions.txt with train.tsv (GoEmotions' layout); the folder holds {found}."
        )
    return _read_kaggle(folder, train_path)


# --------------------------------------------------------------------------- #
# Splits, groups, sampling, usability
# --------------------------------------------------------------------------- #
def _stratified_pick(Y, n_pick, random_state):
    """Indices of ``n_pick`` rows drawn so each label keeps its proportion."""
    from iterstrat.ml_stratifiers import MultilabelStratifiedShuffleSplit

    splitter = MultilabelStratifiedShuffleSplit(
        n_splits=1, train_size=len(Y) - n_pick, test_size=n_pick, random_state=random_state
    )
    _, picked = next(splitter.split(np.zeros((len(Y), 1)), Y))
    return np.sort(picked)


def _add_groups(frame):
    """A ``group`` column: the data's own, else exact-duplicate-text groups."""
    if "group" in frame.columns:
        return frame
    ids = duplicate_text_groups(frame["comment_text"])
    return frame.assign(group=[f"text{i}" for i in ids])


def _check_size(frame, where, min_rows):
    if len(frame) < min_rows:
        raise DataFormatError(
            f"{where}: only {len(frame)} labelled rows; the course needs at least {min_rows} "
            "(utils.data.MIN_ROWS) to train, validate and test. Add rows, or lower min_rows."
        )


def _draw_test_split(frame, labels, where, test_size=TEST_SIZE, random_state=0):
    """Add a ``split`` column: a seeded, group-aware, label-stratified test split."""
    Y = frame[labels].to_numpy()
    groups = frame["group"].to_numpy()
    if len(np.unique(groups)) < 2:
        raise DataFormatError(f"{where}: all rows are copies of one comment (one group); cannot draw a test split.")
    _, test_rows = group_stratified_split(Y, groups, test_size=test_size, random_state=random_state)
    split = np.full(len(frame), "train", dtype=object)
    split[test_rows] = "test"
    return frame.assign(split=split)


def _subsample(frame, labels, n, random_state):
    """``n`` rows, stratified over the labels and the split, in original order."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"sample must be a positive whole number of rows, got {n!r}.")
    if n >= len(frame):
        return frame
    sides = [(frame["split"] == s).to_numpy() for s in ("validation", "test")]
    Y = np.column_stack([frame[labels].to_numpy(), *sides])
    return frame.iloc[_stratified_pick(Y, n, random_state)]


def _check_usable(frame, labels, where, sample):
    """Every label learnable from the training rows; a test split worth scoring."""
    after = f" after sample={sample}" if sample is not None else ""
    is_test = (frame["split"] == "test").to_numpy()
    n_test, n_train = int(is_test.sum()), int((~is_test).sum())
    if n_test < MIN_TEST_ROWS:
        raise DataFormatError(
            f"{where}: the test split has {n_test} row(s){after}; expected at least {MIN_TEST_ROWS} "
            "(mark more rows split=test, or drop the split column to let the loader draw one)."
        )
    if n_train < MIN_TEST_ROWS:
        raise DataFormatError(f"{where}: the training split has {n_train} row(s){after}; expected more.")
    Y = frame.loc[~is_test, labels].to_numpy()
    for j, label in enumerate(labels):
        positives = int(Y[:, j].sum())
        if positives == 0 or positives == len(Y):
            kind = "positive (1)" if positives == 0 else "negative (0)"
            raise DataFormatError(
                f"{where}: label column '{label}' has no {kind} example among the {len(Y)} training "
                f"rows{after}; a classifier cannot learn it. Remove the column, add examples, "
                "or use a larger sample."
            )


def _load(source, sample, random_state, min_rows):
    path = resolve_source(source)
    if path.is_dir():
        frame, labels = _read_folder(path)
    else:
        frame = read_labelled_csv(path)
        labels = frame.attrs["labels"]
    frame = _add_groups(frame)
    _check_size(frame, path, min_rows)
    if "split" not in frame.columns:
        frame = _draw_test_split(frame, labels, path, random_state=random_state)
    elif not (frame["split"] == "test").any():
        raise DataFormatError(
            f"{path}: column 'split' has no 'test' row; mark some rows split=test, "
            "or drop the column to let the loader draw a test split."
        )
    if sample is not None:
        frame = _subsample(frame, labels, sample, random_state)
        _check_size(frame, f"{path} (sample={sample})", min_rows)
    _check_usable(frame, labels, path, sample)
    order = np.argsort((frame["split"] == "test").to_numpy(), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame = frame[TEXT_COLUMNS + labels + ["split", "group"]]
    frame.attrs = {"source": str(path), "labels": list(labels)}
    return frame


# --------------------------------------------------------------------------- #
# Public entry points
# --------------------------------------------------------------------------- #
def load_comments(source=None, *, sample=None, random_state=0, groups=False, min_rows=MIN_ROWS):
    """Load labelled comments as one DataFrame with a ``split`` column.

    Parameters
    ----------
    source : str or Path, optional
        A CSV/TSV file (``.gz`` too), a Kaggle folder or a GoEmotions folder
        (see the module docstring). Default: ``$MLC_DATA`` if set, else the
        classroom corpus.
    sample : int, optional
        Keep a stratified subsample of this many rows (all rows if larger).
    random_state : int
        Seed for the drawn test split and the subsample.
    groups : bool
        Add the ``group`` column (near-copies share a group).
    min_rows : int
        Refuse data with fewer labelled rows than this.

    The label columns are ``frame.attrs["labels"]`` (also :func:`label_columns`).
    """
    frame = _load(source, sample, random_state, min_rows)
    if groups:
        return frame
    out = frame.drop(columns="group")
    out.attrs = dict(frame.attrs)
    return out


def label_columns(frame):
    """The label column names of a comments frame, in order."""
    labels = frame.attrs.get("labels")
    if labels:
        return list(labels)
    return [c for c in frame.columns if c not in RESERVED]


def label_matrix(frame, labels=None):
    """The ``(n_samples, n_labels)`` 0/1 label matrix of a comments frame.

    ``labels`` defaults to the frame's own label columns (:func:`label_columns`).
    """
    labels = label_columns(frame) if labels is None else list(labels)
    missing = [c for c in labels if c not in frame.columns]
    if missing:
        raise ValueError(f"label_matrix: column(s) {missing} not in the frame; it has {list(frame.columns)}.")
    return frame[labels].to_numpy(dtype=int)


@dataclass
class TrainTest:
    """Texts, label matrices and groups of the train and test splits.

    ``train`` holds every labelled non-test row, the validation rows included
    (their ``split`` is ``"validation"``), so a notebook that does not tune fits
    on all of them; :meth:`validation_indices` carves out the validation split.
    """

    train: pd.DataFrame
    test: pd.DataFrame
    labels: list = None
    groups_train: np.ndarray = field(default=None, repr=False)
    groups_test: np.ndarray = field(default=None, repr=False)

    def __post_init__(self):
        if self.labels is None:
            self.labels = label_columns(self.train)
        if self.groups_train is None or self.groups_test is None:
            ids = duplicate_text_groups(self.text_train + self.text_test)
            self.groups_train, self.groups_test = ids[: len(self.train)], ids[len(self.train):]

    @property
    def text_train(self):
        return self.train["comment_text"].tolist()

    @property
    def text_test(self):
        return self.test["comment_text"].tolist()

    @property
    def Y_train(self):
        return label_matrix(self.train, self.labels)

    @property
    def Y_test(self):
        return label_matrix(self.test, self.labels)

    def _given_validation(self):
        """Boolean mask of the source's own validation rows, or None if it has none."""
        if "split" not in self.train.columns:
            return None
        is_val = (self.train["split"] == "validation").to_numpy()
        return is_val if is_val.any() else None

    def _copies_of_fit(self, is_val):
        """Validation rows whose group (a near-copy or the same text) also has fit rows."""
        groups = np.asarray(self.groups_train)
        return is_val & np.isin(groups, groups[~is_val])

    def given_validation_copies(self):
        """How many of the source's own validation rows are left out as copies of fit rows (0 if none)."""
        is_val = self._given_validation()
        return 0 if is_val is None else int(self._copies_of_fit(is_val).sum())

    def validation_indices(self, size=VALIDATION_SIZE, random_state=SEED):
        """``(fit_index, val_index)`` into the training rows.

        The source's own validation rows when it has them (GoEmotions' dev, a
        file's ``split == "validation"`` rows; ``size`` is then ignored), minus
        those with a copy among the fit rows (:meth:`given_validation_copies`);
        else a seeded :func:`~utils.splits.group_stratified_split` of the
        training rows over ``groups_train``. Either way no group of near-copies
        straddles the two sides.
        """
        is_val = self._given_validation()
        if is_val is not None:
            copies = self._copies_of_fit(is_val)
            return np.flatnonzero(~is_val), np.flatnonzero(is_val & ~copies)
        return group_stratified_split(self.Y_train, self.groups_train, test_size=size, random_state=random_state)


def load_train_test(source=None, *, sample=None, random_state=0, min_rows=MIN_ROWS):
    """Load comments and split them: a :class:`TrainTest` (see :func:`load_comments`)."""
    frame = load_comments(source, sample=sample, random_state=random_state, groups=True, min_rows=min_rows)
    labels = frame.attrs["labels"]
    is_test = (frame["split"] == "test").to_numpy()
    _, group_ids = np.unique(frame["group"].to_numpy(dtype=str), return_inverse=True)
    train = frame[~is_test].drop(columns="group").reset_index(drop=True)
    test = frame[is_test].drop(columns="group").reset_index(drop=True)
    for part in (train, test):
        part.attrs = {"source": frame.attrs["source"], "labels": list(labels)}
    return TrainTest(train=train, test=test, labels=list(labels),
                     groups_train=group_ids[~is_test], groups_test=group_ids[is_test])


def sample_train_test(data, sample, *, random_state=0):
    """A stratified subsample of ``sample`` rows of an already loaded :class:`TrainTest`.

    Drawn as ``load_train_test(sample=...)`` draws it (stratified over the labels
    and the train/validation/test sides, seeded), but without reading the source
    again: on a large data set reading it is the expensive part. Returns ``data``
    itself when ``sample`` is at least its number of rows.
    """
    if not isinstance(data, TrainTest):
        raise TypeError(f"sample_train_test needs a TrainTest from load_train_test(), got {type(data).__name__}.")
    frame = pd.concat([data.train, data.test.assign(split="test")], ignore_index=True)
    frame["group"] = np.concatenate([np.asarray(data.groups_train), np.asarray(data.groups_test)])
    if "split" not in data.train.columns:
        frame.loc[: len(data.train) - 1, "split"] = "train"
    picked = _subsample(frame, data.labels, sample, random_state)
    if len(picked) == len(frame):
        return data
    where = data.train.attrs.get("source", "the loaded data")
    _check_usable(picked, data.labels, where, sample)
    is_test = (picked["split"] == "test").to_numpy()
    parts = [picked[~is_test].drop(columns="group").reset_index(drop=True),
             picked[is_test].drop(columns="group").reset_index(drop=True)]
    for part in parts:
        part.attrs = {"source": data.train.attrs.get("source"), "labels": list(data.labels)}
    groups = picked["group"].to_numpy()
    return TrainTest(train=parts[0], test=parts[1], labels=list(data.labels),
                     groups_train=groups[~is_test], groups_test=groups[is_test])


def cap_training_rows(data, max_train, uses="this notebook uses"):
    """``data`` when it has at most ``max_train`` training comments, else a stratified sample with about that many.

    Training and test comments shrink by the same share (:func:`sample_train_test`:
    seeded, stratified, near-copies kept together), and one printed line tells the
    learner, completed by ``uses`` ("the ensembles here use").
    """
    if isinstance(max_train, bool) or not isinstance(max_train, (int, np.integer)) or max_train < 1:
        raise ValueError(f"max_train must be a whole number of comments from 1; got {max_train!r}.")
    n_train, n_test = len(data.train), len(data.test)
    if n_train <= max_train:
        return data
    data = sample_train_test(data, max_train * (n_train + n_test) // n_train)
    print(f"This data has {n_train:,} training and {n_test:,} test comments; {uses} a stratified sample of them, "
          f"{len(data.train):,} training and {len(data.test):,} test comments (set FULL_DATA = True to use all). "
          "Notebooks that sample another size train and score on other comments, so their numbers differ.")
    return data
