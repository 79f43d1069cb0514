"""Modelling units and their unit x term matrix.

With a handful of articles, a document-level topic model is meaningless, so
topics are fitted on smaller units cut from the sentence table:

* ``"paragraph"``: every non-heading paragraph (default);
* ``"sentence"``: every non-heading sentence;
* ``"window"``: runs of ``window`` consecutive non-heading sentences of an
  article (they may cross paragraph breaks).

Headings are left out: they are short, repeat the article's keywords and
would form topics of their own. Units with no term left after vectorizing
(only stop words or rare words) are dropped.

Examples
--------
>>> import pandas as pd
>>> from analysis import Corpus
>>> c = Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["One. Two.\\n\\nThree."]}))
>>> topic_units(c, "sentence")[["unit_id", "doc_id", "text"]].values.tolist()
[[0, 'a', 'One.'], [1, 'a', 'Two.'], [2, 'a', 'Three.']]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..tokens import Analyzer, make_vectorizer

UNITS = ("paragraph", "sentence", "window")
UNIT_COLUMNS = ["unit_id", "doc_id", "para_id", "sent_id", "start", "end", "n_tokens", "text"]
#: Vectorizer defaults: a term must occur in two units and in at most 95% of them.
VECTORIZER_DEFAULTS = {"min_df": 2, "max_df": 0.95}


def topic_units(corpus, unit: str = "paragraph", *, window: int = 3) -> pd.DataFrame:
    """Cut the corpus into modelling units with offsets.

    Parameters
    ----------
    corpus : Corpus
    unit : {"paragraph", "sentence", "window"}
    window : int
        Sentences per unit when ``unit="window"``.

    Returns
    -------
    DataFrame
        ``unit_id`` (0..n-1 in corpus order), ``doc_id``, ``para_id`` and
        ``sent_id`` (of the unit's first sentence), ``start``, ``end``
        (offsets into ``corpus.raw[doc_id]``), ``n_tokens`` (0 here; filled
        by :func:`unit_matrix`), ``text``.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    if window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    sents = corpus.sentences.loc[~corpus.sentences["is_heading"].astype(bool)]
    if unit == "paragraph":
        key = sents["para_id"].to_numpy()
    elif unit == "sentence":
        key = sents["sent_id"].to_numpy()
    else:
        key = sents.groupby("doc_id", sort=False).cumcount().to_numpy() // window
    grouped = sents.assign(_key=key).groupby(["doc_id", "_key"], sort=False)
    units = grouped.agg(para_id=("para_id", "first"), sent_id=("sent_id", "first"),
                        start=("start", "min"), end=("end", "max")).reset_index()
    raw = corpus.raw
    units["text"] = [raw[d][a:b] for d, a, b in
                     units[["doc_id", "start", "end"]].itertuples(index=False)]
    units["n_tokens"] = 0
    units["unit_id"] = np.arange(len(units))
    return units[UNIT_COLUMNS]


def unit_matrix(corpus, unit: str = "paragraph", *, window: int = 3, **vectorizer_options):
    """Units and their sparse unit x term count matrix (cached on the corpus).

    Parameters
    ----------
    corpus : Corpus
    unit, window
        As in :func:`topic_units`.
    **vectorizer_options
        Passed to :func:`analysis.tokens.make_vectorizer` (``min_df``,
        ``max_df``, ``max_features``, ...); defaults ``VECTORIZER_DEFAULTS``.

    Returns
    -------
    units : DataFrame
        :func:`topic_units` rows that kept at least one term, renumbered,
        with ``n_tokens`` = the unit's number of in-vocabulary tokens.
    X : scipy.sparse.csr_matrix
        Counts, one row per unit, one column per term (stem).
    vectorizer : CountVectorizer
        Fitted, with a :class:`~analysis.tokens.Analyzer`;
        ``vectorizer.analyzer.display(stem)`` gives a real word.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> units, X, vec = unit_matrix(load_corpus())
    >>> X.shape[0] == len(units)
    True
    """
    options = {**VECTORIZER_DEFAULTS, **vectorizer_options}
    key = matrix_key(unit, window=window, **vectorizer_options)
    return corpus.cached(key, lambda: _vectorize(corpus, unit, window, options))


def matrix_key(unit: str = "paragraph", *, window: int = 3, **vectorizer_options) -> tuple:
    """The cache key of :func:`unit_matrix` for these options (hashable)."""
    options = {**VECTORIZER_DEFAULTS, **vectorizer_options}
    return ("topic_unit_matrix", unit, window if unit == "window" else None,
            tuple(sorted((k, repr(v)) for k, v in options.items())))


def _vectorize(corpus, unit, window, options):
    units = topic_units(corpus, unit, window=window)
    if units.empty:
        raise ValueError("the corpus has no non-heading sentences to model")
    vectorizer = make_vectorizer("count", analyzer=Analyzer(), **options)
    try:
        X = vectorizer.fit_transform(units["text"]).tocsr()
    except ValueError as exc:  # empty vocabulary after pruning
        limits = {k: options[k] for k in ("min_df", "max_df") if k in options}
        raise ValueError(f"no terms left to model in {len(units)} {unit} units with {limits} "
                         f"(scikit-learn: {exc}); lower min_df or use more text") from None
    n_tokens = np.asarray(X.sum(axis=1)).ravel()
    keep = n_tokens > 0
    units = units.loc[keep].reset_index(drop=True)
    units["n_tokens"] = n_tokens[keep]
    units["unit_id"] = np.arange(len(units))
    return units, X[keep], vectorizer


def display_terms(vectorizer) -> np.ndarray:
    """A real surface word for every column of the vectorizer's vocabulary."""
    stems = vectorizer.get_feature_names_out()
    analyzer = vectorizer.analyzer
    shown = analyzer.display_map() if hasattr(analyzer, "display_map") else {}
    return np.array([" ".join(shown.get(s, s) for s in term.split(" ")) for term in stems], dtype=object)
