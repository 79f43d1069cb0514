"""Distances between articles on each facet, combined, and their clustering.

Each facet is a non-negative article x feature matrix (sparse for the
open-ended ones), compared with a distance in [0, 1]:

* ``topics``: topic prevalence; Hellinger distance between the articles'
  topic distributions;
* ``frames``: share of sentences per framing code; Hellinger distance
  between the articles' code distributions;
* ``claims``: membership in each repeated claim; Jaccard distance;
* ``sources``: mentions per named source (canonical name, case-folded) and
  per kind (person, organization, publication, study, anonymous); cosine
  distance, so sharing a source or leaning on the same kinds of authority
  brings two articles closer.

A facet distance is missing when either article has nothing on that facet
(no frame code, no repeated claim, no source). ``combined`` is the weighted
mean of the facet distances present for the pair, with equal weights by
default (:data:`DEFAULT_WEIGHTS`); it is 1 when no facet is present.

Hellinger distance, ``sqrt(1 - sum(sqrt(p * q)))``, behaves like the
Jensen-Shannon distance on distributions but is one sparse matrix product,
so every facet is computed with matrix products. Rows are computed in
blocks, so memory grows with the number of pairs kept, not with articles x
vocabulary; ``neighbors=k`` keeps each article's ``k`` nearest articles for
corpora too large for all pairs (the time still grows with the square of
the number of articles).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .profiles import cached_layer, claim_membership, code_shares, topic_prevalence

#: Facets with a distance, and their default weight in ``combined``.
DEFAULT_WEIGHTS = {"topics": 1.0, "frames": 1.0, "claims": 1.0, "sources": 1.0}
#: Pair cells computed at once (rows per block = this // number of articles).
BLOCK_CELLS = 2_000_000


def _rows(frame: pd.DataFrame, corpus, column: str, value=None) -> sp.csr_matrix:
    """Articles (corpus order) x distinct ``column`` values, summing ``value`` (default 1)."""
    if frame is None or frame.empty:
        return sp.csr_matrix((len(corpus), 0))
    index = pd.Index(corpus.doc_ids)
    rows = index.get_indexer(frame["doc_id"])
    keep = rows >= 0
    codes, uniques = pd.factorize(frame[column].to_numpy()[keep], sort=True)
    data = np.ones(keep.sum()) if value is None else frame[value].to_numpy(float)[keep]
    return sp.csr_matrix((data, (rows[keep], codes)), shape=(len(index), len(uniques)))


def facet_matrices(corpus, by=tuple(DEFAULT_WEIGHTS)) -> dict:
    """``{facet: (matrix, metric)}`` for the facets in ``by`` whose layer exists."""
    out = {}
    if "topics" in by:
        table = topic_prevalence(corpus)
        if table is not None:
            out["topics"] = (_rows(table, corpus, "topic", "prevalence"), "hellinger")
    if "frames" in by:
        shares = code_shares(corpus)
        if shares is not None:
            out["frames"] = (sp.csr_matrix(shares.to_numpy(float)), "hellinger")
    if "claims" in by:
        members = claim_membership(corpus)
        if members is not None:
            out["claims"] = (_rows(members, corpus, "claim_id"), "jaccard")
    if "sources" in by:
        mentions = cached_layer(corpus, "sources", "detect_sources")
        if mentions is not None:
            named = mentions[mentions["kind"] != "anonymous"]
            feats = pd.concat([
                pd.DataFrame({"doc_id": mentions["doc_id"], "f": "kind:" + mentions["kind"].astype(str)}),
                pd.DataFrame({"doc_id": named["doc_id"],
                              "f": "source:" + named["source"].astype(str).str.casefold()})])
            out["sources"] = (_rows(feats, corpus, "f"), "cosine")
    return out


def _hellinger_block(p: sp.csr_matrix, q: sp.csr_matrix) -> np.ndarray:
    """Hellinger distances between the rows of p and of q (as distributions): one sparse product."""
    root_p, root_q = _normalise(p).sqrt(), _normalise(q).sqrt()
    affinity = (root_p @ root_q.T).toarray()
    return np.sqrt(np.clip(1 - affinity, 0, 1))


def _normalise(m: sp.csr_matrix) -> sp.csr_matrix:
    total = np.asarray(m.sum(axis=1)).ravel()
    return sp.diags(np.divide(1.0, total, out=np.zeros_like(total, dtype=float), where=total > 0)) @ m


def _block(matrix, metric, rows) -> np.ndarray:
    """Distances from articles ``rows`` to all articles; NaN where either side is empty."""
    block = matrix[rows]
    if metric == "hellinger":
        dist = _hellinger_block(block, matrix)
    elif metric == "jaccard":
        b, m = (block > 0).astype(float), (matrix > 0).astype(float)
        inter = (b @ m.T).toarray()
        union = np.asarray(b.sum(1)) + np.asarray(m.sum(1)).T - inter
        dist = 1 - np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    else:
        b, m = _unit(block), _unit(matrix)
        dist = 1 - np.clip((b @ m.T).toarray(), 0, 1)
    empty_a = np.asarray(block.sum(axis=1)).ravel() == 0
    empty_b = np.asarray(matrix.sum(axis=1)).ravel() == 0
    dist[empty_a[:, None] | empty_b[None, :]] = np.nan
    return dist


def _unit(m):
    norm = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sp.diags(np.divide(1.0, norm, out=np.zeros_like(norm), where=norm > 0)) @ m


def _weights(weights, facets):
    w = dict(DEFAULT_WEIGHTS, **(weights or {}))
    unknown = set(w) - set(DEFAULT_WEIGHTS) - set(facets)
    if unknown:
        raise ValueError(f"unknown facet weight(s) {sorted(unknown)}; facets: {list(DEFAULT_WEIGHTS)}")
    return np.array([w.get(f, 1.0) for f in facets], dtype=float)


def article_distance(corpus, *, by=tuple(DEFAULT_WEIGHTS), weights=None, neighbors=None) -> pd.DataFrame:
    """Distance between every pair of articles on each facet and combined.

    Parameters
    ----------
    corpus : Corpus
    by : tuple of str
        Facets to compare, among ``topics``, ``frames``, ``claims``, ``sources``
        (those whose layer is missing are skipped).
    weights : dict, optional
        Facet -> weight in ``combined`` (default 1 each, see :data:`DEFAULT_WEIGHTS`).
    neighbors : int, optional
        Keep only each article's ``neighbors`` nearest by ``combined``
        (for large corpora); default: every pair once (n(n-1)/2 rows: fine
        up to a few thousand articles).

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b``, one column per facet compared (distance in
        [0, 1], missing when either article has nothing on it), ``combined``.
        Pairs in corpus order (``doc_a`` before ``doc_b``).

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "Men hide.", "b": "Men hide.", "c": "Wait."})
    >>> article_distance(c, by=())[["doc_a", "doc_b", "combined"]].shape
    (3, 3)
    """
    return distances_from_matrices(facet_matrices(corpus, by), corpus.doc_ids,
                                   weights=weights, neighbors=neighbors)


def distances_from_matrices(matrices: dict, doc_ids, *, weights=None, neighbors=None) -> pd.DataFrame:
    """:func:`article_distance` from ``{facet: (articles x features matrix, metric)}``.

    ``metric`` is ``hellinger``, ``jaccard`` or ``cosine``; rows follow
    ``doc_ids``. This is the part that scales with the number of articles,
    usable on precomputed or synthetic matrices (see ``benchmarks/``).
    """
    facets = list(matrices)
    w = _weights(weights, facets)
    n, ids = len(doc_ids), np.array(list(doc_ids), dtype=object)
    step = max(1, BLOCK_CELLS // max(n, 1))
    parts = []
    for lo in range(0, n, step):
        rows = np.arange(lo, min(n, lo + step))
        dists = [_block(*matrices[f], rows) for f in facets]
        combined = _combine(dists, w, (len(rows), n))
        a, b = _pairs(rows, combined, neighbors)
        cols = {"doc_a": ids[rows[a]], "doc_b": ids[b]}
        cols.update({f: np.round(dists[i][a, b], 6) for i, f in enumerate(facets)})
        cols["combined"] = np.round(combined[a, b], 6)
        parts.append(pd.DataFrame(cols))
    columns = ["doc_a", "doc_b", *facets, "combined"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def _combine(dists, w, shape) -> np.ndarray:
    """Weighted mean of the facet distances present; 1 where none is."""
    if not dists:
        return np.ones(shape)
    stack = np.stack(dists)
    weight = w[:, None, None] * ~np.isnan(stack)
    total = weight.sum(0)
    mean = np.nansum(stack * w[:, None, None], 0) / np.where(total > 0, total, 1)
    return np.where(total > 0, mean, 1.0)


def _pairs(rows, combined, neighbors):
    """Indices (block row, article) of the pairs to keep."""
    n = combined.shape[1]
    if neighbors is None:
        a, b = np.nonzero(np.arange(n)[None, :] > rows[:, None])
        return a, b
    masked = combined.copy()
    masked[np.arange(len(rows)), rows] = np.inf
    k = min(int(neighbors), n - 1)
    if k <= 0:
        return np.array([], dtype=int), np.array([], dtype=int)
    part = np.argpartition(masked, k - 1, axis=1)[:, :k] if k < n else np.argsort(masked, axis=1)
    take = np.take_along_axis(masked, part, axis=1)
    order = np.take_along_axis(part, np.lexsort((part, take), axis=1), axis=1)[:, :k]
    return np.repeat(np.arange(len(rows)), k), order.ravel()
