"""The scikit-learn estimators behind the topic models, fitted and cached.

* NMF is fitted on TF-IDF weights (``TfidfTransformer``, l2-normalised rows)
  from a random non-negative start (``init="random"``), so that the seed
  matters and stability across seeds means something.
* LDA is fitted on raw counts: batch variational Bayes below
  ``ONLINE_FROM`` units (up to 50 iterations, stopping early when the
  training perplexity, checked every 5, changes by less than 0.1), and
  online variational Bayes above (5 passes, mini-batches of 2,048 units).

Both return the topic-term matrix with rows scaled to sum to 1 and the
unit-topic matrix with rows scaled to sum to 1 (all-zero rows stay zero).

Examples
--------
>>> import scipy.sparse as sp
>>> X = sp.csr_matrix([[2, 1, 0, 0], [3, 1, 0, 0], [0, 0, 2, 2], [0, 0, 1, 3]])
>>> fit = fit_components(X, 2, method="nmf", random_state=0)
>>> fit.components.shape, round(float(fit.components.sum()), 6)
((2, 4), 2.0)
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfTransformer

METHODS = ("nmf", "lda")
#: LDA switches from batch to online variational Bayes at this many units.
ONLINE_FROM = 5_000
#: Default iterations: NMF (coordinate descent) and LDA (batch, online).
MAX_ITER = {"nmf": 400, "lda": 50, "lda_online": 5}


@dataclass
class Fit:
    """A fitted estimator with its normalised outputs."""

    estimator: object
    transformer: object | None
    components: np.ndarray  # topics x terms, rows sum to 1
    doc_topic: np.ndarray   # units x topics, rows sum to 1 (or 0)


def _normalize_rows(a: np.ndarray) -> np.ndarray:
    sums = a.sum(axis=1, keepdims=True)
    return np.divide(a, sums, out=np.zeros_like(a, dtype=float), where=sums > 0)


def make_estimator(method: str, k: int, *, random_state, n_units: int, max_iter=None):
    """An unfitted NMF or LDA estimator with this module's settings."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if method == "nmf":
        return NMF(n_components=k, init="random", solver="cd", max_iter=max_iter or MAX_ITER["nmf"],
                   tol=1e-4, random_state=random_state)
    online = n_units >= ONLINE_FROM
    iters = max_iter or MAX_ITER["lda_online" if online else "lda"]
    return LatentDirichletAllocation(
        n_components=k, learning_method="online" if online else "batch", max_iter=iters,
        batch_size=2048, evaluate_every=-1 if online else 5, perp_tol=0.1,
        random_state=random_state)


def fit_components(X, k: int, *, method: str = "nmf", random_state=None, max_iter=None) -> Fit:
    """Fit NMF or LDA with ``k`` topics on the unit x term counts ``X``."""
    if not 1 <= k <= min(X.shape):
        raise ValueError(f"k={k} topics is not possible with a {X.shape[0]} x {X.shape[1]} matrix")
    estimator = make_estimator(method, k, random_state=random_state, n_units=X.shape[0],
                               max_iter=max_iter)
    transformer = TfidfTransformer() if method == "nmf" else None
    data = transformer.fit_transform(X) if transformer is not None else X
    # A perfect fit (k as large as the matrix's rank, as on a tiny corpus) leaves NMF's
    # reconstruction error a rounding error below zero, and its square root warns.
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        W = estimator.fit_transform(data)
    return Fit(estimator, transformer, _normalize_rows(estimator.components_), _normalize_rows(W))


def cached_fit(corpus, matrix_key, X, k, *, method, random_state, max_iter=None) -> Fit:
    """:func:`fit_components`, memoised on the corpus under ``matrix_key``."""
    key = ("topic_fit", matrix_key, k, method, random_state, max_iter)
    return corpus.cached(key, lambda: fit_components(X, k, method=method, random_state=random_state,
                                                     max_iter=max_iter))
