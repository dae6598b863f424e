"""utils.data: loading the Kaggle layouts, and a clear error for every kind of bad input."""

import gzip
import io
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from utils import REPO_ROOT
from utils.data import (
    CLASSROOM_CORPUS,
    LABELS,
    DataFormatError,
    describe_source,
    label_matrix,
    load_comments,
    load_train_test,
    sample_train_test,
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
    assert first.attrs["labels"] == LABELS
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


def test_sample_train_test_subsamples_a_loaded_split_without_reading_again(tmp_path):
    path = write_csv(tmp_path / "train.csv", make_rows(200))
    data = load_train_test(path)
    small = sample_train_test(data, 60)
    assert len(small.train) + len(small.test) == 60 and len(small.test) > 0
    assert set(small.train["comment_text"]) <= set(data.train["comment_text"])
    assert set(small.test["comment_text"]) <= set(data.test["comment_text"])
    assert np.allclose(small.Y_train.mean(axis=0), data.Y_train.mean(axis=0), atol=0.08)
    assert len(small.groups_train) == len(small.train) and len(small.groups_test) == len(small.test)
    again = sample_train_test(data, 60)
    pd.testing.assert_frame_equal(small.train, again.train)
    assert sample_train_test(data, 10_000) is data
    with pytest.raises(ValueError, match="sample must be a positive whole number"):
        sample_train_test(data, 0)
    with pytest.raises(TypeError, match="needs a TrainTest"):
        sample_train_test(data.train, 60)


def test_cap_training_rows_samples_only_above_the_cap_and_says_so(tmp_path, capsys):
    from utils.data import cap_training_rows

    data = load_train_test(write_csv(tmp_path / "train.csv", make_rows(200)))
    n_train, n_test = len(data.train), len(data.test)
    assert cap_training_rows(data, n_train) is data and capsys.readouterr().out == ""
    small = cap_training_rows(data, n_train // 2, "the ensembles here use")
    expected = sample_train_test(data, (n_train // 2) * (n_train + n_test) // n_train)
    pd.testing.assert_frame_equal(small.train, expected.train)  # the same rows as sampling by hand
    assert abs(len(small.train) - n_train // 2) <= 2
    assert capsys.readouterr().out.strip() == (
        f"This data has {n_train:,} training and {n_test:,} test comments; the ensembles here use a stratified "
        f"sample of them, {len(small.train):,} training and {len(small.test):,} test comments "
        "(set FULL_DATA = True to use all). Notebooks that sample another size train and score on other comments, "
        "so their numbers differ."
    )
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match="max_train must be a whole number"):
            cap_training_rows(data, bad)


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
    assert describe_source() == "train.csv (one CSV file, 6 labels)"  # the name, never the machine's path
    monkeypatch.setenv("MLC_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DataFormatError, match="MLC_DATA=.*nowhere.*names no file or folder"):
        load_comments()


def test_relative_mlc_data_is_resolved_against_the_repository_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the kernel's folder must not matter
    monkeypatch.setenv("MLC_DATA", "data/classroom_comments.csv")
    assert using_classroom_corpus()
    monkeypatch.setenv("MLC_DATA", "data/nothing_here.csv")
    with pytest.raises(DataFormatError) as err:
        load_comments()
    assert f"tried {REPO_ROOT / 'data' / 'nothing_here.csv'}" in str(err.value)
    assert "resolved against the repository root" in str(err.value)


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
def test_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataFormatError) as err:
        load_comments("nothing.csv")
    assert str(err.value) == f"{tmp_path / 'nothing.csv'}: file not found."


def test_folder_without_train_csv(tmp_path):
    with pytest.raises(DataFormatError, match=r"no train\.csv or train\.csv\.gz.*GoEmotions"):
        load_comments(tmp_path)


def test_misspelled_text_column_is_named_with_a_suggestion(tmp_path):
    header = HEADER.replace("comment_text", "coment_text")
    path = write_csv(tmp_path / "train.csv", make_rows(10), header=header)
    with pytest.raises(DataFormatError) as err:
        load_comments(path)
    message = str(err.value)
    assert message.startswith(str(path))
    assert "expected a column named 'comment_text' or 'text' (found 'coment_text': misspelled?)" in message


def test_label_columns_are_whatever_the_header_names(tmp_path):
    rows = [r[:-1] for r in make_rows(40)]
    path = write_csv(tmp_path / "train.csv", rows, header=HEADER.rsplit(",", 1)[0])
    frame = load_comments(path)
    assert frame.attrs["labels"] == LABELS[:5]
    assert label_matrix(frame).shape == (40, 5)


@pytest.mark.parametrize("value", ["2", "yes", "0.5", "", "-1"])
def test_label_values_other_than_0_or_1(tmp_path, value):
    rows = make_rows(10)
    rows[3] = (*rows[3][:4], value, *rows[3][5:])  # the 'obscene' column of row 4
    path = write_csv(tmp_path / "train.csv", rows)
    with pytest.raises(DataFormatError) as err:
        load_comments(path)
    shown = repr(value) if value else "an empty cell"
    assert str(err.value).startswith(f"{path}: column 'obscene', row 4 (id 't003'): found {shown}, expected 0 or 1 (also 0.0/1.0 or true/false)")


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
    path.write_bytes(gzip.compress(b"id,comment_text\n" * 50)[:30])
    with pytest.raises(DataFormatError, match=r"train\.csv\.gz: not a readable gzip file"):
        load_comments(path)


def test_bad_split_value(tmp_path):
    rows = [(*r, "train" if i % 4 else "test") for i, r in enumerate(make_rows(24))]
    rows[5] = (*rows[5][:-1], "dev")
    path = write_csv(tmp_path / "corpus.csv", rows, header=HEADER + ",split")
    with pytest.raises(DataFormatError, match=r"column 'split', row 6 \(id 't005'\): found 'dev', expected 'train', 'validation' or 'test' \(rename 'dev'"):
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
    with pytest.raises(DataFormatError, match=r"test_labels\.csv: column 'obscene', row 3 \(id 'x002'\): found '7', expected 0 or 1 \(also 0\.0/1\.0 or true/false\) or -1"):
        load_comments(folder)


def test_test_labels_partly_unscored(tmp_path):
    folder = kaggle_folder(tmp_path)
    text = (folder / "test_labels.csv").read_text().replace('"x002",0,0,0,0,0,0', '"x002",0,-1,0,0,0,0')
    (folder / "test_labels.csv").write_text(text)
    with pytest.raises(DataFormatError, match=r"column 'severe_toxic', row 3 \(id 'x002'\).*-1 in all 6 labels or in none"):
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


# --------------------------------------------------------------------------- #
# Other layouts: GoEmotions folders and generic CSV/TSV files with any labels
# --------------------------------------------------------------------------- #
EMOTIONS = ["joy", "anger", "neutral"]


def goemotions_folder(tmp_path, n=(30, 8, 8), names=EMOTIONS):
    folder = tmp_path / "goemotions"
    folder.mkdir()
    (folder / "emotions.txt").write_text("\n".join(names))  # no trailing newline, like the original
    start = 0
    for stem, count in zip(("train", "dev", "test"), n, strict=True):
        lines = [f"text {stem} {i}, \"quoted\" words\t{i % 3}{',2' if i % 4 == 0 else ''}\tg{start + i}"
                 for i in range(count)]
        (folder / f"{stem}.tsv").write_text("\n".join(lines) + "\n")
        start += count
    return folder


def test_goemotions_folder_keeps_dev_as_the_validation_split(tmp_path):
    data = load_train_test(goemotions_folder(tmp_path))
    assert data.labels == EMOTIONS
    assert len(data.train) == 38 and len(data.test) == 8
    fit, val = data.validation_indices()
    assert len(fit) == 30 and len(val) == 8
    assert set(data.train.loc[val, "split"]) == {"validation"}
    assert data.train["comment_text"].iloc[0] == 'text train 0, "quoted" words'
    assert data.Y_train[0].tolist() == [1, 0, 1]  # ids "0,2"
    assert data.Y_train.shape == (38, 3)


def test_goemotions_label_id_outside_emotions_txt(tmp_path):
    folder = goemotions_folder(tmp_path)
    (folder / "dev.tsv").write_text((folder / "dev.tsv").read_text().replace("\t1\tg31", "\t1,7\tg31"))
    with pytest.raises(DataFormatError) as err:
        load_comments(folder)
    assert str(err.value) == (f"{folder / 'dev.tsv'}: column 'label_ids', row 2 (id 'g31'): found '1,7', "
                              "expected label ids 0..2 (emotions.txt has 3 names).")


def test_goemotions_wrong_number_of_fields(tmp_path):
    folder = goemotions_folder(tmp_path)
    (folder / "test.tsv").write_text("text only\n" * 8)
    with pytest.raises(DataFormatError, match=r"test\.tsv: 1 tab-separated fields per line; expected 3"):
        load_comments(folder)


def test_goemotions_id_in_two_splits(tmp_path):
    folder = goemotions_folder(tmp_path)
    (folder / "test.tsv").write_text((folder / "test.tsv").read_text().replace("\tg38\n", "\tg0\n"))
    with pytest.raises(DataFormatError, match=r"test\.tsv: column 'id': id 'g0' is also in train\.tsv"):
        load_comments(folder)


def generic_rows(n=40, seed=0):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, 3)) < 0.4).astype(int)
    Y[:3] = np.eye(3, dtype=int)
    Y[3:6] = 0
    return [(f"Kommentar Nummer {i}", *Y[i]) for i in range(n)]


def test_generic_gzipped_tsv_with_non_ascii_label_names(tmp_path):
    path = tmp_path / "mine.tsv.gz"
    lines = ["text\tFreude\tÄrger über X\t喜び"] + ["\t".join(map(str, r)) for r in generic_rows()]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    data = load_train_test(path)
    assert data.labels == ["Freude", "Ärger über X", "喜び"]
    assert len(data.train) + len(data.test) == 40 and len(data.test) == 10
    assert data.train["id"].iloc[0].startswith("mine-")
    assert data.Y_train.shape == (30, 3)


def test_generic_split_column_with_validation_rows(tmp_path):
    rows = generic_rows(40)
    split = ["test" if i % 5 == 0 else "validation" if i % 5 == 1 else "train" for i in range(40)]
    body = "".join(f'{i},"{r[0]}",{r[1]},{r[2]},{r[3]},{split[i]}\n' for i, r in enumerate(rows))
    path = tmp_path / "mine.csv"
    path.write_text("id,comment_text,a,b,c,split\n" + body)
    data = load_train_test(path)
    fit, val = data.validation_indices()
    assert (len(fit), len(val), len(data.test)) == (24, 8, 8)
    assert data.Y_train.shape == (32, 3)


def test_an_unclosed_quote_that_merges_rows_is_named(tmp_path):
    rows = [f'{i},"comment number {i} is here",{i % 2},{i // 2 % 2}\n' for i in range(40)]
    rows[5] = '5,"comment five never closed,1,0\n'  # the parser reads on to row 6's quote: rows 5 and 6 merge
    path = tmp_path / "broken.csv"
    path.write_text("id,comment_text,a,b\n" + "".join(rows))
    with pytest.raises(DataFormatError, match=r"broken\.csv: column 'comment_text', row 6 \(id '5'\).*never closed"):
        load_train_test(path)


def test_a_text_with_a_line_break_and_numbers_is_not_taken_for_a_merged_row(tmp_path):
    rows = [f'{i},"line one of {i}\nscore 1,0 in the end",{i % 2},{i // 2 % 2}\n' for i in range(40)]
    path = tmp_path / "fine.csv"
    path.write_text("id,comment_text,a,b\n" + "".join(rows))
    assert len(load_train_test(path).train) + len(load_train_test(path).test) == 40


def test_given_validation_rows_that_copy_a_fit_row_are_left_out(tmp_path):
    rows = generic_rows(40)
    split = ["test" if i % 5 == 0 else "validation" if i % 5 == 1 else "train" for i in range(40)]
    rows[1] = rows[2]  # validation row 1 repeats training row 2's text
    body = "".join(f'{i},"{r[0]}",{r[1]},{r[2]},{r[3]},{split[i]}\n' for i, r in enumerate(rows))
    path = tmp_path / "mine.csv"
    path.write_text("id,comment_text,a,b,c,split\n" + body)
    data = load_train_test(path)
    fit, val = data.validation_indices()
    assert data.given_validation_copies() == 1
    assert (len(fit), len(val)) == (24, 7)
    texts = np.array(data.text_train)
    assert not set(texts[fit]) & set(texts[val])


def test_drawn_test_split_keeps_duplicate_texts_together(tmp_path):
    rows = generic_rows(60)
    rows += [rows[i] for i in range(6, 26)]  # 20 exact copies
    body = "".join(f'"{r[0]}",{r[1]},{r[2]},{r[3]}\n' for r in rows)
    path = tmp_path / "dups.csv"
    path.write_text("text,x,y,z\n" + body)
    data = load_train_test(path)
    assert not set(data.text_train) & set(data.text_test)
    fit, val = data.validation_indices(size=0.3)
    texts = np.array(data.text_train)
    assert not set(texts[fit]) & set(texts[val])


def test_corpus_groups_are_exposed_and_never_straddle_a_split():
    data = load_train_test(CLASSROOM_CORPUS)
    assert len(data.groups_train) == len(data.train) and len(data.groups_test) == len(data.test)
    assert not set(data.groups_train) & set(data.groups_test)
    assert len(set(data.groups_train)) < len(data.train)  # real variant groups
    fit, val = data.validation_indices()
    assert not set(data.groups_train[fit]) & set(data.groups_train[val])
    frame = load_comments(CLASSROOM_CORPUS, groups=True)
    assert frame["group"].str.fullmatch(r"g\d{4}").all()


@pytest.mark.parametrize("ones, zeros", [("1.0", "0.0"), ("True", "False"), (" true ", "FALSE")])
def test_float_and_boolean_label_spellings_are_accepted(tmp_path, ones, zeros):
    body = "".join(f'"{r[0]}",{ones if r[1] else zeros},{ones if r[2] else zeros}\n' for r in generic_rows())
    path = tmp_path / "f.csv"
    path.write_text("text,a,b\n" + body)
    assert load_train_test(path).Y_train.dtype.kind == "i"


def write_generic(path, rows=None, header="text,a,b,c", eol="\n", bom=False, trailing=""):
    rows = generic_rows() if rows is None else rows
    body = "".join(f'"{r[0]}",{r[1]},{r[2]},{r[3]}{trailing}{eol}' for r in rows)
    path.write_bytes((("\ufeff" if bom else "") + header + trailing + eol + body).encode("utf-8"))
    return path


def test_bom_windows_line_endings_quoted_newlines_and_trailing_empty_column(tmp_path):
    rows = generic_rows()
    rows[7] = ("two\r\nlines", *rows[7][1:])
    plain = load_train_test(write_generic(tmp_path / "a.csv", rows))
    odd = load_train_test(write_generic(tmp_path / "b.csv", rows, eol="\r\n", bom=True, trailing=","))
    assert odd.labels == plain.labels == ["a", "b", "c"]
    assert odd.text_train == plain.text_train
    assert "two\nlines" in plain.text_train + plain.text_test


def test_label_without_positive_in_training(tmp_path):
    rows = [(t, a, b, 0) for t, a, b, _ in generic_rows()]
    with pytest.raises(DataFormatError) as err:
        load_train_test(write_generic(tmp_path / "m.csv", rows))
    assert "m.csv: label column 'c' has no positive (1) example among the 30 training rows" in str(err.value)


def test_label_that_is_always_positive(tmp_path):
    rows = [(t, a, b, 1) for t, a, b, _ in generic_rows()]
    with pytest.raises(DataFormatError, match=r"label column 'c' has no negative \(0\) example"):
        load_train_test(write_generic(tmp_path / "m.csv", rows))


def test_too_few_rows(tmp_path):
    path = write_generic(tmp_path / "m.csv", generic_rows(12))
    with pytest.raises(DataFormatError, match=r"m\.csv: only 12 labelled rows; the course needs at least 20"):
        load_train_test(path)
    assert len(load_comments(path, min_rows=8)) == 12


@pytest.mark.parametrize("n_test", [0, 1])
def test_empty_or_one_row_test_split(tmp_path, n_test):
    body = "".join(f'"{r[0]}",{r[1]},{r[2]},{r[3]},{"test" if i < n_test else "train"}\n'
                   for i, r in enumerate(generic_rows()))
    path = tmp_path / "m.csv"
    path.write_text("text,a,b,c,split\n" + body)
    with pytest.raises(DataFormatError, match=r"m\.csv: (column 'split' has no 'test' row|the test split has 1 row)"):
        load_train_test(path)


def test_header_only_file_is_named(tmp_path):
    path = tmp_path / "only_header.csv"
    path.write_text("text,a,b\n")
    with pytest.raises(DataFormatError) as err:
        load_comments(path)
    assert str(err.value).startswith(f"{path}: only a header line, no data rows")


def test_duplicated_column_name(tmp_path):
    path = write_generic(tmp_path / "m.csv", header="text,a,b,a")
    with pytest.raises(DataFormatError, match=r"m\.csv: column name\(s\) \['a'\] appear more than once"):
        load_comments(path)


def test_semicolon_separated_file_gets_a_delimiter_hint(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("text;a;b\n" + "".join(f"{r[0]};{r[1]};{r[2]}\n" for r in generic_rows()))
    with pytest.raises(DataFormatError, match=r"excel\.csv: .*separated by semicolons, but the file is read as comma-separated"):
        load_comments(path)


def test_tab_separated_file_named_csv_is_told_to_rename(tmp_path):
    path = tmp_path / "tabs.csv"
    path.write_text("text\ta\tb\n" + "".join(f"{r[0]}\t{r[1]}\t{r[2]}\n" for r in generic_rows()))
    with pytest.raises(DataFormatError, match=r"separated by tabs.*name it \.tsv"):
        load_comments(path)


def _xlsx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize("content, says", [
    (gzip.compress(b"text,a\nx,1\n"), r"this file is gzip-compressed although its name does not end in \.gz; rename it to train\.csv\.gz"),
    ("xlsx", r"this is an Excel workbook \(\.xlsx\), not a CSV file; open it in a spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, r"this is an old Excel workbook \(\.xls\)"),
    ("zip", r"this is a zip archive \(data/train\.csv\), not a CSV file; unzip it"),
    ("text,a\nx,1\n".encode("utf-16"), r"this file is UTF-16 text"),
])
def test_binary_files_named_csv_say_what_they_are(tmp_path, content, says):
    if content == "xlsx":
        content = _xlsx_bytes()
    elif content == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("data/train.csv", "text,a\n")
        content = buffer.getvalue()
    path = tmp_path / "train.csv"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=f"^{re.escape(str(path))}: {says}"):
        load_comments(path)


def test_plain_text_named_gz(tmp_path):
    path = write_generic(tmp_path / "train.csv.gz")
    with pytest.raises(DataFormatError, match=r"train\.csv\.gz: not a gzip file.*remove \.gz from its name"):
        load_comments(path)


def test_unknown_extension(tmp_path):
    path = tmp_path / "data.json"
    path.write_text("[]")
    with pytest.raises(DataFormatError, match=r"data\.json: expected a file whose name ends in \.csv, \.tsv"):
        load_comments(path)


def test_kaggle_folder_takes_its_labels_from_train_csv(tmp_path):
    data = load_train_test(kaggle_folder(tmp_path))
    assert data.labels == LABELS
    assert len(data.test) == 4
    assert data.Y_test.shape == (4, 6)


def test_rows_of_empty_cells_are_ignored_and_spaces_around_names_stripped(tmp_path):
    rows = generic_rows()
    plain = load_comments(write_generic(tmp_path / "a.csv", rows))
    path = write_generic(tmp_path / "b.csv", rows, header=" text , a ,b, c ")
    path.write_text(path.read_text() + ",,,\n , , ,\n")
    odd = load_comments(path)
    assert odd.attrs["labels"] == ["a", "b", "c"]
    pd.testing.assert_frame_equal(odd.drop(columns="id"), plain.drop(columns="id"))


def test_excel_sep_line_is_explained(tmp_path):
    path = write_generic(tmp_path / "a.csv")
    path.write_text("sep=,\n" + path.read_text())
    with pytest.raises(DataFormatError, match=r"a\.csv: the first line is Excel's delimiter hint 'sep=,'; delete that line"):
        load_comments(path)


def test_goemotions_copy_with_a_header_line(tmp_path):
    folder = goemotions_folder(tmp_path)
    path = folder / "train.tsv"
    path.write_text("text\tlabels\tid\n" + path.read_text())
    assert len(load_train_test(folder).train) == 38


def test_quoted_mlc_data_path(tmp_path, monkeypatch):
    path = write_generic(tmp_path / "my data.csv")
    monkeypatch.setenv("MLC_DATA", f'"{path}"')
    assert load_comments().attrs["labels"] == ["a", "b", "c"]


@pytest.mark.parametrize("name, wanted", [("Text", "text"), ("ID", "id"), ("Comment Text", "comment_text")])
def test_reserved_column_names_in_another_case(tmp_path, name, wanted):
    path = write_generic(tmp_path / "m.csv", header=f"{name},a,b,c")
    if wanted == "id":
        path = write_generic(tmp_path / "m.csv", header=f"text,{name},b,c")
    with pytest.raises(DataFormatError, match=rf"m\.csv: column '{name}': rename it to '{wanted}'"):
        load_comments(path)


def test_describe_source_names_the_layout_and_labels_never_the_path(tmp_path, monkeypatch):
    kaggle = kaggle_folder(tmp_path, gz=True)
    goemotions = goemotions_folder(tmp_path)
    tsv = tmp_path / "two.tsv"
    tsv.write_text("text\tspam\tham\tsplit\nbuy now\t1\t0\ttrain\n")
    assert describe_source(kaggle) == f"{kaggle.name} (Kaggle layout, 6 labels)"
    assert describe_source(goemotions) == "goemotions (GoEmotions layout, 3 labels)"
    assert describe_source(tsv) == "two.tsv (one TSV file, 2 labels)"
    monkeypatch.setenv("MLC_DATA", str(goemotions))
    assert str(tmp_path) not in describe_source() and describe_source().startswith("goemotions (")
    assert len(load_train_test().labels) == 3  # the count describe_source reads is the loader's
    monkeypatch.delenv("MLC_DATA")
    assert describe_source() == "the classroom corpus (data/classroom_comments.csv)"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataFormatError, match="no train.csv"):
        describe_source(empty)


def test_show_source_adds_the_content_note_only_for_real_comments(tmp_path, monkeypatch, capsys):
    from utils.data import CONTENT_NOTE, show_source

    monkeypatch.delenv("MLC_DATA", raising=False)
    show_source()
    assert capsys.readouterr().out == "Data: the classroom corpus (data/classroom_comments.csv)\n"
    path = write_csv(tmp_path / "train.csv", make_rows(40))
    show_source(": 30 training comments", source=path)
    assert capsys.readouterr().out == f"Data: train.csv (one CSV file, 6 labels): 30 training comments\n{CONTENT_NOTE}\n"


def test_duplicate_text_groups_ignore_case_and_any_white_space():
    from utils.splits import duplicate_text_groups

    texts = ["Thank  you!", "thank you!\n", "\u00a0THANK\tyou!", "Thank you", "b", "a"]
    ids = duplicate_text_groups(texts)
    assert ids[0] == ids[1] == ids[2] and len(set(ids)) == 4  # "thank you" without "!" is another text
    assert ids[5] < ids[4]  # ids follow the sorted normalised texts, as np.unique's would
    assert ids.dtype == np.int64
