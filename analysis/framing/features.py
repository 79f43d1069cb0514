"""The features the framing classifiers see, one row per sentence of a corpus.

* ``cue:<code>``: a cue of the code fired and was kept;
* ``dropped:<code>``: a cue fired but a check dropped it (negated, about the
  wrong person, without its directive);
* ``prev:<code>`` / ``next:<code>``: a kept cue of the code in the sentence
  before or after, in the same document;
* ``stance:<feature>``: the sentence's stance (:data:`STANCE`).

:func:`features` also returns the cue hits and the codes each sentence is
blocked from (:func:`analysis.framing.learn.fit_code_model` uses them).

Examples
--------
>>> from analysis import Corpus
>>> from analysis.framing import load_codebook
>>> book = load_codebook()
>>> flags, cues, blocked = features(Corpus.from_texts({"a": "He is afraid. Be patient."}),
...                                 book, list(book["code"]))
>>> bool(flags.loc[0, "cue:cause.fear"]), bool(flags.loc[1, "prev:cause.fear"])
(True, True)
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

STANCE = ["second_person", "generic_men", "generic_women", "imperative", "directive", "question",
          "hedges", "boosters", "obligations"]


def within_doc_shift(docs, step: int) -> sp.csr_matrix:
    """Sparse n x n matrix ``S`` with ``(S @ M)[i] = M[i + step]`` when that row is in the same document, else 0."""
    docs = np.asarray(docs)
    n = len(docs)
    rows = np.arange(max(0, -step), min(n, n - step))
    rows = rows[docs[rows] == docs[rows + step]]
    return sp.csr_matrix((np.ones(len(rows)), (rows, rows + step)), shape=(n, n))


def _rule_features(corpus, codebook, names) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Cue flags per sentence (``cue:``, ``dropped:``, and the cue codes of the ``prev:``/``next:``
    sentence of the same document), the cue hits with their sentence ``row``, and the blocked codes:
    a cue of the code was dropped as negated or about the wrong person and none was kept. The
    classifiers may not add a blocked code: the rules' negation and scope checks bind them too.
    """
    from .detect import detect_cues

    sents = corpus.sentences[["doc_id", "sent_id"]].reset_index(drop=True)
    row = pd.Series(np.arange(len(sents)), index=pd.MultiIndex.from_frame(sents))
    cues = detect_cues(corpus, codebook)
    cues = cues.assign(row=row.reindex(pd.MultiIndex.from_frame(cues[["doc_id", "sent_id"]])).to_numpy())
    cues = cues[cues["code"].isin(names)]
    column = {c: j for j, c in enumerate(names)}
    col, at = cues["code"].map(column).to_numpy(), cues["row"].to_numpy()
    status = cues["status"].to_numpy()
    kept, dropped, checked = (np.zeros((len(sents), len(names)), dtype=bool) for _ in range(3))
    kept[at[status == "kept"], col[status == "kept"]] = True
    dropped[at[status != "kept"], col[status != "kept"]] = True
    scope = np.isin(status, ["negated", "about_reader", "about_man"])
    checked[at[scope], col[scope]] = True
    docs = sents["doc_id"].to_numpy()
    prev, nxt = ((within_doc_shift(docs, step) @ kept).astype(bool) for step in (-1, 1))
    flags = pd.DataFrame(np.hstack([kept, dropped, prev, nxt]),
                         columns=[f"{kind}:{c}" for kind in ("cue", "dropped", "prev", "next") for c in names])
    return flags, cues, pd.DataFrame(checked & ~kept, columns=list(names))


def _stance_features(corpus) -> pd.DataFrame:
    from .stance import detect_stance

    st = detect_stance(corpus).reset_index(drop=True)
    return pd.DataFrame({f"stance:{c}": st[c].astype(int).clip(upper=1).astype(bool) for c in STANCE})


def features(corpus, codebook, names) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`_rule_features` with the stance flags appended to the flags."""
    flags, cues, blocked = _rule_features(corpus, codebook, names)
    return pd.concat([flags, _stance_features(corpus)], axis=1), cues, blocked
