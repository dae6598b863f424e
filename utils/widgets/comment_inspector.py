"""Notebook 03's demo: type a comment, see what each text representation keeps of it."""

import math

from utils.sequences import OOV_ID, tokenize
from utils.text_inspect import known_ngram_share
from utils.widgets.messages import classroom_box, guard, message_html

__all__ = ["CommentInspector"]


class CommentInspector:
    """Type a comment; see what the word and character vectorisers and the sequencer make of it.

    Parameters
    ----------
    word_vectorizer, char_vectorizer : fitted ``TfidfVectorizer`` objects (word and character analysers).
    sequencer : a fitted :class:`utils.sequences.TextSequencer`.
    text : the comment to start with.
    """

    def __init__(self, word_vectorizer, char_vectorizer, sequencer, text="You are an id1ot, stuuupid."):
        for name, vec in (("word_vectorizer", word_vectorizer), ("char_vectorizer", char_vectorizer)):
            if not hasattr(vec, "vocabulary_"):
                raise ValueError(f"{name} is not fitted (no vocabulary_); fit it on the training texts first.")
        if not hasattr(sequencer, "vocabulary_"):
            raise ValueError("sequencer is not fitted (no vocabulary_); call sequencer.fit(texts) first.")
        self.word_vectorizer, self.char_vectorizer, self.sequencer = word_vectorizer, char_vectorizer, sequencer
        self.set_text(text)

    def set_text(self, text):
        """Inspect ``text`` from now on."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, got {type(text).__name__}.")
        self.text = text
        return self

    def summary(self):
        """What each representation keeps of the current text, as a dict.

        ``word_known`` / ``char_known`` are NaN when the text has no n-gram of that kind
        (an empty or emoji-only comment): there is nothing to be known or unknown.
        """
        words = self.word_vectorizer.build_analyzer()(self.text)
        ids = self.sequencer.transform([self.text])[0]
        tokens = tokenize(self.text, self.sequencer.lowercase)
        return {
            "tokens": tokens,
            "ids": ids.tolist(),
            "unknown_tokens": [t for t in tokens[: self.sequencer.max_len] if t not in self.sequencer.vocabulary_],
            "n_oov": int((ids == OOV_ID).sum()),
            "cut": max(0, len(tokens) - self.sequencer.max_len),
            "word_ngrams": len(words),
            "unknown_words": list(dict.fromkeys(w for w in words if w not in self.word_vectorizer.vocabulary_)),
            "word_known": known_ngram_share(self.word_vectorizer, self.text),
            "char_known": known_ngram_share(self.char_vectorizer, self.text),
        }

    def report(self):
        """A plain-text description (what the widget's panel shows)."""
        if not self.text.strip():
            return "No comment to inspect: type one in the box above."
        s = self.summary()
        unknown = ", ".join(s["unknown_words"]) or "none"
        word = (f"{s['word_known']:.0%} (unknown: {unknown})" if not math.isnan(s["word_known"])
                else "none: the text has no word the word TF-IDF reads (only emoji or punctuation?)")
        char = (f"{s['char_known']:.0%}" if not math.isnan(s["char_known"])
                else "none: the text gives no character n-grams")
        return "\n".join([
            f"Tokens ({len(s['tokens'])}): {s['tokens']}",
            f"Ids (max_len={self.sequencer.max_len}, 0 = padding, 1 = unknown): {s['ids']}",
            f"Unknown to the sequencer: {', '.join(s['unknown_tokens']) or 'none'} ({s['n_oov']} id(s) = 1)"
            + (f"; {s['cut']} token(s) cut by max_len" if s["cut"] else ""),
            f"Word n-grams known to the word TF-IDF: {word}",
            f"Character n-grams known to the char TF-IDF: {char}",
        ])

    def widget(self):
        """A text box and a panel that follows it."""
        import html as _html

        import ipywidgets as W

        box = W.Text(value=self.text, description="Comment", continuous_update=False,
                     placeholder="Type a comment, then press Enter", layout=W.Layout(width="95%"))
        hint = W.HTML("<span style='font-size:13px; color:#555'>Press Enter (or click outside the box) "
                      "to inspect what you typed.</span>")
        panel = W.HTML()

        def render():
            body = _html.escape(self.report(), quote=False).replace("\n", "<br>")
            panel.value = f"<div style='font-family: monospace; white-space: pre-wrap'>{body}</div>"

        def on_text(change):
            self.set_text(change["new"])
            render()

        def show(message):
            panel.value = message_html(message)

        render()
        box.observe(guard(on_text, show), names="value")
        out = classroom_box([box, hint, panel])
        out.controls = {"text": box, "panel": panel}
        return out
