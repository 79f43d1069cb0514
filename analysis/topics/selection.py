"""Choosing the number of topics, and stability across random seeds.

:func:`select_k` fits every ``k`` with several seeds (``random_state``,
``random_state + 1``, ...) and scores each k; :func:`choose_k` applies the
default rule:

    Among the ks whose mean topic diversity is at least ``min_diversity``
    (0.7), take the k with the highest mean of its percentile ranks on NPMI
    and on stability; ties go to the smaller k. When no k reaches the
    diversity floor, every k is eligible.

NPMI measures whether a topic's words are used together; stability
whether the topic comes back when the seed changes; the diversity floor
rules out ks whose topics repeat the same words.

On a corpus of more than :data:`MAX_UNITS` units the scores are computed on
a random sample of that many units (seeded by ``random_state``; the table's
``n_units`` says how many), so that choosing k costs ``len(ks) * seeds``
fits of bounded size however large the corpus; the chosen model is then
fitted on every unit.

Examples
--------
>>> from analysis import load_corpus
>>> table = select_k(load_corpus(), ks=[2, 3], seeds=2)
>>> table.columns.tolist()
['k', 'method', 'n_units', 'npmi', 'umass', 'diversity', 'stability', 'perplexity', 'chosen']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import config
from .estimators import cached_fit, fit_components
from .quality import (TOP_N, match_components, npmi_coherence, stability, topic_diversity,
                      umass_coherence)
from .units import matrix_key, unit_matrix

MIN_DIVERSITY = 0.7
HELD_OUT = 0.2
#: Most units :func:`select_k` scores; above, a seeded random sample of this many.
MAX_UNITS = 5_000


def _split_options(options):
    options = dict(options)
    window = options.pop("window", 3)
    max_iter = options.pop("max_iter", None)
    return window, max_iter, options


def seed_fits(corpus, k, *, method="nmf", unit="paragraph", seeds=5,
              random_state=config.RANDOM_STATE, **options):
    """Fit ``k`` topics with ``seeds`` seeds; return ``(X, [Fit, ...])`` (cached fits)."""
    window, max_iter, vec_options = _split_options(options)
    _, X, _ = unit_matrix(corpus, unit, window=window, **vec_options)
    key = matrix_key(unit, window=window, **vec_options)
    return X, _fits(corpus, key, X, k, method, seeds, random_state, max_iter)


def _fits(corpus, key, X, k, method, seeds, random_state, max_iter):
    return [cached_fit(corpus, key, X, k, method=method, random_state=random_state + i,
                       max_iter=max_iter) for i in range(seeds)]


def sample_units(n: int, max_units: int | None, random_state: int) -> np.ndarray | None:
    """Sorted indices of a seeded random sample of ``max_units`` of ``n`` units (None: take all).

    Examples
    --------
    >>> sample_units(10, 20, 0) is None
    True
    >>> sample_units(10, 3, 0).tolist() == sample_units(10, 3, 0).tolist()
    True
    """
    if max_units is None or n <= max_units:
        return None
    if max_units < 1:
        raise ValueError(f"max_units must be at least 1, got {max_units}")
    return np.sort(np.random.default_rng(random_state).choice(n, size=int(max_units), replace=False))


def _top(components, n=TOP_N):
    return [np.argsort(-row, kind="stable")[:n] for row in components]


def _perplexity(X, k, *, random_state, max_iter):
    rng = np.random.default_rng(random_state)
    test = rng.random(X.shape[0]) < HELD_OUT
    if test.sum() == 0 or (~test).sum() < k:
        return np.nan
    fit = fit_components(X[~test], k, method="lda", random_state=random_state, max_iter=max_iter)
    return float(fit.estimator.perplexity(X[test]))


def select_k(corpus, ks=range(2, 13), *, seeds=5, method="nmf", unit="paragraph",
             random_state=config.RANDOM_STATE, max_units: int | None = MAX_UNITS,
             **options) -> pd.DataFrame:
    """Score every number of topics in ``ks``; the rule of :func:`choose_k` marks one.

    Parameters
    ----------
    corpus : Corpus
    ks : iterable of int
        Candidate numbers of topics (ks larger than the number of units are skipped).
    seeds : int
        Runs per k, with seeds ``random_state + i``.
    method, unit, random_state, **options
        As in :func:`analysis.topics.fit_topics`.
    max_units : int or None
        Score on a seeded random sample of this many units when there are
        more (None: always every unit).

    Returns
    -------
    DataFrame
        One row per k: ``k``, ``method``, ``n_units`` (units scored: all,
        or the sample), ``npmi`` and ``umass`` (mean over
        topics and runs, top-10 terms, co-occurrence in units), ``diversity``
        (mean over runs), ``stability`` (mean best-match cosine over all pairs
        of runs; NaN with one seed), ``perplexity`` (LDA only: held-out
        perplexity of a model fitted on 80% of the units), ``chosen``.
        Cached on the corpus.
    """
    ks = tuple(sorted(set(int(k) for k in ks)))
    window, max_iter, vec_options = _split_options(options)
    max_units = None if max_units is None else int(max_units)
    key = ("select_k", ks, seeds, method, unit, random_state, max_iter,
           matrix_key(unit, window=window, **vec_options), max_units)
    return corpus.cached(key, lambda: _select_k(corpus, ks, seeds, method, unit, random_state,
                                                max_units, options)).copy()


def _select_k(corpus, ks, seeds, method, unit, random_state, max_units, options):
    window, max_iter, vec_options = _split_options(options)
    _, X, _ = unit_matrix(corpus, unit, window=window, **vec_options)
    key = matrix_key(unit, window=window, **vec_options)
    sample = sample_units(X.shape[0], max_units, random_state)
    if sample is not None:  # fits of the sample are cached apart from those of every unit
        X, key = X[sample], (*key, ("sample", len(sample), random_state))
    rows = []
    for k in ks:
        if k > min(X.shape):
            continue
        fits = _fits(corpus, key, X, k, method, seeds, random_state, max_iter)
        tops = [_top(f.components) for f in fits]
        rows.append({
            "k": k, "method": method, "n_units": X.shape[0],
            "npmi": float(np.mean([npmi_coherence(t, X).mean() for t in tops])),
            "umass": float(np.mean([umass_coherence(t, X).mean() for t in tops])),
            "diversity": float(np.mean([topic_diversity([list(x) for x in t]) for t in tops])),
            "stability": stability([f.components for f in fits]) if seeds > 1 else np.nan,
            "perplexity": (_perplexity(X, k, random_state=random_state, max_iter=max_iter)
                           if method == "lda" else np.nan),
        })
    if not rows:
        raise ValueError(f"no k in {list(ks)} fits a matrix of {X.shape[0]} units x {X.shape[1]} terms")
    table = pd.DataFrame(rows)
    chosen, _ = choose_k(table)
    table["chosen"] = table["k"] == chosen
    return table


def choose_k(table: pd.DataFrame, *, min_diversity: float = MIN_DIVERSITY) -> tuple[int, str]:
    """Apply the default rule (module docstring) to a :func:`select_k` table.

    Returns ``(k, reason)``, the reason in words.

    Examples
    --------
    >>> t = pd.DataFrame({"k": [2, 3, 4], "npmi": [0.1, 0.3, 0.2],
    ...                   "stability": [0.9, 0.95, 0.8], "diversity": [1.0, 0.9, 0.6]})
    >>> choose_k(t)[0]
    3
    """
    eligible = table.loc[table["diversity"] >= min_diversity]
    floor = f"diversity >= {min_diversity:g}"
    if eligible.empty:
        eligible, floor = table, f"no k reached diversity {min_diversity:g}, so all ks"
    score = eligible["npmi"].rank(pct=True)
    if eligible["stability"].notna().any():
        score = (score + eligible["stability"].rank(pct=True)) / 2
    order = pd.DataFrame({"k": eligible["k"], "score": score}).sort_values(
        ["score", "k"], ascending=[False, True])
    k = int(order["k"].iloc[0])
    row = table.loc[table["k"] == k].iloc[0]
    reason = (f"k={k}: highest mean percentile rank of NPMI and stability among "
              f"k in {table['k'].min()}..{table['k'].max()} with {floor} "
              f"(NPMI {row['npmi']:.3f}, stability {row['stability']:.3f}, "
              f"diversity {row['diversity']:.2f})")
    return k, reason


def seed_stability(model, *, seeds=5) -> pd.DataFrame:
    """How well each topic of ``model`` comes back in runs with other seeds.

    Parameters
    ----------
    model : TopicModel
        The reference run (its ``random_state`` is seed 0).
    seeds : int
        Total runs including the reference; the others use
        ``random_state + 1 ...``.

    Returns
    -------
    DataFrame
        ``method``, ``run`` (1..seeds-1), ``topic`` and ``label`` of the
        reference, ``similarity``: cosine with its Hungarian match in that
        run. Sorted by run and topic.
    """
    X, fits = seed_fits(model.corpus_, model.k, method=model.method, unit=model.unit,
                        seeds=seeds, random_state=model.random_state, **model.options)
    rows = []
    for run, fit in enumerate(fits[1:], 1):
        ref, other, sims = match_components(model.components_, fit.components)
        rows += [(model.method, run, int(t), model.labels[int(t)], float(s)) for t, s in zip(ref, sims)]
    cols = ["method", "run", "topic", "label", "similarity"]
    return pd.DataFrame(rows, columns=cols).sort_values(["run", "topic"]).reset_index(drop=True)
