"""Sentence vectors for claims and a sparse nearest-neighbour search (exact or approximate).

A sentence is represented by up to five L2-normalised blocks whose
weighted dot product is the claim similarity:

* ``word``: TF-IDF of normalised stems and stem bigrams
  (:func:`~analysis.claims.sentences.claim_terms` without concepts);
* ``concept``: TF-IDF of the concept tokens of ``data/claim_lexicon.csv``;
* ``lsa``: latent semantic analysis (truncated SVD) of word + concept terms,
  which links words that occur in the same contexts;
* ``char``: TF-IDF of character 3-5-grams, for near-verbatim reuse;
* ``frame``: the framing codes of the sentence (cause, evaluation, remedy:
  :func:`analysis.framing.detect_codes`), when they are given. Two
  sentences that give the same cause or prescribe the same remedy are far
  more often one claim than two sentences that merely share words.

The weights of the blocks used sum to one, so the similarity of two
sentences is a weighted mean of cosines and lies in [-1, 1] (in practice
[0, 1]).

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

#: Weights of the blocks (without framing codes the first four are rescaled to sum to one).
WEIGHTS = {"word": 0.28, "concept": 0.16, "lsa": 0.2, "char": 0.16, "frame": 0.2}


@dataclass
class ClaimVectors:
    """Weighted sentence vectors, one row per sentence.

    ``sparse`` holds the word, concept and character blocks, ``dense`` the
    LSA block, ``char`` the unweighted character n-grams (verbatim reuse)
    and ``search`` the weighted word block, the cheap part used to find
    candidate neighbours.
    """

    sparse: sp.csr_matrix
    dense: np.ndarray
    char: sp.csr_matrix
    search: sp.csr_matrix

    def pair_similarity(self, rows, cols) -> np.ndarray:
        """Similarity of each pair ``(rows[i], cols[i])``."""
        rows, cols = np.asarray(rows), np.asarray(cols)
        sparse = np.asarray(self.sparse[rows].multiply(self.sparse[cols]).sum(axis=1)).ravel()
        return sparse + np.einsum("ij,ij->i", self.dense[rows], self.dense[cols])

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


def claim_vectors(texts, *, frames=None, groups=None, context=0.0, weights=None, n_components=100,
                  random_state=config.RANDOM_STATE) -> ClaimVectors:
    """Build the :class:`ClaimVectors` of a list of sentences.

    Parameters
    ----------
    texts : sequence of str
        The sentences, in reading order.
    frames : sequence of iterables of str, optional
        The framing codes of each sentence (the ``frame`` block); None
        leaves the block out.
    groups : sequence, optional
        A key per sentence (its paragraph or document). With ``context`` > 0
        each sentence's word, concept and LSA blocks get ``context`` times
        the terms of its neighbours in the same group, so that "They are
        inexperienced." borrows the subject of the sentence before it.
    context : float
        Weight of the neighbouring sentences (0: none).
    weights : dict, optional
        Block weights (default :data:`WEIGHTS`).
    n_components : int
        LSA dimensions (at most the number of sentences minus one).
    random_state : int
        Seed of the truncated SVD.
    """
    w = _weights(weights, frames is not None)
    texts = list(texts)
    terms = [claim_terms(t) for t in texts]
    word = _tfidf(lambda t: _bigrams(t), terms)
    concept = _tfidf(lambda t: [x for x in t if x.startswith("C_")], terms)
    char = _tfidf(None, [normalize_quotes(t).lower() for t in texts], char=True)
    if context and groups is not None:
        word, concept = (_with_context(m, groups, context) for m in (word, concept))
    both = sp.hstack([word, concept]).tocsr()
    k = int(min(n_components, both.shape[0] - 1, both.shape[1] - 1))
    if k >= 2:
        lsa = TruncatedSVD(k, algorithm="randomized", n_iter=7, random_state=random_state)
        with np.errstate(invalid="ignore", divide="ignore"):  # explained variance of identical rows
            dense = normalize(lsa.fit_transform(both)).astype(np.float64)
    else:
        dense = np.zeros((both.shape[0], 1))
    blocks = [np.sqrt(w["word"]) * word, np.sqrt(w["concept"]) * concept, np.sqrt(w["char"]) * char]
    if frames is not None:
        blocks.append(np.sqrt(w["frame"]) * _one_hot(frames, len(texts)))
    sparse = sp.hstack(blocks).tocsr()
    search = (np.sqrt(w["word"]) * word).tocsr()
    return ClaimVectors(sparse, np.sqrt(w["lsa"]) * dense, char, search)


def _weights(weights, with_frames: bool) -> dict:
    """Block weights; without framing codes the other blocks are rescaled to sum to one."""
    w = {**WEIGHTS, **(weights or {})}
    if not with_frames:
        rest = sum(v for k, v in w.items() if k != "frame")
        w = {k: v / rest for k, v in w.items() if k != "frame"}
    return w


def _one_hot(frames, n: int) -> sp.csr_matrix:
    """L2-normalised sentence x code indicator matrix (a sentence without codes is a zero row)."""
    frames = [sorted(set(f)) for f in frames]
    if len(frames) != n:
        raise ValueError(f"frames has {len(frames)} entries for {n} sentences")
    vocab = {c: j for j, c in enumerate(sorted({c for f in frames for c in f}))}
    rows = [i for i, f in enumerate(frames) for _ in f]
    cols = [vocab[c] for f in frames for c in f]
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(vocab), 1)))
    return normalize(matrix).tocsr()


def _with_context(matrix, groups, weight) -> sp.csr_matrix:
    """Add ``weight`` times the previous and next rows of the same group, then L2-normalise."""
    g = np.asarray(groups)
    n = len(g)
    same_next = np.flatnonzero(g[1:] == g[:-1])  # i and i + 1 share a group
    rows = np.concatenate([np.arange(n), same_next, same_next + 1])
    cols = np.concatenate([np.arange(n), same_next + 1, same_next])
    vals = np.concatenate([np.ones(n), np.full(2 * len(same_next), weight)])
    shift = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
    return normalize(shift @ matrix).tocsr()


def _tfidf(analyzer, docs, *, char=False) -> sp.csr_matrix:
    if char:
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    else:
        vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    try:
        return vec.fit_transform(docs).tocsr()
    except ValueError:  # empty vocabulary
        return sp.csr_matrix((len(docs), 1))


#: Above this many sentences :func:`top_k_neighbours` searches approximately by default.
EXACT_UP_TO = 50_000
#: The values of ``search`` (see :func:`top_k_neighbours`).
SEARCHES = ("auto", "exact", "approximate")


def check_search(search: str) -> None:
    """Raise ValueError unless ``search`` is one of :data:`SEARCHES`."""
    if search not in SEARCHES:
        raise ValueError(f"search must be 'auto', 'exact' or 'approximate', not {search!r}")


def top_k_neighbours(vectors: ClaimVectors, *, k=10, min_similarity=0.0, docs=None, chunk_size=None,
                     search="auto", n_probe=20, random_state=config.RANDOM_STATE) -> sp.csr_matrix:
    """Sparse graph of each sentence's ``k`` most similar other sentences.

    Candidates (``3 k`` per sentence) come from the word and LSA blocks,
    whose products are cheap; they are then rescored with the full
    similarity (concepts and character n-grams included) and the best ``k``
    at or above ``min_similarity`` are kept. With ``docs`` (the document of
    each sentence), only sentences of other documents are neighbours. The
    graph is symmetrised with the maximum.

    Two searches find the candidates:

    * ``"exact"``: every sentence against every other, ``chunk_size`` rows
      at a time (by default as many as keep a block near 10 million cells).
      Memory stays linear in the number of sentences, time grows with its
      square.
    * ``"approximate"``: an inverted-file search. The LSA vectors are
      grouped into about ``2 sqrt(n)`` cells by k-means; the sentences of a
      cell are compared only with those of the ``n_probe`` cells whose
      centres are closest to its own (itself included), so time grows with
      ``n`` times ``sqrt(n)``.
      A neighbour that lies in none of those cells is missed
      (``benchmarks/bench_claims.py`` measures how many).

    ``"auto"`` (the default) is exact up to :data:`EXACT_UP_TO` sentences.

    Examples
    --------
    >>> v = claim_vectors(["Men hide feelings.", "Guys hide their feelings.", "Buy milk."])
    >>> top_k_neighbours(v, k=1, min_similarity=0.2).nnz
    2
    """
    check_search(search)
    n = len(vectors)
    codes = None if docs is None else np.unique(np.asarray(docs), return_inverse=True)[1]
    kk = min(3 * k, n - 1)
    if kk <= 0:
        return sp.csr_matrix((n, n))
    if search == "approximate" or (search == "auto" and n > EXACT_UP_TO):
        rows, cols = _inverted_file_candidates(vectors, kk, codes, n_probe, random_state)
    else:
        rows, cols = _exact_candidates(vectors, kk, codes, chunk_size)
    return _best_k(vectors, rows, cols, k, min_similarity, n)


class _Search:
    """The word and LSA blocks (float32), whose products rank the candidates."""

    def __init__(self, vectors: ClaimVectors):
        self.search, self.dense = vectors.search, vectors.dense.astype(np.float32)
        self.search_t, self.dense_t = self.search.T.tocsc(), self.dense.T

    def scores(self, rows, cols=None) -> np.ndarray:
        """Word + LSA similarity of ``rows`` to ``cols`` (to every sentence when None)."""
        search_t, dense_t = (self.search_t, self.dense_t) if cols is None else (
            self.search_t[:, cols], self.dense_t[:, cols])
        return (self.search[rows] @ search_t).toarray().astype(np.float32) + self.dense[rows] @ dense_t


def _exact_candidates(vectors, kk, codes, chunk_size):
    n = len(vectors)
    chunk = chunk_size or max(16, int(1e7 // max(n, 1)))
    search = _Search(vectors)
    rows, cols = [], []
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        block = search.scores(slice(lo, hi))
        block[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf
        found = _take_best(block, np.arange(lo, hi), np.arange(n), kk, codes)
        rows.append(found[0])
        cols.append(found[1])
    return np.concatenate(rows), np.concatenate(cols)


def _take_best(block, rows, cols, take, codes):
    """``(row, column)`` sentence pairs of the ``take`` best scores in each row of ``block``.

    ``rows`` and ``cols`` are the sentences of the block's rows and columns;
    cells of -inf (the sentence itself) and, with ``codes``, pairs from one
    document are never taken.
    """
    if codes is not None:
        block[codes[rows, None] == codes[None, cols]] = -np.inf
    idx = np.argpartition(-block, take - 1, axis=1)[:, :take]
    ok = np.isfinite(np.take_along_axis(block, idx, axis=1))
    return np.repeat(rows, take)[ok.ravel()], cols[idx[ok]]


def _inverted_file_candidates(vectors, kk, codes, n_probe, random_state):
    """Each sentence's ``kk`` best candidates in the ``n_probe`` cells nearest its own (itself included)."""
    from sklearn.cluster import MiniBatchKMeans

    n = len(vectors)
    search = _Search(vectors)
    n_cells = int(min(max(2 * np.sqrt(n), 1), n))
    kmeans = MiniBatchKMeans(n_clusters=n_cells, random_state=random_state, n_init=1,
                             batch_size=4096).fit(search.dense)
    centres = kmeans.cluster_centers_.astype(np.float64)
    home = kmeans.labels_
    probe = min(n_probe, n_cells)
    squares = (centres ** 2).sum(axis=1)
    distance = squares[:, None] + squares[None, :] - 2 * centres @ centres.T
    np.fill_diagonal(distance, -np.inf)  # a cell's own members first
    near = np.argsort(distance, axis=1, kind="stable")[:, :probe]
    order = np.argsort(home, kind="stable")
    bounds = np.searchsorted(home[order], np.arange(n_cells + 1))
    rows, cols = [], []
    for cell in range(n_cells):
        queries = order[bounds[cell]:bounds[cell + 1]]
        if not len(queries):
            continue
        members = np.concatenate([order[bounds[c]:bounds[c + 1]] for c in near[cell]])
        take = min(kk, len(members) - 1)
        if take <= 0:
            continue
        step = max(1, int(1e7 // len(members)))
        for lo in range(0, len(queries), step):
            q = queries[lo:lo + step]
            block = search.scores(q, members)
            block[q[:, None] == members[None, :]] = -np.inf
            found = _take_best(block, q, members, take, codes)
            rows.append(found[0])
            cols.append(found[1])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _best_k(vectors, rows, cols, k, min_similarity, n) -> sp.csr_matrix:
    """Rescore candidate pairs exactly; keep each row's best ``k`` at or above the floor."""
    sims = np.concatenate([vectors.pair_similarity(rows[i:i + 20_000], cols[i:i + 20_000])
                           for i in range(0, len(rows), 20_000)]) if len(rows) else np.zeros(0)
    sims = np.round(sims, 10)
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = (rank < k) & (sims >= min_similarity)
    graph = sp.csr_matrix((sims[keep], (rows[keep], cols[keep])), shape=(n, n))
    return graph.maximum(graph.T).tocsr()
