"""Overlapping claims: attach claim sentences to every claim they are close to.

Average linkage gives each sentence one claim at most, but an article often
makes two claims in one sentence ("give him room, it is not about you"),
and a claim is usually stated more than once. After clustering,
:func:`attach_members` adds every claim sentence whose mean similarity to a
claim's members (its centroid similarity) reaches ``attach``; a sentence
may so join several claims. The search runs over chunks of sentences
against the claim centroids, so memory stays linear in the number of
sentences.

Examples
--------
>>> from analysis.claims.vectors import claim_vectors
>>> v = claim_vectors(["Men hide feelings.", "Guys hide their feelings.",
...                    "Men often hide their feelings.", "Buy milk now."])
>>> attach_members(v, {0: [0, 1]}, attach=0.3)[0]
[0, 1, 2]
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .vectors import ClaimVectors


def _membership(claims: dict, n: int) -> sp.csr_matrix:
    """Sentence x claim matrix of ``1 / size`` for each member (columns average their members)."""
    keys = list(claims)
    rows = np.concatenate([claims[k] for k in keys]).astype(np.int64)
    cols = np.repeat(np.arange(len(keys)), [len(claims[k]) for k in keys])
    size = np.array([len(claims[k]) for k in keys], dtype=float)
    return sp.csr_matrix((1 / size[cols], (rows, cols)), shape=(n, len(keys)))


def centroid_similarity(vectors: ClaimVectors, claims: dict, *, chunk_size: int = 4096):
    """Yield ``(row offset, block)``: mean similarity of sentences to each claim's members.

    ``block[i, j]`` is the mean similarity of sentence ``offset + i`` to the
    members of the ``j``-th claim of ``claims`` (in key order).
    """
    n = len(vectors)
    member = _membership(claims, n)
    sparse_mean = (vectors.sparse.T @ member).tocsc()
    dense_mean = np.asarray(member.T @ vectors.dense).T
    for lo in range(0, n, chunk_size):
        hi = min(n, lo + chunk_size)
        yield lo, (vectors.sparse[lo:hi] @ sparse_mean).toarray() + vectors.dense[lo:hi] @ dense_mean


def merge_claims(vectors: ClaimVectors, claims: dict, *, threshold: float, k: int = 10) -> dict:
    """Merge claims whose members are, on average, at least ``threshold`` similar.

    Each claim is represented by the mean of its members' vectors (the dot
    product of two means is the mean similarity of their member pairs), and
    the means are grouped by :func:`~analysis.claims.cluster.average_linkage`.

    Returns
    -------
    dict
        ``{smallest merged key: sorted member indices}``.
    """
    from .cluster import average_linkage

    keys = list(claims)
    if len(keys) < 2:
        return {key: sorted(set(v)) for key, v in claims.items()}
    member = _membership(claims, len(vectors)).T.tocsr()
    means = ClaimVectors(sp.csr_matrix(member @ vectors.sparse), np.asarray(member @ vectors.dense),
                         sp.csr_matrix(member @ vectors.char), sp.csr_matrix(member @ vectors.search))
    labels = average_linkage(means, np.arange(len(keys)), threshold=threshold, k=k)
    out: dict = {}
    for key, label in zip(keys, labels):
        out.setdefault(keys[label], set()).update(claims[key])
    return {key: sorted(v) for key, v in out.items()}


def attach_members(vectors: ClaimVectors, claims: dict, *, attach: float, docs=None,
                   max_per_doc: int = 3) -> dict:
    """Each claim's members plus every sentence whose centroid similarity is at least ``attach``.

    Parameters
    ----------
    vectors : ClaimVectors
    claims : dict
        ``{claim key: list of sentence indices}``.
    attach : float
        Least mean similarity to the claim's members.
    docs : array-like, optional
        Document of each sentence; with it a claim takes at most
        ``max_per_doc`` members from one document (the closest ones).
    max_per_doc : int

    Returns
    -------
    dict
        ``{claim key: sorted list of sentence indices}``.
    """
    keys = list(claims)
    if not keys:
        return {}
    found = {k: dict.fromkeys(claims[k], np.inf) for k in keys}
    for lo, block in centroid_similarity(vectors, claims):
        for i, j in zip(*np.nonzero(block >= attach)):
            found[keys[j]].setdefault(lo + int(i), float(block[i, j]))
    if docs is None:
        return {k: sorted(v) for k, v in found.items()}
    docs = np.asarray(docs)
    out = {}
    for k, scored in found.items():
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        per_doc: dict = {}
        kept = [i for i, _ in ranked if per_doc.setdefault(docs[i], []).append(i) or
                len(per_doc[docs[i]]) <= max_per_doc]
        out[k] = sorted(kept)
    return out
