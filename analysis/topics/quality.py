"""How good and how stable is a topic model: coherence, diversity, stability.

Co-occurrence window
    NPMI and UMass count co-occurrence within the modelling unit (a
    paragraph by default): ``P(w)`` is the share of units containing ``w``,
    ``P(w1, w2)`` the share containing both. Counts come from the same
    unit x term matrix the model was fitted on (intrinsic coherence).

NPMI (Bouma 2009; Lau et al. 2014)
    ``log(P(w1,w2) / (P(w1) P(w2))) / -log P(w1,w2)`` for every pair of a
    topic's top terms, averaged; -1 when the pair never co-occurs, 1 when
    both words are in every unit. Range -1..1, higher is more coherent.

UMass (Mimno et al. 2011)
    ``log((D(w_m, w_l) + 1) / D(w_l))`` for every pair where ``w_l`` ranks
    above ``w_m``, averaged (a mean, not a sum, so it compares across n).

Diversity (Dieng et al. 2020)
    Unique terms among all topics' top 10 over ``10 * k``.

Stability
    Two runs' topic-term vectors are paired one to one by the Hungarian
    algorithm on their cosine similarity; the mean similarity of the pairs
    is their stability. Over several runs: the mean over all pairs of runs.

Examples
--------
>>> import scipy.sparse as sp
>>> X = sp.csr_matrix([[1, 1, 0], [1, 1, 0], [1, 0, 1], [0, 0, 1]])
>>> round(float(npmi_coherence([[0, 1]], X)[0]), 4)
0.415
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

TOP_N = 10


def _top_indices(topics, vocabulary):
    out = []
    for topic in topics:
        if vocabulary is not None:
            missing = [t for t in topic if t not in vocabulary]
            if missing:
                raise KeyError(f"terms not in the vocabulary: {missing}")
            topic = [vocabulary[t] for t in topic]
        out.append(np.asarray(topic, dtype=int))
    return out


def _cooccurrence(X, idx):
    """Document frequencies (diagonal) and co-document frequencies of columns ``idx``."""
    sub = X[:, idx]
    sub = (sub > 0).astype(np.float64)
    return np.asarray((sub.T @ sub).todense())


def npmi_coherence(topics, X, *, vocabulary=None) -> np.ndarray:
    """Mean NPMI over pairs of each topic's terms (see the module docstring).

    Parameters
    ----------
    topics : list of sequences
        Each topic's top terms as column indices of ``X``, or as terms when
        ``vocabulary`` (term -> column) is given.
    X : scipy.sparse matrix
        Unit x term counts; a unit is the co-occurrence window.

    Returns
    -------
    ndarray
        One score per topic.
    """
    n = X.shape[0]
    X = X.tocsc()
    scores = []
    for idx in _top_indices(topics, vocabulary):
        co = _cooccurrence(X, idx) / n
        p = np.diag(co)
        vals = []
        for i, j in combinations(range(len(idx)), 2):
            pij = co[i, j]
            if pij == 0:
                vals.append(-1.0)
            elif pij >= 1:
                vals.append(1.0)
            else:
                vals.append(np.log(pij / (p[i] * p[j])) / -np.log(pij))
        scores.append(float(np.mean(vals)) if vals else np.nan)
    return np.array(scores)


def umass_coherence(topics, X, *, vocabulary=None) -> np.ndarray:
    """Mean UMass coherence of each topic's ranked terms (see the module docstring).

    Parameters and return value as in :func:`npmi_coherence`; terms must be
    in rank order (best first).
    """
    X = X.tocsc()
    scores = []
    for idx in _top_indices(topics, vocabulary):
        co = _cooccurrence(X, idx)
        vals = [np.log((co[m, l] + 1) / co[l, l])
                for m in range(1, len(idx)) for l in range(m) if co[l, l] > 0]
        scores.append(float(np.mean(vals)) if vals else np.nan)
    return np.array(scores)


def topic_diversity(topics) -> float:
    """Share of unique terms among all topics' top terms (1.0 = no term shared).

    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    terms = [t for topic in topics for t in topic]
    return len(set(terms)) / len(terms) if terms else np.nan


