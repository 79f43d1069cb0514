"""Cue matching over one token stream of every sentence.

All sentences become one string of lower-cased word tokens separated by
spaces, sentences by newlines; clause punctuation stays as tokens. Each cue
list compiles to one regular expression run once over the stream, so the
cost grows with the corpus, not with the number of sentences times cues.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "text": ["He pulls away."]})
>>> stream = TokenStream(s)
>>> stream.tokens
['he', 'pulls', 'away']
>>> hits = stream.find(compile_cues(["pull* away"], {}))
>>> hits[["token", "n_tokens", "surface"]].values.tolist()
[[1, 2, 'pulls away']]
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import config
from ..datafiles import read_table
from ..tokens import lower_keep_length, normalize_quotes

_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*|[,;:()!?\"\u2014\u2013]|(?<=\s)-(?=\s)")
BREAKS = frozenset(",;:()!?\"\u2014\u2013-")


def _word_regex(word: str, lexicons) -> str:
    if word == "NOT":
        return _lexicon_regex(tuple(lexicons.get("negator", ("not", "no", "never", "*n't"))))
    if word == "*":
        return r"[^ \n]+"
    if word.startswith("@"):
        return _lexicon_regex(tuple(lexicons[word[1:]]))
    body = "[a-z0-9']*".join(re.escape(part) for part in word.split("*"))
    base = word[:-1] if word.endswith("*") else word
    if "*" in base or not base.isalpha():
        return body
    forms = irregular_forms().get(base, ())
    return f"(?:{body}|{'|'.join(forms)})" if forms else body


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, tuple[str, ...]]:
    """Past forms of irregular English verbs (``base,forms`` in ``config.FRAMING_IRREGULAR_PATH``):
    a cue word that is a verb base (``feel`` or ``feel*``) also matches them ("felt")."""
    path = config.FRAMING_IRREGULAR_PATH
    out = {}
    for number, row in read_table(path, ("base", "forms")):
        if not row["base"].strip().isalpha() or not row["forms"].split():
            raise ValueError(f"{path}:{number}: expected 'base,forms', got {row}")
        out[row["base"].strip()] = tuple(f for f in row["forms"].split() if f.isalpha())
    return out


@lru_cache(maxsize=256)
def _lexicon_regex(terms: tuple[str, ...]) -> str:
    return "(?:" + "|".join(" ".join(_word_regex(w, {}) for w in t.split())
                            for t in sorted(terms, key=lambda t: (-len(t), t))) + ")"


def compile_cues(cues, lexicons) -> re.Pattern:
    """One regular expression matching any of ``cues`` on whole tokens (longest first);
    a trailing ``!`` (a fixed cue, see :mod:`analysis.framing.codebook`) is ignored here."""
    cues = [c[:-1] if c.endswith("!") else c for c in cues]
    used = {w[1:] for c in cues for w in c.split() if w.startswith("@")} | {"negator"}
    key = tuple(sorted((k, tuple(v)) for k, v in lexicons.items() if k in used))
    return _compile(tuple(sorted(set(cues))), key)


@lru_cache(maxsize=1024)
def _compile(cues: tuple[str, ...], lexicons: tuple) -> re.Pattern:
    lex = dict(lexicons)
    alts = sorted(cues, key=lambda c: (-len(c.split()), -len(c), c))
    # Alternatives sharing a first word share one branch ("NOT" cues test the negators once),
    # and a leading separator (not a look-behind) lets the engine jump from token to token.
    groups: dict[str, list[str]] = {}
    for cue in alts:
        first, *rest = cue.split()
        tail = "".join(" " + _word_regex(w, lex) for w in rest)
        groups.setdefault(_word_regex(first, lex), []).append(tail)
    branches = [head + ("(?:" + "|".join(tails) + ")" if tails != [""] else "")
                for head, tails in groups.items()]
    return re.compile(rf"[ \n](?:{'|'.join(branches)})(?=[ \n]|\Z)")


class TokenStream:
    """The token stream of a sentence table (``doc_id``, ``sent_id``, ``start``, ``text``).

    Attributes: ``tokens`` (list of str), ``sent`` (sentence row of each
    token), ``start``/``end`` (raw offsets), ``is_break`` (clause
    punctuation), ``clause`` (clause number of each token), ``text`` (the
    stream) and ``pos`` (stream offset of each token).
    """

    def __init__(self, sentences: pd.DataFrame):
        self.sentences = sentences.reset_index(drop=True)
        texts = [lower_keep_length(normalize_quotes(t)) for t in self.sentences["text"]]
        joined = "\n".join(texts)
        bounds = np.cumsum([0] + [len(t) + 1 for t in texts])
        found = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(joined)]
        pos = np.array([p for p, _ in found], dtype=np.int64)
        self.tokens = [t for _, t in found]
        self.sent = np.searchsorted(bounds, pos, side="right") - 1
        offsets = self.sentences["start"].to_numpy(dtype=np.int64)
        lengths = np.array([len(t) for t in self.tokens], dtype=np.int64)
        self.start = offsets[self.sent] + pos - bounds[self.sent] if len(pos) else pos
        self.end = self.start + lengths
        self.is_break = np.array([t in BREAKS for t in self.tokens], dtype=bool)
        new_sent = np.r_[True, self.sent[1:] != self.sent[:-1]] if len(pos) else np.zeros(0, bool)
        self.clause = np.cumsum(new_sent | self.is_break)
        seps = np.where(new_sent[1:], "\n", " ") if len(pos) else []
        self.text = "".join(t + s for t, s in zip(self.tokens, list(seps) + [""]))
        self.pos = np.cumsum(np.r_[0, lengths + 1])[:-1]

    def find(self, regex: re.Pattern) -> pd.DataFrame:
        """Every match of ``regex``: ``token`` (first token), ``n_tokens``, ``sent``, ``start``, ``end``, ``surface``."""
        spans = [(m.start(), m.end() - 1) for m in regex.finditer("\n" + self.text)]
        cols = ["token", "n_tokens", "sent", "start", "end", "surface"]
        if not spans:
            return pd.DataFrame({c: pd.Series(dtype="int64" if c != "surface" else object) for c in cols})
        a = np.array(spans, dtype=np.int64)
        first = np.searchsorted(self.pos, a[:, 0], side="left")
        last = np.searchsorted(self.pos, a[:, 1] - 1, side="right") - 1
        start, end = self.start[first], self.end[last]
        sents = self.sent[first]
        raw = self.sentences["text"].to_numpy()
        sstart = self.sentences["start"].to_numpy()
        surface = [raw[s][b - sstart[s]:e - sstart[s]] for s, b, e in zip(sents, start, end)]
        return pd.DataFrame({"token": first, "n_tokens": last - first + 1, "sent": sents,
                             "start": start, "end": end, "surface": surface})

    def mark(self, terms, *, first_only=False) -> np.ndarray:
        """Boolean array: tokens covered by (or opening) a match of any of ``terms``."""
        out = np.zeros(len(self.tokens), dtype=bool)
        hits = self.find(compile_cues(terms, {}))
        for t, n in zip(hits["token"], hits["n_tokens"]):
            out[t:t + (1 if first_only else n)] = True
        return out
