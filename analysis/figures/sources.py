"""Registered figures and tables of cited sources (notebook 05)."""
from __future__ import annotations

from .. import config, sources
from ..plots.sources import plot_authority_mix, plot_source_matrix, plot_source_roles
from ..validate import covers, not_hand_coded
from ..validate.sources import read_gold, validate_sources
from . import register

NOTEBOOK = "05-cited-sources.ipynb"


@register("source_matrix", notebook=NOTEBOOK,
          caption="Article x source matrix; marker = strongest attribution, size = mentions")
def source_matrix(corpus):
    table = sources.article_source_matrix(sources.detect_sources(corpus))
    return table, plot_source_matrix(table, doc_ids=corpus.doc_ids)


@register("authority_mix", notebook=NOTEBOOK,
          caption="Share of sentences backed by a named source, an anonymous appeal, or nothing")
def authority_mix(corpus):
    table = sources.authority_mix(corpus)
    return table, plot_authority_mix(table)


@register("source_roles", notebook=NOTEBOOK, caption="Roles the articles give the people they cite")
def source_roles(corpus):
    table = sources.role_table(sources.detect_sources(corpus))
    return table, plot_source_roles(table)


@register("source_table", notebook=NOTEBOOK,
          caption="Every cited source per article: kind, role, mentions, quotes (table)")
def source_table(corpus):
    return sources.source_table(sources.detect_sources(corpus)), None


@register("sources_validation", notebook=NOTEBOOK,
          caption="Cited sources against the hand-coded seeds: precision, recall, F1 (table)")
def sources_validation(corpus):
    """Skipped (ValueError) when the corpus is not the hand-coded one or the annotation is missing."""
    if not covers(corpus, config.SOURCES_GOLD_PATH):
        raise ValueError(not_hand_coded(config.SOURCES_GOLD_PATH))
    return validate_sources(sources.detect_sources(corpus), read_gold(config.SOURCES_GOLD_PATH),
                            doc_ids=corpus.doc_ids), None
