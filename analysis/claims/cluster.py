"""Average-linkage clustering of claim sentences on a sparse neighbour graph.

Clusters merge in order of the average similarity of their pairs of
sentences from different documents, as in
agglomerative clustering with average linkage and a distance threshold, but
only clusters joined by at least one neighbour edge at or above the
threshold are ever compared (a connectivity constraint, as with
scikit-learn's ``connectivity=``). only the similarities between the members of the two clusters are computed:
no n x n matrix is built.

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
                    max_per_doc: int = 2) -> np.ndarray:
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
    """
    n = len(vectors)
    docs = np.asarray(docs)
    graph = sp.triu(top_k_neighbours(vectors, k=k, min_similarity=threshold, docs=docs), k=1).tocoo()
    members = {i: [i] for i in range(n)}
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
        if max(Counter(docs[members[a] + members[b]].tolist()).values()) > max_per_doc:
            continue
        members[a] = members[a] + members.pop(b)
        version[a] += 1
        del version[b]
        around = (neighbours.pop(a) | neighbours.pop(b)) - {a, b}
        neighbours[a] = set()
        for c in sorted(around):
            neighbours[c].discard(b)
            avg = _cross_average(vectors, docs, members[a], members[c])
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


def _cross_average(vectors: ClaimVectors, docs: np.ndarray, a: list, b: list) -> float:
    """Mean similarity over the pairs of ``a`` x ``b`` from different documents (-1 if none)."""
    other = docs[a][:, None] != docs[b][None, :]
    if not other.any():
        return -1.0
    sims = (vectors.sparse[a] @ vectors.sparse[b].T).toarray() + vectors.dense[a] @ vectors.dense[b].T
    return float(sims[other].mean())
