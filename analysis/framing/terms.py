"""Distinctive terms of each article or each frame: log-odds with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), "Fightin' Words": for group g and word w,
``delta = log((y_gw + a_w) / (n_g + a0 - y_gw - a_w)) - log((y_rw + a_w) / (n_r + a0 - y_rw - a_w))``
where r is every other group and the prior ``a_w`` is proportional to the
word's corpus frequency; ``z = delta / sqrt(1 / (y_gw + a_w) + 1 / (y_rw + a_w))``.
Counts stay sparse: only words a group uses are scored.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Fear fear fear of men. Men talk.", "b": "Stress stress at work. Men talk."})
>>> distinctive_terms(c, n=1)[["group", "term"]].values.tolist()
[['a', 'fear'], ['b', 'stress']]
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..tokens import Analyzer, make_vectorizer
from .detect import detect_codes

COLUMNS = ["group", "rank", "term", "count", "z", "delta"]


def _groups(corpus, by, codes):
    sents = corpus.sentences.reset_index(drop=True)
    if by == "doc":
        return sents, sents["doc_id"].to_numpy(), np.arange(len(sents))
    if by != "code":
        raise ValueError(f"by must be 'doc' or 'code', got {by!r}")
    codes = detect_codes(corpus) if codes is None else codes
    row = pd.Series(np.arange(len(sents)), index=pd.MultiIndex.from_frame(sents[["doc_id", "sent_id"]]))
    rows = row.reindex(pd.MultiIndex.from_frame(codes[["doc_id", "sent_id"]])).to_numpy()
    keep = ~np.isnan(rows)
    return sents, codes["code"].to_numpy()[keep], rows[keep].astype(int)


def distinctive_terms(corpus, *, by: str = "doc", codes=None, n: int = 10,
                      prior: float = 0.01) -> pd.DataFrame:
    """Words that set each article (``by="doc"``) or each code (``by="code"``) apart.

    Parameters
    ----------
    corpus : Corpus
    by : {"doc", "code"}
        Groups: articles, or the sentences carrying each code (a sentence
        counts for every code it carries; the rest is all other groups' sentences).
    codes : DataFrame, optional
        From :func:`detect_codes` when ``by="code"``.
    n : int
        Terms kept per group (highest z first).
    prior : float
        Prior strength ``a0`` as a share of the corpus token count.

    Returns
    -------
    DataFrame
        ``group``, ``rank`` (1 = most distinctive), ``term`` (a surface word
        for the stem), ``count`` (in the group), ``z``, ``delta``.
    """
    sents, labels, rows = _groups(corpus, by, codes)
    analyzer = Analyzer()
    x = make_vectorizer("count", analyzer=analyzer).fit(sents["text"])
    counts = x.transform(sents["text"]).tocsr()
    vocab = np.array(x.get_feature_names_out())
    names, inverse = np.unique(labels.astype(str), return_inverse=True)
    member = sp.csr_matrix((np.ones(len(rows)), (inverse, rows)), shape=(len(names), len(sents)))
    group = (member @ counts).tocoo()
    totals = np.asarray(group.sum(axis=1)).ravel()
    word = np.asarray((member @ counts).sum(axis=0)).ravel()
    a0 = max(prior * word.sum(), 1.0)
    alpha = a0 * word / max(word.sum(), 1)
    y, g, w = group.data, group.row, group.col
    rest_y, rest_n = word[w] - y, totals.sum() - totals[g]
    delta = (np.log((y + alpha[w]) / (totals[g] + a0 - y - alpha[w]))
             - np.log((rest_y + alpha[w]) / np.maximum(rest_n + a0 - rest_y - alpha[w], 1e-9)))
    z = delta / np.sqrt(1 / (y + alpha[w]) + 1 / (rest_y + alpha[w]))
    display = analyzer.display_map()
    out = pd.DataFrame({"group": names[g], "term": [display.get(t, t) for t in vocab[w]],
                        "count": y.astype(int), "z": z.round(4), "delta": delta.round(4)})
    out = out.sort_values(["group", "z", "term"], ascending=[True, False, True])
    out["rank"] = out.groupby("group").cumcount() + 1
    return out[out["rank"] <= n][COLUMNS].reset_index(drop=True)
