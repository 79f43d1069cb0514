"""Registered figures and tables of the corpus overview (notebook 01)."""
from __future__ import annotations

from .. import overview
from ..plots.overview import plot_article_stats, plot_collocations, plot_keyness, plot_similarity
from . import register

NOTEBOOK = "01-corpus-overview.ipynb"


@register("article_stats", notebook=NOTEBOOK,
          caption="Length, sentence length, lexical diversity (MATTR) and reading ease per article")
def article_stats(corpus):
    table = overview.article_stats(corpus)
    return table, plot_article_stats(table)


@register("keyness", notebook=NOTEBOOK,
          caption="Each article's most overused words against the other articles (G², log ratio)")
def keyness(corpus):
    table = overview.keyness(corpus)
    return table, plot_keyness(table)


@register("article_similarity", notebook=NOTEBOOK,
          caption="TF-IDF cosine similarity between articles")
def article_similarity(corpus):
    table = overview.similarity(corpus)
    return table, plot_similarity(table)


@register("collocations", notebook=NOTEBOOK,
          caption="Two-word collocations by log-likelihood ratio (PMI in the table)")
def collocations(corpus):
    table = overview.collocations(corpus)
    return table, plot_collocations(table)


@register("documents", notebook=NOTEBOOK, caption="The articles: title, author, counts (table)")
def documents(corpus):
    return corpus.documents.drop(columns=["path"]), None


@register("removed_spans", notebook=NOTEBOOK, caption="Every span cleaning removed, with its reason (table)")
def removed_spans(corpus):
    return corpus.removed, None
