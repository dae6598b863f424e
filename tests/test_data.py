"""utils.data: loading the Kaggle layouts, and a clear error for every kind of bad input."""

import gzip

import numpy as np
import pandas as pd
import pytest

from utils.data import (
    CLASSROOM_CORPUS,
    LABELS,
    DataFormatError,
    describe_source,
    label_matrix,
    load_comments,
    load_train_test,
    using_classroom_corpus,
)

HEADER = "id,comment_text," + ",".join(LABELS)


def make_rows(n=40, seed=0):
    """n labelled rows with every label positive somewhere (ids ``t000``...)."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 6)) < 0.3).astype(int)
    Y[:6] = np.eye(6, dtype=int)
    return [(f"t{i:03d}", f"comment number {i}, with words", *Y[i]) for i in range(n)]


def write_csv(path, rows, header=HEADER, gz=False, encoding="utf-8"):
    text = header + "\n" + "".join(",".join(f'"{v}"' if isinstance(v, str) else str(v) for v in r) + "\n" for r in rows)
    data = text.encode(encoding)
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- #
# Good input
# --------------------------------------------------------------------------- #
def test_labels_are_the_six_jigsaw_columns_in_order():
    assert LABELS == ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]


def test_kaggle_train_csv_gets_a_seeded_stratified_test_split(tmp_path):
    path = write_csv(tmp_path / "train.csv", make_rows(80))
    first = load_comments(path)
    again = load_comments(path)
    assert list(first.columns) == ["id", "comment_text", *LABELS, "split"]
    assert set(first["split"]) == {"train", "test"}
    assert (first["split"] == "test").sum() == 20
    pd.testing.assert_frame_equal(first, again)
    assert all(dtype.kind == "i" for dtype in first[LABELS].dtypes)
    # Stratified: every label with >= 4 positives has at least one in test.
    test = first[first["split"] == "test"]
    positives = first[LABELS].sum()
    for label in LABELS:
        if positives[label] >= 4:
            assert test[label].sum() >= 1, label
    # Train rows come first, then test.
    assert (first["split"].iloc[: len(first) - 20] == "train").all()


def test_different_seed_gives_a_different_split(tmp_path):
    path = write_csv(tmp_path / "train.csv", make_rows(80))
    a = load_comments(path, random_state=0)
    b = load_comments(path, random_state=1)
    assert set(a.loc[a.split == "test", "id"]) != set(b.loc[b.split == "test", "id"])


def test_gzipped_file_reads_the_same(tmp_path):
    rows = make_rows(40)
    plain = load_comments(write_csv(tmp_path / "train.csv", rows))
    packed = load_comments(write_csv(tmp_path / "train.csv.gz", rows, gz=True))
    pd.testing.assert_frame_equal(plain, packed)


def kaggle_folder(tmp_path, n_train=40, gz=False):
    folder = tmp_path / "kaggle"
    folder.mkdir()
    ext = ".csv.gz" if gz else ".csv"
    write_csv(folder / f"train{ext}", make_rows(n_train), gz=gz)
    test_rows = [(f"x{i:03d}", f"test comment {i}") for i in range(6)]
    write_csv(folder / f"test{ext}", test_rows, header="id,comment_text", gz=gz)
    labels = [("x000", 1, 0, 0, 0, 1, 0), ("x001", -1, -1, -1, -1, -1, -1), ("x002", 0, 0, 0, 0, 0, 0),
              ("x003", -1, -1, -1, -1, -1, -1), ("x004", 1, 1, 1, 0, 1, 0), ("x005", 0, 0, 0, 1, 0, 0)]
    write_csv(folder / f"test_labels{ext}", labels, header="id," + ",".join(LABELS), gz=gz)
    return folder


@pytest.mark.parametrize("gz", [False, True])
def test_kaggle_folder_uses_scored_test_rows_only(tmp_path, gz):
    frame = load_comments(kaggle_folder(tmp_path, gz=gz))
    test = frame[frame.split == "test"]
    assert list(test["id"]) == ["x000", "x002", "x004", "x005"]
    assert test.loc[test.id == "x004", LABELS].to_numpy().tolist() == [[1, 1, 1, 0, 1, 0]]
    assert (frame.split == "train").sum() == 40


def test_folder_with_train_only_draws_a_split(tmp_path):
    folder = tmp_path / "only_train"
    folder.mkdir()
    write_csv(folder / "train.csv", make_rows(40))
    assert set(load_comments(folder)["split"]) == {"train", "test"}


def test_sample_is_stratified_seeded_and_keeps_both_splits(tmp_path):
    path = write_csv(tmp_path / "train.csv", make_rows(200))
    small = load_comments(path, sample=60)
    assert len(small) == 60
    assert set(small.split) == {"train", "test"}
    pd.testing.assert_frame_equal(small, load_comments(path, sample=60))
    full = load_comments(path)
    share = full[LABELS].mean()
    assert np.allclose(small[LABELS].mean(), share, atol=0.06)
    assert len(load_comments(path, sample=10_000)) == 200


@pytest.mark.parametrize("bad", [0, -5, 2.5, "10", True])
def test_sample_must_be_a_positive_whole_number(tmp_path, bad):
    path = write_csv(tmp_path / "train.csv", make_rows(40))
    with pytest.raises(ValueError, match="sample must be a positive whole number"):
        load_comments(path, sample=bad)


def test_mlc_data_environment_variable_selects_the_source(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "train.csv", make_rows(40))
    monkeypatch.setenv("MLC_DATA", str(path))
    assert load_comments()["id"].str.startswith("t").all()
    assert not using_classroom_corpus()
    assert str(path) in describe_source()
    monkeypatch.setenv("MLC_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DataFormatError, match="MLC_DATA=.*nowhere.*names no file or folder"):
        load_comments()


def test_default_is_the_classroom_corpus(monkeypatch):
    monkeypatch.delenv("MLC_DATA", raising=False)
    assert using_classroom_corpus()
    if not CLASSROOM_CORPUS.exists():
        pytest.fail(f"the classroom corpus {CLASSROOM_CORPUS} is missing")
    split = load_train_test()
    assert split.Y_train.shape == (len(split.text_train), 6)
    assert split.Y_test.shape == (len(split.text_test), 6)
    assert set(np.unique(split.Y_train)) <= {0, 1}
    assert len(split.train) + len(split.test) == len(load_comments())


def test_label_matrix_is_int_in_label_order(tmp_path):
    frame = load_comments(write_csv(tmp_path / "train.csv", make_rows(40)))
    Y = label_matrix(frame)
    assert Y.dtype.kind == "i" and Y.shape == (40, 6)
    assert (Y[:, 2] == frame["obscene"].to_numpy()).all()


# --------------------------------------------------------------------------- #
# Bad input: every message names the file, the column or row, and what was expected
# --------------------------------------------------------------------------- #
def test_missing_file(tmp_path):
    with pytest.raises(DataFormatError, match=r"nothing\.csv: file not found"):
        load_comments(tmp_path / "nothing.csv")


def test_folder_without_train_csv(tmp_path):
    with pytest.raises(DataFormatError, match=r"no train\.csv or train\.csv\.gz"):
        load_comments(tmp_path)


def test_misspelled_column_is_named_with_a_suggestion(tmp_path):
    header = HEADER.replace("severe_toxic", "severe_toxc")
    path = write_csv(tmp_path / "train.csv", make_rows(10), header=header)
    with pytest.raises(DataFormatError) as err:
        load_comments(path)
    message = str(err.value)
    assert "train.csv" in message
    assert "missing column(s) 'severe_toxic' (found 'severe_toxc': misspelled?)" in message
    assert "Expected columns id, comment_text, toxic" in message


def test_missing_column(tmp_path):
    rows = [r[:-1] for r in make_rows(10)]
    path = write_csv(tmp_path / "train.csv", rows, header=HEADER.rsplit(",", 1)[0])
    with pytest.raises(DataFormatError, match=r"train\.csv: missing column\(s\) 'identity_hate'"):
        load_comments(path)


@pytest.mark.parametrize("value", ["2", "yes", "0.0", "", "-1"])
def test_label_values_other_than_0_or_1(tmp_path, value):
    rows = make_rows(10)
    rows[3] = (*rows[3][:4], value, *rows[3][5:])  # the 'obscene' column of row 4
    path = write_csv(tmp_path / "train.csv", rows)
    with pytest.raises(DataFormatError) as err:
        load_comments(path)
    shown = repr(value) if value else "an empty cell"
    assert str(err.value).startswith(f"{path}: column 'obscene', row 4 (id 't003'): found {shown}, expected 0 or 1")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_comment_text(tmp_path, text):
    rows = make_rows(10)
    rows[7] = (rows[7][0], text, *rows[7][2:])
    path = write_csv(tmp_path / "train.csv", rows)
    with pytest.raises(DataFormatError, match=r"column 'comment_text', row 8 \(id 't007'\).*expected non-empty comment text"):
        load_comments(path)


def test_missing_cell_at_end_of_a_short_row(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text(HEADER + '\n"a1","fine",0,0,0,0,0,0\n"a2","short row",0,0,0\n')
    with pytest.raises(DataFormatError, match=r"column 'threat', row 2 \(id 'a2'\): found an empty cell, expected 0 or 1"):
        load_comments(path)


def test_row_with_too_many_fields(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text(HEADER + '\n"a1","fine",0,0,0,0,0,0\n"a2","long",0,0,0,0,0,0,1,1\n')
    with pytest.raises(DataFormatError, match=r"train\.csv: not a well-formed CSV file"):
        load_comments(path)


def test_duplicate_ids(tmp_path):
    rows = make_rows(10)
    rows[5] = ("t001", *rows[5][1:])
    path = write_csv(tmp_path / "train.csv", rows)
    with pytest.raises(DataFormatError, match=r"column 'id': id 't001' appears on rows 2, 6; expected unique ids"):
        load_comments(path)


def test_empty_id(tmp_path):
    rows = make_rows(10)
    rows[2] = ("", *rows[2][1:])
    path = write_csv(tmp_path / "train.csv", rows)
    with pytest.raises(DataFormatError, match=r"column 'id', row 3: found an empty cell, expected a non-empty id"):
        load_comments(path)


def test_unreadable_encoding(tmp_path):
    rows = make_rows(10)
    rows[4] = (rows[4][0], "café crème", *rows[4][2:])
    path = write_csv(tmp_path / "train.csv", rows, encoding="latin-1")
    with pytest.raises(DataFormatError, match=r"train\.csv: line 6, byte \d+: cannot decode b'\\xe9' as UTF-8"):
        load_comments(path)


def test_empty_file(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("")
    with pytest.raises(DataFormatError, match=r"train\.csv: the file is empty"):
        load_comments(path)


def test_corrupt_gzip(tmp_path):
    path = tmp_path / "train.csv.gz"
    path.write_bytes(b"this is not gzip")
    with pytest.raises(DataFormatError, match=r"train\.csv\.gz: not a readable gzip file"):
        load_comments(path)


def test_bad_split_value(tmp_path):
    rows = [(*r, "train" if i % 4 else "test") for i, r in enumerate(make_rows(12))]
    rows[5] = (*rows[5][:-1], "validation")
    path = write_csv(tmp_path / "corpus.csv", rows, header=HEADER + ",split")
    with pytest.raises(DataFormatError, match=r"column 'split', row 6 \(id 't005'\): found 'validation', expected 'train' or 'test'"):
        load_comments(path)


def test_test_labels_whose_ids_do_not_match_the_test_file(tmp_path):
    folder = kaggle_folder(tmp_path)
    labels = (folder / "test_labels.csv").read_text().replace("x005", "x999")
    (folder / "test_labels.csv").write_text(labels)
    with pytest.raises(DataFormatError) as err:
        load_comments(folder)
    message = str(err.value)
    assert "test_labels.csv: column 'id' does not match test.csv" in message
    assert "'x005'" in message and "'x999'" in message


def test_test_labels_outside_minus_one_zero_one(tmp_path):
    folder = kaggle_folder(tmp_path)
    text = (folder / "test_labels.csv").read_text().replace('"x002",0,0,0,0,0,0', '"x002",0,0,7,0,0,0')
    (folder / "test_labels.csv").write_text(text)
    with pytest.raises(DataFormatError, match=r"test_labels\.csv: column 'obscene', row 3 \(id 'x002'\): found '7', expected 0 or 1 or -1"):
        load_comments(folder)


def test_test_labels_partly_unscored(tmp_path):
    folder = kaggle_folder(tmp_path)
    text = (folder / "test_labels.csv").read_text().replace('"x002",0,0,0,0,0,0', '"x002",0,-1,0,0,0,0')
    (folder / "test_labels.csv").write_text(text)
    with pytest.raises(DataFormatError, match=r"column 'severe_toxic', row 3 \(id 'x002'\).*-1 in all six labels or in none"):
        load_comments(folder)


def test_test_csv_without_test_labels(tmp_path):
    folder = kaggle_folder(tmp_path)
    (folder / "test_labels.csv").unlink()
    with pytest.raises(DataFormatError, match=r"found test\.csv but no test_labels\.csv"):
        load_comments(folder)


def test_test_ids_also_in_train(tmp_path):
    folder = kaggle_folder(tmp_path)
    for name in ("test.csv", "test_labels.csv"):
        (folder / name).write_text((folder / name).read_text().replace("x000", "t000"))
    with pytest.raises(DataFormatError, match=r"test\.csv: column 'id': 1 id\(s\) also in train\.csv"):
        load_comments(folder)


def test_plain_and_gzipped_copies_side_by_side_are_ambiguous(tmp_path):
    folder = kaggle_folder(tmp_path)
    write_csv(folder / "train.csv.gz", make_rows(40), gz=True)
    with pytest.raises(DataFormatError, match=r"both train\.csv and train\.csv\.gz exist"):
        load_comments(folder)


def test_error_is_a_value_error():
    assert issubclass(DataFormatError, ValueError)
