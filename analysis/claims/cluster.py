"""Average-linkage clustering of claim sentences on a sparse neighbour graph.

Clusters merge in order of the average similarity of their pairs of
sentences from different documents, as in
agglomerative clustering with average linkage and a distance threshold, but
only clusters joined by at least one neighbour edge at or above the
threshold are ever compared (a connectivity constraint, as with
scikit-learn's ``connectivity=``), and only the similarities between the
members of the two clusters are computed: no n x n matrix is built. The
neighbour graph comes from
:func:`~analysis.claims.vectors.top_k_neighbours`, exact up to
:data:`~analysis.claims.vectors.EXACT_UP_TO` sentences and approximate
above.

Examples
--------
>>> from analysis.claims.vectors import claim_vectors
>>> v = claim_vectors(["Men hide feelings.", "Guys hide their feelings.", "Buy milk now."])
>>> average_linkage(v, ["a", "b", "b"], threshold=0.3).tolist()
[0, 0, 2]
"""
from __future__ import annotations

import heapq
from collections import Counter

import numpy as np
import scipy.sparse as sp

from .vectors import ClaimVectors, top_k_neighbours


def average_linkage(vectors: ClaimVectors, docs, *, threshold: float, k: int = 10,
                    max_per_doc: int = 2, search: str = "auto") -> np.ndarray:
    """Cluster labels (the smallest member index of each cluster) for every sentence.

    Parameters
    ----------
    vectors : ClaimVectors
        Sentence vectors.
    docs : array-like
        The document of each sentence. Only pairs from different documents
        count in a cluster average, so a claim grows by evidence from other
        documents, never by one article's own topic.
    threshold : float
        Clusters merge while their average similarity is at least this.
    k : int
        Neighbours per sentence in the candidate graph.
    max_per_doc : int
        Most members a cluster may take from one document (a claim is
        stated once or twice per article; more means a topic, not a claim).
    search : {"auto", "exact", "approximate"}
        How the neighbour graph is searched (:func:`~analysis.claims.vectors.top_k_neighbours`).
    """
    n = len(vectors)
    docs = np.asarray(docs)
    graph = sp.triu(top_k_neighbours(vectors, k=k, min_similarity=threshold, docs=docs,
                                     search=search), k=1).tocoo()
    state = _Clusters(vectors, docs)
    members = state.members
    neighbours: dict[int, set] = {i: set() for i in range(n)}
    heap = []
    for a, b, s in zip(graph.row.tolist(), graph.col.tolist(), graph.data.tolist()):
        neighbours[a].add(b)
        neighbours[b].add(a)
        heap.append((-round(s, 10), a, b, 0, 0))
    heapq.heapify(heap)
    version = dict.fromkeys(range(n), 0)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if version.get(a) != va or version.get(b) != vb:
            continue  # stale: one side has merged since
        if not state.fits(a, b, max_per_doc):
            continue
        state.merge(a, b)
        version[a] += 1
        del version[b]
        around = (neighbours.pop(a) | neighbours.pop(b)) - {a, b}
        neighbours[a] = set()
        for c in sorted(around):
            neighbours[c].discard(b)
            avg = state.cross_average(a, c)
            if avg >= threshold:
                neighbours[a].add(c)
                neighbours[c].add(a)
                x, y = min(a, c), max(a, c)
                heapq.heappush(heap, (-round(avg, 10), x, y, version[x], version[y]))
            else:
                neighbours[c].discard(a)
    labels = np.empty(n, dtype=np.int64)
    for group in members.values():
        labels[group] = min(group)
    return labels


class _Clusters:
    """Members, per-document member counts and running vector sums (in total and per document)."""

    def __init__(self, vectors: ClaimVectors, docs: np.ndarray):
        self.vectors, self.docs = vectors, docs
        self.members = {i: [i] for i in range(len(docs))}
        self.counts = {i: Counter({docs[i]: 1}) for i in range(len(docs))}
        self.sums: dict = {}

    def _sums(self, i):
        if i not in self.sums:
            row = self.vectors.sparse[i].tocsr()
            row.sum_duplicates()
            row = (row, self.vectors.dense[i])
            self.sums[i] = {"_all": row, self.docs[i]: row}
        return self.sums[i]

    def merge(self, a, b) -> None:
        """Absorb cluster ``b`` into ``a`` (the smaller side's tables are folded into the larger)."""
        sa, sb = self._sums(a), self._sums(b)
        if len(sb) > len(sa):
            sa, sb = sb, sa
        for key, (sp_b, de_b) in sb.items():
            if key not in sa:
                sa[key] = (sp_b, de_b)
            else:
                merged = (sa[key][0] + sp_b).tocsr()
                merged.sum_duplicates()
                sa[key] = (merged, sa[key][1] + de_b)
        ca, cb = self.counts[a], self.counts.pop(b)
        if len(cb) > len(ca):
            ca, cb = cb, ca
        ca.update(cb)
        self.counts[a], self.sums[a] = ca, sa
        self.members[a] = self.members[a] + self.members.pop(b)
        self.sums.pop(b)

    def _common(self, a, b) -> list:
        ca, cb = self.counts[a], self.counts[b]
        small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        return [d for d in small if d in large]

    def fits(self, a, b, max_per_doc) -> bool:
        """True when merging keeps at most ``max_per_doc`` members per document."""
        ca, cb = self.counts[a], self.counts[b]
        return all(ca[d] + cb[d] <= max_per_doc for d in self._common(a, b))

    def cross_average(self, a, b) -> float:
        """Mean similarity over the pairs of members of ``a`` and ``b`` from different documents (-1: none)."""
        sa, sb = self._sums(a), self._sums(b)
        ca, cb = self.counts[a], self.counts[b]
        common = self._common(a, b)
        pairs = len(self.members[a]) * len(self.members[b]) - sum(ca[d] * cb[d] for d in common)
        if pairs == 0:
            return -1.0
        total = _dot(sa["_all"], sb["_all"]) - sum(_dot(sa[d], sb[d]) for d in common)
        return total / pairs


def _dot(x, y) -> float:
    """Dot product of two (sparse row with sorted indices, dense part) pairs."""
    (a, da), (b, db) = x, y
    if len(a.indices) > len(b.indices):
        a, b = b, a
    if not len(a.indices) or not len(b.indices):
        return float(da @ db)
    pos = np.searchsorted(b.indices, a.indices)
    pos[pos == len(b.indices)] = 0
    hit = b.indices[pos] == a.indices
    return float(a.data[hit] @ b.data[pos[hit]] + da @ db)
