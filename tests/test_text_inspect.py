"""Tests of utils.text_inspect: sparsity, vocabularies, obfuscation, lengths, top n-grams, the comment inspector."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from utils.sequences import TextSequencer
from utils.text_inspect import (
    dense_nbytes,
    deobfuscate,
    feature_names,
    known_ngram_share,
    length_summary,
    ngram_length_counts,
    obfuscated_tokens,
    sparse_nbytes,
    sparsity_summary,
    token_lengths,
    top_ngrams_per_label,
    top_ngrams_table,
)
from utils.widgets.comment_inspector import CommentInspector

TEXTS = [
    "you stupid idiot",
    "you are a stupid troll",
    "thanks for the source",
    "the source is fine thanks",
    "what a stuuupid id1ot",
    "i will find you",
]
# labels: insult, threat
Y = np.array([[1, 0], [1, 0], [0, 0], [0, 0], [1, 0], [0, 1]])


# ------------------------------------------------------------------ sparsity and memory
def test_sparsity_summary_counts_by_hand():
    X = sparse.csr_matrix(np.array([[0, 1.0, 0, 0], [0, 0, 0, 0], [2.0, 0, 0, 3.0]]))
    s = sparsity_summary(X)
    assert (s["rows"], s["columns"], s["nonzeros"]) == (3, 4, 3)
    assert s["density"] == pytest.approx(3 / 12)
    assert s["nonzeros_per_row"] == pytest.approx(1.0)
    # 3 float64 values + 3 int32 column indices + 4 int32 row pointers
    assert sparse_nbytes(X) == 3 * 8 + 3 * X.indices.itemsize + 4 * X.indptr.itemsize
    assert s["sparse_mb"] == pytest.approx(sparse_nbytes(X) / 1e6)
    assert dense_nbytes(X) == X.toarray().nbytes == 12 * 8  # X is float64 here
    assert dense_nbytes(X.astype(np.float32)) == 12 * 4
    assert s["dense_mb"] == pytest.approx(96 / 1e6)


def test_sparsity_summary_rejects_dense_and_empty():
    with pytest.raises(TypeError, match="sparse"):
        sparsity_summary(np.ones((2, 2)))
    with pytest.raises(ValueError, match="at least one row"):
        sparsity_summary(sparse.csr_matrix((0, 3)))


# ------------------------------------------------------------------ vocabularies
def test_ngram_length_counts_for_word_and_char_analysers():
    word = CountVectorizer(ngram_range=(1, 2)).fit(["a bb cc dd"])  # 'a' is dropped by the default pattern
    counts = ngram_length_counts(word)
    assert counts.to_dict() == {1: 3, 2: 2}
    char = CountVectorizer(analyzer="char", ngram_range=(2, 3)).fit(["abcd"])
    assert ngram_length_counts(char).to_dict() == {2: 3, 3: 2}


def test_feature_names_needs_a_fitted_vectoriser():
    with pytest.raises(ValueError, match="not fitted"):
        feature_names(TfidfVectorizer())
    with pytest.raises(TypeError, match="get_feature_names_out"):
        feature_names(object())


def test_known_ngram_share():
    word = CountVectorizer().fit(["you are a troll"])
    assert known_ngram_share(word, "you troll") == 1.0
    assert known_ngram_share(word, "you id1ot") == 0.5
    assert known_ngram_share(word, "zzz") == 0.0
    assert np.isnan(known_ngram_share(word, "!!!"))
    char = CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(["idiot"])
    assert 0 < known_ngram_share(char, "id1ot") < 1
    with pytest.raises(ValueError, match="not fitted"):
        known_ngram_share(CountVectorizer(), "x")
    with pytest.raises(TypeError):
        known_ngram_share(word, ["a list"])


# ------------------------------------------------------------------ obfuscation
@pytest.mark.parametrize(
    ("token", "plain"),
    [("id1ot", "idiot"), ("stuuupid", "stupid"), ("l0$er", "loser"), ("H3LL", "hell"), ("fine", "fine")],
)
def test_deobfuscate(token, plain):
    assert deobfuscate(token) == plain


def test_deobfuscate_keeps_a_double_letter_when_the_vocabulary_knows_that_form():
    known = {"good", "god", "help", "stupid"}
    assert deobfuscate("gooood") == "god"  # without a vocabulary: every run to one letter
    assert deobfuscate("gooood", known) == "good"  # "good" is known: the double wins
    assert deobfuscate("heeeeelp", known) == "help"  # "heelp" is unknown: back to one letter
    assert deobfuscate("stuuupid", known) == "stupid"


def test_obfuscated_tokens_finds_leet_and_letter_runs_not_user_names():
    texts = ["what a stuuupid id1ot", "ask user77 about the id1ot", "a fine day", "loool"]
    table = obfuscated_tokens(texts, vocabulary={"stupid", "idiot", "fine"})
    assert list(table["token"]) == ["id1ot", "loool", "stuuupid"]  # by count, then alphabetical
    assert table.set_index("token").loc["id1ot", "count"] == 2
    assert table.set_index("token")["plain_known"].to_dict() == {"id1ot": True, "loool": False, "stuuupid": True}
    assert not table["token_known"].any()
    assert "token_known" not in obfuscated_tokens(texts).columns
    with pytest.raises(TypeError, match="single string"):
        obfuscated_tokens("one text")


# ------------------------------------------------------------------ lengths
def test_token_lengths_use_the_sequencer_tokeniser():
    assert token_lengths(["you are!", "", "a b c d"]).tolist() == [3, 0, 4]


def test_length_summary_by_hand():
    lengths = np.array([2, 4, 6, 10])
    s = length_summary(lengths, 5)
    assert s["share_cut"] == pytest.approx(2 / 4)  # 6 and 10
    assert s["tokens_lost"] == pytest.approx((1 + 5) / 22)
    assert s["padding"] == pytest.approx(1 - (2 + 4 + 5 + 5) / 20)
    assert s["median"] == 5 and s["longest"] == 10
    with pytest.raises(ValueError, match="positive whole number"):
        length_summary(lengths, 0)
    with pytest.raises(ValueError, match="non-empty"):
        length_summary([], 3)


# ------------------------------------------------------------------ top n-grams
def fitted():
    vec = TfidfVectorizer()
    return vec, vec.fit_transform(TEXTS)


def test_top_ngrams_by_mean_difference_match_hand_computation():
    vec, X = fitted()
    tables = top_ngrams_per_label(vec, X, Y, ["insult", "threat"], n=3)
    dense = X.toarray()
    names = vec.get_feature_names_out()
    diff = dense[Y[:, 0] == 1].mean(axis=0) - dense[Y[:, 0] == 0].mean(axis=0)
    expected = [names[k] for k in np.lexsort((names, -diff))[:3]]
    assert list(tables["insult"]["ngram"]) == expected
    assert tables["insult"]["score"].is_monotonic_decreasing
    assert "stupid" in expected
    assert tables["threat"]["ngram"].iloc[0] in {"find", "will"}
    row = tables["insult"].iloc[0]
    assert row["score"] == pytest.approx(row["mean_pos"] - row["mean_neg"])


def test_top_ngrams_by_logistic_regression():
    vec, X = fitted()
    tables = top_ngrams_per_label(vec, X, Y, ["insult", "threat"], n=4, method="logreg")
    assert len(tables["insult"]) == 4
    assert (tables["insult"]["score"] > 0).all()
    assert "stupid" in set(tables["insult"]["ngram"])


def test_top_ngrams_table_and_single_class_labels():
    vec, X = fitted()
    Y3 = np.column_stack([Y, np.zeros(len(Y), int)])
    tables = top_ngrams_per_label(vec, X, Y3, ["insult", "threat", "never"], n=2)
    assert tables["never"].empty
    wide = top_ngrams_table(tables)
    assert list(wide.columns) == ["insult", "threat", "never"]
    assert list(wide.index) == [1, 2] and (wide["never"] == "").all()
    tall = top_ngrams_table(tables, labels_as_rows=True)
    assert list(tall.index) == ["insult", "threat", "never"] and list(tall.columns) == [1, 2]
    assert tall.loc["insult", 1] == wide.loc[1, "insult"] and (tall.loc["never"] == "").all()


def test_top_ngrams_bad_input_is_explained():
    vec, X = fitted()
    with pytest.raises(ValueError, match="method"):
        top_ngrams_per_label(vec, X, Y, method="chi2")
    with pytest.raises(ValueError, match="rows"):
        top_ngrams_per_label(vec, X, Y[:3])
    with pytest.raises(ValueError, match="label names"):
        top_ngrams_per_label(vec, X, Y, ["only one"])
    with pytest.raises(ValueError, match="positive whole number"):
        top_ngrams_per_label(vec, X, Y, n=0)
    other = TfidfVectorizer().fit(["a completely different vocabulary here"])
    with pytest.raises(ValueError, match="features"):
        top_ngrams_per_label(other, X, Y)


# ------------------------------------------------------------------ comment inspector
def inspector():
    word = TfidfVectorizer().fit(TEXTS)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(TEXTS)
    seq = TextSequencer(max_len=4).fit(TEXTS)
    return CommentInspector(word, char, seq, text="you stupid troll")


def test_comment_inspector_summary():
    ins = inspector()
    s = ins.summary()
    assert s["tokens"] == ["you", "stupid", "troll"] and s["n_oov"] == 0 and s["word_known"] == 1.0
    s = ins.set_text("you stuuuupid 1diot today now").summary()
    assert s["n_oov"] == 3  # stuuuupid, 1diot, today; 'now' is cut by max_len=4
    assert s["cut"] == 1 and s["unknown_tokens"] == ["stuuuupid", "1diot", "today"]
    assert s["char_known"] > s["word_known"]
    assert "1 token(s) cut" in ins.report()
    with pytest.raises(TypeError):
        ins.set_text(None)


def test_comment_inspector_needs_fitted_parts():
    with pytest.raises(ValueError, match="word_vectorizer is not fitted"):
        CommentInspector(TfidfVectorizer(), TfidfVectorizer(), TextSequencer())


def test_comment_inspector_widget_follows_the_text_box():
    ins = inspector()
    box = ins.widget()
    text, panel = box.controls["text"], box.controls["panel"]
    assert "Unknown to the sequencer: none" in panel.value
    text.value = "you <b>zzz</b>"
    assert ins.text == "you <b>zzz</b>"
    assert "zzz" in panel.value and "<b>zzz" not in panel.value  # escaped
    assert "Unknown to the sequencer: b, zzz, b (3 id(s) = 1)" in panel.value
    ids = ins.summary()["ids"]  # the typed text's token ids, as the sequencer gives them
    assert ids == ins.sequencer.transform(["you <b>zzz</b>"])[0].tolist()
    assert len(ids) == ins.sequencer.max_len and ids[0] == ins.sequencer.vocabulary_["you"]
