"""``fit_topics`` and the :class:`TopicModel` it returns, with its tables.

Examples
--------
>>> from analysis import load_corpus
>>> model = fit_topics(load_corpus(), 4)
>>> model.terms.columns.tolist()
['topic', 'rank', 'term', 'stem', 'weight', 'frex']
>>> model.prevalence.groupby("doc_id")["prevalence"].sum().round(6).unique().tolist()
[1.0]
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import rankdata
from sklearn.pipeline import Pipeline

from .. import config
from .estimators import cached_fit
from .selection import _split_options, select_k, choose_k
from .units import display_terms, matrix_key, unit_matrix

#: Terms kept per topic in ``TopicModel.terms``.
N_TERMS = 20
#: Weight of exclusivity in FREX (stm's default).
FREX_WEIGHT = 0.5


@dataclass(eq=False)
class TopicModel:
    """A fitted topic model and its tidy tables.

    Attributes
    ----------
    k, method, unit, random_state : as fitted
    k_reason : str
        How ``k`` was chosen (the :func:`choose_k` rule, or "given").
    units : DataFrame
        The modelling units (:func:`analysis.topics.units.unit_matrix`).
    terms : DataFrame
        ``topic``, ``rank`` (by ``weight``), ``term`` (a real word), ``stem``,
        ``weight`` (topic-term weight, each topic's row summing to 1 over the
        vocabulary), ``frex`` (harmonic mean of the within-topic percentile
        of exclusivity and of weight). Top ``N_TERMS`` per topic.
    doc_topics : DataFrame
        ``unit_id``, ``doc_id``, ``topic``, ``weight`` (each unit's weights sum to 1).
    prevalence : DataFrame
        ``doc_id``, ``topic``, ``label``, ``prevalence``: unit weights
        averaged over each article, weighted by the unit's token count.
    labels : Series
        Topic -> its top three FREX terms joined by " / ".
    vectorizer_, transformer_, model_ : fitted scikit-learn objects
        ``CountVectorizer``; ``TfidfTransformer`` (NMF) or None (LDA); the
        NMF or LDA estimator. ``pipeline_`` chains them.
    components_ : ndarray (k x terms), doc_topic_ : ndarray (units x k), dtm_ : sparse counts
    """

    k: int
    method: str
    unit: str
    random_state: int
    k_reason: str
    units: pd.DataFrame
    vectorizer_: object
    transformer_: object
    model_: object
    components_: np.ndarray
    doc_topic_: np.ndarray
    dtm_: object
    options: dict = field(default_factory=dict)
    corpus_: object = field(default=None, repr=False)

    def __post_init__(self):
        self.terms_ = display_terms(self.vectorizer_)
        self.frex_ = frex(self.components_)
        self.terms = self._terms_table()
        self.labels = pd.Series({t: " / ".join(self.terms_[i] for i in idx)
                                 for t, idx in enumerate(self.top_terms(3, by="frex"))}, name="label")
        self.doc_topics = self._doc_topics_table()
        self.prevalence = self._prevalence_table()

    def __repr__(self) -> str:
        return (f"TopicModel(method={self.method!r}, k={self.k}, unit={self.unit!r}, "
                f"{len(self.units)} units, {len(self.terms_)} terms)")

    @property
    def pipeline_(self) -> Pipeline:
        """The fitted vectorizer, weighting and estimator as one ``Pipeline``."""
        steps = [("vectorizer", self.vectorizer_)]
        if self.transformer_ is not None:
            steps.append(("tfidf", self.transformer_))
        return Pipeline(steps + [(self.method, self.model_)])

    def top_terms(self, n: int = 10, *, by: str = "weight") -> list[np.ndarray]:
        """Column indices of each topic's ``n`` best terms by ``weight`` or ``frex``."""
        scores = {"weight": self.components_, "frex": self.frex_}[by]
        return [np.argsort(-row, kind="stable")[:n] for row in scores]

    def coherence(self, n: int = 10) -> pd.DataFrame:
        """``topic``, ``label``, ``npmi``, ``umass`` of each topic's top-``n`` terms."""
        from .quality import npmi_coherence, umass_coherence
        top = self.top_terms(n)
        return pd.DataFrame({"topic": range(self.k), "label": self.labels.values,
                             "npmi": npmi_coherence(top, self.dtm_),
                             "umass": umass_coherence(top, self.dtm_)})

    def _terms_table(self) -> pd.DataFrame:
        stems = self.vectorizer_.get_feature_names_out()
        idx = np.vstack(self.top_terms(min(N_TERMS, self.components_.shape[1])))
        topic = np.repeat(np.arange(self.k), idx.shape[1])
        flat = idx.ravel()
        return pd.DataFrame({"topic": topic, "rank": np.tile(np.arange(1, idx.shape[1] + 1), self.k),
                             "term": self.terms_[flat], "stem": stems[flat],
                             "weight": self.components_[topic, flat], "frex": self.frex_[topic, flat]})

    def _doc_topics_table(self) -> pd.DataFrame:
        n = len(self.units)
        return pd.DataFrame({"unit_id": np.repeat(self.units["unit_id"].to_numpy(), self.k),
                             "doc_id": np.repeat(self.units["doc_id"].to_numpy(), self.k),
                             "topic": np.tile(np.arange(self.k), n),
                             "weight": self.doc_topic_.ravel()})

    def _prevalence_table(self) -> pd.DataFrame:
        size = self.units["n_tokens"].to_numpy(dtype=float)
        weighted = pd.DataFrame(self.doc_topic_ * size[:, None]).groupby(self.units["doc_id"].to_numpy()).sum()
        totals = pd.Series(size).groupby(self.units["doc_id"].to_numpy()).sum()
        shares = weighted.div(totals, axis=0)
        table = shares.stack().rename("prevalence").rename_axis(["doc_id", "topic"]).reset_index()
        table["label"] = table["topic"].map(self.labels)
        return (table[["doc_id", "topic", "label", "prevalence"]]
                .sort_values(["doc_id", "topic"]).reset_index(drop=True))


def frex(components: np.ndarray, *, weight: float = FREX_WEIGHT) -> np.ndarray:
    """FREX score of every topic and term (Bischof and Airoldi 2012; stm).

    The harmonic mean of the within-topic percentile (ECDF) of the term's
    exclusivity ``beta[k, v] / sum_k beta[k, v]`` and of its weight ``beta[k, v]``.
    """
    beta = np.asarray(components, dtype=float)
    col = beta.sum(axis=0, keepdims=True)
    excl = np.divide(beta, col, out=np.zeros_like(beta), where=col > 0)
    n = beta.shape[1]
    e_excl = np.vstack([rankdata(r, method="max") / n for r in excl])
    e_freq = np.vstack([rankdata(r, method="max") / n for r in beta])
    return 1.0 / (weight / e_excl + (1 - weight) / e_freq)


def fit_topics(corpus, k=None, *, method="nmf", unit="paragraph",
               random_state=config.RANDOM_STATE, **options) -> TopicModel:
    """Fit an NMF or LDA topic model on paragraphs, sentences or sentence windows.

    Parameters
    ----------
    corpus : Corpus
    k : int, optional
        Number of topics. None: chosen by :func:`select_k` (default ks and
        seeds) with the rule of :func:`choose_k`; ``model.k_reason`` says why.
    method : {"nmf", "lda"}
        NMF on TF-IDF, or LDA on counts (see :mod:`analysis.topics.estimators`).
    unit : {"paragraph", "sentence", "window"}
        The modelling unit (:func:`analysis.topics.units.topic_units`).
    random_state : int
    **options
        ``window`` (sentences per window), ``max_iter``, and vectorizer
        options (``min_df``, ``max_df``, ``max_features``...).

    Returns
    -------
    TopicModel
        Fitted once per set of arguments and cached on the corpus.

    Notes
    -----
    ``k=None`` costs ``len(ks) * seeds`` fits (55 by default): seconds on a
    few hundred paragraphs. Above :data:`~analysis.topics.selection.MAX_UNITS`
    units they are fitted on a random sample of that many, so their cost
    stops growing with the corpus; the model itself is fitted on every unit.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> model = fit_topics(load_corpus(), 4, method="lda")
    >>> model.doc_topics.groupby("unit_id")["weight"].sum().round(6).eq(1).all()
    np.True_
    """
    if k is None:
        table = select_k(corpus, method=method, unit=unit, random_state=random_state, **options)
        k, reason = choose_k(table)
    else:
        k, reason = int(k), "given"
    window, max_iter, vec_options = _split_options(options)
    key = ("fit_topics", k, reason, method, unit, random_state,
           matrix_key(unit, window=window, **vec_options), max_iter)
    return corpus.cached(key, lambda: _build(corpus, k, reason, method, unit, random_state, options))


def _build(corpus, k, reason, method, unit, random_state, options):
    window, max_iter, vec_options = _split_options(options)
    units, X, vectorizer = unit_matrix(corpus, unit, window=window, **vec_options)
    fit = cached_fit(corpus, matrix_key(unit, window=window, **vec_options), X, k, method=method,
                     random_state=random_state, max_iter=max_iter)
    return TopicModel(k, method, unit, random_state, reason, units, vectorizer, fit.transformer,
                      fit.estimator, fit.components, fit.doc_topic, X, dict(options), corpus)


def representative_units(model: TopicModel, topic: int, n: int = 3, *, min_tokens: int = 5) -> pd.DataFrame:
    """The ``n`` units that carry ``topic`` most.

    Units are ranked by their share of ``topic``, then by length (many short
    units have a share of exactly 1). Units with fewer than ``min_tokens``
    kept tokens are skipped while enough longer ones carry the topic, since
    their share rests on one or two words.

    Returns
    -------
    DataFrame
        ``topic``, ``rank``, ``unit_id``, ``doc_id``, ``start``, ``end``,
        ``weight`` (the unit's share of ``topic``), ``n_tokens``, ``text``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> representative_units(fit_topics(load_corpus(), 4), 0, n=2)["rank"].tolist()
    [1, 2]
    """
    if not 0 <= topic < model.k:
        raise ValueError(f"topic must be in 0..{model.k - 1}, not {topic}")
    weights = model.doc_topic_[:, topic]
    size = model.units["n_tokens"].to_numpy()
    enough = int(((weights > 0) & (size >= min_tokens)).sum()) >= n
    demote = (size < min_tokens) if enough else np.zeros(len(weights), dtype=bool)
    order = np.lexsort((np.arange(len(weights)), -size, -weights, demote))[:n]
    out = model.units.iloc[order][["unit_id", "doc_id", "start", "end", "n_tokens", "text"]].copy()
    out.insert(0, "topic", topic)
    out.insert(1, "rank", np.arange(1, len(out) + 1))
    out.insert(6, "weight", weights[order])
    return out.reset_index(drop=True)


def topic_position(model: TopicModel) -> pd.DataFrame:
    """Topic shares along each article, unit by unit in reading order.

    Returns
    -------
    DataFrame
        ``doc_id``, ``position`` (0, 1, ... within the article), ``unit_id``,
        ``start``, ``end``, ``topic``, ``label``, ``weight``.
    """
    units = model.units
    position = units.groupby("doc_id", sort=False).cumcount().to_numpy()
    table = model.doc_topics.merge(units[["unit_id", "start", "end"]], on="unit_id")
    table["position"] = np.repeat(position, model.k)
    table["label"] = table["topic"].map(model.labels)
    cols = ["doc_id", "position", "unit_id", "start", "end", "topic", "label", "weight"]
    return table[cols].sort_values(["doc_id", "position", "topic"]).reset_index(drop=True)


def topic_table(corpus, k=None, *, method: str = "nmf") -> pd.DataFrame:
    """Per-article topic prevalence of a paragraph model (default: NMF, k by :func:`choose_k`).

    Returns ``model.prevalence`` with ``method`` and ``k`` columns added:
    ``doc_id``, ``topic``, ``label``, ``prevalence``, ``method``, ``k``.
    """
    model = fit_topics(corpus, k, method=method)
    return model.prevalence.assign(method=model.method, k=model.k)
