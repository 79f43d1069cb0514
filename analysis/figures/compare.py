"""Registered figures comparing articles across every facet (notebook 06)."""
from __future__ import annotations

from .. import compare
from ..plots.compare import plot_article_dendrogram, plot_facet_overview, plot_profile_cards
from . import register

NOTEBOOK = "06-comparison.ipynb"


@register("profile_cards", notebook=NOTEBOOK,
          caption="One card per article: framing codes, topics, repeated claims shared, sources")
def profile_cards(corpus):
    table = compare.profile_card_table(corpus)
    return table, plot_profile_cards(table)


@register("facet_overview", notebook=NOTEBOOK,
          caption="Articles x facets: length, topics, frames, stance, claims, sources")
def facet_overview(corpus):
    table = compare.facet_overview(corpus)
    return table, plot_facet_overview(table)


@register("combined_dendrogram", notebook=NOTEBOOK,
          caption="Articles clustered on the combined distance over topics, frames, claims and sources")
def combined_dendrogram(corpus):
    table = compare.article_linkage(compare.article_distance(corpus))
    return table, plot_article_dendrogram(table)


@register("combined_distance", notebook=NOTEBOOK,
          caption="Distance between every pair of articles per facet and combined (table)")
def combined_distance(corpus):
    return compare.article_distance(corpus), None


@register("article_profiles", notebook=NOTEBOOK, caption="One profile row per article (table)")
def article_profiles(corpus):
    return compare.article_profiles(corpus), None
