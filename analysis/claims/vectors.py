"""Sentence vectors for claims and a chunked sparse nearest-neighbour search.

A sentence is represented by four L2-normalised blocks whose weighted dot
product is the claim similarity:

* ``word``: TF-IDF of normalised stems and stem bigrams
  (:func:`~analysis.claims.sentences.claim_terms` without concepts);
* ``concept``: TF-IDF of the concept tokens of ``data/claim_lexicon.csv``;
* ``lsa``: latent semantic analysis (truncated SVD) of word + concept terms,
  which links words that occur in the same contexts;
* ``char``: TF-IDF of character 3-5-grams, for near-verbatim reuse.

The weights sum to one, so the similarity of two sentences is a weighted
mean of four cosines and lies in [-1, 1] (in practice [0, 1]).

Examples
--------
>>> v = claim_vectors(["Men hide feelings.", "Guys hide their emotions.", "Buy milk."])
>>> s = v.similarity_to(0)
>>> bool(s[1] > s[2])
True
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .. import config
from ..tokens import normalize_quotes
from .sentences import claim_terms

#: Weights of the four blocks (word, concept, lsa, char).
WEIGHTS = {"word": 0.35, "concept": 0.2, "lsa": 0.25, "char": 0.2}


@dataclass
class ClaimVectors:
    """Weighted blocks of sentence vectors: ``sparse`` (word, concept, char) and ``dense`` (lsa)."""

    sparse: sp.csr_matrix
    dense: np.ndarray
    char: sp.csr_matrix

    def __len__(self) -> int:
        return self.sparse.shape[0]

    def similarity_to(self, i: int) -> np.ndarray:
        """Similarity of sentence ``i`` to every sentence."""
        return (self.sparse @ self.sparse[i].T).toarray().ravel() + self.dense @ self.dense[i]

    def rows_dot(self, rows_a, rows_b) -> float:
        """Sum of the similarities between every row of ``rows_a`` and every row of ``rows_b``."""
        sa, sb = self.sparse[rows_a].sum(axis=0), self.sparse[rows_b].sum(axis=0)
        da, db = self.dense[rows_a].sum(axis=0), self.dense[rows_b].sum(axis=0)
        return float(np.asarray(sa) @ np.asarray(sb).T + da @ db)


def _bigrams(terms):
    words = [t for t in terms if not t.startswith("C_")]
    return words + [a + " " + b for a, b in zip(words, words[1:])]


def claim_vectors(texts, *, weights=None, n_components=100,
                  random_state=config.RANDOM_STATE) -> ClaimVectors:
    """Build the :class:`ClaimVectors` of a list of sentences.

    Parameters
    ----------
    texts : sequence of str
        The sentences.
    weights : dict, optional
        Block weights (default :data:`WEIGHTS`).
    n_components : int
        LSA dimensions (at most the number of sentences minus one).
    random_state : int
        Seed of the truncated SVD.
    """
    w = {**WEIGHTS, **(weights or {})}
    texts = list(texts)
    terms = [claim_terms(t) for t in texts]
    word = _tfidf(lambda t: _bigrams(t), terms)
    concept = _tfidf(lambda t: [x for x in t if x.startswith("C_")], terms)
    char = _tfidf(None, [normalize_quotes(t).lower() for t in texts], char=True)
    both = sp.hstack([word, concept]).tocsr()
    k = int(min(n_components, both.shape[0] - 1, both.shape[1] - 1))
    if k >= 2:
        lsa = TruncatedSVD(k, algorithm="randomized", n_iter=7, random_state=random_state)
        dense = normalize(lsa.fit_transform(both)).astype(np.float64)
    else:
        dense = np.zeros((both.shape[0], 1))
    sparse = sp.hstack([np.sqrt(w["word"]) * word, np.sqrt(w["concept"]) * concept,
                        np.sqrt(w["char"]) * char]).tocsr()
    return ClaimVectors(sparse, np.sqrt(w["lsa"]) * dense, char)


def _tfidf(analyzer, docs, *, char=False) -> sp.csr_matrix:
    if char:
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    else:
        vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    try:
        return vec.fit_transform(docs).tocsr()
    except ValueError:  # empty vocabulary
        return sp.csr_matrix((len(docs), 1))


def top_k_neighbours(vectors: ClaimVectors, *, k=10, min_similarity=0.0,
                     docs=None, chunk_size=None) -> sp.csr_matrix:
    """Sparse graph of each sentence's ``k`` most similar other sentences.

    Similarities are computed block by block (``chunk_size`` rows at a
    time, by default as many as keep a block near 20 million cells), so
    memory stays linear in the number of sentences. Entries below
    ``min_similarity`` are dropped. With ``docs`` (the document of each
    sentence), only sentences of other documents are neighbours. The graph
    is symmetrised with the maximum.

    Examples
    --------
    >>> v = claim_vectors(["Men hide feelings.", "Guys hide their feelings.", "Buy milk."])
    >>> top_k_neighbours(v, k=1, min_similarity=0.2).nnz
    2
    """
    n = len(vectors)
    docs = None if docs is None else np.asarray(docs)
    chunk = chunk_size or max(16, int(2e7 // max(n, 1)))
    rows, cols, vals = [], [], []
    sparse_t = vectors.sparse.T.tocsc()
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        block = (vectors.sparse[lo:hi] @ sparse_t).toarray() + vectors.dense[lo:hi] @ vectors.dense.T
        block[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf
        if docs is not None:
            block[docs[lo:hi, None] == docs[None, :]] = -np.inf
        kk = min(k, n - 1)
        if kk <= 0:
            break
        idx = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        sims = np.take_along_axis(block, idx, axis=1)
        keep = sims >= min_similarity
        rows.append(np.repeat(np.arange(lo, hi), kk)[keep.ravel()])
        cols.append(idx[keep])
        vals.append(np.round(sims[keep], 10))
    if not rows:
        return sp.csr_matrix((n, n))
    graph = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return graph.maximum(graph.T).tocsr()
