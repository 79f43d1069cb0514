"""Phrases repeated within one article (keyword stuffing): :func:`repeated_phrases`.

Examples
--------
>>> from analysis import Corpus
>>> text = "Get him to talk today. You can get him to talk. Try to get him to talk."
>>> repeated_phrases(Corpus.from_texts({"a": text}))["phrase"].unique().tolist()
['get him to talk']
"""
from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from ..tokens import _WORD_RE, normalize_quotes, stop_words

PHRASE_COLUMNS = ["doc_id", "phrase", "n_words", "count", "occurrence", "sent_id", "start", "end", "position"]
_WORD = re.compile(_WORD_RE)
#: Function words a phrase may not start or end with ("a man who" is not a phrase; "a man" is inside one).
_EDGE_WORDS = frozenset("a an the of to in on at by for from with as and or but nor so who whom which that "
                        "is are was were be been am it its this these those there".split())


def repeated_phrases(corpus, *, min_n: int = 3, max_n: int = 6, min_count: int = 3) -> pd.DataFrame:
    """Word n-grams repeated at least ``min_count`` times within one article.

    n-grams stay inside a sentence, ignore case and quote style, hold at
    least one word that is not a stop word, neither start nor end with a
    function word ("a", "of", "who", ...), and are maximal: a phrase is
    dropped when every one of its occurrences overlaps an occurrence of a
    repeated phrase that is at least as frequent and longer (or as long and
    earlier).

    Returns
    -------
    DataFrame
        One row per occurrence: ``doc_id``, ``phrase``, ``n_words``, ``count``
        (occurrences in the article), ``occurrence`` (0, 1, ...),
        ``sent_id``, ``start``, ``end`` (offsets in the raw text),
        ``position`` (start as a share of the article's length). Sorted by
        document (corpus order), count (descending), phrase, start.
    """
    stop = stop_words()
    found = defaultdict(list)
    for doc_id, sent_id, offset, text in corpus.sentences[["doc_id", "sent_id", "start", "text"]].itertuples(index=False):
        words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(normalize_quotes(text))]
        for n in range(min_n, max_n + 1):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                if gram[0][0] in _EDGE_WORDS or gram[-1][0] in _EDGE_WORDS or all(w in stop for w, _, _ in gram):
                    continue
                key = (doc_id, " ".join(w for w, _, _ in gram))
                found[key].append((sent_id, offset + gram[0][1], offset + gram[-1][2]))
    kept = {k: v for k, v in found.items() if len(v) >= min_count}
    kept = {k: v for k, v in kept.items() if not _subsumed(k, v, kept)}
    return _table(corpus, kept)


def _rank(occ, phrase):
    return (-len(occ), -len(phrase.split()), min(s for _, s, _ in occ), phrase)


def _subsumed(key, occ, kept) -> bool:
    """True when a stronger phrase of the same article overlaps every occurrence."""
    doc_id, phrase = key
    mine = _rank(occ, phrase)
    for (d, other), o in kept.items():
        if d != doc_id or other == phrase or len(o) < len(occ) or _rank(o, other) >= mine:
            continue
        if all(any(s0 < e and s < e0 for _, s0, e0 in o) for _, s, e in occ):
            return True
    return False


def _table(corpus, kept) -> pd.DataFrame:
    lengths = {d: max(len(t), 1) for d, t in corpus.raw.items()}
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    rows = [(d, p, len(p.split()), len(occ), i, s_id, s, e, round(s / lengths[d], 4))
            for (d, p), occ in kept.items() for i, (s_id, s, e) in enumerate(sorted(occ, key=lambda x: x[1]))]
    out = pd.DataFrame(rows, columns=PHRASE_COLUMNS)
    out["_doc"] = out["doc_id"].map(order)
    out = out.sort_values(["_doc", "count", "phrase", "start"], ascending=[True, False, True, True])
    return out.drop(columns="_doc").reset_index(drop=True)