def _components(model):
    return np.asarray(getattr(model, "components_", model), dtype=float)


def match_components(a, b):
    """Pair the topics of ``a`` and ``b`` (k x terms arrays) one to one.

    Returns ``(rows, cols, similarity)``: Hungarian matching maximising the
    summed cosine similarity of topic-term vectors.
    """
    a, b = _components(a), _components(b)
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"models have different vocabularies ({a.shape[1]} vs {b.shape[1]} terms);"
                         " fit them on the same units and vectorizer options")
    na = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-300)
    nb = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-300)
    sim = na @ nb.T
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return rows, cols, sim[rows, cols]


def _aligned(a, b):
    """Both models' topic-term matrices over the union of their terms."""
    names_a, names_b = a.vectorizer_.get_feature_names_out(), b.vectorizer_.get_feature_names_out()
    if len(names_a) == len(names_b) and (names_a == names_b).all():
        return a.components_, b.components_
    union = np.union1d(names_a, names_b)
    out = []
    for model, names in ((a, names_a), (b, names_b)):
        full = np.zeros((model.k, len(union)))
        full[:, np.searchsorted(union, names)] = model.components_
        out.append(full)
    return out


def stability(models) -> float:
    """Mean best-match cosine similarity over all pairs of runs.

    Parameters
    ----------
    models : sequence of TopicModel or (k x terms) arrays
        At least two runs on the same vocabulary.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[1.0, 0, 0], [0, 1.0, 1.0]])
    >>> stability([a, a[::-1]])
    1.0
    """
    if len(models) < 2:
        raise ValueError("stability needs at least two runs")
    pairs = [match_components(a, b)[2].mean() for a, b in combinations(models, 2)]
    return round(float(np.mean(pairs)), 12)


def match_topics(a, b, *, threshold: float = 0.5) -> pd.DataFrame:
    """Which topics of two models agree (for example NMF against LDA).

    Parameters
    ----------
    a, b : TopicModel
        Any two models; when their vocabularies differ (other units or
        vectorizer options) the topic-term vectors are compared on the
        union of their terms.
    threshold : float
        Cosine similarity from which a matched pair counts as agreeing.

    Returns
    -------
    DataFrame
        ``topic_a``, ``label_a``, ``topic_b``, ``label_b``, ``similarity``
        (cosine of topic-term vectors), ``shared_terms`` (common top-10
        terms), ``agree``; a topic left unmatched (different k) has NaN in
        the other side. Sorted by ``topic_a``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> c = load_corpus()
    >>> t = match_topics(fit_topics(c, 4), fit_topics(c, 4, method="lda"))  # doctest: +SKIP
    """
    rows, cols, sims = match_components(*_aligned(a, b))
    names_a, names_b = a.vectorizer_.get_feature_names_out(), b.vectorizer_.get_feature_names_out()
    top_a = [set(names_a[i]) for i in a.top_terms(TOP_N)]
    top_b = [set(names_b[i]) for i in b.top_terms(TOP_N)]
    out = pd.DataFrame({"topic_a": rows, "topic_b": cols, "similarity": sims})
    out["shared_terms"] = [len(top_a[i] & top_b[j]) for i, j in zip(rows, cols)]
    out["agree"] = out["similarity"] >= threshold
    rest_a = pd.DataFrame({"topic_a": sorted(set(range(a.k)) - set(rows))})
    rest_b = pd.DataFrame({"topic_b": sorted(set(range(b.k)) - set(cols))})
    out = pd.concat([out, rest_a, rest_b], ignore_index=True)
    out["label_a"] = out["topic_a"].map(a.labels)
    out["label_b"] = out["topic_b"].map(b.labels)
    out["agree"] = out["agree"].eq(True)  # unmatched topics (NaN after the concat) do not agree
    cols_order = ["topic_a", "label_a", "topic_b", "label_b", "similarity", "shared_terms", "agree"]
    out = out[cols_order].sort_values(["topic_a", "topic_b"], na_position="last")
    return out.astype({"topic_a": "Int64", "topic_b": "Int64", "shared_terms": "Int64"}).reset_index(drop=True)
