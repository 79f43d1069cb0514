"""Registered figures and tables of the topic models (notebook 02).

The default model is NMF on paragraphs with k chosen by
:func:`analysis.topics.choose_k`; LDA is fitted at the same k to compare.
"""
from __future__ import annotations

import pandas as pd

from .. import topics
from ..plots.topics import (plot_k_selection, plot_topic_position, plot_topic_prevalence,
                            plot_topic_stability, plot_topic_terms)
from . import register

NOTEBOOK = "02-topics.ipynb"
#: Runs per k and per stability estimate, and the candidate numbers of topics.
SEEDS = 5
KS = range(2, 13)


def default_models(corpus):
    """The default NMF model and an LDA model with the same k."""
    nmf = topics.fit_topics(corpus, method="nmf")
    return nmf, topics.fit_topics(corpus, nmf.k, method="lda")


@register("topic_model_selection", notebook=NOTEBOOK,
          caption="NPMI, UMass, diversity, stability across seeds and LDA perplexity against k (circle: chosen k)")
def topic_model_selection(corpus):
    table = pd.concat([topics.select_k(corpus, KS, seeds=SEEDS, method=m) for m in ("nmf", "lda")],
                      ignore_index=True)
    axes = plot_k_selection(table)
    scored, n_all = int(table["n_units"].max()), topics.unit_matrix(corpus, "paragraph")[1].shape[0]
    if scored < n_all:
        axes[0].figure.suptitle(f"scored on a random sample of {scored:,} of {n_all:,} paragraphs", fontsize=9)
    return table, axes


@register("topic_top_terms", notebook=NOTEBOOK,
          caption="Top 10 terms per NMF topic by weight (titles: top 3 FREX terms)")
def topic_top_terms(corpus):
    nmf, _ = default_models(corpus)
    return nmf.terms, plot_topic_terms(nmf.terms, labels=nmf.labels)


@register("topic_prevalence", notebook=NOTEBOOK,
          caption="Article x topic prevalence (NMF, paragraph weights by length)")
def topic_prevalence(corpus):
    nmf, _ = default_models(corpus)
    return nmf.prevalence, plot_topic_prevalence(nmf.prevalence)


@register("topic_position", notebook=NOTEBOOK,
          caption="NMF topic share of each paragraph along each article (first 12 articles)")
def topic_position(corpus):
    nmf, _ = default_models(corpus)
    table = topics.topic_position(nmf)
    return table, plot_topic_position(table)


@register("topic_stability", notebook=NOTEBOOK,
          caption="Each topic's best-match cosine in runs with four other seeds (NMF and LDA)")
def topic_stability(corpus):
    table = pd.concat([topics.seed_stability(m, seeds=SEEDS) for m in default_models(corpus)],
                      ignore_index=True)
    return table, plot_topic_stability(table)


@register("topic_method_matching", notebook=NOTEBOOK,
          caption="NMF topics matched to LDA topics at the same k (table)")
def topic_method_matching(corpus):
    return topics.match_topics(*default_models(corpus)), None
