"""Plotting: one ``plot_*`` function per figure; only plots and figures import matplotlib.

Every function takes a tidy table and an optional Axes (``axes`` for small
multiples), draws, and returns the Axes. It makes a new figure only when no
Axes is given, computes nothing beyond sorting, and never saves (the
:mod:`analysis.figures` registry saves). A function that draws one row,
column or panel per article draws the first :data:`MAX_ARTICLES` of them
(:data:`MAX_PANELS` for small multiples; ``max_articles=None`` draws all),
and its figure's title says so when articles are left out.

Examples
--------
>>> from analysis import load_corpus, overview, plots
>>> ax = plots.plot_article_stats(overview.article_stats(load_corpus()), metric="n_words")
>>> ax.get_xlabel()
'words'
"""
from ._style import MAX_ARTICLES, MAX_PANELS, doc_labels, new_axes, new_grid
from .claims import plot_claim_matrix, plot_repeated_phrases, plot_threshold_curve
from .compare import plot_article_dendrogram, plot_facet_overview, plot_profile_card, plot_profile_cards
from .framing import (plot_causes_remedies, plot_frame_dendrogram, plot_frame_heatmap,
                      plot_frame_positions, plot_stance_profile)
from .overview import plot_article_stats, plot_collocations, plot_keyness, plot_similarity
from .sources import plot_authority_mix, plot_source_matrix, plot_source_roles
from .topics import (plot_k_selection, plot_topic_position, plot_topic_prevalence,
                     plot_topic_stability, plot_topic_terms)

__all__ = [
    "MAX_ARTICLES", "MAX_PANELS", "doc_labels", "new_axes", "new_grid",
    "plot_article_stats", "plot_collocations", "plot_keyness", "plot_similarity",
    "plot_k_selection", "plot_topic_position", "plot_topic_prevalence", "plot_topic_stability",
    "plot_topic_terms",
    "plot_causes_remedies", "plot_frame_dendrogram", "plot_frame_heatmap", "plot_frame_positions",
    "plot_stance_profile",
    "plot_claim_matrix", "plot_repeated_phrases", "plot_threshold_curve",
    "plot_authority_mix", "plot_source_matrix", "plot_source_roles",
    "plot_article_dendrogram", "plot_facet_overview", "plot_profile_card", "plot_profile_cards",
]
