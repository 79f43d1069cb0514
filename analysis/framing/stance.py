"""Stance: how each sentence speaks, and the token features the code detector shares.

Features come from the lexicons in ``data/framing_lexicons.csv`` and from
general English word order: a clause opening with a base verb ("Give him
time", "Don't push") is an imperative; a sentence telling the reader what
to do (imperative, obligation, recommendation, or a need of his: "he needs
space") is *directive*.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Men often hide fear. You should listen. Give him time."})
>>> detect_stance(c)[["second_person", "generic_men", "hedges", "imperative"]].values.tolist()
[[False, True, 1, False], [True, False, 0, False], [False, False, 0, True]]
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .codebook import load_lexicons
from .matching import TokenStream, compile_cues

NONE, MAN, READER = 0, 1, 2
_SKIP_NEGATION = re.compile(r"^(?:not|no) (?:only|just|matter|doubt|wonder)\b")
_READER_SUBJECTS = frozenset({"she", "she's", "she'll", "she'd", "women", "woman", "wife", "girlfriend",
                              "wives", "you're", "you've", "you'll", "you'd"})
_READER_VERBS = frozenset({"feel", "feels", "felt", "need", "want", "start", "get", "become", "try"})
_QUESTION_RE = re.compile(r"\?[\"'”’)\]]*\s*$")


class Features:
    """Token and sentence features of a :class:`TokenStream`.

    Attributes: ``neg`` (token opens a negator), ``ref`` (0 none, 1 the man,
    2 the reader), ``imperative`` and ``gerund`` (clause opens with a base
    verb, or its -ing form; per clause number), ``directive`` (per sentence
    row), ``hits`` (lexicon name -> hit table).
    """

    def __init__(self, stream: TokenStream, lexicons=None):
        self.stream, lex = stream, lexicons or load_lexicons()
        self.lexicons = lex
        self.hits = {name: stream.find(compile_cues(lex[name], {}))
                     for name in ("negator", "hedge", "booster", "obligation", "prescriptive",
                                  "generic_men", "generic_women", "second_person")}
        neg = self.hits["negator"]
        keep = [not _SKIP_NEGATION.match(stream.text[stream.pos[t]:stream.pos[t] + 12])
                for t in neg["token"]]
        self.neg = np.zeros(len(stream.tokens), dtype=bool)
        self.neg[neg["token"].to_numpy()[keep]] = True
        self.ref = self._referents(lex)
        self._auxiliaries = frozenset(lex.get("not_subject", ()))
        self.imperative = self._imperative(lex)
        self.directive = self._directive(lex)

    def _referents(self, lex) -> np.ndarray:
        s = self.stream
        man, reader = s.mark(lex["man"]), s.mark(lex["reader"])
        ref = np.where(man, MAN, np.where(reader, READER, NONE))
        nxt = np.r_[man[1:], False]
        possessive = np.isin(np.array(s.tokens, dtype=object), ["your", "her", "my"])
        ref[possessive & nxt & (s.sent == np.r_[s.sent[1:], -1])] = NONE
        return self._resolve_plural(ref, lex)

    def _resolve_plural(self, ref, lex) -> np.ndarray:
        """"they"/"them"/"their" take the side of the last plural noun before them in the sentence."""
        s = self.stream
        men = {t for t in lex["generic_men"] if " " not in t}
        women = {t for t in lex["generic_women"] if " " not in t}
        last, sent = NONE, -1
        for i, tok in enumerate(s.tokens):
            if s.sent[i] != sent:
                last, sent = NONE, s.sent[i]
            if tok in men:
                last = MAN
            elif tok in women:
                last = READER
            elif tok in ("they", "them", "their", "theirs", "themselves", "they're", "they've", "they'll"):
                ref[i] = last
        return ref

    def _imperative(self, lex) -> np.ndarray:
        s = self.stream
        skip = s.mark(lex["clause_start"]) | s.is_break
        idx = np.flatnonzero(~skip)
        out = np.zeros(s.clause.max() + 1 if len(s.clause) else 0, dtype=bool)
        self.gerund = out.copy()
        if not len(idx):
            return out
        clauses = s.clause[idx]
        first = idx[np.r_[True, clauses[1:] != clauses[:-1]]]
        verbs, not_subject = set(lex["imperative"]), set(lex["not_subject"])
        for t in first:
            nxt = s.tokens[t + 1] if t + 1 < len(s.tokens) and s.sent[t + 1] == s.sent[t] else ""
            word = s.tokens[t]
            if nxt in not_subject or nxt.startswith("'"):
                continue
            if word in verbs:
                out[s.clause[t]] = True
            elif _gerund_of(word, verbs):
                self.gerund[s.clause[t]] = True
        return out

    def _directive(self, lex) -> np.ndarray:
        s = self.stream
        n = len(s.sentences)
        out = np.zeros(n, dtype=bool)
        clause_sent = pd.Series(s.sent).groupby(s.clause).first()
        opens = self.imperative | self.gerund
        out[clause_sent[opens[clause_sent.index]].to_numpy()] = True
        out[self.hits["prescriptive"]["sent"].to_numpy()] = True
        for t, sent in zip(self.hits["obligation"]["token"], self.hits["obligation"]["sent"]):
            if self.nearest(t, 1) != MAN:
                out[sent] = True
        needs = s.find(compile_cues([f"@man {w}" for w in ("@need_verb", "* @need_verb",
                                                           "* * @need_verb")], lex))
        out[needs["sent"].to_numpy()] = True
        return out | self._advice_sections(lex)

    def _advice_sections(self, lex) -> np.ndarray:
        """Sentences under an advice heading ("How to respond", "What you can do?") up to the
        next heading of the same article: advice even when not worded as an order."""
        sents = self.stream.sentences
        n = len(sents)
        if "is_heading" not in sents or "advice_heading" not in lex or not n:
            return np.zeros(n, dtype=bool)
        heading = sents["is_heading"].fillna(False).to_numpy(dtype=bool)
        question = sents["text"].str.contains(_QUESTION_RE).to_numpy()
        hits = self.stream.find(compile_cues(lex["advice_heading"], {}))["sent"].to_numpy()
        opens = np.zeros(n, dtype=bool)
        opens[hits] = True
        opens &= heading | question
        doc = sents["doc_id"].to_numpy()
        new_doc = np.r_[True, doc[1:] != doc[:-1]]
        section = np.cumsum(heading | opens | new_doc)
        advice = pd.Series(opens).groupby(section).transform("max").to_numpy(dtype=bool)
        return advice & ~heading & ~opens

    def nearest(self, token: int, n_tokens: int) -> int:
        """Who a cue at ``token`` is about: the man, the reader or nobody (0)."""
        s, ref = self.stream, self.ref
        clause = s.clause[token]
        j = token - 1
        while j >= 0 and s.clause[j] == clause:
            if ref[j]:
                return int(ref[j])
            j -= 1
        if clause < len(self.imperative) and self.imperative[clause]:
            return READER
        j = token + n_tokens
        while j < len(ref) and s.clause[j] == clause:
            if ref[j] == MAN or (ref[j] == READER and self._reader_subject(j)):
                return int(ref[j])
            j += 1
        return self._nearest_in_sentence(token, n_tokens)

    def _nearest_in_sentence(self, token: int, n_tokens: int) -> int:
        """The closest person on either side within the sentence (the earlier one on a tie)."""
        s, ref = self.stream, self.ref
        sent, back, ahead = s.sent[token], token - 1, token + n_tokens
        while (back >= 0 and s.sent[back] == sent) or (ahead < len(ref) and s.sent[ahead] == sent):
            if back >= 0 and s.sent[back] == sent and ref[back]:
                return int(ref[back])
            if ahead < len(ref) and s.sent[ahead] == sent and (
                    ref[ahead] == MAN or (ref[ahead] == READER and self._reader_subject(ahead))):
                return int(ref[ahead])
            back, ahead = back - 1, ahead + 1
        return NONE

    def names(self, token: int, n_tokens: int, who: int) -> bool:
        """True when the cue at ``token`` itself names ``who`` ("give him credit")."""
        return bool((self.ref[token:token + n_tokens] == who).any())

    def _reader_subject(self, j: int) -> bool:
        """A reader reference after a cue counts only as a subject ("..., you feel"), not
        as an object ("the distance has little to do with you")."""
        s = self.stream
        tok = s.tokens[j]
        if tok in _READER_SUBJECTS:
            return True
        nxt = s.tokens[j + 1] if j + 1 < len(s.tokens) and s.sent[j + 1] == s.sent[j] else ""
        return tok == "you" and (nxt in self._auxiliaries or nxt in _READER_VERBS)

    def negated(self, tokens, *, window: int = 5) -> np.ndarray:
        """True where an odd number of negators precede each token of ``tokens`` in its clause
        (looking back at most ``window`` tokens)."""
        s = self.stream
        tokens = np.asarray(tokens, dtype=np.int64)
        if not hasattr(self, "_clause_start"):
            first = np.r_[True, s.clause[1:] != s.clause[:-1]] if len(s.clause) else np.zeros(0, bool)
            starts = np.flatnonzero(first)
            self._clause_start = starts[np.searchsorted(starts, np.arange(len(s.clause)), side="right") - 1]
            self._neg_cum = np.r_[0, np.cumsum(self.neg)]
        if not len(tokens):
            return np.zeros(0, dtype=bool)
        lo = np.maximum(tokens - window, self._clause_start[tokens])
        return ((self._neg_cum[tokens] - self._neg_cum[lo]) % 2).astype(bool)


def _gerund_of(word: str, verbs) -> bool:
    """True for "listening", "giving", "stopping": the -ing form of a verb in ``verbs``."""
    if not word.endswith("ing") or len(word) < 6:
        return False
    base = word[:-3]
    return base in verbs or base + "e" in verbs or (base[-1:] == base[-2:-1] and base[:-1] in verbs)


def _counts(hits: pd.DataFrame, n: int, *, mask=None) -> np.ndarray:
    sents = hits["sent"].to_numpy() if mask is None else hits["sent"].to_numpy()[mask]
    return np.bincount(sents, minlength=n)


def _generic(feats: Features, name: str) -> np.ndarray:
    s, hits = feats.stream, feats.hits[name]
    det = set(feats.lexicons["determiner"])
    ok = np.array([t == 0 or s.sent[t - 1] != s.sent[t] or s.tokens[t - 1] not in det
                   for t in hits["token"]], dtype=bool)
    return _counts(hits, len(s.sentences), mask=ok) > 0


def detect_stance(corpus) -> pd.DataFrame:
    """Per-sentence stance features.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end``, then ``second_person``,
        ``generic_men``, ``generic_women``, ``imperative``, ``question``,
        ``directive`` (bool) and ``hedges``, ``boosters``, ``obligations``
        (counts of lexicon hits).

    Examples
    --------
    >>> from analysis import Corpus
    >>> detect_stance(Corpus.from_texts({"a": "Women always know. Do they?"}))["question"].tolist()
    [False, True]
    """
    return corpus.cached(("detect_stance",), lambda: _stance(corpus)).copy()


def _stance(corpus) -> pd.DataFrame:
    sents = corpus.sentences
    stream = TokenStream(sents)
    feats = Features(stream)
    n = len(sents)
    out = sents[["doc_id", "sent_id", "start", "end"]].reset_index(drop=True).copy()
    out["second_person"] = _counts(feats.hits["second_person"], n) > 0
    out["generic_men"] = _generic(feats, "generic_men")
    out["generic_women"] = _generic(feats, "generic_women")
    clause_sent = pd.Series(stream.sent).groupby(stream.clause).first()
    imp = np.zeros(n, dtype=bool)
    imp[clause_sent[feats.imperative[clause_sent.index]].to_numpy()] = True
    out["imperative"] = imp
    out["question"] = sents["text"].str.contains(_QUESTION_RE).to_numpy()
    out["directive"] = feats.directive
    out["hedges"] = _counts(feats.hits["hedge"], n)
    out["boosters"] = _counts(feats.hits["booster"], n)
    out["obligations"] = _counts(feats.hits["obligation"], n)
    return out
